package org.openpersonalize.engine.internal.training;

/**
 * Item popularity by distinct users (spec §3.4): the fallback for users and items a model does not
 * know, and the interaction counts exploration favours rare items by.
 */
public final class Popularity {
  private Popularity() {}

  /** Distinct users per item over the selected interactions. */
  public static int[] distinctUsers(Featurizer.Selected s) {
    int[] count = new int[s.numItems()];
    // Interactions arrive grouped by user (the store's order), but not necessarily sorted by
    // item within a user, so mark per user with a "last user seen" stamp per item.
    int[] lastUser = new int[s.numItems()];
    java.util.Arrays.fill(lastUser, -1);
    int[][] byUser = OfflineMetrics.byUser(s);
    for (int u = 0; u < byUser.length; u++) {
      for (int k : byUser[u]) {
        int item = s.item()[k];
        if (lastUser[item] != u) {
          lastUser[item] = u;
          count[item]++;
        }
      }
    }
    return count;
  }

  /** The indices of the {@code max} most popular items, most popular first, ties by index. */
  public static int[] top(int[] popularity, int max) {
    org.openpersonalize.spi.TopK heap = new org.openpersonalize.spi.TopK(Math.max(1, max));
    for (int i = 0; i < popularity.length; i++) {
      if (popularity[i] > 0) {
        heap.offer(i, popularity[i]);
      }
    }
    int[] idx = new int[heap.size()];
    heap.drainTo(idx, new float[idx.length]);
    return idx;
  }
}
