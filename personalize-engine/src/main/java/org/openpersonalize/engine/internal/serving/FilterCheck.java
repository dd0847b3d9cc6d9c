package org.openpersonalize.engine.internal.serving;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.filter.FilterAst;
import org.openpersonalize.engine.internal.filter.FilterAst.Cond;
import org.openpersonalize.engine.internal.filter.FilterAst.CurrentItem;
import org.openpersonalize.engine.internal.filter.FilterAst.Expr;
import org.openpersonalize.engine.internal.filter.FilterAst.Param;
import org.openpersonalize.engine.internal.filter.FilterParser;
import org.openpersonalize.engine.internal.resource.FilterRecord;
import org.openpersonalize.spi.RecipeType;

/**
 * The request-time checks of a filter (spec §5.2, §6.1), run before the campaign's model is loaded.
 * A filter is parsed once per ARN; the store is asked each request only whether it still exists, so
 * a deleted filter stops working at once.
 */
final class FilterCheck {
  private record Parsed(String groupArn, Instant created, FilterAst.Filter ast) {}

  private final EngineContext ctx;
  private final ConcurrentHashMap<String, Parsed> parsed = new ConcurrentHashMap<>();

  FilterCheck(EngineContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Checks a request's filter before any model is loaded: it exists, belongs to the campaign's
   * dataset group and has only ItemID expressions; it uses {@code CurrentItem} only on a
   * related-items campaign and the current user only when the request names one; every INCLUDE
   * expression has its parameters.
   *
   * @param filterArn the filter
   * @param v the campaign
   * @param values the request's filter values, already checked by {@link FilterValues#check}
   * @param field the request field that holds the values, for messages
   * @param userId the user, or null
   * @return the parsed filter, to {@link FilterEval#bind}
   */
  FilterAst.Filter check(
      String filterArn, CampaignView v, Map<String, String> values, String field, String userId) {
    Parsed p = load(filterArn);
    if (!p.groupArn().equals(v.groupArn())) {
      throw new InvalidInputException(
          "filterArn must name a filter of the campaign's dataset group "
              + v.groupArn()
              + "; got: "
              + filterArn
              + " of "
              + p.groupArn());
    }
    for (Expr e : p.ast().expressions()) {
      if (!e.target().equals("ItemID")) {
        throw new InvalidInputException(
            "filterArn must name a filter of ItemID expressions for item recommendations; got: "
                + filterArn
                + " with a "
                + e.target()
                + " expression");
      }
      for (List<Cond> g : e.anyOf()) {
        for (Cond c : g) {
          if (c.operand() instanceof CurrentItem && v.recipeType() != RecipeType.RELATED_ITEMS) {
            // Spec §5.2: CurrentItem is the itemId of a related-items request.
            throw new InvalidInputException(
                "filterArn must name a filter without CurrentItem for a "
                    + v.recipeType()
                    + " campaign (CurrentItem is the itemId of a RELATED_ITEMS request); got: "
                    + filterArn);
          }
          if (userId == null && c.dataset().equals("Interactions")) {
            throw noUser(filterArn, "the current user's interactions");
          }
        }
      }
      if (userId == null && !e.ifAll().isEmpty()) {
        throw noUser(filterArn, "CurrentUser");
      }
      String missing = missingParam(e, values);
      if (missing != null && e.include()) {
        throw new InvalidInputException(
            field
                + " must have a value for $"
                + missing
                + ", used by an INCLUDE expression of filter "
                + filterArn
                + "; got: "
                + values.keySet());
      }
    }
    return p.ast();
  }

  /** Spec §6.1: a request without userId cannot use a filter that reads the user. */
  private static InvalidInputException noUser(String filterArn, String what) {
    return new InvalidInputException(
        "userId must be given with filter " + filterArn + ", which reads " + what + "; got: null");
  }

  private Parsed load(String filterArn) {
    // Asked each request, so that a deleted filter stops working at once.
    FilterRecord r = ctx.get(Kinds.FILTER, "filterArn", filterArn);
    Parsed p = parsed.get(filterArn);
    if (p == null || !p.created().equals(r.created())) {
      p = new Parsed(r.parentArn(), r.created(), FilterParser.parse(r.filterExpression()));
      parsed.put(filterArn, p);
    }
    return p;
  }

  static String missingParam(Expr e, Map<String, String> values) {
    for (List<Cond> g : e.anyOf()) {
      for (Cond c : g) {
        if (c.operand() instanceof Param p && !values.containsKey(p.name())) {
          return p.name();
        }
      }
    }
    for (Cond c : e.ifAll()) {
      if (c.operand() instanceof Param p && !values.containsKey(p.name())) {
        return p.name();
      }
    }
    return null;
  }
}
