package org.openpersonalize.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.PutEventsRequest;

/**
 * Durable {@code PutEvents} through the public API against the baseline "raw SQLite insert of the
 * same rows, one transaction per call": plain sqlite-jdbc, the engine's pragmas (WAL, {@code
 * synchronous=FULL}), a plain rowid table with the same five columns, one commit per call
 * equivalent.
 *
 * <p>One operation is one call with {@link #eventsPerCall} events of one user in one session, each
 * for a new item one second after the previous event; events/s is {@code calls/s × eventsPerCall}.
 * Both sides commit, and so wait for the disk, once per operation: that fsync is the floor both
 * share, and the ratio shows what the engine adds to it (validation, looking up the tracker,
 * dataset and schema, the de-duplicating key and its table keyed by user). Both sides build the
 * item ID strings inside the operation; the engine side also builds the request objects, as every
 * caller must.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class PutEventsBenchmark {
  private static final String USER = "user-1";
  private static final String SESSION = "session-1";
  private static final String TYPE = "click";
  private static final long START = 1_700_000_000L;

  /** Events per call (Amazon allows 1 to 10). */
  @Param({"1", "10"})
  public int eventsPerCall;

  private Path dir;
  private BenchEngine bench;
  private String trackingId;
  private Connection raw;
  private PreparedStatement insert;

  /** Sequence number of the next event, so every event is a new row on both sides. */
  private long next;

  /** Opens the engine with an event tracker, and the baseline database, in a new directory. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    dir = BenchFiles.freshDir("putevents-");
    bench = BenchEngine.create(dir.resolve("engine"));
    trackingId =
        bench
            .engine
            .personalize()
            .createEventTracker(
                CreateEventTrackerRequest.builder()
                    .name("bench-tracker")
                    .datasetGroupArn(bench.datasetGroupArn)
                    .build())
            .trackingId();
    raw = RawSqlite.createWithTable(dir);
    insert = raw.prepareStatement(RawSqlite.INSERT);
  }

  /** Closes both databases and deletes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    insert.close();
    raw.close();
    bench.close();
    BenchFiles.deleteTree(dir);
  }

  /**
   * Ours: one {@code PutEvents} call, durable when it returns.
   *
   * @return the request, so its construction is not optimised away
   */
  @Benchmark
  public PutEventsRequest engine() {
    Event[] events = new Event[eventsPerCall];
    for (int k = 0; k < eventsPerCall; k++) {
      long n = next++;
      events[k] =
          Event.builder()
              .eventType(TYPE)
              .itemId("item-" + n)
              .eventValue(1f)
              .sentAt(Instant.ofEpochSecond(START + n))
              .build();
    }
    PutEventsRequest request =
        PutEventsRequest.builder()
            .trackingId(trackingId)
            .userId(USER)
            .sessionId(SESSION)
            .eventList(events)
            .build();
    bench.engine.events().putEvents(request);
    return request;
  }

  /**
   * Baseline: the same rows inserted with a prepared statement kept open across calls, committed
   * once per call equivalent.
   *
   * @return the sequence number reached
   */
  @Benchmark
  public long rawSqlite() throws SQLException {
    for (int k = 0; k < eventsPerCall; k++) {
      long n = next++;
      insert.setString(1, USER);
      insert.setString(2, "item-" + n);
      insert.setLong(3, START + n);
      insert.setString(4, TYPE);
      insert.setDouble(5, 1.0);
      insert.addBatch();
    }
    insert.executeBatch();
    raw.commit();
    return next;
  }
}
