package org.openpersonalize.engine.internal.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.model.InvalidInputException;

class CsvRecordReaderTest {
  private static final String HEADER = "USER_ID,ITEM_ID,TIMESTAMP\n";

  @TempDir Path dir;

  /** A record and the row it was read at. */
  private record Row(long row, List<String> values) {}

  private static List<Row> readAll(CsvRecordReader reader) {
    List<Row> rows = new ArrayList<>();
    while (reader.next()) {
      rows.add(new Row(reader.row(), List.of(reader.record().clone())));
    }
    return rows;
  }

  private static List<Row> read(String csv) {
    try (CsvRecordReader reader = CsvRecordReader.of(new StringReader(csv), "interactions.csv")) {
      return readAll(reader);
    }
  }

  private static String failure(String csv) {
    return assertThrows(InvalidInputException.class, () -> read(csv)).getMessage();
  }

  private List<Row> readFile(byte[] content) throws IOException {
    Path file = dir.resolve("interactions.csv");
    Files.write(file, content);
    try (CsvRecordReader reader = CsvRecordReader.open(file)) {
      return readAll(reader);
    }
  }

  private String fileFailure(byte[] content) {
    return assertThrows(InvalidInputException.class, () -> readFile(content)).getMessage();
  }

  private static Row row(long row, String... values) {
    return new Row(row, List.of(values));
  }

  @Test
  void readsHeaderThenRecordsCountingTheHeaderAsRowOne() {
    try (CsvRecordReader reader =
        CsvRecordReader.of(new StringReader(HEADER + "u1,i1,10\nu2,i2,20\n"), "interactions.csv")) {
      assertArrayEquals(new String[] {"USER_ID", "ITEM_ID", "TIMESTAMP"}, reader.header());
      assertEquals(3, reader.columnCount());
      assertEquals("interactions.csv", reader.fileName());
      assertEquals(List.of(row(2, "u1", "i1", "10"), row(3, "u2", "i2", "20")), readAll(reader));
      assertFalse(reader.next());
    }
  }

  @Test
  void headerIsReturnedAsWrittenWithoutTrimming() {
    try (CsvRecordReader reader =
        CsvRecordReader.of(new StringReader(" USER_ID ,ITEM_ID\n"), "users.csv")) {
      assertArrayEquals(new String[] {" USER_ID ", "ITEM_ID"}, reader.header());
      assertFalse(reader.next());
    }
  }

  @Test
  void lastRecordNeedsNoLineEnd() {
    assertEquals(List.of(row(2, "u1", "i1", "10")), read(HEADER + "u1,i1,10"));
  }

  @Test
  void crLfAndCrLineEndsAreAccepted() {
    assertEquals(
        List.of(row(2, "u1", "i1", "10"), row(3, "u2", "i2", "20")),
        read("USER_ID,ITEM_ID,TIMESTAMP\r\nu1,i1,10\r\nu2,i2,20\r\n"));
    assertEquals(List.of(row(2, "u1", "i1", "10")), read("USER_ID,ITEM_ID,TIMESTAMP\ru1,i1,10\r"));
  }

  @Test
  void quotedValuesMayContainCommasPipesLineBreaksAndNonAscii() {
    String csv =
        "ITEM_ID,GENRES,DESCRIPTION\n"
            + "i1,\"Action|Crime, Drama\",\"line one\nline two\r\nline three\"\n"
            + "i2,\"Comédie|日本語|😀\",\"Ünïcödé, \u00e9t\u00e9\"\n";
    assertEquals(
        List.of(
            row(2, "i1", "Action|Crime, Drama", "line one\nline two\r\nline three"),
            row(3, "i2", "Comédie|日本語|😀", "Ünïcödé, été")),
        read(csv));
  }

  @Test
  void recordSpanningSeveralLinesCountsAsOneRow() {
    String csv = HEADER + "u1,\"i\n1\n\",10\nu2,i2,20\n";
    assertEquals(List.of(row(2, "u1", "i\n1\n", "10"), row(3, "u2", "i2", "20")), read(csv));
  }

  @Test
  void backslashQuoteAndDoubledQuoteBothStandForAQuote() {
    String csv = "ITEM_ID,A,B\ni1,\"say \\\"hi\\\"\",\"say \"\"hi\"\"\"\n";
    assertEquals(List.of(row(2, "i1", "say \"hi\"", "say \"hi\"")), read(csv));
  }

  @Test
  void doubledBackslashInQuotesIsOneBackslash() {
    String csv = "ITEM_ID,A,B\ni1,\"C:\\\\temp\\\\\",\"\\\\\\\"\"\n";
    assertEquals(List.of(row(2, "i1", "C:\\temp\\", "\\\"")), read(csv));
  }

  @Test
  void otherBackslashesAreKeptAsWritten() {
    // \n inside quotes is a backslash and an n, not a line break; outside quotes nothing is an
    // escape.
    String csv = "ITEM_ID,A,B\nC:\\temp\\x,\"a\\nb\\tc\\q\",back\\\\slash\\\"\n";
    assertEquals(List.of(row(2, "C:\\temp\\x", "a\\nb\\tc\\q", "back\\\\slash\\\"")), read(csv));
  }

  @Test
  void quoteInsideAnUnquotedValueIsAnOrdinaryCharacter() {
    assertEquals(List.of(row(2, "u1", "12\" vinyl", "10")), read(HEADER + "u1,12\" vinyl,10\n"));
  }

  @Test
  void emptyAndQuotedEmptyValuesAreEmptyStrings() {
    assertEquals(List.of(row(2, "u1", "", "")), read(HEADER + "u1,\"\",\n"));
  }

  @Test
  void spacesAroundUnquotedValuesAreKept() {
    assertEquals(List.of(row(2, " u1", "i1 ", " 10 ")), read(HEADER + " u1,i1 , 10 \n"));
  }

  @Test
  void unterminatedQuoteNamesTheRowAndColumnWhereTheValueStarts() {
    String csv = HEADER + "u1,i1,1\nu2,i2,2\nu3,i3,3\nu4,i4,4\nu5,i5,5\nu6,\"i6,6\nu7,i7,7\n";
    assertEquals(
        "interactions.csv: row 7: unterminated quoted value starting in column ITEM_ID",
        failure(csv));
  }

  @Test
  void unterminatedQuoteAfterBackslashEscapedQuoteIsStillUnterminated() {
    assertEquals(
        "interactions.csv: row 2: unterminated quoted value starting in column TIMESTAMP",
        failure(HEADER + "u1,i1,\"10\\\"\n"));
  }

  @Test
  void unterminatedQuoteInTheHeaderNamesTheColumnNumber() {
    assertEquals(
        "interactions.csv: row 1: unterminated quoted value starting in column 2",
        failure("USER_ID,\"ITEM_ID\n"));
  }

  @Test
  void textAfterAClosingQuoteIsAnError() {
    assertEquals(
        "interactions.csv: row 3: unexpected text after the closing quote of the value in column"
            + " ITEM_ID; a quoted value must be followed by a comma or the end of the line",
        failure(HEADER + "u1,i1,1\nu2,\"i2\"x,2\n"));
  }

  @Test
  void recordWithTooFewColumnsIsAnError() {
    assertEquals(
        "interactions.csv: row 3: expected 3 columns as in the header, found 2",
        failure(HEADER + "u1,i1,1\nu2,i2\n"));
  }

  @Test
  void recordWithTooManyColumnsIsAnError() {
    assertEquals(
        "interactions.csv: row 2: expected 3 columns as in the header, found 5",
        failure(HEADER + "u1,i1,1,x,\n"));
  }

  @Test
  void blankLinesAtTheEndAreIgnored() {
    assertEquals(List.of(row(2, "u1", "i1", "1")), read(HEADER + "u1,i1,1\n\n"));
    assertEquals(List.of(row(2, "u1", "i1", "1")), read(HEADER + "u1,i1,1\r\n\r\n\n"));
    assertEquals(List.of(), read(HEADER + "\n"));
  }

  @Test
  void blankLineBeforeMoreRecordsIsAnError() {
    assertEquals(
        "interactions.csv: row 3: expected 3 columns as in the header, found a blank line",
        failure(HEADER + "u1,i1,1\n\n\nu2,i2,2\n"));
  }

  @Test
  void emptyInputIsAnError() {
    assertEquals(
        "interactions.csv: the file is empty; expected a header row with the schema's field names",
        failure(""));
  }

  @Test
  void blankHeaderIsAnError() {
    assertEquals(
        "interactions.csv: row 1: the header row is blank; expected the schema's field names",
        failure("\nu1,i1,1\n"));
  }

  @Test
  void failureIsRepeatedByLaterCalls() {
    try (CsvRecordReader reader =
        CsvRecordReader.of(new StringReader(HEADER + "u1,i1\nu2,i2,2\n"), "interactions.csv")) {
      InvalidInputException first = assertThrows(InvalidInputException.class, reader::next);
      assertSame(first, assertThrows(InvalidInputException.class, reader::next));
    }
  }

  @Test
  void recordArrayIsReusedBetweenRecords() {
    try (CsvRecordReader reader =
        CsvRecordReader.of(new StringReader(HEADER + "u1,i1,1\nu2,i2,2\n"), "interactions.csv")) {
      assertTrue(reader.next());
      String[] first = reader.record();
      assertTrue(reader.next());
      assertSame(first, reader.record());
      assertEquals("u2", first[0]);
    }
  }

  @Test
  void byteOrderMarkAtTheStartOfAFileIsSkipped() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    out.write((HEADER + "u1,i1,1\n").getBytes(UTF_8));
    Path file = dir.resolve("interactions.csv");
    Files.write(file, out.toByteArray());
    try (CsvRecordReader reader = CsvRecordReader.open(file)) {
      assertArrayEquals(new String[] {"USER_ID", "ITEM_ID", "TIMESTAMP"}, reader.header());
      assertEquals(List.of(row(2, "u1", "i1", "1")), readAll(reader));
    }
  }

  @Test
  void byteOrderMarkIsSkippedFromReadersToo() {
    try (CsvRecordReader reader =
        CsvRecordReader.of(new StringReader("\uFEFF" + HEADER), "interactions.csv")) {
      assertEquals("USER_ID", reader.header()[0]);
    }
  }

  @Test
  void fileNameWithoutDirectoriesIsUsedInMessages() throws IOException {
    Path file = dir.resolve("items.csv");
    Files.writeString(file, HEADER + "u1,i1\n");
    try (CsvRecordReader reader = CsvRecordReader.open(file)) {
      assertEquals("items.csv", reader.fileName());
      assertEquals(
          "items.csv: row 2: expected 3 columns as in the header, found 2",
          assertThrows(InvalidInputException.class, reader::next).getMessage());
    }
  }

  @Test
  void nonAsciiFileIsDecodedAsUtf8() throws IOException {
    byte[] content = (HEADER + "ユーザー,\"Ärger|ñ\",1\n").getBytes(UTF_8);
    assertEquals(List.of(row(2, "ユーザー", "Ärger|ñ", "1")), readFile(content));
  }

  @Test
  void invalidUtf8NamesTheRowAndTheByte() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((HEADER + "u1,i1,1\nu2,i").getBytes(UTF_8));
    out.write(0xC3); // a lead byte followed by ',' instead of a continuation byte
    out.write(",2\n".getBytes(UTF_8));
    assertEquals(
        "interactions.csv: row 3: invalid UTF-8 byte 0xC3 at byte offset 38; the file must be"
            + " encoded in UTF-8",
        fileFailure(out.toByteArray()));
  }

  @Test
  void invalidUtf8FarIntoTheFileIsReportedAtItsOwnRow() throws IOException {
    // Far beyond the first read buffers, and at the start of a line, to catch off-by-a-buffer rows.
    StringBuilder sb = new StringBuilder(HEADER);
    for (int i = 0; i < 30_000; i++) {
      sb.append("user").append(i).append(",item").append(i).append(',').append(i).append('\n');
    }
    byte[] head = sb.toString().getBytes(UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(head);
    out.write(0xFF);
    out.write("x,i,1\n".getBytes(UTF_8));
    assertEquals(
        "interactions.csv: row 30002: invalid UTF-8 byte 0xFF at byte offset "
            + head.length
            + "; the file must be encoded in UTF-8",
        fileFailure(out.toByteArray()));
  }

  @Test
  void invalidUtf8RowCountsRecordsNotLines() throws IOException {
    // CR LF ends, and a quoted value spanning lines: the bad byte starts row 4, on physical line 6.
    byte[] head = "USER_ID,ITEM_ID,TIMESTAMP\r\nu1,\"a\r\nb\r\n\",1\r\nu2,i2,2\r\n".getBytes(UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(head);
    out.write(0x80);
    out.write(",i3,3\r\n".getBytes(UTF_8));
    assertEquals(
        "interactions.csv: row 4: invalid UTF-8 byte 0x80 at byte offset "
            + head.length
            + "; the file must be encoded in UTF-8",
        fileFailure(out.toByteArray()));
  }

  @Test
  void invalidUtf8InsideAMultiLineValueNamesTheRecordsRow() throws IOException {
    byte[] head = (HEADER + "u1,i1,1\nu2,\"line\nline\n").getBytes(UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(head);
    out.write(0xFE);
    out.write("\",2\n".getBytes(UTF_8));
    assertEquals(
        "interactions.csv: row 3: invalid UTF-8 byte 0xFE at byte offset "
            + head.length
            + "; the file must be encoded in UTF-8",
        fileFailure(out.toByteArray()));
  }

  @Test
  void truncatedUtf8SequenceAtTheEndIsAnError() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = (HEADER + "u1,i1,").getBytes(UTF_8);
    out.write(head);
    out.write(0xE6); // first byte of a three-byte character, then end of file
    assertEquals(
        "interactions.csv: row 2: invalid UTF-8 byte 0xE6 at byte offset "
            + head.length
            + "; the file must be encoded in UTF-8",
        fileFailure(out.toByteArray()));
  }

  @Test
  void manyRecordsAreReadAcrossBufferBoundariesWithExactRows() throws IOException {
    StringBuilder sb = new StringBuilder(HEADER);
    int n = 50_000;
    for (int i = 0; i < n; i++) {
      sb.append("\"u\\\"")
          .append(i)
          .append("\",\"i\n")
          .append(i)
          .append("\",")
          .append(i)
          .append('\n');
    }
    List<Row> rows = readFile(sb.toString().getBytes(UTF_8));
    assertEquals(n, rows.size());
    for (int i = 0; i < n; i++) {
      assertEquals(row(i + 2, "u\"" + i, "i\n" + i, Integer.toString(i)), rows.get(i));
    }
  }

  @Test
  void escapesSplitAcrossReadsAreUnderstood() {
    String csv =
        "ITEM_ID,A,B\n\"\\\\\\\"\",\"\"\"\\\"\",\"x\\\\\"\n\"\\\"\\\\\\q\",\"a\"\"\",\"\\\"\"\"\"\n";
    List<Row> whole = read(csv);
    assertEquals(List.of(row(2, "\\\"", "\"\"", "x\\"), row(3, "\"\\\\q", "a\"", "\"\"")), whole);
    for (long seed = 0; seed < 50; seed++) {
      try (CsvRecordReader reader =
          CsvRecordReader.of(new ChunkedReader(csv, seed, 3), "interactions.csv")) {
        assertEquals(whole, readAll(reader), "seed " + seed);
      }
    }
  }
}
