package org.openpersonalize.engine.internal.serving;

import java.util.List;
import java.util.Set;
import org.openpersonalize.engine.internal.filter.FilterAst.Op;

/**
 * What binding a filter to a request produces ({@link Bound}, per condition and per expression),
 * and the bit-set helpers binding uses.
 */
final class FilterBound {
  private FilterBound() {}

  /** A filter bound to one request: which item indices pass, and a test for unindexed IDs. */
  static final class Bound {
    /** Passing indices; null when every item passes. */
    final long[] bits;

    private final List<ActiveExpr> active;

    Bound(long[] bits, List<ActiveExpr> active) {
      this.bits = bits;
      this.active = active;
    }

    boolean allows(int i) {
      return bits == null || (bits[i >>> 6] & (1L << i)) != 0;
    }

    /** For an item ID the deployment does not know: it has no attributes, only interactions. */
    boolean allowsUnknown(String itemId) {
      boolean anyInclude = false;
      boolean included = false;
      boolean excluded = false;
      for (ActiveExpr e : active) {
        boolean m = e.matchesUnknown(itemId);
        if (e.include) {
          anyInclude = true;
          included |= m;
        } else {
          excluded |= m;
        }
      }
      return (!anyInclude || included) && !excluded;
    }
  }

  /** One condition's result: bits, and how an unindexed item ID fares. */
  record CondResult(long[] bits, boolean unknownMatches, Set<String> ids) {
    boolean matchesUnknown(String id) {
      return ids != null ? ids.contains(id) : unknownMatches;
    }
  }

  record ActiveExpr(boolean include, List<List<CondResult>> groups) {
    boolean matchesUnknown(String id) {
      for (List<CondResult> g : groups) {
        boolean all = true;
        for (CondResult c : g) {
          all &= c.matchesUnknown(id);
        }
        if (all) {
          return true;
        }
      }
      return false;
    }
  }

  /** ORs {@code m} into {@code acc}, or takes {@code m} when there is nothing yet. */
  static long[] or(long[] acc, long[] m) {
    if (acc == null) {
      return m;
    }
    for (int k = 0; k < acc.length; k++) {
      acc[k] |= m[k];
    }
    return acc;
  }

  /** Every index below {@code n}. */
  static long[] allOnes(int n) {
    long[] b = new long[(n + 63) >>> 6];
    java.util.Arrays.fill(b, -1L);
    if ((n & 63) != 0) {
      b[b.length - 1] = (1L << n) - 1;
    }
    return b;
  }

  /** An ordering comparison of a filter condition. */
  static boolean compare(double x, Op op, double t) {
    return switch (op) {
      case LT -> x < t;
      case LE -> x <= t;
      case GT -> x > t;
      case GE -> x >= t;
      default -> false;
    };
  }
}
