package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DeleteSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.StopSolutionVersionCreationRequest;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.engine.sample.SampleData;

class SolutionVersionLifecycleTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  @TempDir Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    // One job thread: a second version waits in CREATE PENDING while the first trains.
    engine =
        OpenPersonalize.builder()
            .threads(1)
            .trainingProgress((arn, fraction, message) -> progress.add(fraction + " " + message))
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

  private String solution(String name) {
    return p.createSolution(
            CreateSolutionRequest.builder().name(name).datasetGroupArn(group).recipeArn(UP).build())
        .solutionArn();
  }

  private String version(String solution, TrainingMode mode) {
    return p.createSolutionVersion(
            CreateSolutionVersionRequest.builder().solutionArn(solution).trainingMode(mode).build())
        .solutionVersionArn();
  }

  private String status(String version) {
    return p.describeSolutionVersion(
            DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
        .solutionVersion()
        .status();
  }

  @Test
  void trainingReportsProgressUpToOne() {
    String v = version(solution("s"), null);
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(2)));
    assertTrue(progress.size() >= 3, progress.toString());
    assertTrue(progress.get(progress.size() - 1).startsWith("1.0 "), progress.toString());
  }

  @Test
  void aPendingVersionStopsAtOnce() {
    String s = solution("s");
    String first = version(s, null);
    String second = version(s, null);
    p.stopSolutionVersionCreation(
        StopSolutionVersionCreationRequest.builder().solutionVersionArn(second).build());
    assertEquals("CREATE STOPPED", status(second));
    assertEquals("ACTIVE", engine.awaitCompletion(first, Duration.ofMinutes(2)));
    assertEquals("CREATE STOPPED", engine.awaitCompletion(second, Duration.ofMinutes(2)));
    assertThrows(
        ResourceInUseException.class,
        () ->
            p.stopSolutionVersionCreation(
                StopSolutionVersionCreationRequest.builder().solutionVersionArn(first).build()));
  }

  @Test
  void updateModeReusesTheFullModelWithoutMetrics() {
    String s = solution("s");
    assertThrows(InvalidInputException.class, () -> version(s, TrainingMode.UPDATE));
    String full = version(s, null);
    assertEquals("ACTIVE", engine.awaitCompletion(full, Duration.ofMinutes(2)));
    String update = version(s, TrainingMode.UPDATE);
    assertEquals("ACTIVE", engine.awaitCompletion(update, Duration.ofMinutes(2)));
    assertTrue(
        p.getSolutionMetrics(GetSolutionMetricsRequest.builder().solutionVersionArn(update).build())
            .metrics()
            .isEmpty());
    assertEquals(
        update,
        p.describeSolution(DescribeSolutionRequest.builder().solutionArn(s).build())
            .solution()
            .latestSolutionVersion()
            .solutionVersionArn());
    // $LATEST deploys the newest ACTIVE version; the solution cannot go while a campaign uses it.
    p.createCampaign(
        CreateCampaignRequest.builder().name("c").solutionVersionArn(s + "/$LATEST").build());
    assertThrows(
        ResourceInUseException.class,
        () -> p.deleteSolution(DeleteSolutionRequest.builder().solutionArn(s).build()));
  }

  @Test
  void badHyperparametersAreRejectedWhenTheSolutionIsCreated() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createSolution(
                    CreateSolutionRequest.builder()
                        .name("bad")
                        .datasetGroupArn(group)
                        .recipeArn(UP)
                        .solutionConfig(
                            SolutionConfig.builder()
                                .algorithmHyperParameters(java.util.Map.of("hidden_dimension", "7"))
                                .build())
                        .build()));
    assertTrue(e.getMessage().contains("hidden_dimension"), e.getMessage());
    InvalidInputException recipe =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createSolution(
                    CreateSolutionRequest.builder()
                        .name("bad")
                        .datasetGroupArn(group)
                        .recipeArn("arn:aws:personalize:::recipe/aws-no-such-recipe")
                        .build()));
    assertTrue(recipe.getMessage().contains("aws-user-personalization"), recipe.getMessage());
  }
}
