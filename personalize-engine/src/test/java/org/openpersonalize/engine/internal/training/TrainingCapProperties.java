package org.openpersonalize.engine.internal.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.openpersonalize.engine.internal.data.MetadataColumns;

/**
 * The training caps of spec §2.2.4 against a slow reference: when there are more items than the
 * cap, new items (newest creation first) and then items with the most recent interactions are kept;
 * when there are more interactions than the cap, the newest are kept; ties go to the lower index,
 * and the later position for interactions.
 */
class TrainingCapProperties {

  @Property(tries = 300)
  void capKeepsNewAndRecentItemsAndTheNewestInteractions(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int numItems = 1 + r.nextInt(30);
    int n = r.nextInt(60);
    int[] user = new int[n];
    int[] item = new int[n];
    long[] ts = new long[n];
    for (int k = 0; k < n; k++) {
      user[k] = r.nextInt(5);
      item[k] = r.nextInt(numItems);
      ts[k] = -3 + r.nextInt(8); // few values: ties, and before 1970
    }
    long[] created = new long[numItems];
    for (int i = 0; i < numItems; i++) {
      created[i] = r.nextInt(3) == 0 ? MetadataColumns.NO_TIMESTAMP : -5 + r.nextInt(10);
    }
    MetadataColumns items =
        new MetadataColumns(new boolean[numItems], List.of(), List.of(), null, created);
    Featurizer.Caps caps = new Featurizer.Caps(1 + r.nextInt(numItems + 2), 1 + r.nextInt(n + 2));
    Featurizer.Selected s = new Featurizer.Selected(5, numItems, user, item, ts, 7, null);

    Featurizer.Selected got = Featurizer.cap(s, items, caps);

    // Reference: the items, ranked with boxed comparators.
    boolean[] excluded = new boolean[numItems];
    if (numItems > caps.maxItems()) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < numItems; i++) {
        order.add(i);
      }
      order.sort(
          Comparator.<Integer, Boolean>comparing(i -> newest(s, i) != null)
              .thenComparing(
                  i ->
                      newest(s, i) != null
                          ? newest(s, i)
                          : created[i] == MetadataColumns.NO_TIMESTAMP
                              ? Long.MAX_VALUE
                              : created[i],
                  Comparator.reverseOrder())
              .thenComparing(i -> i));
      for (int rank = caps.maxItems(); rank < numItems; rank++) {
        excluded[order.get(rank)] = true;
      }
    }
    List<Integer> positions = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (!excluded[item[k]]) {
        positions.add(k);
      }
    }
    if (positions.size() > caps.maxInteractions()) {
      List<Integer> newestFirst = new ArrayList<>(positions);
      newestFirst.sort(
          Comparator.<Integer, Long>comparing(k -> ts[k]).thenComparing(k -> k).reversed());
      List<Integer> keep = newestFirst.subList(0, (int) caps.maxInteractions());
      positions.removeIf(k -> !keep.contains(k));
    }

    if (numItems <= caps.maxItems()) {
      assertNull(got.excluded());
    } else {
      assertArrayEquals(excluded, got.excluded());
    }
    assertEquals(positions.size(), got.size());
    for (int m = 0; m < positions.size(); m++) {
      int k = positions.get(m);
      assertEquals(user[k], got.user()[m]);
      assertEquals(item[k], got.item()[m]);
      assertEquals(ts[k], got.timestamp()[m]);
    }
    if (numItems <= caps.maxItems() && n <= caps.maxInteractions()) {
      assertSame(s, got);
    }
  }

  private static Long newest(Featurizer.Selected s, int item) {
    Long best = null;
    for (int k = 0; k < s.size(); k++) {
      if (s.item()[k] == item && (best == null || s.timestamp()[k] > best)) {
        best = s.timestamp()[k];
      }
    }
    return best;
  }

  @Example
  void leftOutItemsAreNeverNewForExploration() {
    // Items 0 and 1 have interactions (1 the older), item 2 none: a cap of 2 keeps 2 and 0.
    Featurizer.Selected s =
        new Featurizer.Selected(
            1, 3, new int[] {0, 0}, new int[] {0, 1}, new long[] {10, 5}, 10, null);
    Featurizer.Selected capped = Featurizer.cap(s, null, new Featurizer.Caps(2, 100));
    assertArrayEquals(new boolean[] {false, true, false}, capped.excluded());
    assertArrayEquals(new int[] {0}, capped.item());
    assertArrayEquals(new long[] {10, Long.MIN_VALUE, 10}, Featurizer.creationTimes(null, capped));
  }
}
