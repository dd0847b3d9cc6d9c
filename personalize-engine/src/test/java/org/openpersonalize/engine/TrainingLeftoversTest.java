package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.SolutionVersion;
import org.openpersonalize.api.model.StopSolutionVersionCreationRequest;

/**
 * A training that fails, and one that is stopped, leave no model file behind — neither a complete
 * {@code .opm} nor a temporary {@code .opm.tmp} — without waiting for the next open (issue 12, item
 * 7). The failure is injected through the engine's training-progress listener, which runs on the
 * training thread inside the recipe's training.
 */
class TrainingLeftoversTest {
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";

  @TempDir Path dir;

  /** A trained-ready dataset group; returns the solution ARN. */
  static String solution(OpenPersonalize engine, Path dir) throws IOException {
    Personalize p = engine.personalize();
    String group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    String dataset =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "s", Fixtures.INTERACTIONS_SCHEMA));
    Path csv = Fixtures.interactionsCsv(dir, "i.csv", 1500, 3);
    assertEquals(
        "ACTIVE", Fixtures.importAndWait(engine, "j", dataset, csv, ImportMode.FULL).status());
    return p.createSolution(
            CreateSolutionRequest.builder().name("s").datasetGroupArn(group).recipeArn(POP).build())
        .solutionArn();
  }

  /** The files in the engine's model directory whose name starts with the version's file name. */
  static List<String> modelFiles(Path engineDir, String versionArn) throws IOException {
    Path models = engineDir.resolve("models");
    if (!Files.isDirectory(models)) {
      return List.of();
    }
    String[] parts = versionArn.split("/");
    String prefix = parts[parts.length - 2] + "-" + parts[parts.length - 1];
    try (Stream<Path> s = Files.list(models)) {
      return s.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(prefix))
          .collect(Collectors.toList());
    }
  }

  SolutionVersion train(Path engineDir, BiConsumer<OpenPersonalize, String> onProgress)
      throws IOException {
    AtomicReference<OpenPersonalize> self = new AtomicReference<>();
    try (OpenPersonalize engine =
        OpenPersonalize.builder()
            .directory(engineDir)
            .trainingProgress((arn, fraction, message) -> onProgress.accept(self.get(), arn))
            .build()) {
      self.set(engine);
      String solution = solution(engine, dir);
      String version =
          engine
              .personalize()
              .createSolutionVersion(
                  CreateSolutionVersionRequest.builder().solutionArn(solution).build())
              .solutionVersionArn();
      engine.awaitCompletion(version, Duration.ofMinutes(2));
      SolutionVersion v =
          engine
              .personalize()
              .describeSolutionVersion(
                  DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
              .solutionVersion();
      // Checked while the engine is still open: the open-time sweep has not run.
      assertEquals(List.of(), modelFiles(engineDir, version), v.status());
      return v;
    }
  }

  @Test
  void aFailedTrainingRemovesItsCompleteAndTemporaryModelFiles() throws IOException {
    Path engineDir = dir.resolve("failed");
    SolutionVersion v =
        train(
            engineDir,
            (engine, arn) -> {
              // What a write cut short leaves: a temporary file, and a complete one renamed in.
              String[] parts = arn.split("/");
              String name = parts[parts.length - 2] + "-" + parts[parts.length - 1] + ".opm";
              try {
                Path models = Files.createDirectories(engineDir.resolve("models"));
                Files.write(models.resolve(name + ".tmp"), new byte[] {1, 2, 3});
                Files.write(models.resolve(name), new byte[] {4, 5, 6});
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              throw new IllegalStateException("injected training failure");
            });
    assertEquals("CREATE FAILED", v.status());
    assertTrue(v.failureReason().contains("injected training failure"), v.failureReason());
  }

  @Test
  void aStoppedTrainingRemovesItsModelFile() throws IOException {
    Path engineDir = dir.resolve("stopped");
    java.util.concurrent.atomic.AtomicBoolean stopped =
        new java.util.concurrent.atomic.AtomicBoolean();
    SolutionVersion v =
        train(
            engineDir,
            (engine, arn) -> {
              if (stopped.compareAndSet(false, true)) {
                engine
                    .personalize()
                    .stopSolutionVersionCreation(
                        StopSolutionVersionCreationRequest.builder()
                            .solutionVersionArn(arn)
                            .build());
              }
            });
    assertEquals("CREATE STOPPED", v.status());
  }
}
