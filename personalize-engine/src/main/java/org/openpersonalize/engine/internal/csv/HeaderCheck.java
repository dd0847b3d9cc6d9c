package org.openpersonalize.engine.internal.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.InvalidInputException;

/** The bulk-import CSV header rule: exactly the schema's field names, in schema order. */
final class HeaderCheck {
  private HeaderCheck() {}

  /**
   * Checks that a header lists exactly the schema's field names, in schema order. Names are
   * compared exactly: case-sensitively and without trimming, so a header name with a space, a NUL
   * or another control character around it is refused (it would otherwise pass for the schema's
   * column, which Amazon does not allow), with a hint naming the column it resembles.
   *
   * @param fileName the file name to use in messages
   * @param names the schema's field names, in order
   * @param header the header row as read
   * @throws InvalidInputException naming the missing columns (in Amazon's words, {@code Input CSV
   *     is missing the following columns:[A, B]}), the columns the schema does not have, repeated
   *     columns, or a wrong order, together with the expected and the found header
   */
  static void check(String fileName, String[] names, String[] header) {
    String[] found = header;
    if (Arrays.equals(found, names)) {
      return;
    }
    Set<String> schemaNames = Set.of(names);
    Map<String, Integer> counts = new HashMap<>();
    for (String name : found) {
      counts.merge(name, 1, Integer::sum);
    }
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!counts.containsKey(name)) {
        missing.add(name);
      }
    }
    Set<String> extra = new LinkedHashSet<>();
    Set<String> repeated = new LinkedHashSet<>();
    for (String name : found) {
      if (!schemaNames.contains(name)) {
        extra.add(name);
      } else if (counts.get(name) > 1) {
        repeated.add(name);
      }
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("Input CSV is missing the following columns:" + listOf(missing));
    }
    if (!extra.isEmpty()) {
      problems.add("the header has columns that are not in the schema:" + listOf(extra));
    }
    if (!repeated.isEmpty()) {
      problems.add("the header repeats columns:" + listOf(repeated));
    }
    if (problems.isEmpty()) {
      problems.add("the columns are not in the schema's order");
    }
    for (String name : extra) {
      for (String wanted : missing) {
        if (!name.equals(wanted) && stripped(name).equals(wanted)) {
          problems.add(
              "column names must match the schema exactly, without spaces or control characters:"
                  + " found "
                  + ValueText.shown(name)
                  + " where the schema has "
                  + wanted);
        } else if (name.equalsIgnoreCase(wanted)) {
          problems.add(
              "column names are case-sensitive: found " + name + " where the schema has " + wanted);
        }
      }
    }
    throw new InvalidInputException(
        fileName
            + ": row 1 (header): "
            + String.join("; ", problems)
            + "; expected header: "
            + String.join(",", names)
            + "; found: "
            + String.join(",", visible(header)));
  }

  /** The name without surrounding whitespace and control characters (NUL included). */
  private static String stripped(String name) {
    int start = 0;
    int end = name.length();
    while (start < end && isInvisible(name.charAt(start))) {
      start++;
    }
    while (end > start && isInvisible(name.charAt(end - 1))) {
      end--;
    }
    return name.substring(start, end);
  }

  private static boolean isInvisible(char ch) {
    return ch <= ' ' || ch == 0x7F || Character.isWhitespace(ch) || ch == '\uFEFF';
  }

  /** Header names for a message: as written, or quoted and escaped if they hide something. */
  private static String[] visible(String[] header) {
    String[] out = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      String h = header[i];
      out[i] = !h.isEmpty() && !stripped(h).equals(h) || hasControl(h) ? ValueText.shown(h) : h;
    }
    return out;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch == 0x7F) {
        return true;
      }
    }
    return false;
  }

  /** {@code [A, B]}, showing an empty name as {@code ""} so it is visible. */
  private static String listOf(Iterable<String> names) {
    StringBuilder sb = new StringBuilder("[");
    for (String name : names) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(
          name.isEmpty() || !stripped(name).equals(name) || hasControl(name)
              ? ValueText.shown(name)
              : name);
    }
    return sb.append(']').toString();
  }
}
