package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DeleteCampaignRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Promotion;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.engine.sample.SampleData;

/** Filter behaviours of serving that the reference property does not reach. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterServingTest {
  @TempDir static Path dir;
  SampleData sample;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String trackingId;
  String upVersion;
  final List<String> campaigns = new ArrayList<>();

  @BeforeAll
  void setUp() throws Exception {
    sample = SampleData.generate(5, 150, 200, 20);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", SampleData.INTERACTIONS_SCHEMA));
    String items =
        Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "m", SampleData.ITEMS_SCHEMA));
    Fixtures.importAndWait(engine, "i", interactions, files.interactions(), ImportMode.FULL);
    Fixtures.importAndWait(engine, "m", items, files.items(), ImportMode.FULL);
    trackingId =
        p.createEventTracker(
                CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
            .trackingId();
    upVersion = version("up", "aws-user-personalization");
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  String version(String name, String recipe) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + recipe)
                    .build())
            .solutionArn();
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(5)));
    return v;
  }

  /** Amazon allows 5 campaigns per dataset group; each test frees its own. */
  @AfterEach
  void deleteCampaigns() {
    for (String arn : campaigns) {
      p.deleteCampaign(DeleteCampaignRequest.builder().campaignArn(arn).build());
    }
    campaigns.clear();
  }

  String campaign(String name, String version, boolean metadata) {
    String arn =
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name(name)
                    .solutionVersionArn(version)
                    .campaignConfig(
                        c ->
                            c.itemExplorationConfig(Map.of("explorationWeight", "0"))
                                .enableMetadataWithRecommendations(metadata))
                    .build())
            .campaignArn();
    campaigns.add(arn);
    return arn;
  }

  String filter(String name, String expression) {
    return p.createFilter(
            CreateFilterRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .filterExpression(expression)
                .build())
        .filterArn();
  }

  static int index(String itemId) {
    return Integer.parseInt(itemId.substring("movie-".length()));
  }

  @Test
  void exclusionSeesOnlyTheHundredMostRecentEventsPerType() {
    String campaign = campaign("window", upVersion, false);
    String seen = filter("seen", "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")");
    String user = "window-user";
    List<String> order = new ArrayList<>();
    for (int batch = 0; batch < 13; batch++) {
      List<Event> events = new ArrayList<>();
      for (int k = 0; k < 10; k++) {
        int item = batch * 10 + k;
        order.add(SampleData.itemId(item));
        events.add(
            Event.builder()
                .eventType("click")
                .itemId(SampleData.itemId(item))
                .sentAt(Instant.ofEpochSecond(1_800_000_000L + item))
                .build());
      }
      engine
          .events()
          .putEvents(
              PutEventsRequest.builder()
                  .trackingId(trackingId)
                  .userId(user)
                  .sessionId("s")
                  .eventList(events)
                  .build());
    }
    Set<String> returned =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .userId(user)
                    .numResults(500)
                    .filterArn(seen)
                    .build())
            .itemList()
            .stream()
            .map(PredictedItem::itemId)
            .collect(Collectors.toSet());
    // The 100 newest clicks are excluded; the 30 oldest fell out of the window and may come back.
    for (String newest : order.subList(30, 130)) {
      assertFalse(returned.contains(newest), newest + " is among the 100 most recent clicks");
    }
    assertTrue(returned.containsAll(order.subList(0, 30)), "the 30 oldest clicks are allowed");
    assertEquals(sample.items() - 100, returned.size());
  }

  @Test
  void rankingKeepsOnlyWhatTheFilterAdmits() {
    String version = version("ranking", "aws-personalized-ranking");
    String campaign = campaign("ranking", version, false);
    String horror = filter("horror", "INCLUDE ItemID WHERE Items.GENRES IN ($G)");
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      input.add(SampleData.itemId(i));
    }
    List<PredictedItem> ranked =
        engine
            .runtime()
            .getPersonalizedRanking(
                GetPersonalizedRankingRequest.builder()
                    .campaignArn(campaign)
                    .userId(SampleData.userId(1))
                    .inputList(input)
                    .filterArn(horror)
                    .filterValues(Map.of("G", "\"Horror\""))
                    .build())
            .personalizedRanking();
    long expected =
        input.stream().filter(id -> sample.genresOf(index(id)).contains("Horror")).count();
    assertTrue(expected > 0, "the sample must have Horror movies among the first 40");
    assertEquals(expected, ranked.size());
    for (PredictedItem r : ranked) {
      assertTrue(sample.genresOf(index(r.itemId())).contains("Horror"), r.itemId());
    }
  }

  @Test
  void currentItemComparesWithTheRequestItem() {
    String version = version("sims", "aws-sims");
    String campaign = campaign("sims", version, false);
    String newer = filter("newer", "INCLUDE ItemID WHERE Items.YEAR >= CurrentItem.YEAR");
    int anchor = 7;
    List<PredictedItem> related =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .itemId(SampleData.itemId(anchor))
                    .numResults(20)
                    .filterArn(newer)
                    .build())
            .itemList();
    assertFalse(related.isEmpty());
    for (PredictedItem r : related) {
      assertTrue(sample.yearOf(index(r.itemId())) >= sample.yearOf(anchor), r.itemId());
    }
  }

  @Test
  void metadataComesBackWhenTheCampaignEnablesIt() {
    String campaign = campaign("meta", upVersion, true);
    List<PredictedItem> items =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .userId(SampleData.userId(2))
                    .numResults(5)
                    .metadataColumns(Map.of("ITEMS", List.of("GENRES", "YEAR")))
                    .build())
            .itemList();
    assertEquals(5, items.size());
    for (PredictedItem item : items) {
      Map<String, String> meta = item.metadata();
      assertNotNull(meta.get("GENRES"), item.toString());
      assertEquals(String.join("|", sample.genresOf(index(item.itemId()))), meta.get("GENRES"));
      assertEquals(Integer.toString(sample.yearOf(index(item.itemId()))), meta.get("YEAR"));
    }
    assertThrows(
        InvalidInputException.class,
        () ->
            engine
                .runtime()
                .getRecommendations(
                    GetRecommendationsRequest.builder()
                        .campaignArn(campaign)
                        .userId(SampleData.userId(2))
                        .numResults(51)
                        .metadataColumns(Map.of("ITEMS", List.of("GENRES")))
                        .build()));
  }

  @Test
  void filterValuesLimitsAreEnforced() {
    String campaign = campaign("limits", upVersion, false);
    String f = filter("limits", "INCLUDE ItemID WHERE Items.GENRES IN ($G)");
    Map<String, String> tooMany = new HashMap<>();
    for (int i = 0; i < 26; i++) {
      tooMany.put("K" + i, "\"x\"");
    }
    tooMany.put("G", "\"Drama\"");
    for (Map<String, String> values :
        List.of(
            tooMany,
            Map.of("G", "\"Drama\"", "K".repeat(51), "\"x\""),
            Map.of("G", "\"" + "x".repeat(1001) + "\""))) {
      assertThrows(
          InvalidInputException.class,
          () ->
              engine
                  .runtime()
                  .getRecommendations(
                      GetRecommendationsRequest.builder()
                          .campaignArn(campaign)
                          .userId(SampleData.userId(2))
                          .filterArn(f)
                          .filterValues(values)
                          .build()),
          values.keySet().toString());
    }
  }

  @Test
  void promotedItemsLandInTheSamePlacesForTheSameRequest() {
    String campaign = campaign("promo", upVersion, false);
    String drama = filter("drama", "INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\")");
    GetRecommendationsRequest request =
        GetRecommendationsRequest.builder()
            .campaignArn(campaign)
            .userId(SampleData.userId(4))
            .numResults(20)
            .promotions(
                Promotion.builder().name("drama").percentPromotedItems(20).filterArn(drama).build())
            .build();
    List<PredictedItem> first = engine.runtime().getRecommendations(request).itemList();
    List<PredictedItem> second = engine.runtime().getRecommendations(request).itemList();
    assertEquals(
        first.stream().map(PredictedItem::itemId).collect(Collectors.toList()),
        second.stream().map(PredictedItem::itemId).collect(Collectors.toList()));
    List<PredictedItem> promoted =
        first.stream().filter(i -> "drama".equals(i.promotionName())).collect(Collectors.toList());
    assertEquals(4, promoted.size());
    for (PredictedItem i : promoted) {
      assertTrue(sample.genresOf(index(i.itemId())).contains("Drama"), i.itemId());
    }
    assertEquals(20, new HashSet<>(first.stream().map(PredictedItem::itemId).toList()).size());
  }
}
