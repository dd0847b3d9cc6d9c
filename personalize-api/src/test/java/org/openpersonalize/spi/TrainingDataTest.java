package org.openpersonalize.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TrainingDataTest {

  @Test
  void keepsCopiesSoCallersCannotChangeTrainedData() {
    int[] users = {0, 1, 1};
    int[] items = {2, 0, 1};
    long[] ts = {10, 30, 20};
    float[] w = {1, 0.5f, 0};
    TrainingData data =
        TrainingData.builder(2, 3)
            .interactions(users, items, ts, w)
            .itemCategorical("GENRES", 2, new int[] {0, 1, 3, 3}, new int[] {0, 0, 1})
            .itemNumeric("PRICE", new float[] {1f, Float.NaN, 3f})
            .itemCreationTimestamps(new long[] {1, 2, 3})
            .userCategorical("TIER", 1, new int[] {0, 0, 1}, new int[] {0})
            .build();
    users[0] = 1;
    w[0] = 9;
    assertEquals(0, data.userIdx(0));
    assertEquals(1f, data.weight(0));
    assertEquals(3, data.numInteractions());
    assertEquals(30, data.latestTimestamp());
    TrainingData.CategoricalColumn genres = data.itemCategoricalColumns().get(0);
    assertEquals("GENRES", genres.name());
    assertEquals(3, genres.numRows());
    assertEquals(1, genres.start(1));
    assertEquals(3, genres.end(1));
    assertEquals(1, genres.value(2));
    assertTrue(Float.isNaN(data.itemNumericColumns().get(0).value(1)));
    assertEquals(2, data.itemCreationTimestamp(1));
    assertEquals(1, data.userCategoricalColumns().get(0).end(1));
    assertTrue(data.userNumericColumns().isEmpty());
  }

  @Test
  void emptyInteractionsAreAllowedHereAndMissingOnesAreNot() {
    TrainingData empty =
        TrainingData.builder(0, 0)
            .interactions(new int[0], new int[0], new long[0], new float[0])
            .build();
    assertEquals(0, empty.numInteractions());
    assertEquals(0, empty.latestTimestamp());
    assertFalse(empty.hasItemCreationTimestamps());
    assertThrows(IllegalStateException.class, () -> empty.itemCreationTimestamp(0));
    assertMessage(
        "interactions must be set, even if empty; got: none",
        () -> TrainingData.builder(1, 1).build());
  }

  @Test
  void interactionColumnsAreCheckedWithPositionAndRule() {
    TrainingData.Builder b = TrainingData.builder(2, 3);
    assertMessage("numUsers must be >= 0; got: -1", () -> TrainingData.builder(-1, 0));
    assertMessage(
        "itemIdx.length must be userIdx.length = 2; got: 1",
        () -> b.interactions(new int[2], new int[1], new long[2], new float[2]));
    assertMessage(
        "userIdx[1] must be in [0, 2); got: 2",
        () -> b.interactions(new int[] {0, 2}, new int[2], new long[2], new float[2]));
    assertMessage(
        "itemIdx[0] must be in [0, 3); got: -1",
        () -> b.interactions(new int[2], new int[] {-1, 0}, new long[2], new float[2]));
    assertMessage(
        "weight[0] must be finite and >= 0; got: NaN",
        () -> b.interactions(new int[2], new int[2], new long[2], new float[] {Float.NaN, 1}));
    assertMessage(
        "weight[1] must be finite and >= 0; got: -1.0",
        () -> b.interactions(new int[2], new int[2], new long[2], new float[] {1, -1}));
  }

  @Test
  void metadataColumnsAreCheckedWithColumnNameAndRule() {
    TrainingData.Builder b = TrainingData.builder(2, 3);
    assertMessage(
        "item column GENRES offsets.length must be numItems + 1 = 4; got: 3",
        () -> b.itemCategorical("GENRES", 2, new int[3], new int[0]));
    assertMessage(
        "item column GENRES offsets[2] must be >= offsets[1] = 2; got: 1",
        () -> b.itemCategorical("GENRES", 2, new int[] {0, 2, 1, 2}, new int[2]));
    assertMessage(
        "item column GENRES offsets[3] must be valueIdx.length = 3; got: 2",
        () -> b.itemCategorical("GENRES", 2, new int[] {0, 1, 2, 2}, new int[3]));
    assertMessage(
        "item column GENRES valueIdx[1] must be in [0, 2); got: 2",
        () -> b.itemCategorical("GENRES", 2, new int[] {0, 1, 2, 2}, new int[] {0, 2}));
    assertMessage(
        "user column AGE values.length must be numUsers = 2; got: 3",
        () -> b.userNumeric("AGE", new float[3]));
    assertMessage(
        "user column AGE[1] must be finite or NaN; got: Infinity",
        () -> b.userNumeric("AGE", new float[] {1, Float.POSITIVE_INFINITY}));
    b.itemNumeric("PRICE", new float[3]);
    assertMessage(
        "item column names must be unique; got: PRICE twice",
        () -> b.itemCategorical("PRICE", 0, new int[4], new int[0]));
  }

  @Test
  void timestampsTakeAnyLongAndTheLatestOfPre1970DataIsNegative() {
    TrainingData data =
        TrainingData.builder(1, 3)
            .interactions(
                new int[] {0, 0},
                new int[] {0, 1},
                new long[] {-1_349_049_600L, -94_694_400L},
                new float[] {1, 1})
            .itemCreationTimestamps(new long[] {Long.MIN_VALUE, -5, Long.MAX_VALUE})
            .build();
    assertEquals(-94_694_400L, data.latestTimestamp());
    assertEquals(Long.MIN_VALUE, data.itemCreationTimestamp(0));
    assertEquals(Long.MAX_VALUE, data.itemCreationTimestamp(2));
  }

  private static void assertMessage(String expected, Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
