package org.openpersonalize.engine.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * The attribute-query parser against a reference built from regular expressions: the grammar of
 * spec §7.2 written as one pattern, obviously right by inspection. Queries are rendered from random
 * terms with random spacing (the parser must give the terms back), and random strings are built
 * from the grammar's own pieces and near misses (the parser must accept exactly what the reference
 * accepts, with the same terms, and otherwise fail with a position inside the text).
 */
class AttributeQueryParserProperties {
  private static final String WS = "[ \\t]";
  private static final String TERM =
      "ITEMS\\.([A-Za-z_][A-Za-z0-9_]*)" + WS + "*=" + WS + "*\"((?:[^\"\\\\]|\\\\[\"\\\\])+)\"";
  private static final Pattern QUERY =
      Pattern.compile(WS + "*" + TERM + "(?:" + WS + "+AND" + WS + "+" + TERM + ")*" + WS + "*");
  private static final Pattern ONE_TERM = Pattern.compile(TERM);

  /** The reference: the terms as (column, value) pairs, or null when the text is not a query. */
  static List<List<String>> reference(String text) {
    if (!QUERY.matcher(text).matches()) {
      return null;
    }
    List<List<String>> out = new ArrayList<>();
    Matcher m = ONE_TERM.matcher(text);
    while (m.find()) {
      out.add(List.of(m.group(1), m.group(2).replaceAll("\\\\([\"\\\\])", "$1")));
    }
    return out;
  }

  static List<List<String>> terms(AttributeQuery q) {
    List<List<String>> out = new ArrayList<>();
    for (AttributeQuery.Term t : q.terms()) {
      out.add(List.of(t.column(), t.value()));
    }
    return out;
  }

  @Provide
  Arbitrary<List<List<String>>> queries() {
    Arbitrary<String> column =
        Combinators.combine(
                Arbitraries.strings().withChars("AZaz_").ofLength(1),
                Arbitraries.strings().withChars("AZaz_09").ofMaxLength(8))
            .as((a, b) -> a + b);
    Arbitrary<String> value =
        Arbitraries.strings().withChars("ab \"\\|=AND.ITEMS\té").ofMinLength(1).ofMaxLength(10);
    return Combinators.combine(column, value).as(List::of).list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 300)
  void renderedQueriesParseToTheirTerms(
      @ForAll("queries") List<List<String>> terms, @ForAll("spaces") List<String> spaces) {
    StringBuilder sb = new StringBuilder(spaces.get(0));
    for (int t = 0; t < terms.size(); t++) {
      if (t > 0) {
        sb.append(nonEmpty(spaces.get(1 + t % 5))).append("AND").append(nonEmpty(spaces.get(2)));
      }
      String escaped = terms.get(t).get(1).replace("\\", "\\\\").replace("\"", "\\\"");
      sb.append("ITEMS.")
          .append(terms.get(t).get(0))
          .append(spaces.get(3))
          .append('=')
          .append(spaces.get(4))
          .append('"')
          .append(escaped)
          .append('"');
    }
    sb.append(spaces.get(5));
    String text = sb.toString();
    assertEquals(terms, terms(AttributeQueryParser.parse("itemAttributes", text)), text);
    assertEquals(terms, reference(text), text);
  }

  private static String nonEmpty(String s) {
    return s.isEmpty() ? " " : s;
  }

  @Provide
  Arbitrary<List<String>> spaces() {
    return Arbitraries.strings().withChars(" \t").ofMaxLength(3).list().ofSize(6);
  }

  @Provide
  Arbitrary<String> nearMisses() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "ITEMS.",
            "ITEMS",
            "Items.",
            ".",
            "genres",
            "G_1",
            "1x",
            " ",
            "\t",
            "=",
            "==",
            "!=",
            " IN ",
            "\"",
            "\\",
            "\\\"",
            "\"Comedy\"",
            "\"\"",
            "AND",
            "and",
            " AND ",
            " OR ",
            "x");
    return piece.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void acceptsExactlyWhatTheReferenceAccepts(@ForAll("nearMisses") String text) {
    List<List<String>> want = reference(text);
    if (want != null) {
      assertEquals(want, terms(AttributeQueryParser.parse("itemAttributes", text)), text);
      return;
    }
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> AttributeQueryParser.parse("itemAttributes", text),
            text);
    Matcher m = Pattern.compile("; at position (\\d+): expected ").matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    int position = Integer.parseInt(m.group(1));
    assertTrue(position >= 1 && position <= text.length() + 1, e.getMessage());
    assertTrue(
        e.getMessage().startsWith("itemAttributes must be " + AttributeQueryParser.GRAMMAR),
        e.getMessage());
  }

  @Test
  void errorsSayWhereWhatWasExpectedAndWhatWasFound() {
    assertEquals(
        "itemAttributes must be ITEMS.<column> = \"<value>\" terms joined by AND; at position"
            + " 15: expected \"=\" (the only operator), found \"IN\"",
        message("ITEMS.genres  IN (\"Comedy\")"));
    assertEquals(
        "itemAttributes must be ITEMS.<column> = \"<value>\" terms joined by AND; at position"
            + " 20: expected AND or the end of the query, found \"OR\"",
        message("ITEMS.genres = \"a\" OR ITEMS.genres = \"b\""));
    assertEquals(
        "itemAttributes must be ITEMS.<column> = \"<value>\" terms joined by AND; at position"
            + " 15: expected a double-quoted value, found \"5\"",
        message("ITEMS.price = 5"));
    assertEquals(
        "itemAttributes must be ITEMS.<column> = \"<value>\" terms joined by AND; at position"
            + " 15: expected a closing quote for the value starting here, found \"\"Comedy\"",
        message("ITEMS.genre = \"Comedy"));
    assertEquals(
        "itemAttributes must be ITEMS.<column> = \"<value>\" terms joined by AND; at position"
            + " 1: expected ITEMS.<column>, found \"Items.genre\"",
        message("Items.genre = \"a\""));
    assertEquals(
        "itemAttributes must be ITEMS.<column> = \"<value>\" terms joined by AND; at position"
            + " 1: expected ITEMS.<column>, found end of query",
        message(""));
  }

  @Test
  void amazonsExampleParses() {
    AttributeQuery q =
        AttributeQueryParser.parse(
            "itemAttributes", "ITEMS.genres = \"Comedy\" AND ITEMS.genres = \"Action\"");
    assertEquals(List.of(List.of("genres", "Comedy"), List.of("genres", "Action")), terms(q));
    assertEquals(1, q.terms().get(0).position());
    assertEquals(29, q.terms().get(1).position());
    assertNull(reference("ITEMS.a = \"x\" AND"));
  }

  private static String message(String text) {
    return assertThrows(
            InvalidInputException.class, () -> AttributeQueryParser.parse("itemAttributes", text))
        .getMessage();
  }
}
