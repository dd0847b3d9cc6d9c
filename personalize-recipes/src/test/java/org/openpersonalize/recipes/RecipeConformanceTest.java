package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

/**
 * The contract every {@link Recipe} must meet, run once per recipe by a subclass (as Lucene's
 * {@code Base*FormatTestCase}): a clean catalogue entry, clear failures on data with nothing to
 * learn, no failure on small or lopsided data (a single user, items nobody touched, heavy-tailed
 * popularity), finite scores for every query the model claims to answer, reproducible training (the
 * same seed gives the same bytes, on one thread or two) and a faithful persisted form.
 */
abstract class RecipeConformanceTest {

  /** The recipe under test. */
  protected abstract Recipe recipe();

  /** Hyperparameters that keep the suite fast (small models, few iterations). */
  protected Map<String, String> fastHyperparameters() {
    return Map.of();
  }

  /**
   * The suite's data as this recipe needs it: a recipe that requires more than interactions (an
   * Items dataset with metadata) adds it here. By default the data as generated.
   */
  protected TrainingData withRecipeData(TrainingData data) {
    return data;
  }

  protected final Hyperparameters hyperparameters() {
    return recipe().resolveHyperparameters(fastHyperparameters());
  }

  protected final Model train(TrainingData data) {
    return train(data, 42, 1);
  }

  protected final Model train(TrainingData data, long seed, int parallelism) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism - 1));
    try {
      return recipe()
          .train(
              withRecipeData(data),
              hyperparameters(),
              TrainingContext.builder().seed(seed).parallelism(parallelism).executor(pool).build());
    } finally {
      pool.shutdownNow();
    }
  }

  protected static byte[] bytes(Model model) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      model.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void serviceLoaderFindsTheRecipe() {
    List<String> arns = new ArrayList<>();
    for (Recipe r : ServiceLoader.load(Recipe.class)) {
      arns.add(r.recipeArn());
    }
    assertTrue(arns.contains(recipe().recipeArn()), arns.toString());
  }

  @Test
  void catalogueEntryIsWellFormed() {
    Recipe r = recipe();
    assertTrue(r.name().matches("[a-z0-9-]+"), r.name());
    assertEquals(Recipe.ARN_PREFIX + r.name(), r.recipeArn());
    assertEquals("arn:aws:personalize:::algorithm/" + r.name(), r.algorithmArn());
    assertNotNull(r.recipeType());
    assertFalse(r.description().isBlank());
    assertTrue(r.requiredDatasets().contains(Recipe.INTERACTIONS));
    Set<String> both = new HashSet<>(r.requiredDatasets());
    both.retainAll(r.optionalDatasets());
    assertTrue(both.isEmpty(), "required and optional overlap: " + both);
    Set<String> names = new HashSet<>();
    for (HyperparameterSpec s : r.hyperparameters()) {
      assertTrue(names.add(s.name()), "duplicate " + s.name());
      assertTrue(s.name().matches("[a-z_]+"), s.name());
      assertFalse(s.description().isBlank(), s.name() + " needs a description");
      assertEquals(s.defaultValue(), s.validate(s.defaultValue()));
    }
    assertEquals(Hyperparameters.defaults(r.hyperparameters()), r.resolveHyperparameters(Map.of()));
  }

  @Test
  void rejectsHyperparametersResolvedForAnotherRecipe() {
    Hyperparameters foreign =
        Hyperparameters.defaults(
            List.of(HyperparameterSpec.integer("unrelated").defaultValue(1).build()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                recipe()
                    .train(TestData.zipf(5, 5, 3, 1), foreign, TrainingContext.builder().build()));
    assertTrue(
        e.getMessage().startsWith("hyperparameters must be resolved against"), e.getMessage());
  }

  @Test
  void emptyDataFailsWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> train(TestData.empty(3, 4)));
    assertEquals(
        "interactions with positive weight must be >= 1; got: 0 of 0 interactions", e.getMessage());
    assertEquals(
        "numUsers must be >= 1; got: 0",
        assertThrows(IllegalArgumentException.class, () -> train(TestData.empty(0, 4)))
            .getMessage());
    assertEquals(
        "numItems must be >= 1; got: 0",
        assertThrows(IllegalArgumentException.class, () -> train(TestData.empty(2, 0)))
            .getMessage());
  }

  @Test
  void eventsOfWeightZeroCarryNoSignal() {
    TrainingData zero =
        TrainingData.builder(2, 2)
            .interactions(new int[] {0, 1}, new int[] {1, 0}, new long[] {1, 2}, new float[2])
            .build();
    assertEquals(
        "interactions with positive weight must be >= 1; got: 0 of 2 interactions",
        assertThrows(IllegalArgumentException.class, () -> train(zero)).getMessage());
  }

  @Test
  void trainsOnASingleInteraction() {
    Model m = train(TestData.pairs(1, 1, new int[][] {{0, 0}}));
    assertEquals(1, m.numUsers());
    assertEquals(1, m.numItems());
    assertScoresFinite(m);
  }

  @Test
  void trainsOnASingleUser() {
    Model m = train(TestData.pairs(1, 6, new int[][] {{0, 0}, {0, 2}, {0, 3}, {0, 2}}));
    assertEquals(6, m.numItems());
    assertScoresFinite(m);
  }

  @Test
  void itemsAndUsersWithoutInteractionsGetFiniteScores() {
    // Items 10..39 and users 20..29 have no events at all.
    TrainingData data = TestData.zipf(20, 10, 5, 3);
    TrainingData wider =
        TrainingData.builder(30, 40)
            .interactions(column(data, 0), column(data, 1), times(data), weights(data))
            .build();
    Model m = train(wider);
    assertEquals(30, m.numUsers());
    assertEquals(40, m.numItems());
    assertScoresFinite(m);
  }

  @Test
  void heavyTailedPopularityGivesFiniteScores() {
    Model m = train(TestData.zipf(300, 200, 40, 5));
    assertScoresFinite(m);
  }

  @Test
  void sameSeedGivesTheSameBytesOnOneThreadOrTwo() {
    TrainingData data = TestData.zipf(400, 150, 30, 11);
    byte[] once = bytes(train(data, 7, 1));
    assertArrayEquals(once, bytes(train(data, 7, 1)));
    assertArrayEquals(once, bytes(train(data, 7, 2)));
  }

  @Test
  void persistedModelReadsBackEqual() throws IOException {
    Model m = train(TestData.zipf(60, 40, 10, 13));
    byte[] written = bytes(m);
    Model read = recipe().readModel(new ByteArrayInputStream(written));
    assertArrayEquals(written, bytes(read));
    assertEquals(m.capabilities(), read.capabilities());
    assertEquals(m.scoreKind(), read.scoreKind());
    for (int user = 0; user < m.numUsers(); user += 7) {
      if (m.supports(ModelCapability.ITEMS_FOR_USER)) {
        float[] a = new float[m.numItems()];
        float[] b = new float[m.numItems()];
        m.scoreItemsForUser(user, a);
        read.scoreItemsForUser(user, b);
        assertArrayEquals(a, b);
      }
    }
    for (int item = 0; item < m.numItems(); item += 7) {
      if (m.supports(ModelCapability.USERS_FOR_ITEM)) {
        float[] a = new float[m.numUsers()];
        float[] b = new float[m.numUsers()];
        m.scoreUsersForItem(item, a);
        read.scoreUsersForItem(item, b);
        assertArrayEquals(a, b);
      }
    }
  }

  @Test
  void readingRejectsForeignAndDamagedPayloads() {
    IOException garbage =
        assertThrows(
            IOException.class,
            () -> recipe().readModel(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6})));
    assertTrue(garbage.getMessage().contains("magic"), garbage.getMessage());
    byte[] other = bytes(new PopularityModel("someone-elses-recipe", 1, new int[] {1}));
    IOException foreign =
        assertThrows(IOException.class, () -> recipe().readModel(new ByteArrayInputStream(other)));
    assertTrue(
        foreign.getMessage().contains("got: a model of recipe someone-elses-recipe"),
        foreign.getMessage());
    byte[] good = bytes(train(TestData.zipf(10, 8, 4, 2)));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
    assertThrows(IOException.class, () -> recipe().readModel(new ByteArrayInputStream(truncated)));
  }

  @Test
  void unsupportedQueriesThrowAndArgumentsAreChecked() {
    Model m = train(TestData.zipf(12, 9, 4, 17));
    float[] items = new float[m.numItems()];
    float[] users = new float[m.numUsers()];
    for (ModelCapability c : ModelCapability.values()) {
      if (!m.supports(c)) {
        if (c == ModelCapability.BLOCK_SCORING) {
          continue; // its default scores one history at a time, for every model
        }
        assertThrows(UnsupportedOperationException.class, () -> query(m, c, 0, items, users));
        continue;
      }
      assertEquals(
          c == ModelCapability.ITEMS_FOR_USER
              ? "userIdx must be in [0, 12); got: 12"
              : c == ModelCapability.ITEMS_FOR_HISTORY
                      || c == ModelCapability.BLOCK_SCORING
                      || c == ModelCapability.USERS_FOR_ITEM_SET
                  ? "itemIdx[0] must be in [0, 9); got: 9"
                  : "itemIdx must be in [0, 9); got: 9",
          assertThrows(
                  IllegalArgumentException.class,
                  () ->
                      query(
                          m,
                          c,
                          c == ModelCapability.ITEMS_FOR_USER ? m.numUsers() : m.numItems(),
                          items,
                          users))
              .getMessage());
      float[] shortBuffer = new float[1];
      assertThrows(IllegalArgumentException.class, () -> query(m, c, 0, shortBuffer, shortBuffer));
    }
  }

  @Test
  void progressRisesToOne() {
    List<Double> seen = new ArrayList<>();
    recipe()
        .train(
            withRecipeData(TestData.zipf(50, 30, 8, 19)),
            hyperparameters(),
            TrainingContext.builder()
                .parallelism(1)
                .progressListener((f, msg) -> seen.add(f))
                .build());
    assertFalse(seen.isEmpty());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), seen.toString());
    }
    assertEquals(1.0, seen.get(seen.size() - 1));
  }

  @Test
  void cancellationStopsTraining() {
    AtomicInteger polls = new AtomicInteger();
    TrainingContext cancelled =
        TrainingContext.builder()
            .parallelism(1)
            .cancellation(() -> polls.incrementAndGet() > 0)
            .build();
    assertThrows(
        CancellationException.class,
        () ->
            recipe()
                .train(withRecipeData(TestData.zipf(50, 30, 8, 23)), hyperparameters(), cancelled));
  }

  /** Calls the scoring method of a capability with one index. */
  static void query(Model m, ModelCapability c, int index, float[] items, float[] users) {
    switch (c) {
      case ITEMS_FOR_USER:
        m.scoreItemsForUser(index, items);
        break;
      case ITEMS_FOR_HISTORY:
        m.scoreItemsForHistory(new int[] {index}, null, 1, items);
        break;
      case ITEMS_FOR_ITEM:
        m.scoreItemsForItem(index, items);
        break;
      case BLOCK_SCORING:
        m.scoreItemsForHistories(
            new UserHistory[] {UserHistory.of(new int[] {index}, null, null, null, 1)},
            1,
            new float[][] {items});
        break;
      case USERS_FOR_ITEM_SET:
        m.scoreUsersForItemSet(new int[] {index}, 1, users);
        break;
      default:
        m.scoreUsersForItem(index, users);
    }
  }

  /** Every supported query, for every user and item, gives finite scores. */
  static void assertScoresFinite(Model m) {
    float[] items = new float[m.numItems()];
    float[] users = new float[m.numUsers()];
    if (m.supports(ModelCapability.ITEMS_FOR_USER)) {
      for (int u = 0; u < m.numUsers(); u++) {
        m.scoreItemsForUser(u, items);
        assertAllFinite(items, -1, "user " + u);
      }
    }
    if (m.supports(ModelCapability.ITEMS_FOR_HISTORY)) {
      m.scoreItemsForHistory(new int[0], null, 0, items);
      assertAllFinite(items, -1, "empty history");
      int[] history = new int[Math.min(5, m.numItems())];
      float[] weights = new float[history.length];
      for (int e = 0; e < history.length; e++) {
        history[e] = (e * 7) % m.numItems();
        weights[e] = e;
      }
      m.scoreItemsForHistory(history, weights, history.length, items);
      assertAllFinite(items, -1, "history");
    }
    for (int i = 0; i < m.numItems(); i++) {
      if (m.supports(ModelCapability.ITEMS_FOR_ITEM)) {
        m.scoreItemsForItem(i, items);
        assertEquals(Float.NEGATIVE_INFINITY, items[i], "the query item itself");
        assertAllFinite(items, i, "item " + i);
      }
      if (m.supports(ModelCapability.USERS_FOR_ITEM)) {
        m.scoreUsersForItem(i, users);
        assertAllFinite(users, -1, "users for item " + i);
      }
    }
    if (m.supports(ModelCapability.USERS_FOR_ITEM) && m.numItems() > 0) {
      // The block form scores as the single-item form does, item by item.
      int n = Math.min(m.numItems(), 70);
      int[] block = new int[n];
      float[][] out = new float[n][m.numUsers()];
      for (int r = 0; r < n; r++) {
        block[r] = (r * 5) % m.numItems();
      }
      m.scoreUsersForItems(block, n, out);
      for (int r = 0; r < n; r++) {
        m.scoreUsersForItem(block[r], users);
        assertArrayEquals(users, out[r], "block row " + r);
      }
    }
    if (m.supports(ModelCapability.USERS_FOR_ITEM_SET) && m.numItems() > 0) {
      int[] set = new int[m.numItems()];
      for (int i = 0; i < set.length; i++) {
        set[i] = i;
      }
      m.scoreUsersForItemSet(set, set.length, users);
      assertAllFinite(users, -1, "users for the set of every item");
    }
  }

  private static void assertAllFinite(float[] scores, int except, String what) {
    for (int i = 0; i < scores.length; i++) {
      if (i != except) {
        assertTrue(Float.isFinite(scores[i]), what + ": score " + i + " is " + scores[i]);
      }
    }
  }

  private static int[] column(TrainingData d, int which) {
    int[] out = new int[d.numInteractions()];
    for (int k = 0; k < out.length; k++) {
      out[k] = which == 0 ? d.userIdx(k) : d.itemIdx(k);
    }
    return out;
  }

  private static long[] times(TrainingData d) {
    long[] out = new long[d.numInteractions()];
    for (int k = 0; k < out.length; k++) {
      out[k] = d.timestamp(k);
    }
    return out;
  }

  private static float[] weights(TrainingData d) {
    float[] out = new float[d.numInteractions()];
    for (int k = 0; k < out.length; k++) {
      out[k] = d.weight(k);
    }
    return out;
  }
}
