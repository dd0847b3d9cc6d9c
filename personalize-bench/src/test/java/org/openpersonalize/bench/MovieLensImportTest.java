package org.openpersonalize.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.internal.Engine;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.MetadataColumns;

/**
 * MovieLensImport on a tiny folder in MovieLens 100K's format, written here, so the test needs
 * neither the real data nor its licence.
 */
public class MovieLensImportTest {
  private static final String[] GENRES = {
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
    "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
    "Thriller", "War", "Western"
  };

  /** 1 200 ratings by users 1-21 of items 1-31; u.user has users 1-20 and 22, u.item 1-30. */
  public static Path movieLens(Path dir) throws IOException {
    StringBuilder genre = new StringBuilder();
    for (int g = 0; g < GENRES.length; g++) {
      genre.append(GENRES[g]).append('|').append(g).append('\n');
    }
    Files.writeString(dir.resolve("u.genre"), genre.append('\n'), StandardCharsets.ISO_8859_1);

    StringBuilder item = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      String title =
          switch (i) {
            case 1 -> "American President, The (1995)";
            case 2 -> "A \"Quoted\" \\ Title";
            case 3 -> "Misérables, Les (1995)";
            default -> "Movie " + i + " (1990)";
          };
      String date =
          i == 2 ? "" : i == 1 || i == 3 ? "01-Jan-1995" : i == 4 ? "01-Jan-1967" : "01-Jan-1990";
      item.append(i).append('|').append(title).append('|').append(date).append("||http://x");
      for (int g = 0; g < GENRES.length; g++) {
        boolean on = i == 1 ? g == 1 || g == 5 : i != 3 && g == 8;
        item.append('|').append(on ? '1' : '0');
      }
      item.append('\n');
    }
    // The real u.item is ISO-8859-1; the é above must survive as é.
    Files.writeString(dir.resolve("u.item"), item, StandardCharsets.ISO_8859_1);

    StringBuilder user = new StringBuilder();
    for (int u = 1; u <= 22; u++) {
      if (u != 21) {
        user.append(u).append('|').append(20 + u).append(u % 2 == 0 ? "|F|" : "|M|");
        user.append(u % 3 == 0 ? "writer" : "technician").append("|12345\n");
      }
    }
    Files.writeString(dir.resolve("u.user"), user, StandardCharsets.ISO_8859_1);

    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 1200; i++) {
      data.append(1 + i % 21)
          .append('\t')
          .append(1 + (i * 7) % 31)
          .append('\t')
          .append(1 + i % 5)
          .append('\t')
          .append(880_000_000L + i)
          .append('\n');
    }
    Files.writeString(dir.resolve("u.data"), data, StandardCharsets.ISO_8859_1);
    return dir;
  }

  @Test
  void importsAllThreeDatasetsAndFindsThemAfterReopening(@TempDir Path tmp) throws IOException {
    Path ml = movieLens(Files.createDirectories(tmp.resolve("ml")));
    Path work = tmp.resolve("work");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    MovieLensImport.Outcome outcome =
        MovieLensImport.run(ml, work, new PrintStream(printed, true, StandardCharsets.UTF_8));

    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(List.of(), outcome.problems(), text);
    assertEquals(1200, outcome.interactions());
    assertEquals(22, outcome.users(), "users 1-21 rated, user 22 is only in u.user");
    assertEquals(31, outcome.items(), "items 1-30 are in u.item, item 31 is only rated");
    assertTrue(text.contains("import job interactions-import: ACTIVE"), text);
    assertTrue(text.contains("OK: everything imported is there after reopening"), text);
  }

  @Test
  void itemsKeepTitlesGenresAndMissingYears(@TempDir Path tmp) throws IOException {
    Path ml = movieLens(Files.createDirectories(tmp.resolve("ml")));
    Path work = tmp.resolve("work");
    MovieLensImport.run(
        ml, work, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    List<String> items = Files.readAllLines(work.resolve("csv/items.csv"), StandardCharsets.UTF_8);
    assertEquals("ITEM_ID,TITLE,GENRES,YEAR,CREATION_TIMESTAMP", items.get(0));
    assertEquals("1,\"American President, The (1995)\",Action|Comedy,1995,788918400", items.get(1));
    // No release date: the item's first rating (item 2 is rated first by rating 9).
    assertEquals("2,\"A \"\"Quoted\"\" \\\\ Title\",Drama,,880000009", items.get(2));
    assertEquals("3,\"Misérables, Les (1995)\",,1995,788918400", items.get(3));
    assertEquals("4,\"Movie 4 (1990)\",Drama,1967,-94694400", items.get(4));

    try (OpenPersonalize engine = OpenPersonalize.open(work.resolve("engine"))) {
      String group = "arn:aws:personalize:local:000000000000:dataset-group/movielens-100k";
      DatasetGroupData data = Engine.of(engine).trainingData(group);
      MetadataColumns meta = data.itemMetadata();
      MetadataColumns.Categorical genres = meta.categorical().get(0);
      assertEquals("GENRES", genres.name());
      assertEquals(List.of("Action", "Comedy"), values(genres, data.items().indexOf("1")));
      assertEquals(List.of("Drama"), values(genres, data.items().indexOf("2")));
      assertEquals(List.of(), values(genres, data.items().indexOf("3")));
      MetadataColumns.Numeric year = meta.numeric().get(0);
      assertEquals("YEAR", year.name());
      assertEquals(1995.0, year.values()[data.items().indexOf("1")]);
      assertTrue(Double.isNaN(year.values()[data.items().indexOf("2")]));
      assertTrue(Double.isNaN(year.values()[data.items().indexOf("31")]), "no metadata record");
      assertEquals(-94_694_400L, meta.creationTimestamp()[data.items().indexOf("4")]);
    }
  }

  @Test
  void malformedRatingNamesFileAndLine(@TempDir Path tmp) throws IOException {
    Path ml = movieLens(Files.createDirectories(tmp.resolve("ml")));
    Files.writeString(ml.resolve("u.data"), "1\t2\t3\t880000000\n1 2 3\n");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> MovieLensImport.convert(ml, tmp.resolve("csv")));

    assertEquals(
        ml.resolve("u.data")
            + ": line 2: expected 4 tab-separated fields (user, item, rating, timestamp);"
            + " found \"1 2 3\"",
        e.getMessage());
  }

  private static List<String> values(MetadataColumns.Categorical c, int entity) {
    List<String> out = new ArrayList<>();
    for (int k = c.offsets()[entity]; k < c.offsets()[entity + 1]; k++) {
      out.add(c.values().id(c.valueIndex()[k]));
    }
    return out;
  }
}
