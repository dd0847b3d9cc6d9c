package org.openpersonalize.spi;

/**
 * Scores blocks of users against item factors for models whose score is a dot product {@code x_u ·
 * y_i} (matrix factorisation), the kernel behind {@link Model#scoreItemsForHistories}: one pass
 * over a tile of item factors serves two users at once and every inner loop runs over a tile of
 * items with the same zero-based index on every array, which HotSpot C2 turns into vector code,
 * where one user at a time would be a chain of scalar dot products.
 *
 * <p>Summation order, which makes the scores of a block bit-for-bit those of one user at a time:
 * {@code score = fma(x[k-1], y[k-1], … fma(x[1], y[1], fma(x[0], y[0], 0)) …)}, one fused
 * multiply-add per coordinate in increasing order ({@link Math#fma}, which is exactly rounded, so
 * the result does not depend on how the loop is vectorized). A model whose per-user kernel sums in
 * this order (User-Personalization's) gives the same recommendations, bit-for-bit, from a block as
 * from one request.
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
    Group g = group(items.k);
    int width = g.width();
    for (int i0 = 0; i0 < numItems; i0 += TILE) {
      int len = Math.min(TILE, numItems - i0);
      float[][] y = items.tiles[i0 / TILE];
      for (int u = 0; u < n; u += width) {
        int m = Math.min(width, n - u);
        g.score(y, users, u, m, len);
        for (int j = 0; j < m; j++) {
          System.arraycopy(g.out[j], 0, out[u + j], i0, len);
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
    Group g = group(items.k);
    int width = g.width();
    for (int i0 = 0; i0 < numItems; i0 += TILE) {
      int len = Math.min(TILE, numItems - i0);
      float[][] y = items.tiles[i0 / TILE];
      for (int u = 0; u < n; u += width) {
        g.offer(y, users, u, Math.min(width, n - u), len, i0, excluded, heaps);
      }
    }
  }

  /**
   * Which kernel scores blocks in this JVM: {@code "vector (N-bit)"} when the JDK's incubating
   * Vector API is available (the JVM was started with {@code --add-modules jdk.incubator.vector})
   * and the platform has vector registers, else {@code "scalar"}. Both give the same scores, bit
   * for bit; the vector kernel keeps a block of four users by {@code 2·lanes} items in registers
   * for all {@code k} coordinates, about 1.3 to 1.9 times the multiply-adds per second of the
   * scalar one.
   *
   * @return a short description for logs and benchmark reports
   */
  public static String kernel() {
    return VECTOR ? "vector (" + VectorGroup.bits() + "-bit)" : "scalar";
  }

  /**
   * Whether the vector kernel is used: the module is present in the boot layer, the platform has at
   * least eight float lanes, and {@code -Dopenpersonalize.scalarKernels=true} was not given. Any
   * linkage failure (the module not readable) falls back to the scalar kernel.
   */
  private static final boolean VECTOR = probeVector();

  private static boolean probeVector() {
    if (Boolean.getBoolean("openpersonalize.scalarKernels")) {
      return false;
    }
    try {
      return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && VectorGroup.usable();
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  private static Group group(int k) {
    return VECTOR ? new VectorGroup(k, TILE) : new Tiles(k);
  }

  /**
   * Scores a few users at once over one tile, into one buffer per user ({@link #out}), in the order
   * of the class comment. One instance per call: not shared between threads.
   */
  abstract static class Group {
    final float[][] out;

    Group(int width, int tile) {
      out = new float[width][tile];
    }

    /** How many users one {@link #score} call scores. */
    final int width() {
      return out.length;
    }

    /**
     * Scores users {@code users[from .. from+m)} ({@code m ≤ width()}) against items {@code [0,
     * len)} of tile {@code y} into {@code out[0 .. m)}.
     */
    abstract void score(float[][] y, float[][] users, int from, int m, int len);

    /**
     * Offers the scores of users {@code users[from .. from+m)} over items {@code [0, len)} of tile
     * {@code y} (item indices {@code i0 + t}) to their heaps, skipping their excluded items.
     */
    void offer(
        float[][] y,
        float[][] users,
        int from,
        int m,
        int len,
        int i0,
        long[][] excluded,
        TopK[] heaps) {
      score(y, users, from, m, len);
      for (int j = 0; j < m; j++) {
        heaps[from + j].offerShifted(out[j], len, i0, excluded == null ? null : excluded[from + j]);
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

  /** The scalar kernel: two users per pass over a tile, vectorized by C2 across items. */
  static final class Tiles extends Group {
    final int k;

    Tiles(int k) {
      super(2, TILE);
      this.k = k;
    }

    @Override
    void score(float[][] y, float[][] users, int from, int m, int len) {
      pair(y, users[from], users[from + m - 1], len, out[0], out[1], k);
    }

    /**
     * Fills {@code a0} (user {@code x}) and {@code a1} (user {@code z}) over {@code len} items, one
     * fused multiply-add per coordinate in increasing order. A static method over arrays passed in:
     * the same loop reading the accumulators from fields ran scalar (C2 did not vectorize it).
     */
    private static void pair(
        float[][] y, float[] x, float[] z, int len, float[] a0, float[] a1, int k) {
      java.util.Arrays.fill(a0, 0, len, 0f);
      java.util.Arrays.fill(a1, 0, len, 0f);
      int f = 0;
      // Four coordinates of two users per pass: each pass reads four item rows once for both
      // users and each accumulator once, which C2 vectorizes (measured here at k = 64: 1.35× the
      // multiply-adds per CPU-second of the earlier separate-add kernel). Three or four users per
      // pass, or eight coordinates, make the loop body too large for C2's superword pass and it
      // runs scalar, four to five times slower.
      for (; f + 3 < k; f += 4) {
        float[] y0 = y[f], y1 = y[f + 1], y2 = y[f + 2], y3 = y[f + 3];
        float x0 = x[f], x1 = x[f + 1], x2 = x[f + 2], x3 = x[f + 3];
        float z0 = z[f], z1 = z[f + 1], z2 = z[f + 2], z3 = z[f + 3];
        for (int t = 0; t < len; t++) {
          float v0 = y0[t], v1 = y1[t], v2 = y2[t], v3 = y3[t];
          a0[t] = Math.fma(x3, v3, Math.fma(x2, v2, Math.fma(x1, v1, Math.fma(x0, v0, a0[t]))));
          a1[t] = Math.fma(z3, v3, Math.fma(z2, v2, Math.fma(z1, v1, Math.fma(z0, v0, a1[t]))));
        }
      }
      for (; f < k; f++) {
        float[] yf = y[f];
        float xf = x[f], zf = z[f];
        for (int t = 0; t < len; t++) {
          a0[t] = Math.fma(xf, yf[t], a0[t]);
          a1[t] = Math.fma(zf, yf[t], a1[t]);
        }
      }
    }
  }
}
