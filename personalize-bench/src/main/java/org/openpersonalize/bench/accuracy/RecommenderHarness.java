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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateRecommenderRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.DescribeRecommenderRequest;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.Recommender;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * Recommenders on MovieLens 100K through the public API (issue 13): a VIDEO_ON_DEMAND dataset group
 * with every rating as a {@code Watch} event and the films as Items ({@code GENRES}, release date
 * as {@code CREATION_TIMESTAMP}), a Top picks for you and a Most popular recommender, and their
 * {@code modelMetrics} (DescribeRecommender) side by side. Each recommender's metrics come from its
 * own held-out 10 % of users (spec §8.1, seeded per recommender, as Amazon's are per solution).
 *
 * <p>Usage: {@code RecommenderHarness <ml-100k dir> <work dir>}. Exit status 0 when Top picks beats
 * Most popular on every metric key, 1 otherwise, 2 when the input cannot be read.
 *
 * <p>{@code RecommenderHarness <ml-100k dir> <work dir> --next-item [--validation] [--no-title]}
 * measures the related-items use cases instead ({@link NextItem}): More like X, Because you watched
 * X and Most popular recommenders, asked through GetRecommendations with {@code itemId}.
 */
public final class RecommenderHarness {
  private static final String RECIPE = "arn:aws:personalize:::recipe/";

  private static final String INTERACTIONS =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}"
          + "],\"version\":\"1.0\"}";

  private static final String ITEMS =
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

  private RecommenderHarness() {}

  /**
   * Runs the harness.
   *
   * @param args the ML-100K directory and a work directory
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println(
          "usage: RecommenderHarness <ml-100k dir> <work dir> [--next-item [--validation]"
              + " [--no-title]]");
      System.exit(2);
    }
    boolean nextItem = false;
    boolean validation = false;
    boolean title = true;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--next-item" -> nextItem = true;
        case "--validation" -> validation = true;
        case "--no-title" -> title = false;
        default -> {
          System.err.println("unknown option: " + args[i]);
          System.exit(2);
        }
      }
    }
    if (!nextItem && (validation || !title)) {
      System.err.println("--validation and --no-title go with --next-item");
      System.exit(2);
    }
    Path ml = Path.of(args[0]);
    Path work = Path.of(args[1]);
    System.exit(
        nextItem
            ? NextItem.run(ml, work, validation, title, System.out)
            : run(ml, work, System.out));
  }

  static int run(Path ml, Path work, PrintStream out) throws IOException {
    Files.createDirectories(work);
    Path interactions = work.resolve("watch.csv");
    Path items = work.resolve("films.csv");
    long newest = convert(ml, interactions, items);
    // The engine's clock stands a day after the newest rating, as if the data were live.
    Clock clock = Clock.fixed(Instant.ofEpochSecond(newest + 86_400), ZoneOffset.UTC);
    Map<String, Map<String, Double>> metrics = new HashMap<>();
    long t0 = System.nanoTime();
    try (OpenPersonalize engine =
        OpenPersonalize.builder()
            .directory(work.resolve("engine-" + System.nanoTime()))
            .clock(clock)
            .build()) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(
                  CreateDatasetGroupRequest.builder()
                      .name("ml-100k-vod")
                      .domain(Domain.VIDEO_ON_DEMAND)
                      .build())
              .datasetGroupArn();
      load(engine, group, "Interactions", INTERACTIONS, interactions);
      load(engine, group, "Items", ITEMS, items);
      List<String> useCases = List.of("aws-vod-top-picks", "aws-vod-most-popular");
      Map<String, String> arns = new HashMap<>();
      for (String u : useCases) {
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
      for (String u : useCases) {
        engine.awaitCompletion(arns.get(u), Duration.ofHours(1));
        Recommender r =
            p.describeRecommender(
                    DescribeRecommenderRequest.builder().recommenderArn(arns.get(u)).build())
                .recommender();
        if (!r.status().equals("ACTIVE")) {
          out.println(u + ": " + r.status() + " " + r.failureReason());
          return 1;
        }
        metrics.put(u, r.modelMetrics());
      }
    }
    Map<String, Double> picks = metrics.get("aws-vod-top-picks");
    Map<String, Double> popular = metrics.get("aws-vod-most-popular");
    out.printf(Locale.ROOT, "| metric | Top picks for you | Most popular | ratio |%n");
    out.printf(Locale.ROOT, "| --- | ---: | ---: | ---: |%n");
    boolean beats = !picks.isEmpty();
    for (String key : new TreeSet<>(picks.keySet())) {
      double a = picks.get(key);
      double b = popular.getOrDefault(key, Double.NaN);
      beats &= a > b;
      out.printf(Locale.ROOT, "| `%s` | %.4f | %.4f | %.2fx |%n", key, a, b, a / b);
    }
    out.printf(
        Locale.ROOT,
        "Top picks beats Most popular on every key: %s (%.0f s including import)%n",
        beats,
        (System.nanoTime() - t0) / 1e9);
    return beats ? 0 : 1;
  }

  static void load(OpenPersonalize engine, String group, String type, String schema, Path csv) {
    Personalize p = engine.personalize();
    String schemaArn =
        p.createSchema(
                CreateSchemaRequest.builder()
                    .name("ml-" + type.toLowerCase(Locale.ROOT))
                    .schema(schema)
                    .domain(Domain.VIDEO_ON_DEMAND)
                    .build())
            .schemaArn();
    String dataset =
        p.createDataset(
                CreateDatasetRequest.builder()
                    .name("ml-" + type.toLowerCase(Locale.ROOT))
                    .datasetGroupArn(group)
                    .datasetType(type)
                    .schemaArn(schemaArn)
                    .build())
            .datasetArn();
    String job =
        p.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName("ml-" + type.toLowerCase(Locale.ROOT))
                    .datasetArn(dataset)
                    .dataSource(d -> d.dataLocation(csv.toString()))
                    .importMode(ImportMode.FULL)
                    .build())
            .datasetImportJobArn();
    String status = engine.awaitCompletion(job, Duration.ofMinutes(30));
    if (!status.equals("ACTIVE")) {
      throw new IllegalStateException(type + " import " + status);
    }
  }

  /** Writes the Watch events and the films; returns the newest rating's time. */
  static long convert(Path ml, Path interactions, Path items) throws IOException {
    long newest = Long.MIN_VALUE;
    Map<String, Long> first = new HashMap<>();
    try (Writer w = Files.newBufferedWriter(interactions, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
      for (String line : Files.readAllLines(ml.resolve("u.data"), StandardCharsets.ISO_8859_1)) {
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t");
        long t = Long.parseLong(f[3]);
        newest = Math.max(newest, t);
        first.merge(f[1], t, Math::min);
        w.write(f[0] + "," + f[1] + "," + t + ",Watch\n");
      }
    }
    DateTimeFormatter date = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);
    try (Writer w = Files.newBufferedWriter(items, StandardCharsets.UTF_8)) {
      w.write("ITEM_ID,GENRES,CREATION_TIMESTAMP\n");
      for (String line : Files.readAllLines(ml.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\\|", -1);
        List<String> genres = new ArrayList<>();
        for (int g = 0; g < GENRES.length; g++) {
          if (f[5 + g].equals("1")) {
            genres.add(GENRES[g]);
          }
        }
        long created =
            f[2].isEmpty()
                ? first.getOrDefault(f[0], newest)
                : LocalDate.parse(f[2], date).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        w.write(
            f[0]
                + ","
                + (genres.isEmpty() ? "unknown" : String.join("|", genres))
                + ","
                + created
                + "\n");
      }
    }
    return newest;
  }
}
