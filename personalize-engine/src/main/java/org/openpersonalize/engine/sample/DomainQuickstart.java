package org.openpersonalize.engine.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateRecommenderRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.DescribeRecommenderRequest;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.Recommender;
import org.openpersonalize.api.model.RecommenderConfig;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * The Domain workflow for a VIDEO_ON_DEMAND catalogue, as Amazon's getting-started guide for domain
 * dataset groups runs it (spec §1.3, §1.13, §4): create a VIDEO_ON_DEMAND dataset group, domain
 * schemas and datasets, import generated videos and viewing events, create a recommender for each
 * of Top picks for you, Because you watched X, Most popular and Trending now, print their offline
 * metrics, then ask each for recommendations; a live {@code Watch} event then changes Top picks on
 * the next request. Runs after the custom quickstart with the README's command, or alone.
 */
public final class DomainQuickstart {
  private static final String RECIPE = "arn:aws:personalize:::recipe/";

  private DomainQuickstart() {}

  /**
   * Runs the Domain quickstart.
   *
   * @param args optional: the engine's data directory
   * @throws IOException if the sample files cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir =
        args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("openpersonalize-vod-");
    run(dir, System.out);
  }

  /**
   * Runs the Domain quickstart in {@code dir}, printing what happens.
   *
   * @param dir an empty or new directory
   * @param out where to print
   * @throws IOException if the sample files cannot be written
   */
  public static void run(Path dir, PrintStream out) throws IOException {
    long now = System.currentTimeMillis() / 1000;
    DomainSampleData sample = DomainSampleData.generate(7, 300, 240, 15, now);
    DomainSampleData.Files files = sample.writeTo(dir.resolve("vod-data"));
    out.printf(
        Locale.ROOT, "%nDomain workflow (VIDEO_ON_DEMAND): generated 300 viewers, 240 videos%n");
    try (OpenPersonalize engine = OpenPersonalize.open(dir.resolve("vod-store"))) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(
                  CreateDatasetGroupRequest.builder()
                      .name("video-shop")
                      .domain(Domain.VIDEO_ON_DEMAND)
                      .build())
              .datasetGroupArn();
      importDataset(
          engine,
          group,
          "Interactions",
          DomainSampleData.VOD_INTERACTIONS_SCHEMA,
          files.interactions());
      importDataset(engine, group, "Items", DomainSampleData.VOD_ITEMS_SCHEMA, files.items());

      Map<String, String> recommenders = new TreeMap<>();
      for (String useCase :
          List.of(
              "aws-vod-top-picks",
              "aws-vod-because-you-watched-x",
              "aws-vod-most-popular",
              "aws-vod-trending-now")) {
        String arn =
            p.createRecommender(
                    CreateRecommenderRequest.builder()
                        .name(useCase.substring(8))
                        .datasetGroupArn(group)
                        .recipeArn(RECIPE + useCase)
                        .recommenderConfig(
                            RecommenderConfig.builder()
                                .enableMetadataWithRecommendations(true)
                                .build())
                        .build())
                .recommenderArn();
        recommenders.put(useCase, arn);
      }
      out.printf(
          Locale.ROOT,
          "%-32s %-8s %8s %8s %8s%n",
          "recommender",
          "status",
          "ndcg@10",
          "prec@10",
          "coverage");
      for (Map.Entry<String, String> e : recommenders.entrySet()) {
        engine.awaitCompletion(e.getValue(), Duration.ofMinutes(10));
        Recommender r =
            p.describeRecommender(
                    DescribeRecommenderRequest.builder().recommenderArn(e.getValue()).build())
                .recommender();
        Map<String, Double> m = r.modelMetrics();
        // A trend model is measured by its own metric (spec §8), not by the ranking metrics.
        Double trend = m.get("trend_prediction_accuracy");
        out.printf(
            Locale.ROOT,
            "%-32s %-8s %8s %8s %8s%s%n",
            e.getKey(),
            r.status(),
            metric(m, "normalized_discounted_cumulative_gain_at_10"),
            metric(m, "precision_at_10"),
            metric(m, "coverage"),
            trend == null
                ? ""
                : String.format(Locale.ROOT, "  trend_prediction_accuracy %.4f", trend));
      }

      String user = "user3"; // favourite genre: Documentary
      out.printf(
          Locale.ROOT,
          "Top picks for %s: %s%n",
          user,
          show(engine, recommenders.get("aws-vod-top-picks"), user, null));
      out.printf(
          Locale.ROOT,
          "Because %s watched video3: %s%n",
          user,
          show(engine, recommenders.get("aws-vod-because-you-watched-x"), user, "video3"));
      out.printf(
          Locale.ROOT,
          "Most popular: %s%n",
          show(engine, recommenders.get("aws-vod-most-popular"), user, null));
      out.printf(
          Locale.ROOT,
          "Trending now: %s%n",
          show(engine, recommenders.get("aws-vod-trending-now"), null, null));

      // A live Watch event: Top picks drops the video at once (watched videos are filtered out).
      String first =
          engine
              .runtime()
              .getRecommendations(
                  GetRecommendationsRequest.builder()
                      .recommenderArn(recommenders.get("aws-vod-top-picks"))
                      .userId(user)
                      .numResults(1)
                      .build())
              .itemList()
              .get(0)
              .itemId();
      String tracking =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("player").datasetGroupArn(group).build())
              .trackingId();
      engine
          .events()
          .putEvents(
              PutEventsRequest.builder()
                  .trackingId(tracking)
                  .userId(user)
                  .sessionId("session-1")
                  .eventList(
                      Event.builder()
                          .eventType("Watch")
                          .itemId(first)
                          .sentAt(java.time.Instant.ofEpochSecond(now))
                          .build())
                  .build());
      out.printf(
          Locale.ROOT,
          "After %s watches %s, top picks: %s%n",
          user,
          first,
          show(engine, recommenders.get("aws-vod-top-picks"), user, null));
    }
  }

  private static void importDataset(
      OpenPersonalize engine, String group, String type, String schema, Path file) {
    Personalize p = engine.personalize();
    String schemaArn =
        p.createSchema(
                CreateSchemaRequest.builder()
                    .name("vod-" + type.toLowerCase(Locale.ROOT))
                    .schema(schema)
                    .domain(Domain.VIDEO_ON_DEMAND)
                    .build())
            .schemaArn();
    String datasetArn =
        p.createDataset(
                CreateDatasetRequest.builder()
                    .name("vod-" + type.toLowerCase(Locale.ROOT))
                    .datasetGroupArn(group)
                    .datasetType(type)
                    .schemaArn(schemaArn)
                    .build())
            .datasetArn();
    String job =
        p.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName("vod-" + type.toLowerCase(Locale.ROOT) + "-import")
                    .datasetArn(datasetArn)
                    .dataSource(d -> d.dataLocation(file.toString()))
                    .importMode(ImportMode.FULL)
                    .build())
            .datasetImportJobArn();
    engine.awaitCompletion(job, Duration.ofMinutes(5));
  }

  /** A recommendation list as {@code id (genre)}: recommenders return no scores. */
  private static String show(OpenPersonalize engine, String arn, String user, String item) {
    List<PredictedItem> items =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .recommenderArn(arn)
                    .userId(user)
                    .itemId(item)
                    .numResults(5)
                    .metadataColumns(Map.of("ITEMS", List.of("GENRES")))
                    .build())
            .itemList();
    StringBuilder sb = new StringBuilder();
    for (PredictedItem i : items) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(i.itemId())
          .append(" (")
          .append(i.metadata().get("GENRES"))
          .append(')');
    }
    return sb.toString();
  }

  /** A metric for the table, or a dash when the model does not report it. */
  private static String metric(Map<String, Double> metrics, String key) {
    Double v = metrics.get(key);
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }
}
