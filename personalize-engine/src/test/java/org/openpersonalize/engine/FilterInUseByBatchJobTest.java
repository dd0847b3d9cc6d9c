package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateBatchInferenceJobRequest;
import org.openpersonalize.api.model.CreateBatchSegmentJobRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DeleteFilterRequest;
import org.openpersonalize.api.model.DescribeBatchInferenceJobRequest;
import org.openpersonalize.api.model.DescribeBatchSegmentJobRequest;
import org.openpersonalize.api.model.DescribeFilterRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.sample.SampleData;

/**
 * Spec §1.2: DeleteFilter is refused with {@code ResourceInUseException} while a batch inference
 * job or a batch segment job that applies the filter is pending or in progress, and allowed once
 * the job has finished; filters no running job uses can be deleted meanwhile. The job is held in
 * progress without clocks: the engine's progress listener, which the job calls on its own thread
 * once it has counted its lines, waits on a latch the test opens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterInUseByBatchJobTest {
  @TempDir static Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String inference;
  String segments;
  Path inferenceInput;
  Path segmentInput;
  volatile CountDownLatch started = new CountDownLatch(1);
  volatile CountDownLatch release = new CountDownLatch(0);

  @BeforeAll
  void setUp() throws IOException {
    SampleData sample = SampleData.generate(5, 150, 120, 20);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    engine =
        OpenPersonalize.builder()
            .directory(dir.resolve("store"))
            .trainingProgress(
                (arn, fraction, message) -> {
                  if (arn.contains(":batch-")) {
                    started.countDown();
                    try {
                      // A guard against a hung build, not a timing: the test opens the latch.
                      release.await(5, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                })
            .build();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("in-use").build())
            .datasetGroupArn();
    String[][] datasets = {
      {"Interactions", SampleData.INTERACTIONS_SCHEMA},
      {"Items", SampleData.ITEMS_SCHEMA},
      {"Users", SampleData.USERS_SCHEMA}
    };
    Path[] data = {files.interactions(), files.items(), files.users()};
    for (int k = 0; k < datasets.length; k++) {
      String type = datasets[k][0];
      String dataset = Fixtures.dataset(p, group, type, Fixtures.schema(p, type, datasets[k][1]));
      assertEquals(
          "ACTIVE",
          Fixtures.importAndWait(engine, type, dataset, data[k], ImportMode.FULL).status());
    }
    inference = version("up", "aws-user-personalization");
    segments = version("affinity", "aws-item-affinity");
    inferenceInput = Files.createDirectories(dir.resolve("users-in")).resolve("users.json");
    Files.write(inferenceInput, List.of("{\"userId\": \"" + SampleData.userId(1) + "\"}"));
    segmentInput = Files.createDirectories(dir.resolve("items-in")).resolve("items.json");
    Files.write(segmentInput, List.of("{\"itemId\": \"" + SampleData.itemId(1) + "\"}"));
  }

  @AfterAll
  void tearDown() {
    release.countDown();
    engine.close();
  }

  String version(String name, String recipe) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + recipe)
                    .solutionConfig(
                        SolutionConfig.builder()
                            .algorithmHyperParameters(
                                Map.of("hidden_dimension", "32", "num_iterations", "2"))
                            .build())
                    .build())
            .solutionArn();
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(5)));
    return v;
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

  /** Arms the listener: the next batch job waits in progress until {@link #release} opens. */
  void hold() {
    started = new CountDownLatch(1);
    release = new CountDownLatch(1);
  }

  void awaitStarted() throws InterruptedException {
    assertTrue(started.await(5, TimeUnit.MINUTES), "the batch job never reported progress");
  }

  void assertRefused(String filter, String jobArn, String kind) {
    ResourceInUseException e =
        assertThrows(
            ResourceInUseException.class,
            () -> p.deleteFilter(DeleteFilterRequest.builder().filterArn(filter).build()));
    assertEquals(
        "Filter "
            + filter
            + " is used by "
            + kind
            + " "
            + jobArn
            + ", which is CREATE IN_PROGRESS; delete the filter once the job has finished",
        e.getMessage());
    // Still there, unchanged.
    assertEquals(
        "ACTIVE",
        p.describeFilter(DescribeFilterRequest.builder().filterArn(filter).build())
            .filter()
            .status());
  }

  void assertDeleted(String filter) {
    p.deleteFilter(DeleteFilterRequest.builder().filterArn(filter).build());
    assertThrows(
        ResourceNotFoundException.class,
        () -> p.describeFilter(DescribeFilterRequest.builder().filterArn(filter).build()));
  }

  @Test
  void aFilterIsNotDeletedWhileABatchInferenceJobAppliesIt() throws Exception {
    String used = filter("items-used", "EXCLUDE ItemID WHERE Items.GENRES IN (\"Comedy\")");
    String other = filter("items-other", "EXCLUDE ItemID WHERE Items.GENRES IN (\"Drama\")");
    hold();
    String job =
        p.createBatchInferenceJob(
                CreateBatchInferenceJobRequest.builder()
                    .jobName("holds-a-filter")
                    .solutionVersionArn(inference)
                    .filterArn(used)
                    .jobInput(i -> i.s3DataSource(s -> s.path(inferenceInput.toString())))
                    .jobOutput(
                        o -> o.s3DataDestination(s -> s.path(dir.resolve("inf-out").toString())))
                    .build())
            .batchInferenceJobArn();
    awaitStarted();
    assertRefused(used, job, "batch inference job");
    assertDeleted(other);
    release.countDown();
    assertEquals("ACTIVE", engine.awaitCompletion(job, Duration.ofMinutes(5)));
    assertEquals(
        0L,
        p.describeBatchInferenceJob(
                DescribeBatchInferenceJobRequest.builder().batchInferenceJobArn(job).build())
            .batchInferenceJob()
            .linesFailed()
            .longValue(),
        "the job's filter worked to its end");
    assertDeleted(used);
  }

  @Test
  void aFilterIsNotDeletedWhileABatchSegmentJobAppliesIt() throws Exception {
    String used = filter("users-used", "EXCLUDE UserID WHERE Users.MEMBERSHIP IN (\"gold\")");
    String other = filter("users-other", "EXCLUDE UserID WHERE Users.MEMBERSHIP IN (\"free\")");
    hold();
    String job =
        p.createBatchSegmentJob(
                CreateBatchSegmentJobRequest.builder()
                    .jobName("holds-a-user-filter")
                    .solutionVersionArn(segments)
                    .filterArn(used)
                    .jobInput(i -> i.s3DataSource(s -> s.path(segmentInput.toString())))
                    .jobOutput(
                        o -> o.s3DataDestination(s -> s.path(dir.resolve("seg-out").toString())))
                    .build())
            .batchSegmentJobArn();
    awaitStarted();
    assertRefused(used, job, "batch segment job");
    assertDeleted(other);
    release.countDown();
    assertEquals("ACTIVE", engine.awaitCompletion(job, Duration.ofMinutes(5)));
    assertEquals(
        0L,
        p.describeBatchSegmentJob(
                DescribeBatchSegmentJobRequest.builder().batchSegmentJobArn(job).build())
            .batchSegmentJob()
            .linesFailed()
            .longValue());
    assertDeleted(used);
  }
}
