package org.openpersonalize.recipes.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.UserHistory;

/**
 * The metadata taste lift against a slow reference written from its definition: for the newest
 * {@code maxLen} positive events, each value's share {@code ω_v} of the distinct items and its
 * rarity {@code (M/N_v)^γ}; a value's fit is {@code ω_v^p · rarity} (p 3, or 2 as format 4 wrote
 * it), and an item gains {@code β · c/(c+n) · (best fit + second · second-best fit)}.
 */
class ItemTasteTest {
  /** Random value lists: item i has 0-3 values of {@code numValues}. */
  private static int[][] lists(SplittableRandom rng, int numItems, int numValues) {
    int[][] v = new int[numItems][];
    for (int i = 0; i < numItems; i++) {
      Set<Integer> s = new HashSet<>();
      int k = rng.nextInt(4);
      while (s.size() < Math.min(k, numValues)) {
        s.add(rng.nextInt(numValues));
      }
      v[i] = s.stream().mapToInt(Integer::intValue).toArray();
    }
    return v;
  }

  private static ItemTaste taste(int[][] lists, int numValues, float weight, float half) {
    return taste(lists, numValues, weight, half, 0f, 0f, 2);
  }

  private static ItemTaste taste(
      int[][] lists,
      int numValues,
      float weight,
      float half,
      float rarity,
      float second,
      int power) {
    int[] start = new int[lists.length + 1];
    for (int i = 0; i < lists.length; i++) {
      start[i + 1] = start[i] + lists[i].length;
    }
    int[] values = new int[start[lists.length]];
    for (int i = 0; i < lists.length; i++) {
      System.arraycopy(lists[i], 0, values, start[i], lists[i].length);
    }
    return new ItemTaste(start, values, numValues, weight, half, rarity, second, power);
  }

  /**
   * Lifts by the window the encoder reads from {@code h} (its newest {@code maxLen} positive
   * events, oldest first), as {@code SequenceModel} passes it.
   */
  private static void lift(
      ItemTaste t, UserHistory h, int maxLen, int[] candidates, int numCandidates, float[] out) {
    int[] window = new int[maxLen];
    int len = 0;
    for (int e = h.size() - 1; e >= 0 && len < maxLen; e--) {
      if (h.weight(e) > 0) {
        window[len++] = h.itemIdx(e);
      }
    }
    for (int a = 0, b = len - 1; a < b; a++, b--) {
      int x = window[a];
      window[a] = window[b];
      window[b] = x;
    }
    t.lift(window, len, candidates, numCandidates, out);
  }

  private static float[] reference(
      int[][] lists,
      UserHistory h,
      int maxLen,
      float weight,
      float half,
      float rarity,
      float second,
      int power) {
    Set<Integer> distinct = new HashSet<>();
    int seen = 0;
    for (int e = h.size() - 1; e >= 0 && seen < maxLen; e--) {
      if (h.weight(e) > 0) {
        seen++;
        distinct.add(h.itemIdx(e));
      }
    }
    Map<Integer, Integer> count = new HashMap<>();
    for (int item : distinct) {
      for (int v : lists[item]) {
        count.merge(v, 1, Integer::sum);
      }
    }
    float[] lift = new float[lists.length];
    if (count.isEmpty()) {
      return lift;
    }
    Map<Integer, Integer> carriers = new HashMap<>();
    for (int[] list : lists) {
      for (int v : list) {
        carriers.merge(v, 1, Integer::sum);
      }
    }
    int n = distinct.size();
    for (int i = 0; i < lists.length; i++) {
      double[] fits = new double[lists[i].length];
      for (int k = 0; k < fits.length; k++) {
        int v = lists[i][k];
        double share = count.getOrDefault(v, 0) / (double) n;
        fits[k] =
            Math.pow(share, power) * Math.pow(lists.length / (double) carriers.get(v), rarity);
      }
      Arrays.sort(fits);
      double best = fits.length > 0 ? fits[fits.length - 1] : 0;
      double next = fits.length > 1 ? fits[fits.length - 2] : 0;
      lift[i] = (float) (weight * half / (half + n) * (best + second * next));
    }
    return lift;
  }

  @Property(tries = 200)
  void everyItemAndEveryCandidateGetsTheLiftOfItsDefinition(
      @ForAll @IntRange(min = 1, max = 30) int numItems,
      @ForAll @IntRange(min = 1, max = 8) int numValues,
      @ForAll @IntRange(min = 0, max = 12) int events,
      @ForAll @IntRange(min = 1, max = 15) int maxLen,
      @ForAll long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] lists = lists(rng, numItems, numValues);
    float weight = (float) (rng.nextDouble() * 10);
    float half = (float) (0.5 + rng.nextDouble() * 20);
    float rarity = rng.nextBoolean() ? 0f : (float) rng.nextDouble();
    float second = rng.nextBoolean() ? 0f : (float) rng.nextDouble();
    int power = rng.nextBoolean() ? 2 : 3;
    ItemTaste t = taste(lists, numValues, weight, half, rarity, second, power);
    int[] items = new int[events];
    float[] w = new float[events];
    for (int e = 0; e < events; e++) {
      items[e] = rng.nextInt(numItems);
      // a few events with no positive weight, which the encoder skips too
      w[e] = rng.nextInt(5) == 0 ? 0f : 1f;
    }
    UserHistory h = UserHistory.of(items, w, null, null, events);
    float[] want = reference(lists, h, maxLen, weight, half, rarity, second, power);
    // twice, so the second call would see any share the first left behind in the scratch
    for (int round = 0; round < 2; round++) {
      float[] all = new float[numItems];
      lift(t, h, maxLen, null, numItems, all);
      assertArrayEquals(want, all, 1e-5f);
      int[] candidates = {numItems - 1, 0, numItems / 2};
      float[] some = new float[3];
      lift(t, h, maxLen, candidates, 3, some);
      for (int c = 0; c < 3; c++) {
        assertEquals(want[candidates[c]], some[c], 1e-5f);
      }
    }
  }

  @Test
  void fiveItemsOfOneGenreLiftItsItemsMostAndALongerHistoryLess() {
    // items 0-9 genre 0, 10-19 genre 1; items 0-4 and 10 also carry genre 2
    int[][] lists = new int[20][];
    for (int i = 0; i < 20; i++) {
      lists[i] = i < 5 || i == 10 ? new int[] {i / 10, 2} : new int[] {i / 10};
    }
    ItemTaste t = taste(lists, 3, 5f, 5f);
    float[] five = new float[20];
    lift(t, UserHistory.of(new int[] {0, 1, 2, 3, 4}, null, null, null, 5), 50, null, 20, five);
    // genre 0 and genre 2 are shared by all five: 5 · 5/10 · 1² = 2.5; genre 1 alone gets nothing
    assertEquals(2.5f, five[7], 1e-6f);
    assertEquals(2.5f, five[10], 1e-6f);
    assertEquals(0f, five[15], 0f);
    float[] ten = new float[20];
    int[] longer = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    lift(t, UserHistory.of(longer, null, null, null, 10), 50, null, 20, ten);
    assertEquals(5f * 5 / 15, ten[7], 1e-6f);
    assertEquals(5f * 5 / 15 * 0.25f, ten[10], 1e-6f);
  }

  @Test
  void aRareSharedValueLiftsMoreAndASecondSharedValueAddsItsShare() {
    // genre 0 on items 0-15, genre 1 (rare) on items 16-19; items 0-4 also carry genre 2 (5 of 20)
    int[][] lists = new int[20][];
    for (int i = 0; i < 20; i++) {
      lists[i] = i < 5 ? new int[] {0, 2} : new int[] {i < 16 ? 0 : 1};
    }
    ItemTaste t = taste(lists, 3, 4f, 5f, 0.5f, 0.5f, 3);
    float[] common = new float[20];
    lift(t, UserHistory.of(new int[] {5, 6, 7, 8, 9}, null, null, null, 5), 50, null, 20, common);
    // five of genre 0 (16 of 20 items): fit 1³ · (20/16)^0.5; 4 · 5/10 = 2 per unit of affinity
    assertEquals(2f * (float) Math.sqrt(20 / 16.0), common[12], 1e-5f);
    float[] rare = new float[20];
    lift(t, UserHistory.of(new int[] {16, 17, 18}, null, null, null, 3), 50, null, 20, rare);
    // three of genre 1 (4 of 20): fit (20/4)^0.5, and 4 · 5/8 per unit
    assertEquals(2.5f * (float) Math.sqrt(5), rare[19], 1e-5f);
    float[] both = new float[20];
    lift(t, UserHistory.of(new int[] {0, 1, 2, 3}, null, null, null, 4), 50, null, 20, both);
    // genres 0 and 2 shared by all four: an item with both gets its best fit (genre 2, rarer)
    // plus half of the other; an item with genre 0 alone gets that fit only
    float fit0 = (float) Math.sqrt(20 / 16.0);
    float fit2 = (float) Math.sqrt(20 / 5.0);
    float scale = 4f * 5 / 9;
    assertEquals(scale * (fit2 + 0.5f * fit0), both[4], 1e-5f);
    assertEquals(scale * fit0, both[10], 1e-5f);
  }

  @Test
  void weightZeroOrAnEmptyHistoryLeavesTheLogitsAlone() {
    int[][] lists = {{0}, {1}, {0, 1}};
    float[] out = {1f, 2f, 3f};
    lift(
        taste(lists, 2, 0f, 5f),
        UserHistory.of(new int[] {0}, null, null, null, 1),
        5,
        null,
        3,
        out);
    assertArrayEquals(new float[] {1f, 2f, 3f}, out);
    lift(taste(lists, 2, 5f, 5f), UserHistory.of(new int[0], null, null, null, 0), 5, null, 3, out);
    assertArrayEquals(new float[] {1f, 2f, 3f}, out);
  }

  @Test
  void writtenAndReadBackItLiftsTheSameAndCorruptionIsNamed() throws IOException {
    int[][] lists = lists(new SplittableRandom(4), 12, 5);
    ItemTaste t = taste(lists, 5, 3f, 7f, 0.25f, ItemTaste.SECOND_FIT, ItemTaste.SHARE_POWER);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    t.write(new DataOutputStream(bytes));
    ItemTaste back =
        ItemTaste.read(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 12, true);
    UserHistory h = UserHistory.of(new int[] {3, 1, 4, 1, 5}, null, null, null, 5);
    float[] a = new float[12];
    float[] b = new float[12];
    lift(t, h, 50, null, 12, a);
    lift(back, h, 50, null, 12, b);
    assertArrayEquals(a, b);
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                ItemTaste.read(
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 11, true));
    assertEquals(true, e.getMessage().contains("taste item offsets"), e.getMessage());
  }

  @Test
  void aFormatFourLiftIsReadAsWrittenThere() throws IOException {
    // format 4 stored the lists, the weight and the history only, and lifted by the best squared
    // share: without the two trailing settings it must lift as a rarity- and second-free lift
    int[][] lists = lists(new SplittableRandom(9), 15, 4);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    taste(lists, 4, 5f, 5f, 0.7f, 0.5f, 3).write(new DataOutputStream(bytes));
    byte[] four = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 12);
    ItemTaste old = ItemTaste.read(new DataInputStream(new ByteArrayInputStream(four)), 15, false);
    UserHistory h = UserHistory.of(new int[] {2, 7, 7, 11}, null, null, null, 4);
    float[] got = new float[15];
    lift(old, h, 50, null, 15, got);
    assertArrayEquals(reference(lists, h, 50, 5f, 5f, 0f, 0f, 2), got, 1e-5f);
  }
}
