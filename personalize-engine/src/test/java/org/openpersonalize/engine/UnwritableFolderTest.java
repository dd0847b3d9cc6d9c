package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateBatchInferenceJobRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeBatchInferenceJobRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.PutEventsRequest;

/**
 * Folders the engine cannot write (issue 12's read-only directory, for the files beside the
 * database): the model folder and a batch job's output folder. Tests run as root here, where file
 * permissions do not stop a write, so the folder is made impossible to create instead — a regular
 * file stands where the folder must be, and the operating system refuses it to every user. The
 * training or job ends {@code CREATE FAILED} naming the path, the engine goes on serving and
 * storing events, and once the obstacle is gone the same engine trains and runs jobs again.
 */
class UnwritableFolderTest {
  @TempDir Path dir;
  OpenPersonalize engine;
  Personalize p;
  String solution;
  String trackingId;

  @BeforeEach
  void setUp() throws IOException {
    engine = OpenPersonalize.open(dir.resolve("store"));
    p = engine.personalize();
    String group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("unwritable").build())
            .datasetGroupArn();
    String dataset =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
    Path csv = Fixtures.interactionsCsv(dir, "i.csv", 1000, 3);
    assertEquals(
        "ACTIVE", Fixtures.importAndWait(engine, "i", dataset, csv, ImportMode.FULL).status());
    trackingId =
        p.createEventTracker(
                CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
            .trackingId();
    solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("pop")
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/aws-popularity-count")
                    .build())
            .solutionArn();
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  String[] train() {
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    String status = engine.awaitCompletion(v, Duration.ofMinutes(2));
    String reason =
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(v).build())
            .solutionVersion()
            .failureReason();
    return new String[] {v, status, reason};
  }

  void putEvent(String item) {
    engine
        .events()
        .putEvents(
            PutEventsRequest.builder()
                .trackingId(trackingId)
                .userId("u1")
                .sessionId("s1")
                .eventList(
                    List.of(
                        Event.builder()
                            .eventType("click")
                            .itemId(item)
                            .sentAt(Instant.ofEpochSecond(1_700_000_000L))
                            .build()))
                .build());
  }

  @Test
  void aModelFolderThatCannotBeWrittenFailsTheTrainingAndTheEngineGoesOn() throws IOException {
    Path models = dir.resolve("store").resolve("models");
    if (Files.isDirectory(models)) {
      try (var files = Files.list(models)) {
        assertEquals(List.of(), files.toList(), "no model was written yet");
      }
      Files.delete(models);
    }
    Files.writeString(models, "in the way");
    String[] failed = train();
    assertEquals("CREATE FAILED", failed[1]);
    assertTrue(failed[2].contains(models.toString()), failed[2]);
    putEvent("after-the-failed-training");

    Files.delete(models);
    String[] again = train();
    assertEquals("ACTIVE", again[1], again[2]);
    try (var files = Files.list(models)) {
      List<Path> all = files.toList();
      assertEquals(1, all.size(), all.toString());
      assertTrue(all.get(0).toString().endsWith(".opm"), all.toString());
    }
  }

  @Test
  void anOutputFolderThatCannotBeCreatedFailsTheJobAndTheNextJobRuns() throws IOException {
    String[] version = train();
    assertEquals("ACTIVE", version[1], version[2]);
    Path input = Files.createDirectories(dir.resolve("in")).resolve("users.json");
    Files.write(input, List.of("{\"userId\": \"u1\"}", "{\"userId\": \"u2\"}"));
    Path blocker = Files.writeString(dir.resolve("a-file"), "not a folder");
    Path unwritable = blocker.resolve("out");
    String job = job(version[0], input, unwritable, "blocked");
    assertEquals("CREATE FAILED", engine.awaitCompletion(job, Duration.ofMinutes(2)));
    String reason =
        p.describeBatchInferenceJob(
                DescribeBatchInferenceJobRequest.builder().batchInferenceJobArn(job).build())
            .batchInferenceJob()
            .failureReason();
    assertTrue(reason.startsWith("Invalid S3 output path. Cannot write in "), reason);
    assertTrue(reason.contains(unwritable.toString()), reason);
    assertEquals("not a folder", Files.readString(blocker));
    putEvent("after-the-failed-job");

    Path out = dir.resolve("out");
    String next = job(version[0], input, out, "fine");
    assertEquals("ACTIVE", engine.awaitCompletion(next, Duration.ofMinutes(2)));
    assertEquals(null, KillTrials.whole(input, out.resolve("users.json.out"), "userId"));
    assertFalse(Files.exists(unwritable));
  }

  String job(String version, Path input, Path output, String name) {
    return p.createBatchInferenceJob(
            CreateBatchInferenceJobRequest.builder()
                .jobName(name)
                .solutionVersionArn(version)
                .numResults(3)
                .jobInput(i -> i.s3DataSource(s -> s.path(input.toString())))
                .jobOutput(o -> o.s3DataDestination(s -> s.path(output.toString())))
                .build())
        .batchInferenceJobArn();
  }
}
