package org.openpersonalize.engine.internal.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Lines of batch jobs (spec §7.1, §7.2): each input line is one JSON object; each output
 * line is {@code {"input": <the input object>, "output": <the job's answer>, "error": null}}, or,
 * for a line that could not be answered, {@code "output": null} and {@code "error"} saying why. A
 * line that is not a JSON object is echoed as a JSON string in {@code input}, so every input line
 * has exactly one output line, in the same order.
 */
public final class BatchLines {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BatchLines() {}

  /**
   * A line parsed, or why it could not be.
   *
   * @param object the parsed object, or null
   * @param error why the line is not a JSON object, or null
   */
  public record Parsed(ObjectNode object, String error) {}

  /** Parses one input line. */
  public static Parsed parse(String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return new Parsed(null, "The line is not valid JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      return new Parsed(
          null,
          "The line must be a JSON object; got: " + (n == null ? "nothing" : n.getNodeType()));
    }
    return new Parsed((ObjectNode) n, null);
  }

  /**
   * The output line of an answered input.
   *
   * @param input the input object
   * @param output the job's answer
   */
  public static String answer(ObjectNode input, ObjectNode output) {
    ObjectNode o = NODES.objectNode();
    o.set("input", input);
    o.set("output", output);
    o.putNull("error");
    return o.toString();
  }

  /**
   * The output line of an input that could not be answered.
   *
   * @param input the input object, or null when the line was not one
   * @param rawLine the line as read, echoed when it was not an object
   * @param error why
   */
  public static String error(ObjectNode input, String rawLine, String error) {
    ObjectNode o = NODES.objectNode();
    o.set("input", input != null ? input : TextNode.valueOf(rawLine));
    o.putNull("output");
    o.put("error", error);
    return o.toString();
  }

  /**
   * A required string field of an input line.
   *
   * @return the value
   * @throws LineError when the field is missing, not a string, or empty
   */
  public static String requiredString(ObjectNode in, String field) {
    JsonNode v = in.get(field);
    if (v == null || v.isNull()) {
      throw new LineError("The line must have the field \"" + field + "\"");
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new LineError("\"" + field + "\" must be a non-empty string; got: " + v.toString());
    }
    return v.asText();
  }

  /**
   * The line's {@code filterValues}: an object of strings, or empty when absent.
   *
   * @throws LineError when it is not an object of strings
   */
  public static Map<String, String> filterValues(ObjectNode in) {
    JsonNode v = in.get("filterValues");
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw new LineError("\"filterValues\" must be an object of strings; got: " + v);
    }
    Map<String, String> m = new LinkedHashMap<>();
    var it = v.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (!e.getValue().isTextual()) {
        throw new LineError(
            "\"filterValues\"." + e.getKey() + " must be a string; got: " + e.getValue());
      }
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

  /** A new, empty output object. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * Why one line cannot be answered: its output line carries the message and the job goes on. A
   * scorer throws it (or {@link org.openpersonalize.api.model.InvalidInputException}) for one line.
   */
  public static final class LineError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with the message that goes in the line's {@code error}. */
    public LineError(String message) {
      super(message, null, false, false);
    }
  }
}
