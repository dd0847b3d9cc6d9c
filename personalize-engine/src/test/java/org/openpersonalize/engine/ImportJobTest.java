package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.Interactions;

class ImportJobTest {
  @TempDir Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String interactions;
  String items;

  @BeforeEach
  void setUp() {
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("movies").build())
            .datasetGroupArn();
    interactions =
        Fixtures.dataset(
            p,
            group,
            "Interactions",
            Fixtures.schema(p, "interactions", Fixtures.INTERACTIONS_SCHEMA));
    items = Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "items", Fixtures.ITEMS_SCHEMA));
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private List<String> snapshot() {
    DatasetGroupData d = engine.trainingData(group);
    Interactions x = d.interactions();
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < x.size(); i++) {
      rows.add(
          d.users().id(x.user()[i])
              + ","
              + d.items().id(x.item()[i])
              + ","
              + x.timestamp()[i]
              + ","
              + (x.eventType()[i] < 0 ? "" : x.eventTypes().id(x.eventType()[i]))
              + ","
              + x.eventValue()[i]);
    }
    Collections.sort(rows);
    return rows;
  }

  private Path withBadLine(String name, int lineIndex, String badLine) throws IOException {
    Path good = Fixtures.interactionsCsv(dir, "good-" + name, 1500, 7);
    List<String> lines = new ArrayList<>(Files.readAllLines(good, StandardCharsets.UTF_8));
    lines.set(lineIndex, badLine);
    Path p = dir.resolve(name);
    Files.write(p, lines, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void importLoadsEveryRowAndReportsActive() throws IOException {
    Path csv = Fixtures.interactionsCsv(dir, "x.csv", 2000, 1);
    DatasetImportJob job =
        Fixtures.importAndWait(engine, "bulk", interactions, csv, ImportMode.FULL);
    assertEquals("ACTIVE", job.status(), job.failureReason());
    assertEquals(2000, snapshot().size());
  }

  @Test
  void failedImportNamesTheRowAndKeepsDataset() throws IOException {
    Fixtures.importAndWait(
        engine,
        "first",
        interactions,
        Fixtures.interactionsCsv(dir, "a.csv", 1200, 3),
        ImportMode.FULL);
    List<String> before = snapshot();

    // Line index 41 is row 42 of the file (the header is row 1).
    Path bad = withBadLine("ts.csv", 41, "u1,i1,yesterday,click,1.0");
    DatasetImportJob job = Fixtures.importAndWait(engine, "ts", interactions, bad, ImportMode.FULL);
    assertEquals("CREATE FAILED", job.status());
    assertTrue(job.failureReason().contains("row 42"), job.failureReason());
    assertTrue(job.failureReason().contains("TIMESTAMP"), job.failureReason());
    assertTrue(job.failureReason().contains("yesterday"), job.failureReason());
    assertTrue(job.failureReason().contains("ts.csv"), job.failureReason());
    assertEquals(before, snapshot());
  }

  @Test
  void wrongHeaderFailsAndKeepsDataset() throws IOException {
    Fixtures.importAndWait(
        engine,
        "first",
        interactions,
        Fixtures.interactionsCsv(dir, "a.csv", 1200, 3),
        ImportMode.FULL);
    List<String> before = snapshot();
    Path bad = withBadLine("header.csv", 0, "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE");
    DatasetImportJob job =
        Fixtures.importAndWait(engine, "hdr", interactions, bad, ImportMode.FULL);
    assertEquals("CREATE FAILED", job.status());
    assertTrue(
        job.failureReason().contains("Input CSV is missing the following columns:[EVENT_VALUE]"),
        job.failureReason());
    assertEquals(before, snapshot());
  }

  @Test
  void overlongItemIdFailsAndKeepsDataset() throws IOException {
    Fixtures.importAndWait(
        engine,
        "first",
        interactions,
        Fixtures.interactionsCsv(dir, "a.csv", 1200, 3),
        ImportMode.FULL);
    List<String> before = snapshot();
    Path bad = withBadLine("long.csv", 10, "u1," + "x".repeat(257) + ",1600000000,click,1.0");
    DatasetImportJob job =
        Fixtures.importAndWait(engine, "long", interactions, bad, ImportMode.FULL);
    assertEquals("CREATE FAILED", job.status());
    assertTrue(job.failureReason().contains("row 11"), job.failureReason());
    assertTrue(
        job.failureReason().contains("Length cannot be more than 256 characters for ITEM_ID"),
        job.failureReason());
    assertEquals(before, snapshot());
  }

  @Test
  void unterminatedQuoteFailsAndKeepsDataset() throws IOException {
    Fixtures.importAndWait(
        engine,
        "first",
        interactions,
        Fixtures.interactionsCsv(dir, "a.csv", 1200, 3),
        ImportMode.FULL);
    List<String> before = snapshot();
    Path good = Fixtures.interactionsCsv(dir, "q-good.csv", 1500, 9);
    String text = Files.readString(good) + "u1,\"i1,1600000000,click,1.0\n";
    Path bad = dir.resolve("quote.csv");
    Files.writeString(bad, text);
    DatasetImportJob job =
        Fixtures.importAndWait(engine, "quote", interactions, bad, ImportMode.FULL);
    assertEquals("CREATE FAILED", job.status());
    assertTrue(job.failureReason().contains("row 1502"), job.failureReason());
    assertTrue(job.failureReason().toLowerCase().contains("quote"), job.failureReason());
    assertEquals(before, snapshot());
  }

  @Test
  void fullImportReplacesBulkDataAndIncrementalAppends() throws IOException {
    Fixtures.importAndWait(
        engine,
        "one",
        interactions,
        Fixtures.interactionsCsv(dir, "a.csv", 1500, 1),
        ImportMode.FULL);
    Fixtures.importAndWait(
        engine,
        "two",
        interactions,
        Fixtures.interactionsCsv(dir, "b.csv", 1100, 2),
        ImportMode.FULL);
    assertEquals(1100, snapshot().size());
    // The same file again, incrementally: every row is an exact duplicate and is dropped.
    DatasetImportJob again =
        Fixtures.importAndWait(
            engine, "three", interactions, dir.resolve("b.csv"), ImportMode.INCREMENTAL);
    assertEquals("ACTIVE", again.status(), again.failureReason());
    assertEquals(1100, snapshot().size());
  }

  @Test
  void firstImportCannotBeIncremental() throws IOException {
    Path csv = Fixtures.interactionsCsv(dir, "a.csv", 1500, 1);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createDatasetImportJob(
                    CreateDatasetImportJobRequest.builder()
                        .jobName("inc")
                        .datasetArn(interactions)
                        .dataSource(d -> d.dataLocation(csv.toString()))
                        .importMode(ImportMode.INCREMENTAL)
                        .build()));
    assertTrue(e.getMessage().contains("must be FULL"), e.getMessage());
  }

  @Test
  void interactionsJobNeedsAThousandRecords() throws IOException {
    Path csv = Fixtures.interactionsCsv(dir, "small.csv", 999, 1);
    DatasetImportJob job =
        Fixtures.importAndWait(engine, "small", interactions, csv, ImportMode.FULL);
    assertEquals("CREATE FAILED", job.status());
    assertTrue(job.failureReason().contains("at least 1000 records"), job.failureReason());
    assertEquals(0, snapshot().size());
  }

  @Test
  void folderAndFileUriLocationsWork() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("parts"));
    Fixtures.interactionsCsv(folder, "part-1.csv", 600, 1);
    Fixtures.interactionsCsv(folder, "part-2.csv", 600, 2);
    Files.createDirectory(folder.resolve("nested"));
    Fixtures.interactionsCsv(folder.resolve("nested"), "ignored.csv", 600, 3);
    DatasetImportJob job =
        Fixtures.importAndWait(engine, "folder", interactions, folder, ImportMode.FULL);
    assertEquals("ACTIVE", job.status(), job.failureReason());
    assertEquals(1200, snapshot().size());

    Path one = Fixtures.interactionsCsv(dir, "uri.csv", 1000, 4);
    String arn =
        p.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName("uri")
                    .datasetArn(interactions)
                    .dataSource(d -> d.dataLocation(one.toUri().toString()))
                    .build())
            .datasetImportJobArn();
    assertEquals("ACTIVE", engine.awaitCompletion(arn, java.time.Duration.ofMinutes(1)));
    assertEquals(1000, snapshot().size());
  }

  @Test
  void remoteAndMissingLocationsAreRejected() {
    InvalidInputException s3 =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createDatasetImportJob(
                    CreateDatasetImportJobRequest.builder()
                        .jobName("s3")
                        .datasetArn(interactions)
                        .dataSource(d -> d.dataLocation("s3://bucket/data.csv"))
                        .build()));
    assertTrue(s3.getMessage().contains("s3://bucket/data.csv"), s3.getMessage());
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createDatasetImportJob(
                    CreateDatasetImportJobRequest.builder()
                        .jobName("missing")
                        .datasetArn(interactions)
                        .dataSource(d -> d.dataLocation(dir.resolve("nope.csv").toString()))
                        .build()));
    assertTrue(missing.getMessage().contains("nope.csv"), missing.getMessage());
    assertEquals(
        0,
        p.listDatasetImportJobs(
                ListDatasetImportJobsRequest.builder().datasetArn(interactions).build())
            .datasetImportJobs()
            .size());
  }

  @Test
  void itemsAreUpsertedById() throws IOException {
    Path a = dir.resolve("items-a.csv");
    Files.writeString(
        a,
        Fixtures.ITEMS_HEADER
            + "\ni1,Action|Comedy,1999,\"Heat, the \"\"movie\"\"\"\ni2,Drama,2001,Solo\n");
    assertEquals(
        "ACTIVE", Fixtures.importAndWait(engine, "ia", items, a, ImportMode.FULL).status());
    Path b = dir.resolve("items-b.csv");
    Files.writeString(b, Fixtures.ITEMS_HEADER + "\ni2,Horror,2002,Solo II\ni3,,,\n");
    DatasetImportJob inc = Fixtures.importAndWait(engine, "ib", items, b, ImportMode.INCREMENTAL);
    assertEquals("ACTIVE", inc.status(), inc.failureReason());
    DatasetGroupData d = engine.trainingData(group);
    assertEquals(3, d.items().size());
    var genres = d.itemMetadata().categorical().get(0);
    int i1 = d.items().indexOf("i1");
    int i2 = d.items().indexOf("i2");
    assertEquals(2, genres.offsets()[i1 + 1] - genres.offsets()[i1]);
    assertEquals("Horror", genres.values().id(genres.valueIndex()[genres.offsets()[i2]]));
    assertEquals(2002.0, d.itemMetadata().numeric().get(0).values()[i2]);
  }
}
