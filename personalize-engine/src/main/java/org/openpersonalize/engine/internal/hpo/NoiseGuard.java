package org.openpersonalize.engine.internal.hpo;

/**
 * Decides whether the search's best trial really beats the configuration the solution would train
 * without a search (the incumbent: its fixed values and the recipe's defaults).
 *
 * <p>The best of many trials on one validation set is biased upwards: on MovieLens 100K a trial
 * beat the defaults on validation by 0.0008 nDCG@10 and lost to them on the test split, because
 * which users are held out moves a score by more than that (docs/accuracy.md, HPO). Both were
 * scored on the same validation users, so the comparison is paired: per user, the incumbent's loss
 * minus the best trial's. The best trial is kept only when the mean of those differences exceeds
 * {@value #Z} standard errors; otherwise the incumbent is, and a search that finds nothing better
 * gives the version the defaults' model exactly.
 */
final class NoiseGuard {
  /** Standard errors by which the best trial must beat the incumbent (about 97.7 % one-sided). */
  static final double Z = 2.0;

  private NoiseGuard() {}

  /**
   * The trial to train with.
   *
   * @param best the index of the trial with the lowest mean loss
   * @param incumbent the index of the incumbent's trial, or -1 when there is none (a default lies
   *     outside the ranges) or it failed
   * @param perUserLoss per trial, its loss on each validation user in one fixed order (null for a
   *     failed trial or an objective that is not a mean over users, such as coverage)
   * @return {@code best} or {@code incumbent}
   */
  static int choose(int best, int incumbent, double[][] perUserLoss) {
    if (incumbent < 0 || best == incumbent) {
      return best;
    }
    double[] a = perUserLoss[incumbent];
    double[] b = perUserLoss[best];
    if (a == null || b == null || a.length != b.length || a.length < 2) {
      return best;
    }
    return significant(a, b) ? best : incumbent;
  }

  /** Whether {@code b}'s per-user losses are below {@code a}'s by more than {@link #Z} SE. */
  static boolean significant(double[] a, double[] b) {
    double[] d = paired(a, b);
    return d[0] > Z * d[1] && d[0] > 0;
  }

  /**
   * The mean per-user improvement of {@code b} over {@code a} ({@code a[i] - b[i]}) and its
   * standard error.
   */
  static double[] paired(double[] a, double[] b) {
    int n = a.length;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += a[i] - b[i];
    }
    mean /= n;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double d = a[i] - b[i] - mean;
      ss += d * d;
    }
    double se = Math.sqrt(ss / (n - 1) / n);
    return new double[] {mean, se};
  }
}
