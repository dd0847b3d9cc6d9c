package org.openpersonalize.engine.internal.csv;

/**
 * The number syntax bulk-import values must have: plain ASCII decimal notation, stricter than
 * Java's parsers, which also accept other digits, spaces, {@code NaN}, hexadecimal and suffixes.
 */
final class NumberSyntax {
  private NumberSyntax() {}

  /** {@code [+-]?[0-9]+}: ASCII only, since {@link Long#parseLong} also accepts other digits. */
  static boolean isInteger(String s) {
    int n = s.length();
    int i = (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (i == n) {
      return false;
    }
    for (; i < n; i++) {
      char ch = s.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code [+-]?(digits(.digits?)?|.digits)([eE][+-]?digits)?}: what {@link Double#parseDouble}
   * accepts minus spaces, {@code NaN}, {@code Infinity}, hexadecimal and type suffixes.
   */
  static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    char ch = s.charAt(0);
    if (ch == '+' || ch == '-') {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }
}
