package org.openpersonalize.engine.internal.csv;

import java.util.Locale;

/** How a value found in a file is quoted in a message. */
final class ValueText {
  /** A found value longer than this is cut in messages. */
  private static final int MAX_SHOWN_LENGTH = 100;

  private ValueText() {}

  /** The value in quotes, escaped so the message stays on one line, cut after 100 characters. */
  static String shown(String value) {
    int end = value.length();
    boolean cut = false;
    if (end > MAX_SHOWN_LENGTH) {
      end = MAX_SHOWN_LENGTH;
      if (Character.isHighSurrogate(value.charAt(end - 1))) {
        end--;
      }
      cut = true;
    }
    StringBuilder sb = new StringBuilder(end + 8).append('"');
    for (int i = 0; i < end; i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20 || ch == 0x7F) {
            sb.append(String.format(Locale.ROOT, "\\u%04X", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    if (cut) {
      sb.append('…');
    }
    return sb.append('"').toString();
  }
}
