package org.openpersonalize.recipes.sequence;

import java.util.Arrays;

/**
 * Plain-Java kernels in the style of {@code org.openpersonalize.recipes.Vec}: every loop runs over
 * zero-based rows of their own, so C2 vectorizes the {@code y[j] += a·x[j]} loops (with an offset
 * into a shared array it cannot rule out overlap and stays scalar); reductions keep eight
 * independent accumulators, or four rows with two each, and add them in a fixed order so results
 * are bit-identical on every run and thread count; four updates share one pass over the target row,
 * which halves the loop overhead that dominates at {@code d = 64}. {@code SequenceKernelBenchmark}
 * measures attention forward and backward against a one-accumulator baseline.
 */
final class ScalarSeqKernels implements SeqKernelSupport {

  @Override
  public float dot(float[] a, float[] b, int d) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int j = 0;
    for (; j + 7 < d; j += 8) {
      s0 += a[j] * b[j];
      s1 += a[j + 1] * b[j + 1];
      s2 += a[j + 2] * b[j + 2];
      s3 += a[j + 3] * b[j + 3];
      s4 += a[j + 4] * b[j + 4];
      s5 += a[j + 5] * b[j + 5];
      s6 += a[j + 6] * b[j + 6];
      s7 += a[j + 7] * b[j + 7];
    }
    for (; j < d; j++) {
      s0 += a[j] * b[j];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  @Override
  public void axpy(float alpha, float[] x, float[] y, int d) {
    for (int j = 0; j < d; j++) {
      y[j] += alpha * x[j];
    }
  }

  private static void axpy4(
      float a0,
      float[] x0,
      float a1,
      float[] x1,
      float a2,
      float[] x2,
      float a3,
      float[] x3,
      float[] y,
      int d) {
    for (int j = 0; j < d; j++) {
      y[j] += (a0 * x0[j] + a1 * x1[j]) + (a2 * x2[j] + a3 * x3[j]);
    }
  }

  /** Four dot products against one vector, interleaved so each load of {@code v} serves four. */
  private static void dot4(
      float[] r0, float[] r1, float[] r2, float[] r3, float[] v, float[] out, int o, int d) {
    int d2 = d & ~1;
    float a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
    for (int j = 0; j < d2; j += 2) {
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
    if (d2 < d) {
      float vl = v[d2];
      a0 += r0[d2] * vl;
      a1 += r1[d2] * vl;
      a2 += r2[d2] * vl;
      a3 += r3[d2] * vl;
    }
    out[o] = a0 + b0;
    out[o + 1] = a1 + b1;
    out[o + 2] = a2 + b2;
    out[o + 3] = a3 + b3;
  }

  /** One row's dot product summed exactly as one lane of {@link #dot4}, for tails. */
  private static float dot1(float[] r, float[] v, int d) {
    int d2 = d & ~1;
    float a = 0;
    float b = 0;
    for (int j = 0; j < d2; j += 2) {
      a += r[j] * v[j];
      b += r[j + 1] * v[j + 1];
    }
    if (d2 < d) {
      a += r[d2] * v[d2];
    }
    return a + b;
  }

  @Override
  public void matMul(float[][] in, float[][] w, int wo, float[][] out, int n, int d) {
    for (int t = 0; t < n; t++) {
      float[] x = in[t];
      float[] y = out[t];
      Arrays.fill(y, 0, d, 0f);
      int j = 0;
      for (; j + 3 < d; j += 4) {
        axpy4(
            x[j],
            w[wo + j],
            x[j + 1],
            w[wo + j + 1],
            x[j + 2],
            w[wo + j + 2],
            x[j + 3],
            w[wo + j + 3],
            y,
            d);
      }
      for (; j < d; j++) {
        axpy(x[j], w[wo + j], y, d);
      }
    }
  }

  @Override
  public void matMulTransposed(float[][] in, float[][] w, int wo, float[][] out, int n, int d) {
    for (int t = 0; t < n; t++) {
      float[] x = in[t];
      float[] y = out[t];
      int j = 0;
      for (; j + 3 < d; j += 4) {
        dot4(w[wo + j], w[wo + j + 1], w[wo + j + 2], w[wo + j + 3], x, y, j, d);
      }
      for (; j < d; j++) {
        y[j] = dot1(w[wo + j], x, d);
      }
    }
  }

  @Override
  public void accumulateOuter(float[][] a, float[][] b, float[][] g, int go, int n, int d) {
    for (int j = 0; j < d; j++) {
      float[] gj = g[go + j];
      int t = 0;
      for (; t + 3 < n; t += 4) {
        axpy4(
            a[t][j],
            b[t],
            a[t + 1][j],
            b[t + 1],
            a[t + 2][j],
            b[t + 2],
            a[t + 3][j],
            b[t + 3],
            gj,
            d);
      }
      for (; t < n; t++) {
        axpy(a[t][j], b[t], gj, d);
      }
    }
  }

  @Override
  public void scoreRows(float[][] rows, int ro, int m, float[] h, float[] out, int d) {
    int i = 0;
    for (; i + 3 < m; i += 4) {
      dot4(rows[ro + i], rows[ro + i + 1], rows[ro + i + 2], rows[ro + i + 3], h, out, i, d);
    }
    for (; i < m; i++) {
      out[i] = dot1(rows[ro + i], h, d);
    }
  }

  @Override
  public void attentionForward(
      float[][] q, float[][] k, float[][] v, float[][] p, float[][] o, int n, int d, float scale) {
    for (int t = 0; t < n; t++) {
      float[] pt = p[t];
      float[] qt = q[t];
      float max = Float.NEGATIVE_INFINITY;
      int j = 0;
      for (; j + 3 <= t; j += 4) {
        dot4(k[j], k[j + 1], k[j + 2], k[j + 3], qt, pt, j, d);
      }
      for (; j <= t; j++) {
        pt[j] = dot1(k[j], qt, d);
      }
      for (j = 0; j <= t; j++) {
        pt[j] *= scale;
        max = Math.max(max, pt[j]);
      }
      float sum = 0;
      for (j = 0; j <= t; j++) {
        float e = (float) Math.exp(pt[j] - max);
        pt[j] = e;
        sum += e;
      }
      float inv = 1f / sum;
      float[] ot = o[t];
      Arrays.fill(ot, 0, d, 0f);
      for (j = 0; j <= t; j++) {
        pt[j] *= inv;
      }
      j = 0;
      for (; j + 3 <= t; j += 4) {
        axpy4(pt[j], v[j], pt[j + 1], v[j + 1], pt[j + 2], v[j + 2], pt[j + 3], v[j + 3], ot, d);
      }
      for (; j <= t; j++) {
        axpy(pt[j], v[j], ot, d);
      }
    }
  }

  @Override
  public void attentionBackward(
      float[][] q,
      float[][] k,
      float[][] v,
      float[][] p,
      float[][] dO,
      float[][] dQ,
      float[][] dK,
      float[][] dV,
      float[] scratch,
      int n,
      int d,
      float scale) {
    for (int t = 0; t < n; t++) {
      Arrays.fill(dK[t], 0, d, 0f);
      Arrays.fill(dV[t], 0, d, 0f);
    }
    for (int t = 0; t < n; t++) {
      float[] pt = p[t];
      float[] g = dO[t];
      // dV[j] += p[t][j]·dO[t]; dP[t][j] = dO[t]·v[j]
      int j = 0;
      for (; j + 3 <= t; j += 4) {
        dot4(v[j], v[j + 1], v[j + 2], v[j + 3], g, scratch, j, d);
      }
      for (; j <= t; j++) {
        scratch[j] = dot1(v[j], g, d);
      }
      float inner = 0;
      for (j = 0; j <= t; j++) {
        axpy(pt[j], g, dV[j], d);
        inner += pt[j] * scratch[j];
      }
      // softmax backward, then the score's scale
      for (j = 0; j <= t; j++) {
        scratch[j] = pt[j] * (scratch[j] - inner) * scale;
      }
      float[] dq = dQ[t];
      Arrays.fill(dq, 0, d, 0f);
      j = 0;
      for (; j + 3 <= t; j += 4) {
        axpy4(
            scratch[j],
            k[j],
            scratch[j + 1],
            k[j + 1],
            scratch[j + 2],
            k[j + 2],
            scratch[j + 3],
            k[j + 3],
            dq,
            d);
      }
      for (; j <= t; j++) {
        axpy(scratch[j], k[j], dq, d);
      }
      float[] qt = q[t];
      for (j = 0; j <= t; j++) {
        axpy(scratch[j], qt, dK[j], d);
      }
    }
  }

  @Override
  public void scoreIndexed(float[][] rows, int[] idx, int m, float[] h, float[] out, int d) {
    int c = 0;
    for (; c + 3 < m; c += 4) {
      dot4(rows[idx[c]], rows[idx[c + 1]], rows[idx[c + 2]], rows[idx[c + 3]], h, out, c, d);
    }
    for (; c < m; c++) {
      out[c] = dot1(rows[idx[c]], h, d);
    }
  }

  @Override
  public void combineIndexed(float[] coef, float[][] rows, int[] idx, int m, float[] out, int d) {
    Arrays.fill(out, 0, d, 0f);
    int c = 0;
    for (; c + 3 < m; c += 4) {
      axpy4(
          coef[c],
          rows[idx[c]],
          coef[c + 1],
          rows[idx[c + 1]],
          coef[c + 2],
          rows[idx[c + 2]],
          coef[c + 3],
          rows[idx[c + 3]],
          out,
          d);
    }
    for (; c < m; c++) {
      axpy(coef[c], rows[idx[c]], out, d);
    }
  }
}
