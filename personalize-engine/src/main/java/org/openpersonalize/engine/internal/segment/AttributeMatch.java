package org.openpersonalize.engine.internal.segment;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.batch.BatchLines.LineError;
import org.openpersonalize.engine.internal.filter.AttributeQuery;
import org.openpersonalize.engine.internal.schema.SchemaField;
import org.openpersonalize.engine.internal.serving.FilterValues;
import org.openpersonalize.engine.internal.serving.ItemColumn;
import org.openpersonalize.engine.internal.store.DatasetTable;

/**
 * The items of a model that an Item-Attribute-Affinity query selects (spec §7.2): those matching
 * every {@code ITEMS.<column> = "<value>"} term. A column must be a categorical or numeric field of
 * the Items schema (not textual); it is found by its exact name, else by the one field whose name
 * differs only in case (schemas cannot have two such fields), so Amazon's lower-case example {@code
 * ITEMS.genres} finds {@code GENRES}. A categorical value matches any one of an item's {@code
 * |}-separated values, exactly; a numeric value matches numerically ({@code "5"} matches 5.0).
 * Columns are read once per job into posting lists over the model's items, so a query costs the
 * size of its posting lists.
 */
final class AttributeMatch {
  private final EngineContext ctx;
  private final DatasetTable items;
  private final Object2IntOpenHashMap<String> itemIndex;
  private final int numItems;
  private final ConcurrentHashMap<String, ItemColumn> columns = new ConcurrentHashMap<>();

  AttributeMatch(
      EngineContext ctx, DatasetTable items, Object2IntOpenHashMap<String> itemIndex, int n) {
    this.ctx = ctx;
    this.items = items;
    this.itemIndex = itemIndex;
    this.numItems = n;
  }

  /**
   * The model items matching a query, ascending.
   *
   * @throws LineError naming the term when a column cannot be queried, a numeric column gets a
   *     value that is not a number, or no item matches
   */
  int[] items(AttributeQuery q) {
    int[] match = null;
    for (AttributeQuery.Term t : q.terms()) {
      SchemaField f = field(t);
      ItemColumn col =
          columns.computeIfAbsent(
              f.name(),
              k ->
                  ctx.store()
                      .read(
                          c ->
                              ItemColumn.load(
                                  c, items.table(), "ITEM_ID", itemIndex, numItems, f)));
      String value = t.value();
      if (col.isNumeric()) {
        try {
          Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
          throw new LineError(
              "\"itemAttributes\": ITEMS."
                  + t.column()
                  + " is numeric; the value must be a number; got: \""
                  + value
                  + "\"");
        }
      }
      int[] rows = col.rowsWith(FilterValues.canon(value, col.isNumeric()));
      match = match == null ? (rows == null ? new int[0] : rows) : intersect(match, rows);
      if (match.length == 0) {
        break;
      }
    }
    if (match.length == 0) {
      throw new LineError(
          "\"itemAttributes\": no item of the solution version's training data has all of "
              + describe(q)
              + ", so there is no one to find a segment for");
    }
    return match;
  }

  private SchemaField field(AttributeQuery.Term t) {
    String where = "\"itemAttributes\" at position " + t.position() + ": ITEMS." + t.column();
    if (items == null) {
      throw new LineError(
          where + " names the Items dataset, which the dataset group no longer has");
    }
    SchemaField f = items.schema().field(t.column());
    if (f == null) {
      for (SchemaField g : items.schema().fields()) {
        if (g.name().toLowerCase(Locale.ROOT).equals(t.column().toLowerCase(Locale.ROOT))) {
          f = g;
        }
      }
    }
    if (f == null || f.name().equals("ITEM_ID")) {
      throw new LineError(
          where
              + " is not a metadata column of the Items schema; columns: "
              + items.schema().fields().stream().map(SchemaField::name).toList());
    }
    if (f.textual()) {
      throw new LineError(where + " is a textual column; only categorical and numeric columns");
    }
    if (!f.categorical() && !f.type().isNumeric()) {
      throw new LineError(
          where
              + " is neither categorical nor numeric ("
              + f.type().name().toLowerCase(Locale.ROOT)
              + "); only categorical and numeric columns");
    }
    return f;
  }

  private static int[] intersect(int[] a, int[] b) {
    if (b == null) {
      return new int[0];
    }
    int[] out = new int[Math.min(a.length, b.length)];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out[n++] = a[i];
        i++;
        j++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static String describe(AttributeQuery q) {
    StringBuilder sb = new StringBuilder();
    for (AttributeQuery.Term t : q.terms()) {
      if (sb.length() > 0) {
        sb.append(" AND ");
      }
      sb.append("ITEMS.").append(t.column()).append(" = \"").append(t.value()).append('"');
    }
    return sb.toString();
  }
}
