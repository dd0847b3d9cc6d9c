package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.SolutionVersion;
import org.openpersonalize.engine.sample.SampleData;

/**
 * {@link OpenPersonalize#importSolutionVersion}: a model file trained elsewhere becomes an ACTIVE
 * version that serves like a trained one, and a damaged, foreign or inconsistent file is refused
 * with a message naming what is wrong, before anything is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelImportTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";

  @TempDir static Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  Path upModel;
  Path popModel;

  @BeforeAll
  void setUp() throws IOException {
    SampleData sample = SampleData.generate(3, 200, 150, 25);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    engine = OpenPersonalize.open(dir.resolve("store"));
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", SampleData.INTERACTIONS_SCHEMA));
    assertEquals(
        "ACTIVE",
        Fixtures.importAndWait(engine, "i", interactions, files.interactions(), ImportMode.FULL)
            .status());
    upModel = trainedFile("trained-up", UP);
    popModel = trainedFile("trained-pop", POP);
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  private String solution(String name, String recipe) {
    return p.createSolution(
            CreateSolutionRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .recipeArn(recipe)
                .build())
        .solutionArn();
  }

  /** Trains a version in process and copies its model file out, as a trainer elsewhere would. */
  private Path trainedFile(String name, String recipe) throws IOException {
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution(name, recipe)).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(version, Duration.ofMinutes(5)));
    String id = version.substring(version.lastIndexOf('/') + 1);
    try (Stream<Path> files = Files.list(dir.resolve("store").resolve("models"))) {
      Path file =
          files.filter(f -> f.getFileName().toString().contains(id)).findFirst().orElseThrow();
      Path copy = dir.resolve(name + ".opm");
      Files.copy(file, copy);
      return copy;
    }
  }

  @Test
  void anImportedModelIsAnActiveVersionThatServes() {
    String solution = solution("imported", UP);
    String version =
        engine.importSolutionVersion(
            ImportSolutionVersionRequest.builder()
                .solutionArn(solution)
                .name("from-elsewhere")
                .modelFile(upModel)
                .trainingHyperParameters(Map.of("hidden_dimension", "64"))
                .metrics(Map.of("normalized_discounted_cumulative_gain_at_10", 0.25))
                .numInteractions(1234L)
                .build());
    assertTrue(version.startsWith(solution + "/"), version);
    SolutionVersion v =
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
            .solutionVersion();
    assertEquals("ACTIVE", v.status());
    assertEquals("FULL", v.trainingModeAsString());
    assertEquals(UP, v.recipeArn());
    assertEquals("64", v.tunedHPOParams().algorithmHyperParameters().get("hidden_dimension"));
    assertEquals(
        "15", v.tunedHPOParams().algorithmHyperParameters().get("num_iterations"), "defaults");
    assertEquals(
        Map.of("normalized_discounted_cumulative_gain_at_10", 0.25),
        p.getSolutionMetrics(
                GetSolutionMetricsRequest.builder().solutionVersionArn(version).build())
            .metrics());
    String campaign =
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name("imported-campaign")
                    .solutionVersionArn(solution + "/$LATEST")
                    .build())
            .campaignArn();
    List<PredictedItem> items =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .userId(SampleData.userId(3))
                    .numResults(5)
                    .build())
            .itemList();
    assertEquals(5, items.size());
  }

  @Test
  void damagedForeignAndMissingFilesAreRefusedBeforeAnythingIsStored() throws IOException {
    String solution = solution("refusing", UP);
    byte[] bytes = Files.readAllBytes(upModel);
    bytes[bytes.length / 2] ^= 0x10;
    Path damaged = dir.resolve("damaged.opm");
    Files.write(damaged, bytes);
    assertRefused(solution, damaged, "its checksum does not match");

    Path truncated = dir.resolve("truncated.opm");
    Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(upModel), 4000));
    assertRefused(solution, truncated, "checksum does not match");

    Path foreign = dir.resolve("foreign.opm");
    Files.writeString(foreign, "USER_ID,ITEM_ID\n" + "u1,i1\n".repeat(100), StandardCharsets.UTF_8);
    assertRefused(solution, foreign, "does not start with the model-file magic OPMODEL");

    assertRefused(
        solution,
        popModel,
        "modelFile must hold a model of the solution's recipe " + UP + "; got: a model of " + POP);
    assertRefused(solution, dir.resolve("absent.opm"), "modelFile must be an existing file");

    InvalidInputException badHp =
        assertThrows(
            InvalidInputException.class,
            () ->
                engine.importSolutionVersion(
                    ImportSolutionVersionRequest.builder()
                        .solutionArn(solution)
                        .modelFile(upModel)
                        .trainingHyperParameters(Map.of("hidden_dimension", "7"))
                        .build()));
    assertTrue(badHp.getMessage().contains("hidden_dimension"), badHp.getMessage());
    assertThrows(
        ResourceNotFoundException.class,
        () ->
            engine.importSolutionVersion(
                ImportSolutionVersionRequest.builder()
                    .solutionArn(solution + "-missing")
                    .modelFile(upModel)
                    .build()));
    assertTrue(
        p.listSolutionVersions(
                org.openpersonalize.api.model.ListSolutionVersionsRequest.builder()
                    .solutionArn(solution)
                    .build())
            .solutionVersions()
            .isEmpty(),
        "no version was created");
  }

  private void assertRefused(String solution, Path file, String why) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                engine.importSolutionVersion(
                    ImportSolutionVersionRequest.builder()
                        .solutionArn(solution)
                        .modelFile(file)
                        .build()));
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
