package org.openpersonalize.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NextInteractionHarnessTest {

  private static NextInteractionHarness.Log log(String[] users, long[] times) {
    String[] items = new String[users.length];
    String[] values = new String[users.length];
    for (int e = 0; e < users.length; e++) {
      items[e] = "i" + e;
      values[e] = "5";
    }
    return new NextInteractionHarness.Log(
        "test", users, items, times, values, null, null, null, Map.of());
  }

  @Test
  void latestTenPercentPerUserIsHeldOutWithAtLeastOneAndTiesInFileOrder() {
    // User a: 12 events, round(1.2) = 1 held out; the latest time (9) occurs twice, and the later
    // of the two in the file is the latest. User b: 25 events, round(2.5) = 3 (half up) held out.
    // User c: a single event keeps it for training.
    String[] users = new String[38];
    long[] times = new long[38];
    for (int e = 0; e < 12; e++) {
      users[e] = "a";
      times[e] = e < 10 ? e : 9;
    }
    for (int e = 12; e < 37; e++) {
      users[e] = "b";
      times[e] = 100 - e; // file order is newest first
    }
    users[37] = "c";
    times[37] = 0;
    boolean[] test = NextInteractionHarness.holdOut(log(users, times), 0.1, false);
    boolean[] expected = new boolean[38];
    expected[11] = true;
    expected[12] = true;
    expected[13] = true;
    expected[14] = true;
    assertArrayEquals(expected, test);
  }

  @Test
  void leaveLastOneOutHoldsOutExactlyTheLatestEventOfEachUser() {
    String[] users = {"a", "b", "a", "b", "a"};
    long[] times = {3, 1, 2, 1, 1};
    boolean[] test = NextInteractionHarness.holdOut(log(users, times), 0.1, true);
    assertArrayEquals(new boolean[] {true, false, false, true, false}, test);
  }
}
