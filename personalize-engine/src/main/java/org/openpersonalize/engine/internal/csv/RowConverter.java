package org.openpersonalize.engine.internal.csv;

import java.util.List;
import java.util.Locale;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.schema.FieldType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaField;

/**
 * Checks a bulk-import CSV header against a dataset's schema and converts the string values of each
 * record to Java values, applying the value rules of spec §1.4 and §10.
 *
 * <p>Values by field type: {@code string} → {@link String}; {@code int} and {@code long} → {@link
 * Long}; {@code float} and {@code double} → {@link Double}; {@code boolean} → {@link Boolean}. An
 * empty value is {@code null} when the field is nullable and an error otherwise.
 *
 * <p>Rules, with lengths counted in Unicode code points:
 *
 * <ul>
 *   <li>{@code USER_ID}, {@code ITEM_ID}, {@code ACTION_ID}: at most 256 characters.
 *   <li>Categorical strings (the whole {@code |}-joined value), other plain strings (including
 *       {@code IMPRESSION}, {@code EVENT_TYPE}, {@code RECOMMENDATION_ID}): at most 1000.
 *   <li>Textual strings: cut to their first 20,000 characters, not rejected (Amazon's lower limit
 *       of 7,000 for Chinese and Japanese is not applied: the language of a value is not known
 *       here). HTML is stored as given; stripping happens when the text is used.
 *   <li>Integers: optional sign and ASCII digits only, within the range of the Avro type. {@code
 *       TIMESTAMP}, {@code CREATION_TIMESTAMP} and the Actions expiration timestamp are epoch
 *       seconds and take any value of their Avro type: negative values are instants before 1970
 *       (films, books and recordings released before then), and values after the engine clock's now
 *       are kept as given (docs/decisions.md, "Timestamps").
 *   <li>Floating point: an optional sign, digits with an optional fraction, an optional exponent;
 *       the value must be finite, and within float range for a {@code float} field (kept as the
 *       parsed double, not rounded to float precision). No surrounding spaces, no {@code NaN}, no
 *       {@code Infinity}, no hexadecimal, no {@code f}/{@code d} suffix.
 *   <li>Booleans: {@code true} or {@code false}, lowercase.
 * </ul>
 *
 * <p>Every rule failure is an {@link InvalidInputException} whose message reads {@code <file>: row
 * <n>, column <COL>: expected <what>; found "<value>"}; the value is shown with control characters,
 * quotes and backslashes escaped, and cut after 100 characters with {@code …}. Messages are built
 * only when a value fails, so converting a valid record allocates nothing but the boxed values.
 *
 * <p>Immutable and thread-safe.
 */
public final class RowConverter {
  /** Spec §1.4: longest {@code USER_ID}, {@code ITEM_ID} or {@code ACTION_ID}. */
  public static final int MAX_ID_LENGTH = 256;

  /** Spec §1.4: longest categorical, impression or other non-textual string value. */
  public static final int MAX_STRING_LENGTH = 1000;

  /** Spec §1.4: textual values are cut to this length. */
  public static final int MAX_TEXTUAL_LENGTH = 20_000;

  private enum Kind {
    ID,
    STRING,
    TEXTUAL,
    INTEGER,
    EPOCH_SECONDS,
    FLOAT,
    DOUBLE,
    BOOLEAN
  }

  /** A field with its rule resolved once, so converting a value is a switch and a check. */
  private record Column(SchemaField field, Kind kind, long min, long max) {}

  private final String fileName;
  private final Column[] columns;
  private final String[] names;

  /**
   * Creates a converter for one file.
   *
   * @param schema the dataset's schema; its field order is the required column order
   * @param fileName the file name to use in messages
   */
  public RowConverter(ParsedSchema schema, String fileName) {
    this.fileName = fileName;
    List<SchemaField> fields = schema.fields();
    this.columns = new Column[fields.size()];
    this.names = new String[fields.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = columnFor(fields.get(i));
      names[i] = fields.get(i).name();
    }
  }

  /**
   * Checks that a header lists exactly the schema's field names, in schema order. Names are
   * compared exactly: case-sensitively and without trimming, so a header name with a space, a NUL
   * or another control character around it is refused (it would otherwise pass for the schema's
   * column, which Amazon does not allow), with a hint naming the column it resembles.
   *
   * @param header the header row as read
   * @throws InvalidInputException naming the missing columns (in Amazon's words, {@code Input CSV
   *     is missing the following columns:[A, B]}), the columns the schema does not have, repeated
   *     columns, or a wrong order, together with the expected and the found header
   */
  public void checkHeader(String[] header) {
    HeaderCheck.check(fileName, names, header);
  }

  /** The value in quotes, escaped so the message stays on one line, cut after 100 characters. */
  static String shown(String value) {
    return ValueText.shown(value);
  }

  /**
   * Converts one record, in schema order, into {@code out}.
   *
   * @param record the record's values, one per schema field (as {@link CsvRecordReader} returns
   *     them after {@link #checkHeader} accepted the header)
   * @param row the record's row, for messages
   * @param out receives one value per field; nulls for empty nullable values
   * @throws InvalidInputException if a value breaks its field's rule
   * @throws IllegalArgumentException if {@code record} or {@code out} does not have one slot per
   *     field
   */
  public void convert(String[] record, long row, Object[] out) {
    if (record.length != columns.length || out.length != columns.length) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "record and out must have %d values, one per schema field; got: %d and %d",
              columns.length,
              record.length,
              out.length));
    }
    for (int i = 0; i < columns.length; i++) {
      out[i] = convert(columns[i], record[i], null, row);
    }
  }

  /**
   * Converts one value by the same rules as {@link #convert}, for values that come from elsewhere
   * than a CSV file: PutEvents, PutItems or PutUsers properties.
   *
   * @param field the schema field the value is for
   * @param raw the value as text; null or empty means no value
   * @param where what the value is, used as the start of an error message, e.g. {@code event 3,
   *     property numberOfRatings}
   * @return the converted value, or null for an empty value of a nullable field
   * @throws InvalidInputException {@code <where>: expected <what>; found "<value>"}
   */
  public Object convertValue(SchemaField field, String raw, String where) {
    return convert(columnFor(field), raw, where, 0);
  }

  private static Column columnFor(SchemaField f) {
    String name = f.name();
    FieldType type = f.type();
    boolean timestamp =
        name.equals("TIMESTAMP")
            || name.equals("CREATION_TIMESTAMP")
            || name.equals("EXPIRATION_TIMESTAMP")
            || name.equals("ACTION_EXPIRATION_TIMESTAMP");
    long max = type == FieldType.INT ? Integer.MAX_VALUE : Long.MAX_VALUE;
    long min = type == FieldType.INT ? Integer.MIN_VALUE : Long.MIN_VALUE;
    return switch (type) {
      case STRING -> {
        if (name.equals("USER_ID") || name.equals("ITEM_ID") || name.equals("ACTION_ID")) {
          yield new Column(f, Kind.ID, 0, MAX_ID_LENGTH);
        }
        yield f.textual()
            ? new Column(f, Kind.TEXTUAL, 0, MAX_TEXTUAL_LENGTH)
            : new Column(f, Kind.STRING, 0, MAX_STRING_LENGTH);
      }
      case INT, LONG ->
          timestamp
              ? new Column(f, Kind.EPOCH_SECONDS, min, max)
              : new Column(f, Kind.INTEGER, min, max);
      case FLOAT -> new Column(f, Kind.FLOAT, 0, 0);
      case DOUBLE -> new Column(f, Kind.DOUBLE, 0, 0);
      case BOOLEAN -> new Column(f, Kind.BOOLEAN, 0, 0);
    };
  }

  private Object convert(Column c, String raw, String where, long row) {
    if (raw == null || raw.isEmpty()) {
      if (c.field.nullable()) {
        return null;
      }
      throw fail(c, where, row, "a non-empty value (the field is not nullable)", "");
    }
    switch (c.kind) {
      case ID, STRING:
        if (raw.length() > c.max) {
          int length = raw.codePointCount(0, raw.length());
          if (length > c.max) {
            throw fail(
                c,
                where,
                row,
                String.format(
                    Locale.ROOT,
                    "at most %d characters (Length cannot be more than %d characters for %s)",
                    c.max,
                    c.max,
                    c.field.name()),
                raw,
                " (" + length + " characters)");
          }
        }
        return raw;
      case TEXTUAL:
        if (raw.length() > c.max && raw.codePointCount(0, raw.length()) > c.max) {
          return raw.substring(0, raw.offsetByCodePoints(0, (int) c.max));
        }
        return raw;
      case INTEGER, EPOCH_SECONDS:
        return parseInteger(c, raw, where, row);
      case FLOAT, DOUBLE:
        return parseDecimal(c, raw, where, row);
      case BOOLEAN:
        if (raw.equals("true")) {
          return Boolean.TRUE;
        }
        if (raw.equals("false")) {
          return Boolean.FALSE;
        }
        throw fail(c, where, row, "true or false (lowercase)", raw);
      default:
        throw new AssertionError(c.kind);
    }
  }

  private Long parseInteger(Column c, String raw, String where, long row) {
    boolean wellFormed = NumberSyntax.isInteger(raw);
    if (wellFormed) {
      try {
        long v = Long.parseLong(raw);
        if (v >= c.min && v <= c.max) {
          return v;
        }
      } catch (NumberFormatException e) {
        // Digits only, so it overflowed a long: reported as out of range below.
      }
    }
    String what;
    if (c.kind == Kind.EPOCH_SECONDS) {
      what =
          c.max == Long.MAX_VALUE
              ? "epoch seconds (an integer that fits a long)"
              : "epoch seconds (an integer from " + c.min + " to " + c.max + ")";
    } else if (!wellFormed) {
      what = "an integer";
    } else {
      what = "an integer from " + c.min + " to " + c.max;
    }
    throw fail(c, where, row, what, raw);
  }

  private Double parseDecimal(Column c, String raw, String where, long row) {
    if (!NumberSyntax.isDecimal(raw)) {
      throw fail(c, where, row, "a number", raw);
    }
    double v = Double.parseDouble(raw);
    if (!Double.isFinite(v)) {
      throw fail(c, where, row, "a finite number", raw);
    }
    if (c.kind == Kind.FLOAT && Math.abs(v) > Float.MAX_VALUE) {
      throw fail(c, where, row, "a number within the range of a float (±3.4028235E38)", raw);
    }
    return v;
  }

  private InvalidInputException fail(Column c, String where, long row, String what, String found) {
    return fail(c, where, row, what, found, "");
  }

  private InvalidInputException fail(
      Column c, String where, long row, String what, String found, String suffix) {
    String location =
        where != null ? where : fileName + ": row " + row + ", column " + c.field.name();
    return new InvalidInputException(
        location + ": expected " + what + "; found " + shown(found) + suffix);
  }
}
