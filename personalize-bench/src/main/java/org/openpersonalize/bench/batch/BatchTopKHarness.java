package org.openpersonalize.bench.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.openpersonalize.bench.recipes.PowerLawData;
import org.openpersonalize.spi.FactorBlocks;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingData;

/**
 * Top-10 for every user with the users' seen items removed, the batch-inference workload of
 * TARGETS.md (100 k users × 20 k items, 64 factors, 5 M power-law interactions as seen items),
 * timed with wall clocks on both cores, four ways in the same run so that the results read as
 * ratios:
 *
 * <ul>
 *   <li>{@code plain blocked scan}: {@link FactorBlocks#scores} for every user into a block of rows
 *       and nothing else: the matrix product alone, the baseline;
 *   <li>{@code blocked top-10}: {@link FactorBlocks#topK}, the product fused with a bounded
 *       primitive top-K per user that skips the user's seen items (what the goal asks for);
 *   <li>{@code blocked rows + TopK}: the product into rows, then {@link TopK#offerAll} per row with
 *       the seen bits: the path a batch inference job takes through serving's ranking code;
 *   <li>{@code per-user scan}: one user at a time, a dot product per item summed as the recipe's
 *       per-user kernel sums it, then {@link TopK}: what one GetRecommendations per line costs in
 *       scoring, timed on a sample of users and scaled to all of them.
 * </ul>
 *
 * <p>Factors are generated (Gaussian, seeded); the seen items are {@link PowerLawData}. The fused
 * result is checked against the rows path for every user. Run: {@code java -Xmx8g -cp
 * personalize-bench/target/benchmarks.jar org.openpersonalize.bench.batch.BatchTopKHarness
 * [--rounds 3] [--users 100000] [--items 20000] [--factors 64] [--interactions 5000000] [--sample
 * 5000] [--threads 2]}; add {@code --add-modules jdk.incubator.vector} before {@code -cp} for the
 * vector kernel (the header line names the kernel in use).
 */
public final class BatchTopKHarness {
  private static final int TOP = 10;
  private static final int BLOCK = 64;

  private final int users;
  private final int items;
  private final int k;
  private final int threads;
  private final float[][] userVectors;
  private final float[] itemFactors;
  private final FactorBlocks.Items tiled;
  private final int[] seenStart;
  private final int[] seenItems;
  private final int words;

  private BatchTopKHarness(int users, int items, int k, int interactions, int threads) {
    this.users = users;
    this.items = items;
    this.k = k;
    this.threads = threads;
    SplittableRandom rnd = new SplittableRandom(42);
    userVectors = new float[users][k];
    for (float[] v : userVectors) {
      for (int f = 0; f < k; f++) {
        v[f] = (float) (rnd.nextDouble() * 2 - 1);
      }
    }
    itemFactors = new float[items * k];
    for (int i = 0; i < itemFactors.length; i++) {
      itemFactors[i] = (float) (rnd.nextDouble() * 2 - 1);
    }
    tiled = FactorBlocks.items(itemFactors, items, k);
    TrainingData d = PowerLawData.generate(users, items, interactions, 7);
    seenStart = new int[users + 1];
    for (int e = 0; e < d.numInteractions(); e++) {
      seenStart[d.userIdx(e) + 1]++;
    }
    for (int u = 0; u < users; u++) {
      seenStart[u + 1] += seenStart[u];
    }
    seenItems = new int[d.numInteractions()];
    int[] fill = Arrays.copyOf(seenStart, users);
    for (int e = 0; e < d.numInteractions(); e++) {
      seenItems[fill[d.userIdx(e)]++] = d.itemIdx(e);
    }
    words = (items + 63) >>> 6;
  }

  /** One way of scoring a block of users {@code [from, to)} into {@code top[u]}. */
  private interface Way {
    void block(int from, int to, Work w);
  }

  /** One thread's buffers. */
  private final class Work {
    final float[][] rows = new float[BLOCK][items];
    final long[][] seen = new long[BLOCK][words];
    final TopK[] heaps = new TopK[BLOCK];
    final float[][] vs = new float[BLOCK][];
    final float[] row = new float[items];
    int[][] top;

    Work() {
      for (int b = 0; b < BLOCK; b++) {
        heaps[b] = new TopK(TOP);
      }
    }

    void markSeen(int from, int to) {
      for (int u = from; u < to; u++) {
        long[] bits = seen[u - from];
        for (int e = seenStart[u]; e < seenStart[u + 1]; e++) {
          bits[seenItems[e] >>> 6] |= 1L << seenItems[e];
        }
        vs[u - from] = userVectors[u];
      }
    }

    void clearSeen(int from, int to) {
      for (int u = from; u < to; u++) {
        long[] bits = seen[u - from];
        for (int e = seenStart[u]; e < seenStart[u + 1]; e++) {
          bits[seenItems[e] >>> 6] = 0;
        }
      }
    }
  }

  private void plainBlock(int from, int to, Work w) {
    for (int u = from; u < to; u++) {
      w.vs[u - from] = userVectors[u];
    }
    FactorBlocks.scores(w.vs, to - from, tiled, w.rows);
    w.top[from][0] = Float.floatToIntBits(w.rows[0][0]); // keeps the work observable
  }

  private void fusedBlock(int from, int to, Work w) {
    w.markSeen(from, to);
    FactorBlocks.topK(w.vs, to - from, tiled, w.seen, w.heaps);
    for (int u = from; u < to; u++) {
      w.heaps[u - from].drainTo(w.top[u], null);
    }
    w.clearSeen(from, to);
  }

  private void rowsBlock(int from, int to, Work w) {
    w.markSeen(from, to);
    FactorBlocks.scores(w.vs, to - from, tiled, w.rows);
    for (int u = from; u < to; u++) {
      TopK h = w.heaps[u - from];
      h.offerAll(w.rows[u - from], 0, items, w.seen[u - from]);
      h.drainTo(w.top[u], null);
    }
    w.clearSeen(from, to);
  }

  private void perUserBlock(int from, int to, Work w) {
    for (int u = from; u < to; u++) {
      float[] x = userVectors[u];
      float[] out = w.row;
      for (int i = 0; i < items; i++) {
        int o = i * k;
        float a = 0;
        for (int f = 0; f < k; f++) {
          a = Math.fma(itemFactors[o + f], x[f], a);
        }
        out[i] = a;
      }
      long[] bits = w.seen[0];
      for (int e = seenStart[u]; e < seenStart[u + 1]; e++) {
        bits[seenItems[e] >>> 6] |= 1L << seenItems[e];
      }
      TopK h = w.heaps[0];
      h.offerAll(out, 0, items, bits);
      h.drainTo(w.top[u], null);
      for (int e = seenStart[u]; e < seenStart[u + 1]; e++) {
        bits[seenItems[e] >>> 6] = 0;
      }
    }
  }

  /** CPU seconds the worker threads spent in the last {@link #time} call. */
  private final java.util.concurrent.atomic.DoubleAdder cpu =
      new java.util.concurrent.atomic.DoubleAdder();

  /**
   * Runs a way over users {@code [0, n)} on the threads; returns the wall seconds it took, and
   * leaves the threads' CPU seconds in {@link #cpu} (on a loaded machine the wall time counts the
   * other processes' turns; the CPU time does not).
   */
  private double time(Way way, int blockSize, int n, int[][] top, ExecutorService pool)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    cpu.reset();
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    Future<?>[] fs = new Future<?>[threads];
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      fs[t] =
          pool.submit(
              () -> {
                long c0 = mx.getCurrentThreadCpuTime();
                Work w = work.get();
                w.top = top;
                int from;
                while ((from = next.getAndAdd(blockSize)) < n) {
                  way.block(from, Math.min(n, from + blockSize), w);
                }
                cpu.add((mx.getCurrentThreadCpuTime() - c0) / 1e9);
                return null;
              });
    }
    for (Future<?> f : fs) {
      f.get();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private final ThreadLocal<Work> work = ThreadLocal.withInitial(Work::new);

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = 3;
    int users = 100_000;
    int items = 20_000;
    int k = 64;
    int interactions = 5_000_000;
    int sample = 5_000;
    int threads = 2;
    for (int a = 0; a + 1 < args.length; a += 2) {
      int v = Integer.parseInt(args[a + 1]);
      switch (args[a]) {
        case "--rounds" -> rounds = v;
        case "--users" -> users = v;
        case "--items" -> items = v;
        case "--factors" -> k = v;
        case "--interactions" -> interactions = v;
        case "--sample" -> sample = v;
        case "--threads" -> threads = v;
        default -> throw new IllegalArgumentException("unknown option " + args[a]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "top-%d for %d users x %d items, %d factors, %d seen (user, item) pairs, %d threads,"
            + " %s kernel; load before: %s%n",
        TOP,
        users,
        items,
        k,
        interactions,
        threads,
        FactorBlocks.kernel(),
        load());
    BatchTopKHarness h = new BatchTopKHarness(users, items, k, interactions, threads);
    int[][] fusedTop = new int[users][TOP];
    int[][] rowsTop = new int[users][TOP];
    int[][] sink = new int[users][TOP];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int r = 1; r <= rounds; r++) {
        double plainS = h.time(h::plainBlock, BLOCK, users, sink, pool);
        double plainC = h.cpu.sum();
        double fusedS = h.time(h::fusedBlock, BLOCK, users, fusedTop, pool);
        double fusedC = h.cpu.sum();
        double rowsS = h.time(h::rowsBlock, BLOCK, users, rowsTop, pool);
        double rowsC = h.cpu.sum();
        int n = Math.min(sample, users);
        double perUserS = h.time(h::perUserBlock, 16, n, sink, pool) * users / n;
        double perUserC = h.cpu.sum() * users / n;
        int differ = 0;
        for (int u = 0; u < users; u++) {
          if (!Arrays.equals(fusedTop[u], rowsTop[u])) {
            differ++;
          }
        }
        System.out.printf(
            Locale.ROOT,
            "round %d, wall s (CPU s of all threads): plain blocked scan %.2f (%.2f) | blocked"
                + " top-10 seen removed %.2f (%.2f; %.2fx the scan's CPU) | blocked rows + TopK"
                + " %.2f (%.2f; %.2fx) | per-user scan %.1f (%.1f; %.1fx; %d-user sample scaled)"
                + " | users whose two top-10s differ: %d | load %s%n",
            r,
            plainS,
            plainC,
            fusedS,
            fusedC,
            fusedC / plainC,
            rowsS,
            rowsC,
            rowsC / plainC,
            perUserS,
            perUserC,
            perUserC / plainC,
            n,
            differ,
            load());
      }
    } finally {
      pool.shutdown();
    }
  }
}
