package org.openpersonalize.bench.recipes;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.openpersonalize.spi.TrainingData;

/**
 * Synthetic implicit feedback shaped like the data of the speed targets (TARGETS.md) and of the
 * peer harness in {@code ../shared/peers} ({@code Generator}): item popularity follows a Zipf law
 * with exponent 1 over shuffled item ids, user activity is log-normal (σ = 1) with at least one
 * interaction, each (user, item) pair occurs once, and timestamps are uniform over 2024.
 */
public final class PowerLawData {
  private PowerLawData() {}

  /**
   * Generates the data.
   *
   * @param users number of users
   * @param items number of items
   * @param interactions number of distinct (user, item) pairs, at most {@code users · items / 2}
   * @param seed the seed
   * @return the data, weight 1 per event
   */
  public static TrainingData generate(int users, int items, int interactions, long seed) {
    int maxPerUser = Math.max(1, items / 2);
    if ((long) users * maxPerUser < interactions) {
      throw new IllegalArgumentException(
          "interactions must be <= users * items / 2; got: " + interactions);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] cdf = new double[items];
    double acc = 0;
    for (int r = 0; r < items; r++) {
      acc += 1.0 / (r + 1);
      cdf[r] = acc;
    }
    for (int r = 0; r < items; r++) {
      cdf[r] /= acc;
    }
    int[] perm = new int[items];
    for (int i = 0; i < items; i++) {
      perm[i] = i;
    }
    for (int i = items - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    double[] w = new double[users];
    double sum = 0;
    for (int u = 0; u < users; u++) {
      double u1 = rng.nextDouble();
      double u2 = rng.nextDouble();
      w[u] = Math.exp(Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2));
      sum += w[u];
    }
    int[] count = new int[users];
    long assigned = 0;
    for (int u = 0; u < users; u++) {
      count[u] = (int) Math.max(1, Math.min(maxPerUser, Math.floor(interactions * w[u] / sum)));
      assigned += count[u];
    }
    while (assigned < interactions) {
      int u = rng.nextInt(users);
      if (count[u] < maxPerUser) {
        count[u]++;
        assigned++;
      }
    }
    while (assigned > interactions) {
      int u = rng.nextInt(users);
      if (count[u] > 1) {
        count[u]--;
        assigned--;
      }
    }
    int[] userIdx = new int[interactions];
    int[] itemIdx = new int[interactions];
    long[] ts = new long[interactions];
    float[] weight = new float[interactions];
    int[] mark = new int[items];
    int n = 0;
    for (int u = 0; u < users; u++) {
      int got = 0;
      for (long tries = 0; got < count[u] && tries < 64L * count[u]; tries++) {
        int r = Arrays.binarySearch(cdf, rng.nextDouble());
        int item = perm[Math.min(items - 1, r < 0 ? -r - 1 : r)];
        if (mark[item] != u + 1) {
          mark[item] = u + 1;
          userIdx[n] = u;
          itemIdx[n] = item;
          ts[n] = 1_704_067_200L + rng.nextInt(365 * 86_400);
          weight[n] = 1f;
          n++;
          got++;
        }
      }
    }
    return TrainingData.builder(users, items)
        .interactions(
            Arrays.copyOf(userIdx, n),
            Arrays.copyOf(itemIdx, n),
            Arrays.copyOf(ts, n),
            Arrays.copyOf(weight, n))
        .build();
  }
}
