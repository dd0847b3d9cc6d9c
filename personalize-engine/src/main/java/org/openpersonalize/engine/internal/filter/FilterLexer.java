package org.openpersonalize.engine.internal.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter expression into tokens for {@link FilterParser}: words, {@code $PARAMETERS},
 * quoted strings, numbers and symbols, each with its 1-based position so that every error can say
 * where it is.
 */
final class FilterLexer {
  /** What a token is. */
  enum Kind {
    WORD,
    PARAM,
    STRING,
    NUMBER,
    SYMBOL,
    END
  }

  /** One token: its kind, its text (a parameter without its {@code $}) and its position. */
  static final class Token {
    final Kind kind;
    final String text;
    final int position;

    Token(Kind kind, String text, int position) {
      this.kind = kind;
      this.text = text;
      this.position = position;
    }

    /** The token as an error message shows it. */
    String show() {
      return kind == Kind.END
          ? "end of expression"
          : "\"" + (kind == Kind.PARAM ? "$" + text : text) + "\"";
    }
  }

  private final String src;
  private final List<Token> tokens = new ArrayList<>();

  private FilterLexer(String src) {
    this.src = src;
  }

  /** The tokens of an expression, ending with an END token; a syntax error names its position. */
  static List<Token> lex(String src) {
    FilterLexer l = new FilterLexer(src);
    l.lex();
    return l.tokens;
  }

  private void lex() {
    int i = 0;
    int n = src.length();
    while (i < n) {
      char ch = src.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (Character.isLetter(ch) || ch == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
          i++;
        }
        tokens.add(new Token(Kind.WORD, src.substring(s, i), s + 1));
      } else if (ch == '$') {
        int s = i++;
        while (i < n && (isAsciiAlnum(src.charAt(i)) || src.charAt(i) == '_')) {
          i++;
        }
        if (i == s + 1) {
          throw FilterParser.invalid(
              s + 1, "expected a parameter name after $, found " + showChar(i));
        }
        tokens.add(new Token(Kind.PARAM, src.substring(s + 1, i), s + 1));
      } else if (ch == '"') {
        int s = i++;
        StringBuilder sb = new StringBuilder();
        while (true) {
          if (i >= n) {
            throw FilterParser.invalid(
                s + 1, "expected a closing \" for the string, found end of expression");
          }
          char c = src.charAt(i);
          if (c == '\\' && i + 1 < n) {
            sb.append(src.charAt(i + 1));
            i += 2;
          } else if (c == '"') {
            i++;
            break;
          } else {
            sb.append(c);
            i++;
          }
        }
        tokens.add(new Token(Kind.STRING, sb.toString(), s + 1));
      } else if (Character.isDigit(ch)
          || ((ch == '-' || ch == '.') && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
        int s = i++;
        while (i < n && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '.')) {
          i++;
        }
        String num = src.substring(s, i);
        try {
          Double.parseDouble(num);
        } catch (NumberFormatException e) {
          throw FilterParser.invalid(s + 1, "expected a number, found \"" + num + "\"");
        }
        tokens.add(new Token(Kind.NUMBER, num, s + 1));
      } else if ((ch == '!' || ch == '<' || ch == '>') && i + 1 < n && src.charAt(i + 1) == '=') {
        tokens.add(new Token(Kind.SYMBOL, src.substring(i, i + 2), i + 1));
        i += 2;
      } else if ("()|,.=<>*".indexOf(ch) >= 0) {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(ch), i + 1));
        i++;
      } else {
        throw FilterParser.invalid(i + 1, "unexpected character " + showChar(i));
      }
    }
    tokens.add(new Token(Kind.END, "", n + 1));
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private String showChar(int i) {
    return i >= src.length() ? "end of expression" : "\"" + src.charAt(i) + "\"";
  }
}
