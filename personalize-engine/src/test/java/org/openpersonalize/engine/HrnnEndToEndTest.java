package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.openpersonalize.api.model.CampaignConfig;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeRecipeRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
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
 * The HRNN recipes through the public API: listed and described, trained with small
 * hyperparameters, with GetSolutionMetrics, deployed, following a PutEvents event in the very next
 * response and serving a brand-new user; HRNN-Coldstart trained on Items metadata and deployed with
 * exploration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HrnnEndToEndTest {
  static final String HRNN = "arn:aws:personalize:::recipe/aws-hrnn";
  static final String METADATA = "arn:aws:personalize:::recipe/aws-hrnn-metadata";
  static final String COLDSTART = "arn:aws:personalize:::recipe/aws-hrnn-coldstart";
  static final Map<String, String> SMALL =
      Map.of(
          "hidden_dimension", "32",
          "num_epochs", "10",
          "max_history_length", "20",
          "bptt", "8",
          "num_negatives", "64");

  @TempDir static Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String trackingId;

  @BeforeAll
  void setUp() throws IOException {
    SampleData sample = SampleData.generate(13, 200, 150, 25);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    engine = OpenPersonalize.open(dir.resolve("store"));
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("hrnn").build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", SampleData.INTERACTIONS_SCHEMA));
    assertEquals(
        "ACTIVE",
        Fixtures.importAndWait(engine, "i", interactions, files.interactions(), ImportMode.FULL)
            .status());
    String items =
        Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "it", SampleData.ITEMS_SCHEMA));
    assertEquals(
        "ACTIVE",
        Fixtures.importAndWait(engine, "it", items, files.items(), ImportMode.FULL).status());
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

  void watch(String user, String item, long second) {
    engine
        .events()
        .putEvents(
            PutEventsRequest.builder()
                .trackingId(trackingId)
                .userId(user)
                .sessionId("s-" + user)
                .eventList(
                    Event.builder()
                        .eventType("watch")
                        .itemId(item)
                        .eventValue(5f)
                        .sentAt(Instant.ofEpochSecond(second))
                        .build())
                .build());
  }

  @Test
  void allThreeAreListedAsUserPersonalizationRecipes() {
    Set<String> arns =
        p.listRecipes(ListRecipesRequest.builder().build()).recipes().stream()
            .map(r -> r.recipeArn())
            .collect(Collectors.toSet());
    assertTrue(arns.containsAll(Set.of(HRNN, METADATA, COLDSTART)), arns.toString());
    for (String arn : List.of(HRNN, METADATA, COLDSTART)) {
      assertEquals(
          "USER_PERSONALIZATION",
          p.describeRecipe(DescribeRecipeRequest.builder().recipeArn(arn).build())
              .recipe()
              .recipeType());
    }
  }

  @Test
  void hrnnTrainsWithMetricsAndFollowsNewEventsAtOnce() {
    String version = train("hrnn", HRNN);
    Map<String, Double> metrics =
        p.getSolutionMetrics(
                GetSolutionMetricsRequest.builder().solutionVersionArn(version).build())
            .metrics();
    assertTrue(metrics.containsKey("normalized_discounted_cumulative_gain_at_10"), metrics + "");
    assertTrue(metrics.containsKey("mean_reciprocal_rank_at_25"), metrics + "");
    String campaign =
        p.createCampaign(
                CreateCampaignRequest.builder().name("hrnn").solutionVersionArn(version).build())
            .campaignArn();
    String user = SampleData.userId(3);
    List<String> before = recommend(campaign, user);
    assertEquals(10, before.size());
    for (int k = 0; k < 3; k++) {
      watch(user, before.get(k), 1_900_000_000L + 60L * k);
    }
    assertNotEquals(before, recommend(campaign, user));
    String fresh = "fresh-" + System.nanoTime();
    watch(fresh, SampleData.itemId(7), 1_900_000_100L);
    List<String> first = recommend(campaign, fresh);
    assertEquals(10, first.size());
    watch(fresh, SampleData.itemId(8), 1_900_000_160L);
    assertNotEquals(first, recommend(campaign, fresh));
  }

  @Test
  void coldstartTrainsOnItemMetadataAndExploresNewItems() {
    String version = train("hrnn-cold", COLDSTART);
    String campaign =
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name("hrnn-cold")
                    .solutionVersionArn(version)
                    .campaignConfig(
                        CampaignConfig.builder()
                            .itemExplorationConfig(Map.of("explorationWeight", "0.5"))
                            .build())
                    .build())
            .campaignArn();
    assertEquals(10, recommend(campaign, SampleData.userId(4)).size());
  }
}
