package org.openpersonalize.engine.internal.training;

import java.util.SplittableRandom;

/**
 * Which users an offline evaluation scores and which it keeps out of training (spec §8.1: 10 % of
 * the users are held out). The test hold-out gives a version's metrics; the validation hold-out,
 * used by hyperparameter optimisation, is drawn from the users the test hold-out trains on, so a
 * search never sees a test user and the reported metrics stay an honest estimate.
 *
 * @param users the held-out users, in the order they are scored
 * @param excluded per user: left out of training (the held-out users, and for validation also the
 *     test users)
 */
public record HoldOut(int[] users, boolean[] excluded) {
  /** Share of the active users held out for testing (spec §8.1). */
  static final double SHARE = 0.10;

  /**
   * The test hold-out of a version's metrics: 10 % of the active users, drawn from those with at
   * least two interactions by a shuffle seeded with the solution's seed.
   *
   * @param byUser each user's interaction indices, oldest first
   * @param seed the solution's seed
   * @return the hold-out
   */
  public static HoldOut test(int[][] byUser, long seed) {
    return draw(byUser, new boolean[byUser.length], seed ^ 0x5DEECE66DL, SHARE);
  }

  /**
   * The validation folds of hyperparameter optimisation: {@code folds} disjoint hold-outs that
   * together cover every user the test hold-out trains on (k-fold cross-validation). Fold {@code i}
   * scores its users and trains on every other non-test user; the test users are left out of every
   * fold. Every non-test user is scored once: on MovieLens 100K one fold of 10 % of the users
   * (about 85) moves its nDCG@10 by more than good configurations differ, and a search over such a
   * hold-out picks the luckiest configuration rather than the best (docs/accuracy.md, HPO).
   *
   * @param byUser each user's interaction indices, oldest first
   * @param seed the solution's seed
   * @param folds how many folds, at least 2
   * @return the folds
   */
  public static HoldOut[] validation(int[][] byUser, long seed, int folds) {
    HoldOut test = test(byUser, seed);
    HoldOut[] out = new HoldOut[folds];
    boolean[] taken = test.excluded().clone();
    for (int f = 0; f < folds; f++) {
      // The same number of users per fold: an equal share of what the earlier folds left.
      double share = 1.0 / (folds - f);
      HoldOut v = draw(byUser, taken, seed ^ (0x2545F4914F6CDD1DL + f), share);
      boolean[] excluded = test.excluded().clone();
      for (int u : v.users()) {
        excluded[u] = true;
        taken[u] = true;
      }
      out[f] = new HoldOut(v.users(), excluded);
    }
    return out;
  }

  /** A share of the active users not yet excluded, by a seeded Fisher–Yates shuffle. */
  private static HoldOut draw(int[][] byUser, boolean[] already, long seed, double share) {
    int eligible = 0;
    int active = 0;
    for (int u = 0; u < byUser.length; u++) {
      if (already[u]) {
        continue;
      }
      if (byUser[u].length > 0) {
        active++;
      }
      if (byUser[u].length >= 2) {
        eligible++;
      }
    }
    int[] candidates = new int[eligible];
    int k = 0;
    for (int u = 0; u < byUser.length; u++) {
      if (!already[u] && byUser[u].length >= 2) {
        candidates[k++] = u;
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = candidates.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = candidates[i];
      candidates[i] = candidates[j];
      candidates[j] = t;
    }
    int n = Math.min(candidates.length, (int) Math.round(active * share));
    int[] users = java.util.Arrays.copyOf(candidates, n);
    boolean[] excluded = already.clone();
    for (int u : users) {
      excluded[u] = true;
    }
    return new HoldOut(users, excluded);
  }
}
