package org.openpersonalize.engine.internal;

import java.util.List;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.filter.FilterAst;
import org.openpersonalize.engine.internal.filter.FilterAst.Cond;
import org.openpersonalize.engine.internal.filter.FilterAst.Expr;
import org.openpersonalize.engine.internal.filter.FilterParser;
import org.openpersonalize.engine.internal.resource.FilterRecord;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;

/**
 * What a filter must be for a batch segment job (spec §5.2, §3.13), checked when the job is
 * created: a filter of the solution version's dataset group, of UserID expressions (which select
 * users: {@code Users} attributes and {@code Interactions.EVENT_TYPE}), without {@code IF
 * CurrentUser} (a segment job has no request user to test) and, for Item-Attribute-Affinity,
 * without interaction conditions, which Amazon does not allow with that recipe.
 */
final class SegmentFilterRules {
  private SegmentFilterRules() {}

  static void check(FilterRecord filter, String groupArn, Recipe recipe) {
    String arn = filter.arn();
    if (!filter.parentArn().equals(groupArn)) {
      throw new InvalidInputException(
          "filterArn must name a filter of the solution version's dataset group "
              + groupArn
              + "; got: "
              + arn
              + " of "
              + filter.parentArn());
    }
    FilterAst.Filter ast = FilterParser.parse(filter.filterExpression());
    for (Expr e : ast.expressions()) {
      if (!e.target().equals("UserID")) {
        throw new InvalidInputException(
            "filterArn must name a filter of UserID expressions for a batch segment job (it"
                + " selects users); got: "
                + arn
                + " with a "
                + e.target()
                + " expression");
      }
      if (!e.ifAll().isEmpty()) {
        throw new InvalidInputException(
            "filterArn must name a filter without IF CurrentUser conditions for a batch segment"
                + " job, which has no current user; got: "
                + arn);
      }
      if (recipe.capabilities().contains(RecipeCapability.ATTRIBUTE_SEGMENTS)) {
        for (List<Cond> g : e.anyOf()) {
          for (Cond c : g) {
            if (c.dataset().equals("Interactions")) {
              throw new InvalidInputException(
                  "filterArn must name a filter without Interactions conditions for "
                      + recipe.name()
                      + ", which does not allow interaction filters; got: "
                      + arn);
            }
          }
        }
      }
    }
  }
}
