package org.openpersonalize.recipes;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import org.openpersonalize.spi.TrainingData;

/**
 * A sparse matrix in compressed-row form: the entries of row {@code r} are columns {@code idx[e]}
 * with values {@code val[e]} for {@code e} in {@code [ptr[r], ptr[r+1])}. Every recipe here turns
 * the event columns of {@link TrainingData} into one of these (users × items, one entry per
 * distinct pair) and its transpose, so that training loops walk contiguous primitive arrays.
 */
final class CsrMatrix {
  final int rows;
  final int cols;
  final int[] ptr;
  final int[] idx;
  final float[] val;

  CsrMatrix(int rows, int cols, int[] ptr, int[] idx, float[] val) {
    this.rows = rows;
    this.cols = cols;
    this.ptr = ptr;
    this.idx = idx;
    this.val = val;
  }

  int length(int row) {
    return ptr[row + 1] - ptr[row];
  }

  int nnz() {
    return ptr[rows];
  }

  /** Weight multiplier of an event with {@code newer} later events by the same user. */
  interface Recency {
    float weight(int newer);
  }

  /**
   * Users × items with one entry per distinct (user, item) pair whose value is the sum of its
   * events' weights, each multiplied by {@code recency} of its position in the user's history.
   * Events of weight 0 are dropped. Within a row, items appear in order of first interaction.
   *
   * @param recency position weighting, or {@code null} for none (then no sorting by time is done)
   */
  static CsrMatrix userItems(TrainingData data, Recency recency) {
    int numUsers = data.numUsers();
    int numItems = data.numItems();
    int n = data.numInteractions();
    // Group the positive events by user with a counting sort, which keeps event order.
    int[] evPtr = new int[numUsers + 1];
    for (int k = 0; k < n; k++) {
      if (data.weight(k) > 0) {
        evPtr[data.userIdx(k) + 1]++;
      }
    }
    for (int u = 0; u < numUsers; u++) {
      evPtr[u + 1] += evPtr[u];
    }
    int[] events = new int[evPtr[numUsers]];
    int[] fill = evPtr.clone();
    for (int k = 0; k < n; k++) {
      if (data.weight(k) > 0) {
        events[fill[data.userIdx(k)]++] = k;
      }
    }
    // Merge repeated items of a user; slot[] maps an item to its entry in the current row, valid
    // when mark[item] holds the current user's stamp.
    int[] mark = new int[numItems];
    int[] slot = new int[numItems];
    int[] ptr = new int[numUsers + 1];
    int[] idx = new int[events.length];
    float[] val = new float[events.length];
    int out = 0;
    for (int u = 0; u < numUsers; u++) {
      int from = evPtr[u];
      int to = evPtr[u + 1];
      if (recency != null && to - from > 1) {
        IntArrays.quickSort(
            events,
            from,
            to,
            (a, b) -> {
              int c = Long.compare(data.timestamp(a), data.timestamp(b));
              return c != 0 ? c : Integer.compare(a, b);
            });
      }
      int stamp = u + 1;
      for (int e = from; e < to; e++) {
        int k = events[e];
        int item = data.itemIdx(k);
        float w = data.weight(k);
        if (recency != null) {
          w *= recency.weight(to - 1 - e);
        }
        if (mark[item] != stamp) {
          mark[item] = stamp;
          slot[item] = out;
          idx[out] = item;
          val[out] = 0;
          out++;
        }
        val[slot[item]] += w;
      }
      ptr[u + 1] = out;
    }
    return new CsrMatrix(numUsers, numItems, ptr, Arrays.copyOf(idx, out), Arrays.copyOf(val, out));
  }

  /**
   * The transpose, leaving out rows marked in {@code excludedRows}. Entries of each new row are in
   * ascending order of their old row.
   *
   * @param excludedRows rows to leave out, or {@code null} for none
   */
  CsrMatrix transpose(boolean[] excludedRows) {
    int[] tptr = new int[cols + 1];
    for (int r = 0; r < rows; r++) {
      if (excludedRows == null || !excludedRows[r]) {
        for (int e = ptr[r]; e < ptr[r + 1]; e++) {
          tptr[idx[e] + 1]++;
        }
      }
    }
    for (int c = 0; c < cols; c++) {
      tptr[c + 1] += tptr[c];
    }
    int[] tidx = new int[tptr[cols]];
    float[] tval = new float[tptr[cols]];
    int[] fill = tptr.clone();
    for (int r = 0; r < rows; r++) {
      if (excludedRows == null || !excludedRows[r]) {
        for (int e = ptr[r]; e < ptr[r + 1]; e++) {
          int p = fill[idx[e]]++;
          tidx[p] = r;
          tval[p] = val[e];
        }
      }
    }
    return new CsrMatrix(cols, rows, tptr, tidx, tval);
  }

  /**
   * A copy without the excluded rows' entries and the excluded columns' entries (the shape stays).
   */
  CsrMatrix without(boolean[] excludedRows, boolean[] excludedCols) {
    int[] nptr = new int[rows + 1];
    int[] nidx = new int[nnz()];
    float[] nval = new float[nnz()];
    int out = 0;
    for (int r = 0; r < rows; r++) {
      if (!excludedRows[r]) {
        for (int e = ptr[r]; e < ptr[r + 1]; e++) {
          if (!excludedCols[idx[e]]) {
            nidx[out] = idx[e];
            nval[out] = val[e];
            out++;
          }
        }
      }
      nptr[r + 1] = out;
    }
    return new CsrMatrix(rows, cols, nptr, Arrays.copyOf(nidx, out), Arrays.copyOf(nval, out));
  }

  /**
   * Marks rows whose length lies outside the {@code [minPercentile, maxPercentile]} band of the
   * lengths of non-empty rows, the percentile filtering of Amazon's featurization (spec §3): the
   * cut-offs are nearest-rank percentiles, a row is dropped when strictly shorter than the lower or
   * strictly longer than the upper one, so 0.0 and 1.0 drop nothing.
   *
   * @return a mask with {@code true} for dropped rows; empty rows are never marked
   */
  boolean[] rowsOutsidePercentiles(double minPercentile, double maxPercentile) {
    int nonEmpty = 0;
    for (int r = 0; r < rows; r++) {
      if (length(r) > 0) {
        nonEmpty++;
      }
    }
    boolean[] dropped = new boolean[rows];
    if (nonEmpty == 0) {
      return dropped;
    }
    int[] lengths = new int[nonEmpty];
    for (int r = 0, i = 0; r < rows; r++) {
      if (length(r) > 0) {
        lengths[i++] = length(r);
      }
    }
    Arrays.sort(lengths);
    int lo = lengths[nearestRank(minPercentile, nonEmpty)];
    int hi = lengths[nearestRank(maxPercentile, nonEmpty)];
    for (int r = 0; r < rows; r++) {
      int len = length(r);
      dropped[r] = len > 0 && (len < lo || len > hi);
    }
    return dropped;
  }

  private static int nearestRank(double p, int n) {
    return (int) Math.max(0, Math.min(n - 1, Math.ceil(p * n) - 1));
  }
}
