package org.openpersonalize.engine.internal.data;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openpersonalize.engine.internal.Arns;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.resource.DatasetGroupRecord;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.InteractionLimits;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaField;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * Reads a dataset group into {@link DatasetGroupData} in one pass per dataset. The interactions
 * table is stored in user order, so consecutive rows usually share a user and the loader skips the
 * dictionary lookup for them.
 */
public final class TrainingDataLoader {
  private TrainingDataLoader() {}

  /**
   * Loads the dataset group.
   *
   * @param ctx the engine context
   * @param datasetGroupArn the dataset group
   * @return its data
   */
  public static DatasetGroupData load(EngineContext ctx, String datasetGroupArn) {
    return ctx.store()
        .read(
            c -> {
              DatasetGroupRecord group =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", datasetGroupArn);
              IdDictionary users = new IdDictionary();
              IdDictionary items = new IdDictionary();
              DatasetTable interactionsTable = table(ctx, c, group, DatasetType.INTERACTIONS);
              Interactions interactions =
                  interactionsTable == null
                      ? emptyInteractions()
                      : readInteractions(c, interactionsTable, users, items);
              DatasetTable itemsTable = table(ctx, c, group, DatasetType.ITEMS);
              MetadataColumns itemMeta =
                  itemsTable == null ? null : readMetadata(c, itemsTable, "ITEM_ID", items);
              DatasetTable usersTable = table(ctx, c, group, DatasetType.USERS);
              MetadataColumns userMeta =
                  usersTable == null ? null : readMetadata(c, usersTable, "USER_ID", users);
              // Item metadata was sized before user metadata could add users, and vice versa;
              // pad both to the final dictionary sizes so every index is valid in every column.
              return new DatasetGroupData(
                  users,
                  items,
                  interactions,
                  pad(itemMeta, items.size()),
                  pad(userMeta, users.size()),
                  interactionsTable == null
                      ? 0
                      : InteractionLimits.optionalColumns(interactionsTable.schema()));
            });
  }

  private static DatasetTable table(
      EngineContext ctx, Connection c, DatasetGroupRecord group, DatasetType type)
      throws SQLException {
    DatasetRecord dataset = Resources.find(c, Kinds.DATASET, Arns.dataset(group.arn(), type));
    return dataset == null ? null : ctx.table(c, dataset);
  }

  private static Interactions emptyInteractions() {
    return new Interactions(
        0, new int[0], new int[0], new long[0], new int[0], new float[0], new IdDictionary());
  }

  private static Interactions readInteractions(
      Connection c, DatasetTable table, IdDictionary users, IdDictionary items)
      throws SQLException {
    ParsedSchema schema = table.schema();
    boolean hasType = schema.indexOf("EVENT_TYPE") >= 0;
    boolean hasValue = schema.indexOf("EVENT_VALUE") >= 0;
    int n = (int) table.count(c);
    int[] user = new int[n];
    int[] item = new int[n];
    long[] ts = new long[n];
    int[] type = new int[n];
    float[] value = new float[n];
    IdDictionary types = new IdDictionary();
    Sessions sessions = new Sessions();
    String sql =
        "SELECT USER_ID, ITEM_ID, TIMESTAMP, "
            + (hasType ? "EVENT_TYPE" : "NULL")
            + ", "
            + (hasValue ? "EVENT_VALUE" : "NULL")
            + ", _session_id FROM "
            + table.table();
    int i = 0;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      String lastUser = null;
      int lastUserIdx = -1;
      String lastType = null;
      int lastTypeIdx = -1;
      while (rs.next()) {
        String u = rs.getString(1);
        if (!u.equals(lastUser)) {
          lastUser = u;
          lastUserIdx = users.add(u);
        }
        user[i] = lastUserIdx;
        item[i] = items.add(rs.getString(2));
        ts[i] = rs.getLong(3);
        String t = rs.getString(4);
        if (t == null) {
          type[i] = -1;
        } else {
          if (!t.equals(lastType)) {
            lastType = t;
            lastTypeIdx = types.add(t);
          }
          type[i] = lastTypeIdx;
        }
        double v = rs.getDouble(5);
        value[i] = rs.wasNull() ? Float.NaN : (float) v;
        String session = rs.getString(6);
        if (session != null) {
          sessions.add(i, session, u, lastUserIdx, ts[i]);
        }
        i++;
      }
    }
    if (i != n) {
      throw new IllegalStateException("interactions changed while loading: " + n + " vs " + i);
    }
    if (sessions.merge(user)) {
      return sortedByUserAndTime(n, user, item, ts, type, value, types);
    }
    return new Interactions(n, user, item, ts, type, value, types);
  }

  /**
   * Spec §1.7: "at the next FULL training, events of a session are merged with the user whose event
   * carried both that sessionId and a userId". PutEvents stores an anonymous event with the session
   * ID as its user, so a row whose user is its own session is anonymous, and a row of the same
   * session with another user names who it was. When one session saw several users (a shared
   * device), the one with the earliest event wins — the first to sign in — ties going to the
   * smaller user ID, so the choice does not depend on row order. Only PutEvents rows have a
   * session, so bulk data costs one null check per row.
   */
  private static final class Sessions {
    /** Rows whose user is their own session, and that session. */
    private final IntArrayList anonymousRows = new IntArrayList();

    private final List<String> anonymousSessions = new ArrayList<>();

    /** session → [user index, earliest timestamp] of the first signed-in user seen in it. */
    private final Map<String, long[]> signedIn = new HashMap<>();

    private final Map<String, String> signedInId = new HashMap<>();

    void add(int row, String session, String userId, int userIdx, long timestamp) {
      if (session.equals(userId)) {
        anonymousRows.add(row);
        anonymousSessions.add(session);
        return;
      }
      long[] best = signedIn.get(session);
      if (best == null
          || timestamp < best[1]
          || (timestamp == best[1] && userId.compareTo(signedInId.get(session)) < 0)) {
        signedIn.put(session, new long[] {userIdx, timestamp});
        signedInId.put(session, userId);
      }
    }

    /** Moves anonymous rows to their session's user; returns whether any row moved. */
    boolean merge(int[] user) {
      boolean moved = false;
      for (int k = 0; k < anonymousRows.size(); k++) {
        long[] to = signedIn.get(anonymousSessions.get(k));
        if (to != null) {
          user[anonymousRows.getInt(k)] = (int) to[0];
          moved = true;
        }
      }
      return moved;
    }
  }

  /** Restores the user-then-time order after merging moved rows; stable for equal keys. */
  private static Interactions sortedByUserAndTime(
      int n, int[] user, int[] item, long[] ts, int[] type, float[] value, IdDictionary types) {
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    IntArrays.mergeSort(
        order,
        (a, b) -> {
          int cmp = Integer.compare(user[a], user[b]);
          return cmp != 0 ? cmp : Long.compare(ts[a], ts[b]);
        });
    int[] u2 = new int[n];
    int[] i2 = new int[n];
    long[] t2 = new long[n];
    int[] y2 = new int[n];
    float[] v2 = new float[n];
    for (int k = 0; k < n; k++) {
      int r = order[k];
      u2[k] = user[r];
      i2[k] = item[r];
      t2[k] = ts[r];
      y2[k] = type[r];
      v2[k] = value[r];
    }
    return new Interactions(n, u2, i2, t2, y2, v2, types);
  }

  private static MetadataColumns readMetadata(
      Connection c, DatasetTable table, String idColumn, IdDictionary entities)
      throws SQLException {
    List<SchemaField> fields = table.schema().fields();
    List<SchemaField> categorical = new ArrayList<>();
    List<SchemaField> numeric = new ArrayList<>();
    SchemaField textual = null;
    boolean hasCreation = false;
    for (SchemaField f : fields) {
      if (f.name().equals(idColumn)) {
        continue;
      }
      if (f.name().equals("CREATION_TIMESTAMP")) {
        hasCreation = true;
      } else if (f.categorical()) {
        categorical.add(f);
      } else if (f.textual()) {
        textual = f;
      } else if (f.type().isNumeric()) {
        numeric.add(f);
      }
    }
    IntArrayList rowEntity = new IntArrayList();
    List<IntArrayList> catEntity = new ArrayList<>();
    List<IntArrayList> catValue = new ArrayList<>();
    List<IdDictionary> catDict = new ArrayList<>();
    for (int k = 0; k < categorical.size(); k++) {
      catEntity.add(new IntArrayList());
      catValue.add(new IntArrayList());
      catDict.add(new IdDictionary());
    }
    List<double[]> numRows = new ArrayList<>();
    List<String> textRows = new ArrayList<>();
    it.unimi.dsi.fastutil.longs.LongArrayList creationRows =
        new it.unimi.dsi.fastutil.longs.LongArrayList();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table.table())) {
      while (rs.next()) {
        int e = entities.add(rs.getString(idColumn));
        rowEntity.add(e);
        for (int k = 0; k < categorical.size(); k++) {
          String v = rs.getString(categorical.get(k).name());
          if (v != null) {
            for (String part : v.split("\\|", -1)) {
              if (!part.isEmpty()) {
                catEntity.get(k).add(e);
                catValue.get(k).add(catDict.get(k).add(part));
              }
            }
          }
        }
        double[] nums = new double[numeric.size()];
        for (int k = 0; k < numeric.size(); k++) {
          double v = rs.getDouble(numeric.get(k).name());
          nums[k] = rs.wasNull() ? Double.NaN : v;
        }
        numRows.add(nums);
        if (textual != null) {
          textRows.add(rs.getString(textual.name()));
        }
        if (hasCreation) {
          long v = rs.getLong("CREATION_TIMESTAMP");
          creationRows.add(
              rs.wasNull() ? MetadataColumns.NO_TIMESTAMP : MetadataColumns.clampStored(v));
        }
      }
    }
    int n = entities.size();
    boolean[] present = new boolean[n];
    double[][] numCols = new double[numeric.size()][n];
    for (double[] col : numCols) {
      Arrays.fill(col, Double.NaN);
    }
    String[] text = textual == null ? null : new String[n];
    long[] creation = hasCreation ? new long[n] : null;
    if (creation != null) {
      Arrays.fill(creation, MetadataColumns.NO_TIMESTAMP);
    }
    for (int r = 0; r < rowEntity.size(); r++) {
      int e = rowEntity.getInt(r);
      present[e] = true;
      for (int k = 0; k < numeric.size(); k++) {
        numCols[k][e] = numRows.get(r)[k];
      }
      if (text != null) {
        text[e] = textRows.get(r);
      }
      if (creation != null) {
        creation[e] = creationRows.getLong(r);
      }
    }
    List<MetadataColumns.Categorical> cats = new ArrayList<>();
    for (int k = 0; k < categorical.size(); k++) {
      cats.add(
          csr(categorical.get(k).name(), n, catEntity.get(k), catValue.get(k), catDict.get(k)));
    }
    List<MetadataColumns.Numeric> nums = new ArrayList<>();
    for (int k = 0; k < numeric.size(); k++) {
      nums.add(new MetadataColumns.Numeric(numeric.get(k).name(), numCols[k]));
    }
    return new MetadataColumns(
        present,
        cats,
        nums,
        textual == null ? null : new MetadataColumns.Textual(textual.name(), text),
        creation);
  }

  private static MetadataColumns.Categorical csr(
      String name, int n, IntArrayList entity, IntArrayList value, IdDictionary dict) {
    int[] offsets = new int[n + 1];
    for (int i = 0; i < entity.size(); i++) {
      offsets[entity.getInt(i) + 1]++;
    }
    for (int e = 0; e < n; e++) {
      offsets[e + 1] += offsets[e];
    }
    int[] fill = Arrays.copyOf(offsets, n);
    int[] values = new int[entity.size()];
    for (int i = 0; i < entity.size(); i++) {
      values[fill[entity.getInt(i)]++] = value.getInt(i);
    }
    return new MetadataColumns.Categorical(name, offsets, values, dict);
  }

  private static MetadataColumns pad(MetadataColumns m, int n) {
    if (m == null || m.present().length == n) {
      return m;
    }
    List<MetadataColumns.Categorical> cats = new ArrayList<>();
    for (MetadataColumns.Categorical cat : m.categorical()) {
      int[] offsets = Arrays.copyOf(cat.offsets(), n + 1);
      for (int e = cat.offsets().length; e <= n; e++) {
        offsets[e] = cat.valueIndex().length;
      }
      cats.add(
          new MetadataColumns.Categorical(cat.name(), offsets, cat.valueIndex(), cat.values()));
    }
    List<MetadataColumns.Numeric> nums = new ArrayList<>();
    for (MetadataColumns.Numeric num : m.numeric()) {
      double[] v = Arrays.copyOf(num.values(), n);
      Arrays.fill(v, num.values().length, n, Double.NaN);
      nums.add(new MetadataColumns.Numeric(num.name(), v));
    }
    long[] creation = null;
    if (m.creationTimestamp() != null) {
      creation = Arrays.copyOf(m.creationTimestamp(), n);
      Arrays.fill(creation, m.creationTimestamp().length, n, MetadataColumns.NO_TIMESTAMP);
    }
    MetadataColumns.Textual text =
        m.textual() == null
            ? null
            : new MetadataColumns.Textual(
                m.textual().name(), Arrays.copyOf(m.textual().values(), n));
    return new MetadataColumns(Arrays.copyOf(m.present(), n), cats, nums, text, creation);
  }
}
