package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DatasetImportJobSummary;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.api.model.ListDatasetImportJobsResponse;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.ListSolutionVersionsResponse;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionVersionSummary;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.store.Store;

/**
 * kill -9 at random points (issue 12): a child JVM streams PutEvents, runs INCREMENTAL imports and
 * trains solution versions at the same time, and is killed ({@code destroyForcibly}, SIGKILL) after
 * a random delay, a dozen times. After each kill the database passes {@code PRAGMA
 * integrity_check}, every acknowledged event, import and trained version is there, every import job
 * is either ACTIVE with all its rows or failed with none of them, and no version is left
 * unfinished. {@code personalize-bench}'s {@code CrashTrials} runs the same with 100+ kills.
 */
class CrashRecoveryTest {
  static final int ROWS_PER_IMPORT = 1500;
  static final int ITEMS_PER_IMPORT = 100;

  @TempDir Path dir;

  /**
   * The child: three threads (events, imports, training), printing "ACK E item...", "ACK I job" and
   * "ACK T version" after each call or job that the engine acknowledged.
   */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path store = Path.of(args[0]);
      String trackingId = args[1];
      String datasetArn = args[2];
      String solutionArn = args[3];
      int round = Integer.parseInt(args[4]);
      Path data = Files.createDirectories(Path.of(args[5]));
      OpenPersonalize engine = OpenPersonalize.open(store);
      System.out.println("READY");
      System.out.flush();
      Thread events = new Thread(() -> putEvents(engine, trackingId, round));
      Thread imports = new Thread(() -> imports(engine, datasetArn, round, data));
      Thread training = new Thread(() -> train(engine, solutionArn));
      events.start();
      imports.start();
      training.start();
      events.join(); // never returns: the parent kills the process
    }

    private static void putEvents(OpenPersonalize engine, String trackingId, int round) {
      for (int batch = 0; ; batch++) {
        int n = 1 + batch % 10;
        List<Event> list = new ArrayList<>();
        StringBuilder ack = new StringBuilder("ACK E");
        for (int j = 0; j < n; j++) {
          String item = "r" + round + "-b" + batch + "-e" + j;
          list.add(
              Event.builder()
                  .eventType("click")
                  .itemId(item)
                  .sentAt(Instant.ofEpochSecond(1_700_000_000L + batch))
                  .build());
          ack.append(' ').append(item);
        }
        engine
            .events()
            .putEvents(
                PutEventsRequest.builder()
                    .trackingId(trackingId)
                    .userId("live" + round)
                    .sessionId("s" + round)
                    .eventList(list)
                    .build());
        System.out.println(ack);
      }
    }

    private static void imports(OpenPersonalize engine, String datasetArn, int round, Path data) {
      try {
        for (int k = 0; ; k++) {
          String name = "r" + round + "-k" + k;
          Path csv = importFile(data, name);
          String job =
              engine
                  .personalize()
                  .createDatasetImportJob(
                      CreateDatasetImportJobRequest.builder()
                          .jobName(name)
                          .datasetArn(datasetArn)
                          .dataSource(d -> d.dataLocation(csv.toString()))
                          .importMode(ImportMode.INCREMENTAL)
                          .build())
                  .datasetImportJobArn();
          if ("ACTIVE".equals(engine.awaitCompletion(job, Duration.ofMinutes(5)))) {
            System.out.println("ACK I " + name);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void train(OpenPersonalize engine, String solutionArn) {
      while (true) {
        String version =
            engine
                .personalize()
                .createSolutionVersion(
                    CreateSolutionVersionRequest.builder().solutionArn(solutionArn).build())
                .solutionVersionArn();
        if ("ACTIVE".equals(engine.awaitCompletion(version, Duration.ofMinutes(5)))) {
          System.out.println("ACK T " + version);
        }
      }
    }
  }

  /** An import file whose items ({@code <job>-i<n>}) appear in no other job. */
  static Path importFile(Path data, String job) throws IOException {
    Path csv = data.resolve(job + ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write(Fixtures.INTERACTIONS_HEADER + "\n");
      for (int i = 0; i < ROWS_PER_IMPORT; i++) {
        w.write(
            "u"
                + (i % 50)
                + ","
                + job
                + "-i"
                + (i % ITEMS_PER_IMPORT)
                + ","
                + (1_600_000_000L + i)
                + ",watch,1.0\n");
      }
    }
    return csv;
  }

  /** The set-up every trial starts from, and what the trials acknowledged. */
  static final class Trials {
    final Path dir;
    final String group;
    final String dataset;
    final String trackingId;
    final String solution;
    final Set<String> events = ConcurrentHashMap.newKeySet();
    final Set<String> imports = ConcurrentHashMap.newKeySet();
    final Set<String> versions = ConcurrentHashMap.newKeySet();

    Trials(Path dir) throws IOException {
      this.dir = dir;
      try (OpenPersonalize engine = OpenPersonalize.open(dir.resolve("store"))) {
        Personalize p = engine.personalize();
        group =
            p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("crash").build())
                .datasetGroupArn();
        dataset =
            Fixtures.dataset(
                p,
                group,
                "Interactions",
                Fixtures.schema(p, "interactions", Fixtures.INTERACTIONS_SCHEMA));
        trackingId =
            p.createEventTracker(
                    CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
                .trackingId();
        Path seed = Fixtures.interactionsCsv(dir, "seed.csv", 3000, 11);
        String status =
            Fixtures.importAndWait(engine, "seed", dataset, seed, ImportMode.FULL).status();
        if (!"ACTIVE".equals(status)) {
          throw new IllegalStateException("seed import ended " + status);
        }
        solution =
            p.createSolution(
                    CreateSolutionRequest.builder()
                        .name("up")
                        .datasetGroupArn(group)
                        .recipeArn("arn:aws:personalize:::recipe/aws-user-personalization")
                        .solutionConfig(
                            SolutionConfig.builder()
                                .algorithmHyperParameters(
                                    Map.of("hidden_dimension", "32", "num_iterations", "2"))
                                .build())
                        .build())
                .solutionArn();
      }
    }

    /**
     * Runs the child, kills it {@code killAfterMs} after it acknowledged its first event and, for
     * {@code round % 3} = 1 or 2, its first import or trained version (so the kills land inside
     * every kind of work, whatever the machine's load), and checks the store.
     */
    void trial(int round, long killAfterMs) throws Exception {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Child.class.getName(),
                  dir.resolve("store").toString(),
                  trackingId,
                  dataset,
                  solution,
                  Integer.toString(round),
                  dir.resolve("data").toString())
              .redirectError(dir.resolve("child-" + round + ".err").toFile())
              .start();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = out.readLine()) != null) {
                    acknowledge(line);
                  }
                } catch (IOException e) {
                  // The pipe breaks when the child dies: what was read is what was acknowledged.
                }
              });
      reader.start();
      waitForFirst(child, round % 3);
      Thread.sleep(killAfterMs);
      child.destroyForcibly();
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("child did not die");
      }
      reader.join();
      verify(round);
    }

    private volatile boolean ready;

    private void acknowledge(String line) {
      if (line.equals("READY")) {
        ready = true;
      } else if (line.startsWith("ACK E ")) {
        for (String item : line.substring(6).split(" ")) {
          events.add(item);
        }
      } else if (line.startsWith("ACK I ")) {
        imports.add(line.substring(6));
      } else if (line.startsWith("ACK T ")) {
        versions.add(line.substring(6));
      }
    }

    private void waitForFirst(Process child, int kind) throws InterruptedException {
      int events0 = events.size();
      int imports0 = imports.size();
      int versions0 = versions.size();
      // A hang guard, not a speed limit: a child that acknowledges nothing for this long is stuck.
      long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!ready
          || events.size() == events0
          || (kind == 1 && imports.size() == imports0)
          || (kind == 2 && versions.size() == versions0)) {
        if (System.nanoTime() > giveUp) {
          child.destroyForcibly();
          throw new AssertionError("child acknowledged no work of kind " + kind + " in 10 min");
        }
        if (!child.isAlive()) {
          throw new AssertionError(
              "child died early: exit " + child.exitValue() + "; see " + dir + "/child-*.err");
        }
        Thread.sleep(5);
      }
      ready = false;
    }

    /** The checks after one kill; returns quietly or throws an AssertionError naming the loss. */
    void verify(int round) throws Exception {
      String integrity = StoreFaultTest.integrityCheck(dir.resolve("store").resolve(Store.DB_FILE));
      assertEquals("ok", integrity, "integrity_check after kill " + round);
      try (OpenPersonalize engine = OpenPersonalize.open(dir.resolve("store"))) {
        DatasetGroupData d = engine.trainingData(group);
        Set<String> stored = new HashSet<>();
        for (int i = 0; i < d.interactions().size(); i++) {
          stored.add(d.items().id(d.interactions().item()[i]));
        }
        for (String item : events) {
          assertTrue(
              stored.contains(item), "acknowledged event lost after kill " + round + ": " + item);
        }
        for (DatasetImportJobSummary job : importJobs(engine)) {
          if (job.jobName().equals("seed")) {
            continue;
          }
          int present = 0;
          for (int i = 0; i < ITEMS_PER_IMPORT; i++) {
            present += stored.contains(job.jobName() + "-i" + i) ? 1 : 0;
          }
          if ("ACTIVE".equals(job.status())) {
            assertEquals(ITEMS_PER_IMPORT, present, "ACTIVE import half there: " + job.jobName());
          } else {
            assertEquals("CREATE FAILED", job.status(), job.jobName());
            assertEquals(0, present, "failed import left rows: " + job.jobName());
            assertFalse(imports.contains(job.jobName()), "acknowledged import lost: " + job);
          }
        }
        Map<String, String> status = new java.util.HashMap<>();
        for (SolutionVersionSummary v : versions(engine)) {
          status.put(v.solutionVersionArn(), v.status());
          assertTrue(
              v.status().equals("ACTIVE")
                  || v.status().equals("CREATE FAILED")
                  || v.status().equals("CREATE STOPPED"),
              "unfinished after reopen: " + v.solutionVersionArn() + " " + v.status());
        }
        for (String v : versions) {
          assertEquals("ACTIVE", status.get(v), "acknowledged version lost: " + v);
        }
      }
    }

    private List<DatasetImportJobSummary> importJobs(OpenPersonalize engine) {
      List<DatasetImportJobSummary> all = new ArrayList<>();
      String token = null;
      do {
        ListDatasetImportJobsResponse page =
            engine
                .personalize()
                .listDatasetImportJobs(
                    ListDatasetImportJobsRequest.builder()
                        .datasetArn(dataset)
                        .nextToken(token)
                        .build());
        all.addAll(page.datasetImportJobs());
        token = page.nextToken();
      } while (token != null);
      return all;
    }

    private List<SolutionVersionSummary> versions(OpenPersonalize engine) {
      List<SolutionVersionSummary> all = new ArrayList<>();
      String token = null;
      do {
        ListSolutionVersionsResponse page =
            engine
                .personalize()
                .listSolutionVersions(
                    ListSolutionVersionsRequest.builder()
                        .solutionArn(solution)
                        .nextToken(token)
                        .build());
        all.addAll(page.solutionVersions());
        token = page.nextToken();
      } while (token != null);
      return all;
    }
  }

  @Test
  void aDozenKillsDuringImportsEventsAndTrainingLoseNothingAcknowledged() throws Exception {
    Trials trials = new Trials(dir);
    SplittableRandom rnd = new SplittableRandom(2026);
    for (int round = 0; round < 12; round++) {
      trials.trial(round, rnd.nextInt(1000));
    }
    // Enough happened for the kills to have landed inside each kind of work.
    assertTrue(trials.events.size() >= 12, "events acknowledged: " + trials.events.size());
    assertFalse(trials.imports.isEmpty(), "no import was acknowledged");
    assertFalse(trials.versions.isEmpty(), "no version was acknowledged");
  }
}
