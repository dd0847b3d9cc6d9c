package org.openpersonalize.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UserHistoryTest {

  @Test
  void factoriesLeaveTheUserUnknown() {
    assertEquals(-1, UserHistory.empty().userIdx());
    assertEquals(-1, UserHistory.of(new int[] {1}, null, null, null, 1).userIdx());
    assertEquals(-1, UserHistory.view(new int[] {1}, null, null, null, 1).userIdx());
  }

  @Test
  void withUserIdxKeepsTheEventsAndSetsTheUser() {
    int[] items = {4, 2, 7};
    float[] weights = {1f, 0.5f, 2f};
    long[] times = {10, 20, 20};
    String[] types = {"click", null, "buy"};
    UserHistory h = UserHistory.of(items, weights, times, types, 3);
    UserHistory mine = h.withUserIdx(5);
    assertEquals(5, mine.userIdx());
    assertEquals(-1, h.userIdx(), "the original is unchanged");
    assertEquals(3, mine.size());
    assertArrayEquals(items, mine.items());
    assertArrayEquals(weights, mine.weights());
    for (int e = 0; e < 3; e++) {
      assertEquals(times[e], mine.timestamp(e));
      assertEquals(types[e], mine.eventType(e));
    }
    assertSame(mine, mine.withUserIdx(5));
    assertEquals(-1, mine.withUserIdx(-1).userIdx());
  }

  @Test
  void aViewWithAUserStillSharesTheCallersBuffers() {
    int[] items = {1, 2};
    UserHistory v = UserHistory.view(items, null, null, null, 2).withUserIdx(0);
    items[1] = 9;
    assertEquals(9, v.itemIdx(1));
  }

  @Test
  void withUserIdxRejectsANegativeIndexOtherThanMinusOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UserHistory.empty().withUserIdx(-2));
    assertEquals("userIdx must be >= 0, or -1 for unknown; got: -2", e.getMessage());
  }
}
