package org.openpersonalize.engine.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes UTF-8 and fails on the first invalid byte, but only after handing out every character
 * before it.
 *
 * <p>Why not {@link java.io.InputStreamReader} with a reporting decoder: it throws as soon as a
 * buffer contains a bad byte and drops the good characters decoded in that call, so the CSV parser
 * would fail up to a buffer (thousands of rows) before the row that holds the bad byte. Deferring
 * the error lets the parser reach the exact row, which the error message then names.
 */
final class StrictUtf8Reader extends Reader {
  private static final int BUFFER_BYTES = 1 << 16;

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_BYTES).flip();

  /** Offset in the stream of {@code bytes} index 0. */
  private long base;

  private boolean eof;
  private InvalidUtf8Exception pending;

  StrictUtf8Reader(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pending != null) {
      throw pending;
    }
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    while (true) {
      CoderResult result = decoder.decode(bytes, out, eof);
      int produced = out.position() - off;
      if (result.isError()) {
        int at = bytes.position();
        pending = new InvalidUtf8Exception(base + at, bytes.get(at) & 0xFF);
        if (produced > 0) {
          return produced;
        }
        throw pending;
      }
      if (result.isOverflow() || produced > 0) {
        return produced;
      }
      if (eof) {
        return -1;
      }
      fill();
    }
  }

  private void fill() throws IOException {
    base += bytes.position();
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** The input is not UTF-8: says which byte, where, so the caller can name the row. */
  static final class InvalidUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final int value;
    private final long row;

    InvalidUtf8Exception(long offset, int value) {
      this(offset, value, 0);
    }

    private InvalidUtf8Exception(long offset, int value, long row) {
      super(
          String.format(Locale.ROOT, "invalid UTF-8 byte 0x%02X at byte offset %d", value, offset));
      this.offset = offset;
      this.value = value;
      this.row = row;
    }

    /** The same failure, placed in a CSV row by a reader that knows where records end. */
    InvalidUtf8Exception atRow(long row) {
      InvalidUtf8Exception e = new InvalidUtf8Exception(offset, value, row);
      e.initCause(this);
      return e;
    }

    /** 1-based CSV row of the bad byte, or 0 if not known. */
    long row() {
      return row;
    }

    /** 0-based offset in the file of the first byte that is not valid UTF-8. */
    long offset() {
      return offset;
    }

    /** That byte, 0–255. */
    int value() {
      return value;
    }
  }
}
