package org.openpersonalize.recipes;

import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.TopK;

/** Helpers of the segmentation recipes' tests: a segment and how much of it has one taste. */
final class SegmentTests {
  private SegmentTests() {}

  /** The {@code k} best users of a score buffer, best first. */
  static int[] top(float[] scores, int k) {
    TopK top = new TopK(k);
    top.offerAll(scores, 0, scores.length);
    int[] out = new int[k];
    return java.util.Arrays.copyOf(out, top.drainTo(out, null));
  }

  /** How many of {@code users} have favourite genre {@code genre}. */
  static int withGenre(int[] users, int[] userGenre, int genre) {
    int c = 0;
    for (int u : users) {
      c += userGenre[u] == genre ? 1 : 0;
    }
    return c;
  }

  /** The users of one item's segment. */
  static int[] segment(Model m, int item, int k) {
    float[] s = new float[m.numUsers()];
    m.scoreUsersForItem(item, s);
    return top(s, k);
  }
}
