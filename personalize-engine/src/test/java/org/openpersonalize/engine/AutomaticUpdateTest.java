package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeCampaignRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.Item;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.engine.internal.schedule.MovableClock;

/**
 * Automatic campaign updates (spec §9.6) with a clock the test moves: items put after training are
 * not recommended until the campaign's next automatic update takes them in; then they are explored
 * — without a FULL training and without a new solution version.
 */
class AutomaticUpdateTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
  static final List<String> FRESH = List.of("fresh-1", "fresh-2", "fresh-3");

  @TempDir Path dir;
  MovableClock clock = new MovableClock(T0);
  OpenPersonalize engine;
  Personalize p;
  String group;
  String items;

  OpenPersonalize open(Duration updateInterval) {
    OpenPersonalize.Builder b =
        OpenPersonalize.builder()
            .directory(dir.resolve("engine"))
            .clock(clock)
            .schedulerInterval(Duration.ZERO);
    if (updateInterval != null) {
      b.automaticUpdateInterval(updateInterval);
    }
    engine = b.build();
    p = engine.personalize();
    return engine;
  }

  void data() throws IOException {
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
    items = Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "it", Fixtures.ITEMS_SCHEMA));
    Fixtures.importAndWait(
        engine,
        "bulk",
        interactions,
        Fixtures.interactionsCsv(dir, "bulk.csv", 1500, 11),
        ImportMode.FULL);
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  String trained(String recipe, boolean autoTraining) {
    String s =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("s")
                    .datasetGroupArn(group)
                    .recipeArn(recipe)
                    .performAutoTraining(autoTraining)
                    .build())
            .solutionArn();
    String v =
        p.createSolutionVersion(CreateSolutionVersionRequest.builder().solutionArn(s).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(2)));
    return v;
  }

  String campaign(String version, Map<String, String> exploration, Boolean sync) {
    return p.createCampaign(
            CreateCampaignRequest.builder()
                .name("c")
                .solutionVersionArn(version)
                .campaignConfig(
                    c -> c.itemExplorationConfig(exploration).syncWithLatestSolutionVersion(sync))
                .build())
        .campaignArn();
  }

  void putFreshItems() {
    List<Item> list = new ArrayList<>();
    for (String id : FRESH) {
      list.add(
          Item.builder()
              .itemId(id)
              .properties("{\"genres\":\"Drama\",\"year\":2026,\"title\":\"" + id + "\"}")
              .build());
    }
    engine.events().putItems(PutItemsRequest.builder().datasetArn(items).items(list).build());
  }

  List<PredictedItem> recommend(String campaign, String user) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId(user)
                .numResults(25)
                .build())
        .itemList();
  }

  static List<PredictedItem> fresh(List<PredictedItem> recs) {
    List<PredictedItem> out = new ArrayList<>();
    for (PredictedItem i : recs) {
      if (FRESH.contains(i.itemId())) {
        out.add(i);
      }
    }
    return out;
  }

  int versionCount(String version) {
    String solution = version.substring(0, version.lastIndexOf('/'));
    return p.listSolutionVersions(
            ListSolutionVersionsRequest.builder().solutionArn(solution).build())
        .solutionVersions()
        .size();
  }

  @Test
  void itemsPutAfterTrainingAreExploredAfterTheNextAutomaticUpdateWithoutRetraining()
      throws IOException {
    open(null);
    data();
    String v1 = trained(UP, false);
    String campaign = campaign(v1, Map.of("explorationWeight", "1"), null);
    putFreshItems();
    assertTrue(fresh(recommend(campaign, "u3")).isEmpty(), "not taken in before the update");

    clock.advance(Duration.ofHours(2).minusMinutes(1));
    assertEquals(0, engine.runScheduledWork());
    assertTrue(fresh(recommend(campaign, "u3")).isEmpty());

    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, engine.runScheduledWork(), "Amazon's two-hour update");
    List<PredictedItem> explored = fresh(recommend(campaign, "u3"));
    assertFalse(explored.isEmpty(), recommend(campaign, "u3").toString());
    for (PredictedItem i : explored) {
      assertEquals(List.of("Exploration"), i.reason(), i.toString());
    }
    assertEquals(1, versionCount(v1), "no new solution version, no FULL training");
    assertEquals(
        v1,
        p.describeCampaign(DescribeCampaignRequest.builder().campaignArn(campaign).build())
            .campaign()
            .solutionVersionArn());
    assertEquals(0, engine.runScheduledWork(), "the next update is two hours later");
  }

  @Test
  void aCampaignWithoutExplorationTakesNewItemsInButDoesNotPushThem() throws IOException {
    open(null);
    data();
    String v1 = trained(UP, false);
    String campaign = campaign(v1, Map.of("explorationWeight", "0"), null);
    putFreshItems();
    clock.advance(Duration.ofHours(2));
    assertEquals(1, engine.runScheduledWork());
    assertTrue(fresh(recommend(campaign, "u3")).isEmpty());
  }

  @Test
  void theBuilderIntervalAppliesAndAReopenedEngineCatchesUp() throws IOException {
    open(Duration.ofMinutes(30));
    data();
    String v1 = trained(UP, false);
    String campaign = campaign(v1, Map.of("explorationWeight", "1"), null);
    putFreshItems();
    engine.close();
    clock.advance(Duration.ofMinutes(45));
    open(Duration.ofMinutes(30));
    assertTrue(fresh(recommend(campaign, "u3")).isEmpty());
    assertEquals(1, engine.runScheduledWork(), "fell due while closed");
    assertFalse(fresh(recommend(campaign, "u3")).isEmpty());
  }

  @Test
  void aRecipeWithoutUpdateTrainingIsNeverUpdated() throws IOException {
    open(null);
    data();
    String v1 = trained(POP, false);
    campaign(v1, Map.of(), null);
    clock.advance(Duration.ofDays(2));
    assertEquals(0, engine.runScheduledWork());
  }

  @Test
  void aRetrainingRecipesUpdateIsAnAutomaticUpdateVersionEveryInterval() throws IOException {
    open(null);
    data();
    String v1 = trained("arn:aws:personalize:::recipe/aws-trending-now", false);
    String solution = v1.substring(0, v1.lastIndexOf('/'));
    campaign(solution + "/$LATEST", Map.of(), true);
    assertEquals(0, engine.runScheduledWork(), "a new campaign serves the model it was given");
    clock.advance(Duration.ofHours(2));
    assertEquals(1, engine.runScheduledWork(), "Trending-Now's own interval: 2 hours");
    List<org.openpersonalize.api.model.SolutionVersionSummary> versions =
        p.listSolutionVersions(ListSolutionVersionsRequest.builder().solutionArn(solution).build())
            .solutionVersions();
    assertEquals(2, versions.size());
    assertEquals(org.openpersonalize.api.model.TrainingMode.UPDATE, versions.get(0).trainingMode());
    assertEquals(TrainingType.AUTOMATIC, versions.get(0).trainingType());
    assertEquals(
        "ACTIVE",
        engine.awaitCompletion(versions.get(0).solutionVersionArn(), Duration.ofMinutes(2)));
    assertEquals(0, engine.runScheduledWork(), "not again before the interval");
    clock.advance(Duration.ofHours(2));
    assertEquals(1, engine.runScheduledWork());
    assertEquals(3, versionCount(v1));
  }

  /**
   * Serving keeps answering, from several threads, while the scheduler trains a new version in the
   * background and the synced campaign moves to it and is then updated.
   */
  @Test
  void servingKeepsAnsweringWhileScheduledTrainingRuns() throws Exception {
    open(null);
    data();
    String v1 = trained(UP, true);
    String solution = v1.substring(0, v1.lastIndexOf('/'));
    String campaign = campaign(solution + "/$LATEST", Map.of("explorationWeight", "0.3"), true);
    putFreshItems();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger answered = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    CountDownLatch started = new CountDownLatch(4);
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      String user = "u" + t;
      Thread th =
          new Thread(
              () -> {
                started.countDown();
                while (!stop.get()) {
                  try {
                    if (recommend(campaign, user).isEmpty()) {
                      errors.add(new AssertionError("empty list for " + user));
                    }
                    answered.incrementAndGet();
                  } catch (RuntimeException | Error e) {
                    errors.add(e);
                  }
                }
              });
      th.start();
      readers.add(th);
    }
    started.await();
    clock.advance(Duration.ofDays(7));
    int ran = engine.runScheduledWork();
    assertTrue(ran >= 1, "the automatic training is due: " + ran);
    String auto = null;
    for (var v :
        p.listSolutionVersions(ListSolutionVersionsRequest.builder().solutionArn(solution).build())
            .solutionVersions()) {
      if (v.trainingType() == TrainingType.AUTOMATIC) {
        auto = v.solutionVersionArn();
      }
    }
    assertEquals("ACTIVE", engine.awaitCompletion(auto, Duration.ofMinutes(2)));
    // The synced campaign now serves the new version; its update is due at once.
    engine.runScheduledWork();
    int before = answered.get();
    while (answered.get() < before + 20 && errors.isEmpty()) {
      Thread.onSpinWait();
    }
    stop.set(true);
    for (Thread th : readers) {
      th.join();
    }
    assertTrue(errors.isEmpty(), errors.toString());
    assertTrue(answered.get() > 0);
  }
}
