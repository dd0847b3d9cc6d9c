package org.openpersonalize.engine.internal.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * Streams the records of a bulk-import CSV file (spec §1.6) as arrays of strings, one record at a
 * time, and turns every way the file can be malformed into an {@link InvalidInputException} that
 * names the file, the row and, where it helps, the column.
 *
 * <p>The format: UTF-8 (a leading byte order mark is skipped); the first row is the header; values
 * are separated by commas; a value whose first character is {@code "} is quoted and may then
 * contain commas, {@code |}, line breaks and any other character; inside quotes {@code ""} and
 * {@code \"} stand for a quote and {@code \\} for a backslash, and any other backslash is kept as
 * written. Outside quotes every character is literal, including {@code "} and {@code \}. Lines end
 * with LF, CR LF or CR. Blank lines at the very end of the file are ignored; anywhere else they are
 * an error, like any record whose number of values differs from the header's.
 *
 * <p><b>Rows.</b> {@link #row()} counts records, not physical lines: the header is row 1, the first
 * record row 2, and a record whose quoted values span several lines still counts as one row. A
 * blank line counts as one row. Error messages use the same numbering.
 *
 * <p><b>Speed.</b> Parsing is Jackson's streaming CSV parser ({@code nextToken}/{@code
 * nextTextValue}), run in strict RFC 4180 mode behind {@link BackslashEscapeReader} (which handles
 * the backslash escapes and counts rows for encoding errors) and {@link StrictUtf8Reader} (which
 * reports bad bytes at the right row). The only allocations per record are the value strings. Timed
 * ad hoc (not JMH) on 3 M rows of four short values (92 MB, interactions-like), warm, on a loaded
 * 2-core machine: this class 4.0–5.9 M rows/s, 3.0–5.0 M rows/s with {@link RowConverter}; bare
 * Jackson over an {@code InputStreamReader} 4.9–6.5 M rows/s, so the strict decoding and the escape
 * pass cost about a fifth; Jackson's {@code MappingIterator<String[]>} ({@code WRAP_AS_ARRAY})
 * 3.6–5.3 M rows/s, slower than the token API and unable to say which column a failure is in.
 *
 * <p>Not thread-safe; one reader per file.
 */
public final class CsvRecordReader implements AutoCloseable {
  /** Jackson's factory is thread-safe once configured and costly to create, so it is shared. */
  private static final CsvFactory FACTORY = new CsvFactory();

  /**
   * Comma-separated, {@code "}-quoted, no escape character (escapes are rewritten beforehand), no
   * trimming, no comments, blank lines reported as records so that rows are counted exactly.
   */
  private static final CsvSchema FORMAT =
      CsvSchema.emptySchema().withColumnSeparator(',').withQuoteChar('"').withoutEscapeChar();

  private final String fileName;
  private final CsvParser parser;
  private final String[] header;
  private final String[] record;

  /** Row of the record last started: the header is 1. */
  private long row;

  /** Index of the value being parsed in the current record, for error messages. */
  private int column;

  /** Whether the parser is inside a record (between its first and last value). */
  private boolean inRecord;

  private boolean done;
  private InvalidInputException failure;

  private CsvRecordReader(Reader source, String fileName) {
    this.fileName = fileName;
    try {
      this.parser = (CsvParser) FACTORY.createParser(new BackslashEscapeReader(source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    parser.setSchema(FORMAT);
    try {
      this.header = readHeader();
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
    this.record = new String[header.length];
  }

  /**
   * Opens a UTF-8 CSV file and reads its header row.
   *
   * @param file the file; its name (without directories) is used in error messages
   * @return a reader positioned before the first record
   * @throws IOException if the file cannot be opened
   * @throws InvalidInputException if the file is empty or its header row is malformed
   */
  public static CsvRecordReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    Path name = file.getFileName();
    try {
      return new CsvRecordReader(
          new StrictUtf8Reader(in), name == null ? file.toString() : name.toString());
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Reads CSV text that is already decoded, e.g. from a string in a test. A leading {@code U+FEFF}
   * is skipped as in a file.
   *
   * @param source the text; closed by {@link #close()}
   * @param fileName the name to use in error messages
   * @return a reader positioned before the first record
   * @throws InvalidInputException if the text is empty or its header row is malformed
   */
  public static CsvRecordReader of(Reader source, String fileName) {
    return new CsvRecordReader(source, fileName);
  }

  /**
   * The name used in error messages.
   *
   * @return the file name, without directories
   */
  public String fileName() {
    return fileName;
  }

  /**
   * The header row as written (not trimmed); checking it against a schema is {@link
   * RowConverter#checkHeader}'s job.
   *
   * @return a copy of the header values
   */
  public String[] header() {
    return header.clone();
  }

  /**
   * How many values every record must have: the number of header values.
   *
   * @return the header's column count
   */
  public int columnCount() {
    return header.length;
  }

  /**
   * Advances to the next record.
   *
   * @return true if there is a record, false at the end of the file
   * @throws InvalidInputException if the file is malformed at or before the next record: an
   *     unterminated quote, text after a closing quote, invalid UTF-8, a blank line that is not at
   *     the end, or a record with the wrong number of values. Once thrown, every later call throws
   *     the same exception.
   * @throws UncheckedIOException if reading the file fails
   */
  public boolean next() {
    if (failure != null) {
      throw failure;
    }
    if (done) {
      return false;
    }
    try {
      long firstBlankRow = 0;
      while (true) {
        int n = readRecord(record);
        if (n < 0) {
          done = true;
          return false;
        }
        if (n == 1 && record[0].isEmpty()) {
          // Blank lines are fine only at the end; decide when a record or the end follows.
          if (firstBlankRow == 0) {
            firstBlankRow = row;
          }
          continue;
        }
        if (firstBlankRow != 0) {
          throw fail(
              firstBlankRow,
              String.format(
                  Locale.ROOT,
                  "expected %d columns as in the header, found a blank line",
                  header.length));
        }
        if (n != header.length) {
          throw fail(
              row,
              String.format(
                  Locale.ROOT, "expected %d columns as in the header, found %d", header.length, n));
        }
        return true;
      }
    } catch (IOException e) {
      throw translate(e);
    }
  }

  /**
   * The current record's values. The array belongs to the reader and is overwritten by the next
   * call to {@link #next()}; copy what must outlive it.
   *
   * @return the values of the record {@link #next()} moved to, one per header column
   */
  public String[] record() {
    return record;
  }

  /**
   * The 1-based row of the current record, counting the header as row 1. A record that spans
   * several physical lines (because a quoted value contains line breaks) counts as one row, and so
   * does a blank line.
   *
   * @return the current record's row
   */
  public long row() {
    return row;
  }

  /** Closes the underlying file or reader. */
  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String[] readHeader() {
    List<String> values = new ArrayList<>();
    try {
      JsonToken t = parser.nextToken();
      if (t == null) {
        throw new InvalidInputException(
            fileName + ": the file is empty; expected a header row with the schema's field names");
      }
      row = 1;
      inRecord = true;
      column = 0;
      String v;
      while ((v = parser.nextTextValue()) != null) {
        values.add(v);
        column++;
      }
      inRecord = false;
    } catch (IOException e) {
      throw translate(e);
    }
    if (values.size() == 1 && values.get(0).isEmpty()) {
      throw fail(1, "the header row is blank; expected the schema's field names");
    }
    return values.toArray(new String[0]);
  }

  /**
   * Reads one record into {@code into}, keeping at most {@code into.length} values but counting
   * all.
   *
   * @return the number of values, or -1 at the end of the input
   */
  private int readRecord(String[] into) throws IOException {
    JsonToken t = parser.nextToken();
    if (t == null) {
      return -1;
    }
    // Without column names Jackson exposes every record as an array of strings.
    row++;
    column = 0;
    inRecord = true;
    int max = into.length;
    String v;
    while ((v = parser.nextTextValue()) != null) {
      if (column < max) {
        into[column] = v;
      }
      column++;
    }
    inRecord = false;
    return column;
  }

  /**
   * Turns a parse failure into a message about the row and column it happened in; a failure to read
   * the file itself stays an I/O error.
   */
  private RuntimeException translate(IOException e) {
    // A failure between records (e.g. a bad byte at the start of a line) belongs to the next row.
    long at = inRecord ? row : row + 1;
    String col = columnName(inRecord ? column : 0);
    String what;
    if (e instanceof StrictUtf8Reader.InvalidUtf8Exception bad) {
      if (bad.row() > 0) {
        at = bad.row();
      }
      what =
          String.format(
              Locale.ROOT,
              "invalid UTF-8 byte 0x%02X at byte offset %d; the file must be encoded in UTF-8",
              bad.value(),
              bad.offset());
    } else if (e instanceof StreamConstraintsException) {
      what =
          "the value in "
              + col
              + " is longer than the parser allows; is a closing quote missing? ("
              + firstLine(e.getMessage())
              + ")";
    } else if (e.getMessage() != null && e.getMessage().startsWith("Missing closing quote")) {
      what = "unterminated quoted value starting in " + col;
    } else if (e.getMessage() != null
        && e.getMessage().contains("Expected column separator character")) {
      what =
          "unexpected text after the closing quote of the value in "
              + col
              + "; a quoted value must be followed by a comma or the end of the line";
    } else if (e instanceof com.fasterxml.jackson.core.JacksonException) {
      what = "malformed CSV in " + col + ": " + firstLine(e.getMessage());
    } else {
      return new UncheckedIOException(e);
    }
    return fail(at, what, e);
  }

  private InvalidInputException fail(long atRow, String what) {
    return fail(atRow, what, null);
  }

  private InvalidInputException fail(long atRow, String what, Throwable cause) {
    String message = fileName + ": row " + atRow + ": " + what;
    failure =
        cause == null
            ? new InvalidInputException(message)
            : new InvalidInputException(message, cause);
    return failure;
  }

  /** "column ITEM_ID" for a column of the header, "column 7" beyond it or in the header row. */
  private String columnName(int index) {
    if (header != null && index < header.length) {
      return "column " + header[index];
    }
    return "column " + (index + 1);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private void closeQuietly() {
    try {
      parser.close();
    } catch (IOException e) {
      // Already failing; the original exception is the one worth reporting.
    }
  }
}
