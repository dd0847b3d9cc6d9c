package org.openpersonalize.bench.sequence;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openpersonalize.recipes.sequence.AttentionKernels;

/**
 * The hot kernel of the self-attention recipes — causal attention forward and backward over one
 * sequence, the part that grows with the square of the history length — in the project's kernels
 * ({@link AttentionKernels}: zero-based rows, four rows per pass, eight accumulators) against a
 * plain implementation on flat row-major arrays with one accumulator ({@link #naive}), measured in
 * the same run. Report the ratio, not the times: these machines are shared.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SequenceKernelBenchmark {

  /** Sequence length (the recipes' max_history_length). */
  @Param({"50", "200"})
  public int n;

  /** Width (hidden_dimension). */
  @Param({"64"})
  public int d;

  private float[][] q;
  private float[][] k;
  private float[][] v;
  private float[][] p;
  private float[][] o;
  private float[][] dO;
  private float[][] dQ;
  private float[][] dK;
  private float[][] dV;
  private float[] scratch;
  private float[] fq;
  private float[] fk;
  private float[] fv;
  private float[] fp;
  private float[] fo;
  private float[] fdO;
  private float[] fdQ;
  private float[] fdK;
  private float[] fdV;
  private float[] fdP;

  /** Random activations, the same values in both layouts. */
  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(9);
    q = rows(rng);
    k = rows(rng);
    v = rows(rng);
    dO = rows(rng);
    p = new float[n][n];
    o = new float[n][d];
    dQ = new float[n][d];
    dK = new float[n][d];
    dV = new float[n][d];
    scratch = new float[n];
    fq = flat(q);
    fk = flat(k);
    fv = flat(v);
    fdO = flat(dO);
    fp = new float[n * n];
    fo = new float[n * d];
    fdQ = new float[n * d];
    fdK = new float[n * d];
    fdV = new float[n * d];
    fdP = new float[n];
  }

  private float[][] rows(SplittableRandom rng) {
    float[][] a = new float[n][d];
    for (float[] row : a) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) (rng.nextDouble() - 0.5);
      }
    }
    return a;
  }

  private float[] flat(float[][] a) {
    float[] f = new float[n * d];
    for (int t = 0; t < n; t++) {
      System.arraycopy(a[t], 0, f, t * d, d);
    }
    return f;
  }

  /** The project's kernels, forward then backward. */
  @Benchmark
  public float kernels() {
    float scale = (float) (1 / Math.sqrt(d));
    AttentionKernels.forward(q, k, v, p, o, n, d, scale);
    AttentionKernels.backward(q, k, v, p, dO, dQ, dK, dV, scratch, n, d, scale);
    return dQ[n - 1][0] + dK[0][0] + dV[0][0] + o[n - 1][0];
  }

  /** The same computation written plainly on flat arrays. */
  @Benchmark
  public float naive() {
    float scale = (float) (1 / Math.sqrt(d));
    for (int t = 0; t < n; t++) {
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j <= t; j++) {
        float s = 0;
        for (int c = 0; c < d; c++) {
          s += fq[t * d + c] * fk[j * d + c];
        }
        fp[t * n + j] = s * scale;
        max = Math.max(max, s * scale);
      }
      float sum = 0;
      for (int j = 0; j <= t; j++) {
        fp[t * n + j] = (float) Math.exp(fp[t * n + j] - max);
        sum += fp[t * n + j];
      }
      for (int c = 0; c < d; c++) {
        fo[t * d + c] = 0;
      }
      for (int j = 0; j <= t; j++) {
        fp[t * n + j] /= sum;
        float w = fp[t * n + j];
        for (int c = 0; c < d; c++) {
          fo[t * d + c] += w * fv[j * d + c];
        }
      }
    }
    java.util.Arrays.fill(fdK, 0f);
    java.util.Arrays.fill(fdV, 0f);
    for (int t = 0; t < n; t++) {
      float inner = 0;
      for (int j = 0; j <= t; j++) {
        float s = 0;
        for (int c = 0; c < d; c++) {
          s += fdO[t * d + c] * fv[j * d + c];
          fdV[j * d + c] += fp[t * n + j] * fdO[t * d + c];
        }
        fdP[j] = s;
        inner += fp[t * n + j] * s;
      }
      for (int c = 0; c < d; c++) {
        fdQ[t * d + c] = 0;
      }
      for (int j = 0; j <= t; j++) {
        float ds = fp[t * n + j] * (fdP[j] - inner) * scale;
        for (int c = 0; c < d; c++) {
          fdQ[t * d + c] += ds * fk[j * d + c];
          fdK[j * d + c] += ds * fq[t * d + c];
        }
      }
    }
    return fdQ[(n - 1) * d] + fdK[0] + fdV[0] + fo[(n - 1) * d];
  }
}
