package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionVersion;

/**
 * The Interactions rules of spec §1.4, §1.6 and §2.1 that are about the whole dataset: at most 10
 * distinct event types and optional columns combined (at import and at training), and the size of
 * an import job's input.
 */
class InteractionLimitsTest {
  @TempDir Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String interactions;

  @BeforeEach
  void setUp() {
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    // Optional columns: EVENT_TYPE and EVENT_VALUE, so 8 event types fit and 9 do not.
    interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private Path csv(String name, int types) throws IOException {
    StringBuilder sb = new StringBuilder(Fixtures.INTERACTIONS_HEADER).append('\n');
    for (int k = 0; k < 1200; k++) {
      sb.append('u').append(k % 60).append(",i").append(k % 40).append(',');
      sb.append(1_600_000_000L + k).append(",type").append(k % types).append(",1.0\n");
    }
    Path f = dir.resolve(name);
    Files.writeString(f, sb, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void importWithMoreThanTenEventTypesAndOptionalColumnsFailsAndKeepsTheDataset()
      throws IOException {
    var tooMany =
        Fixtures.importAndWait(engine, "nine", interactions, csv("9.csv", 9), ImportMode.FULL);
    assertEquals("CREATE FAILED", tooMany.status());
    assertEquals(
        "The Item interactions dataset has more than 10 unique event types and optional columns"
            + " combined (9 event types + 2 optional columns = 11); more than 10 unique event"
            + " types and optional columns will cause model training to fail",
        tooMany.failureReason());
    assertEquals(0, engine.trainingData(group).interactions().size());
    var fits =
        Fixtures.importAndWait(engine, "eight", interactions, csv("8.csv", 8), ImportMode.FULL);
    assertEquals("ACTIVE", fits.status(), fits.failureReason());
    assertEquals(1200, engine.trainingData(group).interactions().size());
  }

  @Test
  void trainingFailsWhenPutEventsAddsTheEleventh() throws IOException {
    var fits =
        Fixtures.importAndWait(engine, "eight", interactions, csv("8.csv", 8), ImportMode.FULL);
    assertEquals("ACTIVE", fits.status(), fits.failureReason());
    String trackingId =
        p.createEventTracker(
                CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
            .trackingId();
    engine
        .events()
        .putEvents(
            PutEventsRequest.builder()
                .trackingId(trackingId)
                .userId("u1")
                .sessionId("s1")
                .eventList(
                    Event.builder()
                        .eventType("share")
                        .itemId("i1")
                        .sentAt(Instant.ofEpochSecond(1_600_000_000L))
                        .build())
                .build());
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("pop")
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/aws-popularity-count")
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    engine.awaitCompletion(version, Duration.ofMinutes(2));
    SolutionVersion v =
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
            .solutionVersion();
    assertEquals("CREATE FAILED", v.status());
    assertEquals(
        "Create failed. The Item interactions dataset has more than 10 unique event types and"
            + " optional columns combined (9 event types + 2 optional columns = 11); more than 10"
            + " unique event types and optional columns will cause model training to fail.",
        v.failureReason());
  }

  @Test
  void incrementalImportOverOneGigabyteFailsBeforeReadingAByte() throws IOException {
    var first =
        Fixtures.importAndWait(engine, "first", interactions, csv("8.csv", 8), ImportMode.FULL);
    assertEquals("ACTIVE", first.status(), first.failureReason());
    // A sparse file: its length is past the limit, its blocks are not on the disk.
    Path big = dir.resolve("big.csv");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength((1L << 30) + 1);
    }
    var job = Fixtures.importAndWait(engine, "big", interactions, big, ImportMode.INCREMENTAL);
    assertEquals("CREATE FAILED", job.status());
    assertEquals(
        "dataLocation must hold at most 1 GB for an INCREMENTAL import job; got: 1073741825 bytes"
            + " in "
            + big,
        job.failureReason());
    assertEquals(1200, engine.trainingData(group).interactions().size());
  }
}
