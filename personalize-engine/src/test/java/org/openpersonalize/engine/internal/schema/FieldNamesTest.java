package org.openpersonalize.engine.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldNamesTest {
  private static final SchemaField RATINGS =
      new SchemaField("NUMBER_OF_RATINGS", FieldType.INT, false, false, false, false);
  private static final SchemaField CREATED =
      new SchemaField("CREATION_TIMESTAMP", FieldType.LONG, false, false, false, false);
  private static final SchemaField USER_AGE =
      new SchemaField("userAge", FieldType.INT, true, false, false, false);
  private static final ParsedSchema ITEMS =
      new ParsedSchema(
          DatasetType.ITEMS,
          List.of(
              new SchemaField("ITEM_ID", FieldType.STRING, false, false, false, false),
              RATINGS,
              CREATED,
              USER_AGE));

  @ParameterizedTest
  @CsvSource({
    "NUMBER_OF_RATINGS, numberOfRatings",
    "CREATION_TIMESTAMP, creationTimestamp",
    "USER_ID, userId",
    "GENRE_L2, genreL2",
    "GENRES_FIELD_1, genresField1",
    "PRICE, price",
    "_LEADING__DOUBLE_, leadingDouble",
    "Mixed_Case, mixedCase",
  })
  void toCamelCaseLowersTheFirstPartAndCapitalisesTheRest(String field, String expected) {
    assertEquals(expected, FieldNames.toCamelCase(field));
  }

  @Test
  void toCamelCaseOfUnderscoresOnlyIsEmpty() {
    assertEquals("", FieldNames.toCamelCase("__"));
  }

  @ParameterizedTest
  @CsvSource({
    "GENRES_FIELD_1, genresfield1",
    "GENRESFIELD1, genresfield1",
    "GenresField1, genresfield1",
    "__, ''",
  })
  void normalizeKeepsLettersAndDigitsInLowerCase(String field, String expected) {
    assertEquals(expected, FieldNames.normalize(field));
  }

  @Test
  void propertyKeyMatchesTheCamelCaseFormOfAField() {
    assertSame(RATINGS, FieldNames.fieldForPropertyKey(ITEMS, "numberOfRatings"));
    assertSame(CREATED, FieldNames.fieldForPropertyKey(ITEMS, "creationTimestamp"));
  }

  @Test
  void propertyKeyAlsoMatchesTheExactFieldName() {
    assertSame(RATINGS, FieldNames.fieldForPropertyKey(ITEMS, "NUMBER_OF_RATINGS"));
    assertSame(USER_AGE, FieldNames.fieldForPropertyKey(ITEMS, "userAge"));
  }

  @Test
  void propertyKeyInAnyOtherSpellingMatchesNothing() {
    assertNull(FieldNames.fieldForPropertyKey(ITEMS, "NumberOfRatings"));
    assertNull(FieldNames.fieldForPropertyKey(ITEMS, "number_of_ratings"));
    assertNull(FieldNames.fieldForPropertyKey(ITEMS, "color"));
    assertNull(FieldNames.fieldForPropertyKey(ITEMS, null));
  }
}
