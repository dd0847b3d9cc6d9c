package org.openpersonalize.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.bench.MovieLensImportTest;

/**
 * The genre probe reads each film's genres from the converted Items file. It once read the release
 * year instead (a column added after GENRES shifted the fields it counted from the end), so the
 * probe compared films by year and every recipe failed it.
 */
class NextInteractionGenresTest {
  @Test
  void ml100kGenresAreTheGenresColumn(@TempDir Path tmp) throws IOException {
    Path ml = MovieLensImportTest.movieLens(Files.createDirectories(tmp.resolve("ml")));
    NextInteractionHarness.Log log =
        NextInteractionHarness.readMl100k(ml, Files.createDirectories(tmp.resolve("work")));
    assertEquals(Set.of("Action", "Comedy"), log.genres().get("1"), "a title with a comma");
    assertEquals(Set.of("Drama"), log.genres().get("2"), "a title with quotes, no release date");
    assertEquals(Set.of("Drama"), log.genres().get("4"));
  }
}
