package org.openpersonalize.engine.internal.filter;

import java.util.List;

/**
 * The parsed form of a filter expression (spec §5.2). Positions are 1-based character offsets into
 * the expression, kept so that checks made after parsing (against the dataset group's schemas) can
 * point at the offending text as parse errors do.
 */
public final class FilterAst {
  private FilterAst() {}

  /** The comparison of a condition. */
  public enum Op {
    IN("IN"),
    NOT_IN("NOT IN"),
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String text;

    Op(String text) {
      this.text = text;
    }

    /** Whether this is one of the ordering comparisons, which need numeric data. */
    public boolean ordering() {
      return this == LT || this == LE || this == GT || this == GE;
    }
  }

  /** A whole filter: expressions joined by {@code |}. */
  public record Filter(List<Expr> expressions) {}

  /**
   * One expression: {@code INCLUDE|EXCLUDE target WHERE conditions [IF user conditions]}. The
   * conditions are in disjunctive form — AND binds tighter than OR — so {@code anyOf} holds groups
   * whose conditions must all match.
   */
  public record Expr(
      boolean include, String target, List<List<Cond>> anyOf, List<Cond> ifAll, int position) {}

  /**
   * One condition. {@code dataset} is {@code Items}, {@code Users}, {@code Interactions}, {@code
   * Actions}, {@code Action_Interactions}, or {@code CurrentUser} inside IF.
   */
  public record Cond(String dataset, String field, Op op, Operand operand, int position) {}

  /** The right-hand side of a condition. */
  public sealed interface Operand permits Values, Param, Star, CurrentItem {}

  /** Literal values: quoted strings or numbers as written (quotes removed). */
  public record Values(List<String> values) implements Operand {}

  /** A {@code $NAME} placeholder bound per request from {@code filterValues}. */
  public record Param(String name) implements Operand {}

  /** {@code *}: every event type. */
  public record Star() implements Operand {}

  /** {@code CurrentItem.FIELD}: the request item's attribute (related-items recipes). */
  public record CurrentItem(String field) implements Operand {}
}
