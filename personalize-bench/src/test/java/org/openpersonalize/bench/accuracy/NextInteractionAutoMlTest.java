package org.openpersonalize.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's AutoML row on a small generated log, through the public API as the harness runs it
 * on MovieLens: 120 users in 6 clusters of 20 items, each walking through their cluster in order,
 * so the next item follows from the last one (a sequence recipe's case) and not from popularity.
 */
class NextInteractionAutoMlTest {
  @TempDir Path dir;

  NextInteractionHarness.Log walks() throws IOException {
    int users = 120;
    int steps = 12;
    int n = users * steps;
    String[] u = new String[n];
    String[] i = new String[n];
    long[] t = new long[n];
    String[] v = new String[n];
    Map<String, Set<String>> genres = new HashMap<>();
    StringBuilder items = new StringBuilder("ITEM_ID,GENRES\n");
    for (int item = 0; item < 120; item++) {
      String genre = "G" + item / 20;
      items.append("i").append(item).append(',').append(genre).append('\n');
      genres.put("i" + item, Set.of(genre));
    }
    int e = 0;
    for (int user = 0; user < users; user++) {
      int cluster = user % 6;
      int start = (user * 7) % 20;
      for (int k = 0; k < steps; k++) {
        u[e] = "u" + user;
        i[e] = "i" + (cluster * 20 + (start + k) % 20);
        t[e] = 1_700_000_000L + 60L * e;
        v[e] = "5";
        e++;
      }
    }
    Path itemsCsv = dir.resolve("items.csv");
    Files.writeString(itemsCsv, items, StandardCharsets.UTF_8);
    return new NextInteractionHarness.Log(
        "walks", u, i, t, v, itemsCsv, AccuracyHarness.LATEST_SMALL_ITEMS_SCHEMA, null, genres);
  }

  /**
   * Protocol (b) with popularity-count and the one row {@code row}, printing into {@code bytes}.
   */
  private List<NextInteractionHarness.Row> runRow(String row, ByteArrayOutputStream bytes)
      throws IOException {
    return NextInteractionHarness.run(
        walks(),
        "b",
        dir.resolve("work"),
        List.of(),
        new HashSet<>(List.of(row)),
        false,
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  @Test
  void autoMlRowTrainsThroughTheApiServesLikeTheOthersAndSaysWhatItChose() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    List<NextInteractionHarness.Row> rows = runRow(NextInteractionHarness.AUTOML, bytes);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    System.out.printf("harness on 1,440 events: %.1f s%n", (System.nanoTime() - t0) / 1e9);

    assertEquals(2, rows.size(), printed);
    assertEquals("popularity-count", rows.get(0).label());
    NextInteractionHarness.Row auto = rows.get(1);
    assertEquals(NextInteractionHarness.AUTOML_LABEL, auto.label());
    assertEquals(120, auto.users(), "every user's last event scored");
    assertTrue(
        auto.first() > rows.get(0).first(),
        "a sequence recipe predicts the next step of a walk better than popularity: " + printed);
    assertTrue(printed.contains("| AutoML (performAutoML) "), printed);
    assertTrue(
        printed.contains("AutoML (performAutoML) chose aws-hrnn"),
        "the chosen recipe is printed under the table: " + printed);
    assertTrue(printed.contains("after 6 HPO trials: {"), printed);
  }

  @Test
  void autoMlRowWithoutHpoSendsPerformHpoFalseAndTrainsTheChoiceWithItsDefaults()
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<NextInteractionHarness.Row> rows = runRow(NextInteractionHarness.AUTOML_NO_HPO, bytes);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, rows.size(), printed);
    NextInteractionHarness.Row auto = rows.get(1);
    assertEquals(NextInteractionHarness.AUTOML_NO_HPO_LABEL, auto.label());
    assertTrue(auto.first() > rows.get(0).first(), printed);
    assertTrue(
        printed.contains("AutoML (performAutoML, performHPO=false) chose aws-hrnn"), printed);
    assertTrue(
        printed.contains("and trained it with its defaults (performHPO=false)"),
        "no search ran: " + printed);
    assertFalse(printed.contains("HPO trials"), printed);
  }

  @Test
  void recipesOptionWithoutAutomlLeavesTheRowOut() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<NextInteractionHarness.Row> rows =
        NextInteractionHarness.run(
            walks(), "b", dir.resolve("work"), List.of(), Set.of("no-such-row"), false, out);
    assertEquals(1, rows.size());
    assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("AutoML"));
  }
}
