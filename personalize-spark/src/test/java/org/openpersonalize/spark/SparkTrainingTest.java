package org.openpersonalize.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.IdDictionary;
import org.openpersonalize.engine.internal.data.Interactions;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.engine.internal.training.OfflineMetrics;
import org.openpersonalize.recipes.UserPersonalizationRecipe;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;

/**
 * A model trained on Spark against the in-process recipe trained on the same selection with the
 * same seed and hyperparameters: the recipe reads the Spark model file unchanged, the two rank the
 * same top 10 for nearly every user, and the Spark metrics on spec §8's split match the engine's
 * {@code OfflineMetrics}.
 */
class SparkTrainingTest {
  static final Map<String, String> HP =
      Map.of(
          "hidden_dimension", "32",
          "num_iterations", "8",
          "regularization", "5",
          "bptt", "8",
          "max_user_history_length_percentile", "0.95");

  @TempDir Path dir;

  @Test
  void sparkAndInProcessTrainingAgreeAndTheRecipeReadsTheFile() throws IOException {
    Path csv = SparkFixtures.awkwardInteractions(dir, 300, 200, 9000, 5);
    SparkTrainedModel spark =
        SparkUserPersonalization.builder()
            .hyperParameters(HP)
            .seed(7)
            .blocks(3)
            .build()
            .train(SparkFixtures.readInteractions(csv));

    // The same selection, in the Spark model's indices, trained in process.
    SparkFeaturizer.Features f =
        SparkFeaturizer.select(
            SparkFixtures.spark(),
            SparkFixtures.readInteractions(csv),
            null,
            null,
            Featurizer.Selection.of(null, null),
            true);
    List<Row> rows = f.selected().collectAsList();
    f.selected().unpersist();
    int n = rows.size();
    int[] u = new int[n];
    int[] i = new int[n];
    long[] ts = new long[n];
    for (int k = 0; k < n; k++) {
      u[k] = rows.get(k).getInt(0);
      i[k] = rows.get(k).getInt(1);
      ts[k] = rows.get(k).getLong(2);
    }
    // The engine stores a user's events by time; hand them over in that order too.
    sortByUserAndTime(u, i, ts);
    Featurizer.Selected selected =
        new Featurizer.Selected(
            f.userIds().length,
            f.itemIds().length,
            u,
            i,
            ts,
            Featurizer.reference(ts, ts.length, Long.MAX_VALUE),
            null);
    DatasetGroupData data = dataOf(f);
    UserPersonalizationRecipe recipe = new UserPersonalizationRecipe();
    Hyperparameters hp = recipe.resolveHyperparameters(HP);
    TrainingContext tc = TrainingContext.builder().seed(7).build();
    Model local = recipe.train(Featurizer.trainingData(data, selected), hp, tc);

    ModelArtifact artifact = ModelArtifact.fromBytes(spark.modelFileBytes(), "spark model");
    assertEquals("arn:aws:personalize:::recipe/aws-user-personalization", artifact.recipeArn());
    assertArrayEquals(f.userIds(), artifact.userIds());
    assertArrayEquals(f.itemIds(), artifact.itemIds());
    Model remote = recipe.readModel(new ByteArrayInputStream(artifact.payload()));
    assertEquals(local.numUsers(), remote.numUsers());
    assertEquals(local.numItems(), remote.numItems());

    int numItems = local.numItems();
    float[] a = new float[numItems];
    float[] b = new float[numItems];
    int same = 0;
    int users = 0;
    for (int user = 0; user < local.numUsers(); user++) {
      local.scoreItemsForUser(user, a);
      remote.scoreItemsForUser(user, b);
      users++;
      if (java.util.Arrays.equals(top(a, 10), top(b, 10))) {
        same++;
      }
    }
    double agreement = same / (double) users;
    System.out.printf("top-10 identical for %d of %d users (%.3f)%n", same, users, agreement);
    assertTrue(agreement >= 0.90, "top-10 agreement " + agreement);

    // Spec §8 metrics: the same split and model, computed on Spark and by the engine.
    Map<String, Double> engine =
        OfflineMetrics.evaluate(recipe, hp, selected, data, numItems, 7, tc);
    Map<String, Double> sparkMetrics = spark.metrics();
    System.out.println("engine metrics " + engine + "\nspark metrics  " + sparkMetrics);
    assertEquals(engine.keySet(), sparkMetrics.keySet());
    for (String key : engine.keySet()) {
      assertEquals(engine.get(key), sparkMetrics.get(key), 0.02, key);
    }
    assertTrue(sparkMetrics.get("normalized_discounted_cumulative_gain_at_10") > 0.05);
    assertEquals(n, spark.numInteractions());
  }

  private static int[] top(float[] scores, int k) {
    TopK heap = new TopK(k);
    heap.offerAll(scores, 0, scores.length);
    int[] idx = new int[k];
    heap.drainTo(idx, new float[k]);
    return idx;
  }

  private static DatasetGroupData dataOf(SparkFeaturizer.Features f) {
    IdDictionary users = new IdDictionary();
    for (String id : f.userIds()) {
      users.add(id);
    }
    IdDictionary items = new IdDictionary();
    for (String id : f.itemIds()) {
      items.add(id);
    }
    Interactions none =
        new Interactions(
            0, new int[0], new int[0], new long[0], new int[0], new float[0], new IdDictionary());
    return new DatasetGroupData(users, items, none, null, null, 0);
  }

  /** Sorts the parallel arrays by (user, time, item): the order the engine's store returns. */
  private static void sortByUserAndTime(int[] u, int[] i, long[] ts) {
    Integer[] order = new Integer[u.length];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(
        order,
        (x, y) -> {
          int c = Integer.compare(u[x], u[y]);
          if (c == 0) {
            c = Long.compare(ts[x], ts[y]);
          }
          return c != 0 ? c : Integer.compare(i[x], i[y]);
        });
    int[] u2 = new int[u.length];
    int[] i2 = new int[u.length];
    long[] t2 = new long[u.length];
    for (int k = 0; k < order.length; k++) {
      u2[k] = u[order[k]];
      i2[k] = i[order[k]];
      t2[k] = ts[order[k]];
    }
    System.arraycopy(u2, 0, u, 0, u.length);
    System.arraycopy(i2, 0, i, 0, u.length);
    System.arraycopy(t2, 0, ts, 0, u.length);
  }
}
