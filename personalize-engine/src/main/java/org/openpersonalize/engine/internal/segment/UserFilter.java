package org.openpersonalize.engine.internal.segment;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.batch.BatchLines.LineError;
import org.openpersonalize.engine.internal.filter.FilterAst;
import org.openpersonalize.engine.internal.filter.FilterAst.Cond;
import org.openpersonalize.engine.internal.filter.FilterAst.Expr;
import org.openpersonalize.engine.internal.filter.FilterAst.Op;
import org.openpersonalize.engine.internal.filter.FilterAst.Param;
import org.openpersonalize.engine.internal.filter.FilterAst.Star;
import org.openpersonalize.engine.internal.filter.FilterAst.Values;
import org.openpersonalize.engine.internal.schema.SchemaField;
import org.openpersonalize.engine.internal.serving.FilterValues;
import org.openpersonalize.engine.internal.serving.ItemColumn;
import org.openpersonalize.engine.internal.store.DatasetTable;

/**
 * A filter of UserID expressions bound to the users of a segment job's model (spec §5.2 "user
 * segments"): {@code Users.X} conditions test each candidate user's attributes, read once per job
 * into posting lists ({@link ItemColumn} over user indices); {@code Interactions.EVENT_TYPE IN
 * (...)} selects the users who have interactions of those types (event types compared
 * case-insensitively; {@code NOT IN} the users with a type not listed), read once per job from the
 * whole interactions table. As for item filters, the result is (∪ INCLUDE, or everyone when there
 * is none) − (∪ EXCLUDE); an EXCLUDE expression whose parameter the line does not give is skipped,
 * and an INCLUDE expression's missing parameter is an error of that line. {@code IF CurrentUser}
 * needs a request user, which a segment job has none of; the job's creation refuses such filters.
 * Thread-safe: lines are bound from several threads.
 */
final class UserFilter {
  private final EngineContext ctx;
  private final FilterAst.Filter filter;
  private final DatasetTable users;
  private final DatasetTable interactions;
  private final Object2IntOpenHashMap<String> userIndex;
  private final int numUsers;
  private final ConcurrentHashMap<String, ItemColumn> columns = new ConcurrentHashMap<>();
  private volatile Map<String, long[]> byType;

  UserFilter(
      EngineContext ctx,
      FilterAst.Filter filter,
      DatasetTable users,
      DatasetTable interactions,
      Object2IntOpenHashMap<String> userIndex,
      int numUsers) {
    this.ctx = ctx;
    this.filter = filter;
    this.users = users;
    this.interactions = interactions;
    this.userIndex = userIndex;
    this.numUsers = numUsers;
  }

  /**
   * The users a line's filter values exclude, as bits over user indices.
   *
   * @param values the line's {@code filterValues}
   * @return the excluded users, or null when none is excluded
   * @throws LineError when a value is malformed or an INCLUDE parameter is missing
   */
  long[] excluded(Map<String, String> values) {
    int w = (numUsers + 63) >>> 6;
    long[] inc = null;
    long[] exc = null;
    for (Expr e : filter.expressions()) {
      String missing = missingParam(e, values);
      if (missing != null) {
        if (e.include()) {
          throw new LineError(
              "\"filterValues\" must have a value for $"
                  + missing
                  + ", used by an INCLUDE expression of the job's filter; got: "
                  + values.keySet());
        }
        continue; // spec §5.2: an EXCLUDE expression without its values is skipped
      }
      long[] m = new long[w];
      for (List<Cond> group : e.anyOf()) {
        long[] all = null;
        for (Cond c : group) {
          long[] bits = cond(c, values);
          if (all == null) {
            all = bits.clone();
          } else {
            for (int k = 0; k < w; k++) {
              all[k] &= bits[k];
            }
          }
        }
        for (int k = 0; k < w; k++) {
          m[k] |= all[k];
        }
      }
      if (e.include()) {
        inc = or(inc, m);
      } else {
        exc = or(exc, m);
      }
    }
    if (inc == null && exc == null) {
      return null;
    }
    long[] allowed = inc != null ? inc : allOnes(numUsers);
    if (exc != null) {
      for (int k = 0; k < w; k++) {
        allowed[k] &= ~exc[k];
      }
    }
    long[] all = allOnes(numUsers);
    for (int k = 0; k < w; k++) {
      allowed[k] = all[k] & ~allowed[k];
    }
    return allowed;
  }

  private long[] cond(Cond c, Map<String, String> values) {
    long[] bits = new long[(numUsers + 63) >>> 6];
    if (c.dataset().equals("Interactions")) {
      return interactions(c, values, bits);
    }
    ItemColumn col = column(c.field());
    boolean negate = c.op() == Op.NOT_IN || c.op() == Op.NE;
    if (col == null) {
      // The Users dataset or field is gone since the filter was created: no user has a value.
      return negate ? allOnes(numUsers) : bits;
    }
    List<String> want = operandValues(c, values);
    if (c.op().ordering()) {
      double t = number(c, want);
      for (int u = 0; u < numUsers; u++) {
        if (compare(col.number(u), c.op(), t)) {
          bits[u >>> 6] |= 1L << u;
        }
      }
      return bits;
    }
    for (String v : want) {
      int[] rows = col.rowsWith(FilterValues.canon(v, col.isNumeric()));
      if (rows != null) {
        for (int u : rows) {
          bits[u >>> 6] |= 1L << u;
        }
      }
    }
    if (negate) {
      long[] all = allOnes(numUsers);
      for (int k = 0; k < bits.length; k++) {
        bits[k] = all[k] & ~bits[k];
      }
    }
    return bits;
  }

  private long[] interactions(Cond c, Map<String, String> values, long[] bits) {
    Map<String, long[]> types = byType();
    boolean star = c.operand() instanceof Star;
    Set<String> listed = new HashSet<>();
    if (!star) {
      for (String t : operandValues(c, values)) {
        listed.add(t.toLowerCase(Locale.ROOT));
      }
    }
    for (Map.Entry<String, long[]> e : types.entrySet()) {
      boolean in = star || listed.contains(e.getKey());
      if (in == (c.op() == Op.IN)) {
        or(bits, e.getValue());
      }
    }
    return bits;
  }

  /** Each event type (lower case) to the users who have an interaction of it; read once. */
  private Map<String, long[]> byType() {
    Map<String, long[]> m = byType;
    if (m != null) {
      return m;
    }
    synchronized (this) {
      if (byType == null) {
        Map<String, long[]> built = new HashMap<>();
        if (interactions != null && interactions.schema().indexOf("EVENT_TYPE") >= 0) {
          String sql = "SELECT DISTINCT USER_ID, EVENT_TYPE FROM " + interactions.table();
          ctx.store()
              .read(
                  conn -> {
                    try (PreparedStatement ps = conn.prepareStatement(sql);
                        ResultSet rs = ps.executeQuery()) {
                      while (rs.next()) {
                        int u = userIndex.getInt(rs.getString(1));
                        String type = rs.getString(2);
                        if (u < 0 || type == null) {
                          continue; // users the model does not know cannot be in a segment
                        }
                        long[] b =
                            built.computeIfAbsent(
                                type.toLowerCase(Locale.ROOT),
                                k -> new long[(numUsers + 63) >>> 6]);
                        b[u >>> 6] |= 1L << u;
                      }
                    }
                    return null;
                  });
        }
        byType = built;
      }
      return byType;
    }
  }

  private ItemColumn column(String name) {
    if (users == null) {
      return null;
    }
    SchemaField f = users.schema().field(name);
    if (f == null) {
      return null;
    }
    return columns.computeIfAbsent(
        name,
        k ->
            ctx.store()
                .read(c -> ItemColumn.load(c, users.table(), "USER_ID", userIndex, numUsers, f)));
  }

  private static List<String> operandValues(Cond c, Map<String, String> values) {
    if (c.operand() instanceof Values v) {
      return v.values();
    }
    String name = ((Param) c.operand()).name();
    return FilterValues.parse("filterValues", name, values.get(name));
  }

  private static double number(Cond c, List<String> vs) {
    String where = c.dataset() + "." + c.field() + " " + c.op().name();
    if (vs.size() != 1) {
      throw new LineError("The filter value for " + where + " must be one number; got: " + vs);
    }
    try {
      return Double.parseDouble(vs.get(0).trim());
    } catch (NumberFormatException e) {
      throw new LineError("The filter value for " + where + " must be a number; got: " + vs.get(0));
    }
  }

  static boolean compare(double x, Op op, double t) {
    return switch (op) {
      case LT -> x < t;
      case LE -> x <= t;
      case GT -> x > t;
      case GE -> x >= t;
      default -> false;
    };
  }

  static String missingParam(Expr e, Map<String, String> values) {
    for (List<Cond> g : e.anyOf()) {
      for (Cond c : g) {
        if (c.operand() instanceof Param p && !values.containsKey(p.name())) {
          return p.name();
        }
      }
    }
    return null;
  }

  private static long[] or(long[] acc, long[] m) {
    if (acc == null) {
      return m;
    }
    for (int k = 0; k < acc.length; k++) {
      acc[k] |= m[k];
    }
    return acc;
  }

  private static long[] allOnes(int n) {
    long[] b = new long[(n + 63) >>> 6];
    java.util.Arrays.fill(b, -1L);
    if ((n & 63) != 0) {
      b[b.length - 1] = (1L << n) - 1;
    }
    return b;
  }
}
