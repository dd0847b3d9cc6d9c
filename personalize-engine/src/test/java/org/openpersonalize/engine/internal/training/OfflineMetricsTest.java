package org.openpersonalize.engine.internal.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.IdDictionary;
import org.openpersonalize.engine.internal.data.Interactions;
import org.openpersonalize.recipes.sequence.HrnnRecipe;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

/**
 * GetSolutionMetrics scores a held-out user from the history serving would hand the model: items,
 * times, event types and the user's index in the model; and a sequence recipe that reads the time
 * between events is measured with them.
 */
class OfflineMetricsTest {
  static final long T0 = 1_704_067_200L;

  /** A dataset group with event types and the selection of all its interactions. */
  record Group(DatasetGroupData data, Featurizer.Selected selected) {}

  static Group group(int numUsers, int numItems, int[] user, int[] item, long[] ts, int[] type) {
    IdDictionary users = new IdDictionary();
    for (int u = 0; u < numUsers; u++) {
      users.add("u" + u);
    }
    IdDictionary items = new IdDictionary();
    for (int i = 0; i < numItems; i++) {
      items.add("i" + i);
    }
    IdDictionary types = new IdDictionary();
    types.add("click");
    types.add("buy");
    float[] values = new float[user.length];
    Arrays.fill(values, Float.NaN);
    Interactions x = new Interactions(user.length, user, item, ts, type, values, types);
    DatasetGroupData data = new DatasetGroupData(users, items, x, null, null, 1);
    long reference = Arrays.stream(ts).max().orElse(T0);
    return new Group(
        data, new Featurizer.Selected(numUsers, numItems, user, item, ts, reference, null, type));
  }

  /** A recipe whose model scores popularity and records every history it is asked about. */
  static final class Recording implements Recipe {
    final List<UserHistory> seen = new ArrayList<>();
    int trainedUsers;

    @Override
    public String recipeArn() {
      return "arn:aws:personalize:::recipe/recording";
    }

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public RecipeType recipeType() {
      return RecipeType.USER_PERSONALIZATION;
    }

    @Override
    public String description() {
      return "records histories";
    }

    @Override
    public Set<String> requiredDatasets() {
      return Set.of("Interactions");
    }

    @Override
    public Set<String> optionalDatasets() {
      return Set.of();
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return List.of();
    }

    @Override
    public Model train(TrainingData data, Hyperparameters hp, TrainingContext ctx) {
      trainedUsers = data.numUsers();
      int numItems = data.numItems();
      return new Model() {
        @Override
        public int numUsers() {
          return trainedUsers;
        }

        @Override
        public int numItems() {
          return numItems;
        }

        @Override
        public Set<ModelCapability> capabilities() {
          return Set.of(ModelCapability.ITEMS_FOR_HISTORY);
        }

        @Override
        public ScoreKind scoreKind() {
          return ScoreKind.RANK_ONLY;
        }

        @Override
        public void scoreItemsForHistory(int[] itemIdx, float[] weights, int n, float[] out) {
          throw new AssertionError("metrics must score with the history's times and types");
        }

        @Override
        public void scoreItemsForHistory(UserHistory history, float[] out) {
          seen.add(history);
          for (int i = 0; i < out.length; i++) {
            out[i] = -i;
          }
        }

        @Override
        public void writeTo(OutputStream out) {}
      };
    }

    @Override
    public Model readModel(InputStream in) throws IOException {
      throw new IOException("not persisted");
    }
  }

  @Test
  void heldOutUsersAreScoredFromTheirEventsWithTimesTypesAndModelIndex() {
    int numUsers = 60;
    int perUser = 10;
    int n = numUsers * perUser;
    int[] user = new int[n];
    int[] item = new int[n];
    long[] ts = new long[n];
    int[] type = new int[n];
    SplittableRandom rng = new SplittableRandom(1);
    for (int u = 0, k = 0; u < numUsers; u++) {
      for (int e = 0; e < perUser; e++, k++) {
        user[k] = u;
        item[k] = rng.nextInt(30);
        ts[k] = T0 + 1000L * e + rng.nextInt(500);
        type[k] = e % 3 == 2 ? 1 : e == 4 ? -1 : 0;
      }
    }
    Group g = group(numUsers, 30, user, item, ts, type);
    Recording recipe = new Recording();
    Map<String, Double> metrics =
        OfflineMetrics.evaluate(
            recipe,
            recipe.resolveHyperparameters(Map.of()),
            g.selected(),
            g.data(),
            30,
            7,
            TrainingContext.builder().seed(7).parallelism(1).build());
    int[][] byUser = OfflineMetrics.byUser(g.selected());
    HoldOut holdOut = HoldOut.test(byUser, 7);
    assertEquals(holdOut.users().length, recipe.seen.size());
    assertTrue(recipe.seen.size() >= 5, "held out: " + recipe.seen.size());
    assertEquals(numUsers, recipe.trainedUsers, "held-out users stay in the model's user index");
    String[] names = {"click", "buy"};
    for (int k = 0; k < recipe.seen.size(); k++) {
      UserHistory h = recipe.seen.get(k);
      int u = holdOut.users()[k];
      assertEquals(u, h.userIdx());
      assertEquals(9, h.size(), "the oldest 90 % of 10 events");
      assertTrue(h.hasTimestamps());
      for (int e = 0; e < h.size(); e++) {
        int row = u * perUser + e; // generated in time order
        assertEquals(item[row], h.itemIdx(e));
        assertEquals(1f, h.weight(e));
        assertEquals(ts[row], h.timestamp(e));
        assertEquals(type[row] < 0 ? null : names[type[row]], h.eventType(e));
      }
    }
    assertTrue(metrics.containsKey("precision_at_25"));
  }

  /** {@link HrnnRecipe} whose model is scored without the histories' times and types. */
  static final class WithoutTimes extends ForwardingRecipe {
    WithoutTimes(Recipe r) {
      super(r);
    }

    @Override
    public Model train(TrainingData data, Hyperparameters hp, TrainingContext ctx) {
      Model m = super.train(data, hp, ctx);
      return new ForwardingModel(m) {
        @Override
        public void scoreItemsForHistory(UserHistory h, float[] out) {
          m.scoreItemsForHistory(
              UserHistory.of(h.items(), h.weights(), null, null, h.size()).withUserIdx(h.userIdx()),
              out);
        }
      };
    }
  }

  /**
   * Each user alternates item 0 with an item of family A (items 1..10) or B (11..20); which family
   * follows an item 0 is set by the time since the event before it: within a minute A, after two
   * days B. Each user's items of a family are distinct, so the held-out last item was not in the
   * input (the metrics remove input items). Only a model that sees the time gaps can tell the
   * family, and only if GetSolutionMetrics hands it the times.
   */
  @Test
  void hrnnMetricsSeeTheTimeBetweenEvents() {
    int numUsers = 400;
    int perUser = 10;
    int n = numUsers * perUser;
    int[] user = new int[n];
    int[] item = new int[n];
    long[] ts = new long[n];
    int[] type = new int[n];
    SplittableRandom rng = new SplittableRandom(3);
    for (int u = 0, k = 0; u < numUsers; u++) {
      int[] a = shuffled(1, rng);
      int[] b = shuffled(11, rng);
      int na = 0;
      int nb = 0;
      long t = T0 + 97L * u;
      boolean quick = rng.nextBoolean();
      for (int e = 0; e < perUser; e++, k++) {
        user[k] = u;
        if (e % 2 == 0) {
          quick = rng.nextBoolean();
          t += quick ? 20 : 2 * 86_400;
          item[k] = 0;
        } else {
          t += 30;
          item[k] = quick ? a[na++] : b[nb++];
        }
        ts[k] = t;
      }
    }
    Group g = group(numUsers, 21, user, item, ts, type);
    Recipe hrnn = new HrnnRecipe();
    Hyperparameters hp =
        hrnn.resolveHyperparameters(
            Map.of(
                "hidden_dimension", "32",
                "num_epochs", "15",
                "max_history_length", "10",
                "learning_rate", "0.01",
                "dropout_rate", "0.0"));
    Map<String, Double> with = evaluate(hrnn, hp, g);
    Map<String, Double> without = evaluate(new WithoutTimes(hrnn), hp, g);
    // seed 11: nDCG@10 0.45 with times, 0.31 without
    double ndcgWith = with.get("normalized_discounted_cumulative_gain_at_10");
    double ndcgWithout = without.get("normalized_discounted_cumulative_gain_at_10");
    assertTrue(
        ndcgWith > ndcgWithout + 0.05,
        "nDCG@10 with times " + ndcgWith + ", without " + ndcgWithout + " (" + with + ")");
  }

  private static Map<String, Double> evaluate(Recipe r, Hyperparameters hp, Group g) {
    return OfflineMetrics.evaluate(
        r,
        hp,
        g.selected(),
        g.data(),
        g.selected().numItems(),
        11,
        TrainingContext.builder().seed(11).parallelism(1).build());
  }

  private static int[] shuffled(int from, SplittableRandom rng) {
    int[] a = new int[10];
    for (int i = 0; i < 10; i++) {
      a[i] = from + i;
    }
    for (int i = 9; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  @Test
  void scoreHistoryWithoutTimesStillServesTrendAccuracy() {
    Recording recipe = new Recording();
    Model m =
        recipe.train(
            TrainingData.builder(1, 4)
                .interactions(new int[0], new int[0], new long[0], new float[0])
                .build(),
            null,
            null);
    float[] scores = new float[4];
    OfflineMetrics.scoreHistory(m, new int[0], null, 0, scores, new float[4]);
    assertArrayEquals(new float[] {0, -1, -2, -3}, scores);
    assertEquals(0, recipe.seen.get(0).size());
    assertEquals(-1, recipe.seen.get(0).userIdx());
  }

  /** A recipe that does what another does. */
  static class ForwardingRecipe implements Recipe {
    private final Recipe r;

    ForwardingRecipe(Recipe r) {
      this.r = r;
    }

    @Override
    public String recipeArn() {
      return r.recipeArn();
    }

    @Override
    public String name() {
      return r.name();
    }

    @Override
    public RecipeType recipeType() {
      return r.recipeType();
    }

    @Override
    public String description() {
      return r.description();
    }

    @Override
    public Set<String> requiredDatasets() {
      return r.requiredDatasets();
    }

    @Override
    public Set<String> optionalDatasets() {
      return r.optionalDatasets();
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return r.hyperparameters();
    }

    @Override
    public Model train(TrainingData data, Hyperparameters hp, TrainingContext ctx) {
      return r.train(data, hp, ctx);
    }

    @Override
    public Model readModel(InputStream in) throws IOException {
      return r.readModel(in);
    }
  }

  /** A model that scores as another does. */
  static class ForwardingModel implements Model {
    private final Model m;

    ForwardingModel(Model m) {
      this.m = m;
    }

    @Override
    public int numUsers() {
      return m.numUsers();
    }

    @Override
    public int numItems() {
      return m.numItems();
    }

    @Override
    public Set<ModelCapability> capabilities() {
      return m.capabilities();
    }

    @Override
    public ScoreKind scoreKind() {
      return m.scoreKind();
    }

    @Override
    public void scoreItemsForHistory(int[] itemIdx, float[] weights, int n, float[] out) {
      m.scoreItemsForHistory(itemIdx, weights, n, out);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      m.writeTo(out);
    }
  }
}
