package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.FactorBlocks;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.UserHistory;

/**
 * Block scoring (batch inference) gives bit-for-bit the scores of one history at a time, which is
 * what lets a batch job return exactly what GetRecommendations returns.
 */
class BlockScoringTest {

  private static Model train(String hiddenDimension, String repeat) {
    UserPersonalizationRecipe r = new UserPersonalizationRecipe();
    return r.train(
        TestData.zipf(90, 1100, 30, 5),
        r.resolveHyperparameters(
            Map.of(
                "hidden_dimension", hiddenDimension,
                "num_iterations", "3",
                "repeat_awareness", repeat)),
        TrainingContext.builder().seed(3).parallelism(1).build());
  }

  private static UserHistory[] histories(int n, int numItems, long seed) {
    Random rnd = new Random(seed);
    UserHistory[] hs = new UserHistory[n];
    for (int u = 0; u < n; u++) {
      int len = u == 0 ? 0 : 1 + rnd.nextInt(40);
      int[] items = new int[len];
      long[] times = new long[len];
      String[] types = new String[len];
      for (int e = 0; e < len; e++) {
        // Repeated items, so the repeat adjustment has work to do.
        items[e] = rnd.nextInt(e < 5 ? 20 : numItems);
        times[e] = 1_000_000L + 3600L * e;
        types[e] = e % 3 == 0 ? "click" : "watch";
      }
      hs[u] = UserHistory.of(items, null, times, types, len);
    }
    return hs;
  }

  @Test
  void aBlockScoresBitForBitAsOneHistoryAtATime() {
    for (String[] setting : new String[][] {{"32", "true"}, {"33", "false"}, {"40", "true"}}) {
      Model m = train(setting[0], setting[1]);
      assertTrue(m.supports(ModelCapability.BLOCK_SCORING));
      int n = 7;
      UserHistory[] hs = histories(n, m.numItems(), 11);
      float[][] block = new float[n][m.numItems()];
      m.scoreItemsForHistories(hs, n, block);
      for (int u = 0; u < n; u++) {
        float[] one = new float[m.numItems()];
        m.scoreItemsForHistory(hs[u], one);
        assertArrayEquals(one, block[u], "k=" + setting[0] + " user " + u);
      }
    }
  }

  @Test
  void theFusedTopKKeepsTheBestUnexcludedItemsOfTheFullRows() {
    Random rnd = new Random(1);
    int k = 19;
    int items = 1300;
    int users = 5;
    float[] factors = new float[items * k];
    for (int i = 0; i < factors.length; i++) {
      factors[i] = (float) rnd.nextGaussian();
    }
    float[][] xs = new float[users][k];
    long[][] excluded = new long[users][(items + 63) >>> 6];
    for (int u = 0; u < users; u++) {
      for (int f = 0; f < k; f++) {
        xs[u][f] = (float) rnd.nextGaussian();
      }
      for (int s = 0; s < 50; s++) {
        int i = rnd.nextInt(items);
        excluded[u][i >>> 6] |= 1L << i;
      }
    }
    FactorBlocks.Items tiled = FactorBlocks.items(factors, items, k);
    float[][] rows = new float[users][items];
    FactorBlocks.scores(xs, users, tiled, rows);
    TopK[] heaps = new TopK[users];
    for (int u = 0; u < users; u++) {
      heaps[u] = new TopK(10);
    }
    FactorBlocks.topK(xs, users, tiled, excluded, heaps);
    for (int u = 0; u < users; u++) {
      // The reference: the dot products in the documented order, then a plain top-K.
      float[] ref = new float[items];
      for (int i = 0; i < items; i++) {
        float a = 0;
        for (int f = 0; f < k; f++) {
          a = Math.fma(factors[i * k + f], xs[u][f], a);
        }
        ref[i] = a;
      }
      assertArrayEquals(ref, rows[u]);
      TopK plain = new TopK(10);
      plain.offerAll(ref, 0, items, excluded[u]);
      int[] want = new int[10];
      int[] got = new int[10];
      assertEquals(10, plain.drainTo(want, null));
      assertEquals(10, heaps[u].drainTo(got, null));
      assertArrayEquals(want, got, "user " + u);
    }
  }
}
