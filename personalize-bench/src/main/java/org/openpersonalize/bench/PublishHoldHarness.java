package org.openpersonalize.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How long an import's publish holds the store's writer, by where the import's rows were staged
 * (the decision "Imports stage in a file of their own, merged before the publish" in {@code
 * docs/decisions.md}). Plain sqlite-jdbc with the engine's pragmas and the engine's interactions
 * layout (a {@code WITHOUT ROWID} table keyed by user, timestamp, item and {@code _dedup}), already
 * holding {@code existing} rows; then {@code rows} new rows are staged and published:
 *
 * <ul>
 *   <li>{@code temp}: the earlier design — staged in an unkeyed temporary table of the writer
 *       connection, published by one {@code INSERT … SELECT … ORDER BY key … ON CONFLICT}, which
 *       sorts every staged row while the writer is held;
 *   <li>{@code file}: the current design — staged in an unkeyed table of a file of its own on a
 *       connection of its own, merged there into a keyed table (the sort, writer not held), then
 *       attached to the writer and published by the same upsert reading the keyed table in order.
 * </ul>
 *
 * <p>Prints each step's time; "writer held" marks the steps during which a PutEvents call would
 * wait. Plain SQL on both sides, so it isolates the cost of the publish from CSV parsing and the
 * engine's bookkeeping; the engine's own import path is measured by {@code ImportBenchmark} and
 * {@code serving.ServingUnderLoad}.
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar org.openpersonalize.bench.PublishHoldHarness \
 *     [temp|file] [rows existing]
 * </pre>
 */
public final class PublishHoldHarness {
  private static final String COLS =
      "USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, _src, _dedup, _event_id, _session_id,"
          + " _impression, _recommendation_id";
  private static final String DEF =
      "USER_ID TEXT NOT NULL, ITEM_ID TEXT NOT NULL, TIMESTAMP INTEGER NOT NULL, EVENT_TYPE TEXT,"
          + " _src INTEGER NOT NULL, _dedup TEXT NOT NULL, _event_id TEXT, _session_id TEXT,"
          + " _impression TEXT, _recommendation_id TEXT";
  private static final String KEY = "USER_ID, TIMESTAMP, ITEM_ID, _dedup";
  private static final String KEYED = ", PRIMARY KEY (" + KEY + ")) WITHOUT ROWID";
  private static final String ON_CONFLICT =
      " ON CONFLICT (" + KEY + ") DO UPDATE SET _src = _src | excluded._src";

  private static final String HELD = "  (writer held)";

  private long last = System.nanoTime();

  private PublishHoldHarness() {}

  /**
   * Runs one design.
   *
   * @param args {@code temp} or {@code file}; optional rows to import (default 1,000,000) and rows
   *     already in the dataset (default 300,000)
   * @throws SQLException on a database error
   */
  public static void main(String[] args) throws SQLException {
    String design = args.length > 0 ? args[0] : "file";
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int existing = args.length > 2 ? Integer.parseInt(args[2]) : 300_000;
    Path dir = BenchFiles.freshDir("publish-hold-");
    try {
      new PublishHoldHarness().run(design, rows, existing, dir);
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  private void run(String design, int rows, int existing, Path dir) throws SQLException {
    try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db"))) {
      try (Statement s = writer.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA cache_size=-65536");
        s.execute("PRAGMA temp_store=FILE");
        s.execute("PRAGMA temp.cache_size=-65536");
        s.execute("CREATE TABLE ds (" + DEF + KEYED);
      }
      fill(writer, "ds", existing, 1);
      String source;
      step("set-up: " + existing + " rows in the dataset", "");
      if (design.equals("temp")) {
        try (Statement s = writer.createStatement()) {
          s.execute("CREATE TEMP TABLE staged (" + DEF + ")");
        }
        fill(writer, "staged", rows, 2);
        step("stage " + rows + " rows in a temp table", "  (writer taken per 2,048 rows)");
        source = "staged ORDER BY " + KEY + ", rowid";
      } else if (design.equals("file")) {
        Path file = dir.resolve("stage.db");
        try (Connection own = DriverManager.getConnection("jdbc:sqlite:" + file);
            Statement s = own.createStatement()) {
          s.execute("PRAGMA journal_mode=OFF");
          s.execute("PRAGMA synchronous=OFF");
          s.execute("PRAGMA cache_size=-65536");
          s.execute("PRAGMA temp_store=FILE");
          s.execute("CREATE TABLE staged_rows (" + DEF + ")");
          fill(own, "staged_rows", rows, 2);
          step("stage " + rows + " rows in the file, own connection", "");
          s.execute("CREATE TABLE staged_sorted (" + DEF + KEYED);
          s.executeUpdate(
              "INSERT INTO staged_sorted ("
                  + COLS
                  + ") SELECT "
                  + COLS
                  + " FROM staged_rows WHERE true ORDER BY "
                  + KEY
                  + ", rowid"
                  + ON_CONFLICT);
          s.execute("DROP TABLE staged_rows");
          step("merge into key order in the file, own connection", "");
        }
        try (PreparedStatement ps = writer.prepareStatement("ATTACH DATABASE ? AS staged")) {
          ps.setString(1, file.toString());
          ps.execute();
        }
        step("attach the file to the writer", HELD);
        source = "staged.staged_sorted ORDER BY " + KEY;
      } else {
        throw new IllegalArgumentException("design must be temp or file; got: " + design);
      }
      try (Statement s = writer.createStatement()) {
        s.execute("BEGIN IMMEDIATE");
        s.executeUpdate(
            "INSERT INTO ds ("
                + COLS
                + ") SELECT "
                + COLS
                + " FROM "
                + source.replace(" ORDER BY ", " WHERE true ORDER BY ")
                + ON_CONFLICT);
        step("publish: INSERT … SELECT … ON CONFLICT", HELD);
        s.execute("COMMIT");
        step("publish: commit", HELD);
      }
    }
  }

  private void step(String what, String note) {
    long now = System.nanoTime();
    System.out.printf(Locale.ROOT, "%-62s %9.1f ms%s%n", what, (now - last) / 1e6, note);
    last = System.nanoTime();
  }

  /** Random interactions of 10,000 users and items, 2,048 rows per transaction. */
  private static void fill(Connection c, String table, int rows, long seed) throws SQLException {
    SplittableRandom rnd = new SplittableRandom(seed);
    try (Statement s = c.createStatement();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO " + table + " (" + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.execute("BEGIN");
      for (int i = 0; i < rows; i++) {
        ps.setString(1, "u" + rnd.nextInt(10_000));
        ps.setString(2, "i" + rnd.nextInt(10_000));
        ps.setLong(3, 1_600_000_000L + rnd.nextInt(10_000_000));
        ps.setString(4, "click");
        ps.setInt(5, 1);
        ps.setString(6, "click");
        for (int k = 7; k <= 10; k++) {
          ps.setNull(k, Types.VARCHAR);
        }
        ps.addBatch();
        if (i % 2048 == 2047) {
          ps.executeBatch();
          s.execute("COMMIT");
          s.execute("BEGIN");
        }
      }
      ps.executeBatch();
      s.execute("COMMIT");
    }
  }
}
