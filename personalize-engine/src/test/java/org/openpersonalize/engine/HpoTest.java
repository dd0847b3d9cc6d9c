package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CategoricalHyperParameterRange;
import org.openpersonalize.api.model.ContinuousHyperParameterRange;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.HPOConfig;
import org.openpersonalize.api.model.HPOObjective;
import org.openpersonalize.api.model.HPOResourceConfig;
import org.openpersonalize.api.model.HyperParameterRanges;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.IntegerHyperParameterRange;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionVersion;
import org.openpersonalize.api.model.StopSolutionVersionCreationRequest;
import org.openpersonalize.engine.sample.SampleData;

/** performHPO through the public API: search, trials, tuned values, determinism, refusals. */
class HpoTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  @TempDir Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  final List<String> trialEvents = new CopyOnWriteArrayList<>();
  final CountDownLatch firstTrial = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    engine =
        OpenPersonalize.builder()
            .trainingProgress(
                new TrainingProgressListener() {
                  @Override
                  public void onProgress(String arn, double fraction, String message) {}

                  @Override
                  public void onHpoTrial(String arn, HpoTrial trial) {
                    trialEvents.add(arn + " " + trial.trialNumber());
                    firstTrial.countDown();
                  }
                })
            .build();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", SampleData.INTERACTIONS_SCHEMA));
    SampleData.Files files = SampleData.generate(3, 200, 200, 20).writeTo(dir);
    Fixtures.importAndWait(engine, "i", interactions, files.interactions(), ImportMode.FULL);
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  static HyperParameterRanges ranges() {
    return HyperParameterRanges.builder()
        .integerHyperParameterRanges(
            IntegerHyperParameterRange.builder()
                .name("hidden_dimension")
                .minValue(32)
                .maxValue(48)
                .build())
        .continuousHyperParameterRanges(
            ContinuousHyperParameterRange.builder()
                .name("regularization")
                .minValue(1.0)
                .maxValue(200.0)
                .build())
        .categoricalHyperParameterRanges(
            CategoricalHyperParameterRange.builder()
                .name("recency_mask")
                .values("true", "false")
                .build())
        .build();
  }

  static HPOConfig hpo(String trials, String parallel) {
    return HPOConfig.builder()
        .hpoObjective(HPOObjective.builder().type("Maximize").metricName("precision_at_25").build())
        .hpoResourceConfig(
            HPOResourceConfig.builder()
                .maxNumberOfTrainingJobs(trials)
                .maxParallelTrainingJobs(parallel)
                .build())
        .algorithmHyperParameterRanges(ranges())
        .build();
  }

  CreateSolutionRequest.Builder solution(String name, HPOConfig hpo) {
    return CreateSolutionRequest.builder()
        .name(name)
        .datasetGroupArn(group)
        .recipeArn(UP)
        .performHPO(true)
        .solutionConfig(
            SolutionConfig.builder()
                .algorithmHyperParameters(Map.of("num_iterations", "4"))
                .hpoConfig(hpo)
                .build());
  }

  String train(String solutionArn) {
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solutionArn).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(3)));
    return v;
  }

  SolutionVersion describe(String version) {
    return p.describeSolutionVersion(
            DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
        .solutionVersion();
  }

  @Test
  void searchTunesWithinTheRangesListsEveryTrialAndRepeatsForTheSameSeed() {
    String s = p.createSolution(solution("tuned", hpo("6", "2")).build()).solutionArn();
    assertEquals(
        hpo("6", "2"),
        p.describeSolution(DescribeSolutionRequest.builder().solutionArn(s).build())
            .solution()
            .solutionConfig()
            .hpoConfig());
    String v = train(s);
    SolutionVersion sv = describe(v);
    assertTrue(sv.performHPO());
    Map<String, String> tuned = sv.tunedHPOParams().algorithmHyperParameters();
    int dim = Integer.parseInt(tuned.get("hidden_dimension"));
    double reg = Double.parseDouble(tuned.get("regularization"));
    assertTrue(dim >= 32 && dim <= 48, tuned.toString());
    assertTrue(reg >= 1.0 && reg <= 200.0, tuned.toString());
    assertTrue(List.of("true", "false").contains(tuned.get("recency_mask")), tuned.toString());
    assertEquals("4", tuned.get("num_iterations"), "a fixed value stays fixed");

    List<HpoTrial> trials = engine.listHpoTrials(v);
    assertEquals(6, trials.size());
    HpoTrial best = null;
    for (int k = 0; k < trials.size(); k++) {
      HpoTrial t = trials.get(k);
      assertEquals(k + 1, t.trialNumber());
      assertEquals(HpoTrial.COMPLETED, t.status(), t.toString());
      assertEquals("precision_at_25", t.objectiveMetricName());
      assertEquals(t.validationMetrics().get("precision_at_25"), t.objectiveValue());
      assertEquals(3, t.algorithmHyperParameters().size());
      if (best == null || t.objectiveValue() > best.objectiveValue()) {
        best = t;
      }
    }
    for (Map.Entry<String, String> e : best.algorithmHyperParameters().entrySet()) {
      assertEquals(e.getValue(), tuned.get(e.getKey()), "tunedHPOParams is the best trial's");
    }
    assertEquals(6, trialEvents.stream().filter(e -> e.startsWith(v + " ")).count());
    assertFalse(
        p.getSolutionMetrics(GetSolutionMetricsRequest.builder().solutionVersionArn(v).build())
            .metrics()
            .isEmpty());

    // Same solution, same seed, same data: the same search and the same result.
    String again = train(s);
    assertEquals(tuned, describe(again).tunedHPOParams().algorithmHyperParameters());
    List<HpoTrial> second = engine.listHpoTrials(again);
    for (int k = 0; k < trials.size(); k++) {
      assertEquals(
          trials.get(k).algorithmHyperParameters(), second.get(k).algorithmHyperParameters());
      assertEquals(trials.get(k).objectiveValue(), second.get(k).objectiveValue());
    }
  }

  @Test
  void defaultsAreTheFirstTrialWhenTheyLieInTheRanges() {
    HPOConfig config =
        HPOConfig.builder()
            .hpoResourceConfig(HPOResourceConfig.builder().maxNumberOfTrainingJobs("2").build())
            .algorithmHyperParameterRanges(
                HyperParameterRanges.builder()
                    .continuousHyperParameterRanges(
                        ContinuousHyperParameterRange.builder()
                            .name("regularization")
                            .minValue(10.0)
                            .maxValue(80.0)
                            .build())
                    .build())
            .build();
    String v = train(p.createSolution(solution("defaults", config).build()).solutionArn());
    List<HpoTrial> trials = engine.listHpoTrials(v);
    assertEquals(2, trials.size());
    assertEquals(Map.of("regularization", "40.0"), trials.get(0).algorithmHyperParameters());
    assertEquals(
        "normalized_discounted_cumulative_gain_at_10", trials.get(0).objectiveMetricName());
  }

  @Test
  void stopEndsTheSearch() throws Exception {
    String s = p.createSolution(solution("stopped", hpo("40", "1")).build()).solutionArn();
    String v =
        p.createSolutionVersion(CreateSolutionVersionRequest.builder().solutionArn(s).build())
            .solutionVersionArn();
    assertTrue(firstTrial.await(2, TimeUnit.MINUTES));
    p.stopSolutionVersionCreation(
        StopSolutionVersionCreationRequest.builder().solutionVersionArn(v).build());
    assertEquals("CREATE STOPPED", engine.awaitCompletion(v, Duration.ofMinutes(2)));
    assertTrue(engine.listHpoTrials(v).size() < 40);
  }

  @Test
  void trialsOfAnUnknownVersionAreNotFound() {
    assertThrows(
        ResourceNotFoundException.class,
        () ->
            engine.listHpoTrials("arn:aws:personalize:local:000000000000:solution-version/none/1"));
  }

  private void assertRefused(String field, CreateSolutionRequest request) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> p.createSolution(request));
    assertTrue(e.getMessage().startsWith(field), e.getMessage());
  }

  private CreateSolutionRequest with(UnaryOperator<HPOConfig.Builder> change) {
    return solution("bad", change.apply(hpo("6", "2").toBuilder()).build()).build();
  }

  private static HyperParameterRanges integer(String name, int min, int max) {
    return HyperParameterRanges.builder()
        .integerHyperParameterRanges(
            IntegerHyperParameterRange.builder().name(name).minValue(min).maxValue(max).build())
        .build();
  }

  @Test
  void badConfigsAreRefusedNamingTheField() {
    String h = "solutionConfig.hpoConfig.";
    String r = h + "algorithmHyperParameterRanges.";
    assertRefused(
        h + "hpoObjective.metricRegex",
        with(b -> b.hpoObjective(o -> o.metricRegex("ndcg=([0-9.]+)"))));
    assertRefused(h + "hpoObjective.type", with(b -> b.hpoObjective(o -> o.type("maximise"))));
    assertRefused(
        h + "hpoObjective.metricName", with(b -> b.hpoObjective(o -> o.metricName("auc"))));
    assertRefused(
        h + "hpoResourceConfig.maxNumberOfTrainingJobs",
        with(b -> b.hpoResourceConfig(c -> c.maxNumberOfTrainingJobs("41"))));
    assertRefused(
        h + "hpoResourceConfig.maxNumberOfTrainingJobs",
        with(b -> b.hpoResourceConfig(c -> c.maxNumberOfTrainingJobs("ten"))));
    assertRefused(
        h + "hpoResourceConfig.maxParallelTrainingJobs",
        with(b -> b.hpoResourceConfig(c -> c.maxParallelTrainingJobs("11"))));
    assertRefused(
        h + "hpoResourceConfig.maxParallelTrainingJobs",
        with(
            b ->
                b.hpoResourceConfig(
                    c -> c.maxNumberOfTrainingJobs("2").maxParallelTrainingJobs("3"))));
    assertRefused(
        r + "integerHyperParameterRanges[0].name",
        with(b -> b.algorithmHyperParameterRanges(integer("cg_steps", 1, 5))));
    assertRefused(
        r + "integerHyperParameterRanges[0].name",
        with(b -> b.algorithmHyperParameterRanges(integer("no_such_parameter", 1, 5))));
    assertRefused(
        r + "integerHyperParameterRanges[0].name",
        with(b -> b.algorithmHyperParameterRanges(integer("regularization", 1, 5))));
    assertRefused(
        r + "integerHyperParameterRanges[0].name",
        with(b -> b.algorithmHyperParameterRanges(integer("num_iterations", 1, 5))));
    assertRefused(
        r + "integerHyperParameterRanges[0].minValue",
        with(b -> b.algorithmHyperParameterRanges(integer("hidden_dimension", 16, 64))));
    assertRefused(
        r + "integerHyperParameterRanges[0].maxValue",
        with(b -> b.algorithmHyperParameterRanges(integer("hidden_dimension", 64, 300))));
    assertRefused(
        r + "integerHyperParameterRanges[0].minValue",
        with(b -> b.algorithmHyperParameterRanges(integer("hidden_dimension", 128, 64))));
    assertRefused(
        r + "categoricalHyperParameterRanges[0].values[1]",
        with(
            b ->
                b.algorithmHyperParameterRanges(
                    g ->
                        g.categoricalHyperParameterRanges(
                            CategoricalHyperParameterRange.builder()
                                .name("recency_mask")
                                .values("true", "maybe")
                                .build()))));
    assertRefused(
        "solutionConfig.hpoConfig must be omitted",
        CreateSolutionRequest.builder()
            .name("off")
            .datasetGroupArn(group)
            .recipeArn(UP)
            .solutionConfig(SolutionConfig.builder().hpoConfig(hpo("6", "2")).build())
            .build());
    assertRefused(
        "performHPO must be false",
        CreateSolutionRequest.builder()
            .name("pop")
            .datasetGroupArn(group)
            .recipeArn(POP)
            .performHPO(true)
            .build());
    assertNotNull(p.createSolution(solution("good", hpo("6", "2")).build()).solutionArn());
  }
}
