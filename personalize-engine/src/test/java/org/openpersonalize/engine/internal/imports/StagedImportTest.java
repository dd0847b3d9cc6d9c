package org.openpersonalize.engine.internal.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.DescribeDatasetImportJobRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.internal.store.Store;

/**
 * Imports stage their rows in chunks and publish them in one transaction (issue 9): while an import
 * has staged every row and not yet published, PutEvents is served and no staged row is visible (the
 * rows wait in a staging file of the import's own, which only the publishing transaction attaches);
 * publishing makes all of them visible at once and deletes the file; a bad row after several chunks
 * leaves nothing; a kill -9 between staging and publishing leaves nothing visible either, and the
 * next open fails the job and deletes the file the kill left. Orderings are forced with the {@link
 * ImportJobRunner#beforePublish} hook, never with sleeps or clocks; row counts are read through a
 * separate read-only SQLite connection.
 */
class StagedImportTest {
  static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}"
          + "],\"version\":\"1.0\"}";

  /** More than two chunks, so staging commits several times before the publish. */
  static final int ROWS = ChunkedStager.CHUNK_ROWS * 2 + 500;

  /** The longest the test waits for anything before it reports a hang instead of hanging. */
  static final long HANG_GUARD_SECONDS = 120;

  @TempDir Path dir;

  @AfterEach
  void clearHook() {
    ImportJobRunner.beforePublish = () -> {};
  }

  /** An engine's dataset group with an Interactions dataset and an event tracker. */
  record Setup(String datasetArn, String trackingId) {
    static Setup create(OpenPersonalize engine) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
              .datasetGroupArn();
      String schema =
          p.createSchema(CreateSchemaRequest.builder().name("s").schema(SCHEMA).build())
              .schemaArn();
      String dataset =
          p.createDataset(
                  CreateDatasetRequest.builder()
                      .name("interactions")
                      .datasetGroupArn(group)
                      .datasetType("Interactions")
                      .schemaArn(schema)
                      .build())
              .datasetArn();
      String tracking =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
      return new Setup(dataset, tracking);
    }
  }

  @Test
  void putEventsIsServedWhileAnImportIsStagedAndStagedRowsAppearOnlyAtPublish() throws Exception {
    Path csv = csv(dir, "bulk.csv", ROWS, -1);
    Path store = dir.resolve("store");
    CountDownLatch staged = new CountDownLatch(1);
    CountDownLatch publish = new CountDownLatch(1);
    ImportJobRunner.beforePublish =
        () -> {
          staged.countDown();
          await(publish);
        };
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      Setup s = Setup.create(engine);
      String job = startImport(engine, s.datasetArn(), csv, ImportMode.FULL);
      assertTrue(staged.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS), "the import never staged");

      // The import holds staged rows and waits to publish: a PutEvents call is served meanwhile
      // (before this change it waited for the import's one transaction, here forever).
      CompletableFuture<Void> put =
          CompletableFuture.runAsync(() -> engine.events().putEvents(event(s.trackingId(), 1)));
      put.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
      assertEquals(1, visibleRows(store), "only the PutEvents row is visible before the publish");
      assertEquals(0, stagingTables(store), "no other connection sees the staging table");
      assertEquals("CREATE IN_PROGRESS", describe(engine, job).status());
      assertEquals(1, stagingFiles(store), "the staged rows wait in the import's own file");

      publish.countDown();
      assertEquals("ACTIVE", engine.awaitCompletion(job, Duration.ofMinutes(2)));
      assertEquals(0, stagingFiles(store), "a published import deletes its staging file");
    }
    assertEquals(ROWS + 1, visibleRows(store));
    assertEquals(0, stagingTables(store));
  }

  @Test
  void aBadRowAfterSeveralChunksLeavesNothing() throws Exception {
    Path csv = csv(dir, "bad.csv", ROWS, ROWS - 10);
    Path store = dir.resolve("store");
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      Setup s = Setup.create(engine);
      String job = startImport(engine, s.datasetArn(), csv, ImportMode.FULL);
      assertEquals("CREATE FAILED", engine.awaitCompletion(job, Duration.ofMinutes(2)));
      String reason = describe(engine, job).failureReason();
      assertTrue(reason.contains("row " + (ROWS - 10 + 2)), reason);
    }
    assertEquals(0, visibleRows(store));
    assertEquals(0, stagingTables(store));
    assertEquals(0, stagingFiles(store), "a failed import deletes its staging file");
  }

  @Test
  void aFullImportStillReplacesEarlierBulkRowsAndKeepsStreamedEvents() throws Exception {
    Path first = csv(dir, "first.csv", ROWS, -1);
    Path second = dir.resolve("second.csv");
    // The second file: the first 1,000 rows of the first, so a FULL import keeps only those.
    List<String> lines = Files.readAllLines(first);
    Files.write(second, lines.subList(0, 1001));
    Path store = dir.resolve("store");
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      Setup s = Setup.create(engine);
      String a = startImport(engine, s.datasetArn(), first, ImportMode.FULL);
      assertEquals("ACTIVE", engine.awaitCompletion(a, Duration.ofMinutes(2)));
      engine.events().putEvents(event(s.trackingId(), 2));
      String b = startImport(engine, s.datasetArn(), second, ImportMode.FULL);
      assertEquals("ACTIVE", engine.awaitCompletion(b, Duration.ofMinutes(2)));
    }
    assertEquals(1000 + 1, visibleRows(store));
  }

  /**
   * The child of {@link #aKillBetweenStagingAndPublishLeavesNothing}: starts an import that stops
   * before publishing, prints {@code STAGED} and waits to be killed.
   */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      CountDownLatch never = new CountDownLatch(1);
      ImportJobRunner.beforePublish =
          () -> {
            System.out.println("STAGED");
            System.out.flush();
            await(never);
          };
      OpenPersonalize engine = OpenPersonalize.open(Path.of(args[0]));
      Setup s = Setup.create(engine);
      engine.events().putEvents(event(s.trackingId(), 3));
      System.out.println(
          "JOB " + startImport(engine, s.datasetArn(), Path.of(args[1]), ImportMode.FULL));
      System.out.flush();
      never.await();
    }
  }

  @Test
  void aKillBetweenStagingAndPublishLeavesNothing() throws Exception {
    Path csv = csv(dir, "bulk.csv", ROWS, -1);
    Path store = dir.resolve("store");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                store.toString(),
                csv.toString())
            .redirectErrorStream(true)
            .start();
    String job = null;
    List<String> output = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        output.add(line);
        if (line.startsWith("JOB ")) {
          job = line.substring(4);
        } else if (line.equals("STAGED")) {
          break;
        }
      }
      assertTrue(output.contains("STAGED"), "the child never staged: " + output);
      child.destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertEquals("ok", integrityCheck(store));
    assertEquals(1, visibleRows(store), "only the acknowledged PutEvents row survives the kill");
    assertEquals(0, stagingTables(store), "a staging table never reaches the database file");
    assertEquals(1, stagingFiles(store), "the kill leaves the import's staging file behind");
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      // The job may print after STAGED; if not read yet, the only job is the one started.
      String arn = job != null ? job : onlyJob(engine);
      DatasetImportJob d = describe(engine, arn);
      assertEquals("CREATE FAILED", d.status());
      assertEquals(0, stagingFiles(store), "the open deletes the staging file the kill left");
    }
    assertEquals(1, visibleRows(store));
  }

  // ---- helpers ----

  static String startImport(OpenPersonalize engine, String dataset, Path csv, ImportMode mode) {
    return engine
        .personalize()
        .createDatasetImportJob(
            CreateDatasetImportJobRequest.builder()
                .jobName("job-" + csv.getFileName().toString().replace('.', '-'))
                .datasetArn(dataset)
                .dataSource(d -> d.dataLocation(csv.toString()))
                .importMode(mode)
                .build())
        .datasetImportJobArn();
  }

  static DatasetImportJob describe(OpenPersonalize engine, String job) {
    return engine
        .personalize()
        .describeDatasetImportJob(
            DescribeDatasetImportJobRequest.builder().datasetImportJobArn(job).build())
        .datasetImportJob();
  }

  private static String onlyJob(OpenPersonalize engine) {
    var jobs =
        engine
            .personalize()
            .listDatasetImportJobs(
                org.openpersonalize.api.model.ListDatasetImportJobsRequest.builder().build())
            .datasetImportJobs();
    assertEquals(1, jobs.size());
    return jobs.get(0).datasetImportJobArn();
  }

  static PutEventsRequest event(String trackingId, int k) {
    return PutEventsRequest.builder()
        .trackingId(trackingId)
        .userId("streamed")
        .sessionId("s")
        .eventList(
            Event.builder()
                .eventType("click")
                .itemId("i" + k)
                .sentAt(Instant.ofEpochSecond(1_700_000_000L + k))
                .build())
        .build();
  }

  /**
   * {@code rows} distinct interactions; row {@code badRow} (0-based, or -1) has a bad timestamp.
   */
  static Path csv(Path dir, String name, int rows, int badRow) throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    StringBuilder sb = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
    for (int i = 0; i < rows; i++) {
      sb.append('u')
          .append(rnd.nextInt(300))
          .append(",i")
          .append(rnd.nextInt(500))
          .append(',')
          .append(i == badRow ? "yesterday" : Long.toString(1_600_000_000L + i))
          .append(",click\n");
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb, StandardCharsets.UTF_8);
    return p;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Connection open(Path store) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + store.resolve(Store.DB_FILE));
  }

  /** Rows of the dataset's table, the one readers and training see. */
  static long visibleRows(Path store) throws SQLException {
    return sum(store, "name LIKE 'ds%interactions'");
  }

  /** Staging files under the engine directory. */
  static long stagingFiles(Path store) throws IOException {
    Path folder = store.resolve("staging");
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (var files = Files.list(folder)) {
      return files.count();
    }
  }

  static long stagingTables(Path store) throws SQLException {
    try (Connection c = open(store);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE"
                    + " 'stage%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long sum(Path store, String where) throws SQLException {
    try (Connection c = open(store)) {
      List<String> tables = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND " + where)) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      long n = 0;
      for (String t : tables) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
          rs.next();
          n += rs.getLong(1);
        }
      }
      return n;
    }
  }

  static String integrityCheck(Path store) throws SQLException {
    try (Connection c = open(store);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
