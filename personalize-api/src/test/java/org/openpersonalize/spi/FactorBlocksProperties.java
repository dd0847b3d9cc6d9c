package org.openpersonalize.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The block kernels against a slow reference: every score is the documented chain of fused
 * multiply-adds, bit for bit, whichever kernel runs, and the fused top-K keeps exactly what sorting
 * the full rows keeps. The module's tests run with {@code --add-modules jdk.incubator.vector}, so
 * {@link FactorBlocks} uses the vector kernel here; the scalar kernel is driven directly.
 */
class FactorBlocksProperties {

  @Test
  void theVectorKernelIsInUseWhereThePlatformHasVectors() {
    if (VectorGroup.usable()) {
      assertTrue(FactorBlocks.kernel().startsWith("vector"), FactorBlocks.kernel());
    } else {
      assertEquals("scalar", FactorBlocks.kernel());
    }
  }

  @Property(tries = 60)
  void bothKernelsScoreInTheDocumentedOrder(
      @ForAll @IntRange(min = 1, max = 70) int k,
      @ForAll @IntRange(min = 0, max = 1100) int numItems,
      @ForAll @IntRange(min = 0, max = 9) int n,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] factors = gaussian(rnd, numItems * k);
    float[][] users = new float[n][];
    for (int u = 0; u < n; u++) {
      users[u] = gaussian(rnd, k);
    }
    FactorBlocks.Items items = FactorBlocks.items(factors, numItems, k);
    float[][] viaBlocks = new float[n][numItems];
    FactorBlocks.scores(users, n, items, viaBlocks);
    float[][] viaScalar = scalarRows(users, n, items);
    for (int u = 0; u < n; u++) {
      float[] want = reference(factors, numItems, k, users[u]);
      assertArrayEquals(want, viaBlocks[u], "block kernel, user " + u);
      assertArrayEquals(want, viaScalar[u], "scalar kernel, user " + u);
    }
  }

  @Property(tries = 60)
  void theFusedTopKKeepsWhatSortingTheRowsKeeps(
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll @IntRange(min = 0, max = 1300) int numItems,
      @ForAll @IntRange(min = 0, max = 9) int n,
      @ForAll @IntRange(min = 0, max = 25) int size,
      @ForAll @IntRange(min = 0, max = 3) int ties,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] factors = gaussian(rnd, numItems * k);
    // Repeated items give equal scores, which must break ties by the lower index as TopK does.
    for (int r = 0; r < ties * 10 && numItems > 1; r++) {
      int from = rnd.nextInt(numItems);
      int to = rnd.nextInt(numItems);
      System.arraycopy(factors, from * k, factors, to * k, k);
    }
    float[][] users = new float[n][];
    long[][] excluded = new long[n][];
    for (int u = 0; u < n; u++) {
      users[u] = gaussian(rnd, k);
      excluded[u] = new long[(numItems + 63) >>> 6];
      for (int e = 0; e < numItems / 4; e++) {
        int i = rnd.nextInt(numItems);
        excluded[u][i >>> 6] |= 1L << i;
      }
    }
    boolean noExclusions = rnd.nextInt(3) == 0;
    TopK[] heaps = new TopK[n];
    for (int u = 0; u < n; u++) {
      heaps[u] = new TopK(size);
    }
    FactorBlocks.Items items = FactorBlocks.items(factors, numItems, k);
    FactorBlocks.topK(users, n, items, noExclusions ? null : excluded, heaps);
    for (int u = 0; u < n; u++) {
      float[] row = reference(factors, numItems, k, users[u]);
      int[] want = sortedTop(row, size, noExclusions ? null : excluded[u]);
      int[] got = new int[size];
      float[] gotScores = new float[size];
      int kept = heaps[u].drainTo(got, gotScores);
      assertEquals(want.length, kept, "user " + u);
      for (int r = 0; r < kept; r++) {
        assertEquals(want[r], got[r], "user " + u + " rank " + r);
        assertEquals(row[want[r]], gotScores[r], "user " + u + " rank " + r);
      }
    }
  }

  /** The documented order, one item at a time: {@code fma} over the coordinates in order. */
  private static float[] reference(float[] factors, int numItems, int k, float[] x) {
    float[] out = new float[numItems];
    for (int i = 0; i < numItems; i++) {
      float s = 0;
      for (int f = 0; f < k; f++) {
        s = Math.fma(x[f], factors[i * k + f], s);
      }
      out[i] = s;
    }
    return out;
  }

  /** Full rows from the scalar kernel, whatever kernel {@link FactorBlocks} chose. */
  private static float[][] scalarRows(float[][] users, int n, FactorBlocks.Items items) {
    float[][] rows = new float[n][items.numItems];
    FactorBlocks.Tiles g = new FactorBlocks.Tiles(items.k);
    for (int t = 0; t < items.tiles.length; t++) {
      int i0 = t * FactorBlocks.TILE;
      int len = Math.min(FactorBlocks.TILE, items.numItems - i0);
      for (int u = 0; u < n; u += g.width()) {
        int m = Math.min(g.width(), n - u);
        g.score(items.tiles[t], users, u, m, len);
        for (int j = 0; j < m; j++) {
          System.arraycopy(g.out[j], 0, rows[u + j], i0, len);
        }
      }
    }
    return rows;
  }

  /** Sort everything: best score first, then the lower index; excluded items left out. */
  private static int[] sortedTop(float[] row, int size, long[] excluded) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < row.length; i++) {
      boolean out = excluded != null && (excluded[i >>> 6] & (1L << i)) != 0;
      if (!out) {
        all.add(i);
      }
    }
    all.sort(
        Comparator.<Integer>comparingDouble(i -> -(row[i] + 0.0f))
            .thenComparingInt(Integer::intValue));
    int m = Math.min(size, all.size());
    int[] top = new int[m];
    for (int r = 0; r < m; r++) {
      top[r] = all.get(r);
    }
    return top;
  }

  private static float[] gaussian(SplittableRandom rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      // Gaussian by Box-Muller: SplittableRandom has no nextGaussian on Java 17.
      double u1 = 1 - rnd.nextDouble();
      double u2 = rnd.nextDouble();
      v[i] = (float) (Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    return v;
  }
}
