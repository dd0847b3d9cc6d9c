package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.Solution;
import org.openpersonalize.api.model.SolutionVersionSummary;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.api.model.UpdateSolutionRequest;
import org.openpersonalize.engine.internal.Engine;
import org.openpersonalize.engine.internal.schedule.MovableClock;

/**
 * Automatic training (spec §1.10) driven by a clock the test moves: the engine runs no scheduler
 * thread ({@code schedulerInterval(ZERO)}) and the test runs due work with {@code
 * runScheduledWork()}, so days of schedule pass in milliseconds and nothing races a timer.
 * Popularity-Count trains in milliseconds and tells versions apart: data that makes one item the
 * most popular changes the next version's first recommendation.
 */
class AutomaticTrainingTest {
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  static final String HOT = "hot-item";
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  @TempDir Path dir;
  MovableClock clock;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String dataset;
  int imports;

  /** Stops a training at its first progress report until the test lets it go. */
  volatile CountDownLatch gate;

  volatile CountDownLatch gated;

  @BeforeEach
  void setUp() throws IOException {
    clock = new MovableClock(T0);
    engine = open();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    dataset =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
    Fixtures.importAndWait(
        engine,
        "bulk",
        dataset,
        Fixtures.interactionsCsv(dir, "bulk.csv", 1500, 7),
        ImportMode.FULL);
  }

  OpenPersonalize open() {
    return OpenPersonalize.builder()
        .directory(dir.resolve("engine"))
        .clock(clock)
        .schedulerInterval(Duration.ZERO)
        .trainingProgress(
            (version, fraction, message) -> {
              CountDownLatch g = gate;
              if (g != null && fraction < 1) {
                gated.countDown();
                try {
                  g.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            })
        .build();
  }

  @AfterEach
  void tearDown() {
    if (gate != null) {
      gate.countDown();
    }
    engine.close();
  }

  String solution(String name, String schedule) {
    return p.createSolution(
            CreateSolutionRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .recipeArn(POP)
                .solutionConfig(
                    c -> {
                      if (schedule != null) {
                        c.autoTrainingConfig(a -> a.schedulingExpression(schedule));
                      }
                    })
                .build())
        .solutionArn();
  }

  String train(String solution) {
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(2)));
    return v;
  }

  List<SolutionVersionSummary> versions(String solution) {
    return p.listSolutionVersions(
            ListSolutionVersionsRequest.builder().solutionArn(solution).build())
        .solutionVersions();
  }

  List<SolutionVersionSummary> automatic(String solution) {
    List<SolutionVersionSummary> out = new ArrayList<>();
    for (SolutionVersionSummary v : versions(solution)) {
      if (v.trainingType() == TrainingType.AUTOMATIC) {
        out.add(v);
      }
    }
    return out;
  }

  Solution describe(String solution) {
    return p.describeSolution(DescribeSolutionRequest.builder().solutionArn(solution).build())
        .solution();
  }

  /**
   * New interactions: 1,000 of one item by 200 users (an import needs 1,000), newer than the bulk.
   */
  void importHotItem(String... extraEventTypes) throws IOException {
    StringBuilder sb = new StringBuilder(Fixtures.INTERACTIONS_HEADER).append('\n');
    for (int i = 0; i < 1000; i++) {
      sb.append("h").append(i % 200).append(',').append(HOT).append(',');
      sb.append(1_700_000_000L + i + 10_000L * imports).append(",watch,1.0\n");
    }
    for (int k = 0; k < extraEventTypes.length; k++) {
      sb.append("x").append(k).append(",i1,").append(1_700_500_000L + k).append(',');
      sb.append(extraEventTypes[k]).append(",1.0\n");
    }
    Path csv = dir.resolve("new-" + imports + ".csv");
    Files.writeString(csv, sb, StandardCharsets.UTF_8);
    DatasetImportJob job =
        Fixtures.importAndWait(engine, "new-" + imports++, dataset, csv, ImportMode.INCREMENTAL);
    assertEquals("ACTIVE", job.status(), job.toString());
  }

  String top(String campaign) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId("someone-new")
                .numResults(3)
                .build())
        .itemList()
        .get(0)
        .itemId();
  }

  String syncedCampaign(String solution) {
    return p.createCampaign(
            CreateCampaignRequest.builder()
                .name("synced")
                .solutionVersionArn(solution + "/$LATEST")
                .campaignConfig(c -> c.syncWithLatestSolutionVersion(true))
                .build())
        .campaignArn();
  }

  String awaitOnlyNewAutomatic(String solution, int before) {
    List<SolutionVersionSummary> auto = automatic(solution);
    assertEquals(before + 1, auto.size(), auto.toString());
    String arn = auto.get(0).solutionVersionArn();
    engine.awaitCompletion(arn, Duration.ofMinutes(2));
    return arn;
  }

  @Test
  void firstTrainingAnHourAfterCreationThenEveryNDaysWhenNewDataArrived() throws IOException {
    String s = solution("every-two-days", "rate(2 days)");
    clock.advance(Duration.ofMinutes(59));
    assertEquals(0, engine.runScheduledWork());
    assertTrue(versions(s).isEmpty());

    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, engine.runScheduledWork());
    SolutionVersionSummary first = automatic(s).get(0);
    assertEquals(TrainingMode.AUTOTRAIN, first.trainingMode());
    assertEquals(
        "ACTIVE", engine.awaitCompletion(first.solutionVersionArn(), Duration.ofMinutes(2)));
    assertEquals(0, engine.runScheduledWork(), "nothing is due until two days after its start");

    Solution described = describe(s);
    assertTrue(described.performAutoTraining());
    assertEquals(
        "rate(2 days)", described.solutionConfig().autoTrainingConfig().schedulingExpression());
    assertEquals(
        first.solutionVersionArn(), described.latestSolutionVersion().solutionVersionArn());
    assertEquals(TrainingType.AUTOMATIC, described.latestSolutionVersion().trainingType());

    importHotItem();
    clock.advance(Duration.ofDays(2).minusMinutes(1));
    assertEquals(0, engine.runScheduledWork());
    clock.advance(Duration.ofMinutes(1));
    assertEquals(1, engine.runScheduledWork());
    String second = awaitOnlyNewAutomatic(s, 1);
    assertEquals("ACTIVE", engine.awaitCompletion(second, Duration.ofMinutes(2)));

    // Two days later without new interactions: the run is skipped, and the next one is due two
    // days after the skipped one — not at the next pass, even once data has arrived.
    clock.advance(Duration.ofDays(2));
    assertEquals(1, engine.runScheduledWork());
    assertEquals(2, automatic(s).size());
    importHotItem();
    clock.advance(Duration.ofDays(1));
    assertEquals(0, engine.runScheduledWork());
    assertEquals(2, automatic(s).size());
    clock.advance(Duration.ofDays(1));
    assertEquals(1, engine.runScheduledWork());
    awaitOnlyNewAutomatic(s, 2);
  }

  @Test
  void aSolutionCreatedWithAutomaticTrainingOffNeverTrainsItself() {
    String s =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("manual")
                    .datasetGroupArn(group)
                    .recipeArn(POP)
                    .performAutoTraining(false)
                    .build())
            .solutionArn();
    clock.advance(Duration.ofDays(60));
    assertEquals(0, engine.runScheduledWork());
    assertTrue(versions(s).isEmpty());
    Solution described = describe(s);
    assertEquals(false, described.performAutoTraining());
    assertNull(described.solutionConfig().autoTrainingConfig());
  }

  @Test
  void aManualVersionWithinTheFirstHourTakesTheFirstAutomaticTrainingsPlace() {
    String s = solution("weekly", null);
    assertEquals(
        "rate(7 days)", describe(s).solutionConfig().autoTrainingConfig().schedulingExpression());
    clock.advance(Duration.ofMinutes(30));
    train(s);
    clock.advance(Duration.ofHours(2));
    assertEquals(0, engine.runScheduledWork());
    assertTrue(automatic(s).isEmpty());
  }

  @Test
  void aRestartedEngineCatchesUpOnceOnTrainingThatFellDueWhileItWasClosed() throws Exception {
    String s = solution("daily", "rate(1 day)");
    clock.advance(Duration.ofMinutes(10));
    train(s); // takes the first automatic training's place
    importHotItem();
    engine.close();

    clock.advance(Duration.ofDays(5));
    engine = open();
    p = engine.personalize();
    assertEquals(1, engine.runScheduledWork(), "one catch-up training, not one per missed day");
    awaitOnlyNewAutomatic(s, 0);
    assertEquals(0, engine.runScheduledWork());

    // The same with the engine's own scheduler thread: its first pass runs at open.
    importHotItem();
    engine.close();
    clock.advance(Duration.ofDays(3));
    engine =
        OpenPersonalize.builder()
            .directory(dir.resolve("engine"))
            .clock(clock)
            .schedulerInterval(Duration.ofMillis(5))
            .build();
    p = engine.personalize();
    // The thread's first pass is the catch-up; wait for that event, not for a count by polling.
    assertTrue(
        Engine.of(engine).scheduler().awaitFirstBackgroundPass(Duration.ofMinutes(2)),
        "the scheduler thread finished its first pass");
    assertEquals(
        2,
        automatic(s).size(),
        () -> "scheduler failures: " + Engine.of(engine).scheduler().failures());
    awaitOnlyNewAutomatic(s, 1);
  }

  @Test
  void neverTwoTrainingsOfOneSolutionAtOnce() throws Exception {
    String s = solution("busy", "rate(1 day)");
    gate = new CountDownLatch(1);
    gated = new CountDownLatch(1);
    String manual =
        p.createSolutionVersion(CreateSolutionVersionRequest.builder().solutionArn(s).build())
            .solutionVersionArn();
    assertTrue(gated.await(2, TimeUnit.MINUTES), "the manual training is running");
    clock.advance(Duration.ofMinutes(1));
    // A new frequency restarts the schedule: an automatic training falls due within the hour.
    p.updateSolution(
        UpdateSolutionRequest.builder()
            .solutionArn(s)
            .solutionUpdateConfig(
                c -> c.autoTrainingConfig(a -> a.schedulingExpression("rate(2 days)")))
            .build());
    clock.advance(Duration.ofHours(2));
    // Many passes at once, from several threads: none starts a second training.
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 25; i++) {
                  engine.runScheduledWork();
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    assertTrue(automatic(s).isEmpty());
    gate.countDown();
    gate = null;
    assertEquals("ACTIVE", engine.awaitCompletion(manual, Duration.ofMinutes(2)));
    // The manual training started before the new schedule, so the automatic one is still due.
    assertEquals(1, engine.runScheduledWork());
    awaitOnlyNewAutomatic(s, 0);
  }

  @Test
  void aFailedAutomaticTrainingLeavesTheSyncedCampaignOnItsVersionAndIsRetried()
      throws IOException {
    String s = solution("synced", "rate(1 day)");
    clock.advance(Duration.ofMinutes(5));
    String v1 = train(s);
    String campaign = syncedCampaign(s);
    String before = top(campaign);
    assertNotEquals(HOT, before);
    importHotItem();

    // The disk refuses the new model: the models directory has become a file.
    Path models = dir.resolve("engine").resolve("models");
    Path moved = dir.resolve("models-moved");
    Files.move(models, moved);
    Files.writeString(models, "not a directory");
    clock.advance(Duration.ofDays(1));
    assertEquals(1, engine.runScheduledWork());
    String failed = awaitOnlyNewAutomatic(s, 0);
    assertEquals("CREATE FAILED", engine.awaitCompletion(failed, Duration.ofMinutes(2)));
    Files.delete(models);
    Files.move(moved, models);

    assertEquals(before, top(campaign), "still served by " + v1);
    assertEquals(v1, activeLatest(s));

    // The next run is not skipped for want of new data: the last training failed.
    clock.advance(Duration.ofDays(1));
    assertEquals(1, engine.runScheduledWork());
    String retried = awaitOnlyNewAutomatic(s, 1);
    assertEquals("ACTIVE", engine.awaitCompletion(retried, Duration.ofMinutes(2)));
    assertEquals(HOT, top(campaign));
  }

  @Test
  void syncedCampaignServesTheAutomaticVersionOnceItIsActive() throws IOException {
    String s = solution("follows", "rate(1 day)");
    clock.advance(Duration.ofMinutes(5));
    train(s);
    String campaign = syncedCampaign(s);
    assertNotEquals(HOT, top(campaign));
    importHotItem();
    clock.advance(Duration.ofDays(1));
    assertEquals(1, engine.runScheduledWork());
    String auto = awaitOnlyNewAutomatic(s, 0);
    assertEquals("ACTIVE", engine.awaitCompletion(auto, Duration.ofMinutes(2)));
    assertEquals(HOT, top(campaign));
  }

  /** The newest ACTIVE version of a solution. */
  String activeLatest(String solution) {
    for (SolutionVersionSummary v : versions(solution)) {
      if (v.status().equals("ACTIVE")) {
        return v.solutionVersionArn();
      }
    }
    return null;
  }
}
