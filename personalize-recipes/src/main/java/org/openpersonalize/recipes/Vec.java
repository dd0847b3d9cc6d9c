package org.openpersonalize.recipes;

import java.util.Arrays;

/**
 * The dense kernels under training and serving.
 *
 * <p>Shaped for HotSpot C2 on Java 17, which vectorizes {@code y[j] += a * x[j]} only when both
 * arrays are indexed by the same {@code j}: with an offset on either side it cannot rule out
 * overlap and falls back to scalar code, about three times slower (measured on this project's
 * 2-core machines, k = 64). Hence training keeps one {@code float[]} per row and every {@link
 * #axpy} is zero-based. Dot products are reductions, which C2 will not reorder because Java
 * floating point is strict; they keep eight independent accumulators (or interleave four rows with
 * two each) so the CPU overlaps eight addition chains instead of waiting on one. The order of
 * additions is fixed, so results are identical on every run.
 */
final class Vec {
  private Vec() {}

  /**
   * {@code Σ a[j] * b[j]} for {@code j < k}.
   *
   * @param a first vector
   * @param b second vector
   * @param k length
   * @return the dot product
   */
  static float dot(float[] a, float[] b, int k) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int j = 0;
    for (; j + 7 < k; j += 8) {
      s0 += a[j] * b[j];
      s1 += a[j + 1] * b[j + 1];
      s2 += a[j + 2] * b[j + 2];
      s3 += a[j + 3] * b[j + 3];
      s4 += a[j + 4] * b[j + 4];
      s5 += a[j + 5] * b[j + 5];
      s6 += a[j + 6] * b[j + 6];
      s7 += a[j + 7] * b[j + 7];
    }
    for (; j < k; j++) {
      s0 += a[j] * b[j];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /**
   * {@code Σ m[mo+j] * v[j]} for {@code j < k}: one row of a row-major matrix times a vector,
   * summed in exactly the order {@link #matVec} uses (one fused multiply-add per position, in
   * increasing order), so that scoring a few candidates gives bit-for-bit the scores of scoring
   * every item.
   *
   * @param m the matrix
   * @param mo the row's offset
   * @param v the vector
   * @param k length
   * @return the dot product
   */
  static float rowDot(float[] m, int mo, float[] v, int k) {
    float a = 0;
    for (int j = 0; j < k; j++) {
      a = Math.fma(m[mo + j], v[j], a);
    }
    return a;
  }

  /**
   * {@code y[j] += alpha * x[j]} for {@code j < k}; vectorized by C2.
   *
   * @param alpha the scale
   * @param x source
   * @param y target
   * @param k length
   */
  static void axpy(float alpha, float[] x, float[] y, int k) {
    for (int j = 0; j < k; j++) {
      y[j] += alpha * x[j];
    }
  }

  /**
   * The dot products of four rows with one vector, interleaved so that each load of {@code v}
   * serves four rows and eight accumulators run side by side.
   *
   * @param r0 first row
   * @param r1 second row
   * @param r2 third row
   * @param r3 fourth row
   * @param v the vector
   * @param out receives the four dot products at {@code out[0..3]}
   * @param k vector length
   */
  static void dot4(float[] r0, float[] r1, float[] r2, float[] r3, float[] v, float[] out, int k) {
    int k2 = k & ~1;
    float a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    for (int j = 0; j < k2; j += 2) {
      float v0 = v[j];
      float v1 = v[j + 1];
      a0 += r0[j] * v0;
      b0 += r0[j + 1] * v1;
      a1 += r1[j] * v0;
      b1 += r1[j + 1] * v1;
      a2 += r2[j] * v0;
      b2 += r2[j + 1] * v1;
      a3 += r3[j] * v0;
      b3 += r3[j + 1] * v1;
    }
    if (k2 < k) {
      float vl = v[k2];
      a0 += r0[k2] * vl;
      a1 += r1[k2] * vl;
      a2 += r2[k2] * vl;
      a3 += r3[k2] * vl;
    }
    out[0] = a0 + b0;
    out[1] = a1 + b1;
    out[2] = a2 + b2;
    out[3] = a3 + b3;
  }

  /**
   * {@code y[j] += a0·x0[j] + a1·x1[j] + a2·x2[j] + a3·x3[j]}: four updates in one pass over {@code
   * y}, which C2 vectorizes about twice as well as four {@link #axpy} calls at {@code k = 64}
   * (short loops spend much of their time outside the vector body).
   *
   * @param a0 first scale
   * @param x0 first source
   * @param a1 second scale
   * @param x1 second source
   * @param a2 third scale
   * @param x2 third source
   * @param a3 fourth scale
   * @param x3 fourth source
   * @param y target
   * @param k length
   */
  static void axpy4(
      float a0,
      float[] x0,
      float a1,
      float[] x1,
      float a2,
      float[] x2,
      float a3,
      float[] x3,
      float[] y,
      int k) {
    for (int j = 0; j < k; j++) {
      y[j] += (a0 * x0[j] + a1 * x1[j]) + (a2 * x2[j] + a3 * x3[j]);
    }
  }

  /**
   * {@code out[i] = m[i·k .. i·k+k) · v} for the {@code n} rows of a flat row-major matrix: scoring
   * every item for a user. Each row is summed with one fused multiply-add per position in
   * increasing order — the order of {@link org.openpersonalize.spi.FactorBlocks}, so a user scored
   * alone and the same user scored in a block get bit-for-bit the same scores — four rows at a time
   * so that each load of {@code v} serves four independent chains.
   *
   * @param m the matrix, {@code n × k}
   * @param n how many rows
   * @param v the vector
   * @param out receives {@code n} dot products
   * @param k vector length
   */
  static void matVec(float[] m, int n, float[] v, float[] out, int k) {
    int i = 0;
    for (; i + 3 < n; i += 4) {
      int o0 = i * k;
      int o1 = o0 + k;
      int o2 = o1 + k;
      int o3 = o2 + k;
      float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (int j = 0; j < k; j++) {
        float vj = v[j];
        a0 = Math.fma(m[o0 + j], vj, a0);
        a1 = Math.fma(m[o1 + j], vj, a1);
        a2 = Math.fma(m[o2 + j], vj, a2);
        a3 = Math.fma(m[o3 + j], vj, a3);
      }
      out[i] = a0;
      out[i + 1] = a1;
      out[i + 2] = a2;
      out[i + 3] = a3;
    }
    for (; i < n; i++) {
      out[i] = rowDot(m, i * k, v, k);
    }
  }

  /**
   * {@code out = g · v} for a symmetric {@code k × k} matrix kept as rows, as a sum of rows scaled
   * by {@code v}, which vectorizes where row-times-vector would be {@code k} reductions.
   *
   * @param g the symmetric matrix's rows
   * @param v the vector
   * @param out receives {@code k} values
   * @param k the dimension
   */
  static void symv(float[][] g, float[] v, float[] out, int k) {
    Arrays.fill(out, 0, k, 0f);
    int l = 0;
    for (; l + 3 < k; l += 4) {
      axpy4(v[l], g[l], v[l + 1], g[l + 1], v[l + 2], g[l + 2], v[l + 3], g[l + 3], out, k);
    }
    for (; l < k; l++) {
      axpy(v[l], g[l], out, k);
    }
  }
}
