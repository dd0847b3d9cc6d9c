package org.openpersonalize.engine.internal.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.store.Store;

/**
 * The runner shared by batch jobs, with a scorer that echoes a field: statuses, per-line errors,
 * output files named after the input, the output location rules, atomic output and progress.
 */
class BatchJobRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Store store;
  EngineContext ctx;
  List<String> progress = new CopyOnWriteArrayList<>();
  BatchJobRunner runner;

  /** A job kept in memory: its statuses in order, the last reason and counts. */
  static final class FakeJob implements BatchJob {
    final String input;
    final String output;
    final LineScorer scorer;
    final List<Status> statuses = new CopyOnWriteArrayList<>();
    volatile String reason;
    volatile Counts counts;

    FakeJob(String input, String output, LineScorer scorer) {
      this.input = input;
      this.output = output;
      this.scorer = scorer;
    }

    @Override
    public String arn() {
      return "arn:aws:personalize:local:000000000000:batch-inference-job/fake";
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public String input() {
      return input;
    }

    @Override
    public String output() {
      return output;
    }

    @Override
    public LineScorer open() {
      return scorer;
    }

    @Override
    public Store.Work<Void> update(Status status, String why, Counts c) {
      return conn -> {
        if (statuses.isEmpty() || statuses.get(statuses.size() - 1) != status) {
          statuses.add(status);
        }
        reason = why;
        if (c != Counts.NONE) {
          counts = c;
        }
        return null;
      };
    }
  }

  /** Answers {"echo": userId}; a line without userId fails through BatchLines. */
  static final LineScorer ECHO =
      block -> {
        for (int i = 0; i < block.size(); i++) {
          try {
            String user = BatchLines.requiredString(block.input(i), "userId");
            block.answer(i, BatchLines.object().put("echo", user));
          } catch (BatchLines.LineError e) {
            block.fail(i, e.getMessage());
          }
        }
      };

  @BeforeEach
  void setUp() {
    store = Store.inMemory();
    ctx = new EngineContext(store, Clock.systemUTC(), Executors.newSingleThreadExecutor());
    runner = new BatchJobRunner(ctx, (arn, f, m) -> progress.add(m));
  }

  @AfterEach
  void tearDown() {
    ctx.executor().shutdownNow();
    ctx.shutdown();
    store.close();
  }

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  void everyLineGetsOneOutputLineInOrderAndBadLinesAnErrorWhileTheJobGoesOn() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    StringBuilder sb = new StringBuilder();
    int n = 3 * BatchJobRunner.BLOCK + 17;
    for (int u = 0; u < n; u++) {
      if (u == 5) {
        sb.append("{not json\n");
      } else if (u == 300) {
        sb.append("{\"itemId\":\"x\"}\n");
      } else if (u == 400) {
        sb.append("\n");
      } else {
        sb.append("{\"userId\":\"u").append(u).append("\"}\n");
      }
    }
    Files.writeString(in.resolve("a.json"), sb);
    Files.writeString(in.resolve("b.json"), "{\"userId\":\"only\"}\n");
    FakeJob job = new FakeJob(in.toString(), dir.resolve("out").toUri().toString(), ECHO);
    runner.run(job);
    assertEquals(List.of(Status.CREATE_IN_PROGRESS, Status.ACTIVE), job.statuses, job.reason);
    List<JsonNode> a = read(dir.resolve("out/a.json.out"));
    assertEquals(n - 1, a.size());
    assertEquals("u0", a.get(0).get("output").get("echo").asText());
    assertTrue(a.get(0).get("error").isNull());
    assertTrue(a.get(5).get("output").isNull());
    assertTrue(a.get(5).get("error").asText().contains("not valid JSON"), a.get(5).toString());
    assertEquals("{not json", a.get(5).get("input").asText());
    assertEquals("x", a.get(300).get("input").get("itemId").asText());
    assertTrue(a.get(300).get("error").asText().contains("userId"));
    // Line 400 was blank: no output line, so line 401 of the input is entry 400.
    assertEquals("u401", a.get(400).get("output").get("echo").asText());
    assertEquals(1, read(dir.resolve("out/b.json.out")).size());
    assertEquals(new BatchJob.Counts(n, n, 2), job.counts);
    assertTrue(
        progress.get(progress.size() - 1).startsWith("lines " + n + " of " + n),
        progress.toString());
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      assertEquals(2, files.count(), "no temporary file is left");
    }
  }

  @Test
  void aMissingInputFailsTheJobWithTheReason() {
    FakeJob job =
        new FakeJob(dir.resolve("nothing.json").toString(), dir.resolve("out").toString(), ECHO);
    runner.run(job);
    assertEquals(List.of(Status.CREATE_IN_PROGRESS, Status.CREATE_FAILED), job.statuses);
    assertTrue(job.reason.startsWith("Invalid S3 input path."), job.reason);
    assertTrue(job.reason.contains("nothing.json"), job.reason);
    assertFalse(Files.exists(dir.resolve("out/nothing.json.out")));
  }

  @Test
  void theOutputMustBeOutsideTheInputFolder() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.json"), "{\"userId\":\"u\"}\n");
    InvalidInputException inside =
        assertThrows(
            InvalidInputException.class,
            () -> BatchLocation.check(in.toString(), in.resolve("out").toString()));
    assertTrue(inside.getMessage().startsWith("Invalid S3 output path."), inside.getMessage());
    assertThrows(
        InvalidInputException.class, () -> BatchLocation.check(in.toString(), in.toString()));
    // A file input: its folder is the input location.
    assertThrows(
        InvalidInputException.class,
        () -> BatchLocation.check(in.resolve("a.json").toString(), in.toString()));
    InvalidInputException s3 =
        assertThrows(
            InvalidInputException.class,
            () -> BatchLocation.check("s3://bucket/in/", dir.resolve("out").toString()));
    assertTrue(s3.getMessage().contains("jobInput.s3DataSource.path"), s3.getMessage());
    BatchLocation.check(in.toString(), dir.resolve("out").toString());
    BatchLocation.check(in.toUri().toString(), dir.resolve("in-out").toUri().toString());
  }

  @Test
  void aFailingScorerLeavesNoHalfWrittenOutput() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.json"), "{\"userId\":\"u\"}\n");
    Files.writeString(in.resolve("b.json"), "{\"userId\":\"boom\"}\n");
    LineScorer failsOnB =
        block -> {
          if (block.input(0).get("userId").asText().equals("boom")) {
            throw new IllegalStateException("scorer broke");
          }
          ECHO.score(block);
        };
    FakeJob job = new FakeJob(in.toString(), dir.resolve("out").toString(), failsOnB);
    runner.run(job);
    assertEquals(Status.CREATE_FAILED, job.statuses.get(job.statuses.size() - 1));
    assertTrue(job.reason.contains("scorer broke"), job.reason);
    assertTrue(Files.exists(dir.resolve("out/a.json.out")), "a completed file stays, whole");
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      assertEquals(List.of("a.json.out"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void abandonedJobsFailAndTheirTemporaryFilesGo() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(out.resolve(".a.json.out.fake.tmp"), "{\"half\":");
    FakeJob job = new FakeJob(in.toString(), out.toString(), ECHO);
    runner.failAbandoned(List.of(job));
    assertEquals(List.of(Status.CREATE_FAILED), job.statuses);
    assertFalse(Files.exists(out.resolve(".a.json.out.fake.tmp")));
    assertNull(job.counts);
  }
}
