package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.engine.internal.csv.CsvTestWriter;
import org.openpersonalize.engine.internal.store.Store;

/**
 * End to end through the public API: arbitrary valid rows written as Personalize CSV (quotes,
 * commas, {@code |}, newlines inside quoted values, non-ASCII) and imported are exactly the rows
 * the database then holds, read back with plain SQL.
 */
class ImportRoundTripProperties {
  private static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"Items\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":[\"null\",\"string\"],\"categorical\":true},"
          + "{\"name\":\"TITLE\",\"type\":[\"null\",\"string\"]},"
          + "{\"name\":\"YEAR\",\"type\":[\"null\",\"int\"]},"
          + "{\"name\":\"SCORE\",\"type\":[\"null\",\"double\"]}],\"version\":\"1.0\"}";

  private static final List<String> HEADER = List.of("ITEM_ID", "GENRES", "TITLE", "YEAR", "SCORE");

  private static Arbitrary<String> text(int maxLength) {
    return Arbitraries.strings()
        .withChars("\"\\,|\n\r ';")
        .withCharRange('a', 'f')
        .withChars("éß中文Ж")
        .ofMinLength(1)
        .ofMaxLength(maxLength);
  }

  @Provide
  Arbitrary<List<Object[]>> rows() {
    Arbitrary<Object[]> row =
        Combinators.combine(
                List.of(
                    text(30).map(Object.class::cast),
                    text(40).injectNull(0.2).map(Object.class::cast),
                    text(80).injectNull(0.2).map(Object.class::cast),
                    Arbitraries.integers()
                        .map(Long::valueOf)
                        .injectNull(0.2)
                        .map(Object.class::cast),
                    Arbitraries.doubles().injectNull(0.2).map(Object.class::cast)))
            .as(List::toArray);
    return row.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 60)
  void importedRowsAreExactlyTheRowsWritten(
      @ForAll("rows") List<Object[]> generated, @ForAll boolean doubledQuotes) throws Exception {
    // IDs must be unique (a later row with the same ID replaces the earlier one), so suffix them.
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < generated.size(); i++) {
      Object[] r = generated.get(i).clone();
      r[0] = r[0] + "#" + i;
      rows.add(r);
    }
    Path dir = Files.createTempDirectory("roundtrip");
    Path csv = dir.resolve("items.csv");
    Files.writeString(
        csv, CsvTestWriter.write(HEADER, rows, doubledQuotes, "\n"), StandardCharsets.UTF_8);
    Path store = dir.resolve("store");
    try {
      checkRoundTrip(rows, csv, store);
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void checkRoundTrip(List<Object[]> rows, Path csv, Path store) throws Exception {
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
              .datasetGroupArn();
      String items = Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "items", SCHEMA));
      DatasetImportJob job = Fixtures.importAndWait(engine, "job", items, csv, ImportMode.FULL);
      assertEquals("ACTIVE", job.status(), job.failureReason());
    }
    List<Object[]> stored = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.resolve(Store.DB_FILE));
        Statement s = c.createStatement();
        ResultSet tables =
            s.executeQuery("SELECT name FROM sqlite_master WHERE name LIKE 'ds%_items'")) {
      tables.next();
      String table = tables.getString(1);
      try (Statement q = c.createStatement();
          ResultSet rs =
              q.executeQuery("SELECT ITEM_ID, GENRES, TITLE, YEAR, SCORE FROM " + table)) {
        while (rs.next()) {
          Object year = rs.getObject(4);
          Object score = rs.getObject(5);
          stored.add(
              new Object[] {
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                year == null ? null : ((Number) year).longValue(),
                score == null ? null : ((Number) score).doubleValue()
              });
        }
      }
    }
    Comparator<Object[]> byId = Comparator.comparing(r -> (String) r[0]);
    rows.sort(byId);
    stored.sort(byId);
    assertEquals(rows.size(), stored.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(Arrays.asList(rows.get(i)), Arrays.asList(stored.get(i)));
    }
  }
}
