package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionVersion;
import org.openpersonalize.engine.sample.SampleData;

/**
 * The self-attention recipes through the public API: listed, trained with small hyperparameters,
 * with metrics, deployed, serving a user from their stored history, answering a PutEvents event in
 * the very next response, and ranking a list for GetPersonalizedRanking.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SequenceRecipesEndToEndTest {
  static final String UP_V2 = "arn:aws:personalize:::recipe/aws-user-personalization-v2";
  static final String PR_V2 = "arn:aws:personalize:::recipe/aws-personalized-ranking-v2";
  static final Map<String, String> SMALL =
      Map.of(
          "hidden_dimension", "16",
          "num_epochs", "20",
          "batch_size", "32",
          "max_history_length", "20",
          "num_blocks", "1",
          "num_negatives", "64");

  @TempDir static Path dir;
  SampleData sample;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String trackingId;

  @BeforeAll
  void setUp() throws IOException {
    sample = SampleData.generate(11, 200, 150, 25);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    engine = OpenPersonalize.open(dir.resolve("store"));
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("seq").build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", SampleData.INTERACTIONS_SCHEMA));
    assertEquals(
        "ACTIVE",
        Fixtures.importAndWait(engine, "i", interactions, files.interactions(), ImportMode.FULL)
            .status());
    trackingId =
        p.createEventTracker(
                CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
            .trackingId();
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  String train(String name, String recipe) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn(recipe)
                    // Under automatic training the v2 recipes would tune themselves first
                    // (ScheduledTuningTest); this test is about the recipes as configured.
                    .performAutoTraining(false)
                    .solutionConfig(
                        SolutionConfig.builder().algorithmHyperParameters(SMALL).build())
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    engine.awaitCompletion(version, Duration.ofMinutes(5));
    SolutionVersion v =
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
            .solutionVersion();
    assertEquals("ACTIVE", v.status(), v.failureReason());
    return version;
  }

  String campaign(String name, String version) {
    return p.createCampaign(
            CreateCampaignRequest.builder().name(name).solutionVersionArn(version).build())
        .campaignArn();
  }

  List<String> recommend(String campaign, String user) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId(user)
                .numResults(10)
                .build())
        .itemList()
        .stream()
        .map(PredictedItem::itemId)
        .collect(Collectors.toList());
  }

  @Test
  void bothRecipesAreListed() {
    Set<String> arns =
        p.listRecipes(ListRecipesRequest.builder().build()).recipes().stream()
            .map(r -> r.recipeArn())
            .collect(Collectors.toSet());
    assertTrue(arns.containsAll(Set.of(UP_V2, PR_V2)), arns.toString());
  }

  @Test
  void userPersonalizationV2TrainsServesAndFollowsNewEventsAtOnce() {
    String version = train("up-v2", UP_V2);
    Map<String, Double> metrics =
        p.getSolutionMetrics(
                GetSolutionMetricsRequest.builder().solutionVersionArn(version).build())
            .metrics();
    assertTrue(metrics.containsKey("normalized_discounted_cumulative_gain_at_10"), metrics + "");
    String campaign = campaign("up-v2", version);
    String user = SampleData.userId(3);
    List<String> before = recommend(campaign, user);
    assertEquals(10, before.size());
    for (int k = 0; k < 3; k++) {
      engine
          .events()
          .putEvents(
              PutEventsRequest.builder()
                  .trackingId(trackingId)
                  .userId(user)
                  .sessionId("s")
                  .eventList(
                      Event.builder()
                          .eventType("watch")
                          .itemId(before.get(k))
                          .eventValue(5f)
                          .sentAt(Instant.ofEpochSecond(1_900_000_000L + k))
                          .build())
                  .build());
    }
    List<String> after = recommend(campaign, user);
    assertNotEquals(before, after);
    // a brand-new user is served from their first events too
    String fresh = "fresh-" + System.nanoTime();
    engine
        .events()
        .putEvents(
            PutEventsRequest.builder()
                .trackingId(trackingId)
                .userId(fresh)
                .sessionId("f")
                .eventList(
                    Event.builder()
                        .eventType("watch")
                        .itemId(SampleData.itemId(7))
                        .eventValue(5f)
                        .sentAt(Instant.ofEpochSecond(1_900_000_100L))
                        .build())
                .build());
    assertEquals(10, recommend(campaign, fresh).size());
  }

  @Test
  void personalizedRankingV2RanksAListWithScoresSummingToOne() {
    String campaign = campaign("pr-v2", train("pr-v2", PR_V2));
    List<PredictedItem> ranked =
        engine
            .runtime()
            .getPersonalizedRanking(
                GetPersonalizedRankingRequest.builder()
                    .campaignArn(campaign)
                    .userId(SampleData.userId(5))
                    .inputList(
                        SampleData.itemId(1),
                        "no-such-item",
                        SampleData.itemId(2),
                        SampleData.itemId(3))
                    .build())
            .personalizedRanking();
    assertEquals(4, ranked.size());
    assertEquals("no-such-item", ranked.get(3).itemId());
    assertNull(ranked.get(3).score());
    double sum = ranked.subList(0, 3).stream().mapToDouble(PredictedItem::score).sum();
    assertEquals(1.0, sum, 1e-6);
  }
}
