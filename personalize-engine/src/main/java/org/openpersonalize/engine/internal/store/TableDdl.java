package org.openpersonalize.engine.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.openpersonalize.engine.internal.schema.SchemaField;

/**
 * The SQL text of a {@link DatasetTable}: its {@code CREATE TABLE}, the upgrade of a table an
 * earlier version created, and the upsert that writes one row.
 */
final class TableDdl {
  private TableDdl() {}

  /** What a table created by {@link #create} is for. */
  enum Layout {
    /** A dataset's table: keyed, and for interactions with its claimed event IDs. */
    DATASET,
    /** An import's staged rows in file order: no key, so appending touches only the last pages. */
    STAGED_ROWS,
    /** An import's rows merged and in key order, as they will be published: keyed, no event IDs. */
    STAGED_SORTED
  }

  /** Creates the table and, for a dataset's interactions, its claimed event IDs. */
  static void create(DatasetTable t, Connection c, Layout layout) throws SQLException {
    boolean unkeyed = layout == Layout.STAGED_ROWS;
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(t.table()).append(" (");
    for (SchemaField f : t.schema().fields()) {
      sql.append(DatasetTable.quote(f.name())).append(' ').append(sqlType(f));
      if (!f.nullable()) {
        sql.append(" NOT NULL");
      }
      sql.append(", ");
    }
    sql.append("_src INTEGER NOT NULL");
    if (unkeyed) {
      // Appended to in file order and read once, sorted: no key, so a chunk touches only the
      // table's last pages.
      if (t.interactionLike()) {
        sql.append(", _dedup TEXT NOT NULL, _event_id TEXT, _session_id TEXT, _impression TEXT,");
        sql.append(" _recommendation_id TEXT");
      }
      sql.append(')');
    } else if (t.interactionLike()) {
      sql.append(", ");
      sql.append("_dedup TEXT NOT NULL, _event_id TEXT, _session_id TEXT, ");
      sql.append("_impression TEXT, _recommendation_id TEXT, PRIMARY KEY (");
      for (int k : t.keyColumns()) {
        sql.append(DatasetTable.quote(t.schema().fields().get(k).name())).append(", ");
      }
      sql.append("_dedup)) WITHOUT ROWID");
    } else {
      sql.append(", PRIMARY KEY (")
          .append(DatasetTable.quote(t.schema().fields().get(t.keyColumns()[0]).name()))
          .append("))");
    }
    try (Statement s = c.createStatement()) {
      s.execute(sql.toString());
      if (t.interactionLike() && layout == Layout.DATASET) {
        s.execute(eventIdsTableSql(t));
      }
    }
  }

  private static String eventIdsTableSql(DatasetTable t) {
    return "CREATE TABLE IF NOT EXISTS "
        + t.table()
        + "_event_ids (_event_id TEXT PRIMARY KEY) WITHOUT ROWID";
  }

  /**
   * Brings an interaction-like table created by an earlier version up to this one's layout: the
   * impression and recommendation-ID columns and the claimed event IDs, filled from the rows.
   */
  static void upgrade(DatasetTable t, Connection c) throws SQLException {
    boolean hasImpression = false;
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("PRAGMA table_info(" + t.table() + ")")) {
      while (rs.next()) {
        hasImpression |= "_impression".equals(rs.getString("name"));
      }
    }
    boolean hasIds;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, t.table() + "_event_ids");
      try (var rs = ps.executeQuery()) {
        hasIds = rs.next();
      }
    }
    try (Statement s = c.createStatement()) {
      if (!hasImpression) {
        s.execute("ALTER TABLE " + t.table() + " ADD COLUMN _impression TEXT");
        s.execute("ALTER TABLE " + t.table() + " ADD COLUMN _recommendation_id TEXT");
      }
      if (!hasIds) {
        s.execute(eventIdsTableSql(t));
        s.executeUpdate(
            "INSERT OR IGNORE INTO "
                + t.table()
                + "_event_ids SELECT _event_id FROM "
                + t.table()
                + " WHERE _event_id IS NOT NULL");
      }
    }
  }

  /** The upsert of one row: a new row, or the {@code _src} bit or the record of an existing one. */
  static String upsertSql(DatasetTable t) {
    String cols = columns(t);
    int n = t.schema().fields().size() + (t.interactionLike() ? 6 : 1);
    String marks = "?, ".repeat(n - 1) + "?";
    return "INSERT INTO " + t.table() + " (" + cols + ") VALUES (" + marks + ")" + onConflict(t);
  }

  /** A plain insert of one row, for a staging table (which has no key to conflict on). */
  static String insertSql(DatasetTable t) {
    String cols = columns(t);
    int n = t.schema().fields().size() + (t.interactionLike() ? 6 : 1);
    return "INSERT INTO " + t.table() + " (" + cols + ") VALUES (" + "?, ".repeat(n - 1) + "?)";
  }

  /**
   * The upsert of every row of {@code stage}, a table of the same layout, in one statement: what
   * {@link #upsertSql} does per row, run inside SQLite. {@code WHERE true} tells SQLite's parser
   * that {@code ON CONFLICT} belongs to the insert, not to a join.
   */
  static String publishSql(DatasetTable t, DatasetTable stage) {
    String cols = columns(t);
    // In the target's key order (a B-tree filled in order, not at random), and in file order
    // within a key, so a later record of the same ID replaces an earlier one as the per-row writer
    // did.
    StringBuilder order = new StringBuilder(" ORDER BY ");
    for (int k : t.keyColumns()) {
      order.append(DatasetTable.quote(t.schema().fields().get(k).name())).append(", ");
    }
    order.append(t.interactionLike() ? "_dedup, rowid" : "rowid");
    return "INSERT INTO "
        + t.table()
        + " ("
        + cols
        + ") SELECT "
        + cols
        + " FROM "
        + stage.table()
        + " WHERE true"
        + order
        + onConflict(t);
  }

  /**
   * The upsert of every row of an import's merged, keyed staging table ({@link
   * Layout#STAGED_SORTED}) into {@code t}: the source has one row per key already, in key order, so
   * SQLite reads it in order and writes the target's B-tree in order, with no sort while the writer
   * is held.
   *
   * @param source the source table, qualified with the schema it is attached as
   */
  static String publishSortedSql(DatasetTable t, String source) {
    String cols = columns(t);
    StringBuilder order = new StringBuilder(" ORDER BY ");
    for (int k : t.keyColumns()) {
      order.append(DatasetTable.quote(t.schema().fields().get(k).name())).append(", ");
    }
    if (t.interactionLike()) {
      order.append("_dedup");
    } else {
      order.setLength(order.length() - 2);
    }
    return "INSERT INTO "
        + t.table()
        + " ("
        + cols
        + ") SELECT "
        + cols
        + " FROM "
        + source
        + " WHERE true"
        + order
        + onConflict(t);
  }

  private static String columns(DatasetTable t) {
    StringBuilder cols = new StringBuilder();
    for (SchemaField f : t.schema().fields()) {
      cols.append(DatasetTable.quote(f.name())).append(", ");
    }
    cols.append("_src");
    if (t.interactionLike()) {
      cols.append(", _dedup, _event_id, _session_id, _impression, _recommendation_id");
    }
    return cols.toString();
  }

  private static String onConflict(DatasetTable t) {
    StringBuilder sql = new StringBuilder(" ON CONFLICT (");
    if (t.interactionLike()) {
      for (int k : t.keyColumns()) {
        sql.append(DatasetTable.quote(t.schema().fields().get(k).name())).append(", ");
      }
      sql.append("_dedup) DO UPDATE SET _src = _src | excluded._src");
    } else {
      sql.append(DatasetTable.quote(t.schema().fields().get(t.keyColumns()[0]).name()))
          .append(") DO UPDATE SET ");
      for (int i : t.otherColumns()) {
        String q = DatasetTable.quote(t.schema().fields().get(i).name());
        sql.append(q).append(" = excluded.").append(q).append(", ");
      }
      sql.append("_src = excluded._src");
    }
    return sql.toString();
  }

  static String sqlType(SchemaField f) {
    switch (f.type()) {
      case STRING:
        return "TEXT";
      case INT:
      case LONG:
      case BOOLEAN:
        return "INTEGER";
      case FLOAT:
      case DOUBLE:
        return "REAL";
      default:
        throw new IllegalArgumentException("unknown type " + f.type());
    }
  }
}
