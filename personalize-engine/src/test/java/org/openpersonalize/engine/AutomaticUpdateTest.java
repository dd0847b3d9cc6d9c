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
import org.openpersonalize.api.model.LimitExceededException;
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
  String interactions;

  OpenPersonalize open(Duration updateInterval) {
    return open(
        updateInterval,
        OpenPersonalize.builder()
            .directory(dir.resolve("engine"))
            .clock(clock)
            .schedulerInterval(Duration.ZERO));
  }

  OpenPersonalize open(Duration updateInterval, OpenPersonalize.Builder b) {
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
    interactions =
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

  /** The positions of the fresh items in a list, -1 where absent. */
  static int[] positions(List<PredictedItem> recs) {
    int[] at = new int[FRESH.size()];
    java.util.Arrays.fill(at, -1);
    for (int k = 0; k < recs.size(); k++) {
      int f = FRESH.indexOf(recs.get(k).itemId());
      if (f >= 0) {
        at[f] = k;
      }
    }
    return at;
  }

  @Test
  void eachAutomaticUpdateRefreshesTheExplorationBonusFromTheInteractionsSoFar()
      throws IOException {
    open(null);
    data();
    String v1 = trained(UP, false);
    String campaign = campaign(v1, Map.of("explorationWeight", "1"), null);
    putFreshItems();
    clock.advance(Duration.ofHours(2));
    assertEquals(1, engine.runScheduledWork());
    int[] before = positions(recommend(campaign, "u3"));
    // Three new items without users share the largest bonus; ties keep catalogue order.
    assertTrue(before[0] >= 0 && before[0] < before[1] && before[1] < before[2], "" + before[0]);

    // 60 users interact with fresh-1 after the update: its bonus must shrink, but only at the
    // next update (Amazon refreshes the exploration statistics at its two-hourly update).
    StringBuilder csv = new StringBuilder(Fixtures.INTERACTIONS_HEADER).append('\n');
    for (int u = 0; u < 60; u++) {
      csv.append("u").append(u).append(",fresh-1,").append(1_700_100_000L + u);
      csv.append(",watch,1.0\n");
    }
    // An import needs 1,000 records: the rest are other users' events on trained items.
    for (int k = 60; k < 1000; k++) {
      csv.append("x").append(k).append(",i").append(k % 150).append(',');
      csv.append(1_700_100_000L + k).append(",watch,1.0\n");
    }
    Path file = dir.resolve("fresh1.csv");
    java.nio.file.Files.writeString(file, csv);
    var job = Fixtures.importAndWait(engine, "fresh1", interactions, file, ImportMode.INCREMENTAL);
    assertEquals("ACTIVE", job.status(), job.failureReason());
    int[] stale = positions(recommend(campaign, "u3"));
    assertTrue(stale[0] >= 0 && stale[0] < stale[1], "the bonus waits for the next update");

    clock.advance(Duration.ofHours(2));
    assertEquals(1, engine.runScheduledWork());
    List<PredictedItem> after = recommend(campaign, "u3");
    int[] now = positions(after);
    assertTrue(now[1] >= 0 && now[2] >= 0, "items without users stay explored: " + after);
    assertTrue(
        now[0] < 0 || now[0] > now[2],
        "fresh-1, now with 60 users, is explored less than fresh-2 and fresh-3: " + after);
    assertEquals(1, versionCount(v1), "no retraining");
  }

  /**
   * A retraining recipe's automatic update creates an UPDATE version, which counts against the
   * quota of 20 versions pending or training (spec §1.11, §10): at the quota it waits.
   */
  @Test
  void anAutomaticUpdateVersionWaitsAtTheQuotaOfVersionsInTraining() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean hold = new AtomicBoolean();
    TrainingProgressListener blocker =
        new TrainingProgressListener() {
          @Override
          public void onProgress(String arn, double fraction, String message) {
            if (hold.get()) {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    open(
        null,
        OpenPersonalize.builder()
            .directory(dir.resolve("engine"))
            .clock(clock)
            .schedulerInterval(Duration.ZERO)
            .threads(1)
            .trainingProgress(blocker));
    try {
      data();
      String v1 = trained("arn:aws:personalize:::recipe/aws-trending-now", false);
      String solution = v1.substring(0, v1.lastIndexOf('/'));
      campaign(solution + "/$LATEST", Map.of(), true);
      String other =
          p.createSolution(
                  CreateSolutionRequest.builder()
                      .name("other")
                      .datasetGroupArn(group)
                      .recipeArn(POP)
                      .performAutoTraining(false)
                      .build())
              .solutionArn();
      // The one job thread stops in the first training's progress report; the others wait behind
      // it. Create versions until the quota of 20 pending or in progress refuses one.
      hold.set(true);
      int created = 0;
      try {
        while (created < 25) {
          p.createSolutionVersion(
              CreateSolutionVersionRequest.builder().solutionArn(other).build());
          created++;
        }
      } catch (LimitExceededException e) {
        // the quota is full
      }
      assertTrue(created >= 20 && created <= 21, "created " + created);
      clock.advance(Duration.ofHours(2));
      engine.runScheduledWork();
      assertEquals(1, versionCount(v1), "no UPDATE version beyond the quota");
      hold.set(false);
      release.countDown();
      for (var v :
          p.listSolutionVersions(ListSolutionVersionsRequest.builder().solutionArn(other).build())
              .solutionVersions()) {
        engine.awaitCompletion(v.solutionVersionArn(), Duration.ofMinutes(2));
      }
      assertEquals(1, engine.runScheduledWork(), "still due once the quota has room");
      assertEquals(2, versionCount(v1));
    } finally {
      hold.set(false);
      release.countDown();
    }
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
