package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionVersionSummary;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.engine.internal.schedule.MovableClock;

/**
 * How often searches run under automatic training (spec §9.4): the v2 recipes tune themselves every
 * 90 days without {@code performHPO}, and a {@code performHPO} solution's automatic versions reuse
 * the last search's values until it is 90 days old, while each version created by hand searches.
 */
class ScheduledTuningTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String UP_V2 = "arn:aws:personalize:::recipe/aws-user-personalization-v2";
  static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

  /** A tiny v2 network: only {@code dropout_rate} is left for the automatic search. */
  static final Map<String, String> TINY_V2 =
      Map.of(
          "hidden_dimension", "8",
          "num_epochs", "2",
          "batch_size", "32",
          "max_history_length", "10",
          "num_blocks", "1",
          "num_negatives", "16",
          "negative_popularity_share", "0.5",
          "learning_rate", "0.005");

  @TempDir Path dir;
  MovableClock clock = new MovableClock(T0);
  OpenPersonalize engine;
  Personalize p;
  String group;
  String dataset;
  int imports;

  @BeforeEach
  void setUp() throws IOException {
    engine =
        OpenPersonalize.builder()
            .directory(dir.resolve("engine"))
            .clock(clock)
            .schedulerInterval(Duration.ZERO)
            .build();
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

  @AfterEach
  void tearDown() {
    engine.close();
  }

  /** New interactions, so that the next automatic training is not skipped for want of data. */
  void moreData() throws IOException {
    int k = imports++;
    Path csv = Fixtures.interactionsCsv(dir, "more-" + k + ".csv", 1000, 100 + k);
    DatasetImportJob job =
        Fixtures.importAndWait(engine, "more-" + k, dataset, csv, ImportMode.INCREMENTAL);
    assertEquals("ACTIVE", job.status(), job.failureReason());
  }

  String train(String solution) {
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(3)), failure(v));
    return v;
  }

  String failure(String version) {
    return p.describeSolutionVersion(
            DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
        .solutionVersion()
        .failureReason();
  }

  Map<String, String> tuned(String version) {
    return p.describeSolutionVersion(
            DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
        .solutionVersion()
        .tunedHPOParams()
        .algorithmHyperParameters();
  }

  /** Runs the due work after {@code days} and returns the automatic version it trained. */
  String automaticAfter(String solution, int days) {
    clock.advance(Duration.ofDays(days));
    assertTrue(engine.runScheduledWork() >= 1, "an automatic training is due");
    String newest = null;
    Instant at = null;
    for (SolutionVersionSummary v :
        p.listSolutionVersions(ListSolutionVersionsRequest.builder().solutionArn(solution).build())
            .solutionVersions()) {
      if (v.trainingType() == TrainingType.AUTOMATIC
          && (at == null || v.creationDateTime().isAfter(at))) {
        newest = v.solutionVersionArn();
        at = v.creationDateTime();
      }
    }
    assertNotNull(newest);
    assertEquals("ACTIVE", engine.awaitCompletion(newest, Duration.ofMinutes(3)), failure(newest));
    return newest;
  }

  @Test
  void v2RecipesTuneThemselvesEveryNinetyDaysUnderAutomaticTraining() throws IOException {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("v2")
                    .datasetGroupArn(group)
                    .recipeArn(UP_V2)
                    .solutionConfig(
                        SolutionConfig.builder().algorithmHyperParameters(TINY_V2).build())
                    .build())
            .solutionArn();
    String first = train(solution);
    assertEquals(6, engine.listHpoTrials(first).size(), "the first training searches");
    for (HpoTrial t : engine.listHpoTrials(first)) {
      assertEquals(
          Map.of("dropout_rate", t.algorithmHyperParameters().get("dropout_rate")),
          t.algorithmHyperParameters(),
          "only what the solution leaves open is searched");
    }
    String dropout = tuned(first).get("dropout_rate");

    moreData();
    String weekly = automaticAfter(solution, 7);
    assertTrue(engine.listHpoTrials(weekly).isEmpty(), "a week later: no search");
    assertEquals(dropout, tuned(weekly).get("dropout_rate"), "the searched value is reused");

    moreData();
    String later = automaticAfter(solution, 91);
    assertEquals(6, engine.listHpoTrials(later).size(), "90 days after the search: again");
  }

  @Test
  void v2RecipesDoNotTuneWithoutAutomaticTraining() {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("v2-manual")
                    .datasetGroupArn(group)
                    .recipeArn(UP_V2)
                    .performAutoTraining(false)
                    .solutionConfig(
                        SolutionConfig.builder().algorithmHyperParameters(TINY_V2).build())
                    .build())
            .solutionArn();
    String v = train(solution);
    assertTrue(engine.listHpoTrials(v).isEmpty());
    assertEquals("0.2", tuned(v).get("dropout_rate"), "the recipe's default");
  }

  @Test
  void automaticVersionsOfAnHpoSolutionReuseTheLastSearchUntilItIsNinetyDaysOld()
      throws IOException {
    Map<String, String> fixed = new HashMap<>();
    fixed.put("num_iterations", "4");
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("hpo")
                    .datasetGroupArn(group)
                    .recipeArn(UP)
                    .performHPO(true)
                    .solutionConfig(
                        SolutionConfig.builder()
                            .algorithmHyperParameters(fixed)
                            .hpoConfig(HpoTest.hpo("3", "1"))
                            .build())
                    .build())
            .solutionArn();
    String first = train(solution);
    assertEquals(3, engine.listHpoTrials(first).size());
    Map<String, String> searched = tuned(first);

    moreData();
    String weekly = automaticAfter(solution, 7);
    assertTrue(engine.listHpoTrials(weekly).isEmpty(), "the schedule does not search weekly");
    for (String name : new String[] {"hidden_dimension", "regularization", "recency_mask"}) {
      assertEquals(searched.get(name), tuned(weekly).get(name), name);
    }

    String manual = train(solution);
    assertEquals(3, engine.listHpoTrials(manual).size(), "a version made by hand searches");

    moreData();
    String later = automaticAfter(solution, 91);
    assertEquals(3, engine.listHpoTrials(later).size(), "the last search is 90 days old");
  }
}
