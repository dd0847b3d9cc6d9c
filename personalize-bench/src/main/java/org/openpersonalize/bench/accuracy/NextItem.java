package org.openpersonalize.bench.accuracy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateRecommenderRequest;
import org.openpersonalize.api.model.DescribeRecommenderRequest;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Recommender;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * The related-items use cases of a VIDEO_ON_DEMAND dataset group on MovieLens 100K, through the
 * public API and recommenders only (issue 13): More like X ({@code aws-vod-more-like-x}), Because
 * you watched X ({@code aws-vod-because-you-watched-x}) and Most popular ({@code
 * aws-vod-most-popular}), each created with CreateRecommender and asked with GetRecommendations.
 *
 * <p>The split is {@link RelatedItemsProtocol}'s (seed 13; {@code --validation} applies it again
 * inside the training part with seed 31, never reading the test events). The training ratings
 * become {@code Watch} events; the films the Items dataset ({@code GENRES} categorical, {@code
 * TITLE} textual unless {@code --no-title}, release date as {@code CREATION_TIMESTAMP}).
 *
 * <ul>
 *   <li><b>latest item</b>: for each user, GetRecommendations with the user's {@code userId} and
 *       {@code itemId} = the user's latest training item. The use cases' own filter removes what
 *       the user watched; the harness also removes the user's training items (for Most popular,
 *       which has no such filter) and scores the held-out item in the top 10.
 *   <li><b>cold item</b> (fewer than five interactions in training): the query is the cold item and
 *       the target what the same user rated next. The request's {@code userId} is a user with no
 *       history, because the user's own later ratings are in training and the watched-videos filter
 *       would remove the very target; the harness removes what the user rated before instead.
 * </ul>
 */
final class NextItem {
  private static final String RECIPE = "arn:aws:personalize:::recipe/";
  private static final int K = 10;

  /** A userId with no interactions, for the cold-item queries. */
  private static final String PROBE_USER = "no-history-user";

  private static final String INTERACTIONS =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}"
          + "],\"version\":\"1.0\"}";

  private static final String ITEMS_WITH_TITLE =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"TITLE\",\"type\":\"string\",\"textual\":true},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}"
          + "],\"version\":\"1.0\"}";

  private static final String ITEMS_NO_TITLE =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}"
          + "],\"version\":\"1.0\"}";

  private static final String[] GENRES = {
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
    "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
    "Thriller", "War", "Western"
  };

  /** The use cases measured, with the label the table prints. */
  private static final Map<String, String> USE_CASES = new LinkedHashMap<>();

  static {
    USE_CASES.put("aws-vod-more-like-x", "More like X (aws-similar-items, with Items)");
    USE_CASES.put("aws-vod-because-you-watched-x", "Because you watched X (aws-sims)");
    USE_CASES.put("aws-vod-most-popular", "Most popular (aws-popularity-count)");
  }

  private NextItem() {}

  /**
   * Runs the measure; returns 0 when More like X and Because you watched X beat Most popular on
   * latest-item HR@10 and More like X beats Because you watched X on cold-item HR@10, else 1.
   */
  static int run(Path ml, Path work, boolean validation, boolean title, PrintStream out)
      throws IOException {
    RelatedItemsProtocol protocol =
        RelatedItemsProtocol.of(RelatedItemsProtocol.readUData(ml.resolve("u.data")), 13);
    if (validation) {
      protocol = RelatedItemsProtocol.of(protocol.train(), 31);
    }
    out.printf(
        Locale.ROOT,
        "%s, Items %s: %d training ratings, %d latest-item cases, %d cold items, %d cold-item"
            + " cases%n",
        validation ? "VALIDATION (inside the training part, seed 31)" : "TEST (seed 13)",
        title ? "GENRES + TITLE" : "GENRES only",
        protocol.train().size(),
        protocol.latest().size(),
        protocol.coldItems().size(),
        protocol.coldCases().size());
    Files.createDirectories(work);
    Path interactions = work.resolve("next-item-watch.csv");
    Path items = work.resolve("next-item-films.csv");
    long newest = write(protocol.train(), ml, interactions, items, title);
    Clock clock = Clock.fixed(Instant.ofEpochSecond(newest + 86_400), ZoneOffset.UTC);
    long t0 = System.nanoTime();
    Map<String, double[]> scores = new LinkedHashMap<>();
    try (OpenPersonalize engine =
        OpenPersonalize.builder()
            .directory(work.resolve("engine-next-item-" + System.nanoTime()))
            .clock(clock)
            .build()) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(
                  CreateDatasetGroupRequest.builder()
                      .name("ml-100k-vod-next-item")
                      .domain(Domain.VIDEO_ON_DEMAND)
                      .build())
              .datasetGroupArn();
      RecommenderHarness.load(engine, group, "Interactions", INTERACTIONS, interactions);
      RecommenderHarness.load(
          engine, group, "Items", title ? ITEMS_WITH_TITLE : ITEMS_NO_TITLE, items);
      double imported = (System.nanoTime() - t0) / 1e9;
      Map<String, String> arns = new LinkedHashMap<>();
      for (String u : USE_CASES.keySet()) {
        arns.put(
            u,
            p.createRecommender(
                    CreateRecommenderRequest.builder()
                        .name(u.substring(8))
                        .datasetGroupArn(group)
                        .recipeArn(RECIPE + u)
                        .build())
                .recommenderArn());
      }
      for (Map.Entry<String, String> e : arns.entrySet()) {
        engine.awaitCompletion(e.getValue(), Duration.ofHours(1));
        Recommender r =
            p.describeRecommender(
                    DescribeRecommenderRequest.builder().recommenderArn(e.getValue()).build())
                .recommender();
        if (!r.status().equals("ACTIVE")) {
          out.println(e.getKey() + ": " + r.status() + " " + r.failureReason());
          return 1;
        }
      }
      double trained = (System.nanoTime() - t0) / 1e9 - imported;
      out.printf(
          Locale.ROOT,
          "imported in %.0f s, the three recommenders trained (concurrently) in %.0f s%n%n",
          imported,
          trained);
      for (Map.Entry<String, String> e : arns.entrySet()) {
        scores.put(
            e.getKey(),
            evaluate(engine, e.getValue(), !e.getKey().equals("aws-vod-most-popular"), protocol));
      }
    }
    out.println(
        "| recommender | HR@10 latest item | nDCG@10 latest item | HR@10 cold item"
            + " | nDCG@10 cold item |");
    out.println("| --- | ---: | ---: | ---: | ---: |");
    for (Map.Entry<String, double[]> e : scores.entrySet()) {
      double[] s = e.getValue();
      out.printf(
          Locale.ROOT,
          "| %s | %.4f | %.4f | %.4f | %.4f |%n",
          USE_CASES.get(e.getKey()),
          s[0],
          s[1],
          s[2],
          s[3]);
    }
    double[] more = scores.get("aws-vod-more-like-x");
    double[] because = scores.get("aws-vod-because-you-watched-x");
    double[] popular = scores.get("aws-vod-most-popular");
    boolean a = more[0] > popular[0];
    boolean b = because[0] > popular[0];
    boolean c = more[2] > because[2];
    out.printf(
        Locale.ROOT,
        "%nMore like X beats Most popular on latest-item HR@10: %s (%.2fx)%n"
            + "Because you watched X beats Most popular on latest-item HR@10: %s (%.2fx)%n"
            + "More like X beats Because you watched X (aws-sims) on cold-item HR@10: %s (%.2fx)%n"
            + "total %.0f s%n",
        a,
        more[0] / popular[0],
        b,
        because[0] / popular[0],
        c,
        more[2] / because[2],
        (System.nanoTime() - t0) / 1e9);
    return a && b && c ? 0 : 1;
  }

  /**
   * {HR@10 latest, nDCG@10 latest, HR@10 cold, nDCG@10 cold} of one recommender; {@code related}
   * when it recommends from an itemId.
   */
  private static double[] evaluate(
      OpenPersonalize engine, String recommender, boolean related, RelatedItemsProtocol protocol) {
    // Most popular takes no itemId (Amazon: "itemId not used"); it answers the user alone.
    double[] latest = new double[2];
    for (RelatedItemsProtocol.Case c : protocol.latest()) {
      List<String> list = ask(engine, recommender, c.user(), related ? c.query() : null);
      add(latest, RelatedItemsHarness.rank(list, c.exclude(), c.target()));
    }
    Map<String, List<String>> byItem = new HashMap<>();
    double[] cold = new double[2];
    for (RelatedItemsProtocol.Case c : protocol.coldCases()) {
      List<String> list =
          byItem.computeIfAbsent(
              c.query(), q -> ask(engine, recommender, PROBE_USER, related ? q : null));
      add(cold, RelatedItemsHarness.rank(list, c.exclude(), c.target()));
    }
    int nl = protocol.latest().size();
    int nc = protocol.coldCases().size();
    return new double[] {latest[0] / nl, latest[1] / nl, cold[0] / nc, cold[1] / nc};
  }

  private static List<String> ask(
      OpenPersonalize engine, String recommender, String user, String item) {
    List<PredictedItem> items =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .recommenderArn(recommender)
                    .userId(user)
                    .itemId(item)
                    .numResults(500)
                    .build())
            .itemList();
    List<String> ids = new ArrayList<>(items.size());
    for (PredictedItem p : items) {
      ids.add(p.itemId());
    }
    return ids;
  }

  private static void add(double[] acc, int rank) {
    if (rank > 0) {
      acc[0] += 1;
      acc[1] += 1 / (Math.log(rank + 1) / Math.log(2));
    }
  }

  /**
   * Writes the training ratings as Watch events and every film of u.item as an item; returns the
   * newest training rating's time.
   */
  private static long write(
      List<long[]> train, Path ml, Path interactions, Path items, boolean title)
      throws IOException {
    long newest = Long.MIN_VALUE;
    Map<String, Long> first = new HashMap<>();
    try (Writer w = Files.newBufferedWriter(interactions, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
      for (long[] r : train) {
        newest = Math.max(newest, r[3]);
        first.merge(Long.toString(r[1]), r[3], Math::min);
        w.write(r[0] + "," + r[1] + "," + r[3] + ",Watch\n");
      }
    }
    DateTimeFormatter date = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);
    try (Writer w = Files.newBufferedWriter(items, StandardCharsets.UTF_8)) {
      w.write(
          title
              ? "ITEM_ID,GENRES,TITLE,CREATION_TIMESTAMP\n"
              : "ITEM_ID,GENRES,CREATION_TIMESTAMP\n");
      for (String line : Files.readAllLines(ml.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\\|", -1);
        int firstFlag = f.length - GENRES.length;
        List<String> genres = new ArrayList<>();
        for (int g = 0; g < GENRES.length; g++) {
          if (f[firstFlag + g].equals("1")) {
            genres.add(GENRES[g]);
          }
        }
        String released = f[firstFlag - 3];
        long created =
            released.isEmpty()
                ? first.getOrDefault(f[0], newest)
                : LocalDate.parse(released, date).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        StringBuilder row = new StringBuilder(f[0]).append(',');
        row.append(genres.isEmpty() ? "unknown" : String.join("|", genres)).append(',');
        if (title) {
          String t = String.join("|", List.of(f).subList(1, firstFlag - 3));
          row.append('"').append(t.replace("\\", "\\\\").replace("\"", "\"\"")).append("\",");
        }
        row.append(created).append('\n');
        w.write(row.toString());
      }
    }
    return newest;
  }
}
