package org.openpersonalize.engine.internal.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.FieldType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaField;

/**
 * Whatever valid values go into a CSV file written by the rules of spec §1.6 come back out of
 * {@link CsvRecordReader} and {@link RowConverter} unchanged and in order.
 */
class CsvRoundTripProperties {
  private static final ParsedSchema SCHEMA =
      new ParsedSchema(
          DatasetType.ITEMS,
          List.of(
              new SchemaField("ITEM_ID", FieldType.STRING, false, false, false, false),
              new SchemaField("GENRES", FieldType.STRING, false, true, false, false),
              new SchemaField("DESCRIPTION", FieldType.STRING, true, false, true, false),
              new SchemaField("TITLE", FieldType.STRING, true, false, false, true),
              new SchemaField("COUNT", FieldType.LONG, false, false, false, false),
              new SchemaField("PRICE", FieldType.DOUBLE, true, false, false, false),
              new SchemaField("IN_STOCK", FieldType.BOOLEAN, false, false, false, false),
              new SchemaField("CREATION_TIMESTAMP", FieldType.LONG, false, false, false, false)));

  private static final List<String> HEADER =
      SCHEMA.fields().stream().map(SchemaField::name).toList();

  /** Strings full of what CSV must escape or carry: quotes, backslashes, separators, non-ASCII. */
  private static Arbitrary<String> text(int maxLength) {
    return Arbitraries.strings()
        .withChars("\"\\,|\n\r \t'#")
        .withCharRange('a', 'e')
        .withChars("éüßø中文日本語Ж@")
        .ofMinLength(1)
        .ofMaxLength(maxLength)
        // '@' stands for a character outside the BMP, so surrogate pairs are always whole.
        .map(s -> s.replace("@", "😀"));
  }

  @Provide
  Arbitrary<List<Object[]>> rows() {
    Arbitrary<Object[]> row =
        Combinators.combine(
                List.of(
                    text(40).map(Object.class::cast),
                    text(60).map(Object.class::cast),
                    text(200).injectNull(0.2).map(Object.class::cast),
                    text(30).injectNull(0.2).map(Object.class::cast),
                    Arbitraries.longs().map(Object.class::cast),
                    Arbitraries.doubles().injectNull(0.2).map(Object.class::cast),
                    Arbitraries.of(true, false).map(Object.class::cast),
                    Arbitraries.longs().between(0, Long.MAX_VALUE).map(Object.class::cast)))
            .as(values -> values.toArray());
    return row.list().ofMaxSize(20);
  }

  @Property(tries = 300)
  void valuesWrittenAsCsvAreReadBackUnchanged(
      @ForAll("rows") List<Object[]> rows, @ForAll boolean doubledQuotes, @ForAll boolean crLf)
      throws IOException {
    String csv = CsvTestWriter.write(HEADER, rows, doubledQuotes, crLf ? "\r\n" : "\n");
    Path file = Files.createTempFile("roundtrip", ".csv");
    try {
      Files.write(file, csv.getBytes(UTF_8));
      List<List<Object>> back = new ArrayList<>();
      try (CsvRecordReader reader = CsvRecordReader.open(file)) {
        RowConverter converter = new RowConverter(SCHEMA, reader.fileName());
        converter.checkHeader(reader.header());
        long expectedRow = 1;
        while (reader.next()) {
          assertEquals(++expectedRow, reader.row());
          Object[] out = new Object[HEADER.size()];
          converter.convert(reader.record(), reader.row(), out);
          back.add(Arrays.asList(out));
        }
      }
      assertEquals(rows.stream().map(Arrays::asList).toList(), back);
    } finally {
      Files.delete(file);
    }
  }

  @Property(tries = 200)
  void howTheTextIsSplitIntoReadsDoesNotMatter(
      @ForAll("rows") List<Object[]> rows,
      @ForAll boolean doubledQuotes,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 8) int maxChunk) {
    String csv = CsvTestWriter.write(HEADER, rows, doubledQuotes, "\n");
    assertEquals(
        records(CsvRecordReader.of(new StringReader(csv), "items.csv")),
        records(CsvRecordReader.of(new ChunkedReader(csv, seed, maxChunk), "items.csv")));
  }

  @Property(tries = 200)
  void arbitraryTextNeverFailsOtherThanWithAnInvalidInputMessage(
      @ForAll @Size(max = 12) List<@StringLength(max = 8) String> parts, @ForAll long seed) {
    // Any text either parses or fails with a message naming the file and a row.
    String csv = "A,B\n" + String.join(",", parts).replace('x', '"').replace('y', '\\');
    try (CsvRecordReader reader = CsvRecordReader.of(new ChunkedReader(csv, seed, 5), "fuzz.csv")) {
      while (reader.next()) {
        assertEquals(2, reader.record().length);
      }
    } catch (InvalidInputException e) {
      if (!e.getMessage().startsWith("fuzz.csv: row ")) {
        throw e;
      }
    }
  }

  private static List<List<String>> records(CsvRecordReader reader) {
    List<List<String>> all = new ArrayList<>();
    try (reader) {
      while (reader.next()) {
        all.add(List.of(reader.record().clone()));
      }
    }
    return all;
  }
}
