package org.openpersonalize.engine.internal.schema;

import java.util.Locale;
import java.util.Set;

/**
 * Conversions between schema column names and the other spellings Personalize uses for them.
 *
 * <p>Schemas name columns in {@code UPPER_SNAKE} ({@code NUMBER_OF_RATINGS}); the JSON {@code
 * properties} of PutEvents, PutItems, PutUsers and PutActions name the same columns in {@code
 * camelCase} ({@code numberOfRatings}); and uniqueness of names is judged on a third form with
 * punctuation and case removed ({@code numberofratings}), so that {@code GENRES_FIELD_1} and {@code
 * GENRESFIELD1} count as the same name (spec §1.4 rule 4, §1.7).
 */
public final class FieldNames {
  /**
   * Column names the engine adds to its dataset tables beside the schema's fields ({@code
   * DatasetTable}): a schema field of the same name would collide with them in SQLite, which
   * compares column names ignoring ASCII case, so CreateSchema refuses these names (lower case
   * here). The engine's store test checks that every column a dataset table has beyond its schema
   * is listed here, so a new bookkeeping column cannot be added without reserving its name.
   */
  public static final Set<String> ENGINE_COLUMNS =
      Set.of("_src", "_dedup", "_event_id", "_session_id");

  private FieldNames() {}

  /**
   * Whether a schema field name is one of {@link #ENGINE_COLUMNS}, compared as SQLite compares
   * column names (ASCII case ignored).
   *
   * @param fieldName a schema field name
   * @return true if the name is reserved for the engine
   */
  public static boolean isEngineColumn(String fieldName) {
    return ENGINE_COLUMNS.contains(asciiLowerCase(fieldName));
  }

  private static String asciiLowerCase(String s) {
    char[] out = s.toCharArray();
    for (int i = 0; i < out.length; i++) {
      if (out[i] >= 'A' && out[i] <= 'Z') {
        out[i] = (char) (out[i] + ('a' - 'A'));
      }
    }
    return new String(out);
  }

  /**
   * The camelCase key that API {@code properties} use for a schema column: the name is split at
   * underscores, the first part is lower-cased and every later part is capitalised, so {@code
   * NUMBER_OF_RATINGS} becomes {@code numberOfRatings}, {@code CREATION_TIMESTAMP} becomes {@code
   * creationTimestamp} and {@code GENRE_L2} becomes {@code genreL2}. Leading, trailing and repeated
   * underscores are dropped.
   *
   * @param fieldName a schema field name
   * @return its camelCase form; empty if the name has no characters besides underscores
   */
  public static String toCamelCase(String fieldName) {
    StringBuilder out = new StringBuilder(fieldName.length());
    for (String part : fieldName.split("_", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      String lower = part.toLowerCase(Locale.ROOT);
      if (out.length() == 0) {
        out.append(lower);
      } else {
        // Code points, not chars, so a name starting with a supplementary letter stays intact.
        int first = lower.codePointAt(0);
        out.appendCodePoint(Character.toUpperCase(first));
        out.append(lower, Character.charCount(first), lower.length());
      }
    }
    return out.toString();
  }

  /**
   * The form two field names are compared in for uniqueness: letters and digits only, lower case
   * ({@code GENRES_FIELD_1} and {@code GenresField1} both become {@code genresfield1}).
   *
   * @param fieldName a schema field name
   * @return the name without non-alphanumerics, lower-cased with {@link Locale#ROOT}
   */
  public static String normalize(String fieldName) {
    StringBuilder out = new StringBuilder(fieldName.length());
    fieldName
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
    return out.toString();
  }

  /**
   * The schema field an API {@code properties} key refers to. The key is matched case-sensitively
   * against each field's {@link #toCamelCase camelCase} form first (what Amazon documents: {@code
   * numberOfRatings} for {@code NUMBER_OF_RATINGS}); failing that, a key spelled exactly like the
   * field ({@code NUMBER_OF_RATINGS}) is accepted too, because clients ported from CSV pipelines
   * send column names, and fields not written in {@code UPPER_SNAKE} (say {@code userAge}) are
   * otherwise unreachable after lower-casing. No other spelling matches, so {@code NumberOfRatings}
   * is rejected by the caller as an unknown key.
   *
   * @param schema the dataset's schema
   * @param key a key of a {@code properties} JSON object
   * @return the field, or null if no field has that key
   */
  public static SchemaField fieldForPropertyKey(ParsedSchema schema, String key) {
    if (key == null) {
      return null;
    }
    for (SchemaField f : schema.fields()) {
      if (toCamelCase(f.name()).equals(key)) {
        return f;
      }
    }
    return schema.field(key);
  }
}
