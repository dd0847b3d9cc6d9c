package org.openpersonalize.bench.accuracy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.bench.MovieLensImport;

/**
 * How good are the recipes? Trains them through the public API on real data and scores them with
 * two protocols, printing each beside its reference numbers (docs/accuracy.md).
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar \
 *     org.openpersonalize.bench.accuracy.AccuracyHarness [movielens-100k folder] [options]
 * </pre>
 *
 * <ol>
 *   <li>The Microsoft Recommenders MovieLens 100K benchmark, on the split and protocol of {@code
 *       splits/msr-stratified-by-item-75-25-seed42/README.md}: train.tsv is imported as
 *       interactions, each recipe is trained (CreateSolution, CreateSolutionVersion) and deployed
 *       (CreateCampaign), and every test user gets GetRecommendations with a filter excluding what
 *       they interacted with and enough results that 10 remain once all of their training items are
 *       removed. sims, a related-items recipe, serves as an item-based recommender: each item of
 *       the user's training history asks the sims campaign for its related items and the scores are
 *       summed. MAP, nDCG@10, P@10 and R@10 are those of {@link RankingMetrics}.
 *   <li>Amazon Personalize's own offline metrics (spec §8, GetSolutionMetrics) for
 *       user-personalization beside popularity-count, on MovieLens 100K's u.data (with items and
 *       users) and on ml-latest-small (ratings, and movies' genres as a categorical GENRES).
 * </ol>
 *
 * <p>Options: {@code --latest-small DIR} (default: {@code movielens-latest-small} beside the
 * MovieLens 100K folder); {@code --work DIR} (default: a new temporary directory; the converted
 * files live there and never in the repository, as the MovieLens licence requires); {@code
 * --only-msr}; {@code --tune GRID}, which instead scores user-personalization for every combination
 * of {@code GRID} (e.g. {@code "regularization=5,10;confidence_alpha=1,2"}) on a validation split
 * carved out of train.tsv by the same item-stratified 75/25 procedure with seed 7 — test.tsv is
 * never read in that mode; {@code --recipe R} (with {@code --tune}: the recipe to tune, default
 * aws-user-personalization).
 */
public final class AccuracyHarness {
  static final String SPLIT = "splits/msr-stratified-by-item-75-25-seed42";
  static final int K = 10;
  static final long VALIDATION_SEED = 7;
  static final String EXCLUDE_SEEN = "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"*\")";

  private AccuracyHarness() {}

  /**
   * One row of the MS-protocol table to compute.
   *
   * @param label the row's name
   * @param recipe the recipe's short name
   * @param hyperparameters overrides of the recipe's defaults
   * @param itemBased whether the recipe is related-items and ranks by summing over the history
   */
  record Config(
      String label, String recipe, Map<String, String> hyperparameters, boolean itemBased) {}

  /**
   * A computed row.
   *
   * @param config what was trained
   * @param metrics the averages
   * @param trainSeconds CreateSolutionVersion's wall time
   * @param recommendSeconds wall time of all GetRecommendations calls
   */
  record Row(
      Config config, RankingMetrics.Result metrics, double trainSeconds, double recommendSeconds) {}

  /** Published rows of the Recommenders README (nDCG@10, P@10, R@10, MAP) and most-popular. */
  static final Object[][] PUBLISHED = {
    {"BiVAE (published)", 0.475, 0.412, 0.219, 0.146},
    {"BPR (published)", 0.442, 0.388, 0.213, 0.132},
    {"LightGCN (published)", 0.420, 0.380, 0.144, 0.089},
    {"NCF (published)", 0.396, 0.347, 0.181, 0.108},
    {"SAR (published)", 0.382, 0.331, 0.176, 0.111},
    {"most-popular (split README)", 0.2524, 0.2287, 0.1132, 0.0560},
  };

  /**
   * Runs the harness.
   *
   * @param args see the class comment
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Path ml100k = Path.of("../shared/data/movielens-100k");
    Path latestSmall = null;
    Path work = null;
    boolean onlyMsr = false;
    List<String> grids = new ArrayList<>();
    String tuneRecipe = "aws-user-personalization";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--latest-small" -> latestSmall = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--only-msr" -> onlyMsr = true;
        case "--tune" -> grids.add(args[++i]);
        case "--recipe" -> tuneRecipe = args[++i];
        default -> ml100k = Path.of(args[i]);
      }
    }
    if (latestSmall == null) {
      latestSmall = ml100k.toAbsolutePath().getParent().resolve("movielens-latest-small");
    }
    if (work == null) {
      work = Files.createTempDirectory("openpersonalize-accuracy-");
    }
    PrintStream out = System.out;
    if (!grids.isEmpty()) {
      tune(ml100k, work, tuneRecipe, grids, out);
      return;
    }
    List<Row> rows =
        msr(
            ml100k.resolve(SPLIT).resolve("train.tsv"),
            ml100k.resolve(SPLIT).resolve("test.tsv"),
            work.resolve("msr"),
            defaultConfigs(),
            out);
    out.println();
    out.println(
        "MovieLens 100K, Microsoft Recommenders protocol ("
            + SPLIT
            + ", top-10, all ratings relevant)");
    printTable(rows, true, out);
    if (!onlyMsr) {
      out.println();
      personalizeMetricsMl100k(ml100k, work.resolve("ml100k-metrics"), out);
      out.println();
      personalizeMetricsLatestSmall(latestSmall, work.resolve("latest-small-metrics"), out);
    }
  }

  static List<Config> defaultConfigs() {
    return List.of(
        new Config("popularity-count", "aws-popularity-count", Map.of(), false),
        new Config("user-personalization", "aws-user-personalization", Map.of(), false),
        new Config("sims (item-based)", "aws-sims", Map.of(), true));
  }

  /** Scores every combination of the grids on a validation split carved out of train.tsv. */
  static void tune(Path ml100k, Path work, String recipe, List<String> grids, PrintStream out)
      throws IOException {
    Files.createDirectories(work);
    Ratings train = Ratings.read(ml100k.resolve(SPLIT).resolve("train.tsv"));
    Ratings[] parts = train.stratifiedByItem(0.75, VALIDATION_SEED);
    Path vTrain = work.resolve("validation-train.tsv");
    Path vTest = work.resolve("validation-test.tsv");
    parts[0].write(vTrain);
    parts[1].write(vTest);
    out.printf(
        Locale.ROOT,
        "Validation split of train.tsv (item-stratified 75/25, seed %d): %d train, %d test rows%n",
        VALIDATION_SEED,
        parts[0].size(),
        parts[1].size());
    List<Config> configs = new ArrayList<>();
    for (String grid : grids) {
      for (Map<String, String> hp : combinations(grid)) {
        configs.add(new Config(hp.isEmpty() ? "defaults" : hp.toString(), recipe, hp, false));
      }
    }
    List<Row> rows = msr(vTrain, vTest, work.resolve("tune"), configs, out);
    out.println();
    out.println("Validation (" + recipe + "), sorted by nDCG@10");
    rows = new ArrayList<>(rows);
    rows.sort((a, b) -> Double.compare(b.metrics().ndcg(), a.metrics().ndcg()));
    printTable(rows, false, out);
  }

  /** {@code "a=1,2;b=x"} → [{a=1,b=x}, {a=2,b=x}]. */
  static List<Map<String, String>> combinations(String grid) {
    List<Map<String, String>> all = new ArrayList<>();
    all.add(new LinkedHashMap<>());
    for (String axis : grid.split(";")) {
      if (axis.isBlank()) {
        continue;
      }
      int eq = axis.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--tune axis must be name=v1,v2; got: " + axis);
      }
      String name = axis.substring(0, eq).trim();
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> m : all) {
        for (String v : axis.substring(eq + 1).split(",")) {
          Map<String, String> c = new LinkedHashMap<>(m);
          c.put(name, v.trim());
          next.add(c);
        }
      }
      all = next;
    }
    return all;
  }

  /**
   * The MS protocol on one train/test pair: import train as interactions, then train, deploy and
   * query each config through the API.
   */
  static List<Row> msr(
      Path trainFile, Path testFile, Path work, List<Config> configs, PrintStream out)
      throws IOException {
    Files.createDirectories(work);
    Ratings train = Ratings.read(trainFile);
    Map<String, Set<String>> seen = train.itemsByUser();
    Map<String, Set<String>> test = Ratings.read(testFile).itemsByUser();
    Path csv = work.resolve("interactions.csv");
    MovieLensImport.writeInteractions(trainFile, csv, new HashSet<>(), new HashSet<>());
    List<Row> rows = new ArrayList<>();
    try (ApiSession s = ApiSession.open(work.resolve("engine"), "msr")) {
      s.importDataset("Interactions", MovieLensImport.INTERACTIONS_SCHEMA, csv);
      String filter = s.filter(EXCLUDE_SEEN);
      for (Config c : configs) {
        ApiSession.Version v = s.train(c.recipe(), c.hyperparameters());
        String campaign = s.campaign(v.arn());
        long t0 = System.nanoTime();
        Map<String, List<String>> ranked =
            c.itemBased()
                ? itemBased(s, campaign, seen, test.keySet())
                : userBased(s, campaign, filter, seen, test.keySet());
        double recommendSeconds = (System.nanoTime() - t0) / 1e9;
        s.deleteCampaign(campaign);
        s.deleteSolution(v.solution());
        RankingMetrics.Result m = RankingMetrics.evaluate(ranked, test, K);
        Row row = new Row(c, m, v.seconds(), recommendSeconds);
        out.printf(
            Locale.ROOT,
            "  %-50s nDCG@10 %.4f  P@10 %.4f  R@10 %.4f  MAP %.4f  (train %.1f s, %d users %.1f s)%n",
            c.label(),
            m.ndcg(),
            m.precision(),
            m.recall(),
            m.map(),
            v.seconds(),
            m.users(),
            recommendSeconds);
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * GetRecommendations per test user. The filter excludes the items of the user's most recent
   * interactions (a window of 100 per event type, docs/filters.md), so asking for the user's
   * training items plus 10, at most 500, always leaves 10 once every training item is removed here.
   */
  static Map<String, List<String>> userBased(
      ApiSession s,
      String campaign,
      String filter,
      Map<String, Set<String>> seen,
      Set<String> users) {
    Map<String, List<String>> ranked = new HashMap<>();
    for (String user : users) {
      Set<String> history = seen.getOrDefault(user, Set.of());
      int n = Math.min(500, history.size() + K);
      List<String> top = new ArrayList<>(K);
      for (PredictedItem p : s.recommend(campaign, user, null, n, filter)) {
        if (!history.contains(p.itemId())) {
          top.add(p.itemId());
          if (top.size() == K) {
            break;
          }
        }
      }
      if (top.size() < K) {
        throw new IllegalStateException(
            "only " + top.size() + " unseen items for user " + user + " from " + n + " results");
      }
      ranked.put(user, top);
    }
    return ranked;
  }

  /**
   * Related items per history item (cached per item), reciprocal ranks summed over the user's
   * history.
   */
  static Map<String, List<String>> itemBased(
      ApiSession s, String campaign, Map<String, Set<String>> seen, Set<String> users) {
    Map<String, List<PredictedItem>> related = new HashMap<>();
    Map<String, List<String>> ranked = new HashMap<>();
    for (String user : users) {
      Set<String> history = seen.getOrDefault(user, Set.of());
      Map<String, Double> sum = new HashMap<>();
      for (String h : history) {
        List<PredictedItem> r =
            related.computeIfAbsent(h, item -> s.recommend(campaign, null, item, 100, null));
        // Related-items responses carry no score (spec §6.1), as a Personalize user sees them:
        // each list votes by reciprocal rank.
        for (int rank = 0; rank < r.size(); rank++) {
          PredictedItem p = r.get(rank);
          if (!history.contains(p.itemId())) {
            sum.merge(p.itemId(), 1.0 / (rank + 1), Double::sum);
          }
        }
      }
      List<Map.Entry<String, Double>> e = new ArrayList<>(sum.entrySet());
      e.sort(
          (a, b) ->
              a.getValue().equals(b.getValue())
                  ? a.getKey().compareTo(b.getKey())
                  : Double.compare(b.getValue(), a.getValue()));
      List<String> top = new ArrayList<>(K);
      for (int i = 0; i < Math.min(K, e.size()); i++) {
        top.add(e.get(i).getKey());
      }
      ranked.put(user, top);
    }
    return ranked;
  }

  static void printTable(List<Row> rows, boolean published, PrintStream out) {
    out.printf(
        Locale.ROOT, "| %-50s | nDCG@10 | P@10   | R@10   | MAP    | train (s) |%n", "algorithm");
    out.printf(
        Locale.ROOT, "|%s|---------|--------|--------|--------|-----------|%n", "-".repeat(52));
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %-50s | %.4f  | %.4f | %.4f | %.4f | %9.1f |%n",
          "ours: " + r.config().label(),
          r.metrics().ndcg(),
          r.metrics().precision(),
          r.metrics().recall(),
          r.metrics().map(),
          r.trainSeconds());
    }
    if (published) {
      for (Object[] p : PUBLISHED) {
        out.printf(
            Locale.ROOT,
            "| %-50s | %.4f  | %.4f | %.4f | %.4f | %9s |%n",
            p[0],
            p[1],
            p[2],
            p[3],
            p[4],
            "—");
      }
    }
  }

  /** GetSolutionMetrics on u.data with items and users, user-personalization vs popularity. */
  static void personalizeMetricsMl100k(Path ml100k, Path work, PrintStream out) throws IOException {
    Files.createDirectories(work);
    MovieLensImport.Converted c = MovieLensImport.convert(ml100k, work.resolve("csv"));
    try (ApiSession s = ApiSession.open(work.resolve("engine"), "ml100k")) {
      s.importDataset("Interactions", MovieLensImport.INTERACTIONS_SCHEMA, c.interactions());
      s.importDataset("Items", MovieLensImport.ITEMS_SCHEMA, c.items());
      s.importDataset("Users", MovieLensImport.USERS_SCHEMA, c.users());
      out.println(
          "MovieLens 100K u.data (items, users), Personalize offline metrics (spec §8, GetSolutionMetrics)");
      compareMetrics(s, out);
    }
  }

  /** GetSolutionMetrics on ml-latest-small, ratings plus movies' genres. */
  static void personalizeMetricsLatestSmall(Path dir, Path work, PrintStream out)
      throws IOException {
    Files.createDirectories(work);
    Path interactions = work.resolve("interactions.csv");
    Path items = work.resolve("items.csv");
    List<String> ratings = Files.readAllLines(dir.resolve("ratings.csv"), StandardCharsets.UTF_8);
    try (BufferedWriter w = Files.newBufferedWriter(interactions, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n");
      for (int i = 1; i < ratings.size(); i++) {
        String line = ratings.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        // userId,movieId,rating,timestamp — numbers only, so no quoting.
        String[] f = line.split(",", -1);
        if (f.length != 4) {
          throw new IllegalArgumentException(
              dir.resolve("ratings.csv")
                  + ": line "
                  + (i + 1)
                  + ": expected 4 fields; found \""
                  + line
                  + "\"");
        }
        w.write(f[0] + "," + f[1] + "," + f[3] + ",rating," + f[2] + "\n");
      }
    }
    writeLatestSmallItems(dir, items);
    try (ApiSession s = ApiSession.open(work.resolve("engine"), "latest-small")) {
      s.importDataset("Interactions", MovieLensImport.INTERACTIONS_SCHEMA, interactions);
      s.importDataset("Items", LATEST_SMALL_ITEMS_SCHEMA, items);
      out.println(
          "ml-latest-small (ratings, GENRES), Personalize offline metrics (spec §8, GetSolutionMetrics)");
      compareMetrics(s, out);
    }
  }

  /** The Items schema of ml-latest-small: movies' genres as one categorical column. */
  static final String LATEST_SMALL_ITEMS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":[\"null\",\"string\"],\"categorical\":true}"
          + "],\"version\":\"1.0\"}";

  /** Writes ml-latest-small's movies.csv as an Items CSV {@code ITEM_ID,GENRES}. */
  static void writeLatestSmallItems(Path dir, Path items) throws IOException {
    List<String> movies = Files.readAllLines(dir.resolve("movies.csv"), StandardCharsets.UTF_8);
    try (BufferedWriter w = Files.newBufferedWriter(items, StandardCharsets.UTF_8)) {
      w.write("ITEM_ID,GENRES\n");
      for (int i = 1; i < movies.size(); i++) {
        String line = movies.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        // movieId,title,genres: the title may be quoted and hold commas, the id and the genres
        // never do, so the first and last fields are all that is read.
        String id = line.substring(0, line.indexOf(','));
        String genres = line.substring(line.lastIndexOf(',') + 1);
        w.write(id + "," + ("(no genres listed)".equals(genres) ? "" : genres) + "\n");
      }
    }
  }

  private static void compareMetrics(ApiSession s, PrintStream out) {
    ApiSession.Version up = s.train("aws-user-personalization", Map.of());
    ApiSession.Version pop = s.train("aws-popularity-count", Map.of());
    Map<String, Double> a = s.metrics(up.arn());
    Map<String, Double> b = s.metrics(pop.arn());
    out.printf(
        Locale.ROOT, "| %-44s | user-personalization | popularity-count | UP better |%n", "metric");
    out.printf(
        Locale.ROOT,
        "|%s|----------------------|------------------|-----------|%n",
        "-".repeat(46));
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String key : keys) {
      double x = a.getOrDefault(key, Double.NaN);
      double y = b.getOrDefault(key, Double.NaN);
      out.printf(
          Locale.ROOT, "| %-44s | %20.4f | %16.4f | %-9s |%n", key, x, y, x > y ? "yes" : "NO");
    }
    out.printf(
        Locale.ROOT,
        "| %-44s | %20.1f | %16.1f |           |%n",
        "training time (s, incl. metrics training)",
        up.seconds(),
        pop.seconds());
  }
}
