package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.TrainingData;

class CsrMatrixTest {

  @Test
  void mergesRepeatedPairsAndDropsZeroWeightEvents() {
    TrainingData d =
        TrainingData.builder(3, 4)
            .interactions(
                new int[] {0, 2, 0, 0, 2, 1},
                new int[] {3, 1, 1, 3, 1, 0},
                new long[] {5, 1, 2, 9, 3, 4},
                new float[] {1, 2, 0.5f, 2, 1, 0})
            .build();
    CsrMatrix m = CsrMatrix.userItems(d, null);
    assertArrayEquals(new int[] {0, 2, 2, 3}, m.ptr);
    assertArrayEquals(new int[] {3, 1, 1}, m.idx);
    assertArrayEquals(new float[] {3, 0.5f, 3}, m.val);
    CsrMatrix t = m.transpose(null);
    assertArrayEquals(new int[] {0, 0, 2, 2, 3}, t.ptr);
    assertArrayEquals(new int[] {0, 2, 0}, t.idx);
    assertArrayEquals(new float[] {0.5f, 3, 3}, t.val);
    CsrMatrix withoutUser2 = m.transpose(new boolean[] {false, false, true});
    assertArrayEquals(new int[] {0, 0, 1, 1, 2}, withoutUser2.ptr);
  }

  @Test
  void recencyWeighsEventsByHowManyNewerEventsTheUserHas() {
    // User 0's events out of time order: item 2 (t=30) is newest, then item 1 (t=20), item 0.
    TrainingData d =
        TrainingData.builder(1, 3)
            .interactions(
                new int[] {0, 0, 0},
                new int[] {2, 0, 1},
                new long[] {30, 10, 20},
                new float[] {1, 1, 1})
            .build();
    CsrMatrix m = CsrMatrix.userItems(d, newer -> 1f / (1 + newer));
    assertArrayEquals(new int[] {0, 1, 2}, m.idx);
    assertArrayEquals(new float[] {1f / 3, 0.5f, 1f}, m.val);
  }

  @Test
  void percentileBandsUseNearestRankAndKeepEverythingAtTheExtremes() {
    // Row lengths 1, 2, 3, 4, 10 and one empty row.
    int[][] rows = {{0}, {0, 1}, {0, 1, 2}, {0, 1, 2, 3}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {}};
    int[] ptr = new int[rows.length + 1];
    for (int r = 0; r < rows.length; r++) {
      ptr[r + 1] = ptr[r] + rows[r].length;
    }
    int[] idx = new int[ptr[rows.length]];
    for (int r = 0, e = 0; r < rows.length; r++) {
      for (int c : rows[r]) {
        idx[e++] = c;
      }
    }
    CsrMatrix m = new CsrMatrix(rows.length, 10, ptr, idx, new float[idx.length]);
    assertArrayEquals(new boolean[6], m.rowsOutsidePercentiles(0, 1));
    assertArrayEquals(
        new boolean[] {false, false, false, false, true, false}, m.rowsOutsidePercentiles(0, 0.8));
    assertArrayEquals(
        new boolean[] {true, false, false, false, false, false}, m.rowsOutsidePercentiles(0.3, 1));
    assertEquals(
        6,
        m.without(
                new boolean[6],
                new boolean[] {true, false, false, false, false, false, false, false, false, false})
            .rows);
  }
}
