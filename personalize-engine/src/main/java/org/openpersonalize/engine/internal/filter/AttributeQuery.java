package org.openpersonalize.engine.internal.filter;

import java.util.List;

/**
 * An Item-Attribute-Affinity query (spec §7.2): {@code ITEMS.<column> = "<value>"} terms joined by
 * {@code AND}, e.g. {@code ITEMS.genres = "Comedy" AND ITEMS.audience = "teen"}. An item matches
 * when it matches every term.
 *
 * @param terms the terms in the order written; at least one
 */
public record AttributeQuery(List<Term> terms) {
  public AttributeQuery {
    terms = List.copyOf(terms);
  }

  /**
   * One {@code ITEMS.<column> = "<value>"} term.
   *
   * @param column the column as written
   * @param value the value with its escapes resolved
   * @param position the 1-based position of the term in the query, for messages
   */
  public record Term(String column, String value, int position) {}
}
