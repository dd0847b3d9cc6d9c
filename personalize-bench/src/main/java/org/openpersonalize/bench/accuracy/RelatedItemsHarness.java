package org.openpersonalize.bench.accuracy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.bench.MovieLensImport;

/**
 * Related-items recipes on MovieLens 100K through the public API (issue 13): {@code
 * aws-similar-items} (co-occurrence blended with genres and title words) against {@code aws-sims},
 * {@code aws-popularity-count} and {@code openpersonalize-co-purchase}, with custom solutions.
 *
 * <p>Protocol ({@link RelatedItemsProtocol}): every user's last rating (by time) is held out. From
 * the rest, 100 items with at least 30 ratings are made <em>cold</em>: only their 3 earliest
 * ratings stay in training. Two measures:
 *
 * <ul>
 *   <li><b>next item from the latest item</b>: for each user, GetRecommendations with {@code
 *       itemId} = the user's latest training item; the user's training items are removed and the
 *       held-out item must be in the top 10 (HR@10; nDCG@10 with one relevant item). Popularity
 *       answers the same list to everyone (minus their items).
 *   <li><b>next item from a cold item</b> (fewer than five interactions in training): for each
 *       removed rating of a cold item, the query is the cold item and the target the item the same
 *       user rated next; items the user rated before are removed. This asks what Amazon promises
 *       for such items — that their neighbours still predict what their audience watches — with
 *       thousands of cases, where items that are naturally cold in ML-100K have few later ratings
 *       to test against. Genre agreement@10 (share of neighbours sharing a genre with the query) is
 *       printed beside it as a sanity check only: metadata recipes see the genres, so it is not
 *       evidence on its own.
 * </ul>
 *
 * <p>{@code --validation} runs the same protocol inside the training part (its own held-out last
 * ratings and cold items), never reading the test events; {@code --tune "name=v1,v2"} then compares
 * values of one similar-items hyperparameter there.
 */
public final class RelatedItemsHarness {
  static final String ITEMS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TITLE\",\"type\":\"string\",\"textual\":true},"
          + "{\"name\":\"GENRES\",\"type\":[\"null\",\"string\"],\"categorical\":true},"
          + "{\"name\":\"YEAR\",\"type\":[\"null\",\"int\"]},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}"
          + "],\"version\":\"1.0\"}";

  private static final int K = 10;

  private RelatedItemsHarness() {}

  /**
   * Runs the harness.
   *
   * @param args {@code [ml100k-folder] [--work DIR] [--validation] [--tune name=v1,v2,...]}
   * @throws IOException when the data cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Path ml100k = Path.of("../shared/data/movielens-100k");
    Path work = null;
    boolean validation = false;
    String tune = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--work" -> work = Path.of(args[++i]);
        case "--validation" -> validation = true;
        case "--tune" -> tune = args[++i];
        default -> {
          if (args[i].startsWith("--")) {
            throw new IllegalArgumentException("unknown option: " + args[i]);
          }
          ml100k = Path.of(args[i]);
        }
      }
    }
    if (tune != null && !validation) {
      throw new IllegalArgumentException("--tune must come with --validation; got: --tune alone");
    }
    if (work == null) {
      work = Files.createTempDirectory("openpersonalize-related-");
    }
    RelatedItemsProtocol protocol =
        RelatedItemsProtocol.of(RelatedItemsProtocol.readUData(ml100k.resolve("u.data")), 13);
    if (validation) {
      protocol = RelatedItemsProtocol.of(protocol.train(), 31);
    }
    Map<String, Set<String>> genres = genres(ml100k);
    System.out.printf(
        Locale.ROOT,
        "%s: %d training ratings, %d users (next item from the latest item), %d cold items,"
            + " %d cold-item cases%n%n",
        validation ? "VALIDATION (inside the training part)" : "TEST",
        protocol.train().size(),
        protocol.latest().size(),
        protocol.coldItems().size(),
        protocol.coldCases().size());
    Files.createDirectories(work);
    Path trainFile = work.resolve("train.data");
    write(protocol.train(), trainFile);
    MovieLensImport.Converted csv = MovieLensImport.convert(ml100k, trainFile, work.resolve("csv"));

    Map<String, Map<String, String>> runs = new LinkedHashMap<>();
    if (tune != null) {
      String name = tune.substring(0, tune.indexOf('='));
      for (String v : tune.substring(tune.indexOf('=') + 1).split(",")) {
        runs.put("aws-similar-items " + name + "=" + v, Map.of(name, v));
      }
    } else {
      runs.put("aws-similar-items", Map.of());
      runs.put("aws-sims", Map.of());
      runs.put("openpersonalize-co-purchase", Map.of());
      runs.put("aws-popularity-count", Map.of());
    }
    List<String> rows = new ArrayList<>();
    try (ApiSession s = ApiSession.open(work.resolve("engine"), "ml100k")) {
      s.importDataset("Interactions", MovieLensImport.INTERACTIONS_SCHEMA, csv.interactions());
      s.importDataset("Items", ITEMS_SCHEMA, csv.items());
      for (Map.Entry<String, Map<String, String>> run : runs.entrySet()) {
        String recipe = run.getKey().split(" ")[0];
        rows.add(evaluate(s, run.getKey(), recipe, run.getValue(), protocol, genres));
      }
    }
    if (tune == null) {
      // The same recipe without the Items dataset: what the metadata adds.
      try (ApiSession s = ApiSession.open(work.resolve("engine-no-items"), "ml100k")) {
        s.importDataset("Interactions", MovieLensImport.INTERACTIONS_SCHEMA, csv.interactions());
        rows.add(
            evaluate(
                s,
                "aws-similar-items, no Items dataset",
                "aws-similar-items",
                Map.of(),
                protocol,
                genres));
      }
    }
    System.out.println(
        "| recipe | HR@10 latest item | nDCG@10 latest item | HR@10 cold item | nDCG@10 cold item"
            + " | genre agreement@10 cold | train (s) |");
    System.out.println("|---|---|---|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  /** Trains one version, deploys it, and scores both measures; returns a table row. */
  private static String evaluate(
      ApiSession s,
      String label,
      String recipe,
      Map<String, String> hp,
      RelatedItemsProtocol protocol,
      Map<String, Set<String>> genres) {
    ApiSession.Version v = s.train(recipe, hp);
    String campaign = s.campaign(v.arn());
    boolean popular = recipe.equals("aws-popularity-count");
    Map<String, List<String>> cache = new HashMap<>();
    List<String> everyone = popular ? ids(s.recommend(campaign, null, null, 500, null)) : null;
    double[] latest = new double[2];
    for (RelatedItemsProtocol.Case c : protocol.latest()) {
      List<String> list =
          popular ? everyone : cache.computeIfAbsent(c.query(), q -> related(s, campaign, q));
      add(latest, rank(list, c.exclude(), c.target()));
    }
    double[] cold = new double[2];
    for (RelatedItemsProtocol.Case c : protocol.coldCases()) {
      List<String> list =
          popular ? everyone : cache.computeIfAbsent(c.query(), q -> related(s, campaign, q));
      add(cold, rank(list, c.exclude(), c.target()));
    }
    double agree = 0;
    int pairs = 0;
    for (String item : protocol.coldItems()) {
      List<String> list =
          popular ? everyone : cache.computeIfAbsent(item, q -> related(s, campaign, q));
      Set<String> mine = genres.getOrDefault(item, Set.of());
      for (String j : list.subList(0, Math.min(K, list.size()))) {
        Set<String> theirs = genres.getOrDefault(j, Set.of());
        agree += theirs.stream().anyMatch(mine::contains) ? 1 : 0;
        pairs++;
      }
    }
    s.deleteCampaign(campaign);
    s.deleteSolution(v.solution());
    int nl = protocol.latest().size();
    int nc = protocol.coldCases().size();
    return String.format(
        Locale.ROOT,
        "| %s | %.4f | %.4f | %.4f | %.4f | %.3f | %.1f |",
        label,
        latest[0] / nl,
        latest[1] / nl,
        cold[0] / nc,
        cold[1] / nc,
        agree / Math.max(1, pairs),
        v.seconds());
  }

  private static List<String> related(ApiSession s, String campaign, String item) {
    return ids(s.recommend(campaign, null, item, 500, null));
  }

  private static List<String> ids(List<PredictedItem> items) {
    List<String> out = new ArrayList<>(items.size());
    for (PredictedItem p : items) {
      out.add(p.itemId());
    }
    return out;
  }

  /** The 1-based rank of the target among the list minus excluded items, or 0 if not in top K. */
  static int rank(List<String> list, Set<String> exclude, String target) {
    int r = 0;
    for (String id : list) {
      if (exclude.contains(id)) {
        continue;
      }
      r++;
      if (r > K) {
        return 0;
      }
      if (id.equals(target)) {
        return r;
      }
    }
    return 0;
  }

  private static void add(double[] acc, int rank) {
    if (rank > 0) {
      acc[0] += 1;
      acc[1] += 1 / (Math.log(rank + 1) / Math.log(2));
    }
  }

  private static void write(List<long[]> rows, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
      for (long[] r : rows) {
        w.write(r[0] + "\t" + r[1] + "\t" + r[2] + "\t" + r[3] + "\n");
      }
    }
  }

  /** Genre names of every film, from u.item's flags and u.genre's names. */
  static Map<String, Set<String>> genres(Path ml100k) throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(ml100k.resolve("u.genre"), StandardCharsets.ISO_8859_1)) {
      if (!line.isBlank()) {
        names.add(line.substring(0, line.lastIndexOf('|')));
      }
    }
    Map<String, Set<String>> out = new HashMap<>();
    for (String line : Files.readAllLines(ml100k.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\\|", -1);
      Set<String> g = new HashSet<>();
      int first = f.length - names.size();
      for (int k = 0; k < names.size(); k++) {
        if (f[first + k].equals("1") && !names.get(k).equals("unknown")) {
          g.add(names.get(k));
        }
      }
      out.put(f[0], g);
    }
    return out;
  }
}
