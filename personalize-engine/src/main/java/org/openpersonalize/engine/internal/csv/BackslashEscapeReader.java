package org.openpersonalize.engine.internal.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Rewrites the backslash escapes Amazon Personalize allows inside quoted CSV values into plain RFC
 * 4180, and drops a leading byte order mark, so that Jackson can parse the result with no escape
 * character at all.
 *
 * <p>Spec §1.6: inside double quotes, {@code \"} stands for a quote and {@code \\} for a backslash;
 * {@code ""} also stands for a quote. Jackson's own escape character does more than that: it turns
 * {@code \n}, {@code \r}, {@code \t} and {@code \0} into control characters, drops the backslash
 * before any other character, and applies all of this to unquoted values too, so an unquoted ID
 * {@code a\tb} would silently become {@code a<TAB>b}. Here {@code \"} becomes {@code ""} and {@code
 * \\} becomes {@code \}; every other backslash, and every backslash outside quotes, is kept as
 * written.
 *
 * <p>Quote tracking mirrors the parser: a value is quoted only if its first character is {@code "};
 * a quote anywhere else in an unquoted value is an ordinary character. Both rewrites shorten or
 * keep the text, so they run in place over one buffer. The cost is one extra pass and one copy over
 * the characters; {@link CsvRecordReader} gives the measured throughput.
 *
 * <p>Since it knows where quotes are, this reader also counts the line ends outside quotes, which
 * are exactly the record ends. An invalid byte from {@link StrictUtf8Reader} is reported with the
 * row it is in, counted here: the parser reads ahead at the end of every record, so its own
 * position would name the row before.
 */
final class BackslashEscapeReader extends Reader {
  private static final int BUFFER_CHARS = 1 << 14;

  /** At the start of a value: a quote here opens a quoted value. */
  private static final int FIELD_START = 0;

  /** Inside an unquoted value, or after a quoted value's closing quote. */
  private static final int UNQUOTED = 1;

  /** Inside a quoted value. */
  private static final int QUOTED = 2;

  /**
   * Just after a quote inside a quoted value: either the closing quote or the first of {@code ""}.
   */
  private static final int QUOTE_IN_QUOTED = 3;

  private final Reader in;
  private final char[] buf = new char[BUFFER_CHARS];
  private int pos;
  private int end;
  private int state = FIELD_START;
  private boolean atStart = true;

  /**
   * A backslash inside quotes was the last character read: what it means depends on the next one,
   * so it is held back and put in front of the next chunk.
   */
  private boolean heldBackslash;

  private boolean eof;

  /** Line ends outside quotes so far (CR LF counts once): the rows completed before {@code pos}. */
  private long recordEnds;

  /** The last character rewritten was a CR outside quotes, so an LF right after it adds no row. */
  private boolean afterCr;

  BackslashEscapeReader(Reader in) {
    this.in = in;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == end) {
      if (eof) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, end - pos);
    System.arraycopy(buf, pos, cbuf, off, n);
    pos += n;
    return n;
  }

  private void fill() throws IOException {
    int start = 0;
    if (heldBackslash) {
      buf[0] = '\\';
      start = 1;
      heldBackslash = false;
    }
    int n;
    try {
      n = in.read(buf, start, buf.length - start);
    } catch (StrictUtf8Reader.InvalidUtf8Exception e) {
      // Every character before the bad byte has been rewritten, so the count is exact.
      throw e.atRow(recordEnds + 1);
    }
    int limit = start + Math.max(n, 0);
    if (n < 0) {
      eof = true;
    }
    int r = 0;
    if (atStart && limit > 0) {
      atStart = false;
      if (buf[0] == '\uFEFF') {
        r = 1;
      }
    }
    pos = 0;
    end = rewrite(r, limit);
  }

  /** Rewrites {@code buf[r, limit)} in place; returns the end of the rewritten text. */
  private int rewrite(int r, int limit) {
    char[] b = buf;
    int w = 0;
    int s = state;
    long ends = recordEnds;
    boolean cr = afterCr;
    while (r < limit) {
      char c = b[r++];
      if (s != QUOTED) {
        // Outside quotes (QUOTE_IN_QUOTED is outside once c is not a second quote).
        if (c == '\n') {
          if (!cr) {
            ends++;
          }
        } else if (c == '\r') {
          ends++;
        }
        cr = c == '\r';
      }
      switch (s) {
        case QUOTED:
          if (c == '"') {
            s = QUOTE_IN_QUOTED;
          } else if (c == '\\') {
            if (r == limit) {
              if (!eof) {
                heldBackslash = true;
                continue;
              }
            } else if (b[r] == '"') {
              // \" -> "" (two characters for two: still in place)
              b[w++] = '"';
              c = '"';
              r++;
            } else if (b[r] == '\\') {
              r++;
            }
          }
          break;
        case QUOTE_IN_QUOTED:
          if (c == '"') {
            s = QUOTED;
          } else {
            s = (c == ',' || c == '\n' || c == '\r') ? FIELD_START : UNQUOTED;
          }
          break;
        case FIELD_START:
          if (c == '"') {
            s = QUOTED;
          } else if (c != ',' && c != '\n' && c != '\r') {
            s = UNQUOTED;
          }
          break;
        default: // UNQUOTED
          if (c == ',' || c == '\n' || c == '\r') {
            s = FIELD_START;
          }
          break;
      }
      b[w++] = c;
    }
    state = s;
    recordEnds = ends;
    afterCr = cr;
    return w;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
