package org.openpersonalize.engine.internal.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * The {@code filterValues} of a request (spec §5.2): at most 25 entries, keys of {@code
 * [A-Za-z0-9_]+} up to 50 characters, values up to 1000 characters, each value a comma-separated
 * list of double-quoted strings ({@code "\"a\",\"b\""}). Bare values such as {@code 18} are read as
 * well, since Amazon does not document how numbers are written (spec §12 item 15).
 */
public final class FilterValues {
  static final int MAX_ENTRIES = 25;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]{1,50}");

  private FilterValues() {}

  /** Checks a request's {@code filterValues} (count, keys, value lengths), naming the field. */
  public static void check(String field, Map<String, String> values) {
    if (values.size() > MAX_ENTRIES) {
      throw new InvalidInputException(
          field + " must have at most " + MAX_ENTRIES + " entries; got: " + values.size());
    }
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey() == null || !KEY.matcher(e.getKey()).matches()) {
        throw new InvalidInputException(
            field + " keys must be 1-50 characters of [A-Za-z0-9_]; got: " + e.getKey());
      }
      String v = e.getValue();
      if (v == null || v.isEmpty() || v.length() > 1000) {
        throw new InvalidInputException(
            field
                + "."
                + e.getKey()
                + " must be 1-1000 characters; got: "
                + (v == null ? "null" : v.length() + " characters"));
      }
    }
  }

  /**
   * Splits one value into its list: {@code "a","b"} or bare comma-separated tokens.
   *
   * @param field the request field holding the values, e.g. {@code filterValues}
   * @param key the value's key; {@code field.key} names it in errors (built only on failure)
   * @param raw the value
   */
  public static List<String> parse(String field, String key, String raw) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = raw.length();
    while (true) {
      while (i < n && raw.charAt(i) == ' ') {
        i++;
      }
      if (i < n && raw.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw new InvalidInputException(
                field
                    + "."
                    + key
                    + " must be a list of double-quoted strings; got an unclosed quote in: "
                    + raw);
          }
          char c = raw.charAt(i);
          if (c == '\\' && i + 1 < n) {
            sb.append(raw.charAt(i + 1));
            i += 2;
          } else if (c == '"') {
            i++;
            break;
          } else {
            sb.append(c);
            i++;
          }
        }
        out.add(sb.toString());
        while (i < n && raw.charAt(i) == ' ') {
          i++;
        }
      } else {
        int s = i;
        while (i < n && raw.charAt(i) != ',') {
          i++;
        }
        String tok = raw.substring(s, i).trim();
        if (tok.isEmpty()) {
          throw new InvalidInputException(
              field
                  + "."
                  + key
                  + " must be a list of double-quoted strings; got an empty entry in: "
                  + raw);
        }
        out.add(tok);
      }
      if (i >= n) {
        return out;
      }
      if (raw.charAt(i) != ',') {
        throw new InvalidInputException(
            field
                + "."
                + key
                + " must be a list of double-quoted strings separated by commas; got: "
                + raw);
      }
      i++;
    }
  }

  /** The text a number is matched by: integral values without a fraction. */
  public static String canon(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** A literal or parameter value as matched against a field: numbers canonicalised. */
  public static String canon(String value, boolean numeric) {
    if (!numeric) {
      return value;
    }
    try {
      return canon(Double.parseDouble(value.trim()));
    } catch (NumberFormatException e) {
      return value;
    }
  }
}
