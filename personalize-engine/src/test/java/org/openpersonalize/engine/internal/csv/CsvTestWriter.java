package org.openpersonalize.engine.internal.csv;

import java.util.List;

/**
 * Writes CSV the way spec §1.6 describes, for tests: every string quoted, quotes escaped either as
 * {@code \"} or as {@code ""}, backslashes as {@code \\}; numbers and booleans unquoted; null as an
 * empty value. Deliberately independent of the reader's code.
 */
public final class CsvTestWriter {
  private CsvTestWriter() {}

  /**
   * @param header the header names, written unquoted
   * @param rows the records; String, Long, Double, Boolean or null values
   * @param doubledQuotes escape a quote as {@code ""} instead of {@code \"}
   * @param lineEnd {@code "\n"} or {@code "\r\n"}
   */
  public static String write(
      List<String> header, List<Object[]> rows, boolean doubledQuotes, String lineEnd) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.join(",", header)).append(lineEnd);
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        Object v = row[i];
        if (v instanceof String s) {
          sb.append('"');
          for (int j = 0; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"') {
              sb.append(doubledQuotes ? "\"\"" : "\\\"");
            } else if (c == '\\') {
              sb.append("\\\\");
            } else {
              sb.append(c);
            }
          }
          sb.append('"');
        } else if (v != null) {
          sb.append(v);
        }
      }
      sb.append(lineEnd);
    }
    return sb.toString();
  }
}
