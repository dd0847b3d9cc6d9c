package org.openpersonalize.recipes.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The popularity-mixed negative sampler and its log-Q correction: the proposal is a probability
 * distribution, frequent targets are drawn more often than uniform items, repeats never occur, and
 * share 0 is the uniform sampler draw for draw.
 */
class NegativeSamplingTest {
  private static final int ITEMS = 50;

  /** Targets with a steep head: item i appears 50 - i times for i < 10, the rest once each. */
  private static int[] skewedTargets() {
    int n = 0;
    for (int i = 0; i < ITEMS; i++) {
      n += i < 10 ? 50 - i : 1;
    }
    int[] out = new int[n];
    for (int i = 0, c = 0; i < ITEMS; i++) {
      for (int k = 0; k < (i < 10 ? 50 - i : 1); k++) {
        out[c++] = i;
      }
    }
    return out;
  }

  @Test
  void logQIsTheLogOfAProbabilityDistribution() {
    int[] targets = skewedTargets();
    float[] lq = SequenceTrainer.logQ(targets, ITEMS, 0.5);
    double sum = 0;
    for (float v : lq) {
      sum += Math.exp(v);
    }
    assertEquals(1.0, sum, 1e-5);
    // item 0: half of 1/50 plus half of its 50 of the targets' share
    assertEquals(Math.log(0.5 / ITEMS + 0.5 * 50 / targets.length), lq[0], 1e-6);
    assertEquals(Math.log(0.5 / ITEMS + 0.5 * 1 / (double) targets.length), lq[ITEMS - 1], 1e-6);
  }

  @Test
  void drawsAreDistinctAndFavourFrequentTargets() {
    int[] targets = skewedTargets();
    int m = 8;
    int[] out = new int[m];
    int[] stamp = new int[ITEMS];
    int[] hits = new int[ITEMS];
    SplittableRandom rng = new SplittableRandom(3);
    int draws = 20_000;
    for (int b = 1; b <= draws; b++) {
      SequenceTrainer.drawNegatives(rng, 0.5, targets, ITEMS, stamp, b, out, m);
      boolean[] seen = new boolean[ITEMS];
      for (int c = 0; c < m; c++) {
        assertTrue(!seen[out[c]], "a repeat in one draw: " + out[c]);
        seen[out[c]] = true;
        hits[out[c]]++;
      }
    }
    // The most frequent target is in a draw far more often than a uniform item would be (m / ITEMS
    // = 0.16): one pick takes it with probability 0.5 / 50 + 0.5 * 50 / 445 = 0.066, so eight picks
    // about 0.41 of the time (a little less, as repeats are redrawn uniformly).
    double rate0 = hits[0] / (double) draws;
    double rateTail = hits[ITEMS - 1] / (double) draws;
    assertTrue(rate0 > 0.37 && rate0 < 0.45, "head inclusion " + rate0);
    assertTrue(rateTail < m / (double) ITEMS, "tail inclusion " + rateTail);
  }

  @Test
  void shareZeroIsTheUniformSamplerDrawForDraw() {
    int m = 10;
    int[] a = new int[m];
    int[] b = new int[m];
    SplittableRandom r1 = new SplittableRandom(9);
    SplittableRandom r2 = new SplittableRandom(9);
    int[] stamp = new int[ITEMS];
    for (int batch = 1; batch <= 100; batch++) {
      SequenceTrainer.drawNegatives(r1, 0, null, ITEMS, stamp, batch, a, m);
      // the sampler before popularity mixing: uniform draws, a repeat redrawn
      boolean[] taken = new boolean[ITEMS];
      for (int c = 0; c < m; c++) {
        int item;
        do {
          item = r2.nextInt(ITEMS);
        } while (taken[item]);
        taken[item] = true;
        b[c] = item;
      }
      assertEquals(java.util.Arrays.toString(b), java.util.Arrays.toString(a));
    }
  }
}
