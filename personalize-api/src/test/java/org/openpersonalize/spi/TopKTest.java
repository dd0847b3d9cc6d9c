package org.openpersonalize.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TopKTest {

  /** The obviously-correct reference: sort everything, best score first, then lower index. */
  private static int[] reference(float[] scores, int k, Set<Integer> excluded) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (!excluded.contains(i) && !Float.isNaN(scores[i])) {
        all.add(i);
      }
    }
    all.sort(
        Comparator.<Integer>comparingDouble(i -> -(scores[i] + 0.0f))
            .thenComparingInt(Integer::intValue));
    int n = Math.min(k, all.size());
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = all.get(i);
    }
    return out;
  }

  private static int[] drain(TopK top) {
    int[] idx = new int[top.size()];
    top.drainTo(idx, null);
    return idx;
  }

  @Property(tries = 300)
  void matchesSortingReferenceWithTiesAndExclusions(
      @ForAll @Size(max = 200) List<@IntRange(min = -5, max = 5) Integer> values,
      @ForAll @IntRange(min = 0, max = 30) int k,
      @ForAll @Size(max = 50) Set<@IntRange(min = 0, max = 199) Integer> excluded) {
    // Few distinct values, so ties are common and the tie-break is exercised.
    float[] scores = new float[values.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = values.get(i) * 0.5f;
    }
    int[] expected = reference(scores, k, excluded);

    TopK viaPredicate = new TopK(k);
    viaPredicate.offerAll(scores, 0, scores.length, excluded::contains);
    assertArrayEquals(expected, drain(viaPredicate));

    BitSet bits = new BitSet();
    excluded.forEach(bits::set);
    TopK viaBits = new TopK(k);
    viaBits.offerAll(scores, 0, scores.length, bits.toLongArray());
    assertArrayEquals(expected, drain(viaBits));

    TopK oneByOne = new TopK(k);
    for (int i = scores.length - 1; i >= 0; i--) { // reverse arrival order must not matter
      if (!excluded.contains(i)) {
        oneByOne.offer(i, scores[i]);
      }
    }
    assertArrayEquals(expected, drain(oneByOne));
  }

  @Property(tries = 200)
  void resultsAreSortedDistinctAndAtMostK(
      @ForAll @Size(max = 300) List<Float> values, @ForAll @IntRange(min = 0, max = 40) int k) {
    float[] scores = new float[values.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = values.get(i);
    }
    TopK top = new TopK(k);
    top.offerAll(scores, 0, scores.length);
    int n = top.size();
    assertTrue(n <= k);
    int[] idx = new int[n];
    float[] s = new float[n];
    assertEquals(n, top.drainTo(idx, s));
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      assertTrue(seen.add(idx[i]), "duplicate index " + idx[i]);
      assertEquals(scores[idx[i]] + 0.0f, s[i] + 0.0f);
      if (i > 0) {
        assertTrue(
            s[i - 1] > s[i] || (s[i - 1] == s[i] && idx[i - 1] < idx[i]), "not sorted at " + i);
      }
    }
    assertEquals(0, top.size());
  }

  @Test
  void equalScoresRankLowerIndexFirstWhateverTheArrivalOrder() {
    TopK top = new TopK(3);
    top.offer(9, 1f);
    top.offer(4, 1f);
    top.offer(7, 1f);
    top.offer(2, 1f);
    top.offer(5, 2f);
    int[] idx = new int[3];
    top.drainTo(idx, null);
    assertArrayEquals(new int[] {5, 2, 4}, idx);
  }

  @Test
  void nanIsIgnoredAndNegativeInfinityIsLowest() {
    TopK top = new TopK(3);
    top.offerAll(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -1e30f, Float.NaN}, 0, 4);
    int[] idx = new int[3];
    float[] s = new float[3];
    assertEquals(2, top.drainTo(idx, s));
    assertEquals(2, idx[0]);
    assertEquals(1, idx[1]);
    assertEquals(Float.NEGATIVE_INFINITY, s[1]);
    assertFalse(top.offer(0, Float.NaN));
  }

  @Test
  void packOrdersLikeFloatsThenLowerIndex() {
    float[] ordered = {Float.NEGATIVE_INFINITY, -3f, -0.5f, 0f, Float.MIN_VALUE, 1f, 1e30f};
    for (int i = 1; i < ordered.length; i++) {
      assertTrue(TopK.pack(ordered[i - 1], 5) < TopK.pack(ordered[i], 5));
    }
    assertTrue(TopK.pack(1f, 3) > TopK.pack(1f, 4));
    assertEquals(TopK.pack(0f, 1), TopK.pack(-0f, 1));
    assertEquals(-3f, TopK.unpackScore(TopK.pack(-3f, 77)));
    assertEquals(77, TopK.unpackIndex(TopK.pack(-3f, 77)));
    assertEquals(Integer.MAX_VALUE, TopK.unpackIndex(TopK.pack(2f, Integer.MAX_VALUE)));
  }

  @Test
  void reusableAfterDrainAndClear() {
    TopK top = new TopK(2);
    top.offerAll(new float[] {1, 2, 3}, 0, 3);
    drain(top);
    top.offerAll(new float[] {5, 4}, 0, 2);
    assertArrayEquals(new int[] {0, 1}, drain(top));
    top.offer(3, 1f);
    top.clear();
    assertEquals(0, top.size());
  }

  @Test
  void zeroCapacityKeepsNothing() {
    TopK top = new TopK(0);
    top.offerAll(new float[] {1, 2}, 0, 2);
    top.offerAll(new float[] {1, 2}, 0, 2, i -> false);
    top.offerAll(new float[] {1, 2}, 0, 2, new long[0]);
    assertFalse(top.offer(0, 1f));
    assertEquals(0, top.size());
  }

  @Test
  void rejectsBadArgumentsWithHouseStyleMessages() {
    assertEquals(
        "k must be >= 0; got: -1",
        assertThrows(IllegalArgumentException.class, () -> new TopK(-1)).getMessage());
    TopK top = new TopK(2);
    assertEquals(
        "index must be >= 0; got: -2",
        assertThrows(IllegalArgumentException.class, () -> top.offer(-2, 1f)).getMessage());
    assertEquals(
        "[from, to) must lie in [0, scores.length = 2]; got: [0, 3)",
        assertThrows(IllegalArgumentException.class, () -> top.offerAll(new float[2], 0, 3))
            .getMessage());
  }
}
