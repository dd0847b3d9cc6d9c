package org.openpersonalize.spi;

/**
 * Scores blocks of users against item factors for models whose score is a dot product {@code x_u ·
 * y_i} (matrix factorisation), the kernel behind {@link Model#scoreItemsForHistories}: one pass
 * over a tile of item factors serves two users at once and every inner loop runs over a tile of
 * items with the same zero-based index on every array, which HotSpot C2 turns into vector code,
 * where one user at a time would be a chain of scalar dot products.
 *
 * <p>Summation order, which makes the scores of a block bit-for-bit those of one user at a time:
 * {@code score = A + B}, where {@code A} sums the products of the even coordinates {@code 0, 2, 4,
 * …} in increasing order (an odd last coordinate joins {@code A} last) and {@code B} the odd ones
 * {@code 1, 3, 5, …}, each in {@code float} arithmetic without fused multiply-add. A model whose
 * per-user kernel sums in this order (User-Personalization's) gives the same recommendations,
 * bit-for-bit, from a block as from one request.
 *
 * <p>Item factors are taken transposed ({@link #transpose}): row {@code f} holds coordinate {@code
 * f} of every item. Not thread-safe per instance; the static methods keep their buffers per call.
 */
public final class FactorBlocks {
  /** Items per tile: a tile of 64 coordinates is 128 KiB, which stays in a core's L2 cache. */
  static final int TILE = 512;

  private FactorBlocks() {}

  /**
   * Transposes row-major item factors ({@code numItems × k}) into {@code k} rows of {@code
   * numItems}, the layout the block kernels read.
   *
   * @param factors row-major factors
   * @param numItems how many items
   * @param k factors per item
   * @return {@code k} arrays of {@code numItems} floats
   */
  public static float[][] transpose(float[] factors, int numItems, int k) {
    if (numItems < 0 || k < 1 || factors.length < (long) numItems * k) {
      throw new IllegalArgumentException(
          "factors must hold numItems × k = " + numItems + " × " + k + " floats");
    }
    float[][] t = new float[k][numItems];
    for (int i = 0; i < numItems; i++) {
      int o = i * k;
      for (int f = 0; f < k; f++) {
        t[f][i] = factors[o + f];
      }
    }
    return t;
  }

  /**
   * Scores every item for each of {@code n} users: {@code out[u][i] = users[u] · y_i}, in the order
   * of the class comment.
   *
   * @param users the users' vectors, each at least {@code k} long
   * @param n how many users
   * @param itemsT transposed item factors, {@code k} rows of at least {@code numItems}
   * @param numItems how many items
   * @param out receives each user's scores; each row at least {@code numItems} long
   */
  public static void scores(float[][] users, int n, float[][] itemsT, int numItems, float[][] out) {
    check(users, n, itemsT, numItems);
    for (int u = 0; u < n; u++) {
      if (out[u].length < numItems) {
        throw new IllegalArgumentException("out[" + u + "] must hold numItems = " + numItems);
      }
    }
    Tiles w = new Tiles(itemsT.length);
    for (int i0 = 0; i0 < numItems; i0 += TILE) {
      int len = Math.min(TILE, numItems - i0);
      w.load(itemsT, i0, len);
      for (int u = 0; u < n; u += 2) {
        boolean two = u + 1 < n;
        w.pair(users[u], two ? users[u + 1] : users[u], len);
        float[] o0 = out[u];
        for (int t = 0; t < len; t++) {
          o0[i0 + t] = w.a0[t] + w.b0[t];
        }
        if (two) {
          float[] o1 = out[u + 1];
          for (int t = 0; t < len; t++) {
            o1[i0 + t] = w.a1[t] + w.b1[t];
          }
        }
      }
    }
  }

  /**
   * The best {@code heaps[u].capacity()} items for each of {@code n} users, scored as {@link
   * #scores} scores them, without materialising their rows: each tile's scores go straight into the
   * user's bounded heap, skipping the items set in the user's exclusion bits (seen items, a
   * filter's complement).
   *
   * @param users the users' vectors
   * @param n how many users
   * @param itemsT transposed item factors
   * @param numItems how many items
   * @param excluded per user, a bit set of item indices to skip, or null (a null array: none)
   * @param heaps per user, an empty heap of the wanted size; filled on return
   */
  public static void topK(
      float[][] users, int n, float[][] itemsT, int numItems, long[][] excluded, TopK[] heaps) {
    check(users, n, itemsT, numItems);
    Tiles w = new Tiles(itemsT.length);
    float[] s0 = new float[TILE];
    float[] s1 = new float[TILE];
    for (int i0 = 0; i0 < numItems; i0 += TILE) {
      int len = Math.min(TILE, numItems - i0);
      w.load(itemsT, i0, len);
      for (int u = 0; u < n; u += 2) {
        boolean two = u + 1 < n;
        w.pair(users[u], two ? users[u + 1] : users[u], len);
        for (int t = 0; t < len; t++) {
          s0[t] = w.a0[t] + w.b0[t];
        }
        heaps[u].offerShifted(s0, len, i0, excluded == null ? null : excluded[u]);
        if (two) {
          for (int t = 0; t < len; t++) {
            s1[t] = w.a1[t] + w.b1[t];
          }
          heaps[u + 1].offerShifted(s1, len, i0, excluded == null ? null : excluded[u + 1]);
        }
      }
    }
  }

  private static void check(float[][] users, int n, float[][] itemsT, int numItems) {
    int k = itemsT.length;
    if (k < 1 || n < 0 || n > users.length) {
      throw new IllegalArgumentException(
          "need k >= 1 item factor rows and 0 <= n <= users.length; got k = " + k + ", n = " + n);
    }
    for (int f = 0; f < k; f++) {
      if (itemsT[f].length < numItems) {
        throw new IllegalArgumentException("itemsT[" + f + "] must hold numItems = " + numItems);
      }
    }
    for (int u = 0; u < n; u++) {
      if (users[u].length < k) {
        throw new IllegalArgumentException("users[" + u + "] must hold k = " + k + " floats");
      }
    }
  }

  /** One tile of item factors, copied zero-based, and the accumulators of two users. */
  private static final class Tiles {
    final int k;
    final float[][] y;
    final float[] a0 = new float[TILE];
    final float[] b0 = new float[TILE];
    final float[] a1 = new float[TILE];
    final float[] b1 = new float[TILE];

    Tiles(int k) {
      this.k = k;
      this.y = new float[k][TILE];
    }

    void load(float[][] itemsT, int i0, int len) {
      for (int f = 0; f < k; f++) {
        System.arraycopy(itemsT[f], i0, y[f], 0, len);
      }
    }

    /**
     * Fills {@code a0, b0} (user {@code x}) and {@code a1, b1} (user {@code z}) over {@code len}
     * items: even coordinates into {@code a}, odd into {@code b}, each in increasing order; written
     * left to right so Java's evaluation order is that summation order.
     */
    void pair(float[] x, float[] z, int len) {
      java.util.Arrays.fill(a0, 0, len, 0f);
      java.util.Arrays.fill(b0, 0, len, 0f);
      java.util.Arrays.fill(a1, 0, len, 0f);
      java.util.Arrays.fill(b1, 0, len, 0f);
      int k2 = k & ~1;
      int f = 0;
      for (; f + 7 < k2; f += 8) {
        float[] y0 = y[f], y1 = y[f + 1], y2 = y[f + 2], y3 = y[f + 3];
        float[] y4 = y[f + 4], y5 = y[f + 5], y6 = y[f + 6], y7 = y[f + 7];
        float x0 = x[f], x1 = x[f + 1], x2 = x[f + 2], x3 = x[f + 3];
        float x4 = x[f + 4], x5 = x[f + 5], x6 = x[f + 6], x7 = x[f + 7];
        float z0 = z[f], z1 = z[f + 1], z2 = z[f + 2], z3 = z[f + 3];
        float z4 = z[f + 4], z5 = z[f + 5], z6 = z[f + 6], z7 = z[f + 7];
        for (int t = 0; t < len; t++) {
          float v0 = y0[t], v1 = y1[t], v2 = y2[t], v3 = y3[t];
          float v4 = y4[t], v5 = y5[t], v6 = y6[t], v7 = y7[t];
          a0[t] = a0[t] + x0 * v0 + x2 * v2 + x4 * v4 + x6 * v6;
          b0[t] = b0[t] + x1 * v1 + x3 * v3 + x5 * v5 + x7 * v7;
          a1[t] = a1[t] + z0 * v0 + z2 * v2 + z4 * v4 + z6 * v6;
          b1[t] = b1[t] + z1 * v1 + z3 * v3 + z5 * v5 + z7 * v7;
        }
      }
      for (; f < k2; f += 2) {
        float[] y0 = y[f], y1 = y[f + 1];
        float x0 = x[f], x1 = x[f + 1], z0 = z[f], z1 = z[f + 1];
        for (int t = 0; t < len; t++) {
          a0[t] = a0[t] + x0 * y0[t];
          b0[t] = b0[t] + x1 * y1[t];
          a1[t] = a1[t] + z0 * y0[t];
          b1[t] = b1[t] + z1 * y1[t];
        }
      }
      if (k2 < k) {
        float[] yl = y[k2];
        float xl = x[k2], zl = z[k2];
        for (int t = 0; t < len; t++) {
          a0[t] = a0[t] + xl * yl[t];
          a1[t] = a1[t] + zl * yl[t];
        }
      }
    }
  }
}
