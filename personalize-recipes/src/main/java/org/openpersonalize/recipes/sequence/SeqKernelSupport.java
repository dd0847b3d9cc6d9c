package org.openpersonalize.recipes.sequence;

/**
 * The dense kernels under the sequence models, behind one interface so that a Java Vector API
 * implementation (incubating in Java 17, hence not the default) can later be chosen at start-up the
 * way Lucene's {@code VectorizationProvider} picks a {@code VectorUtilSupport}. With a single
 * implementation loaded, C2 sees a monomorphic call site and inlines it.
 *
 * <p>Every vector is its own zero-based {@code float[]} row of length {@code d} (see {@link
 * ScalarSeqKernels} for why), and matrices are arrays of rows. A matrix argument comes with the
 * offset of its first row, because every parameter of a model lives in one array of rows. Results
 * must not depend on anything but the inputs: summation orders are fixed.
 */
interface SeqKernelSupport {

  /** {@code Σ a[j]·b[j]} over {@code j < d}. */
  float dot(float[] a, float[] b, int d);

  /** {@code y[j] += alpha·x[j]} over {@code j < d}. */
  void axpy(float alpha, float[] x, float[] y, int d);

  /**
   * {@code out[t] = Σ_j in[t][j] · w[wo + j]} for {@code t < n}: rows times a {@code d × d} matrix.
   */
  void matMul(float[][] in, float[][] w, int wo, float[][] out, int n, int d);

  /**
   * {@code out[t][j] = in[t] · w[wo + j]} for {@code t < n}: rows times the matrix's transpose (the
   * backward pass of {@link #matMul} with respect to its input).
   */
  void matMulTransposed(float[][] in, float[][] w, int wo, float[][] out, int n, int d);

  /**
   * {@code g[go + j] += Σ_t a[t][j] · b[t]} for {@code j < d}: the weight gradient {@code aᵀ·b} of
   * {@link #matMul}.
   */
  void accumulateOuter(float[][] a, float[][] b, float[][] g, int go, int n, int d);

  /** {@code out[i] = rows[ro + i] · h} for {@code i < m}: scoring every item for one state. */
  void scoreRows(float[][] rows, int ro, int m, float[] h, float[] out, int d);

  /**
   * Causal single-head attention: {@code p[t][j] = softmax_j≤t(q[t]·k[j]·scale)} and {@code o[t] =
   * Σ_j≤t p[t][j]·v[j]} for {@code t < n}.
   */
  void attentionForward(
      float[][] q, float[][] k, float[][] v, float[][] p, float[][] o, int n, int d, float scale);

  /**
   * The backward pass of {@link #attentionForward}: given {@code dO}, writes (overwrites) {@code
   * dQ}, {@code dK}, {@code dV}; {@code scratch} holds at least {@code n} floats.
   */
  void attentionBackward(
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
      float scale);

  /** {@code out[c] = rows[idx[c]] · h} for {@code c < m}, summed as {@link #scoreRows} does. */
  void scoreIndexed(float[][] rows, int[] idx, int m, float[] h, float[] out, int d);

  /** {@code out = Σ_c coef[c] · rows[idx[c]]} over {@code c < m}, overwriting {@code out}. */
  void combineIndexed(float[] coef, float[][] rows, int[] idx, int m, float[] out, int d);
}
