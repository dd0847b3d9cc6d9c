package org.openpersonalize.engine.internal.serving;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.schema.SchemaField;
import org.openpersonalize.engine.internal.store.DatasetTable;

/**
 * The store reads of a recommendation request: the user's recent history (spec §6.5) and the Items
 * columns a request asks back (spec §9.11). Filters read their own (the user's row and interaction
 * window, {@link FilterEval}).
 */
final class ServingReads {
  private final EngineContext ctx;

  ServingReads(EngineContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Reads the user's most recent interactions that the solution's selection admits, known items
   * only, oldest first (as the SPI's history calls expect), at most {@value Recommender#HISTORY},
   * into {@code out}; and the user's index in the deployed model ({@code out.user}, -1 when not
   * there), which a model with Users-metadata features needs to find the user's values.
   */
  void history(Deployment d, String userId, Scratch.History out) {
    out.n = 0;
    out.user = modelUser(d, userId);
    if (d.interactions == null || userId == null) {
      return;
    }
    String sql = d.historySql;
    String wantType = d.selection.eventType();
    double threshold = d.selection.eventValueThreshold();
    int[] items = out.items;
    long[] times = out.times;
    String[] types = out.types;
    ctx.store()
        .read(
            c -> {
              int n = 0;
              // Every request runs this: the store keeps the compiled statement.
              PreparedStatement ps = ctx.store().prepared(c, sql);
              ps.setString(1, userId);
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && n < items.length) {
                  if (wantType != null && !wantType.equalsIgnoreCase(rs.getString(2))) {
                    continue;
                  }
                  if (!Double.isNaN(threshold)) {
                    double v = rs.getDouble(3);
                    if (rs.wasNull() || v < threshold) {
                      continue;
                    }
                  }
                  int i = d.itemIndex.getInt(rs.getString(1));
                  if (i >= 0 && i < d.numModelItems) {
                    items[n] = i;
                    types[n] = rs.getString(2);
                    times[n] = rs.getLong(4);
                    n++;
                  }
                }
              }
              // Read newest first (to stop at HISTORY); the SPI wants oldest first, which
              // sequence models depend on and recency weighting assumes.
              for (int a = 0, b = n - 1; a < b; a++, b--) {
                int item = items[a];
                items[a] = items[b];
                items[b] = item;
                long t = times[a];
                times[a] = times[b];
                times[b] = t;
                String type = types[a];
                types[a] = types[b];
                types[b] = type;
              }
              out.n = n;
              return null;
            });
  }

  /**
   * The user's index in the deployed model, or -1: users of the training data's dictionary are in
   * it (those with only a Users-dataset row too); users first seen after training are not.
   */
  static int modelUser(Deployment d, String userId) {
    if (userId == null) {
      return -1;
    }
    int u = d.userIndex.getInt(userId);
    return u >= 0 && u < d.model.numUsers() ? u : -1;
  }

  /**
   * Newest interactions first; four times the history length, since the selection may skip rows.
   */
  static String historySql(DatasetTable t) {
    boolean hasType = t.schema().indexOf("EVENT_TYPE") >= 0;
    boolean hasValue = t.schema().indexOf("EVENT_VALUE") >= 0;
    return "SELECT ITEM_ID, "
        + (hasType ? "EVENT_TYPE" : "NULL")
        + ", "
        + (hasValue ? "EVENT_VALUE" : "NULL")
        + ", TIMESTAMP FROM "
        + t.table()
        + " WHERE USER_ID = ? ORDER BY TIMESTAMP DESC LIMIT "
        + (Recommender.HISTORY * 4);
  }

  /** Adds each item's stored values of the columns; columns without a value are left out. */
  List<PredictedItem> withMetadata(Deployment d, List<PredictedItem> items, List<String> columns) {
    if (items.isEmpty() || columns.isEmpty()) {
      return items;
    }
    StringBuilder sql = new StringBuilder("SELECT ITEM_ID");
    for (String col : columns) {
      sql.append(", ").append(DatasetTable.quote(col));
    }
    sql.append(" FROM ").append(d.items.table()).append(" WHERE ITEM_ID IN (");
    for (int k = 0; k < items.size(); k++) {
      sql.append(k == 0 ? "?" : ", ?");
    }
    sql.append(')');
    Map<String, Map<String, String>> rows =
        ctx.store()
            .read(
                c -> {
                  Map<String, Map<String, String>> out = new HashMap<>();
                  try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    for (int k = 0; k < items.size(); k++) {
                      ps.setString(k + 1, items.get(k).itemId());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                      while (rs.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int k = 0; k < columns.size(); k++) {
                          String v = rs.getString(k + 2);
                          if (v != null) {
                            row.put(columns.get(k), v);
                          }
                        }
                        out.put(rs.getString(1), row);
                      }
                    }
                  }
                  return out;
                });
    List<PredictedItem> out = new ArrayList<>(items.size());
    for (PredictedItem p : items) {
      out.add(p.toBuilder().metadata(rows.getOrDefault(p.itemId(), Map.of())).build());
    }
    return out;
  }

  /** The user's Users row, by field name (empty without a Users dataset or row). */
  Map<String, Object> userRow(Deployment d, String userId) {
    Map<String, Object> row = new HashMap<>();
    if (d.users == null) {
      return row;
    }
    return ctx.store()
        .read(
            c -> {
              PreparedStatement ps =
                  ctx.store()
                      .prepared(c, "SELECT * FROM " + d.users.table() + " WHERE USER_ID = ?");
              ps.setString(1, userId);
              try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                  for (SchemaField f : d.users.schema().fields()) {
                    row.put(f.name(), rs.getObject(f.name()));
                  }
                }
              }
              return row;
            });
  }

  /**
   * The user's most recent interactions, at most {@link FilterEval#WINDOW} per lower-cased type;
   * none when the user's newest interaction is more than {@link FilterEval#HISTORY_SECONDS} before
   * the data's "now" (spec §5.2: users without interactions in the last three months lose their
   * filter history). The data's "now" is the newest interaction the deployment knows — its training
   * data's reference time or a newer PutEvents event — not the wall clock, so a campaign trained on
   * historical data keeps its users' histories (docs/decisions.md, "Timestamps").
   */
  Map<String, List<String>> filterWindow(Deployment d, String userId) {
    Map<String, List<String>> out = new HashMap<>();
    DatasetTable t = d.interactions;
    if (userId == null || t == null || t.schema().indexOf("EVENT_TYPE") < 0) {
      return out;
    }
    String sql =
        "SELECT ITEM_ID, EVENT_TYPE, TIMESTAMP FROM "
            + t.table()
            + " WHERE USER_ID = ? ORDER BY TIMESTAMP DESC, ITEM_ID DESC, _dedup DESC";
    long now =
        Math.min(
            Math.max(d.artifact.trainedUntil(), ctx.newestStreamed(t.table())),
            ctx.now().getEpochSecond());
    long since =
        now < Long.MIN_VALUE + FilterEval.HISTORY_SECONDS
            ? Long.MIN_VALUE
            : now - FilterEval.HISTORY_SECONDS;
    return ctx.store()
        .read(
            c -> {
              filterWindow(c, sql, userId, since, out);
              return out;
            });
  }

  private void filterWindow(
      Connection c, String sql, String userId, long since, Map<String, List<String>> out)
      throws SQLException {
    // Per request, with an interaction condition: reuse the store's compiled statement.
    PreparedStatement ps = ctx.store().prepared(c, sql);
    ps.setString(1, userId);
    try (ResultSet rs = ps.executeQuery()) {
      boolean first = true;
      while (rs.next()) {
        if (first && rs.getLong(3) < since) {
          return; // the newest interaction is older than three months: no history
        }
        first = false;
        String type = rs.getString(2);
        List<String> ids =
            out.computeIfAbsent(
                type == null ? "" : type.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
        if (ids.size() < FilterEval.WINDOW) {
          ids.add(rs.getString(1));
        }
      }
    }
  }
}
