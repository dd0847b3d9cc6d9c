package org.openpersonalize.bench.accuracy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.bench.MovieLensImport;

/**
 * Does a recipe predict what a user does <em>next</em>? Trains every {@code USER_PERSONALIZATION}
 * recipe that ListRecipes returns, and popularity-count as the baseline, through the public API on
 * MovieLens 100K and ml-latest-small, split by time within each user (docs/accuracy.md §3).
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar \
 *     org.openpersonalize.bench.accuracy.NextInteractionHarness [options]
 * </pre>
 *
 * <ol>
 *   <li><b>(a) latest 10 %, as served</b>: each user's latest 10 % of interactions (at least one;
 *       ties in time keep file order) are held out, the rest is imported and trained on, and the
 *       top 10 of GetRecommendations without a filter — exactly what a campaign serves, nothing
 *       removed — are scored with nDCG@10 and Recall@10 ({@link RankingMetrics}).
 *   <li><b>(b) leave-last-one-out</b>: each user's last interaction is held out; the ranking is
 *       over all items with the user's training items removed (the exclude-seen filter, then the
 *       rest by the harness), scored with HR@10 and NDCG@10.
 * </ol>
 *
 * <p>Besides one row per recipe, the <b>AutoML row</b> ({@value #AUTOML_LABEL}) creates a solution
 * with {@code performAutoML} and the engine's default recipe list (the HRNN recipes), which
 * compares them on validation users carved from the training part, tunes the chosen one (HPO is
 * implied) and trains it; it is then deployed and queried like every other row, and the chosen
 * recipe and tuned values are printed under the table. The cheaper <b>AutoML row without HPO</b>
 * ({@value #AUTOML_NO_HPO_LABEL}, {@code --recipes automl-nohpo}, never run by default) sends
 * {@code performHPO=false}: the comparison, then the chosen recipe with its defaults.
 *
 * <p>On MovieLens 100K protocol (a) also runs a <b>genre probe</b> per recipe: a new user sends
 * PutEvents for the five most popular training films of one genre, and the harness counts that
 * genre's films among the top 10 with the five seeds left out.
 *
 * <p>Options: {@code --ml100k DIR} (default {@code ../shared/data/movielens-100k}), {@code
 * --latest-small DIR} (default: {@code movielens-latest-small} beside it), {@code --work DIR}
 * (default: a new temporary directory; converted files never enter the repository), {@code
 * --datasets ml100k,latest-small}, {@code --protocols a,b}, {@code --recipes r1,r2} (restricts the
 * rows besides popularity-count; {@code automl} names the AutoML row), {@code --validation} (runs
 * protocol (a) on a validation split carved out of (a)'s training part by the same rule; the test
 * part is never read), {@code --tune GRID} (with {@code --validation}: one aws-user-personalization
 * row per combination, e.g. {@code "regularization=20,40;confidence_alpha=2,5"}).
 */
public final class NextInteractionHarness {
  static final int K = 10;
  static final double HOLDOUT = 0.1;
  static final String BASELINE = "aws-popularity-count";
  static final String TUNED = "aws-user-personalization";
  static final int PROBE_SEEDS = 5;

  /** The AutoML row's name in {@code --recipes}. */
  static final String AUTOML = "automl";

  /** The AutoML row's label. */
  static final String AUTOML_LABEL = "AutoML (performAutoML)";

  /** The AutoML-without-HPO row's name in {@code --recipes}. */
  static final String AUTOML_NO_HPO = "automl-nohpo";

  /** The AutoML-without-HPO row's label. */
  static final String AUTOML_NO_HPO_LABEL = "AutoML (performAutoML, performHPO=false)";

  private NextInteractionHarness() {}

  /**
   * Rating events in file order, and the item metadata files that go with them.
   *
   * @param name the dataset's name in the tables
   * @param users each event's user
   * @param items each event's item
   * @param times each event's epoch seconds
   * @param values each event's rating, as written
   * @param itemsCsv the Items CSV to import
   * @param itemsSchema its schema
   * @param usersCsv the Users CSV to import, or null
   * @param genres each item's genres
   */
  record Log(
      String name,
      String[] users,
      String[] items,
      long[] times,
      String[] values,
      Path itemsCsv,
      String itemsSchema,
      Path usersCsv,
      Map<String, Set<String>> genres) {

    int size() {
      return users.length;
    }

    /** The events whose mask entry equals {@code keep}, in file order. */
    Log subset(boolean[] mask, boolean keep) {
      int n = 0;
      for (boolean b : mask) {
        n += b == keep ? 1 : 0;
      }
      String[] u = new String[n];
      String[] i = new String[n];
      long[] t = new long[n];
      String[] v = new String[n];
      int k = 0;
      for (int e = 0; e < mask.length; e++) {
        if (mask[e] == keep) {
          u[k] = users[e];
          i[k] = items[e];
          t[k] = times[e];
          v[k] = values[e];
          k++;
        }
      }
      return new Log(name, u, i, t, v, itemsCsv, itemsSchema, usersCsv, genres);
    }

    /** Each user's items, in file order. */
    Map<String, Set<String>> itemsByUser() {
      Map<String, Set<String>> m = new LinkedHashMap<>();
      for (int e = 0; e < size(); e++) {
        m.computeIfAbsent(users[e], x -> new LinkedHashSet<>()).add(items[e]);
      }
      return m;
    }

    void writeInteractions(Path csv) throws IOException {
      try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n");
        for (int e = 0; e < size(); e++) {
          w.write(users[e] + "," + items[e] + "," + times[e] + ",rating," + values[e] + "\n");
        }
      }
    }
  }

  /**
   * Marks the held-out events: per user (users with fewer than two events keep all), the latest
   * {@code max(1, round(share × n))} events, or only the last one with {@code lastOne}. Events are
   * ordered by time, ties by file order, so "latest" is the last of equal timestamps in the file.
   */
  static boolean[] holdOut(Log log, double share, boolean lastOne) {
    Map<String, List<Integer>> byUser = new LinkedHashMap<>();
    for (int e = 0; e < log.size(); e++) {
      byUser.computeIfAbsent(log.users()[e], x -> new ArrayList<>()).add(e);
    }
    boolean[] test = new boolean[log.size()];
    for (List<Integer> events : byUser.values()) {
      int n = events.size();
      if (n < 2) {
        continue;
      }
      // A stable sort keeps file order among equal timestamps.
      events.sort((a, b) -> Long.compare(log.times()[a], log.times()[b]));
      int m = lastOne ? 1 : (int) Math.max(1, Math.round(share * n));
      for (int k = n - m; k < n; k++) {
        test[events.get(k)] = true;
      }
    }
    return test;
  }

  /**
   * A computed row.
   *
   * @param label the row's name
   * @param first nDCG@10 under (a), NDCG@10 under (b)
   * @param second Recall@10 under (a), HR@10 under (b)
   * @param historyShare the share of served items the user had already interacted with
   * @param users users scored
   * @param trainSeconds CreateSolutionVersion's wall time
   * @param learned what DescribeSolutionVersion reports as learned (keys starting {@code learned})
   */
  record Row(
      String label,
      double first,
      double second,
      double historyShare,
      int users,
      double trainSeconds,
      Map<String, String> learned) {}

  /**
   * One recipe configuration to train.
   *
   * @param label the row's name
   * @param recipe the recipe's short name
   * @param hyperparameters overrides of its defaults
   */
  record Config(String label, String recipe, Map<String, String> hyperparameters) {}

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
    List<String> datasets = List.of("ml100k", "latest-small");
    List<String> protocols = List.of("a", "b");
    Set<String> only = null;
    boolean validation = false;
    List<String> grids = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--ml100k" -> ml100k = Path.of(args[++i]);
        case "--latest-small" -> latestSmall = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--datasets" -> datasets = List.of(args[++i].split(","));
        case "--protocols" -> protocols = List.of(args[++i].split(","));
        case "--recipes" -> only = new HashSet<>(List.of(args[++i].split(",")));
        case "--validation" -> validation = true;
        case "--tune" -> grids.add(args[++i]);
        default -> throw new IllegalArgumentException("unknown option: " + args[i]);
      }
    }
    if (!grids.isEmpty() && !validation) {
      throw new IllegalArgumentException("--tune must come with --validation; got: --tune alone");
    }
    if (latestSmall == null) {
      latestSmall = ml100k.toAbsolutePath().getParent().resolve("movielens-latest-small");
    }
    if (work == null) {
      work = Files.createTempDirectory("openpersonalize-next-");
    }
    PrintStream out = System.out;
    for (String dataset : datasets) {
      Path dir = work.resolve(dataset);
      Files.createDirectories(dir);
      Log log =
          switch (dataset) {
            case "ml100k" -> readMl100k(ml100k, dir);
            case "latest-small" -> readLatestSmall(latestSmall, dir);
            default ->
                throw new IllegalArgumentException(
                    "--datasets must name ml100k or latest-small; got: " + dataset);
          };
      if (validation) {
        Log train = log.subset(holdOut(log, HOLDOUT, false), false);
        out.printf(
            Locale.ROOT,
            "%n%s, VALIDATION: protocol (a) inside the training part of (a) (%d events)%n",
            log.name(),
            train.size());
        run(train, "a", dir.resolve("validation"), configs(grids), only, false, out);
        continue;
      }
      for (String protocol : protocols) {
        run(log, protocol, dir.resolve(protocol), configs(List.of()), only, true, out);
      }
    }
  }

  /** popularity-count plus, with grids, one user-personalization row per combination. */
  static List<Config> configs(List<String> grids) {
    List<Config> configs = new ArrayList<>();
    for (String grid : grids) {
      for (Map<String, String> hp : AccuracyHarness.combinations(grid)) {
        configs.add(new Config(TUNED + " " + hp, TUNED, hp));
      }
    }
    return configs;
  }

  /** One protocol on one dataset: split, import, then train, deploy and query each row. */
  static List<Row> run(
      Log log,
      String protocol,
      Path work,
      List<Config> tuned,
      Set<String> only,
      boolean probe,
      PrintStream out)
      throws IOException {
    Files.createDirectories(work);
    boolean lastOne = protocol.equals("b");
    if (!lastOne && !protocol.equals("a")) {
      throw new IllegalArgumentException("--protocols must name a or b; got: " + protocol);
    }
    boolean[] test = holdOut(log, HOLDOUT, lastOne);
    Log train = log.subset(test, false);
    Map<String, Set<String>> relevant = log.subset(test, true).itemsByUser();
    Map<String, Set<String>> seen = train.itemsByUser();
    Path csv = work.resolve("interactions.csv");
    train.writeInteractions(csv);
    List<Row> rows = new ArrayList<>();
    List<String> autoMlReports = new ArrayList<>();
    Map<String, Map<String, Integer>> probes = new LinkedHashMap<>();
    Path engineDir = work.resolve("engine");
    if (Files.exists(engineDir)) {
      // A rerun with the same --work starts from an empty engine.
      try (var paths = Files.walk(engineDir)) {
        for (Path f : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
    try (ApiSession s = ApiSession.open(engineDir, "next-" + protocol)) {
      s.importDataset("Interactions", MovieLensImport.INTERACTIONS_SCHEMA, csv);
      s.importDataset("Items", log.itemsSchema(), log.itemsCsv());
      if (log.usersCsv() != null) {
        s.importDataset("Users", MovieLensImport.USERS_SCHEMA, log.usersCsv());
      }
      List<Config> configs = new ArrayList<>();
      configs.add(new Config("popularity-count", BASELINE, Map.of()));
      if (tuned.isEmpty()) {
        for (String recipe : s.recipesOfType("USER_PERSONALIZATION")) {
          if (!recipe.equals(BASELINE) && (only == null || only.contains(recipe))) {
            configs.add(new Config(recipe, recipe, Map.of()));
          }
        }
        if (only == null || only.contains(AUTOML)) {
          configs.add(new Config(AUTOML_LABEL, AUTOML, Map.of()));
        }
        if (only != null && only.contains(AUTOML_NO_HPO)) {
          configs.add(new Config(AUTOML_NO_HPO_LABEL, AUTOML_NO_HPO, Map.of()));
        }
      } else {
        configs.addAll(tuned);
      }
      String filter = lastOne ? s.filter(AccuracyHarness.EXCLUDE_SEEN) : null;
      String tracker =
          probe && !lastOne && log.name().startsWith("MovieLens 100K") ? s.eventTracker() : null;
      long latest = 0;
      for (long t : train.times()) {
        latest = Math.max(latest, t);
      }
      for (Config c : configs) {
        boolean autoMl = c.recipe().equals(AUTOML) || c.recipe().equals(AUTOML_NO_HPO);
        ApiSession.Version v =
            autoMl
                ? s.trainAutoMl(c.recipe().equals(AUTOML))
                : s.train(c.recipe(), c.hyperparameters());
        if (autoMl) {
          autoMlReports.add(autoMlReport(s, v, c.label()));
        }
        String campaign = s.campaign(v.arn());
        Map<String, List<String>> ranked = new HashMap<>();
        int served = 0;
        int echoed = 0;
        int shortLists = 0;
        for (String user : relevant.keySet()) {
          Set<String> history = seen.getOrDefault(user, Set.of());
          List<String> top = new ArrayList<>(K);
          if (lastOne) {
            int n = Math.min(500, history.size() + K);
            for (PredictedItem p : s.recommend(campaign, user, null, n, filter)) {
              if (!history.contains(p.itemId()) && top.size() < K) {
                top.add(p.itemId());
              }
            }
            shortLists += top.size() < K ? 1 : 0;
          } else {
            for (PredictedItem p : s.recommend(campaign, user, null, K, null)) {
              top.add(p.itemId());
              served++;
              echoed += history.contains(p.itemId()) ? 1 : 0;
            }
          }
          ranked.put(user, top);
        }
        RankingMetrics.Result m = RankingMetrics.evaluate(ranked, relevant, K);
        Map<String, String> learned = new TreeMap<>();
        s.describedParameters(v.arn())
            .forEach(
                (key, value) -> {
                  if (key.startsWith("learned")) {
                    learned.put(key, value);
                  }
                });
        Row row =
            new Row(
                c.label(),
                m.ndcg(),
                m.recall(),
                served == 0 ? Double.NaN : (double) echoed / served,
                m.users(),
                v.seconds(),
                learned);
        rows.add(row);
        out.printf(
            Locale.ROOT,
            "  %-40s %s %.4f  %s %.4f  in history %.3f  (%d users, train %.1f s%s)%n",
            c.label(),
            lastOne ? "NDCG@10" : "nDCG@10",
            row.first(),
            lastOne ? "HR@10" : "Recall@10",
            row.second(),
            row.historyShare(),
            m.users(),
            v.seconds(),
            shortLists > 0 ? ", " + shortLists + " users with fewer than 10 unseen items" : "");
        if (tracker != null) {
          probes.put(c.label(), genreProbe(s, campaign, tracker, train, latest + 1));
        }
        s.deleteCampaign(campaign);
        s.deleteSolution(v.solution());
      }
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "%s, protocol (%s): %s, %d train events%n",
        log.name(),
        protocol,
        lastOne
            ? "leave-last-one-out, all items ranked, training items removed"
            : "latest 10 % per user held out, top 10 as served",
        train.size());
    printTable(rows, lastOne, out);
    for (Row r : rows) {
      if (!r.learned().isEmpty()) {
        out.println("learned (DescribeSolutionVersion) " + r.label() + ": " + r.learned());
      }
    }
    for (String line : autoMlReports) {
      out.println(line);
    }
    if (!probes.isEmpty()) {
      printProbes(probes, out);
    }
    return rows;
  }

  /**
   * What AutoML chose, for the line under the table: DescribeSolution's {@code
   * autoMLResult.bestRecipeArn}, and the values DescribeSolutionVersion's {@code tunedHPOParams}
   * reports for the hyperparameters the implied search varied (the names its trials list).
   */
  static String autoMlReport(ApiSession s, ApiSession.Version v, String label) {
    String chosen = s.autoMlChoice(v.solution());
    List<org.openpersonalize.engine.HpoTrial> trials = s.hpoTrials(v.arn());
    Map<String, String> described = s.describedParameters(v.arn());
    Map<String, String> searched = new TreeMap<>();
    for (org.openpersonalize.engine.HpoTrial t : trials) {
      for (String name : t.algorithmHyperParameters().keySet()) {
        searched.put(name, described.get(name));
      }
    }
    String recipe = chosen == null ? "none" : chosen.substring(chosen.lastIndexOf('/') + 1);
    return label
        + " chose "
        + recipe
        + (trials.isEmpty()
            ? label.equals(AUTOML_NO_HPO_LABEL)
                ? " and trained it with its defaults (performHPO=false)"
                : " (no search: nothing to tune)"
            : " and trained, after " + trials.size() + " HPO trials: " + searched);
  }

  static void printTable(List<Row> rows, boolean lastOne, PrintStream out) {
    double base = rows.isEmpty() ? Double.NaN : rows.get(0).first();
    out.printf(
        Locale.ROOT,
        "| %-40s | %-7s | %-9s | × popularity | served from history | train (s) |%n",
        "recipe",
        lastOne ? "NDCG@10" : "nDCG@10",
        lastOne ? "HR@10" : "Recall@10");
    out.printf(
        Locale.ROOT,
        "|%s|---------|-----------|--------------|---------------------|-----------|%n",
        "-".repeat(42));
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %-40s | %.4f  | %.4f    | %12.2f | %19s | %9.1f |%n",
          r.label(),
          r.first(),
          r.second(),
          r.first() / base,
          Double.isNaN(r.historyShare())
              ? "—"
              : String.format(Locale.ROOT, "%.3f", r.historyShare()),
          r.trainSeconds());
    }
  }

  /**
   * A new user per genre sends five events for the genre's most popular training films; returns,
   * per genre, how many of the top 10 (seeds left out) carry the genre.
   */
  static Map<String, Integer> genreProbe(
      ApiSession s, String campaign, String tracker, Log train, long start) {
    Map<String, Integer> popularity = new HashMap<>();
    for (String item : train.items()) {
      popularity.merge(item, 1, Integer::sum);
    }
    Map<String, List<String>> byGenre = new TreeMap<>();
    train
        .genres()
        .forEach(
            (item, gs) -> {
              if (popularity.containsKey(item)) {
                for (String g : gs) {
                  byGenre.computeIfAbsent(g, x -> new ArrayList<>()).add(item);
                }
              }
            });
    Map<String, Integer> found = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : byGenre.entrySet()) {
      List<String> films = e.getValue();
      // Genres with too few films cannot fill a top 10 besides their seeds.
      if (films.size() < 3 * K) {
        continue;
      }
      films.sort(
          (a, b) -> {
            int c = Integer.compare(popularity.get(b), popularity.get(a));
            return c != 0 ? c : a.compareTo(b);
          });
      List<String> seeds = films.subList(0, PROBE_SEEDS);
      String user = "probe-" + e.getKey().replaceAll("[^A-Za-z]", "") + "-" + campaign.hashCode();
      s.putEvents(tracker, user, seeds, "rating", start);
      int hits = 0;
      int kept = 0;
      for (PredictedItem p : s.recommend(campaign, user, null, K + PROBE_SEEDS, null)) {
        if (!seeds.contains(p.itemId()) && kept < K) {
          kept++;
          hits += train.genres().getOrDefault(p.itemId(), Set.of()).contains(e.getKey()) ? 1 : 0;
        }
      }
      found.put(e.getKey(), hits);
    }
    return found;
  }

  static void printProbes(Map<String, Map<String, Integer>> probes, PrintStream out) {
    out.println();
    out.println(
        "Genre probe: a new user's five PutEvents for the five most popular films of one genre;"
            + " films of that genre in the top 10, seeds left out");
    List<String> genres = new ArrayList<>(probes.values().iterator().next().keySet());
    StringBuilder head = new StringBuilder("| recipe                                   |");
    StringBuilder rule = new StringBuilder("|------------------------------------------|");
    for (String g : genres) {
      head.append(String.format(Locale.ROOT, " %s |", g));
      rule.append("-".repeat(g.length() + 2)).append('|');
    }
    head.append(" ≥ 5 |");
    rule.append("-----|");
    out.println(head);
    out.println(rule);
    probes.forEach(
        (label, found) -> {
          StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %-40s |", label));
          int pass = 0;
          for (String g : genres) {
            int h = found.getOrDefault(g, 0);
            pass += h >= 5 ? 1 : 0;
            line.append(String.format(Locale.ROOT, " %" + g.length() + "d |", h));
          }
          line.append(String.format(Locale.ROOT, " %d/%d |", pass, genres.size()));
          out.println(line);
        });
  }

  /** MovieLens 100K u.data, with MovieLensImport's Items (genres, year) and Users files. */
  static Log readMl100k(Path dir, Path work) throws IOException {
    MovieLensImport.Converted c = MovieLensImport.convert(dir, work.resolve("csv"));
    List<String> lines = Files.readAllLines(dir.resolve("u.data"), StandardCharsets.ISO_8859_1);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines) {
      if (!line.isEmpty()) {
        rows.add(line.split("\t", -1));
      }
    }
    // items.csv is ITEM_ID,"TITLE",GENRES,YEAR,CREATION_TIMESTAMP: the quoted title may hold
    // commas, so GENRES is the first field after its closing quote (found by the header's order,
    // not by counting from the end, which broke silently when a column was added).
    List<String> items = Files.readAllLines(c.items(), StandardCharsets.UTF_8);
    List<String> header = List.of(items.get(0).split(","));
    int afterTitle = header.indexOf("GENRES") - header.indexOf("TITLE") - 1;
    if (header.indexOf("TITLE") < 0 || afterTitle < 0) {
      throw new IllegalStateException("items.csv must have TITLE before GENRES; got: " + header);
    }
    Map<String, Set<String>> genres = new HashMap<>();
    for (String line : items.subList(1, items.size())) {
      String[] rest = line.substring(line.lastIndexOf('"') + 2).split(",", -1);
      genres.put(line.substring(0, line.indexOf(',')), genreSet(rest[afterTitle]));
    }
    return log(
        "MovieLens 100K",
        rows,
        0,
        1,
        2,
        3,
        c.items(),
        MovieLensImport.ITEMS_SCHEMA,
        c.users(),
        genres);
  }

  /** ml-latest-small ratings.csv, with movies' genres as Items. */
  static Log readLatestSmall(Path dir, Path work) throws IOException {
    Path itemsCsv = work.resolve("items.csv");
    AccuracyHarness.writeLatestSmallItems(dir, itemsCsv);
    List<String> lines = Files.readAllLines(dir.resolve("ratings.csv"), StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isBlank()) {
        rows.add(line.strip().split(",", -1));
      }
    }
    Map<String, Set<String>> genres = new HashMap<>();
    List<String> items = Files.readAllLines(itemsCsv, StandardCharsets.UTF_8);
    for (String line : items.subList(1, items.size())) {
      int comma = line.indexOf(',');
      genres.put(line.substring(0, comma), genreSet(line.substring(comma + 1)));
    }
    return log(
        "ml-latest-small",
        rows,
        0,
        1,
        2,
        3,
        itemsCsv,
        AccuracyHarness.LATEST_SMALL_ITEMS_SCHEMA,
        null,
        genres);
  }

  private static Set<String> genreSet(String field) {
    return field.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(field.split("\\|")));
  }

  private static Log log(
      String name,
      List<String[]> rows,
      int user,
      int item,
      int rating,
      int time,
      Path itemsCsv,
      String itemsSchema,
      Path usersCsv,
      Map<String, Set<String>> genres) {
    int n = rows.size();
    String[] u = new String[n];
    String[] i = new String[n];
    long[] t = new long[n];
    String[] v = new String[n];
    for (int e = 0; e < n; e++) {
      String[] f = rows.get(e);
      if (f.length != 4) {
        throw new IllegalArgumentException(
            name + ": row " + (e + 1) + " must have 4 fields; got: " + String.join("|", f));
      }
      u[e] = f[user];
      i[e] = f[item];
      v[e] = f[rating];
      t[e] = Long.parseLong(f[time]);
    }
    return new Log(name, u, i, t, v, itemsCsv, itemsSchema, usersCsv, genres);
  }
}
