package org.openpersonalize.engine.internal.serving;

import java.util.Arrays;

/**
 * A ranked list of item indices, best first, as the ranking step writes it: each entry's score
 * ({@code NaN} when the entry has none) and whether exploration put it there. Instances live in a
 * thread's {@link Scratch} and are reused from request to request, so ranking allocates nothing
 * once the arrays have grown to the largest list asked for.
 */
final class Ranked {
  int[] items = new int[32];
  double[] scores = new double[32];
  boolean[] explored = new boolean[32];
  int size;

  /** Empties the list and makes room for {@code capacity} entries. */
  void reset(int capacity) {
    size = 0;
    if (items.length < capacity) {
      int n = Math.max(capacity, items.length * 2);
      items = new int[n];
      scores = new double[n];
      explored = new boolean[n];
    }
  }

  /** Appends an entry; room must have been made with {@link #reset}. */
  void add(int item, double score, boolean byExploration) {
    items[size] = item;
    scores[size] = score;
    explored[size] = byExploration;
    size++;
  }

  /** Whether the list holds an item (a linear scan: lists are at most a few hundred long). */
  boolean contains(int item) {
    for (int k = 0; k < size; k++) {
      if (items[k] == item) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return Arrays.toString(Arrays.copyOf(items, size));
  }
}
