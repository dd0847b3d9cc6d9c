package org.openpersonalize.recipes;

import java.util.Arrays;

/**
 * Scoring every user of a factor model against items, for user segments (Amazon's batch segment
 * jobs, spec §7.2): the model read column-wise.
 *
 * <p>A block of up to {@value #BLOCK} items is one matrix product {@code X · Y_blockᵀ} over all
 * users. The block's item vectors are transposed once into {@code k} zero-based rows of {@code b}
 * floats, so that a user's {@code b} scores are {@code Σ_j x_u[j] · row_j}: updates of whole rows
 * that C2 vectorizes (see {@link Vec}), where one dot product per (user, item) would be a scalar
 * reduction. The user matrix is then streamed once per block rather than once per item, and the
 * block's rows ({@code k × 64} floats, 38 KB at k = 149) stay in cache. Each score is summed in the
 * order of {@link Vec#matVec} (one fused multiply-add per position, in increasing order), so a
 * block gives bit for bit what scoring its items one at a time gives.
 */
final class UserScoring {
  /** Items per pass over the users. */
  static final int BLOCK = 64;

  private UserScoring() {}

  /**
   * {@code out[r][u] = x_u · y_{itemIdx[r]}} for every user {@code u} and {@code r < n}.
   *
   * @param users user factors, row-major {@code numUsers × k}
   * @param numUsers how many users
   * @param items item factors, row-major
   * @param k factors per row
   * @param itemIdx the items, already checked
   * @param n how many items
   * @param out one buffer of at least {@code numUsers} per item, already checked
   */
  static void forItems(
      float[] users, int numUsers, float[] items, int k, int[] itemIdx, int n, float[][] out) {
    int width = Math.min(BLOCK, Math.max(1, n));
    float[][] rows = new float[k][width];
    float[] acc = new float[width];
    for (int from = 0; from < n; from += BLOCK) {
      int b = Math.min(BLOCK, n - from);
      for (int r = 0; r < b; r++) {
        int o = itemIdx[from + r] * k;
        for (int j = 0; j < k; j++) {
          rows[j][r] = items[o + j];
        }
      }
      for (int u = 0; u < numUsers; u++) {
        int uo = u * k;
        Arrays.fill(acc, 0, b, 0f);
        int j = 0;
        // Four positions per pass over the block's rows: the fused multiply-adds nest so that
        // each score still takes its positions one at a time, in increasing order.
        for (; j + 3 < k; j += 4) {
          float x0 = users[uo + j];
          float x1 = users[uo + j + 1];
          float x2 = users[uo + j + 2];
          float x3 = users[uo + j + 3];
          float[] t0 = rows[j];
          float[] t1 = rows[j + 1];
          float[] t2 = rows[j + 2];
          float[] t3 = rows[j + 3];
          for (int r = 0; r < b; r++) {
            acc[r] =
                Math.fma(
                    x3,
                    t3[r],
                    Math.fma(x2, t2[r], Math.fma(x1, t1[r], Math.fma(x0, t0[r], acc[r]))));
          }
        }
        for (; j < k; j++) {
          float xj = users[uo + j];
          float[] tj = rows[j];
          for (int r = 0; r < b; r++) {
            acc[r] = Math.fma(xj, tj[r], acc[r]);
          }
        }
        for (int r = 0; r < b; r++) {
          out[from + r][u] = acc[r];
        }
      }
    }
  }

  /**
   * {@code out[u] = x_u · Σ_{i ∈ set} y_i}: under the implicit-feedback model a score {@code x_u ·
   * y_i} estimates whether {@code u} interacts with {@code i} (Hu, Koren &amp; Volinsky 2008), so
   * the sum over the set estimates how many of its items {@code u} interacts with — by linearity,
   * one pass over the users whatever the size of the set.
   *
   * @param users user factors, row-major {@code numUsers × k}
   * @param numUsers how many users
   * @param items item factors, row-major
   * @param k factors per row
   * @param itemIdx the set, already checked
   * @param n how many items of the set
   * @param out receives {@code numUsers} scores
   */
  static void forItemSet(
      float[] users, int numUsers, float[] items, int k, int[] itemIdx, int n, float[] out) {
    // Summed in double in the given order, so the result does not depend on the set's size.
    double[] sum = new double[k];
    for (int e = 0; e < n; e++) {
      int o = itemIdx[e] * k;
      for (int j = 0; j < k; j++) {
        sum[j] += items[o + j];
      }
    }
    float[] centre = new float[k];
    for (int j = 0; j < k; j++) {
      centre[j] = (float) sum[j];
    }
    Vec.matVec(users, numUsers, centre, out, k);
  }
}
