package org.openpersonalize.engine.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaField;

/**
 * The SQLite table that holds one dataset's records, one column per schema field (named as in the
 * schema, so {@code sqlite3 personalize.db} shows the user's own columns) plus bookkeeping columns
 * that start with an underscore.
 *
 * <p>Interaction-like datasets are {@code WITHOUT ROWID} tables keyed by (USER_ID, TIMESTAMP,
 * ITEM_ID, _dedup), where {@code _dedup} encodes every other schema column: exact duplicates
 * collapse into one row for free (spec §1.6), and one B-tree ordered by user keeps a user's history
 * together for real-time reads. {@code _src} is a bit set of where a row came from (1 = bulk
 * import, 2 = PutEvents), so a FULL import can replace bulk data and leave streamed events alone
 * even when the same event arrived both ways. Items, Users and Actions are keyed by their ID: a
 * newer record replaces the older one, and {@code _src} says which path wrote it last.
 */
public final class DatasetTable {
  /** {@code _src} bit of rows written by a bulk import job. */
  public static final int SOURCE_BULK = 1;

  /** {@code _src} bit of rows written by PutEvents / PutItems / PutUsers. */
  public static final int SOURCE_PUT = 2;

  private final String table;
  private final ParsedSchema schema;
  private final boolean interactionLike;
  private final int[] keyColumns;
  private final int[] otherColumns;
  private String upsertSql;

  /**
   * Describes the table of a dataset.
   *
   * @param table the table name (only letters, digits and underscores)
   * @param schema the dataset's schema
   */
  public DatasetTable(String table, ParsedSchema schema) {
    if (!table.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("table must be an identifier; got: " + table);
    }
    this.table = table;
    this.schema = schema;
    DatasetType type = schema.datasetType();
    this.interactionLike =
        type == DatasetType.INTERACTIONS || type == DatasetType.ACTION_INTERACTIONS;
    List<String> keys = new ArrayList<>();
    if (interactionLike) {
      keys.add("USER_ID");
      keys.add("TIMESTAMP");
      keys.add(type == DatasetType.INTERACTIONS ? "ITEM_ID" : "ACTION_ID");
    } else {
      keys.add(idColumn(type));
    }
    keyColumns = new int[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      keyColumns[i] = schema.indexOf(keys.get(i));
      if (keyColumns[i] < 0) {
        throw new IllegalArgumentException(
            "schema of " + type.apiName() + " lacks required field " + keys.get(i));
      }
    }
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < schema.fields().size(); i++) {
      if (!contains(keyColumns, i)) {
        others.add(i);
      }
    }
    otherColumns = others.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The ID column of an entity dataset type. */
  public static String idColumn(DatasetType type) {
    switch (type) {
      case ITEMS:
        return "ITEM_ID";
      case USERS:
        return "USER_ID";
      case ACTIONS:
        return "ACTION_ID";
      default:
        throw new IllegalArgumentException(type + " has no single ID column");
    }
  }

  /** The table name. */
  public String table() {
    return table;
  }

  /** The dataset's schema. */
  public ParsedSchema schema() {
    return schema;
  }

  /** Whether this is an Interactions or Action_Interactions table. */
  public boolean interactionLike() {
    return interactionLike;
  }

  /** Creates the table. */
  public void create(Connection c) throws SQLException {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table).append(" (");
    for (SchemaField f : schema.fields()) {
      sql.append(quote(f.name())).append(' ').append(sqlType(f));
      if (!f.nullable()) {
        sql.append(" NOT NULL");
      }
      sql.append(", ");
    }
    sql.append("_src INTEGER NOT NULL, ");
    if (interactionLike) {
      sql.append("_dedup TEXT NOT NULL, _event_id TEXT, _session_id TEXT, PRIMARY KEY (");
      for (int k : keyColumns) {
        sql.append(quote(schema.fields().get(k).name())).append(", ");
      }
      sql.append("_dedup)) WITHOUT ROWID");
    } else {
      sql.append("PRIMARY KEY (")
          .append(quote(schema.fields().get(keyColumns[0]).name()))
          .append("))");
    }
    try (Statement s = c.createStatement()) {
      s.execute(sql.toString());
    }
  }

  /** Drops the table and its data. */
  public void drop(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    }
  }

  /**
   * Prepares a FULL import: removes rows that only a bulk import wrote, and forgets the bulk origin
   * of rows that PutEvents also wrote. Run inside the import's transaction so a failed import
   * undoes it.
   */
  public void clearBulk(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM " + table + " WHERE _src = " + SOURCE_BULK);
      if (interactionLike) {
        s.executeUpdate(
            "UPDATE " + table + " SET _src = " + SOURCE_PUT + " WHERE _src <> " + SOURCE_PUT);
      }
    }
  }

  /** Counts the rows of the table. */
  public long count(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Opens a writer that upserts rows from one source. Close it before the transaction commits.
   *
   * @param c the connection, in a transaction
   * @param source {@link #SOURCE_BULK} or {@link #SOURCE_PUT}
   */
  public Writer writer(Connection c, int source) throws SQLException {
    return new Writer(c.prepareStatement(upsertSql()), source, true);
  }

  /**
   * A writer on the store's cached upsert statement, for small frequent writes (PutEvents): no
   * statement is compiled per call. Use inside the store's transaction.
   *
   * @param store the store whose statement cache to use
   * @param c the connection, in a transaction
   * @param source {@link #SOURCE_BULK} or {@link #SOURCE_PUT}
   */
  public Writer cachedWriter(Store store, Connection c, int source) throws SQLException {
    return new Writer(store.prepared(c, upsertSql()), source, false);
  }

  private String upsertSql() {
    if (upsertSql == null) {
      upsertSql = buildUpsertSql();
    }
    return upsertSql;
  }

  private String buildUpsertSql() {
    StringBuilder cols = new StringBuilder();
    StringBuilder marks = new StringBuilder();
    for (SchemaField f : schema.fields()) {
      cols.append(quote(f.name())).append(", ");
      marks.append("?, ");
    }
    cols.append("_src");
    marks.append('?');
    if (interactionLike) {
      cols.append(", _dedup, _event_id, _session_id");
      marks.append(", ?, ?, ?");
    }
    StringBuilder sql =
        new StringBuilder("INSERT INTO ")
            .append(table)
            .append(" (")
            .append(cols)
            .append(") VALUES (")
            .append(marks)
            .append(") ON CONFLICT (");
    if (interactionLike) {
      for (int k : keyColumns) {
        sql.append(quote(schema.fields().get(k).name())).append(", ");
      }
      sql.append("_dedup) DO UPDATE SET _src = _src | excluded._src");
    } else {
      sql.append(quote(schema.fields().get(keyColumns[0]).name())).append(") DO UPDATE SET ");
      for (int i : otherColumns) {
        String q = quote(schema.fields().get(i).name());
        sql.append(q).append(" = excluded.").append(q).append(", ");
      }
      sql.append("_src = excluded._src");
    }
    return sql.toString();
  }

  /** Batched upserts of converted rows (values as produced by the row converter). */
  public final class Writer implements AutoCloseable {
    private static final int BATCH = 512;
    private final PreparedStatement ps;
    private final int source;
    private final boolean closeStatement;
    private final StringBuilder dedup = new StringBuilder();
    private int pending;

    private Writer(PreparedStatement ps, int source, boolean closeStatement) {
      this.ps = ps;
      this.source = source;
      this.closeStatement = closeStatement;
    }

    /**
     * Adds one row.
     *
     * @param values one value per schema field: String, Long, Double, Boolean or null
     * @param eventId the event ID of a PutEvents event, else null
     * @param sessionId the session ID of a PutEvents event, else null
     */
    public void add(Object[] values, String eventId, String sessionId) throws SQLException {
      int n = values.length;
      for (int i = 0; i < n; i++) {
        bind(i + 1, values[i]);
      }
      ps.setInt(n + 1, source);
      if (interactionLike) {
        ps.setString(n + 2, dedupKey(values));
        ps.setString(n + 3, eventId);
        ps.setString(n + 4, sessionId);
      }
      ps.addBatch();
      if (++pending == BATCH) {
        flush();
      }
    }

    private String dedupKey(Object[] values) {
      // Unit separators keep "a|b","c" apart from "a","b|c"; \1 marks null so null != "".
      dedup.setLength(0);
      for (int i : otherColumns) {
        Object v = values[i];
        if (v == null) {
          dedup.append('\u0001');
        } else {
          dedup.append(v).append('\u0000');
        }
      }
      return dedup.toString();
    }

    private void bind(int index, Object v) throws SQLException {
      if (v == null) {
        ps.setNull(index, Types.NULL);
      } else if (v instanceof String) {
        ps.setString(index, (String) v);
      } else if (v instanceof Long) {
        ps.setLong(index, (Long) v);
      } else if (v instanceof Double) {
        ps.setDouble(index, (Double) v);
      } else if (v instanceof Boolean) {
        ps.setInt(index, ((Boolean) v) ? 1 : 0);
      } else {
        throw new IllegalArgumentException("unsupported value type " + v.getClass());
      }
    }

    /** Sends queued rows to SQLite. */
    public void flush() throws SQLException {
      if (pending > 0) {
        ps.executeBatch();
        pending = 0;
      }
    }

    @Override
    public void close() throws SQLException {
      try {
        flush();
      } finally {
        if (closeStatement) {
          ps.close();
        } else {
          ps.clearBatch();
        }
      }
    }
  }

  /** Quotes a schema field name as an SQL identifier (names are checked identifiers already). */
  public static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String sqlType(SchemaField f) {
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

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
