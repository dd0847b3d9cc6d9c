package org.openpersonalize.spark;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The per-row arithmetic of implicit ALS, run inside Spark tasks: the same conjugate-gradient
 * solve, exact fold-in and recency weighting as the in-process {@code aws-user-personalization}
 * recipe (its {@code ImplicitAls} and {@code AlsModel}), on flat row-major factor arrays so a task
 * walks contiguous primitive memory. Kept in step with the recipe by the tests that compare a
 * Spark-trained model with an in-process one.
 */
final class Kernels {
  /** Convergence threshold on the squared residual, as the recipe uses. */
  static final float CG_EPSILON = 1e-10f;

  /** Weight kept by old interactions under {@code recency_mask}, as the recipe's model uses. */
  static final float RECENCY_FLOOR = 0.25f;

  private Kernels() {}

  /**
   * The recency multiplier of an event with {@code newer} later events of the same user: full
   * weight for the {@code bptt} most recent, then halving every {@code bptt} events, down to {@link
   * #RECENCY_FLOOR}.
   */
  static float recencyWeight(int newer, int bptt) {
    if (newer < bptt) {
      return 1f;
    }
    double w = Math.pow(0.5, (double) (newer - bptt + 1) / bptt);
    return (float) Math.max(RECENCY_FLOOR, w);
  }

  /** Scratch vectors of one task. */
  static final class Scratch {
    final float[] r;
    final float[] p;
    final float[] ap;

    Scratch(int k) {
      r = new float[k];
      p = new float[k];
      ap = new float[k];
    }
  }

  /**
   * A few CG steps on {@code (G + Σ c1 y yᵀ) x = Σ (1 + c1) y} for one row, from {@code x}'s
   * current value at {@code x[xo..xo+k)}; {@code idx}/{@code cm1} hold the row's entries in {@code
   * [from, to)} and {@code y} the fixed side's factors (row {@code j} at {@code j·k}).
   */
  static void conjugateGradient(
      float[] x,
      int xo,
      int[] idx,
      float[] cm1,
      int from,
      int to,
      float[] y,
      float[] gram,
      int k,
      int steps,
      Scratch s) {
    float[] r = s.r;
    float[] p = s.p;
    float[] ap = s.ap;
    symv(gram, x, xo, r, k);
    for (int j = 0; j < k; j++) {
      r[j] = -r[j];
    }
    for (int e = from; e < to; e++) {
      int yo = idx[e] * k;
      float c1 = cm1[e];
      float d = dot(y, yo, x, xo, k);
      axpy((1 + c1) - c1 * d, y, yo, r, k);
    }
    System.arraycopy(r, 0, p, 0, k);
    float rsOld = dot(r, 0, r, 0, k);
    if (rsOld < CG_EPSILON) {
      return;
    }
    for (int step = 0; step < steps; step++) {
      symv(gram, p, 0, ap, k);
      for (int e = from; e < to; e++) {
        int yo = idx[e] * k;
        float c1 = cm1[e];
        axpy(c1 * dot(y, yo, p, 0, k), y, yo, ap, k);
      }
      float pAp = dot(p, 0, ap, 0, k);
      if (!(pAp > 0)) {
        return; // only on float breakdown: A is positive definite
      }
      float a = rsOld / pAp;
      for (int j = 0; j < k; j++) {
        x[xo + j] += a * p[j];
        r[j] -= a * ap[j];
      }
      float rsNew = dot(r, 0, r, 0, k);
      if (rsNew < CG_EPSILON) {
        return;
      }
      float beta = rsNew / rsOld;
      for (int j = 0; j < k; j++) {
        p[j] = r[j] + beta * p[j];
      }
      rsOld = rsNew;
    }
  }

  /**
   * The exact least-squares vector of a history: solves {@code (G + Σ c1 y yᵀ) x = Σ (1 + c1) y} by
   * Cholesky, where {@code gram} is {@code G = YᵀY + λI} in double precision; what the recipe's
   * model does for a real-time user and for users left out by the history-length percentiles.
   */
  static float[] solveExact(double[] gram, float[] y, int k, int[] items, float[] cm1, int m) {
    double[] a = Arrays.copyOf(gram, k * k);
    double[] b = new double[k];
    double[] yi = new double[k];
    for (int e = 0; e < m; e++) {
      int yo = items[e] * k;
      double c1 = cm1[e];
      for (int p = 0; p < k; p++) {
        yi[p] = y[yo + p];
        b[p] += (1 + c1) * yi[p];
      }
      for (int p = 0; p < k; p++) {
        double s = c1 * yi[p];
        int row = p * k;
        for (int q = 0; q < k; q++) {
          a[row + q] += s * yi[q];
        }
      }
    }
    DMatrixRMaj am = DMatrixRMaj.wrap(k, k, a);
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(k);
    if (!solver.setA(am.copy())) {
      solver = LinearSolverFactory_DDRM.pseudoInverse(true);
      solver.setA(am);
    }
    DMatrixRMaj x = new DMatrixRMaj(k, 1);
    solver.solve(DMatrixRMaj.wrap(k, 1, b), x);
    float[] out = new float[k];
    for (int p = 0; p < k; p++) {
      out[p] = (float) x.data[p];
    }
    return out;
  }

  /** Adds {@code Σ f fᵀ} over rows {@code [0, rows)} of {@code f} to {@code acc} (row-major). */
  static void addGram(float[] f, int rows, int k, double[] acc) {
    for (int r = 0; r < rows; r++) {
      int o = r * k;
      for (int a = 0; a < k; a++) {
        double fa = f[o + a];
        if (fa != 0) {
          int row = a * k;
          for (int b = 0; b < k; b++) {
            acc[row + b] += fa * f[o + b];
          }
        }
      }
    }
  }

  /** Adds {@code sign · f fᵀ} for the row of {@code f} at {@code o} to {@code acc}. */
  static void addOuter(float[] f, int o, int k, double sign, double[] acc) {
    for (int a = 0; a < k; a++) {
      double fa = sign * f[o + a];
      int row = a * k;
      for (int b = 0; b < k; b++) {
        acc[row + b] += fa * f[o + b];
      }
    }
  }

  /** {@code G + λI} as floats for the CG steps. */
  static float[] withLambdaAsFloat(double[] g, int k, float lambda) {
    float[] out = new float[k * k];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) g[i];
    }
    for (int a = 0; a < k; a++) {
      out[a * k + a] = (float) (g[a * k + a] + lambda);
    }
    return out;
  }

  /** {@code G + λI} in double, as the model stores it for fold-in. */
  static double[] withLambda(double[] g, int k, float lambda) {
    double[] out = g.clone();
    for (int a = 0; a < k; a++) {
      out[a * k + a] += lambda;
    }
    return out;
  }

  static float dot(float[] a, int ao, float[] b, int bo, int k) {
    float s = 0;
    for (int j = 0; j < k; j++) {
      s += a[ao + j] * b[bo + j];
    }
    return s;
  }

  static void axpy(float alpha, float[] x, int xo, float[] y, int k) {
    for (int j = 0; j < k; j++) {
      y[j] += alpha * x[xo + j];
    }
  }

  /** {@code out = G v} for a symmetric row-major {@code G}. */
  static void symv(float[] g, float[] v, int vo, float[] out, int k) {
    for (int a = 0; a < k; a++) {
      out[a] = dot(g, a * k, v, vo, k);
    }
  }
}
