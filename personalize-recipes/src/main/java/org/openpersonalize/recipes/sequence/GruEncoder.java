package org.openpersonalize.recipes.sequence;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The recurrent encoder of the HRNN family: a gated recurrent unit (Cho et al., 2014) over a user's
 * most recent interactions, as GRU4Rec (Hidasi et al., ICLR 2016) and its hierarchical successor
 * (Quadrana et al., RecSys 2017) use it. Input {@code t} is the item's embedding plus an event-type
 * embedding ({@link EventBuckets}) plus an embedding of the time since the previous event ({@link
 * TimeGaps}); the state is
 *
 * <pre>
 *   z = σ(x·Wz + bz + h·Uz)          r = σ(x·Wr + br + h·Ur)
 *   n = tanh(x·Wn + bn + r ⊙ (h·Un + bhn))
 *   h' = (1 − z) ⊙ n + z ⊙ h          (h before the first event is 0)
 * </pre>
 *
 * and the output {@code o_t = h_t·Wo + bo} scores the next item against the same item embeddings
 * (tied input and output). The projection decouples the state, bounded by tanh, from the
 * embeddings' scale.
 *
 * <p><b>Truncated back-propagation through time.</b> Amazon's {@code bptt} is the number of steps a
 * gradient travels back: the window is cut into chunks of {@code bptt} events from its start, and
 * the loss of an event reaches the weights through the states of its own chunk only (the forward
 * pass still carries the state across chunks). That bounds how far back a single error is
 * attributed without shortening what the state remembers.
 *
 * <p>The backward pass is written by hand and checked against finite differences in {@code
 * GruEncoderTest}. Hot loops run on the shared {@link SeqKernelSupport} kernels in a fixed order,
 * so results depend on the inputs only.
 */
final class GruEncoder extends SequenceEncoder {
  final int numBuckets;
  final int bptt;
  final int bucketRow;
  final int gapRow;
  final int wz;
  final int wr;
  final int wn;
  final int uz;
  final int ur;
  final int un;
  final int bz;
  final int br;
  final int bn;
  final int bhn;
  final int wo;
  final int bo;

  GruEncoder(int numItems, int maxLen, int numBuckets, int d, int bptt) {
    super(numItems, maxLen, d, numItems + numBuckets + TimeGaps.COUNT + 7 * d + 5);
    this.numBuckets = numBuckets;
    this.bptt = bptt;
    this.bucketRow = numItems;
    this.gapRow = bucketRow + numBuckets;
    this.wz = gapRow + TimeGaps.COUNT;
    this.wr = wz + d;
    this.wn = wr + d;
    this.uz = wn + d;
    this.ur = uz + d;
    this.un = ur + d;
    this.bz = un + d;
    this.br = bz + 1;
    this.bn = br + 1;
    this.bhn = bn + 1;
    this.wo = bhn + 1;
    this.bo = wo + d;
  }

  @Override
  void writeLayout(DataOutputStream out) throws IOException {
    out.writeInt(numItems);
    out.writeInt(maxLen);
    out.writeInt(bptt);
    out.writeInt(d);
  }

  @Override
  boolean usesGaps() {
    return true;
  }

  /**
   * Embeddings and weight matrices from a normal with standard deviation {@code 1/√d}, biases 0,
   * except the update gate's bias, 1: a unit then starts by mostly keeping its state, which lets
   * early gradients reach back further (the forget-gate bias of Jozefowicz et al., ICML 2015).
   */
  @Override
  float[][] initialParameters(SplittableRandom rng) {
    float[][] p = new float[numRows][d];
    double std = 1 / Math.sqrt(d);
    for (int r = 0; r < numRows; r++) {
      if (r < bz || (r >= wo && r < bo)) {
        for (int j = 0; j < d; j++) {
          p[r][j] = (float) (gaussian(rng) * std);
        }
      }
    }
    Arrays.fill(p[bz], 1f);
    return p;
  }

  @Override
  Work newWork() {
    return new Work(this);
  }

  /** Activations of one sequence, kept for the backward pass; one per thread. */
  static final class Work extends SequenceEncoder.Work {
    boolean dropout;
    final float[][] x;
    final float[][] m0;
    final float[][] az;
    final float[][] ar;
    final float[][] an;
    final float[][] z;
    final float[][] r;
    final float[][] nn;
    final float[][] hn;
    final float[][] s;
    final float[][] prev;
    final float[][] sd;
    final float[][] m1;
    // backward temporaries
    final float[][] ds;
    final float[][] dz;
    final float[][] dr;
    final float[][] dn;
    final float[][] dhn;
    final float[][] dx;
    final float[][] tmp;
    final float[] carry;
    final float[] dh;

    Work(GruEncoder enc) {
      super(enc.maxLen, enc.d);
      int l = enc.maxLen;
      int d = enc.d;
      x = new float[l][d];
      m0 = new float[l][d];
      az = new float[l][d];
      ar = new float[l][d];
      an = new float[l][d];
      z = new float[l][d];
      r = new float[l][d];
      nn = new float[l][d];
      hn = new float[l][d];
      s = new float[l][d];
      prev = new float[l][d];
      sd = new float[l][d];
      m1 = new float[l][d];
      ds = new float[l][d];
      dz = new float[l][d];
      dr = new float[l][d];
      dn = new float[l][d];
      dhn = new float[l][d];
      dx = new float[l][d];
      tmp = new float[l][d];
      carry = new float[d];
      dh = new float[d];
    }
  }

  @Override
  void forward(
      float[][] prm, SequenceEncoder.Work work, int n, SplittableRandom dropoutRng, float rate) {
    Work w = (Work) work;
    SeqKernelSupport kr = SeqKernels.get();
    w.n = n;
    w.dropout = dropoutRng != null && rate > 0;
    for (int t = 0; t < n; t++) {
      float[] e = prm[w.items[t]];
      float[] bk = prm[bucketRow + w.buckets[t]];
      float[] gp = prm[gapRow + w.gaps[t]];
      float[] x = w.x[t];
      for (int j = 0; j < d; j++) {
        x[j] = e[j] + bk[j] + gp[j];
      }
    }
    if (w.dropout) {
      applyDropout(w.x, w.m0, n, dropoutRng, rate);
    }
    // The input halves of the gates for every step at once; only the recurrent halves are serial.
    kr.matMul(w.x, prm, wz, w.az, n, d);
    kr.matMul(w.x, prm, wr, w.ar, n, d);
    kr.matMul(w.x, prm, wn, w.an, n, d);
    float[] bZ = prm[bz];
    float[] bR = prm[br];
    float[] bN = prm[bn];
    float[] bHn = prm[bhn];
    for (int t = 0; t < n; t++) {
      float[] hp = w.prev[t];
      if (t == 0) {
        Arrays.fill(hp, 0f);
      } else {
        System.arraycopy(w.s[t - 1], 0, hp, 0, d);
      }
      float[] az = w.az[t];
      float[] ar = w.ar[t];
      float[] hn = w.hn[t];
      System.arraycopy(bHn, 0, hn, 0, d);
      for (int j = 0; j < d; j++) {
        az[j] += bZ[j];
        ar[j] += bR[j];
      }
      if (t > 0) {
        for (int j = 0; j < d; j++) {
          float hj = hp[j];
          if (hj != 0f) {
            kr.axpy(hj, prm[uz + j], az, d);
            kr.axpy(hj, prm[ur + j], ar, d);
            kr.axpy(hj, prm[un + j], hn, d);
          }
        }
      }
      float[] z = w.z[t];
      float[] r = w.r[t];
      float[] an = w.an[t];
      float[] nn = w.nn[t];
      float[] s = w.s[t];
      for (int j = 0; j < d; j++) {
        z[j] = sigmoid(az[j]);
        r[j] = sigmoid(ar[j]);
        nn[j] = (float) Math.tanh(an[j] + bN[j] + r[j] * hn[j]);
        s[j] = (1f - z[j]) * nn[j] + z[j] * hp[j];
      }
    }
    for (int t = 0; t < n; t++) {
      System.arraycopy(w.s[t], 0, w.sd[t], 0, d);
    }
    if (w.dropout) {
      applyDropout(w.sd, w.m1, n, dropoutRng, rate);
    }
    kr.matMul(w.sd, prm, wo, w.h, n, d);
    float[] bO = prm[bo];
    for (int t = 0; t < n; t++) {
      kr.axpy(1f, bO, w.h[t], d);
    }
  }

  @Override
  void backward(float[][] prm, SequenceEncoder.Work work, float[][] dout, SequenceGradient g) {
    Work w = (Work) work;
    SeqKernelSupport kr = SeqKernels.get();
    int n = w.n;
    // o = drop(s)·Wo + bo
    addRows(dout, g.dense(bo), n);
    kr.accumulateOuter(w.sd, dout, g.rows, wo, n, d);
    kr.matMulTransposed(dout, prm, wo, w.ds, n, d);
    if (w.dropout) {
      mask(w.ds, w.m1, n);
    }
    float[] carry = w.carry;
    float[] dh = w.dh;
    Arrays.fill(carry, 0f);
    for (int t = n - 1; t >= 0; t--) {
      float[] z = w.z[t];
      float[] r = w.r[t];
      float[] nn = w.nn[t];
      float[] hn = w.hn[t];
      float[] hp = w.prev[t];
      float[] ds = w.ds[t];
      float[] dz = w.dz[t];
      float[] dr = w.dr[t];
      float[] dn = w.dn[t];
      float[] dhn = w.dhn[t];
      for (int j = 0; j < d; j++) {
        float gs = ds[j] + carry[j];
        float dnn = gs * (1f - z[j]);
        float da = dnn * (1f - nn[j] * nn[j]);
        dn[j] = da;
        dhn[j] = da * r[j];
        float drj = da * hn[j];
        dr[j] = drj * r[j] * (1f - r[j]);
        float dzj = gs * (hp[j] - nn[j]);
        dz[j] = dzj * z[j] * (1f - z[j]);
        dh[j] = gs * z[j];
      }
      // Truncation: the first step of each bptt chunk passes nothing to the chunk before.
      if (t > 0 && t % bptt != 0) {
        for (int j = 0; j < d; j++) {
          dh[j] +=
              kr.dot(dz, prm[uz + j], d) + kr.dot(dr, prm[ur + j], d) + kr.dot(dhn, prm[un + j], d);
        }
        System.arraycopy(dh, 0, carry, 0, d);
      } else {
        Arrays.fill(carry, 0f);
      }
    }
    // Recurrent weights: h_{t-1}ᵀ·δ summed over steps (prev[0] is the zero state). Steps whose
    // gradient was cut still train the weights from their own chunk's loss.
    kr.accumulateOuter(w.prev, w.dz, g.rows, uz, n, d);
    kr.accumulateOuter(w.prev, w.dr, g.rows, ur, n, d);
    kr.accumulateOuter(w.prev, w.dhn, g.rows, un, n, d);
    addRows(w.dz, g.dense(bz), n);
    addRows(w.dr, g.dense(br), n);
    addRows(w.dn, g.dense(bn), n);
    addRows(w.dhn, g.dense(bhn), n);
    kr.accumulateOuter(w.x, w.dz, g.rows, wz, n, d);
    kr.accumulateOuter(w.x, w.dr, g.rows, wr, n, d);
    kr.accumulateOuter(w.x, w.dn, g.rows, wn, n, d);
    kr.matMulTransposed(w.dz, prm, wz, w.dx, n, d);
    kr.matMulTransposed(w.dr, prm, wr, w.tmp, n, d);
    for (int t = 0; t < n; t++) {
      kr.axpy(1f, w.tmp[t], w.dx[t], d);
    }
    kr.matMulTransposed(w.dn, prm, wn, w.tmp, n, d);
    for (int t = 0; t < n; t++) {
      kr.axpy(1f, w.tmp[t], w.dx[t], d);
    }
    if (w.dropout) {
      mask(w.dx, w.m0, n);
    }
    for (int t = 0; t < n; t++) {
      float[] gx = w.dx[t];
      kr.axpy(1f, gx, g.item(w.items[t]), d);
      kr.axpy(1f, gx, g.dense(bucketRow + w.buckets[t]), d);
      kr.axpy(1f, gx, g.dense(gapRow + w.gaps[t]), d);
    }
  }

  private static float sigmoid(float a) {
    return (float) (1 / (1 + Math.exp(-a)));
  }

  private void applyDropout(float[][] x, float[][] mask, int n, SplittableRandom rng, float rate) {
    float keep = 1f / (1f - rate);
    for (int t = 0; t < n; t++) {
      float[] row = x[t];
      float[] m = mask[t];
      for (int j = 0; j < d; j++) {
        m[j] = rng.nextDouble() < rate ? 0f : keep;
        row[j] *= m[j];
      }
    }
  }

  private void mask(float[][] x, float[][] mask, int n) {
    for (int t = 0; t < n; t++) {
      float[] row = x[t];
      float[] m = mask[t];
      for (int j = 0; j < d; j++) {
        row[j] *= m[j];
      }
    }
  }

  private void addRows(float[][] x, float[] sum, int n) {
    SeqKernelSupport kr = SeqKernels.get();
    for (int t = 0; t < n; t++) {
      kr.axpy(1f, x[t], sum, d);
    }
  }
}
