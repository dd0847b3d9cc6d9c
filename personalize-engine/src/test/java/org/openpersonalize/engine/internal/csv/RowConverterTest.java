package org.openpersonalize.engine.internal.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.FieldType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaField;

class RowConverterTest {
  private static SchemaField field(String name, FieldType type, boolean nullable) {
    return new SchemaField(name, type, nullable, false, false, false);
  }

  private static final ParsedSchema INTERACTIONS =
      new ParsedSchema(
          DatasetType.INTERACTIONS,
          List.of(
              field("USER_ID", FieldType.STRING, false),
              field("ITEM_ID", FieldType.STRING, false),
              field("TIMESTAMP", FieldType.LONG, false),
              field("EVENT_TYPE", FieldType.STRING, false),
              field("EVENT_VALUE", FieldType.FLOAT, true),
              field("IMPRESSION", FieldType.STRING, true)));

  private static final SchemaField GENRES =
      new SchemaField("GENRES", FieldType.STRING, false, true, false, false);
  private static final SchemaField DESCRIPTION =
      new SchemaField("DESCRIPTION", FieldType.STRING, true, false, true, false);

  private static final ParsedSchema ITEMS =
      new ParsedSchema(
          DatasetType.ITEMS,
          List.of(
              field("ITEM_ID", FieldType.STRING, false),
              GENRES,
              DESCRIPTION,
              field("PRICE", FieldType.DOUBLE, true),
              field("RATING_COUNT", FieldType.INT, true),
              field("IN_STOCK", FieldType.BOOLEAN, true),
              field("CREATION_TIMESTAMP", FieldType.LONG, false),
              field("TITLE", FieldType.STRING, true)));

  private final RowConverter interactions = new RowConverter(INTERACTIONS, "interactions.csv");
  private final RowConverter items = new RowConverter(ITEMS, "items.csv");

  private static String[] interaction(String timestamp) {
    return new String[] {"u1", "i1", timestamp, "click", "", ""};
  }

  private Object[] convertInteraction(String... record) {
    Object[] out = new Object[6];
    interactions.convert(record, 5, out);
    return out;
  }

  private String interactionFailure(String... record) {
    return assertThrows(InvalidInputException.class, () -> convertInteraction(record)).getMessage();
  }

  private Object itemValue(int column, String raw) {
    String[] record = {"i1", "Drama", "", "", "", "", "0", ""};
    record[column] = raw;
    Object[] out = new Object[8];
    items.convert(record, 9, out);
    return out[column];
  }

  private String itemFailure(int column, String raw) {
    return assertThrows(InvalidInputException.class, () -> itemValue(column, raw)).getMessage();
  }

  // Header

  @Test
  void headerInSchemaOrderIsAccepted() {
    assertDoesNotThrow(
        () ->
            interactions.checkHeader(
                new String[] {
                  "USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE", "IMPRESSION"
                }));
  }

  @Test
  void headerNameWithALeadingSpaceIsRefusedNamingTheColumnItResembles() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                interactions.checkHeader(
                    new String[] {
                      " USER_ID", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE", "IMPRESSION"
                    }));
    assertEquals(
        "interactions.csv: row 1 (header): Input CSV is missing the following columns:[USER_ID];"
            + " the header has columns that are not in the schema:[\" USER_ID\"]; column names"
            + " must match the schema exactly, without spaces or control characters: found \""
            + " USER_ID\" where the schema has USER_ID; expected header:"
            + " USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION; found:"
            + " \" USER_ID\",ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION",
        e.getMessage());
  }

  @Test
  void headerNameWithANulByteIsRefusedAndTheNulIsShownEscaped() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                interactions.checkHeader(
                    new String[] {
                      "USER_ID", "ITEM_ID\0", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE", "IMPRESSION"
                    }));
    assertTrue(
        e.getMessage()
            .contains("found \"ITEM_ID\\u0000\" where the schema has ITEM_ID; expected header:"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\0"), "the raw NUL must not reach the message");
    InvalidInputException trailing =
        assertThrows(
            InvalidInputException.class,
            () ->
                interactions.checkHeader(
                    new String[] {
                      "USER_ID", "ITEM_ID", "TIMESTAMP ", "EVENT_TYPE", "EVENT_VALUE", "IMPRESSION"
                    }));
    assertTrue(trailing.getMessage().contains("found \"TIMESTAMP \""), trailing.getMessage());
  }

  @Test
  void headerMissingColumnsUsesAmazonsWording() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                interactions.checkHeader(
                    new String[] {"USER_ID", "ITEM_ID", "EVENT_TYPE", "EVENT_VALUE"}));
    assertEquals(
        "interactions.csv: row 1 (header): Input CSV is missing the following"
            + " columns:[TIMESTAMP, IMPRESSION]; expected header:"
            + " USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION; found:"
            + " USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE",
        e.getMessage());
  }

  @Test
  void headerWithColumnsNotInTheSchemaNamesThem() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                interactions.checkHeader(
                    new String[] {
                      "USER_ID",
                      "ITEM_ID",
                      "TIMESTAMP",
                      "EVENT_TYPE",
                      "EVENT_VALUE",
                      "IMPRESSION",
                      "SESSION",
                      ""
                    }));
    assertEquals(
        "interactions.csv: row 1 (header): the header has columns that are not in the"
            + " schema:[SESSION, \"\"]; expected header:"
            + " USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION; found:"
            + " USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION,SESSION,",
        e.getMessage());
  }

  @Test
  void headerInAnotherOrderGivesTheExpectedOrder() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                interactions.checkHeader(
                    new String[] {
                      "ITEM_ID", "USER_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE", "IMPRESSION"
                    }));
    assertEquals(
        "interactions.csv: row 1 (header): the columns are not in the schema's order; expected"
            + " header: USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION; found:"
            + " ITEM_ID,USER_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION",
        e.getMessage());
  }

  @Test
  void headerRepeatingAColumnNamesIt() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                interactions.checkHeader(
                    new String[] {
                      "USER_ID",
                      "ITEM_ID",
                      "TIMESTAMP",
                      "EVENT_TYPE",
                      "EVENT_VALUE",
                      "IMPRESSION",
                      "ITEM_ID"
                    }));
    assertEquals(
        "interactions.csv: row 1 (header): the header repeats columns:[ITEM_ID]; expected header:"
            + " USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION; found:"
            + " USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION,ITEM_ID",
        e.getMessage());
  }

  @Test
  void headerNamesAreCaseSensitiveAndTheMessageSaysSo() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                interactions.checkHeader(
                    new String[] {
                      "user_id", "ITEM_ID", "TIMESTAMP", "EVENT_TYPE", "EVENT_VALUE", "IMPRESSION"
                    }));
    assertEquals(
        "interactions.csv: row 1 (header): Input CSV is missing the following columns:[USER_ID];"
            + " the header has columns that are not in the schema:[user_id]; column names are"
            + " case-sensitive: found user_id where the schema has USER_ID; expected header:"
            + " USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION; found:"
            + " user_id,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,IMPRESSION",
        e.getMessage());
  }

  // Records

  @Test
  void convertsEachValueByItsFieldType() {
    assertArrayEquals(
        new Object[] {"u1", "i1", 1_700_000_000L, "click", 2.5, "i1|i2|i3"},
        convertInteraction("u1", "i1", "1700000000", "click", "2.5", "i1|i2|i3"));
    Object[] out = new Object[8];
    items.convert(
        new String[] {"i1", "Drama|Crime", "<p>Good</p>", "9.99", "42", "true", "0", "Title"},
        2,
        out);
    assertArrayEquals(
        new Object[] {"i1", "Drama|Crime", "<p>Good</p>", 9.99, 42L, true, 0L, "Title"}, out);
  }

  @Test
  void emptyNullableValuesBecomeNullForEveryType() {
    assertArrayEquals(
        new Object[] {"i1", "Drama", null, null, null, null, 0L, null},
        new Object[] {
          itemValue(0, "i1"),
          itemValue(1, "Drama"),
          itemValue(2, ""),
          itemValue(3, ""),
          itemValue(4, ""),
          itemValue(5, ""),
          itemValue(6, "0"),
          itemValue(7, "")
        });
  }

  @Test
  void emptyValueOfANonNullableFieldIsAnError() {
    assertEquals(
        "interactions.csv: row 5, column EVENT_TYPE: expected a non-empty value (the field is not"
            + " nullable); found \"\"",
        interactionFailure("u1", "i1", "1", "", "", ""));
    assertEquals(
        "interactions.csv: row 5, column TIMESTAMP: expected a non-empty value (the field is not"
            + " nullable); found \"\"",
        interactionFailure(interaction("")));
  }

  @Test
  void nonNumericTimestampNamesRowAndColumn() {
    assertEquals(
        "interactions.csv: row 5, column TIMESTAMP: expected epoch seconds (an integer that"
            + " fits a long); found \"2023-01-01T00:00:00Z\"",
        interactionFailure(interaction("2023-01-01T00:00:00Z")));
  }

  @Test
  void timestampMustBeWholeSecondsThatFitALong() {
    String expected =
        "interactions.csv: row 5, column TIMESTAMP: expected epoch seconds (an integer that"
            + " fits a long); found ";
    assertEquals(-1L, convertInteraction(interaction("-1"))[2]);
    assertEquals(Long.MIN_VALUE, convertInteraction(interaction("-9223372036854775808"))[2]);
    assertEquals(
        expected + "\"-9223372036854775809\"",
        interactionFailure(interaction("-9223372036854775809")));
    assertEquals(expected + "\"1700000000.5\"", interactionFailure(interaction("1700000000.5")));
    assertEquals(
        expected + "\"99999999999999999999\"",
        interactionFailure(interaction("99999999999999999999")));
    assertEquals(0L, convertInteraction(interaction("0"))[2]);
    assertEquals(Long.MAX_VALUE, convertInteraction(interaction("9223372036854775807"))[2]);
  }

  @Test
  void creationTimestampIsEpochSecondsToo() {
    assertEquals(
        "items.csv: row 9, column CREATION_TIMESTAMP: expected epoch seconds (an integer that"
            + " fits a long); found \"1967-06-01\"",
        itemFailure(6, "1967-06-01"));
  }

  @Test
  void itemIdOver256CharactersIsRejectedInAmazonsWords() {
    String id = "x".repeat(257);
    assertEquals(
        "interactions.csv: row 5, column ITEM_ID: expected at most 256 characters (Length cannot"
            + " be more than 256 characters for ITEM_ID); found \""
            + "x".repeat(100)
            + "…\" (257 characters)",
        interactionFailure("u1", id, "1", "click", "", ""));
  }

  @Test
  void idLengthCountsCharactersNotUtf16Units() {
    String emoji = "😀".repeat(256);
    assertEquals(emoji, convertInteraction("u1", emoji, "1", "click", "", "")[1]);
    assertEquals("x".repeat(256), convertInteraction("x".repeat(256), "i1", "1", "c", "", "")[0]);
  }

  @Test
  void userIdOver256CharactersIsRejected() {
    assertEquals(
        "interactions.csv: row 5, column USER_ID: expected at most 256 characters (Length cannot"
            + " be more than 256 characters for USER_ID); found \""
            + "é".repeat(100)
            + "…\" (300 characters)",
        interactionFailure("é".repeat(300), "i1", "1", "click", "", ""));
  }

  @Test
  void categoricalValueOver1000CharactersIsRejected() {
    String genres = "Drama|".repeat(167); // 1002 characters
    assertEquals(
        "items.csv: row 9, column GENRES: expected at most 1000 characters (Length cannot be more"
            + " than 1000 characters for GENRES); found \""
            + genres.substring(0, 100)
            + "…\" (1002 characters)",
        itemFailure(1, genres));
    assertEquals("x".repeat(1000), itemValue(1, "x".repeat(1000)));
  }

  @Test
  void plainStringAndImpressionOver1000CharactersAreRejected() {
    assertEquals(
        "items.csv: row 9, column TITLE: expected at most 1000 characters (Length cannot be more"
            + " than 1000 characters for TITLE); found \""
            + "t".repeat(100)
            + "…\" (1001 characters)",
        itemFailure(7, "t".repeat(1001)));
    assertEquals(
        "interactions.csv: row 5, column IMPRESSION: expected at most 1000 characters (Length"
            + " cannot be more than 1000 characters for IMPRESSION); found \""
            + "i1|".repeat(33)
            + "i…\" (1001 characters)",
        interactionFailure("u1", "i1", "1", "click", "", "i1|".repeat(333) + "i1"));
  }

  @Test
  void textualValueIsTruncatedTo20000CharactersNotRejected() {
    String text = "a".repeat(25_000);
    assertEquals("a".repeat(20_000), itemValue(2, text));
    String exact = "b".repeat(20_000);
    assertEquals(exact, itemValue(2, exact));
  }

  @Test
  void textualTruncationNeverSplitsACharacter() {
    String text = "😀".repeat(20_001);
    assertEquals("😀".repeat(20_000), itemValue(2, text));
  }

  @Test
  void textualHtmlIsStoredAsGiven() {
    assertEquals("<b>Bold</b> &amp;\nnext", itemValue(2, "<b>Bold</b> &amp;\nnext"));
  }

  @Test
  void booleansAreLowercaseTrueOrFalse() {
    assertEquals(Boolean.TRUE, itemValue(5, "true"));
    assertEquals(Boolean.FALSE, itemValue(5, "false"));
    for (String bad : new String[] {"True", "FALSE", "1", "yes", " true"}) {
      assertEquals(
          "items.csv: row 9, column IN_STOCK: expected true or false (lowercase); found \""
              + bad
              + "\"",
          itemFailure(5, bad));
    }
  }

  @Test
  void integersMustBeAsciiDigitsWithinTheirType() {
    assertEquals(-42L, itemValue(4, "-42"));
    assertEquals(7L, itemValue(4, "+7"));
    assertEquals((long) Integer.MAX_VALUE, itemValue(4, "2147483647"));
    assertEquals((long) Integer.MIN_VALUE, itemValue(4, "-2147483648"));
    assertEquals(
        "items.csv: row 9, column RATING_COUNT: expected an integer from -2147483648 to"
            + " 2147483647; found \"2147483648\"",
        itemFailure(4, "2147483648"));
    for (String bad : new String[] {"abc", "1.0", " 5", "5 ", "", "-", "٣", "1e3", "0x10"}) {
      if (bad.isEmpty()) {
        continue;
      }
      assertEquals(
          "items.csv: row 9, column RATING_COUNT: expected an integer; found \"" + bad + "\"",
          itemFailure(4, bad));
    }
  }

  @Test
  void longOverflowIsOutOfRange() {
    RowConverter c =
        new RowConverter(
            new ParsedSchema(
                DatasetType.USERS,
                List.of(
                    field("USER_ID", FieldType.STRING, false),
                    field("VISITS", FieldType.LONG, false))),
            "users.csv");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> c.convert(new String[] {"u1", "9223372036854775808"}, 2, new Object[2]));
    assertEquals(
        "users.csv: row 2, column VISITS: expected an integer from -9223372036854775808 to"
            + " 9223372036854775807; found \"9223372036854775808\"",
        e.getMessage());
  }

  @Test
  void decimalsAcceptPlainAndScientificNotation() {
    assertEquals(9.99, itemValue(3, "9.99"));
    assertEquals(-2000.0, itemValue(3, "-2e3"));
    assertEquals(0.5, itemValue(3, ".5"));
    assertEquals(3.0, itemValue(3, "3."));
    assertEquals(1.0E-5, itemValue(3, "1.0E-5"));
    assertEquals(42.0, itemValue(3, "+42"));
  }

  @Test
  void decimalsRejectWhatIsNotAPlainFiniteNumber() {
    for (String bad :
        new String[] {
          "NaN",
          "Infinity",
          "-Infinity",
          "0x1p3",
          "1.5f",
          "2d",
          " 1",
          "1 ",
          ".",
          "e5",
          "1e",
          "1,5",
          "€5"
        }) {
      assertEquals(
          "items.csv: row 9, column PRICE: expected a number; found \"" + bad + "\"",
          itemFailure(3, bad));
    }
    assertEquals(
        "items.csv: row 9, column PRICE: expected a finite number; found \"1e400\"",
        itemFailure(3, "1e400"));
  }

  @Test
  void floatFieldsMustFitAFloatButKeepTheParsedDouble() {
    assertEquals(0.1, convertInteraction("u1", "i1", "1", "click", "0.1", "")[4]);
    assertEquals(
        "interactions.csv: row 5, column EVENT_VALUE: expected a number within the range of a"
            + " float (±3.4028235E38); found \"1e39\"",
        interactionFailure("u1", "i1", "1", "click", "1e39", ""));
  }

  @Test
  void foundValueIsEscapedAndCutAfter100Characters() {
    assertEquals(
        "interactions.csv: row 5, column TIMESTAMP: expected epoch seconds (an integer that"
            + " fits a long); found \"1\\n2\\t\\\"3\\\"\\\\\\u0000\"",
        interactionFailure(interaction("1\n2\t\"3\"\\\u0000")));
    String longValue = "z".repeat(150);
    assertEquals(
        "interactions.csv: row 5, column TIMESTAMP: expected epoch seconds (an integer that"
            + " fits a long); found \""
            + "z".repeat(100)
            + "…\"",
        interactionFailure(interaction(longValue)));
  }

  @Test
  void convertValueUsesTheCallersLocation() {
    SchemaField ratings = field("NUMBER_OF_RATINGS", FieldType.INT, false);
    assertEquals(12L, interactions.convertValue(ratings, "12", "event 3, property x"));
    assertNull(items.convertValue(DESCRIPTION, null, "item i1, property description"));
    assertEquals(
        "event 3, property numberOfRatings: expected an integer; found \"many\"",
        assertThrows(
                InvalidInputException.class,
                () ->
                    interactions.convertValue(ratings, "many", "event 3, property numberOfRatings"))
            .getMessage());
    assertEquals(
        "item i7, property genres: expected a non-empty value (the field is not nullable); found"
            + " \"\"",
        assertThrows(
                InvalidInputException.class,
                () -> items.convertValue(GENRES, null, "item i7, property genres"))
            .getMessage());
  }

  @Test
  void recordOfTheWrongLengthIsAProgrammingError() {
    assertThrows(
        IllegalArgumentException.class,
        () -> interactions.convert(new String[] {"u1"}, 2, new Object[6]));
  }
}
