package org.openpersonalize.bench.sequence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

/**
 * Leave-last-one-out next-item evaluation at the recipe level (no engine), used to choose the
 * sequence recipes' defaults: each user's events in time order; {@code test} holds out the last
 * event and trains on the rest; {@code validation} also drops the last event and holds out the
 * second-to-last, so hyperparameters are chosen without looking at the test items. Full ranking
 * over the catalogue with the user's training items removed; HR@10 and NDCG@10; every recipe is
 * served from the user's newest 200 training events, as the engine serves.
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar org.openpersonalize.bench.sequence.NextItemEval \
 *   ../shared/data/movielens-100k/u.data validation aws-user-personalization-v2 num_epochs=20 ...
 * </pre>
 */
public final class NextItemEval {
  private NextItemEval() {}

  /** One dataset, split for next-item evaluation. */
  record Split(TrainingData train, int[][] history, long[][] times, int[] heldOut) {}

  /**
   * Reads a MovieLens ratings file ({@code u.data} tab-separated, or {@code ratings.csv}).
   *
   * @return rows of {user, item, timestamp} as dense indices, in file order
   */
  static long[][] read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    boolean csv = file.getFileName().toString().endsWith(".csv");
    Map<String, Integer> users = new HashMap<>();
    Map<String, Integer> items = new HashMap<>();
    List<long[]> rows = new ArrayList<>();
    for (int k = csv ? 1 : 0; k < lines.size(); k++) {
      String line = lines.get(k);
      if (line.isEmpty()) {
        continue;
      }
      String[] f = csv ? line.split(",", -1) : line.split("\t", -1);
      int u = users.computeIfAbsent(f[0], x -> users.size());
      int i = items.computeIfAbsent(f[1], x -> items.size());
      rows.add(new long[] {u, i, Long.parseLong(f[3].trim())});
    }
    return rows.toArray(new long[0][]);
  }

  static Split split(long[][] rows, boolean validation) {
    int nu = 0;
    int ni = 0;
    for (long[] r : rows) {
      nu = Math.max(nu, (int) r[0] + 1);
      ni = Math.max(ni, (int) r[1] + 1);
    }
    List<List<long[]>> byUser = new ArrayList<>();
    for (int u = 0; u < nu; u++) {
      byUser.add(new ArrayList<>());
    }
    for (int k = 0; k < rows.length; k++) {
      byUser.get((int) rows[k][0]).add(new long[] {rows[k][1], rows[k][2], k});
    }
    int[][] history = new int[nu][];
    long[][] historyTimes = new long[nu][];
    int[] heldOut = new int[nu];
    List<int[]> train = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int u = 0; u < nu; u++) {
      List<long[]> ev = byUser.get(u);
      ev.sort((a, b) -> a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
      int drop = validation ? 2 : 1;
      if (ev.size() < drop + 2) {
        heldOut[u] = -1;
        history[u] = new int[0];
        historyTimes[u] = new long[0];
        continue;
      }
      int keep = ev.size() - drop;
      heldOut[u] = (int) ev.get(keep)[0];
      history[u] = new int[keep];
      historyTimes[u] = new long[keep];
      for (int e = 0; e < keep; e++) {
        history[u][e] = (int) ev.get(e)[0];
        historyTimes[u][e] = ev.get(e)[1];
        train.add(new int[] {u, (int) ev.get(e)[0]});
        times.add(ev.get(e)[1]);
      }
    }
    int n = train.size();
    int[] uu = new int[n];
    int[] ii = new int[n];
    long[] tt = new long[n];
    float[] ww = new float[n];
    for (int k = 0; k < n; k++) {
      uu[k] = train.get(k)[0];
      ii[k] = train.get(k)[1];
      tt[k] = times.get(k);
      ww[k] = 1f;
    }
    return new Split(
        TrainingData.builder(nu, ni).interactions(uu, ii, tt, ww).build(),
        history,
        historyTimes,
        heldOut);
  }

  /** HR@10, NDCG@10 and the number of users evaluated. */
  static double[] evaluate(Model model, Split s) {
    int ni = model.numItems();
    float[] scores = new float[ni];
    double hr = 0;
    double ndcg = 0;
    int users = 0;
    for (int u = 0; u < s.history().length; u++) {
      int target = s.heldOut()[u];
      if (target < 0) {
        continue;
      }
      int[] h = s.history()[u];
      int from = Math.max(0, h.length - 200);
      int[] recent = Arrays.copyOfRange(h, from, h.length);
      long[] recentTimes = Arrays.copyOfRange(s.times()[u], from, h.length);
      if (model.supports(ModelCapability.ITEMS_FOR_HISTORY)) {
        // with event times, as the engine serves (the recurrent recipes read the time gaps)
        model.scoreItemsForHistory(
            UserHistory.of(recent, null, recentTimes, null, recent.length), scores);
      } else {
        model.scoreItemsForUser(u, scores);
      }
      for (int i : h) {
        scores[i] = Float.NEGATIVE_INFINITY;
      }
      float ts = scores[target];
      int rank = 0;
      for (int i = 0; i < ni; i++) {
        if (i != target && (scores[i] > ts || (scores[i] == ts && i < target))) {
          rank++;
        }
      }
      users++;
      if (rank < 10) {
        hr++;
        ndcg += 1 / (Math.log(rank + 2) / Math.log(2));
      }
    }
    return new double[] {hr / users, ndcg / users, users};
  }

  /**
   * Arguments: ratings file, {@code validation} or {@code test}, recipe names separated by commas,
   * then {@code name=value} hyperparameters applied to every recipe that declares them, and
   * optionally {@code seed=N}.
   */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    boolean validation = args[1].equals("validation");
    String[] names = args[2].split(",");
    Map<String, String> hp = new LinkedHashMap<>();
    long seed = 42;
    for (int a = 3; a < args.length; a++) {
      String[] kv = args[a].split("=", 2);
      if (kv[0].equals("seed")) {
        seed = Long.parseLong(kv[1]);
      } else {
        hp.put(kv[0], kv[1]);
      }
    }
    Split s = split(read(file), validation);
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      for (String name : names) {
        Recipe recipe = find(name);
        Map<String, String> own = new LinkedHashMap<>();
        recipe
            .hyperparameters()
            .forEach(
                spec -> {
                  if (hp.containsKey(spec.name())) {
                    own.put(spec.name(), hp.get(spec.name()));
                  }
                });
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        Model m =
            recipe.train(
                s.train(),
                recipe.resolveHyperparameters(own),
                TrainingContext.builder().seed(seed).parallelism(2).executor(pool).build());
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        double load =
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage();
        double[] r = evaluate(m, s);
        System.out.printf(
            Locale.ROOT,
            "%s %s %s %s HR@10 %.4f NDCG@10 %.4f users %d train %.1f s wall, %.1f s CPU, load"
                + " %.1f%n",
            file.getParent().getFileName(),
            validation ? "validation" : "test",
            name,
            own,
            r[0],
            r[1],
            (int) r[2],
            secs,
            cpu,
            load);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** CPU time of the whole process (all threads, GC included), or 0 where the JVM cannot say. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }

  static Recipe find(String name) {
    for (Recipe r : ServiceLoader.load(Recipe.class)) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("recipe must be one of the installed recipes; got: " + name);
  }
}
