package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
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
import org.openpersonalize.api.model.DeleteCampaignRequest;
import org.openpersonalize.api.model.DescribeRecipeRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.Item;
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionVersion;
import org.openpersonalize.engine.sample.SampleData;

/**
 * The custom workflow end to end on generated data: solutions, versions with metrics, campaigns,
 * recommendations, real-time events, persistence. One durable engine is shared by the tests (and
 * trained once), since training is the slow part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingAndServingTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  static final String SIMS = "arn:aws:personalize:::recipe/aws-sims";
  static final String RANKING = "arn:aws:personalize:::recipe/aws-personalized-ranking";

  @TempDir static Path dir;
  SampleData sample;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String items;
  String trackingId;
  String upVersion;
  String popVersion;
  String upCampaign;

  @BeforeAll
  void setUp() throws IOException {
    sample = SampleData.generate(7, 400, 300, 30);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    engine = OpenPersonalize.open(dir.resolve("store"));
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("movies").build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", SampleData.INTERACTIONS_SCHEMA));
    items = Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "m", SampleData.ITEMS_SCHEMA));
    assertEquals(
        "ACTIVE",
        Fixtures.importAndWait(engine, "i", interactions, files.interactions(), ImportMode.FULL)
            .status());
    assertEquals(
        "ACTIVE",
        Fixtures.importAndWait(engine, "m", items, files.items(), ImportMode.FULL).status());
    trackingId =
        p.createEventTracker(
                CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
            .trackingId();
    upVersion = trainVersion("up", UP, null);
    popVersion = trainVersion("pop", POP, null);
    upCampaign = campaign("up-campaign", upVersion, Map.of("explorationWeight", "0"));
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  String trainVersion(String name, String recipe, SolutionConfig config) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn(recipe)
                    .solutionConfig(config)
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    engine.awaitCompletion(version, Duration.ofMinutes(5));
    return version;
  }

  SolutionVersion describe(String version) {
    return p.describeSolutionVersion(
            DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
        .solutionVersion();
  }

  String campaign(String name, String version, Map<String, String> exploration) {
    return p.createCampaign(
            CreateCampaignRequest.builder()
                .name(name)
                .solutionVersionArn(version)
                .campaignConfig(c -> c.itemExplorationConfig(exploration))
                .build())
        .campaignArn();
  }

  List<PredictedItem> recommend(String campaign, String user, int n) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId(user)
                .numResults(n)
                .build())
        .itemList();
  }

  @Test
  void recipesAreListedAndDescribed() {
    Set<String> arns =
        p.listRecipes(ListRecipesRequest.builder().build()).recipes().stream()
            .map(r -> r.recipeArn())
            .collect(Collectors.toSet());
    assertTrue(arns.containsAll(Set.of(UP, POP, SIMS, RANKING)), arns.toString());
    assertEquals(
        "USER_PERSONALIZATION",
        p.describeRecipe(DescribeRecipeRequest.builder().recipeArn(UP).build())
            .recipe()
            .recipeType());
  }

  @Test
  void versionsAreActiveWithTheDocumentedMetrics() {
    SolutionVersion v = describe(upVersion);
    assertEquals("ACTIVE", v.status(), v.failureReason());
    assertNotNull(v.trainingHours());
    assertTrue(v.tunedHPOParams().algorithmHyperParameters().size() > 0);
    Map<String, Double> m =
        p.getSolutionMetrics(
                GetSolutionMetricsRequest.builder().solutionVersionArn(upVersion).build())
            .metrics();
    assertEquals(
        Set.of(
            "coverage",
            "mean_reciprocal_rank_at_25",
            "normalized_discounted_cumulative_gain_at_5",
            "normalized_discounted_cumulative_gain_at_10",
            "normalized_discounted_cumulative_gain_at_25",
            "precision_at_5",
            "precision_at_10",
            "precision_at_25"),
        m.keySet());
    for (double value : m.values()) {
      assertTrue(value >= 0 && value <= 1, m.toString());
    }
  }

  @Test
  void describeSolutionVersionShowsTheLearnedRepeatPropensity() {
    Map<String, String> params = describe(upVersion).tunedHPOParams().algorithmHyperParameters();
    double share = Double.parseDouble(params.get("learned.repeat_share"));
    assertTrue(share >= 0 && share <= 1, params.toString());
    assertTrue(params.get("learned.repeat_rate").startsWith("<1h:"), params.toString());
    assertEquals("true", params.get("repeat_awareness"), params.toString());
  }

  @Test
  void userPersonalizationBeatsPopularityOnEveryRankingMetric() {
    Map<String, Double> up =
        p.getSolutionMetrics(
                GetSolutionMetricsRequest.builder().solutionVersionArn(upVersion).build())
            .metrics();
    Map<String, Double> pop =
        p.getSolutionMetrics(
                GetSolutionMetricsRequest.builder().solutionVersionArn(popVersion).build())
            .metrics();
    for (String k : up.keySet()) {
      assertTrue(up.get(k) > pop.get(k), k + ": up " + up + " vs popularity " + pop);
    }
  }

  @Test
  void tooLittleDataFailsWithAmazonsMessage() {
    String version =
        trainVersion("few", UP, SolutionConfig.builder().eventValueThreshold("5.5").build());
    SolutionVersion v = describe(version);
    assertEquals("CREATE FAILED", v.status());
    assertTrue(
        v.failureReason().startsWith("Create failed. Dataset has fewer than 1000 interactions"),
        v.failureReason());
    assertThrows(
        ResourceInUseException.class,
        () ->
            p.getSolutionMetrics(
                GetSolutionMetricsRequest.builder().solutionVersionArn(version).build()));
  }

  @Test
  void recommendationsAreDistinctSortedAndSized() {
    List<PredictedItem> recs = recommend(upCampaign, SampleData.userId(3), 25);
    assertEquals(25, recs.size());
    Set<String> ids = new HashSet<>();
    double last = Double.MAX_VALUE;
    for (PredictedItem r : recs) {
      assertTrue(ids.add(r.itemId()), "duplicate " + r.itemId());
      assertTrue(r.score() <= last, "not sorted: " + recs);
      last = r.score();
    }
    // 500 asked, 300 movies exist: every movie once.
    assertEquals(300, recommend(upCampaign, SampleData.userId(3), 500).size());
    assertThrows(
        InvalidInputException.class, () -> recommend(upCampaign, SampleData.userId(3), 501));
  }

  @Test
  void unknownUserGetsPopularItems() {
    List<PredictedItem> recs = recommend(upCampaign, "nobody-" + System.nanoTime(), 10);
    String popCampaign = campaign("pop-campaign", popVersion, Map.of());
    List<PredictedItem> popular = recommend(popCampaign, SampleData.userId(1), 10);
    assertEquals(
        popular.stream().map(PredictedItem::itemId).collect(Collectors.toList()),
        recs.stream().map(PredictedItem::itemId).collect(Collectors.toList()));
    deleteCampaign(popCampaign);
  }

  /** Amazon allows 5 campaigns per dataset group; tests free theirs when done. */
  void deleteCampaign(String arn) {
    p.deleteCampaign(DeleteCampaignRequest.builder().campaignArn(arn).build());
  }

  @Test
  void newUserWithFiveEventsOfOneGenreGetsThatGenre() {
    String user = "fresh-horror-fan";
    int[] horror = sample.itemsOfGenre("Horror");
    for (int k = 0; k < 5; k++) {
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
                          .itemId(SampleData.itemId(horror[k]))
                          .eventValue(5f)
                          .sentAt(Instant.ofEpochSecond(1_800_000_000L + k))
                          .build())
                  .build());
    }
    List<PredictedItem> recs = recommend(upCampaign, user, 10);
    long ofGenre =
        recs.stream()
            .filter(
                r -> sample.genresOf(Integer.parseInt(r.itemId().substring(6))).contains("Horror"))
            .count();
    assertTrue(ofGenre >= 6, "only " + ofGenre + " of 10 are Horror: " + recs);
  }

  @Test
  void personalizedRankingScoresSumToOneAndUnknownItemsComeLast() {
    String version = trainVersion("ranking", RANKING, null);
    assertEquals("ACTIVE", describe(version).status(), describe(version).failureReason());
    String campaign = campaign("ranking-campaign", version, Map.of());
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
    assertEquals(1.0, sum, 1e-9);
    deleteCampaign(campaign);
  }

  @Test
  void relatedItemsComeFromSims() {
    String version = trainVersion("sims", SIMS, null);
    assertEquals("ACTIVE", describe(version).status(), describe(version).failureReason());
    String campaign = campaign("sims-campaign", version, Map.of());
    List<PredictedItem> related =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .itemId(SampleData.itemId(0))
                    .numResults(10)
                    .build())
            .itemList();
    assertEquals(10, related.size());
    assertTrue(related.stream().noneMatch(r -> r.itemId().equals(SampleData.itemId(0))));
    assertThrows(
        InvalidInputException.class,
        () ->
            engine
                .runtime()
                .getRecommendations(
                    GetRecommendationsRequest.builder().campaignArn(campaign).userId("u").build()));
    deleteCampaign(campaign);
  }

  @Test
  void newCatalogueItemsAreExplored() {
    // A campaign takes in the catalogue as it is when created (later items wait for its automatic
    // update, AutomaticUpdateTest), so the item is put first.
    engine
        .events()
        .putItems(
            PutItemsRequest.builder()
                .datasetArn(items)
                .items(
                    Item.builder()
                        .itemId("brand-new-movie")
                        .properties(
                            "{\"title\":\"New\",\"genres\":\"Drama\",\"year\":2026,\"creationTimestamp\":"
                                + (Instant.now().getEpochSecond())
                                + "}")
                        .build())
                .build());
    String campaign = campaign("explore", upVersion, Map.of("explorationWeight", "1"));
    List<PredictedItem> recs = recommend(campaign, SampleData.userId(8), 25);
    PredictedItem fresh =
        recs.stream().filter(r -> r.itemId().equals("brand-new-movie")).findFirst().orElse(null);
    assertNotNull(fresh, recs.toString());
    assertEquals(List.of("Exploration"), fresh.reason());
    // Exploration weight 0 (the shared campaign) never shows it.
    assertTrue(
        recommend(upCampaign, SampleData.userId(8), 25).stream()
            .noneMatch(r -> r.itemId().equals("brand-new-movie")));
  }

  @Test
  void sameSeedAndDataGiveTheSameMetrics() {
    String again =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder()
                    .solutionArn(describe(upVersion).solutionArn())
                    .build())
            .solutionVersionArn();
    engine.awaitCompletion(again, Duration.ofMinutes(5));
    // Events other tests put may have landed since; compare a version trained now with one more.
    String third =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder()
                    .solutionArn(describe(upVersion).solutionArn())
                    .build())
            .solutionVersionArn();
    engine.awaitCompletion(third, Duration.ofMinutes(5));
    assertEquals(
        p.getSolutionMetrics(GetSolutionMetricsRequest.builder().solutionVersionArn(again).build())
            .metrics(),
        p.getSolutionMetrics(GetSolutionMetricsRequest.builder().solutionVersionArn(third).build())
            .metrics());
  }

  @Test
  void damagedModelFileIsReportedNotServed() throws IOException {
    String version = trainVersion("fragile", POP, null);
    String campaign = campaign("fragile-campaign", version, Map.of());
    assertEquals(5, recommend(campaign, SampleData.userId(1), 5).size());
    engine.close();
    Path models = dir.resolve("store").resolve("models");
    try (var files = Files.list(models)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("fragile-")).toList()) {
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x5A;
        Files.write(f, b);
      }
    }
    engine = OpenPersonalize.open(dir.resolve("store"));
    p = engine.personalize();
    PersonalizeException e =
        assertThrows(
            PersonalizeException.class, () -> recommend(campaign, SampleData.userId(1), 5));
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    // The other campaigns still serve after the reopen, without retraining.
    assertEquals(10, recommend(upCampaign, SampleData.userId(2), 10).size());
  }
}
