package org.openpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.internal.Engine;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.IdDictionary;
import org.openpersonalize.engine.internal.data.Interactions;
import org.openpersonalize.engine.internal.data.MetadataColumns;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.engine.internal.training.OfflineMetrics;
import org.openpersonalize.recipes.UserPersonalizationRecipe;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.UserHistory;

/**
 * What the recipe learns besides the factors, trained on Spark and in process from the same data
 * with the same seed: Items and Users metadata (cold items blended towards their genres' centroids,
 * users without interactions given their membership's, the fold-in's genre prior) and the repeat
 * propensity. The in-process side gets the engine's own import of the metadata, so the Spark
 * parsing of {@code |}-separated values is checked too. The two models must learn identical repeat
 * rates and rank the same top 10 for at least 90 % of users whichever way a campaign scores them.
 */
class SparkParityTest {
  static final Map<String, String> HP =
      Map.of(
          "hidden_dimension", "32",
          "num_iterations", "8",
          "regularization", "5",
          "bptt", "8",
          "max_user_history_length_percentile", "0.95");

  @TempDir Path dir;

  @Test
  void metadataPriorsAndRepeatPropensityMatchTheInProcessRecipe() throws IOException {
    SparkFixtures.Files3 csv = SparkFixtures.metadataAndRepeats(dir, 300, 200, 9000, 13);
    Dataset<Row> items = SparkFixtures.read(csv.items(), SparkFixtures.ITEMS);
    Dataset<Row> users = SparkFixtures.read(csv.users(), SparkFixtures.USERS);
    List<String> genres = List.of("GENRES"); // TITLE is a string column but not categorical
    SparkTrainedModel spark =
        SparkUserPersonalization.builder()
            .hyperParameters(HP)
            .seed(7)
            .blocks(3)
            .itemCategoricalColumns(genres)
            .build()
            .train(SparkFixtures.readInteractions(csv.interactions()), items, users);

    SparkFeaturizer.Features f =
        SparkFeaturizer.select(
            SparkFixtures.spark(),
            SparkFixtures.readInteractions(csv.interactions()),
            items,
            users,
            genres,
            null,
            Featurizer.Selection.of(null, null),
            true);
    List<Row> rows = f.selected().orderBy("u", "ts", "i", "t").collectAsList();
    f.release();
    assertEquals(List.of("click", "purchase", "watch"), f.eventTypes());
    assertArrayEquals(f.userIds(), spark.userIds());
    assertArrayEquals(f.itemIds(), spark.itemIds());

    UserPersonalizationRecipe recipe = new UserPersonalizationRecipe();
    Hyperparameters hp = recipe.resolveHyperparameters(HP);
    TrainingContext tc = TrainingContext.builder().seed(7).build();
    Model local;
    Featurizer.Selected selected;
    DatasetGroupData data;
    IdDictionary types;
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      String group = SparkFixtures.loadEngine(engine, csv.interactions(), csv.items(), csv.users());
      DatasetGroupData eng = Engine.of(engine).trainingData(group);
      assertEquals(eng.users().size(), f.userIds().length);
      assertEquals(eng.items().size(), f.itemIds().length);
      // The Spark selection in Spark's indices (the engine's stored order: by user, then time,
      // equal times by item), with the engine's event types and metadata moved to those indices.
      int n = rows.size();
      int[] u = new int[n];
      int[] i = new int[n];
      long[] ts = new long[n];
      int[] type = new int[n];
      types = eng.interactions().eventTypes();
      for (int k = 0; k < n; k++) {
        Row r = rows.get(k);
        u[k] = r.getInt(0);
        i[k] = r.getInt(1);
        ts[k] = r.getLong(2);
        type[k] = types.indexOf(f.eventTypes().get(r.getInt(3)));
      }
      selected =
          new Featurizer.Selected(
              f.userIds().length,
              f.itemIds().length,
              u,
              i,
              ts,
              Featurizer.reference(ts, n, Long.MAX_VALUE),
              null,
              type);
      Interactions none =
          new Interactions(0, new int[0], new int[0], new long[0], new int[0], new float[0], types);
      data =
          new DatasetGroupData(
              dictionary(f.userIds()),
              dictionary(f.itemIds()),
              none,
              remap(eng.itemMetadata(), eng.items(), f.itemIds()),
              remap(eng.userMetadata(), eng.users(), f.userIds()),
              0);
      local = recipe.train(Featurizer.trainingData(data, selected), hp, tc);
    }
    ModelArtifact artifact = ModelArtifact.fromBytes(spark.modelFileBytes(), "spark model");
    Model remote = recipe.readModel(new ByteArrayInputStream(artifact.payload()));

    // The data has what the rules act on.
    int numItems = local.numItems();
    int[] itemUsers = spark.factors().itemUsers();
    int untouched = 0;
    int rare = 0;
    for (int c : itemUsers) {
      untouched += c == 0 ? 1 : 0;
      rare += c > 0 && c < 5 ? 1 : 0;
    }
    assertTrue(untouched >= 5 && rare >= 5, "cold items: " + untouched + " none, " + rare + " few");

    // Repeat rates: counted from integers on both sides, so equal to the last digit.
    Map<String, String> learned = remote.learnedParameters();
    System.out.println("learned on Spark " + learned);
    assertFalse(learned.isEmpty());
    assertEquals(local.learnedParameters(), learned);
    assertTrue(Double.parseDouble(learned.get("learned.repeat_share")) > 0.1, "repeats happen");

    // Trained and metadata-only users from their vectors; metadata-only items alone.
    int numUsers = local.numUsers();
    float[] a = new float[numItems];
    float[] b = new float[numItems];
    int sameVector = 0;
    int sameCold = 0;
    boolean[] onlyMetadata = new boolean[numItems];
    for (int item = 0; item < numItems; item++) {
      onlyMetadata[item] = itemUsers[item] == 0;
    }
    for (int user = 0; user < numUsers; user++) {
      local.scoreItemsForUser(user, a);
      remote.scoreItemsForUser(user, b);
      sameVector += Arrays.equals(top(a, 10, null), top(b, 10, null)) ? 1 : 0;
      sameCold += Arrays.equals(top(a, 3, onlyMetadata), top(b, 3, onlyMetadata)) ? 1 : 0;
    }
    // What a campaign serves: the fold-in of the history (genre prior, fold-in regularisation)
    // and the repeat mixture; a whole history (up to 200 events) and its first three events.
    int[][] byUser = OfflineMetrics.byUser(selected);
    int sameServed = 0;
    int sameShort = 0;
    int withHistory = 0;
    for (int user = 0; user < numUsers; user++) {
      int[] h = byUser[user];
      if (h.length == 0) {
        continue;
      }
      withHistory++;
      UserHistory all = history(h, Math.max(0, h.length - 200), h.length, selected, types);
      local.scoreItemsForHistory(all, a);
      remote.scoreItemsForHistory(all, b);
      sameServed += Arrays.equals(top(a, 10, null), top(b, 10, null)) ? 1 : 0;
      UserHistory first = history(h, 0, Math.min(3, h.length), selected, types);
      local.scoreItemsForHistory(first, a);
      remote.scoreItemsForHistory(first, b);
      sameShort += Arrays.equals(top(a, 10, null), top(b, 10, null)) ? 1 : 0;
    }
    System.out.printf(
        "top-10 identical: vectors %d/%d, metadata-only items (top 3) %d/%d, served from the"
            + " history %d/%d, from three events %d/%d%n",
        sameVector, numUsers, sameCold, numUsers, sameServed, withHistory, sameShort, withHistory);
    assertTrue(withHistory < numUsers, "some users have metadata only");
    assertTrue(sameVector >= 0.9 * numUsers, "vectors " + sameVector);
    assertTrue(sameCold >= 0.9 * numUsers, "metadata-only items " + sameCold);
    assertTrue(sameServed >= 0.9 * withHistory, "served " + sameServed);
    assertTrue(sameShort >= 0.9 * withHistory, "three events " + sameShort);

    // Spec §8 metrics on the held-out split fold in with the genre prior on both sides.
    Map<String, Double> engineMetrics =
        OfflineMetrics.evaluate(recipe, hp, selected, data, numItems, 7, tc);
    System.out.println("engine metrics " + engineMetrics + "\nspark metrics  " + spark.metrics());
    assertEquals(engineMetrics.keySet(), spark.metrics().keySet());
    for (String key : engineMetrics.keySet()) {
      assertEquals(engineMetrics.get(key), spark.metrics().get(key), 0.02, key);
    }
  }

  private static UserHistory history(
      int[] h, int from, int to, Featurizer.Selected s, IdDictionary typeNames) {
    int m = to - from;
    int[] items = new int[m];
    float[] weights = new float[m];
    long[] ts = new long[m];
    String[] types = new String[m];
    for (int e = 0; e < m; e++) {
      int k = h[from + e];
      items[e] = s.item()[k];
      weights[e] = 1f;
      ts[e] = s.timestamp()[k];
      types[e] = typeNames.id(s.eventType()[k]);
    }
    return UserHistory.of(items, weights, ts, types, m);
  }

  private static int[] top(float[] scores, int k, boolean[] only) {
    TopK heap = new TopK(k);
    for (int i = 0; i < scores.length; i++) {
      if (only == null || only[i]) {
        heap.offer(i, scores[i]);
      }
    }
    int[] idx = new int[k];
    heap.drainTo(idx, new float[k]);
    return idx;
  }

  private static IdDictionary dictionary(String[] ids) {
    IdDictionary d = new IdDictionary();
    for (String id : ids) {
      d.add(id);
    }
    return d;
  }

  /** The engine's metadata columns with their rows moved to the Spark dictionary's order. */
  private static MetadataColumns remap(MetadataColumns m, IdDictionary from, String[] to) {
    int n = to.length;
    int[] src = new int[n];
    boolean[] present = new boolean[n];
    for (int e = 0; e < n; e++) {
      src[e] = from.indexOf(to[e]);
      assertTrue(src[e] >= 0, to[e]);
      present[e] = m.present()[src[e]];
    }
    List<MetadataColumns.Categorical> cats = new ArrayList<>();
    for (MetadataColumns.Categorical c : m.categorical()) {
      int[] offsets = new int[n + 1];
      int[] values = new int[c.valueIndex().length];
      int at = 0;
      for (int e = 0; e < n; e++) {
        for (int q = c.offsets()[src[e]]; q < c.offsets()[src[e] + 1]; q++) {
          values[at++] = c.valueIndex()[q];
        }
        offsets[e + 1] = at;
      }
      cats.add(new MetadataColumns.Categorical(c.name(), offsets, values, c.values()));
    }
    List<MetadataColumns.Numeric> nums = new ArrayList<>();
    for (MetadataColumns.Numeric c : m.numeric()) {
      double[] v = new double[n];
      for (int e = 0; e < n; e++) {
        v[e] = c.values()[src[e]];
      }
      nums.add(new MetadataColumns.Numeric(c.name(), v));
    }
    long[] creation = null;
    if (m.creationTimestamp() != null) {
      creation = new long[n];
      for (int e = 0; e < n; e++) {
        creation[e] = m.creationTimestamp()[src[e]];
      }
    }
    return new MetadataColumns(present, cats, nums, null, creation);
  }
}
