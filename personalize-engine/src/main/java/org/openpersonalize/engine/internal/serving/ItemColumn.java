package org.openpersonalize.engine.internal.serving;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.openpersonalize.engine.internal.schema.SchemaField;
import org.openpersonalize.engine.internal.store.DatasetTable;

/**
 * One Items attribute laid out over a deployment's item indices for filters: an inverted index from
 * each value to the items that have it (so {@code IN} costs the number of matching items, not the
 * catalogue size), the values of each item (for {@code CurrentItem}), and for numeric fields a
 * {@code double[]} scanned by comparisons. Categorical values are split on {@code |}, so a
 * multi-valued item matches {@code IN} when any of its values does (spec §5.2). Batch segment jobs
 * load Users columns the same way, over a model's user indices ({@link #load(Connection, String,
 * String, Object2IntOpenHashMap, int, SchemaField)}).
 */
public final class ItemColumn {
  final boolean numeric;

  /** Numeric fields: each item's value; NaN when the item has none. */
  final double[] numbers;

  /** Each item's values as canonical text; null when the item has none. */
  final String[][] values;

  /** Canonical value text to the ascending indices of the items that have it. */
  final Map<String, int[]> index;

  private ItemColumn(
      boolean numeric, double[] numbers, String[][] values, Map<String, int[]> index) {
    this.numeric = numeric;
    this.numbers = numbers;
    this.values = values;
    this.index = index;
  }

  static ItemColumn load(Connection c, Deployment d, SchemaField f) throws SQLException {
    return load(c, d.items.table(), "ITEM_ID", d.itemIndex, d.numCandidates(), f);
  }

  /**
   * Loads one column of a dataset table over the rows an index knows.
   *
   * @param c a read connection
   * @param table the dataset's table
   * @param idColumn its ID column ({@code ITEM_ID}, {@code USER_ID})
   * @param ids ID to row index; IDs it does not know (returning -1) are skipped
   * @param n the number of rows
   * @param f the field
   * @return the column
   * @throws SQLException when the read fails
   */
  public static ItemColumn load(
      Connection c,
      String table,
      String idColumn,
      Object2IntOpenHashMap<String> ids,
      int n,
      SchemaField f)
      throws SQLException {
    boolean numeric = f.type().isNumeric();
    double[] numbers = numeric ? new double[n] : null;
    if (numeric) {
      Arrays.fill(numbers, Double.NaN);
    }
    String[][] values = new String[n][];
    Map<String, IntArrayList> build = new HashMap<>();
    String sql =
        "SELECT "
            + idColumn
            + ", "
            + DatasetTable.quote(f.name())
            + " FROM "
            + table
            + " WHERE "
            + DatasetTable.quote(f.name())
            + " IS NOT NULL";
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int i = ids.getInt(rs.getString(1));
        if (i < 0) {
          continue;
        }
        String[] vs;
        if (numeric) {
          double v = rs.getDouble(2);
          numbers[i] = v;
          vs = new String[] {FilterValues.canon(v)};
        } else {
          String s = rs.getString(2);
          vs = f.categorical() ? s.split("\\|", -1) : new String[] {s};
        }
        values[i] = vs;
        for (String v : vs) {
          build.computeIfAbsent(v, k -> new IntArrayList()).add(i);
        }
      }
    }
    Map<String, int[]> index = new HashMap<>(build.size() * 2);
    build.forEach(
        (k, v) -> {
          int[] a = v.toIntArray();
          Arrays.sort(a);
          index.put(k, a);
        });
    return new ItemColumn(numeric, numbers, values, index);
  }

  /** Whether the field is numeric (compared as numbers; {@link #number} holds the values). */
  public boolean isNumeric() {
    return numeric;
  }

  /** Row {@code i}'s number, NaN when it has none; numeric fields only. */
  public double number(int i) {
    return numbers[i];
  }

  /**
   * The ascending rows that have a value, as {@link FilterValues#canon(String, boolean)} writes it.
   *
   * @return the rows, or null when none has it
   */
  public int[] rowsWith(String canonicalValue) {
    return index.get(canonicalValue);
  }
}
