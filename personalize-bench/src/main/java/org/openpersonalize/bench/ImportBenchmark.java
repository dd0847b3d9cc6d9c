package org.openpersonalize.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
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

/**
 * Bulk CSV import through the public API ({@code CreateDatasetImportJob}, then {@code
 * awaitCompletion}) into a new durable engine, against the baseline "raw SQLite batched insert of
 * the same rows": plain sqlite-jdbc, the engine's pragmas, a plain rowid table with the same
 * columns, the rows already parsed in memory, one transaction, batches of {@value RawSqlite#BATCH}.
 *
 * <p>One operation is one whole import of {@link #rows} rows (1.5-2.5 s for the engine, 0.6-0.9 s
 * for the baseline on the project's machines in November 2026), timed once per invocation ({@link
 * Mode#SingleShotTime}); rows/s is {@code rows / time}. The engine side pays for everything a
 * user's import pays for: reading and validating the CSV, converting values, the de-duplicating
 * key, and its table keyed by user. The baseline pays only for SQLite. Each invocation gets a new
 * directory (and each side its own), created and deleted outside the timing; closing the database,
 * which checkpoints the WAL, is outside it too, on both sides.
 *
 * <p>{@code awaitCompletion} polls the job's status every 50 ms once it has waited a while, so the
 * engine's time can be up to 50 ms late: under 5 % of an operation of a second or more.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class ImportBenchmark {

  /** The generated rows and their CSV file, made once per trial. */
  @State(Scope.Benchmark)
  public static class Data {
    /** Rows per import. */
    @Param({"500000"})
    public int rows;

    /**
     * Row order in the file: {@code user} (each user's history together, the generator's order) or
     * {@code time} (sorted by timestamp, like an exported event log).
     */
    @Param({"user", "time"})
    public String order;

    Path csv;
    InteractionRows parsed;

    /** Writes the CSV (or finds it from an earlier run) and parses it for the baseline. */
    @Setup(Level.Trial)
    public void setUp() {
      csv = InteractionRows.csv(rows, InteractionRows.Order.parse(order));
      parsed = InteractionRows.read(csv);
      if (parsed.size != rows) {
        throw new IllegalStateException(csv + " has " + parsed.size + " rows, not " + rows);
      }
    }
  }

  /** A new durable engine with an empty Interactions dataset, per invocation. */
  @State(Scope.Thread)
  public static class EngineTarget {
    Path dir;
    BenchEngine bench;

    /** Opens the engine in a new directory and creates the dataset. */
    @Setup(Level.Invocation)
    public void open() {
      dir = BenchFiles.freshDir("import-engine-");
      bench = BenchEngine.create(dir.resolve("engine"));
    }

    /** Closes the engine and deletes its directory. */
    @TearDown(Level.Invocation)
    public void close() {
      bench.close();
      BenchFiles.deleteTree(dir);
    }
  }

  /** A new database with an empty baseline table, per invocation. */
  @State(Scope.Thread)
  public static class RawTarget {
    Path dir;
    Connection connection;

    /** Creates the database and table. */
    @Setup(Level.Invocation)
    public void open() throws SQLException {
      dir = BenchFiles.freshDir("import-raw-");
      connection = RawSqlite.createWithTable(dir);
    }

    /** Closes the database and deletes its directory. */
    @TearDown(Level.Invocation)
    public void close() throws SQLException {
      connection.close();
      BenchFiles.deleteTree(dir);
    }
  }

  /**
   * Ours: one import job of the CSV, to {@code ACTIVE}.
   *
   * @return the number of rows, so the result is used
   */
  @Benchmark
  public int engine(Data data, EngineTarget target) {
    target.bench.importAndWait(data.csv, "bulk", Duration.ofMinutes(10));
    return data.rows;
  }

  /**
   * Baseline: the same rows, already in memory, inserted by batched prepared statements in one
   * transaction.
   *
   * @return the number of rows inserted
   */
  @Benchmark
  public int rawSqlite(Data data, RawTarget target) throws SQLException {
    InteractionRows rows = data.parsed;
    Connection c = target.connection;
    try (PreparedStatement ps = c.prepareStatement(RawSqlite.INSERT)) {
      for (int i = 0; i < rows.size; i++) {
        RawSqlite.bind(ps, rows, i);
        ps.addBatch();
        if ((i + 1) % RawSqlite.BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    c.commit();
    return rows.size;
  }
}
