package org.openpersonalize.bench.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankingMetricsTest {

  @Test
  void metricsFollowTheRecommendersDefinitionsWithMapOverAllTestItems() {
    // Hits at ranks 1 and 3 of 10; the user has 4 test items.
    Map<String, List<String>> ranked =
        Map.of("u", List.of("a", "x", "b", "y", "z", "p", "q", "r", "s", "t"));
    Map<String, Set<String>> test = Map.of("u", Set.of("a", "b", "c", "d"));
    RankingMetrics.Result r = RankingMetrics.evaluate(ranked, test, 10);
    assertEquals(0.2, r.precision(), 1e-12);
    assertEquals(0.5, r.recall(), 1e-12);
    assertEquals((1.0 + 2.0 / 3) / 4, r.map(), 1e-12);
    double dcg = 1 / Math.log(2) + 1 / Math.log(4);
    double ideal = 1 / Math.log(2) + 1 / Math.log(3) + 1 / Math.log(4) + 1 / Math.log(5);
    assertEquals(dcg / ideal, r.ndcg(), 1e-12);
    assertEquals(1, r.users());
  }

  @Test
  void usersWithoutPredictionsAreLeftOutOfTheAverage() {
    RankingMetrics.Result r =
        RankingMetrics.evaluate(
            Map.of("u", List.of("a")), Map.of("u", Set.of("a"), "v", Set.of("b")), 10);
    assertEquals(1, r.users());
    assertEquals(1.0, r.ndcg(), 1e-12);
  }

  @Test
  void stratifiedSplitKeepsRoundHalfEvenShareOfEveryItem(@TempDir Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    // Item 1: 4 rows → 3 train; item 2: 2 rows → round(1.5) = 2 train; item 3: 1 row → 1 train.
    for (int u = 1; u <= 4; u++) {
      lines.add(u + "\t1\t5\t100");
    }
    lines.add("1\t2\t4\t100");
    lines.add("2\t2\t4\t100");
    lines.add("3\t3\t3\t100");
    Path f = dir.resolve("r.tsv");
    Files.write(f, lines);
    Ratings[] parts = Ratings.read(f).stratifiedByItem(0.75, 7);
    assertEquals(6, parts[0].size());
    assertEquals(1, parts[1].size());
    assertEquals("1", parts[1].items()[0]);
  }

  @Test
  void tuneGridExpandsToEveryCombination() {
    assertEquals(
        List.of(Map.of("a", "1", "b", "x"), Map.of("a", "2", "b", "x")),
        AccuracyHarness.combinations("a=1,2;b=x"));
  }
}
