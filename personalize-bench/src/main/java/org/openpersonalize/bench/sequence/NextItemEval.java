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
 * <p>Options: {@link #main}. The genre probe's films and genres come from the training part only.
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

  /** MovieLens 100K's genres, in u.item's order. */
  private static final String[] GENRES = {
    "unknown",
    "Action",
    "Adventure",
    "Animation",
    "Children's",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Fantasy",
    "Film-Noir",
    "Horror",
    "Musical",
    "Mystery",
    "Romance",
    "Sci-Fi",
    "Thriller",
    "War",
    "Western"
  };

  /**
   * A ratings file as dense indices.
   *
   * @param rows {user, item, timestamp}, in file order
   * @param itemIds each dense item index's id in the file
   */
  record Ratings(long[][] rows, List<String> itemIds) {}

  /** Reads a MovieLens ratings file ({@code u.data} tab-separated, or {@code ratings.csv}). */
  static Ratings read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    boolean csv = file.getFileName().toString().endsWith(".csv");
    Map<String, Integer> users = new HashMap<>();
    Map<String, Integer> items = new HashMap<>();
    List<long[]> rows = new ArrayList<>();
    List<String> itemIds = new ArrayList<>();
    for (int k = csv ? 1 : 0; k < lines.size(); k++) {
      String line = lines.get(k);
      if (line.isEmpty()) {
        continue;
      }
      String[] f = csv ? line.split(",", -1) : line.split("\t", -1);
      int u = users.computeIfAbsent(f[0], x -> users.size());
      int i =
          items.computeIfAbsent(
              f[1],
              x -> {
                itemIds.add(x);
                return items.size();
              });
      rows.add(new long[] {u, i, Long.parseLong(f[3].trim())});
    }
    return new Ratings(rows.toArray(new long[0][]), itemIds);
  }

  static Split split(long[][] rows, boolean validation) {
    return split(rows, validation, null);
  }

  /**
   * @param genres genre flags by dense item index ({@link #byItem}), given to the recipes as a
   *     categorical Items column {@code GENRES} (as the harness imports them), or null for
   *     interactions only
   */
  static Split split(long[][] rows, boolean validation, boolean[][] genres) {
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
    TrainingData.Builder data = TrainingData.builder(nu, ni).interactions(uu, ii, tt, ww);
    if (genres != null) {
      int[] offsets = new int[ni + 1];
      List<Integer> values = new ArrayList<>();
      for (int i = 0; i < ni; i++) {
        boolean[] f = genres[i];
        for (int g = 0; f != null && g < f.length; g++) {
          if (f[g]) {
            values.add(g);
          }
        }
        offsets[i + 1] = values.size();
      }
      data.itemCategorical(
          "GENRES",
          GENRES.length + 1,
          offsets,
          values.stream().mapToInt(Integer::intValue).toArray());
    }
    return new Split(data.build(), history, historyTimes, heldOut);
  }

  /** HR@10, NDCG@10 and the number of users evaluated. */
  static double[] evaluate(Model model, Split s) {
    return evaluate(model, s, 200);
  }

  /**
   * As {@link #evaluate(Model, Split)}, serving each user from their newest {@code newest} events.
   */
  static double[] evaluate(Model model, Split s, int newest) {
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
      int from = Math.max(0, h.length - newest);
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
   * optionally {@code seed=N}; {@code genres=FILE} (MovieLens 100K {@code u.item} or
   * ml-latest-small {@code movies.csv}) runs the genre probe after each recipe, {@code items=true}
   * also gives the recipes the genres as a categorical Items column, and {@code newest=N} scores
   * again with every history cut to its newest N events (how the model serves a user who has just
   * arrived).
   */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    boolean validation = args[1].equals("validation");
    String[] names = args[2].split(",");
    Map<String, String> hp = new LinkedHashMap<>();
    long seed = 42;
    Path genreFile = null;
    boolean withGenres = false;
    int newest = 0;
    for (int a = 3; a < args.length; a++) {
      String[] kv = args[a].split("=", 2);
      if (kv[0].equals("seed")) {
        seed = Long.parseLong(kv[1]);
      } else if (kv[0].equals("genres")) {
        genreFile = Path.of(kv[1]);
      } else if (kv[0].equals("newest")) {
        newest = Integer.parseInt(kv[1]);
      } else if (kv[0].equals("items")) {
        withGenres = Boolean.parseBoolean(kv[1]);
      } else {
        hp.put(kv[0], kv[1]);
      }
    }
    Ratings ratings = read(file);
    boolean[][] genres =
        genreFile == null ? null : byItem(genreFlags(genreFile), ratings.itemIds());
    Split s = split(ratings.rows(), validation, withGenres ? genres : null);
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
        if (genreFile != null) {
          System.out.println("  genre probe: " + genreProbe(m, s, genres));
        }
        if (newest > 0) {
          double[] cut = evaluate(m, s, newest);
          System.out.printf(
              Locale.ROOT,
              "  served from the newest %d events only: HR@10 %.4f NDCG@10 %.4f%n",
              newest,
              cut[0],
              cut[1]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The harness's genre probe at the recipe level: for every MovieLens 100K genre with at least 30
   * training films, a history of the genre's five most popular training films, all at one instant
   * after the training data; counts the genre's films among the top 10 with the seeds left out.
   *
   * @param genres genre flags by dense item index ({@link #byItem})
   */
  static String genreProbe(Model model, Split s, boolean[][] genres) {
    int ni = model.numItems();
    int[] popularity = new int[ni];
    long latest = 0;
    for (int k = 0; k < s.train().numInteractions(); k++) {
      popularity[s.train().itemIdx(k)]++;
      latest = Math.max(latest, s.train().timestamp(k));
    }
    float[] scores = new float[ni];
    StringBuilder out = new StringBuilder();
    int pass = 0;
    int probed = 0;
    for (int g = 1; g < GENRES.length; g++) {
      List<Integer> films = new ArrayList<>();
      for (int i = 0; i < ni; i++) {
        boolean[] f = genres[i];
        if (popularity[i] > 0 && f != null && f[g]) {
          films.add(i);
        }
      }
      if (films.size() < 30) {
        continue;
      }
      films.sort((a, b) -> popularity[b] != popularity[a] ? popularity[b] - popularity[a] : a - b);
      int[] seeds = new int[5];
      long[] times = new long[5];
      for (int k = 0; k < 5; k++) {
        seeds[k] = films.get(k);
        times[k] = latest + 1;
      }
      model.scoreItemsForHistory(UserHistory.of(seeds, null, times, null, 5), scores);
      for (int i : seeds) {
        scores[i] = Float.NEGATIVE_INFINITY;
      }
      int hits = 0;
      for (int k = 0; k < 10; k++) {
        int best = 0;
        for (int i = 1; i < ni; i++) {
          if (scores[i] > scores[best]) {
            best = i;
          }
        }
        boolean[] f = genres[best];
        hits += f != null && f[g] ? 1 : 0;
        scores[best] = Float.NEGATIVE_INFINITY;
      }
      probed++;
      pass += hits >= 5 ? 1 : 0;
      out.append(GENRES[g]).append(' ').append(hits).append(", ");
    }
    return out.append(pass).append('/').append(probed).append(" genres with at least 5").toString();
  }

  /**
   * Genre flags by item id, indexed as MovieLens 100K's 19 genres plus IMAX: from {@code u.item}
   * (pipe-separated, 19 flags at the end) or ml-latest-small's {@code movies.csv} (genre names
   * separated by {@code |} in the last field).
   */
  static Map<String, boolean[]> genreFlags(Path genreFile) throws IOException {
    Map<String, boolean[]> flags = new HashMap<>();
    boolean csv = genreFile.getFileName().toString().endsWith(".csv");
    List<String> names = new ArrayList<>(List.of(GENRES));
    names.set(4, "Children");
    names.add("IMAX");
    for (String line : Files.readAllLines(genreFile, StandardCharsets.ISO_8859_1)) {
      boolean[] g = new boolean[GENRES.length + 1];
      if (csv) {
        if (line.startsWith("movieId") || line.isEmpty()) {
          continue;
        }
        for (String name : line.substring(line.lastIndexOf(',') + 1).split("\\|")) {
          int k = names.indexOf(name.trim());
          if (k >= 0) {
            g[k] = true;
          }
        }
        flags.put(line.substring(0, line.indexOf(',')), g);
      } else {
        String[] f = line.split("\\|", -1);
        if (f.length < GENRES.length) {
          continue;
        }
        for (int k = 0; k < GENRES.length; k++) {
          g[k] = f[f.length - GENRES.length + k].equals("1");
        }
        flags.put(f[0], g);
      }
    }
    return flags;
  }

  /** The flags of each dense item index, null for an item the file does not list. */
  static boolean[][] byItem(Map<String, boolean[]> flags, List<String> itemIds) {
    boolean[][] out = new boolean[itemIds.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = flags.get(itemIds.get(i));
    }
    return out;
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
