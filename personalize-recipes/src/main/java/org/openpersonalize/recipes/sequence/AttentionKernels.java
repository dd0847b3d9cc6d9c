package org.openpersonalize.recipes.sequence;

/**
 * Public entry to the causal-attention kernels for {@code personalize-bench}, which measures them
 * against a plain baseline in the same run ({@code SequenceKernelBenchmark}). The package is not
 * exported from the module; on the class path the benchmark reaches it here.
 */
public final class AttentionKernels {
  private AttentionKernels() {}

  /**
   * Causal single-head attention over {@code n} rows of width {@code d}.
   *
   * @param q queries, {@code n} rows
   * @param k keys
   * @param v values
   * @param p receives the attention weights, rows of at least {@code n}
   * @param o receives the outputs
   * @param n sequence length
   * @param d width
   * @param scale the score scale, usually {@code 1/√d}
   */
  public static void forward(
      float[][] q, float[][] k, float[][] v, float[][] p, float[][] o, int n, int d, float scale) {
    SeqKernels.get().attentionForward(q, k, v, p, o, n, d, scale);
  }

  /**
   * The backward pass of {@link #forward}.
   *
   * @param q queries
   * @param k keys
   * @param v values
   * @param p the weights {@link #forward} wrote
   * @param dO the loss gradient with respect to the outputs
   * @param dQ receives the gradient with respect to the queries
   * @param dK receives the gradient with respect to the keys
   * @param dV receives the gradient with respect to the values
   * @param scratch at least {@code n} floats
   * @param n sequence length
   * @param d width
   * @param scale the score scale used forward
   */
  public static void backward(
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
    SeqKernels.get().attentionBackward(q, k, v, p, dO, dQ, dK, dV, scratch, n, d, scale);
  }
}
