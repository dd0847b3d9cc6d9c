package org.openpersonalize.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The baselines' side of the comparisons: plain sqlite-jdbc on its own database file, set up the
 * way the engine's store sets up its own (WAL journal, {@code synchronous=FULL}, the same 64 MiB
 * page cache and in-memory temp store), so a baseline commit is exactly as durable as an engine
 * commit and differs only in the work the engine adds.
 *
 * <p>The table is the plainest one that holds an interaction: the five columns of the CSV, typed as
 * the engine types them, in an ordinary rowid table with no index, so every insert appends.
 */
final class RawSqlite {
  /** The baseline table. */
  static final String CREATE_TABLE =
      "CREATE TABLE interactions (USER_ID TEXT NOT NULL, ITEM_ID TEXT NOT NULL,"
          + " TIMESTAMP INTEGER NOT NULL, EVENT_TYPE TEXT NOT NULL, EVENT_VALUE REAL)";

  /** The insert the baselines run, one row per execution or batch entry. */
  static final String INSERT =
      "INSERT INTO interactions (USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE)"
          + " VALUES (?, ?, ?, ?, ?)";

  /** Rows per JDBC batch: the engine's import writer uses the same size. */
  static final int BATCH = 512;

  private RawSqlite() {}

  /**
   * Opens (creating if needed) {@code file} with the engine's pragmas, in manual-commit mode.
   *
   * @param file the database file
   * @return the connection
   */
  static Connection open(Path file) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      // The same statements, in the same order, as the engine's Store.open and configure.
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
      s.execute("PRAGMA foreign_keys=ON");
      s.execute("PRAGMA cache_size=-65536");
      s.execute("PRAGMA temp_store=MEMORY");
    }
    c.setAutoCommit(false);
    return c;
  }

  /** Opens a new database in {@code dir} holding an empty baseline table. */
  static Connection createWithTable(Path dir) throws SQLException {
    Connection c = open(dir.resolve("raw.db"));
    try (Statement s = c.createStatement()) {
      s.execute(CREATE_TABLE);
    }
    c.commit();
    return c;
  }

  /** Binds row {@code i} of {@code rows} to the {@link #INSERT} statement. */
  static void bind(PreparedStatement ps, InteractionRows rows, int i) throws SQLException {
    ps.setString(1, rows.user[i]);
    ps.setString(2, rows.item[i]);
    ps.setLong(3, rows.timestamp[i]);
    ps.setString(4, rows.eventType[i]);
    ps.setDouble(5, rows.eventValue[i]);
  }
}
