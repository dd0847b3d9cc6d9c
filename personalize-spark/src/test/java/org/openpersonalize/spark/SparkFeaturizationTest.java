package org.openpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.internal.Engine;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.recipes.UserPersonalizationRecipe;

/**
 * The Spark featurization against the engine's on the same small data: the engine imports the CSV
 * and selects with its {@code Featurizer}; Spark reads the same CSV. Weights and percentile cuts
 * are checked against a slow reference of the recipe's rules applied to the engine's selection.
 */
class SparkFeaturizationTest {
  /** The engine clock's now for the selection: after every generated event. */
  private static final long NOW = java.time.Instant.now().getEpochSecond();

  @TempDir Path dir;

  @Test
  void selectionEqualsTheEnginesForEveryKindOfFilter() throws IOException {
    Path csv = SparkFixtures.awkwardInteractions(dir, 120, 100, 4000, 7);
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      String group = SparkFixtures.loadEngine(engine, csv, null);
      DatasetGroupData data = Engine.of(engine).trainingData(group);
      List<Featurizer.Selection> selections =
          List.of(
              Featurizer.Selection.of(null, null),
              Featurizer.Selection.of("WATCH", "0.7"),
              Featurizer.Selection.of("rate", null));
      for (Featurizer.Selection sel : selections) {
        Featurizer.Selected s = Featurizer.select(data, sel, NOW);
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < s.size(); k++) {
          expected.add(
              data.users().id(s.user()[k])
                  + "|"
                  + data.items().id(s.item()[k])
                  + "|"
                  + s.timestamp()[k]);
        }
        SparkFeaturizer.Features f =
            SparkFeaturizer.select(
                SparkFixtures.spark(), SparkFixtures.readInteractions(csv), null, null, sel, false);
        List<String> actual = new ArrayList<>();
        for (Row r : f.selected().collectAsList()) {
          actual.add(
              f.userIds()[r.getInt(0)] + "|" + f.itemIds()[r.getInt(1)] + "|" + r.getLong(2));
        }
        Collections.sort(expected);
        Collections.sort(actual);
        assertEquals(expected, actual, "selection " + sel);
        assertEquals(s.size(), f.numSelected());
        assertEquals(data.users().size(), f.userIds().length);
        assertEquals(data.items().size(), f.itemIds().length);
        f.selected().unpersist();
      }
      assertTrue(
          Featurizer.select(data, selections.get(1), NOW).size() > 100, "the data exercises it");
    }
  }

  @Test
  void weightsAndPercentileCutsFollowTheRecipesRules() throws IOException {
    Path csv = SparkFixtures.awkwardInteractions(dir, 120, 100, 4000, 11);
    Map<String, String> hp =
        Map.of(
            "bptt", "4",
            "confidence_alpha", "3",
            "min_user_history_length_percentile", "0.1",
            "max_user_history_length_percentile", "0.9");
    SparkAls.Params p =
        SparkAls.Params.from(new UserPersonalizationRecipe().resolveHyperparameters(hp), 3);
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      String group = SparkFixtures.loadEngine(engine, csv, null);
      DatasetGroupData data = Engine.of(engine).trainingData(group);
      Featurizer.Selection sel = Featurizer.Selection.of("watch", null);
      Featurizer.Selected s = Featurizer.select(data, sel, NOW);
      Map<String, Float> expected = new HashMap<>();
      Map<String, Boolean> expectedSkip = reference(data, s, p, expected);

      SparkFeaturizer.Features f =
          SparkFeaturizer.select(
              SparkFixtures.spark(), SparkFixtures.readInteractions(csv), null, null, sel, false);
      List<Row> rows = SparkAls.entries(f.selected(), p).collectAsList();
      assertEquals(expected.size(), rows.size());
      int skipped = 0;
      for (Row r : rows) {
        String user = f.userIds()[r.getInt(0)];
        String key = user + "|" + f.itemIds()[r.getInt(1)];
        float want = expected.get(key);
        assertEquals(want, r.getFloat(2), 1e-5f * want, key);
        assertEquals(expectedSkip.get(user), r.getBoolean(3), user);
        if (r.getBoolean(3)) {
          skipped++;
        }
      }
      assertTrue(skipped > 0, "the percentile band leaves some users out");
      f.selected().unpersist();
    }
  }

  /**
   * The recipe's rules, slowly: each user's events oldest first (equal times in item-ID order),
   * weight 1 times the recency multiplier of how many events are newer, summed per item, times α;
   * users whose number of distinct items lies outside the nearest-rank percentile band are cut.
   */
  private static Map<String, Boolean> reference(
      DatasetGroupData data, Featurizer.Selected s, SparkAls.Params p, Map<String, Float> out) {
    Map<String, List<long[]>> byUser = new TreeMap<>();
    for (int k = 0; k < s.size(); k++) {
      byUser
          .computeIfAbsent(data.users().id(s.user()[k]), u -> new ArrayList<>())
          .add(new long[] {s.timestamp()[k], s.item()[k]});
    }
    Map<String, Integer> lengths = new HashMap<>();
    for (Map.Entry<String, List<long[]>> e : byUser.entrySet()) {
      List<long[]> h = e.getValue();
      h.sort(
          (a, b) ->
              a[0] != b[0]
                  ? Long.compare(a[0], b[0])
                  : data.items().id((int) a[1]).compareTo(data.items().id((int) b[1])));
      Map<String, Float> sums = new TreeMap<>();
      for (int pos = 0; pos < h.size(); pos++) {
        int newer = h.size() - 1 - pos;
        float w = p.recency() ? Kernels.recencyWeight(newer, p.bptt()) : 1f;
        sums.merge(data.items().id((int) h.get(pos)[1]), w, Float::sum);
      }
      for (Map.Entry<String, Float> item : sums.entrySet()) {
        out.put(e.getKey() + "|" + item.getKey(), item.getValue() * p.alpha());
      }
      lengths.put(e.getKey(), sums.size());
    }
    int[] sorted = lengths.values().stream().mapToInt(Integer::intValue).sorted().toArray();
    int n = sorted.length;
    int lo = sorted[(int) Math.max(0, Math.min(n - 1, Math.ceil(p.minUserPercentile() * n) - 1))];
    int hi = sorted[(int) Math.max(0, Math.min(n - 1, Math.ceil(p.maxUserPercentile() * n) - 1))];
    Map<String, Boolean> skip = new HashMap<>();
    lengths.forEach((u, len) -> skip.put(u, len < lo || len > hi));
    assertTrue(Arrays.stream(sorted).distinct().count() > 3, "lengths vary");
    return skip;
  }

  @Test
  void tooLittleDataIsRefusedWithTheEnginesMessage() throws IOException {
    Path csv = SparkFixtures.awkwardInteractions(dir, 40, 30, 300, 3);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                SparkFeaturizer.select(
                    SparkFixtures.spark(),
                    SparkFixtures.readInteractions(csv),
                    null,
                    null,
                    Featurizer.Selection.of("watch", null),
                    true));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Create failed. Dataset has fewer than 1000 interactions after filtering by event"
                    + " type: watch (found "),
        e.getMessage());
  }

  @Test
  void categoricalColumnsAreTheNamedStringColumnsOrEveryStringColumn() throws IOException {
    SparkFixtures.Files3 csv = SparkFixtures.metadataAndRepeats(dir, 30, 20, 100, 2);
    org.apache.spark.sql.Dataset<Row> items = SparkFixtures.read(csv.items(), SparkFixtures.ITEMS);
    assertEquals(
        List.of("TITLE", "GENRES"), SparkFeaturizer.categorical("items", items, "ITEM_ID", null));
    assertEquals(
        List.of("GENRES"),
        SparkFeaturizer.categorical("items", items, "ITEM_ID", List.of("genres")));
    InvalidInputException missing =
        assertThrows(
            InvalidInputException.class,
            () -> SparkFeaturizer.categorical("items", items, "ITEM_ID", List.of("COLOUR")));
    assertTrue(
        missing.getMessage().startsWith("items categorical columns must be columns of the data"),
        missing.getMessage());
    InvalidInputException number =
        assertThrows(
            InvalidInputException.class,
            () -> SparkFeaturizer.categorical("items", items, "ITEM_ID", List.of("YEAR")));
    assertEquals("items categorical column YEAR must hold strings; got: int", number.getMessage());
  }
}
