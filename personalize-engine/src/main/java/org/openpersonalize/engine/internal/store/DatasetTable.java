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
 *
 * <p>PutEvents rows also keep their {@code _event_id} (given or generated), {@code _session_id},
 * and — when the schema has no column for them — {@code _impression} ({@code |}-joined) and {@code
 * _recommendation_id}, so that impression-guided exploration can read them later. Every event ID
 * ever sent is claimed in a companion table {@code <table>_event_ids}, so that a later event
 * re-using one is dropped (spec §1.7: "later events re-using an eventId are not used in training")
 * even when the first event with that ID collapsed into an identical earlier one and left no row of
 * its own. Bulk rows have no event ID.
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
  private boolean upgraded;

  /** A staging table: rows are appended (no key), and keys are resolved at publish. */
  private boolean appendOnly;

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

  /** Creates the table. */
  public void create(Connection c) throws SQLException {
    TableDdl.create(this, c, TableDdl.Layout.DATASET);
    upgraded = true;
  }

  /**
   * Creates the table as one of an import's tables in its {@link StagingFile}: unkeyed for the rows
   * as read (appended in file order by {@link #writer}), keyed as the dataset's table (without its
   * claimed event IDs) for the merged rows.
   */
  void createStaging(Connection c, boolean keyed) throws SQLException {
    TableDdl.create(this, c, keyed ? TableDdl.Layout.STAGED_SORTED : TableDdl.Layout.STAGED_ROWS);
    upgraded = true;
    appendOnly = !keyed;
  }

  /**
   * Brings a table created by an earlier version up to this one's layout, once per instance: the
   * impression and recommendation-ID columns and the claimed event IDs, filled from the rows.
   */
  private void upgrade(Connection c) throws SQLException {
    if (!upgraded && interactionLike) {
      TableDdl.upgrade(this, c);
    }
    upgraded = true;
  }

  int[] keyColumns() {
    return keyColumns;
  }

  int[] otherColumns() {
    return otherColumns;
  }

  /** Whether this is an Interactions or Action_Interactions table. */
  public boolean interactionLike() {
    return interactionLike;
  }

  /**
   * Claims event IDs for PutEvents, in order: an ID is new only the first time it is claimed, in
   * this call or any earlier one. Use inside the store's transaction, before writing the events.
   *
   * @param store the store whose statement cache to use
   * @param c the connection, in a transaction
   * @param eventIds the IDs the caller gave; null for an event whose ID the engine generated, which
   *     is unique by construction and not claimed
   * @return per ID, whether it was new (its event is to be stored)
   */
  public boolean[] claimEventIds(Store store, Connection c, String[] eventIds) throws SQLException {
    upgrade(c);
    PreparedStatement ps =
        store.prepared(c, "INSERT OR IGNORE INTO " + table + "_event_ids VALUES (?)");
    boolean[] fresh = new boolean[eventIds.length];
    for (int i = 0; i < eventIds.length; i++) {
      if (eventIds[i] == null) {
        fresh[i] = true;
      } else {
        ps.setString(1, eventIds[i]);
        fresh[i] = ps.executeUpdate() == 1;
      }
    }
    return fresh;
  }

  /** Drops the table and its data. */
  public void drop(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("DROP TABLE IF EXISTS " + table + "_event_ids");
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

  /**
   * Upserts every row of {@code stage}, a table of the same layout, in one statement, as the rows'
   * {@link Writer} would have one by one: in this table's key order, in file order within a key.
   */
  void upsertAll(Connection c, DatasetTable stage) throws SQLException {
    upgrade(c);
    try (Statement s = c.createStatement()) {
      s.executeUpdate(TableDdl.publishSql(this, stage));
    }
  }

  /**
   * Publishes an import inside its publishing transaction: upserts every row of the merged table of
   * its {@link StagingFile}, attached to the writer connection {@code c}, into this table.
   */
  public void publish(Connection c, StagingFile staged) throws SQLException {
    upgrade(c);
    try (Statement s = c.createStatement()) {
      s.executeUpdate(TableDdl.publishSortedSql(this, staged.sortedTable()));
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
    upgrade(c);
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
    upgrade(c);
    return new Writer(store.prepared(c, upsertSql()), source, false);
  }

  private String upsertSql() {
    if (upsertSql == null) {
      upsertSql = appendOnly ? TableDdl.insertSql(this) : TableDdl.upsertSql(this);
    }
    return upsertSql;
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
      add(values, eventId, sessionId, null, null);
    }

    /**
     * Adds one row of a PutEvents event, with what the schema may have no column for.
     *
     * @param values one value per schema field: String, Long, Double, Boolean or null
     * @param eventId the event ID, else null
     * @param sessionId the session ID, else null
     * @param impression the {@code |}-joined impression when the schema has no {@code IMPRESSION}
     *     column, else null
     * @param recommendationId the recommendation ID when the schema has no {@code
     *     RECOMMENDATION_ID} column, else null
     */
    public void add(
        Object[] values,
        String eventId,
        String sessionId,
        String impression,
        String recommendationId)
        throws SQLException {
      int n = values.length;
      for (int i = 0; i < n; i++) {
        bind(i + 1, values[i]);
      }
      ps.setInt(n + 1, source);
      if (interactionLike) {
        ps.setString(n + 2, dedupKey(values));
        ps.setString(n + 3, eventId);
        ps.setString(n + 4, sessionId);
        ps.setString(n + 5, impression);
        ps.setString(n + 6, recommendationId);
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

  private static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }
}
