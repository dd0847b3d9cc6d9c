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

  /** The heap bar of each user of the group being offered. */
  private final float[] bars = new float[4];

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
    int whole = len - len % (2 * LANES);
    for (int t = 0; t < whole; t += 2 * LANES) {
      stripe(y, k, x0, x1, x2, x3, t, out);
    }
    tail(y, k, x0, x1, x2, x3, whole, len, out);
  }

  /**
   * Fuses the top-K into the kernel: each user's stripe of {@code 2·lanes} scores is compared with
   * the user's heap bar with vector compares, and only a stripe with a score that reaches it is
   * offered. A bar only rises, so the items skipped are items every offer method would reject: the
   * heaps end as the scalar path leaves them. Per-score offering in scalar code cost about a third
   * of the multiply-adds' time; the comparison costs two loads and two compares per user and
   * stripe, against 128 fused multiply-adds.
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
    // The bar of each user, renewed after its offers; a short group's missing users are skipped.
    for (int j = 0; j < m; j++) {
      bars[j] = heaps[from + j].bar();
    }
    for (int t = 0; t < whole; t += step) {
      stripe(y, k, x0, x1, x2, x3, t, out);
      for (int j = 0; j < m; j++) {
        if (reaches(out[j], t, bars[j])) {
          TopK heap = heaps[from + j];
          heap.offerSlice(out[j], t, t + step, i0, excluded == null ? null : excluded[from + j]);
          bars[j] = heap.bar();
        }
      }
    }
    if (whole < len) {
      tail(y, k, x0, x1, x2, x3, whole, len, out);
      for (int j = 0; j < m; j++) {
        long[] bits = excluded == null ? null : excluded[from + j];
        heaps[from + j].offerSlice(out[j], whole, len, i0, bits);
      }
    }
  }

  /** Whether any score of {@code row[t, t + 2·lanes)} reaches the bar (never for NaN scores). */
  private static boolean reaches(float[] row, int t, float bar) {
    FloatVector lo = FloatVector.fromArray(SPECIES, row, t);
    FloatVector hi = FloatVector.fromArray(SPECIES, row, t + LANES);
    return lo.compare(VectorOperators.GE, bar).or(hi.compare(VectorOperators.GE, bar)).anyTrue();
  }

  /**
   * Scores items {@code [t, t + 2·lanes)} for the four users into {@code s[0..3]}: eight
   * accumulators in registers over all {@code k} coordinates, stored once. Nothing vector-typed
   * leaves this method, so C2 never boxes a vector.
   */
  private static void stripe(
      float[][] y, int k, float[] x0, float[] x1, float[] x2, float[] x3, int t, float[][] s) {
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
    a0.intoArray(s[0], t);
    a1.intoArray(s[0], t + LANES);
    b0.intoArray(s[1], t);
    b1.intoArray(s[1], t + LANES);
    c0.intoArray(s[2], t);
    c1.intoArray(s[2], t + LANES);
    d0.intoArray(s[3], t);
    d1.intoArray(s[3], t + LANES);
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
      float[][] s) {
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
      s[0][t] = a;
      s[1][t] = b;
      s[2][t] = c;
      s[3][t] = d;
    }
  }
}
