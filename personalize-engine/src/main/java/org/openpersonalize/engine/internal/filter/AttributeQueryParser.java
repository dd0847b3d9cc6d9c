package org.openpersonalize.engine.internal.filter;

import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * Parses the {@code itemAttributes} of an Item-Attribute-Affinity batch segment job line (spec
 * §7.2), strictly:
 *
 * <pre>
 * query  := ws* term ( ws+ "AND" ws+ term )* ws*
 * term   := "ITEMS." column ws* "=" ws* value
 * column := [A-Za-z_][A-Za-z0-9_]*
 * value  := '"' ( any character but '"' and '\' | '\"' | '\\' )+ '"'
 * ws     := ' ' | '\t'
 * </pre>
 *
 * Only {@code =} and only {@code AND}, as Amazon documents; {@code ITEMS} and {@code AND} are upper
 * case as in Amazon's examples, and a value is always quoted, numbers too. Anything else is an
 * {@link InvalidInputException} saying where (1-based position), what was expected and what was
 * found. {@code AttributeQueryParserProperties} checks it against a regular-expression reference.
 */
public final class AttributeQueryParser {
  /** The grammar in one line, for messages. */
  public static final String GRAMMAR = "ITEMS.<column> = \"<value>\" terms joined by AND";

  private final String field;
  private final String text;
  private int at;

  private AttributeQueryParser(String field, String text) {
    this.field = field;
    this.text = text;
  }

  /**
   * Parses a query.
   *
   * @param field the input field holding the query, for messages (e.g. {@code itemAttributes})
   * @param text the query
   * @return the parsed query
   * @throws InvalidInputException when the text does not follow the grammar
   */
  public static AttributeQuery parse(String field, String text) {
    return new AttributeQueryParser(field, text).query();
  }

  private AttributeQuery query() {
    List<AttributeQuery.Term> terms = new ArrayList<>();
    skipSpace();
    terms.add(term());
    while (true) {
      int before = at;
      skipSpace();
      if (at == text.length()) {
        return new AttributeQuery(terms);
      }
      if (at == before) {
        throw error("whitespace and AND");
      }
      if (!text.startsWith("AND", at)) {
        throw error("AND or the end of the query");
      }
      at += 3;
      if (!isSpace()) {
        throw error("whitespace after AND");
      }
      skipSpace();
      terms.add(term());
    }
  }

  private AttributeQuery.Term term() {
    int start = at;
    if (!text.startsWith("ITEMS.", at)) {
      throw error("ITEMS.<column>");
    }
    at += 6;
    int c = at;
    if (at < text.length() && isNameStart(text.charAt(at))) {
      at++;
      while (at < text.length() && isNamePart(text.charAt(at))) {
        at++;
      }
    }
    if (at == c) {
      throw error("a column name ([A-Za-z_][A-Za-z0-9_]*)");
    }
    String column = text.substring(c, at);
    skipSpace();
    if (at >= text.length() || text.charAt(at) != '=') {
      throw error("\"=\" (the only operator)");
    }
    at++;
    skipSpace();
    return new AttributeQuery.Term(column, value(), start + 1);
  }

  private String value() {
    if (at >= text.length() || text.charAt(at) != '"') {
      throw error("a double-quoted value");
    }
    int open = at;
    at++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (at >= text.length()) {
        at = open;
        throw error("a closing quote for the value starting here");
      }
      char ch = text.charAt(at);
      if (ch == '"') {
        break;
      }
      if (ch == '\\') {
        char next = at + 1 < text.length() ? text.charAt(at + 1) : 0;
        if (next != '"' && next != '\\') {
          throw error("\\\" or \\\\ (the only escapes)");
        }
        sb.append(next);
        at += 2;
      } else {
        sb.append(ch);
        at++;
      }
    }
    if (sb.length() == 0) {
      throw error("a non-empty value");
    }
    at++;
    return sb.toString();
  }

  private void skipSpace() {
    while (isSpace()) {
      at++;
    }
  }

  private boolean isSpace() {
    return at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t');
  }

  private static boolean isNameStart(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private InvalidInputException error(String expected) {
    String found;
    if (at >= text.length()) {
      found = "end of query";
    } else {
      int end = at;
      while (end < text.length() && end < at + 12 && text.charAt(end) != ' ') {
        end++;
      }
      found = "\"" + text.substring(at, Math.max(end, at + 1)) + "\"";
    }
    return new InvalidInputException(
        field
            + " must be "
            + GRAMMAR
            + "; at position "
            + (at + 1)
            + ": expected "
            + expected
            + ", found "
            + found);
  }
}
