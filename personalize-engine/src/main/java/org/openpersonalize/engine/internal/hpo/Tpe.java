package org.openpersonalize.engine.internal.hpo;

import java.util.SplittableRandom;

/**
 * The tree-structured Parzen estimator (Bergstra, Bardenet, Bengio &amp; Kégl, "Algorithms for
 * Hyper-Parameter Optimization", NIPS 2011), the sequential model-based search behind hyperopt and
 * Optuna's default sampler.
 *
 * <p>Instead of modelling the loss as a function of the hyperparameters, TPE splits the trials seen
 * so far into the best quarter ("below", at most {@value #MAX_BELOW}) and the rest ("above") and
 * models the density of hyperparameters in each group: {@code l(x)} and {@code g(x)}. Expected
 * improvement is monotone in {@code l(x) / g(x)}, so the next trial is the one of {@value
 * #CANDIDATES} draws from {@code l} that maximises that ratio. Each dimension is modelled on its
 * own (the "univariate" TPE): a numeric coordinate by a mixture of Gaussians truncated to {@code
 * [0, 1]}, one per observation plus a wide prior at the centre, each as wide as the larger gap to
 * its neighbours (hyperopt's adaptive Parzen); a categorical one by counts with one pseudo-count
 * per value. The first {@code startup} trials are uniform draws, which the model needs to start
 * from.
 *
 * <p>Everything is primitive arrays, and every draw comes from one {@link SplittableRandom} seeded
 * by the caller, so a search is reproduced exactly from its seed and its observations. Not
 * thread-safe: the search calls it from one thread.
 */
public final class Tpe {
  /** Draws from {@code l(x)} scored per proposal. */
  static final int CANDIDATES = 24;

  /** Share of the observations modelled as good. */
  static final double GAMMA = 0.25;

  /** Most observations modelled as good. */
  static final int MAX_BELOW = 25;

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private final SearchSpace space;
  private final SplittableRandom rnd;
  private final int startup;
  private double[][] xs = new double[8][];
  private double[] losses = new double[8];
  private int n;

  /**
   * Creates an optimiser with no observations.
   *
   * @param space the dimensions
   * @param seed the seed of every draw
   * @param startup how many observations to collect with uniform draws before modelling
   */
  public Tpe(SearchSpace space, long seed, int startup) {
    this.space = space;
    this.rnd = new SplittableRandom(seed);
    this.startup = Math.max(1, startup);
  }

  /** The uniform draws before modelling for a budget of trials: a quarter, between 2 and 10. */
  public static int startupFor(int budget) {
    return Math.max(2, Math.min(10, (budget + 3) / 4));
  }

  /**
   * Records a finished trial. A non-finite loss (a failed trial) is not modelled.
   *
   * @param x the trial's coordinates (copied)
   * @param loss the loss to minimise
   */
  public void observe(double[] x, double loss) {
    if (!Double.isFinite(loss)) {
      return;
    }
    if (n == xs.length) {
      xs = java.util.Arrays.copyOf(xs, n * 2);
      losses = java.util.Arrays.copyOf(losses, n * 2);
    }
    xs[n] = x.clone();
    losses[n] = loss;
    n++;
  }

  /** Observations modelled so far. */
  public int observations() {
    return n;
  }

  /** A uniform draw: each numeric coordinate in {@code [0, 1]}, each categorical index. */
  public double[] randomPoint() {
    double[] x = new double[space.dims()];
    for (int j = 0; j < x.length; j++) {
      x[j] =
          space.kind(j) == SearchSpace.Kind.CATEGORICAL
              ? rnd.nextInt(space.numChoices(j))
              : rnd.nextDouble();
    }
    return x;
  }

  /**
   * The next trial's coordinates: uniform while there are fewer than {@code startup} observations,
   * then the candidate with the largest {@code l(x) / g(x)}. Successive calls without new
   * observations give different points (a batch of parallel trials).
   */
  public double[] suggest() {
    if (n < startup) {
      return randomPoint();
    }
    int[] order = sortedByLoss();
    int below = Math.max(1, Math.min(MAX_BELOW, (int) Math.ceil(GAMMA * n)));
    int d = space.dims();
    double[][] cand = new double[CANDIDATES][d];
    double[] score = new double[CANDIDATES];
    for (int j = 0; j < d; j++) {
      if (space.kind(j) == SearchSpace.Kind.CATEGORICAL) {
        int k = space.numChoices(j);
        double[] pl = categorical(order, 0, below, j, k);
        double[] pg = categorical(order, below, n, j, k);
        for (int c = 0; c < CANDIDATES; c++) {
          int v = drawIndex(pl);
          cand[c][j] = v;
          score[c] += Math.log(pl[v]) - Math.log(pg[v]);
        }
      } else {
        Parzen l = parzen(order, 0, below, j);
        Parzen g = parzen(order, below, n, j);
        for (int c = 0; c < CANDIDATES; c++) {
          double v = l.draw(rnd);
          cand[c][j] = v;
          score[c] += l.logPdf(v) - g.logPdf(v);
        }
      }
    }
    int best = 0;
    for (int c = 1; c < CANDIDATES; c++) {
      if (score[c] > score[best]) {
        best = c;
      }
    }
    return cand[best];
  }

  /** Observation indices by increasing loss, ties by arrival (insertion sort: n is at most 40). */
  private int[] sortedByLoss() {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      int v = i;
      int k = i - 1;
      while (k >= 0 && losses[order[k]] > losses[v]) {
        order[k + 1] = order[k];
        k--;
      }
      order[k + 1] = v;
    }
    return order;
  }

  private double[] categorical(int[] order, int from, int to, int j, int k) {
    double[] p = new double[k];
    java.util.Arrays.fill(p, 1.0); // one pseudo-count per value: no value is ever impossible
    for (int i = from; i < to; i++) {
      p[(int) xs[order[i]][j]] += 1.0;
    }
    double total = k + (to - from);
    for (int c = 0; c < k; c++) {
      p[c] /= total;
    }
    return p;
  }

  private int drawIndex(double[] p) {
    double u = rnd.nextDouble();
    double acc = 0;
    for (int c = 0; c < p.length - 1; c++) {
      acc += p[c];
      if (u < acc) {
        return c;
      }
    }
    return p.length - 1;
  }

  /** The adaptive Parzen estimator of dimension {@code j} over observations {@code [from, to)}. */
  private Parzen parzen(int[] order, int from, int to, int j) {
    int m = to - from + 1; // the observations and the prior
    double[] mu = new double[m];
    boolean[] prior = new boolean[m];
    for (int i = from; i < to; i++) {
      mu[i - from] = xs[order[i]][j];
    }
    mu[m - 1] = 0.5;
    prior[m - 1] = true;
    // Sort the centres (insertion sort keeps the prior's flag beside its centre).
    for (int i = 1; i < m; i++) {
      double v = mu[i];
      boolean p = prior[i];
      int k = i - 1;
      while (k >= 0 && mu[k] > v) {
        mu[k + 1] = mu[k];
        prior[k + 1] = prior[k];
        k--;
      }
      mu[k + 1] = v;
      prior[k + 1] = p;
    }
    double minSigma = 1.0 / Math.min(100, m + 1);
    double[] sigma = new double[m];
    for (int i = 0; i < m; i++) {
      if (prior[i]) {
        sigma[i] = 1.0;
        continue;
      }
      double left = mu[i] - (i == 0 ? 0.0 : mu[i - 1]);
      double right = (i == m - 1 ? 1.0 : mu[i + 1]) - mu[i];
      sigma[i] = Math.min(1.0, Math.max(minSigma, Math.max(left, right)));
    }
    return new Parzen(mu, sigma);
  }

  /**
   * An equal-weight mixture of Gaussians truncated to {@code [0, 1]}.
   *
   * @param mu the centres
   * @param sigma the widths
   */
  record Parzen(double[] mu, double[] sigma) {
    double draw(SplittableRandom rnd) {
      int k = rnd.nextInt(mu.length);
      for (int attempt = 0; attempt < 64; attempt++) {
        double x = mu[k] + sigma[k] * rnd.nextGaussian();
        if (x >= 0 && x <= 1) {
          return x;
        }
      }
      return Math.min(1.0, Math.max(0.0, mu[k])); // practically unreachable: sigma <= 1
    }

    double logPdf(double x) {
      // log of the mean of the truncated densities, with log-sum-exp against underflow
      double max = Double.NEGATIVE_INFINITY;
      double[] terms = new double[mu.length];
      for (int k = 0; k < mu.length; k++) {
        double z = (x - mu[k]) / sigma[k];
        double mass = phi((1 - mu[k]) / sigma[k]) - phi(-mu[k] / sigma[k]);
        terms[k] = -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma[k]) - Math.log(mass);
        max = Math.max(max, terms[k]);
      }
      double sum = 0;
      for (double t : terms) {
        sum += Math.exp(t - max);
      }
      return max + Math.log(sum / mu.length);
    }
  }

  /** The standard normal distribution function. */
  static double phi(double x) {
    return 0.5 * (1 + erf(x / Math.sqrt(2)));
  }

  /** The error function (Abramowitz &amp; Stegun 7.1.26, absolute error below 1.5e-7). */
  static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y =
        1
            - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                    + 0.254829592)
                * t
                * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }
}
