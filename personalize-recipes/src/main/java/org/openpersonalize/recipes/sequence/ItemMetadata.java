package org.openpersonalize.recipes.sequence;

import java.util.Arrays;
import java.util.List;
import org.openpersonalize.spi.TrainingData;

/**
 * Item metadata as encoder input for HRNN-Metadata and HRNN-Coldstart: every value of every
 * categorical Items field (a genre, a brand) gets an embedding row, and an item's effective
 * embedding — what the encoder reads and what scores it as the next item — is its own ID embedding
 * plus the mean of its values' rows. Items that share values then share part of their vector, so an
 * item with few interactions borrows from the well-observed items of its kind.
 *
 * <p>A <em>cold</em> item (HRNN-Coldstart) drops its ID embedding altogether and is represented by
 * its metadata alone, in training as at serving; the metadata rows are thereby trained to place
 * items the model has hardly seen, which is what gives new items meaningful vectors.
 *
 * <p>The value rows live after the encoder's rows in the trainer's parameter array; {@link
 * #effective} rebuilds the effective item rows from them before each step, and {@link
 * #backpropagate} sends the item-row gradients back to the ID and value rows. A trained model
 * stores the effective rows only, so serving is the plain encoder.
 */
final class ItemMetadata {
  final int numItems;
  final int numValues;

  /** Item {@code i}'s value rows are {@code rows[start[i] .. start[i+1])}, relative. */
  final int[] start;

  final int[] rows;
  final boolean[] cold;
  final int numCold;

  private ItemMetadata(int numItems, int numValues, int[] start, int[] rows, boolean[] cold) {
    this.numItems = numItems;
    this.numValues = numValues;
    this.start = start;
    this.rows = rows;
    this.cold = cold;
    int c = 0;
    for (boolean b : cold) {
      if (b) {
        c++;
      }
    }
    this.numCold = c;
  }

  /** Whether the data has any categorical item column to learn from. */
  static boolean available(TrainingData data) {
    return !data.itemCategoricalColumns().isEmpty();
  }

  /** Every categorical item column's values as rows; no cold items. */
  static ItemMetadata of(TrainingData data) {
    return of(data, new boolean[data.numItems()]);
  }

  static ItemMetadata of(TrainingData data, boolean[] cold) {
    int numItems = data.numItems();
    List<TrainingData.CategoricalColumn> cols = data.itemCategoricalColumns();
    int[] start = new int[numItems + 1];
    int total = 0;
    for (TrainingData.CategoricalColumn c : cols) {
      for (int i = 0; i < Math.min(numItems, c.numRows()); i++) {
        start[i + 1] += c.end(i) - c.start(i);
      }
    }
    for (int i = 0; i < numItems; i++) {
      start[i + 1] += start[i];
    }
    int[] rows = new int[start[numItems]];
    int[] fill = Arrays.copyOf(start, numItems);
    int offset = 0;
    for (TrainingData.CategoricalColumn c : cols) {
      for (int i = 0; i < Math.min(numItems, c.numRows()); i++) {
        for (int p = c.start(i); p < c.end(i); p++) {
          rows[fill[i]++] = offset + c.value(p);
        }
      }
      offset += c.numValues();
    }
    total = offset;
    return new ItemMetadata(numItems, total, start, rows, cold.clone());
  }

  /**
   * The cold items of HRNN-Coldstart (spec §3.3): fewer than {@code maxInteractions} interactions
   * and younger than {@code maxDurationDays} at the reference point — the newest item's creation
   * time ({@code latestItem}) or the data's present ({@code currentTime}, the engine's reference
   * time). Without creation timestamps an item is as old as its first interaction, and an item
   * nobody touched is new (spec §2.2).
   */
  static boolean[] coldItems(
      TrainingData data, int maxInteractions, double maxDurationDays, boolean fromLatestItem) {
    int numItems = data.numItems();
    int[] count = new int[numItems];
    long[] first = new long[numItems];
    Arrays.fill(first, Long.MAX_VALUE);
    for (int k = 0; k < data.numInteractions(); k++) {
      if (data.weight(k) > 0) {
        int i = data.itemIdx(k);
        count[i]++;
        first[i] = Math.min(first[i], data.timestamp(k));
      }
    }
    long[] created = new long[numItems];
    for (int i = 0; i < numItems; i++) {
      if (data.hasItemCreationTimestamps()) {
        created[i] = data.itemCreationTimestamp(i);
      } else {
        created[i] = first[i] == Long.MAX_VALUE ? data.latestTimestamp() : first[i];
      }
    }
    long reference = data.latestTimestamp();
    if (fromLatestItem) {
      reference = Long.MIN_VALUE;
      for (int i = 0; i < numItems; i++) {
        reference = Math.max(reference, created[i]);
      }
    }
    double maxSeconds = maxDurationDays * 86_400.0;
    boolean[] cold = new boolean[numItems];
    for (int i = 0; i < numItems; i++) {
      double age = (double) reference - (double) created[i];
      cold[i] = count[i] < maxInteractions && age < maxSeconds;
    }
    return cold;
  }

  /**
   * Writes item {@code i}'s effective embedding into {@code out[i]} for every item: the ID row
   * {@code prm[i]} (left out for a cold item with metadata) plus the mean of its value rows, which
   * start at {@code prm[valueRow]}.
   */
  void effective(float[][] prm, int valueRow, float[][] out, int d) {
    SeqKernelSupport kr = SeqKernels.get();
    for (int i = 0; i < numItems; i++) {
      float[] o = out[i];
      int n = start[i + 1] - start[i];
      if (n == 0 || !cold[i]) {
        System.arraycopy(prm[i], 0, o, 0, d);
      } else {
        Arrays.fill(o, 0, d, 0f);
      }
      if (n > 0) {
        float inv = 1f / n;
        for (int p = start[i]; p < start[i + 1]; p++) {
          kr.axpy(inv, prm[valueRow + rows[p]], o, d);
        }
      }
    }
  }

  /**
   * Turns the gradient of the effective item rows touched in {@code g} into gradients of the value
   * rows (dense, from {@code valueRow}) and of the ID rows; a cold item's ID row gets none.
   */
  void backpropagate(SequenceGradient g, int valueRow) {
    SeqKernelSupport kr = SeqKernels.get();
    for (int c = 0; c < g.numTouched; c++) {
      int i = g.touched[c];
      float[] gi = g.rows[i];
      int n = start[i + 1] - start[i];
      if (n > 0) {
        float inv = 1f / n;
        for (int p = start[i]; p < start[i + 1]; p++) {
          kr.axpy(inv, gi, g.rows[valueRow + rows[p]], g.d);
        }
        if (cold[i]) {
          Arrays.fill(gi, 0f);
        }
      }
    }
  }
}
