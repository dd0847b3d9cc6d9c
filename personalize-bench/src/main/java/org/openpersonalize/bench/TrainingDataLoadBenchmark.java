package org.openpersonalize.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.internal.Engine;
import org.openpersonalize.engine.internal.data.DatasetGroupData;

/**
 * {@code Engine.of(engine).trainingData(datasetGroupArn)} — a dataset group's interactions read
 * into primitive columns with user, item and event-type dictionaries — against the baseline of a
 * plain JDBC scan of the same table in the same database file: {@code SELECT USER_ID, ITEM_ID,
 * TIMESTAMP, EVENT_TYPE, EVENT_VALUE}, every column read into locals, no dictionaries, no arrays.
 *
 * <p>The engine directory is built once per row count by a bulk import through the public API and
 * reused by later runs and both JMH forks (a marker file is written only when it is complete), so
 * the minutes of setup for 10 M rows are paid once and never timed. Both sides read a warm file
 * (the operating system's cache) through a connection with the engine's pragmas.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class TrainingDataLoadBenchmark {
  private static final String COMPLETE = "complete";

  /** Interactions in the dataset group: 1 M runs quickly, 10 M is the reported size. */
  @Param({"1000000"})
  public int rows;

  private Path dir;
  private String datasetGroupArn;

  /** Builds the engine directory if no earlier run did; nothing here is timed. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = BenchFiles.root().resolve(String.format(Locale.ROOT, "trainingdata-%d", rows));
    Path marker = dir.resolve(COMPLETE);
    if (!Files.exists(marker)) {
      BenchFiles.deleteTree(dir);
      Path csv = InteractionRows.csv(rows, InteractionRows.Order.USER);
      try (BenchEngine bench = BenchEngine.create(dir.resolve("engine"))) {
        bench.importAndWait(csv, "bulk", Duration.ofHours(2));
        Files.writeString(marker, bench.datasetGroupArn, StandardCharsets.UTF_8);
      }
    }
    datasetGroupArn = Files.readString(marker, StandardCharsets.UTF_8).trim();
  }

  /** The open engine, for the engine side only (the baseline fork never opens it). */
  @State(Scope.Benchmark)
  public static class EngineSide {
    OpenPersonalize engine;

    /** Opens the engine on the prepared directory. */
    @Setup(Level.Trial)
    public void open(TrainingDataLoadBenchmark b) {
      engine = OpenPersonalize.open(b.dir.resolve("engine"));
    }

    /** Closes the engine. */
    @TearDown(Level.Trial)
    public void close() {
      engine.close();
    }
  }

  /** A plain connection to the engine's database file, for the baseline side only. */
  @State(Scope.Benchmark)
  public static class RawSide {
    Connection connection;
    String table;

    /** Opens the file and finds the interactions table (the one with the de-duplicating key). */
    @Setup(Level.Trial)
    public void open(TrainingDataLoadBenchmark b) throws SQLException {
      connection = RawSqlite.open(b.dir.resolve("engine").resolve("personalize.db"));
      try (Statement s = connection.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT name FROM sqlite_master WHERE type = 'table'"
                      + " AND sql LIKE '%USER_ID%' AND sql LIKE '%_dedup%'")) {
        if (!rs.next()) {
          throw new IllegalStateException("no interactions table in " + b.dir);
        }
        table = rs.getString(1);
        if (rs.next()) {
          throw new IllegalStateException("more than one interactions table in " + b.dir);
        }
      }
    }

    /** Closes the connection. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
      connection.close();
    }
  }

  /**
   * Ours: the whole dataset group into columns and dictionaries.
   *
   * @return the data, so nothing is optimised away
   */
  @Benchmark
  public DatasetGroupData engine(EngineSide side) {
    DatasetGroupData data = Engine.of(side.engine).trainingData(datasetGroupArn);
    if (data.interactions().size() != rows) {
      throw new IllegalStateException(
          "loaded " + data.interactions().size() + " interactions, not " + rows);
    }
    return data;
  }

  /**
   * Baseline: one scan of the table, each value read into a local and handed to the blackhole.
   *
   * @return the number of rows read
   */
  @Benchmark
  public int rawSqlite(RawSide side, Blackhole bh) throws SQLException {
    int n = 0;
    try (Statement s = side.connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE FROM " + side.table)) {
      while (rs.next()) {
        String user = rs.getString(1);
        String item = rs.getString(2);
        long ts = rs.getLong(3);
        String type = rs.getString(4);
        double value = rs.getDouble(5);
        boolean missing = rs.wasNull();
        bh.consume(user);
        bh.consume(item);
        bh.consume(ts);
        bh.consume(type);
        bh.consume(missing ? Double.NaN : value);
        n++;
      }
    }
    side.connection.rollback();
    if (n != rows) {
      throw new IllegalStateException("scanned " + n + " rows, not " + rows);
    }
    return n;
  }
}
