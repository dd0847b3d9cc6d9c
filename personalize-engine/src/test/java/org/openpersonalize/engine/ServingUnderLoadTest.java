package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.sample.SampleData;

/**
 * Serving never waits for a writer (issue 9): 4 threads call GetRecommendations and 1 calls
 * PutEvents on a durable store, idle, then while an INCREMENTAL import runs, then while a solution
 * version trains. No call may fail, and GetRecommendations calls must complete while the import's
 * write transaction is open (shown by ordering: the writer was busy before and after the call and
 * the job was still running). Latencies are measured by {@code personalize-bench}'s {@code
 * ServingUnderLoad}, not here.
 */
class ServingUnderLoadTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";

  @TempDir Path dir;

  private volatile boolean stop;
  private volatile boolean importRunning;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong duringImportTransaction = new AtomicLong();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

  @Test
  void readersAndPutEventsNeverFailAndReadsPassAnImportInProgress() throws Exception {
    SampleData sample = SampleData.generate(3, 300, 200, 20);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    try (OpenPersonalize engine = OpenPersonalize.open(dir.resolve("store"))) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("load").build())
              .datasetGroupArn();
      String interactions =
          Fixtures.dataset(
              p, group, "Interactions", Fixtures.schema(p, "i", SampleData.INTERACTIONS_SCHEMA));
      assertEquals(
          "ACTIVE",
          Fixtures.importAndWait(engine, "i", interactions, files.interactions(), ImportMode.FULL)
              .status());
      String trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
      String solution = solution(p, group, "up");
      String version = train(engine, solution);
      String campaign =
          p.createCampaign(
                  CreateCampaignRequest.builder().name("c").solutionVersionArn(version).build())
              .campaignArn();
      Path bulk = incrementalFile(dir.resolve("bulk.csv"), 100_000);

      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        threads.add(new Thread(() -> recommend(engine, campaign, id)));
      }
      threads.add(new Thread(() -> putEvents(engine, trackingId)));
      threads.forEach(Thread::start);
      try {
        // Idle: let every thread complete calls first.
        long idleTarget = calls.get() + 200;
        while (calls.get() < idleTarget && failures.isEmpty()) {
          Thread.sleep(5);
        }
        // During an import.
        String job =
            p.createDatasetImportJob(
                    CreateDatasetImportJobRequest.builder()
                        .jobName("bulk")
                        .datasetArn(interactions)
                        .dataSource(d -> d.dataLocation(bulk.toString()))
                        .importMode(ImportMode.INCREMENTAL)
                        .build())
                .datasetImportJobArn();
        importRunning = true;
        String importStatus = engine.awaitCompletion(job, Duration.ofMinutes(5));
        importRunning = false;
        assertEquals("ACTIVE", importStatus);
        // During training.
        String second =
            p.createSolutionVersion(
                    CreateSolutionVersionRequest.builder().solutionArn(solution).build())
                .solutionVersionArn();
        long before = calls.get();
        assertEquals("ACTIVE", engine.awaitCompletion(second, Duration.ofMinutes(5)));
        assertTrue(calls.get() > before, "no call completed while the version trained");
      } finally {
        stop = true;
        for (Thread t : threads) {
          t.join();
        }
      }
      if (!failures.isEmpty()) {
        throw new AssertionError(failures.size() + " calls failed", failures.peek());
      }
      assertTrue(
          duringImportTransaction.get() > 0,
          "no GetRecommendations completed while the import's transaction was open");
    }
  }

  private void recommend(OpenPersonalize engine, String campaign, int id) {
    SplittableRandom rnd = new SplittableRandom(id);
    while (!stop) {
      boolean busyBefore = importRunning && engine.store().writing();
      try {
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .userId(SampleData.userId(rnd.nextInt(300)))
                    .numResults(10)
                    .build());
        calls.incrementAndGet();
      } catch (RuntimeException e) {
        failures.add(e);
      }
      if (busyBefore && importRunning && engine.store().writing()) {
        duringImportTransaction.incrementAndGet();
      }
    }
  }

  private void putEvents(OpenPersonalize engine, String trackingId) {
    SplittableRandom rnd = new SplittableRandom(9);
    for (long k = 0; !stop; k++) {
      try {
        engine
            .events()
            .putEvents(
                PutEventsRequest.builder()
                    .trackingId(trackingId)
                    .userId(SampleData.userId(rnd.nextInt(300)))
                    .sessionId("s")
                    .eventList(
                        Event.builder()
                            .eventType("watch")
                            .itemId(SampleData.itemId(rnd.nextInt(200)))
                            .sentAt(Instant.ofEpochSecond(1_800_000_000L + k))
                            .build())
                    .build());
        calls.incrementAndGet();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
  }

  private static String solution(Personalize p, String group, String name) {
    return p.createSolution(
            CreateSolutionRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .recipeArn(UP)
                .solutionConfig(
                    SolutionConfig.builder()
                        .algorithmHyperParameters(
                            Map.of("hidden_dimension", "32", "num_iterations", "3"))
                        .build())
                .build())
        .solutionArn();
  }

  private static String train(OpenPersonalize engine, String solution) {
    String version =
        engine
            .personalize()
            .createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(version, Duration.ofMinutes(5)));
    return version;
  }

  /** New interactions of the sample's users and items, in the sample's interactions layout. */
  private static Path incrementalFile(Path csv, int rows) throws IOException {
    SplittableRandom rnd = new SplittableRandom(17);
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write(Fixtures.INTERACTIONS_HEADER + "\n");
      for (int k = 0; k < rows; k++) {
        w.write(
            SampleData.userId(rnd.nextInt(300))
                + ","
                + SampleData.itemId(rnd.nextInt(200))
                + ","
                + (1_750_000_000L + k)
                + ",watch,1.0\n");
      }
    }
    return csv;
  }
}
