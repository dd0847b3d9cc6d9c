package org.openpersonalize.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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

/**
 * Diagnostic, not in the report: how much of a bulk import's time is SQLite writing the engine's
 * table rather than a plain one. Both steps insert the same in-memory rows as {@link
 * ImportBenchmark}'s baseline, in one transaction, in batches of {@value RawSqlite#BATCH}:
 *
 * <ul>
 *   <li>{@code plainTable}: the baseline itself (five columns, rowid table, plain INSERT);
 *   <li>{@code engineTable}: the engine's table (its DDL, read from a database the engine made:
 *       {@code WITHOUT ROWID}, keyed by user, timestamp, item and the de-duplicating key) with the
 *       engine's upsert and its nine bound values per row.
 * </ul>
 *
 * <p>{@code ImportBenchmark.engine} minus {@code engineTable} is then what the engine spends
 * outside SQLite: reading and validating the CSV, converting values, polling for completion.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Benchmark)
public class ImportCostBenchmark {
  /** Rows per import. */
  @Param({"500000"})
  public int rows;

  /** Row order, as in {@link ImportBenchmark}. */
  @Param({"user", "time"})
  public String order;

  /** What is written: {@code plainTable} or {@code engineTable}. */
  @Param({"plainTable", "engineTable"})
  public String step;

  private InteractionRows data;
  private String createEngineTable;
  private Path dir;
  private Connection connection;

  /** Reads the rows and the engine's DDL. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    data = InteractionRows.read(InteractionRows.csv(rows, InteractionRows.Order.parse(order)));
    createEngineTable = EngineTables.createTableSql("interactions");
  }

  /** A new database with an empty table of the step's kind. */
  @Setup(Level.Invocation)
  public void open() throws SQLException {
    dir = BenchFiles.freshDir("import-cost-");
    connection = RawSqlite.open(dir.resolve("raw.db"));
    try (Statement s = connection.createStatement()) {
      s.execute(engine() ? createEngineTable : RawSqlite.CREATE_TABLE);
    }
    connection.commit();
  }

  /** Closes and deletes the database. */
  @TearDown(Level.Invocation)
  public void close() throws SQLException {
    connection.close();
    BenchFiles.deleteTree(dir);
  }

  private boolean engine() {
    switch (step) {
      case "plainTable":
        return false;
      case "engineTable":
        return true;
      default:
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "step must be plainTable or engineTable; got: %s", step));
    }
  }

  /**
   * Inserts every row in one transaction.
   *
   * @return the number of rows
   */
  @Benchmark
  public int insertAll() throws SQLException {
    boolean engine = engine();
    StringBuilder dedup = new StringBuilder();
    String sql =
        engine ? String.format(Locale.ROOT, EngineTables.UPSERT, "interactions") : RawSqlite.INSERT;
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < data.size; i++) {
        if (engine) {
          EngineTables.bind(
              ps,
              dedup,
              data.user[i],
              data.item[i],
              data.timestamp[i],
              data.eventType[i],
              data.eventValue[i],
              EngineTables.SOURCE_BULK,
              null);
        } else {
          RawSqlite.bind(ps, data, i);
        }
        ps.addBatch();
        if ((i + 1) % RawSqlite.BATCH == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
    connection.commit();
    return data.size;
  }
}
