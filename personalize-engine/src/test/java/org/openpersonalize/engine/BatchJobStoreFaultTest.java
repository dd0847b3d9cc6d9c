package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateBatchInferenceJobRequest;
import org.openpersonalize.api.model.CreateBatchSegmentJobRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeBatchInferenceJobRequest;
import org.openpersonalize.api.model.DescribeBatchSegmentJobRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.internal.store.Store;

/**
 * Storage faults during batch jobs (issue 12, for the batch workers of issue 14): with the database
 * refusing writes ({@code SQLITE_READONLY}, imposed on the writer connection) from right after a
 * job's creation, or from right after its move to {@code CREATE IN_PROGRESS}, the job's worker
 * survives the failed status writes, the job ends {@code CREATE FAILED} naming the cause once the
 * store takes writes again, it leaves no output file and no temporary file, and the same single
 * worker thread then runs the next job to {@code ACTIVE} with whole output. Orderings, not clocks:
 * the test waits for the store's count of failed writes.
 */
class BatchJobStoreFaultTest {
  @TempDir Path dir;
  OpenPersonalize engine;
  Personalize p;
  String popularity;
  String affinity;
  Path users;
  Path items;
  int jobs;
  volatile CountDownLatch started = new CountDownLatch(1);
  volatile CountDownLatch hold = new CountDownLatch(0);

  @BeforeEach
  void setUp() throws IOException {
    // One worker thread: if a failed status write killed it, the next job would never run.
    engine =
        OpenPersonalize.builder()
            .directory(dir.resolve("store"))
            .threads(1)
            .trainingProgress(
                (arn, fraction, message) -> {
                  if (arn.contains(":batch-")) {
                    started.countDown();
                    try {
                      // A guard against a hung build, not a timing: the test opens the latch.
                      hold.await(5, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                })
            .build();
    p = engine.personalize();
    String group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("faults").build())
            .datasetGroupArn();
    String dataset =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
    Path csv = Fixtures.interactionsCsv(dir, "i.csv", 2000, 5);
    assertEquals(
        "ACTIVE", Fixtures.importAndWait(engine, "i", dataset, csv, ImportMode.FULL).status());
    popularity = version(group, "popularity", "aws-popularity-count", Map.of());
    affinity =
        version(
            group,
            "affinity",
            "aws-item-affinity",
            Map.of("hidden_dimension", "32", "num_iterations", "2"));
    users = Files.createDirectories(dir.resolve("users")).resolve("users.json");
    List<String> lines = new ArrayList<>();
    for (int u = 0; u < 50; u++) {
      lines.add("{\"userId\": \"u" + u + "\"}");
    }
    Files.write(users, lines);
    items = Files.createDirectories(dir.resolve("items")).resolve("items.json");
    lines.clear();
    for (int i = 0; i < 30; i++) {
      lines.add("{\"itemId\": \"i" + i + "\"}");
    }
    Files.write(items, lines);
  }

  @AfterEach
  void tearDown() {
    hold.countDown();
    if (engine != null) {
      engine.store().simulateFault(Store.Fault.NONE, 0);
      engine.close();
    }
  }

  String version(String group, String name, String recipe, Map<String, String> hp) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + recipe)
                    .solutionConfig(SolutionConfig.builder().algorithmHyperParameters(hp).build())
                    .build())
            .solutionArn();
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(5)));
    return v;
  }

  /** A batch job kind: how to start one and read its status and reason. */
  interface Kind {
    String start(String name, Path out);

    String[] statusAndReason(String arn);
  }

  Kind inference() {
    return new Kind() {
      @Override
      public String start(String name, Path out) {
        return p.createBatchInferenceJob(
                CreateBatchInferenceJobRequest.builder()
                    .jobName(name)
                    .solutionVersionArn(popularity)
                    .numResults(5)
                    .jobInput(i -> i.s3DataSource(s -> s.path(users.toString())))
                    .jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))
                    .build())
            .batchInferenceJobArn();
      }

      @Override
      public String[] statusAndReason(String arn) {
        var j =
            p.describeBatchInferenceJob(
                    DescribeBatchInferenceJobRequest.builder().batchInferenceJobArn(arn).build())
                .batchInferenceJob();
        return new String[] {j.status(), j.failureReason()};
      }
    };
  }

  Kind segments() {
    return new Kind() {
      @Override
      public String start(String name, Path out) {
        return p.createBatchSegmentJob(
                CreateBatchSegmentJobRequest.builder()
                    .jobName(name)
                    .solutionVersionArn(affinity)
                    .numResults(10)
                    .jobInput(i -> i.s3DataSource(s -> s.path(items.toString())))
                    .jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))
                    .build())
            .batchSegmentJobArn();
      }

      @Override
      public String[] statusAndReason(String arn) {
        var j =
            p.describeBatchSegmentJob(
                    DescribeBatchSegmentJobRequest.builder().batchSegmentJobArn(arn).build())
                .batchSegmentJob();
        return new String[] {j.status(), j.failureReason()};
      }
    };
  }

  /**
   * Lets {@code afterCommits} writes commit after the job's creation is armed, fails every write
   * after them until the worker's status write and its first retry failed, then lifts the fault.
   */
  void failAfter(Kind kind, int afterCommits, String statusWhileFailing, Path input, String key)
      throws Exception {
    Store store = engine.store();
    long failedBefore = store.failedWrites();
    // The creation is one commit; afterCommits - 1 more of the job's own writes commit too.
    store.simulateFault(Store.Fault.READ_ONLY, afterCommits);
    Path out = dir.resolve("out-" + ++jobs);
    String job = kind.start("faulted-" + jobs, out);
    while (store.failedWrites() < failedBefore + 2) {
      Thread.sleep(10);
    }
    assertEquals(statusWhileFailing, kind.statusAndReason(job)[0]);
    store.simulateFault(Store.Fault.NONE, 0);
    assertEquals("CREATE FAILED", engine.awaitCompletion(job, Duration.ofMinutes(2)));
    String reason = kind.statusAndReason(job)[1];
    assertTrue(reason.contains("read-only"), reason);
    assertEquals(List.of(), files(out), "a failed job left files");

    // The one worker thread lives on: the next job runs to its end with whole output.
    Path again = dir.resolve("out-" + ++jobs);
    String next = kind.start("after-" + jobs, again);
    assertEquals("ACTIVE", engine.awaitCompletion(next, Duration.ofMinutes(2)));
    Path result = again.resolve(input.getFileName() + ".out");
    assertNull(KillTrials.whole(input, result, key));
    assertEquals(List.of(result), files(again));
  }

  static List<Path> files(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.toList();
    }
  }

  @Test
  void batchInferenceWorkerSurvivesFailedStatusWritesAndRecordsTheFailure() throws Exception {
    failAfter(inference(), 1, "CREATE PENDING", users, "userId");
    failAfter(inference(), 2, "CREATE IN_PROGRESS", users, "userId");
  }

  @Test
  void batchSegmentWorkerSurvivesFailedStatusWritesAndRecordsTheFailure() throws Exception {
    failAfter(segments(), 1, "CREATE PENDING", items, "itemId");
    failAfter(segments(), 2, "CREATE IN_PROGRESS", items, "itemId");
  }

  /**
   * close() while a job runs: the job stops before its next block of lines and records {@code
   * CREATE FAILED} itself with the closing reason, its temporary output file removed; the next open
   * keeps that reason.
   */
  @Test
  void closingTheEngineFailsARunningJobAndLeavesNoFile() throws Exception {
    started = new CountDownLatch(1);
    hold = new CountDownLatch(1);
    Path out = dir.resolve("out-closed");
    String job = inference().start("closed", out);
    assertTrue(started.await(5, TimeUnit.MINUTES), "the job never reported progress");
    OpenPersonalize closing = engine;
    engine = null;
    Thread closer = new Thread(closing::close);
    closer.start();
    // Ordering: the job goes on only once close() waits for the workers, so it sees the closing.
    while (!waitsForWorkers(closer)) {
      Thread.sleep(5);
    }
    hold.countDown();
    closer.join();
    try (OpenPersonalize again = OpenPersonalize.open(dir.resolve("store"))) {
      var j =
          again
              .personalize()
              .describeBatchInferenceJob(
                  DescribeBatchInferenceJobRequest.builder().batchInferenceJobArn(job).build())
              .batchInferenceJob();
      assertEquals("CREATE FAILED", j.status());
      assertEquals(
          "The engine was closed while the job was running; output files it had not completed"
              + " were removed. Create the job again.",
          j.failureReason());
    }
    assertEquals(List.of(), files(out), "a job stopped by close() left files");
  }

  private static boolean waitsForWorkers(Thread closer) {
    for (StackTraceElement e : closer.getStackTrace()) {
      if (e.getMethodName().equals("awaitTermination")) {
        return true;
      }
    }
    return false;
  }
}
