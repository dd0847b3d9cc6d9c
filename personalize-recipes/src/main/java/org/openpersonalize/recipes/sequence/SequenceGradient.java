package org.openpersonalize.recipes.sequence;

import java.util.Arrays;

/**
 * Parameter gradients of one shard of a mini-batch: the rows after the item embeddings are dense
 * and always present; item rows are allocated when first touched and listed, so reduction and
 * clearing visit only those (a mini-batch touches a few hundred of possibly millions of items).
 */
final class SequenceGradient {
  final float[][] rows;
  final int numItems;
  final int d;
  final int[] touched;
  final boolean[] isTouched;
  int numTouched;

  SequenceGradient(SequenceEncoder enc) {
    this(enc.numItems, enc.numRows, enc.d);
  }

  SequenceGradient(int numItems, int numRows, int d) {
    this.numItems = numItems;
    this.d = d;
    this.rows = new float[numRows][];
    for (int r = numItems; r < numRows; r++) {
      rows[r] = new float[d];
    }
    this.touched = new int[numItems];
    this.isTouched = new boolean[numItems];
  }

  float[] dense(int r) {
    return rows[r];
  }

  float[] item(int i) {
    if (!isTouched[i]) {
      isTouched[i] = true;
      touched[numTouched++] = i;
      if (rows[i] == null) {
        rows[i] = new float[d];
      }
    }
    return rows[i];
  }

  void clear() {
    for (int c = 0; c < numTouched; c++) {
      int i = touched[c];
      isTouched[i] = false;
      Arrays.fill(rows[i], 0f);
    }
    numTouched = 0;
    for (int r = numItems; r < rows.length; r++) {
      Arrays.fill(rows[r], 0f);
    }
  }
}
