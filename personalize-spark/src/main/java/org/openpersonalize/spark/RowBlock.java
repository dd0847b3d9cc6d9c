package org.openpersonalize.spark;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * One partition's rows of the interaction matrix (users × items or items × users) in compressed-row
 * form, with the rows' current factors: the unit a Spark task solves. Rows are global indices in
 * ascending order; entries of a row are ascending columns with {@code c − 1 = α·w}. The structure
 * is built once and shared by every iteration's copy; only {@code state} changes.
 */
final class RowBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[] rows;
  final int[] ptr;
  final int[] idx;
  final float[] cm1;

  /** Rows left out of the solves by the history-length percentiles, or null for none. */
  final boolean[] skip;

  /** The rows' factors, {@code rows.length × k}, or null before the first solve. */
  final float[] state;

  RowBlock(int[] rows, int[] ptr, int[] idx, float[] cm1, boolean[] skip, float[] state) {
    this.rows = rows;
    this.ptr = ptr;
    this.idx = idx;
    this.cm1 = cm1;
    this.skip = skip;
    this.state = state;
  }

  /**
   * Builds a block from rows {@code (row, col, cm1[, skip])} sorted by row then column.
   *
   * @param withSkip whether the fourth column is the row's skip flag
   */
  static RowBlock of(Iterator<Row> sorted, boolean withSkip) {
    IntBuf rows = new IntBuf();
    IntBuf ptr = new IntBuf();
    IntBuf idx = new IntBuf();
    FloatBuf val = new FloatBuf();
    java.util.BitSet skip = new java.util.BitSet();
    int last = -1;
    while (sorted.hasNext()) {
      Row r = sorted.next();
      int row = r.getInt(0);
      if (row != last) {
        if (withSkip && r.getBoolean(3)) {
          skip.set(rows.size);
        }
        rows.add(row);
        ptr.add(idx.size);
        last = row;
      }
      idx.add(r.getInt(1));
      val.add(r.getFloat(2));
    }
    ptr.add(idx.size);
    boolean[] skipped = null;
    if (withSkip) {
      skipped = new boolean[rows.size];
      for (int i = skip.nextSetBit(0); i >= 0; i = skip.nextSetBit(i + 1)) {
        skipped[i] = true;
      }
    }
    return new RowBlock(rows.trim(), ptr.trim(), idx.trim(), val.trim(), skipped, null);
  }

  /** A copy of the structure with new factors. */
  RowBlock withState(float[] newState) {
    return new RowBlock(rows, ptr, idx, cm1, skip, newState);
  }

  /** A growable int array, so building a block boxes nothing. */
  static final class IntBuf {
    int[] a = new int[1024];
    int size;

    void add(int v) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    int[] trim() {
      return java.util.Arrays.copyOf(a, size);
    }
  }

  /** A growable float array. */
  static final class FloatBuf {
    float[] a = new float[1024];
    int size;

    void add(float v) {
      if (size == a.length) {
        a = java.util.Arrays.copyOf(a, a.length * 2);
      }
      a[size++] = v;
    }

    float[] trim() {
      return java.util.Arrays.copyOf(a, size);
    }
  }
}
