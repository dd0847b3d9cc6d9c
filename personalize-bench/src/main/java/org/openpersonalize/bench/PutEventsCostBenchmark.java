package org.openpersonalize.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openpersonalize.api.model.CreateEventTrackerRequest;

/**
 * Diagnostic, not in the report: the SQL a durable one-event {@code PutEvents} runs, rebuilt step
 * by step in plain JDBC on a database the engine created, so each step's cost shows beside the
 * last. With {@code durable=true} each operation commits one event (one fsync), like {@link
 * PutEventsBenchmark}.
 *
 * <ol>
 *   <li>{@code plainTable}: {@link PutEventsBenchmark}'s baseline, in this database;
 *   <li>{@code engineTable}: the engine's interactions table, upsert and nine values, with the
 *       statement kept open across calls;
 *   <li>{@code preparedPerCall}: the upsert prepared and closed in every call, as {@code
 *       DatasetTable.writer} does;
 *   <li>{@code withLookups}: before it, the three reads of the {@code resources} table that {@code
 *       Events.putEvents} makes per call (event tracker, dataset, schema), each statement prepared
 *       per call and all ten columns read, as {@code Resources.find} does; the JSON of the
 *       attributes is not parsed here.
 * </ol>
 *
 * <p>{@code PutEventsBenchmark.engine} minus {@code withLookups} is what the engine's Java code
 * (request objects, validation, JSON) adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class PutEventsCostBenchmark {
  private static final String FIND =
      "SELECT arn, kind, name, parent_arn, status, failure_reason, created_ms, updated_ms, attrs,"
          + " seq FROM resources WHERE arn = ? AND kind = ?";

  /** The step: plainTable, engineTable, preparedPerCall or withLookups. */
  @Param({"plainTable", "engineTable", "preparedPerCall", "withLookups"})
  public String step;

  /**
   * Whether each operation commits (and waits for the fsync) as PutEvents does; {@code false}
   * commits once per iteration instead, which leaves only the CPU cost of each step and so reads
   * far steadier on a machine whose disk is shared.
   */
  @Param({"true", "false"})
  public boolean durable;

  private Path dir;
  private Connection connection;
  private PreparedStatement kept;
  private String upsert;
  private final List<String[]> resources = new ArrayList<>();
  private final StringBuilder dedup = new StringBuilder();
  private long next;

  /** Lets the engine create its database with a tracker, then opens the file with plain JDBC. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    dir = BenchFiles.freshDir("putevents-cost-");
    Path engineDir = dir.resolve("engine");
    try (BenchEngine bench = BenchEngine.create(engineDir)) {
      bench
          .engine
          .personalize()
          .createEventTracker(
              CreateEventTrackerRequest.builder()
                  .name("bench-tracker")
                  .datasetGroupArn(bench.datasetGroupArn)
                  .build());
    }
    connection = RawSqlite.open(engineDir.resolve("personalize.db"));
    try (Statement s = connection.createStatement()) {
      s.execute(RawSqlite.CREATE_TABLE);
      try (ResultSet rs =
          s.executeQuery(
              "SELECT arn, kind FROM resources"
                  + " WHERE kind IN ('event-tracker', 'dataset', 'schema') ORDER BY seq DESC")) {
        while (rs.next()) {
          resources.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    if (resources.size() != 3) {
      throw new IllegalStateException("expected a tracker, a dataset and a schema: " + resources);
    }
    connection.commit();
    upsert =
        String.format(Locale.ROOT, EngineTables.UPSERT, EngineTables.interactionsTable(connection));
    kept = connection.prepareStatement(step.equals("plainTable") ? RawSqlite.INSERT : upsert);
  }

  /** Closes the database and deletes the directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    kept.close();
    connection.close();
    BenchFiles.deleteTree(dir);
  }

  /**
   * One call's worth of SQL, committed.
   *
   * @param bh takes the columns read by the lookups
   */
  @Benchmark
  public void putOneEvent(Blackhole bh) throws SQLException {
    long n = next++;
    String item = "item-" + n;
    long timestamp = 1_700_000_000L + n;
    switch (step) {
      case "plainTable" -> {
        kept.setString(1, "user-1");
        kept.setString(2, item);
        kept.setLong(3, timestamp);
        kept.setString(4, "click");
        kept.setDouble(5, 1.0);
        kept.addBatch();
        kept.executeBatch();
      }
      case "engineTable" -> upsert(kept, item, timestamp);
      case "preparedPerCall" -> {
        try (PreparedStatement ps = connection.prepareStatement(upsert)) {
          upsert(ps, item, timestamp);
        }
      }
      case "withLookups" -> {
        for (String[] r : resources) {
          try (PreparedStatement ps = connection.prepareStatement(FIND)) {
            ps.setString(1, r[0]);
            ps.setString(2, r[1]);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              for (int c = 1; c <= 10; c++) {
                bh.consume(c == 7 || c == 8 || c == 10 ? (Object) rs.getLong(c) : rs.getString(c));
              }
            }
          }
        }
        try (PreparedStatement ps = connection.prepareStatement(upsert)) {
          upsert(ps, item, timestamp);
        }
      }
      default ->
          throw new IllegalArgumentException(
              "step must be plainTable, engineTable, preparedPerCall or withLookups; got: " + step);
    }
    if (durable) {
      connection.commit();
    }
  }

  /** Commits what the iteration wrote when operations do not commit themselves. */
  @TearDown(Level.Iteration)
  public void commitIteration() throws SQLException {
    connection.commit();
  }

  private void upsert(PreparedStatement ps, String item, long timestamp) throws SQLException {
    EngineTables.bind(
        ps, dedup, "user-1", item, timestamp, "click", 1.0, EngineTables.SOURCE_PUT, "session-1");
    // The engine's writer batches even a single row.
    ps.addBatch();
    ps.executeBatch();
  }
}
