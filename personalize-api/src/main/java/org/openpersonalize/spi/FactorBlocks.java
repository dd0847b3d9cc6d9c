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
 * <p>Item factors are laid out once per model ({@link #items}); the methods keep their buffers per
 * call, so threads may score blocks at once over the same {@link Items}.
 */
public final class FactorBlocks {
  /** Items per tile: a tile of 64 coordinates is 128 KiB, which stays in a core's L2 cache. */
  static final int TILE = 512;

  private FactorBlocks() {}

  /**
   * Item factors laid out for the block kernels: tiles of {@value #TILE} items, each holding one
   * zero-based array per coordinate, so the kernels read a tile in place, with no copy per block.
   * Immutable; share it between threads.
   */
  public static final class Items {
    final int numItems;
    final int k;
    final float[][][] tiles;

    private Items(int numItems, int k, float[][][] tiles) {
      this.numItems = numItems;
      this.k = k;
      this.tiles = tiles;
    }

    /** How many items. */
    public int numItems() {
      return numItems;
    }

    /** Coordinates per item. */
    public int k() {
      return k;
    }
  }

  /**
   * Lays out row-major item factors ({@code numItems × k}, item {@code i} at {@code i·k}) for the
   * block kernels.
   *
   * @param factors row-major factors
   * @param numItems how many items
   * @param k factors per item
   * @return the tiled layout (the same memory as the factors)
   */
  public static Items items(float[] factors, int numItems, int k) {
    if (numItems < 0 || k < 1 || factors.length < (long) numItems * k) {
      throw new IllegalArgumentException(
          "factors must hold numItems × k = " + numItems + " × " + k + " floats");
    }
    int numTiles = (numItems + TILE - 1) / TILE;
    float[][][] tiles = new float[numTiles][k][];
    for (int t = 0; t < numTiles; t++) {
      int i0 = t * TILE;
      int len = Math.min(TILE, numItems - i0);
      for (int f = 0; f < k; f++) {
        float[] row = new float[len];
        for (int j = 0; j < len; j++) {
          row[j] = factors[(i0 + j) * k + f];
        }
        tiles[t][f] = row;
      }
    }
    return new Items(numItems, k, tiles);
  }

  /**
   * Scores every item for each of {@code n} users: {@code out[u][i] = users[u] · y_i}, in the order
   * of the class comment.
   *
   * @param users the users' vectors, each at least {@code k} long
   * @param n how many users
   * @param items the item factors, from {@link #items}
   * @param out receives each user's scores; each row at least {@code numItems} long
   */
  public static void scores(float[][] users, int n, Items items, float[][] out) {
    int numItems = items.numItems;
    check(users, n, items);
    for (int u = 0; u < n; u++) {
      if (out[u].length < numItems) {
        throw new IllegalArgumentException("out[" + u + "] must hold numItems = " + numItems);
      }
    }
    Tiles w = new Tiles(items.k);
    for (int i0 = 0; i0 < numItems; i0 += TILE) {
      int len = Math.min(TILE, numItems - i0);
      float[][] y = items.tiles[i0 / TILE];
      for (int u = 0; u < n; u += 2) {
        boolean two = u + 1 < n;
        w.pair(y, users[u], two ? users[u + 1] : users[u], len);
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
   * @param items the item factors, from {@link #items}
   * @param excluded per user, a bit set of item indices to skip, or null (a null array: none)
   * @param heaps per user, an empty heap of the wanted size; filled on return
   */
  public static void topK(float[][] users, int n, Items items, long[][] excluded, TopK[] heaps) {
    int numItems = items.numItems;
    check(users, n, items);
    if (heaps.length < n) {
      throw new IllegalArgumentException("heaps must hold n = " + n + " heaps");
    }
    Tiles w = new Tiles(items.k);
    float[] s0 = new float[TILE];
    float[] s1 = new float[TILE];
    for (int i0 = 0; i0 < numItems; i0 += TILE) {
      int len = Math.min(TILE, numItems - i0);
      float[][] y = items.tiles[i0 / TILE];
      for (int u = 0; u < n; u += 2) {
        boolean two = u + 1 < n;
        w.pair(y, users[u], two ? users[u + 1] : users[u], len);
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

  private static void check(float[][] users, int n, Items items) {
    int k = items.k;
    if (n < 0 || n > users.length) {
      throw new IllegalArgumentException("n must be in [0, users.length]; got: " + n);
    }
    for (int u = 0; u < n; u++) {
      if (users[u].length < k) {
        throw new IllegalArgumentException("users[" + u + "] must hold k = " + k + " floats");
      }
    }
  }

  /** The accumulators of two users over one tile of items. */
  private static final class Tiles {
    final int k;
    final float[] a0 = new float[TILE];
    final float[] b0 = new float[TILE];
    final float[] a1 = new float[TILE];
    final float[] b1 = new float[TILE];

    Tiles(int k) {
      this.k = k;
    }

    /**
     * Fills {@code a0, b0} (user {@code x}) and {@code a1, b1} (user {@code z}) over {@code len}
     * items: even coordinates into {@code a}, odd into {@code b}, each in increasing order; written
     * left to right so Java's evaluation order is that summation order.
     */
    void pair(float[][] y, float[] x, float[] z, int len) {
      java.util.Arrays.fill(a0, 0, len, 0f);
      java.util.Arrays.fill(b0, 0, len, 0f);
      java.util.Arrays.fill(a1, 0, len, 0f);
      java.util.Arrays.fill(b1, 0, len, 0f);
      int k2 = k & ~1;
      int f = 0;
      // Even and odd coordinates in separate loops: each loop then reads four item rows and
      // writes two accumulators, which C2 vectorizes; one loop over all eight rows and four
      // accumulators runs scalar, about seven times slower (measured here, k = 64).
      for (; f + 7 < k2; f += 8) {
        float[] y0 = y[f], y2 = y[f + 2], y4 = y[f + 4], y6 = y[f + 6];
        float x0 = x[f], x2 = x[f + 2], x4 = x[f + 4], x6 = x[f + 6];
        float z0 = z[f], z2 = z[f + 2], z4 = z[f + 4], z6 = z[f + 6];
        for (int t = 0; t < len; t++) {
          float v0 = y0[t], v2 = y2[t], v4 = y4[t], v6 = y6[t];
          a0[t] = a0[t] + x0 * v0 + x2 * v2 + x4 * v4 + x6 * v6;
          a1[t] = a1[t] + z0 * v0 + z2 * v2 + z4 * v4 + z6 * v6;
        }
        float[] y1 = y[f + 1], y3 = y[f + 3], y5 = y[f + 5], y7 = y[f + 7];
        float x1 = x[f + 1], x3 = x[f + 3], x5 = x[f + 5], x7 = x[f + 7];
        float z1 = z[f + 1], z3 = z[f + 3], z5 = z[f + 5], z7 = z[f + 7];
        for (int t = 0; t < len; t++) {
          float v1 = y1[t], v3 = y3[t], v5 = y5[t], v7 = y7[t];
          b0[t] = b0[t] + x1 * v1 + x3 * v3 + x5 * v5 + x7 * v7;
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
