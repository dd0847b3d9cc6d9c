package org.openpersonalize.engine.internal.serving;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openpersonalize.engine.internal.UseCase;
import org.openpersonalize.engine.internal.filter.FilterAst;
import org.openpersonalize.engine.internal.filter.FilterParser;

/**
 * The filters a use case applies by itself (spec §4): Top picks for you, Because you watched X and
 * More like X remove the videos the user watched; Recommended for you and Customers who viewed X
 * remove the items the user purchased. Each is the filter expression Amazon documents for the same
 * effect, {@code EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("Watch")}, evaluated by the
 * custom filters' own code ({@link FilterEval}), so it sees the same per-user window of
 * interactions (PutEvents included) and comes before any custom filter and promotion.
 */
final class BuiltInFilter {
  private static final Map<String, FilterAst.Filter> PARSED = new ConcurrentHashMap<>();

  private BuiltInFilter() {}

  /**
   * The items the use case's built-in filter leaves for this user, as bits over the deployment's
   * items; null when it removes nothing (no built-in filter, or no user).
   */
  static long[] allowed(FilterEval filters, Deployment d, String userId, int current) {
    UseCase useCase = d.view.useCase();
    if (useCase == null || useCase.removesEventType() == null || userId == null) {
      return null;
    }
    FilterAst.Filter ast =
        PARSED.computeIfAbsent(
            useCase.removesEventType(),
            t ->
                FilterParser.parse(
                    "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"" + t + "\")"));
    return filters.bind(
            d,
            ast,
            "the built-in filter of " + useCase.suffix(),
            Map.of(),
            "filterValues",
            userId,
            current)
        .bits;
  }

  /** Both sets of bits: null stands for every item. */
  static long[] and(long[] a, long[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    long[] out = a.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] &= b[k];
    }
    return out;
  }
}
