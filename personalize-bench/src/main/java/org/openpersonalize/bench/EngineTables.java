package org.openpersonalize.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * The engine's own interactions table, seen from plain JDBC, for the diagnostic benchmarks that
 * take the engine's write path apart: the table's DDL is read from a database the engine created
 * (so it follows the engine), and rows are written with the upsert and bookkeeping values that the
 * engine's {@code DatasetTable.Writer} uses for this schema.
 */
final class EngineTables {
  /**
   * The engine's upsert for the five-column schema, as {@code DatasetTable} builds it: the schema's
   * columns, {@code _src}, the de-duplicating key and the event and session IDs.
   */
  static final String UPSERT =
      "INSERT INTO %s (\"USER_ID\", \"ITEM_ID\", \"TIMESTAMP\", \"EVENT_TYPE\", \"EVENT_VALUE\","
          + " _src, _dedup, _event_id, _session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (\"USER_ID\", \"TIMESTAMP\", \"ITEM_ID\", _dedup)"
          + " DO UPDATE SET _src = _src | excluded._src";

  /** {@code _src} of a bulk import and of PutEvents. */
  static final int SOURCE_BULK = 1;

  static final int SOURCE_PUT = 2;

  private EngineTables() {}

  /** The name of the one interactions table in an engine's database. */
  static String interactionsTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND sql LIKE '%USER_ID%' AND sql LIKE '%_dedup%'")) {
      if (!rs.next()) {
        throw new IllegalStateException("no interactions table in the engine's database");
      }
      String name = rs.getString(1);
      if (rs.next()) {
        throw new IllegalStateException("more than one interactions table in the database");
      }
      return name;
    }
  }

  /**
   * The {@code CREATE TABLE} statement of the interactions table of a new engine, renamed to {@code
   * table}.
   */
  static String createTableSql(String table) throws SQLException {
    Path dir = BenchFiles.freshDir("engine-ddl-");
    try {
      BenchEngine.create(dir.resolve("engine")).close();
      try (Connection c = RawSqlite.open(dir.resolve("engine").resolve("personalize.db"))) {
        String name = interactionsTable(c);
        try (PreparedStatement ps =
            c.prepareStatement("SELECT sql FROM sqlite_master WHERE name = ?")) {
          ps.setString(1, name);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            String sql = rs.getString(1);
            return sql.replaceFirst("CREATE TABLE " + name, "CREATE TABLE " + table);
          }
        }
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  /**
   * Binds one row as the engine's writer does: the five values, the source, the de-duplicating key
   * built from the non-key columns (EVENT_TYPE, EVENT_VALUE as a double, each followed by NUL), and
   * the event and session IDs.
   */
  static void bind(
      PreparedStatement ps,
      StringBuilder dedup,
      String user,
      String item,
      long timestamp,
      String type,
      double value,
      int source,
      String sessionId)
      throws SQLException {
    ps.setString(1, user);
    ps.setString(2, item);
    ps.setLong(3, timestamp);
    ps.setString(4, type);
    ps.setDouble(5, value);
    ps.setInt(6, source);
    dedup.setLength(0);
    dedup.append(type).append('\u0000').append(value).append('\u0000');
    ps.setString(7, dedup.toString());
    ps.setNull(8, Types.NULL);
    if (sessionId == null) {
      ps.setNull(9, Types.NULL);
    } else {
      ps.setString(9, sessionId);
    }
  }
}
