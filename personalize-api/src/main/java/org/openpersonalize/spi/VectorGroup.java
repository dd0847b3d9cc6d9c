package org.openpersonalize.spi;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The block kernel on the JDK's incubating Vector API: four users by two vectors of items held in
 * eight registers for all {@code k} coordinates, so each coordinate costs two loads of item
 * factors, four broadcasts and eight fused multiply-adds, with no accumulator traffic through
 * memory (the scalar kernel, which C2 vectorizes across items, must load and store its accumulators
 * for every four coordinates). Only loaded when {@link FactorBlocks} finds the module; see {@link
 * FactorBlocks#kernel()}.
 *
 * <p>Each score is {@code fma(y[k-1], x[k-1], … fma(y[0], x[0], 0))}, the order of {@link
 * FactorBlocks}: lane-wise fused multiply-adds are exactly rounded like {@link Math#fma}, so the
 * scores equal the scalar kernel's bit for bit. Items past the last whole pair of vectors use the
 * same chain in scalar code.
 */
final class VectorGroup extends FactorBlocks.Group {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private final int k;

  VectorGroup(int k, int tile) {
    super(4, tile);
    this.k = k;
  }

  /**
   * Whether this platform gives the Vector API real vector registers: with fewer than eight float
   * lanes the API would run its slow Java fallback.
   */
  static boolean usable() {
    return LANES >= 8;
  }

  /** The vector width in bits. */
  static int bits() {
    return SPECIES.vectorBitSize();
  }

  @Override
  void score(float[][] y, float[][] users, int from, int m, int len) {
    // A short group repeats its last user; the extra rows are computed and ignored.
    float[] x0 = users[from];
    float[] x1 = users[from + Math.min(1, m - 1)];
    float[] x2 = users[from + Math.min(2, m - 1)];
    float[] x3 = users[from + m - 1];
    quad(y, k, x0, x1, x2, x3, len, out[0], out[1], out[2], out[3]);
  }

  /**
   * Fuses the top-K into the kernel: each user's stripe of {@code 2·lanes} scores is compared with
   * the user's heap bar in registers, and only a stripe with a score that reaches it is offered. A
   * bar only rises, so the items skipped are items every offer method would reject: the heaps end
   * as the scalar path leaves them. Per-score offering in scalar code cost about a third of the
   * multiply-adds' time; the comparison costs one instruction per vector.
   */
  @Override
  void offer(
      float[][] y,
      float[][] users,
      int from,
      int m,
      int len,
      int i0,
      long[][] excluded,
      TopK[] heaps) {
    float[] x0 = users[from];
    float[] x1 = users[from + Math.min(1, m - 1)];
    float[] x2 = users[from + Math.min(2, m - 1)];
    float[] x3 = users[from + m - 1];
    int step = 2 * LANES;
    int whole = len - len % step;
    // A short group's missing users get an infinite bar: their (repeated) rows are never offered.
    float bar0 = heaps[from].bar();
    float bar1 = m > 1 ? heaps[from + 1].bar() : Float.POSITIVE_INFINITY;
    float bar2 = m > 2 ? heaps[from + 2].bar() : Float.POSITIVE_INFINITY;
    float bar3 = m > 3 ? heaps[from + 3].bar() : Float.POSITIVE_INFINITY;
    for (int t = 0; t < whole; t += step) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = a0;
      FloatVector b0 = a0;
      FloatVector b1 = a0;
      FloatVector c0 = a0;
      FloatVector c1 = a0;
      FloatVector d0 = a0;
      FloatVector d1 = a0;
      for (int f = 0; f < k; f++) {
        float[] yf = y[f];
        FloatVector v0 = FloatVector.fromArray(SPECIES, yf, t);
        FloatVector v1 = FloatVector.fromArray(SPECIES, yf, t + LANES);
        FloatVector w = FloatVector.broadcast(SPECIES, x0[f]);
        a0 = v0.fma(w, a0);
        a1 = v1.fma(w, a1);
        w = FloatVector.broadcast(SPECIES, x1[f]);
        b0 = v0.fma(w, b0);
        b1 = v1.fma(w, b1);
        w = FloatVector.broadcast(SPECIES, x2[f]);
        c0 = v0.fma(w, c0);
        c1 = v1.fma(w, c1);
        w = FloatVector.broadcast(SPECIES, x3[f]);
        d0 = v0.fma(w, d0);
        d1 = v1.fma(w, d1);
      }
      // Every vector operation before any call: nothing vector-typed is live across a call that
      // C2 may not inline, so no vector is ever boxed on the heap.
      boolean h0 = reaches(a0, a1, bar0);
      boolean h1 = reaches(b0, b1, bar1);
      boolean h2 = reaches(c0, c1, bar2);
      boolean h3 = reaches(d0, d1, bar3);
      a0.intoArray(out[0], t);
      a1.intoArray(out[0], t + LANES);
      b0.intoArray(out[1], t);
      b1.intoArray(out[1], t + LANES);
      c0.intoArray(out[2], t);
      c1.intoArray(out[2], t + LANES);
      d0.intoArray(out[3], t);
      d1.intoArray(out[3], t + LANES);
      if (h0 || h1 || h2 || h3) {
        // Rare once the heaps fill: offer the stripes that reach their user's bar, then renew the
        // bars (an offer only raises them).
        if (h0) {
          offerStripe(0, t, i0, from, excluded, heaps);
          bar0 = heaps[from].bar();
        }
        if (h1 && m > 1) {
          offerStripe(1, t, i0, from + 1, excluded, heaps);
          bar1 = heaps[from + 1].bar();
        }
        if (h2 && m > 2) {
          offerStripe(2, t, i0, from + 2, excluded, heaps);
          bar2 = heaps[from + 2].bar();
        }
        if (h3 && m > 3) {
          offerStripe(3, t, i0, from + 3, excluded, heaps);
          bar3 = heaps[from + 3].bar();
        }
      }
    }
    if (whole < len) {
      tail(y, k, x0, x1, x2, x3, whole, len, out[0], out[1], out[2], out[3]);
      for (int j = 0; j < m; j++) {
        long[] bits = excluded == null ? null : excluded[from + j];
        heaps[from + j].offerSlice(out[j], whole, len, i0, bits);
      }
    }
  }

  /** Whether any score of a stripe reaches the bar (never for NaN scores). */
  private static boolean reaches(FloatVector lo, FloatVector hi, float bar) {
    return lo.compare(VectorOperators.GE, bar).or(hi.compare(VectorOperators.GE, bar)).anyTrue();
  }

  /** Offers stripe {@code [t, t + 2·lanes)} of buffer {@code row} to user {@code user}'s heap. */
  private void offerStripe(int row, int t, int i0, int user, long[][] excluded, TopK[] heaps) {
    long[] bits = excluded == null ? null : excluded[user];
    heaps[user].offerSlice(out[row], t, t + 2 * LANES, i0, bits);
  }

  private static void quad(
      float[][] y,
      int k,
      float[] x0,
      float[] x1,
      float[] x2,
      float[] x3,
      int len,
      float[] s0,
      float[] s1,
      float[] s2,
      float[] s3) {
    int step = 2 * LANES;
    int t = 0;
    for (; t + step <= len; t += step) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = a0;
      FloatVector b0 = a0;
      FloatVector b1 = a0;
      FloatVector c0 = a0;
      FloatVector c1 = a0;
      FloatVector d0 = a0;
      FloatVector d1 = a0;
      for (int f = 0; f < k; f++) {
        float[] yf = y[f];
        FloatVector v0 = FloatVector.fromArray(SPECIES, yf, t);
        FloatVector v1 = FloatVector.fromArray(SPECIES, yf, t + LANES);
        FloatVector w = FloatVector.broadcast(SPECIES, x0[f]);
        a0 = v0.fma(w, a0);
        a1 = v1.fma(w, a1);
        w = FloatVector.broadcast(SPECIES, x1[f]);
        b0 = v0.fma(w, b0);
        b1 = v1.fma(w, b1);
        w = FloatVector.broadcast(SPECIES, x2[f]);
        c0 = v0.fma(w, c0);
        c1 = v1.fma(w, c1);
        w = FloatVector.broadcast(SPECIES, x3[f]);
        d0 = v0.fma(w, d0);
        d1 = v1.fma(w, d1);
      }
      a0.intoArray(s0, t);
      a1.intoArray(s0, t + LANES);
      b0.intoArray(s1, t);
      b1.intoArray(s1, t + LANES);
      c0.intoArray(s2, t);
      c1.intoArray(s2, t + LANES);
      d0.intoArray(s3, t);
      d1.intoArray(s3, t + LANES);
    }
    tail(y, k, x0, x1, x2, x3, t, len, s0, s1, s2, s3);
  }

  /** Items {@code [from, len)} by the same chain in scalar code. */
  private static void tail(
      float[][] y,
      int k,
      float[] x0,
      float[] x1,
      float[] x2,
      float[] x3,
      int from,
      int len,
      float[] s0,
      float[] s1,
      float[] s2,
      float[] s3) {
    for (int t = from; t < len; t++) {
      float a = 0;
      float b = 0;
      float c = 0;
      float d = 0;
      for (int f = 0; f < k; f++) {
        float v = y[f][t];
        a = Math.fma(x0[f], v, a);
        b = Math.fma(x1[f], v, b);
        c = Math.fma(x2[f], v, c);
        d = Math.fma(x3[f], v, d);
      }
      s0[t] = a;
      s1[t] = b;
      s2[t] = c;
      s3[t] = d;
    }
  }
}
