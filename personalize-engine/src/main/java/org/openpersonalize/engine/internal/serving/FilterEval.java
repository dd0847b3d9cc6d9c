package org.openpersonalize.engine.internal.serving;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.filter.FilterAst;
import org.openpersonalize.engine.internal.filter.FilterAst.Cond;
import org.openpersonalize.engine.internal.filter.FilterAst.CurrentItem;
import org.openpersonalize.engine.internal.filter.FilterAst.Expr;
import org.openpersonalize.engine.internal.filter.FilterAst.Op;
import org.openpersonalize.engine.internal.filter.FilterAst.Param;
import org.openpersonalize.engine.internal.filter.FilterAst.Star;
import org.openpersonalize.engine.internal.filter.FilterAst.Values;
import org.openpersonalize.engine.internal.schema.SchemaField;
import org.openpersonalize.engine.internal.serving.FilterBound.ActiveExpr;
import org.openpersonalize.engine.internal.serving.FilterBound.Bound;
import org.openpersonalize.engine.internal.serving.FilterBound.CondResult;

/**
 * Applies filters at request time (spec §5.2).
 *
 * <p>A filter checked by {@link FilterCheck} (parsed once per ARN) is bound to a request's
 * parameters here, before ranking. Binding produces a bitset over the deployment's item indices:
 * {@code Items} conditions OR together the posting lists of the wanted values from {@link
 * ItemColumn}s cached on the deployment, or scan a {@code double[]} for comparisons; {@code
 * Interactions} conditions read the user's window — the {@value #WINDOW} most recent interactions
 * per event type, event types compared case-insensitively — from the store at request time, so an
 * event recorded with PutEvents is seen by the next request. The result is (∪ active INCLUDEs, or
 * everything when none is active) − (∪ active EXCLUDEs). An expression is inactive when its IF
 * clause does not hold, or when it is an EXCLUDE with a missing parameter (an INCLUDE with a
 * missing parameter never gets here: the check refuses it).
 */
final class FilterEval {
  /** Spec §5.2: interactions per user per event type that a filter sees. */
  static final int WINDOW = 100;

  /** Spec §5.2: "the last 3 months", as 90 days. */
  static final long HISTORY_SECONDS = 90L * 86_400;

  private final EngineContext ctx;
  private final ServingReads reads;

  FilterEval(EngineContext ctx) {
    this.ctx = ctx;
    this.reads = new ServingReads(ctx);
  }

  /**
   * Binds a checked filter for one request.
   *
   * @param d the deployment
   * @param filter the filter {@link FilterCheck#check} returned
   * @param filterArn the filter's ARN, for messages
   * @param values the request's filter values
   * @param field the request field that holds the values, for messages
   * @param userId the user, or null
   * @param currentItem the request item's index, or -1
   */
  Bound bind(
      Deployment d,
      FilterAst.Filter filter,
      String filterArn,
      Map<String, String> values,
      String field,
      String userId,
      int currentItem) {
    int n = d.numCandidates();
    int w = (n + 63) >>> 6;
    Request r = new Request(d, values, field, userId, currentItem, filterArn);
    long[] inc = null;
    long[] exc = null;
    List<ActiveExpr> active = new ArrayList<>();
    for (Expr e : filter.expressions()) {
      if (FilterCheck.missingParam(e, values) != null) {
        continue; // spec §5.2: an EXCLUDE expression without its values is skipped
      }
      if (!e.ifAll().isEmpty() && !r.ifHolds(e.ifAll())) {
        continue;
      }
      long[] m = new long[w];
      List<List<CondResult>> groups = new ArrayList<>();
      for (List<Cond> g : e.anyOf()) {
        long[] all = null;
        List<CondResult> rs = new ArrayList<>();
        for (Cond c : g) {
          CondResult cr = r.cond(c);
          rs.add(cr);
          if (all == null) {
            all = cr.bits().clone();
          } else {
            for (int k = 0; k < w; k++) {
              all[k] &= cr.bits()[k];
            }
          }
        }
        groups.add(rs);
        for (int k = 0; k < w; k++) {
          m[k] |= all[k];
        }
      }
      active.add(new ActiveExpr(e.include(), groups));
      if (e.include()) {
        inc = FilterBound.or(inc, m);
      } else {
        exc = FilterBound.or(exc, m);
      }
    }
    if (inc == null && exc == null) {
      return new Bound(null, active);
    }
    long[] bits = inc != null ? inc : FilterBound.allOnes(n);
    if (exc != null) {
      for (int k = 0; k < w; k++) {
        bits[k] &= ~exc[k];
      }
    }
    return new Bound(bits, active);
  }

  /** The state of one binding: lazily read user attributes and interaction window. */
  private final class Request {
    final Deployment d;
    final Map<String, String> values;
    final String field;
    final String userId;
    final int currentItem;
    final String filterArn;
    Map<String, Object> userRow;
    Map<String, List<String>> window;

    Request(
        Deployment d,
        Map<String, String> values,
        String field,
        String userId,
        int currentItem,
        String filterArn) {
      this.d = d;
      this.values = values;
      this.field = field;
      this.userId = userId;
      this.currentItem = currentItem;
      this.filterArn = filterArn;
    }

    List<String> operandValues(Cond c) {
      if (c.operand() instanceof Values v) {
        return v.values();
      }
      Param p = (Param) c.operand();
      return FilterValues.parse(field, p.name(), values.get(p.name()));
    }

    double number(Cond c) {
      List<String> vs = operandValues(c);
      if (vs.size() != 1) {
        throw new InvalidInputException(
            where(c)
                + " must be one number for "
                + c.dataset()
                + "."
                + c.field()
                + " "
                + c.op().name()
                + "; got: "
                + vs);
      }
      try {
        return Double.parseDouble(vs.get(0).trim());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            where(c)
                + " must be a number for "
                + c.dataset()
                + "."
                + c.field()
                + "; got: "
                + vs.get(0));
      }
    }

    /** The request field a condition's value came from; built only for an error message. */
    String where(Cond c) {
      return c.operand() instanceof Param p ? field + "." + p.name() : "the value";
    }

    boolean ifHolds(List<Cond> conds) {
      if (userId == null) {
        return false; // no CurrentUser to test
      }
      if (userRow == null) {
        userRow = reads.userRow(d, userId);
      }
      for (Cond c : conds) {
        SchemaField f = d.users == null ? null : d.users.schema().field(c.field());
        Object v = userRow.get(c.field());
        if (f == null) {
          return false;
        }
        boolean numeric = f.type().isNumeric();
        boolean ok;
        if (c.op().ordering()) {
          double t = number(c);
          ok = v != null && FilterBound.compare(((Number) v).doubleValue(), c.op(), t);
        } else {
          Set<String> want = new HashSet<>();
          for (String s : operandValues(c)) {
            want.add(FilterValues.canon(s, numeric));
          }
          boolean any = false;
          if (v != null) {
            String[] have =
                numeric
                    ? new String[] {FilterValues.canon(((Number) v).doubleValue())}
                    : f.categorical() ? v.toString().split("\\|", -1) : new String[] {v.toString()};
            for (String h : have) {
              any |= want.contains(h);
            }
          }
          ok = (c.op() == Op.IN || c.op() == Op.EQ) == any;
        }
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    CondResult cond(Cond c) {
      int n = d.numCandidates();
      long[] bits = new long[(n + 63) >>> 6];
      if (c.dataset().equals("Interactions")) {
        return interactions(c, bits);
      }
      ItemColumn col = column(c.field());
      boolean negate = c.op() == Op.NOT_IN || c.op() == Op.NE;
      if (col == null) {
        // The Items dataset or field is gone since the filter was created: no item has a value.
        return new CondResult(negate ? FilterBound.allOnes(n) : bits, negate, null);
      }
      if (c.op().ordering()) {
        double t;
        if (c.operand() instanceof CurrentItem ci) {
          ItemColumn cur = column(ci.field());
          t =
              currentItem < 0 || cur == null || !cur.numeric
                  ? Double.NaN
                  : cur.numbers[currentItem];
        } else {
          t = number(c);
        }
        if (!Double.isNaN(t)) {
          double[] xs = col.numbers;
          Op op = c.op();
          for (int i = 0; i < n; i++) {
            if (FilterBound.compare(xs[i], op, t)) {
              bits[i >>> 6] |= 1L << i;
            }
          }
        }
        return new CondResult(bits, false, null);
      }
      List<String> want;
      if (c.operand() instanceof CurrentItem ci) {
        ItemColumn cur = column(ci.field());
        String[] vs = currentItem < 0 || cur == null ? null : cur.values[currentItem];
        want = vs == null ? List.of() : List.of(vs);
      } else {
        want = operandValues(c);
      }
      for (String v : want) {
        int[] posting = col.index.get(FilterValues.canon(v, col.numeric));
        if (posting != null) {
          for (int i : posting) {
            bits[i >>> 6] |= 1L << i;
          }
        }
      }
      if (negate) {
        long[] all = FilterBound.allOnes(n);
        for (int k = 0; k < bits.length; k++) {
          bits[k] = all[k] & ~bits[k];
        }
      }
      return new CondResult(bits, negate, null);
    }

    private CondResult interactions(Cond c, long[] bits) {
      if (window == null) {
        window = reads.filterWindow(d, userId);
      }
      boolean star = c.operand() instanceof Star;
      Set<String> types = new HashSet<>();
      if (!star) {
        for (String t : operandValues(c)) {
          types.add(t.toLowerCase(Locale.ROOT));
        }
      }
      Set<String> ids = new HashSet<>();
      for (Map.Entry<String, List<String>> e : window.entrySet()) {
        boolean in = star || types.contains(e.getKey());
        if (in == (c.op() == Op.IN)) {
          ids.addAll(e.getValue());
        }
      }
      for (String id : ids) {
        int i = d.itemIndex.getInt(id);
        if (i >= 0) {
          bits[i >>> 6] |= 1L << i;
        }
      }
      return new CondResult(bits, false, ids);
    }

    private ItemColumn column(String name) {
      if (d.items == null) {
        return null;
      }
      SchemaField f = d.items.schema().field(name);
      if (f == null) {
        return null;
      }
      return d.columns.computeIfAbsent(name, k -> ctx.store().read(c -> ItemColumn.load(c, d, f)));
    }
  }
}
