package org.openpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionVersion;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.sample.SampleData;

/**
 * The round trip in one test: interactions trained on Spark → model file → solution version →
 * campaign → GetRecommendations with a filter → a real-time event changes the user's
 * recommendations → batch inference and segment jobs on Spark from the same file.
 */
class SparkEndToEndTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";

  @TempDir Path dir;

  @Test
  void trainedOnSparkServedByTheEngine() throws IOException {
    SampleData sample = SampleData.generate(11, 300, 200, 30);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    Dataset<Row> interactions = SparkFixtures.readInteractions(files.interactions());
    Dataset<Row> items =
        SparkFixtures.spark()
            .read()
            .option("header", "true")
            .schema(
                new StructType()
                    .add("ITEM_ID", DataTypes.StringType)
                    .add("TITLE", DataTypes.StringType)
                    .add("GENRES", DataTypes.StringType)
                    .add("YEAR", DataTypes.IntegerType)
                    .add("CREATION_TIMESTAMP", DataTypes.LongType))
            .csv(files.items().toString());
    SparkTrainedModel model =
        SparkUserPersonalization.builder()
            .hyperParameters(Map.of("hidden_dimension", "32", "num_iterations", "8"))
            .seed(3)
            .build()
            .train(interactions, items, null);
    assertEquals(200, model.itemIds().length);

    try (OpenPersonalize engine = OpenPersonalize.open(dir.resolve("engine"))) {
      Personalize p = engine.personalize();
      String group = SparkFixtures.loadEngine(engine, files.interactions(), files.items());
      String solution =
          p.createSolution(
                  CreateSolutionRequest.builder()
                      .name("spark-trained")
                      .datasetGroupArn(group)
                      .recipeArn(UP)
                      .build())
              .solutionArn();
      String version = model.importInto(engine, solution, dir.resolve("models/up.opm"));
      SolutionVersion v =
          p.describeSolutionVersion(
                  DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
              .solutionVersion();
      assertEquals("ACTIVE", v.status());
      assertEquals("32", v.tunedHPOParams().algorithmHyperParameters().get("hidden_dimension"));
      Map<String, Double> metrics =
          p.getSolutionMetrics(
                  GetSolutionMetricsRequest.builder().solutionVersionArn(version).build())
              .metrics();
      assertEquals(model.metrics(), metrics);
      assertTrue(metrics.get("normalized_discounted_cumulative_gain_at_10") > 0.05, "" + metrics);

      String campaign =
          p.createCampaign(
                  CreateCampaignRequest.builder()
                      .name("spark-campaign")
                      .solutionVersionArn(version)
                      .campaignConfig(
                          c -> c.itemExplorationConfig(Map.of("explorationWeight", "0")))
                      .build())
              .campaignArn();

      // Sensible: recommended items follow the users' tastes far more often than chance.
      int onTaste = 0;
      int total = 0;
      double chance = 0;
      for (int u = 0; u < 40; u++) {
        Set<String> tastes = Set.copyOf(sample.tastesOf(u));
        for (PredictedItem item : recommend(engine, campaign, u, 10, null, null)) {
          total++;
          if (shares(sample, item.itemId(), tastes)) {
            onTaste++;
          }
        }
        int matching = 0;
        for (int i = 0; i < sample.items(); i++) {
          if (shares(sample, SampleData.itemId(i), tastes)) {
            matching++;
          }
        }
        chance += matching / (double) sample.items() / 40;
      }
      double share = onTaste / (double) total;
      assertEquals(400, total);
      assertTrue(share > chance + 0.2, "on-taste share " + share + " vs chance " + chance);

      // A filter applies to the Spark-trained version as to any other.
      String genre = sample.tastesOf(5).get(0);
      String filter =
          p.createFilter(
                  CreateFilterRequest.builder()
                      .name("in-genre")
                      .datasetGroupArn(group)
                      .filterExpression("INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)")
                      .build())
              .filterArn();
      List<PredictedItem> filtered =
          recommend(engine, campaign, 5, 10, filter, Map.of("GENRE", "\"" + genre + "\""));
      assertEquals(10, filtered.size());
      for (PredictedItem item : filtered) {
        assertTrue(sample.genresOf(index(item.itemId())).contains(genre), item.itemId());
      }

      // Real-time events fold the user in again: a burst in another genre changes the list.
      String trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder()
                      .name("tracker")
                      .datasetGroupArn(group)
                      .build())
              .trackingId();
      int user = 7;
      List<String> before = ids(recommend(engine, campaign, user, 10, null, null));
      String other =
          SampleData.GENRES.stream()
              .filter(g -> !sample.tastesOf(user).contains(g))
              .filter(g -> sample.itemsOfGenre(g).length >= 8)
              .findFirst()
              .orElseThrow();
      List<Event> burst = new ArrayList<>();
      int[] ofGenre = sample.itemsOfGenre(other);
      for (int e = 0; e < 8; e++) {
        burst.add(
            Event.builder()
                .eventType("watch")
                .itemId(SampleData.itemId(ofGenre[e]))
                .sentAt(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(e))
                .build());
      }
      engine
          .events()
          .putEvents(
              PutEventsRequest.builder()
                  .trackingId(trackingId)
                  .userId(SampleData.userId(user))
                  .sessionId("s1")
                  .eventList(burst)
                  .build());
      List<String> after = ids(recommend(engine, campaign, user, 10, null, null));
      assertNotEquals(before, after);
      long inOther =
          after.stream().filter(id -> sample.genresOf(index(id)).contains(other)).count();
      long inOtherBefore =
          before.stream().filter(id -> sample.genresOf(index(id)).contains(other)).count();
      assertTrue(inOther > inOtherBefore, before + " -> " + after + " for " + other);

      // Batch jobs on Spark from the same file: every user's top 5 without seen items, and the
      // users most likely to take to two items.
      Path modelFile = dir.resolve("models/up.opm");
      Path usersIn = dir.resolve("batch-in.jsonl");
      Files.writeString(
          usersIn, "{\"userId\": \"" + SampleData.userId(7) + "\"}\n{\"userId\": \"nobody\"}\n");
      String out = dir.resolve("batch-out").toString();
      SparkBatch.recommendItems(
          SparkFixtures.spark(),
          modelFile,
          SparkFixtures.spark().read().json(usersIn.toString()),
          interactions,
          5,
          out);
      List<String> lines = readParts(Path.of(out));
      assertEquals(2, lines.size());
      String known =
          lines.stream().filter(l -> l.contains(SampleData.userId(7))).findFirst().orElseThrow();
      assertTrue(
          known.startsWith(
              "{\"input\":{\"userId\":\""
                  + SampleData.userId(7)
                  + "\"},"
                  + "\"output\":{\"recommendedItems\":["),
          known);
      assertTrue(known.endsWith("\"error\":null}"), known);
      assertTrue(lines.stream().anyMatch(l -> l.contains("\"nobody\"")));

      Path itemsIn = dir.resolve("segment-in.jsonl");
      Files.writeString(
          itemsIn,
          "{\"itemId\": \"" + SampleData.itemId(ofGenre[0]) + "\"}\n{\"itemId\": \"x\"}\n");
      String segOut = dir.resolve("segment-out").toString();
      SparkBatch.recommendUsers(
          SparkFixtures.spark(),
          modelFile,
          SparkFixtures.spark().read().json(itemsIn.toString()),
          20,
          segOut);
      List<String> segments = readParts(Path.of(segOut));
      assertEquals(2, segments.size());
      assertTrue(segments.get(0).contains("\"recommendedUsers\":[\""), segments.get(0));
      assertTrue(segments.get(1).contains("\"error\":\"itemId must be an item of the model"));
    }
  }

  private static List<PredictedItem> recommend(
      OpenPersonalize engine,
      String campaign,
      int user,
      int n,
      String filter,
      Map<String, String> values) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId(SampleData.userId(user))
                .numResults(n)
                .filterArn(filter)
                .filterValues(values == null ? null : new HashMap<>(values))
                .build())
        .itemList();
  }

  private static boolean shares(SampleData sample, String itemId, Set<String> tastes) {
    for (String g : sample.genresOf(index(itemId))) {
      if (tastes.contains(g)) {
        return true;
      }
    }
    return false;
  }

  private static int index(String itemId) {
    for (int i = 0; ; i++) {
      if (SampleData.itemId(i).equals(itemId)) {
        return i;
      }
    }
  }

  private static List<String> ids(List<PredictedItem> items) {
    return items.stream().map(PredictedItem::itemId).collect(Collectors.toList());
  }

  private static List<String> readParts(Path folder) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.sorted().collect(Collectors.toList())) {
        if (f.getFileName().toString().startsWith("part-")) {
          lines.addAll(Files.readAllLines(f));
        }
      }
    }
    return lines;
  }
}
