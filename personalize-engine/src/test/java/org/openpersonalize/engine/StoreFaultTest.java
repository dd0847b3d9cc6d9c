package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.DescribeDatasetImportJobRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListSchemasRequest;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.store.Store;

/**
 * Storage faults through the public API (issue 12): a full disk and a read-only database file,
 * imposed on the engine's writer connection so SQLite itself fails the writes ({@code SQLITE_FULL},
 * {@code SQLITE_READONLY}) on the real write path, without mounts; a lock held by another
 * connection; a second engine on the same directory. Each call either commits whole or leaves
 * nothing, reads keep working, failures are {@link InternalFailureException}s that say what to do,
 * and the engine resumes by itself once the cause is gone.
 */
class StoreFaultTest {
  @TempDir Path dir;

  /** An engine with an Interactions dataset and an event tracker. */
  private record Live(OpenPersonalize engine, String group, String dataset, String trackingId) {
    static Live open(Path dir, int threads) {
      OpenPersonalize engine = OpenPersonalize.builder().directory(dir).threads(threads).build();
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
              .datasetGroupArn();
      String dataset =
          Fixtures.dataset(
              p,
              group,
              "Interactions",
              Fixtures.schema(p, "interactions", Fixtures.INTERACTIONS_SCHEMA));
      String trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
      return new Live(engine, group, dataset, trackingId);
    }

    /** Ten events with long item IDs, so a few calls fill a page and the next needs a new one. */
    PutEventsRequest batch(int call) {
      List<Event> events = new ArrayList<>();
      for (int j = 0; j < 10; j++) {
        events.add(
            Event.builder()
                .eventType("click")
                .itemId(itemId(call, j))
                .sentAt(Instant.ofEpochSecond(1_700_000_000L + call))
                .build());
      }
      return PutEventsRequest.builder()
          .trackingId(trackingId)
          .userId("u1")
          .sessionId("s1")
          .eventList(events)
          .build();
    }

    Set<String> storedItems() {
      DatasetGroupData d = engine.trainingData(group);
      Set<String> stored = new HashSet<>();
      for (int i = 0; i < d.interactions().size(); i++) {
        stored.add(d.items().id(d.interactions().item()[i]));
      }
      return stored;
    }
  }

  static String itemId(int call, int j) {
    return "c" + call + "-e" + j + "-" + "x".repeat(200);
  }

  @Test
  void fullDiskFailsWholeCallsKeepsReadsAndRecoversWithoutRestart() throws Exception {
    Live live = Live.open(dir, 2);
    Set<String> acknowledged = new HashSet<>();
    live.engine.events().putEvents(live.batch(0));
    addBatch(acknowledged, 0);

    live.engine.store().simulateFault(Store.Fault.DISK_FULL, 0);
    int failedCall = -1;
    InternalFailureException failure = null;
    for (int call = 1; call < 200 && failure == null; call++) {
      try {
        live.engine.events().putEvents(live.batch(call));
        addBatch(acknowledged, call); // fitted in pages the database already had
      } catch (InternalFailureException e) {
        failure = e;
        failedCall = call;
      }
    }
    assertNotNull(failure, "the database never ran out of pages");
    assertTrue(failure.getMessage().contains("disk"), failure.getMessage());
    assertTrue(failure.getMessage().contains("nothing of this call was stored"));
    assertFalse(failure.retryable());
    // Still failing while the disk is full; nothing of the failed calls is stored; reads work.
    int failed = failedCall;
    assertThrows(
        InternalFailureException.class, () -> live.engine.events().putEvents(live.batch(failed)));
    Set<String> stored = live.storedItems();
    assertTrue(stored.containsAll(acknowledged));
    for (int j = 0; j < 10; j++) {
      assertFalse(stored.contains(itemId(failedCall, j)), "a failed call left event " + j);
    }
    assertEquals(
        1,
        live.engine
            .personalize()
            .listDatasetGroups(ListDatasetGroupsRequest.builder().build())
            .datasetGroups()
            .size());
    // A control-plane write fails whole as well: no schema of a failed call exists later.
    Set<String> failedSchemas = new HashSet<>();
    for (int k = 0; k < 100; k++) {
      try {
        Fixtures.schema(live.engine.personalize(), "extra" + k, Fixtures.INTERACTIONS_SCHEMA);
      } catch (InternalFailureException e) {
        failedSchemas.add("extra" + k);
      }
    }
    assertFalse(failedSchemas.isEmpty());

    live.engine.store().simulateFault(Store.Fault.NONE, 0);
    live.engine.events().putEvents(live.batch(failedCall)); // the same call, now accepted
    addBatch(acknowledged, failedCall);
    Fixtures.schema(live.engine.personalize(), "after", Fixtures.INTERACTIONS_SCHEMA);
    live.engine.close();

    assertEquals("ok", integrityCheck(dir.resolve(Store.DB_FILE)));
    try (OpenPersonalize reopened = OpenPersonalize.open(dir)) {
      Live again = new Live(reopened, live.group, live.dataset, live.trackingId);
      assertTrue(again.storedItems().containsAll(acknowledged));
      Set<String> schemas = new HashSet<>();
      reopened
          .personalize()
          .listSchemas(ListSchemasRequest.builder().build())
          .schemas()
          .forEach(s -> schemas.add(s.name()));
      assertTrue(schemas.contains("after"));
      for (String name : failedSchemas) {
        assertFalse(schemas.contains(name), "a failed CreateSchema left " + name);
      }
    }
  }

  @Test
  void fullDiskFailsTheImportJobWithAReasonAndALaterJobLands() throws Exception {
    Live live = Live.open(dir, 2);
    try {
      Path csv = Fixtures.interactionsCsv(dir, "data.csv", 3000, 1);
      live.engine.store().simulateFault(Store.Fault.DISK_FULL, 1); // the job's own row fits
      DatasetImportJob job =
          Fixtures.importAndWait(live.engine, "full", live.dataset, csv, ImportMode.FULL);
      assertEquals("CREATE FAILED", job.status());
      assertTrue(job.failureReason().contains("disk"), job.failureReason());
      assertEquals(0, live.engine.trainingData(live.group).interactions().size());

      live.engine.store().simulateFault(Store.Fault.NONE, 0);
      assertEquals(
          "ACTIVE",
          Fixtures.importAndWait(live.engine, "later", live.dataset, csv, ImportMode.FULL)
              .status());
      assertEquals(3000, live.engine.trainingData(live.group).interactions().size());
    } finally {
      live.engine.close();
    }
  }

  @Test
  void readOnlyFileFailsWritesKeepsReadsAndRecovers() {
    Live live = Live.open(dir, 2);
    try {
      live.engine.store().simulateFault(Store.Fault.READ_ONLY, 0);
      InternalFailureException e =
          assertThrows(
              InternalFailureException.class, () -> live.engine.events().putEvents(live.batch(1)));
      assertTrue(e.getMessage().contains("read-only"), e.getMessage());
      assertFalse(e.getMessage().contains("cannot commit"), e.getMessage());
      assertThrows(
          InternalFailureException.class,
          () ->
              live.engine
                  .personalize()
                  .createDatasetGroup(CreateDatasetGroupRequest.builder().name("g2").build()));
      assertEquals(0, live.engine.trainingData(live.group).interactions().size());
      assertEquals(
          1,
          live.engine
              .personalize()
              .listDatasetGroups(ListDatasetGroupsRequest.builder().build())
              .datasetGroups()
              .size());

      live.engine.store().simulateFault(Store.Fault.NONE, 0);
      live.engine.events().putEvents(live.batch(1));
      live.engine
          .personalize()
          .createDatasetGroup(CreateDatasetGroupRequest.builder().name("g2").build());
      assertEquals(10, live.engine.trainingData(live.group).interactions().size());
    } finally {
      live.engine.close();
    }
  }

  @Test
  void importWorkerSurvivesAFailedStatusWriteAndRecordsTheFailure() throws Exception {
    // One worker thread: if it died, the second job would never run.
    Live live = Live.open(dir, 1);
    try {
      Path csv = Fixtures.interactionsCsv(dir, "data.csv", 2000, 3);
      long failedBefore = live.engine.store().failedWrites();
      // The job's creation commits; then every write fails, its status writes included.
      live.engine.store().simulateFault(Store.Fault.READ_ONLY, 1);
      String job =
          live.engine
              .personalize()
              .createDatasetImportJob(
                  CreateDatasetImportJobRequest.builder()
                      .jobName("ro")
                      .datasetArn(live.dataset)
                      .dataSource(d -> d.dataLocation(csv.toString()))
                      .build())
              .datasetImportJobArn();
      // Ordering, not time: wait until the worker's first status write and its retry failed.
      while (live.engine.store().failedWrites() < failedBefore + 2) {
        Thread.sleep(10);
      }
      assertEquals("CREATE PENDING", describe(live.engine, job).status());
      live.engine.store().simulateFault(Store.Fault.NONE, 0);
      assertEquals("CREATE FAILED", live.engine.awaitCompletion(job, Duration.ofMinutes(2)));
      String reason = describe(live.engine, job).failureReason();
      assertTrue(reason.contains("read-only"), reason);
      assertEquals(
          "ACTIVE",
          Fixtures.importAndWait(live.engine, "again", live.dataset, csv, ImportMode.FULL)
              .status());
    } finally {
      live.engine.close();
    }
  }

  @Test
  void aShortLockOfAnotherConnectionIsWaitedOutAndReadsPassIt() throws Exception {
    Live live = Live.open(dir, 2);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection other =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Store.DB_FILE))) {
      try (Statement s = other.createStatement()) {
        s.execute("BEGIN IMMEDIATE"); // what a sqlite3 shell holds inside a write transaction
      }
      Future<?> put = pool.submit(() -> live.engine.events().putEvents(live.batch(1)));
      // Reads are not blocked by the other writer (WAL): this returns while it holds the lock.
      assertEquals(0, live.engine.trainingData(live.group).interactions().size());
      Thread.sleep(200);
      try (Statement s = other.createStatement()) {
        s.execute("COMMIT");
      }
      put.get(1, TimeUnit.MINUTES); // waited for the lock instead of failing with SQLITE_BUSY
      assertEquals(10, live.engine.trainingData(live.group).interactions().size());
    } finally {
      pool.shutdownNow();
      live.engine.close();
    }
  }

  @Test
  void aLockHeldPastTheBusyTimeoutIsARetryableInternalFailure() throws Exception {
    Live live = Live.open(dir, 2);
    try (Connection other =
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Store.DB_FILE))) {
      try (Statement s = other.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
      }
      InternalFailureException e =
          assertThrows(
              InternalFailureException.class, () -> live.engine.events().putEvents(live.batch(1)));
      assertTrue(e.retryable());
      assertTrue(e.getMessage().contains("lock"), e.getMessage());
      try (Statement s = other.createStatement()) {
        s.execute("ROLLBACK");
      }
      live.engine.events().putEvents(live.batch(1));
      assertEquals(10, live.engine.trainingData(live.group).interactions().size());
    } finally {
      live.engine.close();
    }
  }

  @Test
  void readsDoNotWaitForAWriteTransaction() throws Exception {
    Live live = Live.open(dir, 2);
    live.engine.events().putEvents(live.batch(1));
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () ->
                live.engine
                    .store()
                    .inTransaction(
                        c -> {
                          try (Statement s = c.createStatement()) {
                            s.execute("CREATE TABLE held (x INTEGER)");
                          }
                          writing.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return null;
                        }));
    try {
      writing.await();
      // Four threads read while the writer holds its transaction open: if reads took the
      // writer's lock, none of these could return before release.
      ExecutorService readers = Executors.newFixedThreadPool(4);
      List<Future<Integer>> reads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        reads.add(readers.submit(() -> live.engine.trainingData(live.group).interactions().size()));
      }
      for (Future<Integer> f : reads) {
        assertEquals(10, f.get(1, TimeUnit.MINUTES));
      }
      readers.shutdown();
      assertFalse(writer.isDone());
    } finally {
      release.countDown();
      writer.get(1, TimeUnit.MINUTES);
      live.engine.close();
    }
  }

  @Test
  void aRefusedSecondOpenLeaksNoFileDescriptor() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "needs /proc (Linux)");
    try (OpenPersonalize first = OpenPersonalize.open(dir)) {
      assertThrows(PersonalizeException.class, () -> OpenPersonalize.open(dir)); // warm-up
      long before = count(fds);
      for (int i = 0; i < 50; i++) {
        assertThrows(PersonalizeException.class, () -> OpenPersonalize.open(dir));
      }
      assertEquals(before, count(fds));
      assertNotNull(first.personalize());
    }
  }

  @Test
  void anOpenThatFailsOnADamagedFileLeaksNoFileDescriptor() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "needs /proc (Linux)");
    byte[] garbage = new byte[8192];
    new java.util.SplittableRandom(5).nextBytes(garbage);
    Files.write(dir.resolve(Store.DB_FILE), garbage);
    assertThrows(PersonalizeException.class, () -> OpenPersonalize.open(dir)); // warm-up
    long before = count(fds);
    for (int i = 0; i < 50; i++) {
      assertThrows(PersonalizeException.class, () -> OpenPersonalize.open(dir));
    }
    assertEquals(before, count(fds));
  }

  private static long count(Path fds) throws IOException {
    try (Stream<Path> s = Files.list(fds)) {
      return s.count();
    }
  }

  private static DatasetImportJob describe(OpenPersonalize engine, String job) {
    return engine
        .personalize()
        .describeDatasetImportJob(
            DescribeDatasetImportJobRequest.builder().datasetImportJobArn(job).build())
        .datasetImportJob();
  }

  private static void addBatch(Set<String> acknowledged, int call) {
    for (int j = 0; j < 10; j++) {
      acknowledged.add(itemId(call, j));
    }
  }

  static String integrityCheck(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
