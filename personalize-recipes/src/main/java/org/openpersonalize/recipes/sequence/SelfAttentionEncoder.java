package org.openpersonalize.recipes.sequence;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A causal self-attention encoder over a user's most recent interactions, the SASRec architecture
 * (Kang &amp; McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018) with pre-layer-norm
 * blocks: token {@code t} is the item's embedding plus a position embedding plus an event-type
 * embedding; each block is {@code x += Attention(LN(x))}, {@code x += FFN(LN(x))}; the state after
 * a final layer norm predicts the next item by a dot product with the same item embeddings (tied
 * input and output, as SASRec). Positions are right-aligned — the newest interaction always uses
 * the last position embedding — so no padding tokens exist and nothing needs masking but the
 * future.
 *
 * <p>Every parameter is a row of {@code d} floats in one {@code float[][]} (items, positions,
 * event-type buckets, each block's layer norms, projections and biases, the final layer norm), so
 * Adam, gradient reduction and persistence treat the whole model as one list of rows. This class
 * holds only the layout; parameters, gradients and activations are passed in, so one instance
 * serves training threads and request threads alike. The backward pass is written by hand and
 * checked against finite differences in {@code SelfAttentionEncoderTest}.
 */
final class SelfAttentionEncoder extends SequenceEncoder {
  static final float LN_EPS = 1e-5f;

  final int numBuckets;
  final int blocks;
  final int posRow;
  final int bucketRow;
  final int blockRow;
  final int blockRows;
  final int finalRow;

  // Row offsets inside a block.
  static final int LN1_G = 0;
  static final int LN1_B = 1;
  static final int WQ = 2;

  SelfAttentionEncoder(int numItems, int maxLen, int numBuckets, int blocks, int d) {
    super(numItems, maxLen, d, numItems + maxLen + numBuckets + blocks * (6 * d + 6) + 2);
    this.numBuckets = numBuckets;
    this.blocks = blocks;
    this.posRow = numItems;
    this.bucketRow = posRow + maxLen;
    this.blockRow = bucketRow + numBuckets;
    this.blockRows = 6 * d + 6;
    this.finalRow = blockRow + blocks * blockRows;
  }

  @Override
  void writeLayout(DataOutputStream out) throws IOException {
    out.writeInt(numItems);
    out.writeInt(maxLen);
    out.writeInt(blocks);
    out.writeInt(d);
  }

  @Override
  boolean usesGaps() {
    return false;
  }

  @Override
  Work newWork() {
    return new Work(this);
  }

  int wq(int b) {
    return blockRow + b * blockRows + WQ;
  }

  int wk(int b) {
    return wq(b) + d;
  }

  int wv(int b) {
    return wq(b) + 2 * d;
  }

  int wo(int b) {
    return wq(b) + 3 * d;
  }

  int ln1(int b) {
    return blockRow + b * blockRows + LN1_G;
  }

  int ln2(int b) {
    return wq(b) + 4 * d;
  }

  int w1(int b) {
    return ln2(b) + 2;
  }

  int b1(int b) {
    return w1(b) + d;
  }

  int w2(int b) {
    return b1(b) + 1;
  }

  int b2(int b) {
    return w2(b) + d;
  }

  /** Whether row {@code r} is one of the item embeddings (sparse in every gradient). */
  boolean isItemRow(int r) {
    return r < numItems;
  }

  /**
   * Fresh parameters: embeddings and projections drawn from a normal with standard deviation {@code
   * 1/√d} (Xavier for square matrices), layer-norm gains 1, biases 0.
   */
  @Override
  float[][] initialParameters(SplittableRandom rng) {
    float[][] p = new float[numRows][d];
    double std = 1 / Math.sqrt(d);
    for (int r = 0; r < finalRow; r++) {
      if (!isLayerNormOrBias(r)) {
        for (int j = 0; j < d; j++) {
          p[r][j] = (float) (gaussian(rng) * std);
        }
      }
    }
    for (int b = 0; b < blocks; b++) {
      Arrays.fill(p[ln1(b)], 1f);
      Arrays.fill(p[ln2(b)], 1f);
    }
    Arrays.fill(p[finalRow], 1f);
    return p;
  }

  private boolean isLayerNormOrBias(int r) {
    if (r < blockRow || r >= finalRow) {
      return r >= finalRow;
    }
    int b = (r - blockRow) / blockRows;
    return r == ln1(b)
        || r == ln1(b) + 1
        || r == ln2(b)
        || r == ln2(b) + 1
        || r == b1(b)
        || r == b2(b);
  }

  /** Activations of one sequence, kept for the backward pass; one per thread. */
  static final class Work extends SequenceEncoder.Work {
    final int maxLen;
    final int d;
    boolean dropout;
    final float[][] x0;
    final float[][] m0;
    final float[][][] xin;
    final float[][][] xhat1;
    final float[][] rstd1;
    final float[][][] a;
    final float[][][] q;
    final float[][][] k;
    final float[][][] v;
    final float[][][] p;
    final float[][][] o;
    final float[][][] m1;
    final float[][][] x1;
    final float[][][] xhat2;
    final float[][] rstd2;
    final float[][][] c;
    final float[][][] r;
    final float[][][] m2;
    final float[][] xout;
    final float[][] xhatf;
    final float[] rstdf;
    // backward temporaries
    final float[][] dx;
    final float[][] t1;
    final float[][] t2;
    final float[][] dq;
    final float[][] dk;
    final float[][] dv;
    final float[] scratch;

    Work(SelfAttentionEncoder enc) {
      super(enc.maxLen, enc.d);
      this.maxLen = enc.maxLen;
      this.d = enc.d;
      int l = maxLen;
      int nb = enc.blocks;
      x0 = new float[l][d];
      m0 = new float[l][d];
      xin = new float[nb][][];
      xhat1 = new float[nb][l][d];
      rstd1 = new float[nb][l];
      a = new float[nb][l][d];
      q = new float[nb][l][d];
      k = new float[nb][l][d];
      v = new float[nb][l][d];
      p = new float[nb][l][l];
      o = new float[nb][l][d];
      m1 = new float[nb][l][d];
      x1 = new float[nb][l][d];
      xhat2 = new float[nb][l][d];
      rstd2 = new float[nb][l];
      c = new float[nb][l][d];
      r = new float[nb][l][d];
      m2 = new float[nb][l][d];
      xout = new float[l][d];
      xhatf = new float[l][d];
      rstdf = new float[l];
      dx = new float[l][d];
      t1 = new float[l][d];
      t2 = new float[l][d];
      dq = new float[l][d];
      dk = new float[l][d];
      dv = new float[l][d];
      scratch = new float[l];
      for (int b = 0; b < nb; b++) {
        xin[b] = new float[l][d];
      }
    }
  }

  /**
   * Runs the encoder over {@code w.items[0 .. n)} (oldest first) with event-type buckets {@code
   * w.buckets}; the states end in {@code w.h[0 .. n)}, state {@code t} summarising items {@code 0
   * .. t}. With a random source, dropout with rate {@code rate} is applied to the input and to both
   * residual branches (inverted dropout, so inference needs no rescaling).
   */
  @Override
  void forward(
      float[][] prm, SequenceEncoder.Work work, int n, SplittableRandom dropoutRng, float rate) {
    Work w = (Work) work;
    SeqKernelSupport kr = SeqKernels.get();
    w.n = n;
    w.dropout = dropoutRng != null && rate > 0;
    int pos0 = maxLen - n;
    for (int t = 0; t < n; t++) {
      float[] e = prm[w.items[t]];
      float[] ps = prm[posRow + pos0 + t];
      float[] bk = prm[bucketRow + w.buckets[t]];
      float[] x = w.x0[t];
      for (int j = 0; j < d; j++) {
        x[j] = e[j] + ps[j] + bk[j];
      }
    }
    if (w.dropout) {
      applyDropout(w.x0, w.m0, n, dropoutRng, rate);
    }
    float[][] cur = w.x0;
    float scale = (float) (1 / Math.sqrt(d));
    for (int b = 0; b < blocks; b++) {
      float[][] xin = w.xin[b];
      copy(cur, xin, n);
      layerNorm(xin, prm[ln1(b)], prm[ln1(b) + 1], w.xhat1[b], w.rstd1[b], w.a[b], n);
      kr.matMul(w.a[b], prm, wq(b), w.q[b], n, d);
      kr.matMul(w.a[b], prm, wk(b), w.k[b], n, d);
      kr.matMul(w.a[b], prm, wv(b), w.v[b], n, d);
      kr.attentionForward(w.q[b], w.k[b], w.v[b], w.p[b], w.o[b], n, d, scale);
      float[][] x1 = w.x1[b];
      kr.matMul(w.o[b], prm, wo(b), x1, n, d);
      if (w.dropout) {
        applyDropout(x1, w.m1[b], n, dropoutRng, rate);
      }
      for (int t = 0; t < n; t++) {
        kr.axpy(1f, xin[t], x1[t], d);
      }
      layerNorm(x1, prm[ln2(b)], prm[ln2(b) + 1], w.xhat2[b], w.rstd2[b], w.c[b], n);
      float[][] rr = w.r[b];
      kr.matMul(w.c[b], prm, w1(b), rr, n, d);
      float[] bias1 = prm[b1(b)];
      for (int t = 0; t < n; t++) {
        float[] row = rr[t];
        for (int j = 0; j < d; j++) {
          row[j] = Math.max(0f, row[j] + bias1[j]);
        }
      }
      float[][] out = b + 1 < blocks ? w.xin[b + 1] : w.xout;
      kr.matMul(rr, prm, w2(b), out, n, d);
      float[] bias2 = prm[b2(b)];
      for (int t = 0; t < n; t++) {
        kr.axpy(1f, bias2, out[t], d);
      }
      if (w.dropout) {
        applyDropout(out, w.m2[b], n, dropoutRng, rate);
      }
      for (int t = 0; t < n; t++) {
        kr.axpy(1f, x1[t], out[t], d);
      }
      cur = out;
    }
    if (blocks == 0) {
      copy(cur, w.xout, n);
    }
    layerNorm(w.xout, prm[finalRow], prm[finalRow + 1], w.xhatf, w.rstdf, w.h, n);
  }

  /**
   * Back-propagates {@code dh} (the loss gradient with respect to {@code w.h[0 .. n)}, overwritten)
   * through the last {@link #forward} of {@code w}, adding parameter gradients into {@code g}.
   */
  @Override
  void backward(float[][] prm, SequenceEncoder.Work work, float[][] dh, SequenceGradient g) {
    Work w = (Work) work;
    SeqKernelSupport kr = SeqKernels.get();
    int n = w.n;
    float scale = (float) (1 / Math.sqrt(d));
    float[][] dx = w.dx;
    zero(dx, n);
    layerNormBackward(
        dh, w.xhatf, w.rstdf, prm[finalRow], g.dense(finalRow), g.dense(finalRow + 1), dx, n);
    float[][] t1 = w.t1;
    float[][] t2 = w.t2;
    for (int b = blocks - 1; b >= 0; b--) {
      // out = x1 + drop(relu(c·W1 + b1)·W2 + b2)
      maskedCopy(dx, w.m2[b], w.dropout, t1, n);
      addRows(t1, g.dense(b2(b)), n);
      kr.accumulateOuter(w.r[b], t1, g.rows, w2(b), n, d);
      kr.matMulTransposed(t1, prm, w2(b), t2, n, d);
      float[][] rr = w.r[b];
      for (int t = 0; t < n; t++) {
        float[] row = t2[t];
        float[] act = rr[t];
        for (int j = 0; j < d; j++) {
          if (act[j] <= 0f) {
            row[j] = 0f;
          }
        }
      }
      addRows(t2, g.dense(b1(b)), n);
      kr.accumulateOuter(w.c[b], t2, g.rows, w1(b), n, d);
      kr.matMulTransposed(t2, prm, w1(b), t1, n, d);
      layerNormBackward(
          t1, w.xhat2[b], w.rstd2[b], prm[ln2(b)], g.dense(ln2(b)), g.dense(ln2(b) + 1), dx, n);
      // x1 = xin + drop(Attention(LN(xin))·Wo)
      maskedCopy(dx, w.m1[b], w.dropout, t1, n);
      kr.accumulateOuter(w.o[b], t1, g.rows, wo(b), n, d);
      kr.matMulTransposed(t1, prm, wo(b), t2, n, d);
      kr.attentionBackward(
          w.q[b], w.k[b], w.v[b], w.p[b], t2, w.dq, w.dk, w.dv, w.scratch, n, d, scale);
      kr.accumulateOuter(w.a[b], w.dq, g.rows, wq(b), n, d);
      kr.accumulateOuter(w.a[b], w.dk, g.rows, wk(b), n, d);
      kr.accumulateOuter(w.a[b], w.dv, g.rows, wv(b), n, d);
      kr.matMulTransposed(w.dq, prm, wq(b), t1, n, d);
      kr.matMulTransposed(w.dk, prm, wk(b), t2, n, d);
      for (int t = 0; t < n; t++) {
        kr.axpy(1f, t2[t], t1[t], d);
      }
      kr.matMulTransposed(w.dv, prm, wv(b), t2, n, d);
      for (int t = 0; t < n; t++) {
        kr.axpy(1f, t2[t], t1[t], d);
      }
      layerNormBackward(
          t1, w.xhat1[b], w.rstd1[b], prm[ln1(b)], g.dense(ln1(b)), g.dense(ln1(b) + 1), dx, n);
    }
    int pos0 = maxLen - n;
    for (int t = 0; t < n; t++) {
      float[] gx = dx[t];
      if (w.dropout) {
        float[] m = w.m0[t];
        for (int j = 0; j < d; j++) {
          gx[j] *= m[j];
        }
      }
      kr.axpy(1f, gx, g.item(w.items[t]), d);
      kr.axpy(1f, gx, g.dense(posRow + pos0 + t), d);
      kr.axpy(1f, gx, g.dense(bucketRow + w.buckets[t]), d);
    }
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

  private void maskedCopy(float[][] src, float[][] mask, boolean apply, float[][] dst, int n) {
    for (int t = 0; t < n; t++) {
      float[] s = src[t];
      float[] o = dst[t];
      if (apply) {
        float[] m = mask[t];
        for (int j = 0; j < d; j++) {
          o[j] = s[j] * m[j];
        }
      } else {
        System.arraycopy(s, 0, o, 0, d);
      }
    }
  }

  /** Adds the rows {@code x[0 .. n)} into {@code sum} in row order (a bias gradient). */
  private void addRows(float[][] x, float[] sum, int n) {
    for (int t = 0; t < n; t++) {
      SeqKernels.get().axpy(1f, x[t], sum, d);
    }
  }

  private void copy(float[][] src, float[][] dst, int n) {
    for (int t = 0; t < n; t++) {
      System.arraycopy(src[t], 0, dst[t], 0, d);
    }
  }

  private void zero(float[][] x, int n) {
    for (int t = 0; t < n; t++) {
      Arrays.fill(x[t], 0, d, 0f);
    }
  }

  private void layerNorm(
      float[][] x, float[] gain, float[] bias, float[][] xhat, float[] rstd, float[][] out, int n) {
    for (int t = 0; t < n; t++) {
      float[] row = x[t];
      float mean = 0;
      for (int j = 0; j < d; j++) {
        mean += row[j];
      }
      mean /= d;
      float var = 0;
      for (int j = 0; j < d; j++) {
        float c = row[j] - mean;
        var += c * c;
      }
      var /= d;
      float rs = (float) (1 / Math.sqrt(var + LN_EPS));
      rstd[t] = rs;
      float[] xh = xhat[t];
      float[] o = out[t];
      for (int j = 0; j < d; j++) {
        xh[j] = (row[j] - mean) * rs;
        o[j] = xh[j] * gain[j] + bias[j];
      }
    }
  }

  /** Adds the input gradient of a layer norm into {@code dx}; {@code dout} is overwritten. */
  private void layerNormBackward(
      float[][] dout,
      float[][] xhat,
      float[] rstd,
      float[] gain,
      float[] dGain,
      float[] dBias,
      float[][] dx,
      int n) {
    for (int t = 0; t < n; t++) {
      float[] go = dout[t];
      float[] xh = xhat[t];
      float meanG = 0;
      float meanGx = 0;
      for (int j = 0; j < d; j++) {
        dGain[j] += go[j] * xh[j];
        dBias[j] += go[j];
        float gh = go[j] * gain[j];
        go[j] = gh;
        meanG += gh;
        meanGx += gh * xh[j];
      }
      meanG /= d;
      meanGx /= d;
      float rs = rstd[t];
      float[] out = dx[t];
      for (int j = 0; j < d; j++) {
        out[j] += rs * (go[j] - meanG - xh[j] * meanGx);
      }
    }
  }
}
