package org.openpersonalize.engine.internal.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * Avro-level reading of a schema string and the renderings of Avro types and values that {@link
 * SchemaParser}'s messages quote: whatever Avro or Jackson throws becomes an {@link
 * InvalidInputException} with a short, readable reason.
 */
final class AvroText {
  private AvroText() {}

  private static final int MAX_QUOTED_AVRO_MESSAGE = 300;
  private static final Pattern JACKSON_NOISE =
      Pattern.compile(
          "Source: REDACTED \\(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled\\); ");
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("^(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*: ");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final JsonFactory STRICT_JSON =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .build();

  static Schema parseAvro(String json) {
    try {
      rejectDuplicateKeys(json);
      return new Schema.Parser().parse(json);
    } catch (IOException | RuntimeException e) {
      // Avro signals bad input with SchemaParseException and AvroRuntimeException, but also with
      // IllegalArgumentException (e.g. a bad "order") and others; all of them are the caller's
      // input, never our bug, so they all become InvalidInputException.
      throw new InvalidInputException(
          "Schema must be valid Avro schema JSON; got: " + avroMessage(e), e);
    }
  }

  /**
   * Avro's JSON reading lets a repeated key silently win ({@code "name": "Items", "name":
   * "Interactions"} is an Interactions schema), so the document is read once with duplicate
   * detection first; otherwise with Avro's own settings (comments allowed), so nothing else Avro
   * accepts is refused here.
   */
  private static void rejectDuplicateKeys(String json) throws IOException {
    // Only the first JSON value: what follows it is Avro's to report ("dangling content").
    try (JsonParser p = STRICT_JSON.createParser(json)) {
      int depth = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        }
        if (depth == 0) {
          return;
        }
      }
    }
  }

  private static String avroMessage(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    m = m.replaceAll("\\s+", " ").trim();
    m = JACKSON_NOISE.matcher(m).replaceAll("");
    // Jackson failures arrive wrapped, prefixed with their class name; the text after it is the
    // useful part.
    m = CLASS_PREFIX.matcher(m).replaceFirst("");
    if (m.length() > MAX_QUOTED_AVRO_MESSAGE) {
      int cut = MAX_QUOTED_AVRO_MESSAGE;
      if (Character.isHighSurrogate(m.charAt(cut - 1))) {
        cut--;
      }
      m = m.substring(0, cut) + "...";
    }
    return m;
  }

  static String jsonText(Object v) {
    if (v == JsonProperties.NULL_VALUE) {
      return "null";
    }
    try {
      return JSON.writeValueAsString(v);
    } catch (Exception e) {
      // Avro's property values nest its own Null marker, which Jackson cannot write; the Java
      // rendering is still enough to show what was there.
      return String.valueOf(v);
    }
  }

  static FieldType primitive(Schema s) {
    return switch (s.getType()) {
      case STRING -> FieldType.STRING;
      case INT -> FieldType.INT;
      case LONG -> FieldType.LONG;
      case FLOAT -> FieldType.FLOAT;
      case DOUBLE -> FieldType.DOUBLE;
      case BOOLEAN -> FieldType.BOOLEAN;
      default -> null;
    };
  }

  static String whyNotPrimitive(Schema s) {
    return switch (s.getType()) {
      case RECORD -> "schemas are flat: nested records are not allowed";
      case ARRAY, MAP ->
          "schemas are flat: arrays and maps are not allowed; join multiple values with | in a"
              + " string field";
      case ENUM -> "enums are not allowed; use a categorical string";
      case FIXED, BYTES -> "binary types are not allowed";
      case NULL -> "a field cannot be only null";
      default -> "unsupported type";
    };
  }

  /** A short JSON-like rendering of a type, without the bodies of complex types. */
  static String describe(Schema s) {
    return switch (s.getType()) {
      case UNION ->
          s.getTypes().stream().map(AvroText::describe).collect(Collectors.joining(",", "[", "]"));
      case RECORD, ENUM, FIXED ->
          String.format(
              Locale.ROOT,
              "{\"type\":\"%s\",\"name\":\"%s\",...}",
              s.getType() == Schema.Type.RECORD && s.isError() ? "error" : s.getType().getName(),
              s.getName());
      case ARRAY, MAP -> "{\"type\":\"" + s.getType().getName() + "\",...}";
      default -> {
        Object logical = s.getObjectProp("logicalType");
        yield logical == null
            ? '"' + s.getType().getName() + '"'
            : "{\"type\":\""
                + s.getType().getName()
                + "\",\"logicalType\":"
                + jsonText(logical)
                + "}";
      }
    };
  }

  static InvalidInputException invalid(String format, Object... args) {
    return new InvalidInputException(String.format(Locale.ROOT, format, args));
  }
}
