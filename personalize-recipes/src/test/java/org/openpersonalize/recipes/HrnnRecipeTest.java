package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openpersonalize.recipes.sequence.HrnnRecipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

class HrnnRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new HrnnRecipe();
  }

  @Override
  protected Map<String, String> fastHyperparameters() {
    return Map.of(
        "hidden_dimension", "32",
        "num_epochs", "2",
        "max_history_length", "10",
        "bptt", "4",
        "num_negatives", "16");
  }

  static Map<String, String> ringSettings() {
    return Map.of(
        "hidden_dimension",
        "32",
        "num_epochs",
        "30",
        "max_history_length",
        "8",
        "learning_rate",
        "0.01",
        "dropout_rate",
        "0.0");
  }

  private Model trainRing() {
    Recipe r = recipe();
    return r.train(
        UserPersonalizationV2RecipeTest.ring(200, 30, 12, 5),
        r.resolveHyperparameters(ringSettings()),
        TrainingContext.builder().seed(3).parallelism(1).build());
  }

  static int top1(Model m, UserHistory history) {
    float[] s = new float[m.numItems()];
    m.scoreItemsForHistory(history, s);
    TopK top = new TopK(1);
    top.offerAll(s, 0, s.length);
    int[] best = new int[1];
    top.drainTo(best, new float[1]);
    return best[0];
  }

  static int top1(Model m, int... history) {
    return top1(m, UserHistory.of(history, null, null, null, history.length));
  }

  /**
   * Users walk a ring of 30 items one step at a time. The recipe must rank the next ring item first
   * after three steps of any starting point; popularity-count, which ignores order, cannot.
   */
  @Test
  void learnsWhatComesNextWherePopularityCannot() {
    Model m = trainRing();
    assertEquals(ScoreKind.SOFTMAX_LOGITS, m.scoreKind());
    Recipe pop = new PopularityCountRecipe();
    Model popularity =
        pop.train(
            UserPersonalizationV2RecipeTest.ring(200, 30, 12, 5),
            pop.resolveHyperparameters(Map.of()),
            TrainingContext.builder().seed(3).build());
    int right = 0;
    int popularRight = 0;
    for (int start = 0; start < 30; start++) {
      int[] history = {start, (start + 1) % 30, (start + 2) % 30};
      int next = (start + 3) % 30;
      if (top1(m, history) == next) {
        right++;
      }
      float[] s = new float[popularity.numItems()];
      popularity.scoreItemsForUser(0, s);
      TopK top = new TopK(1);
      top.offerAll(s, 0, s.length);
      int[] best = new int[1];
      top.drainTo(best, new float[1]);
      if (best[0] == next) {
        popularRight++;
      }
    }
    assertTrue(right >= 29, "next ring item ranked first for " + right + " of 30 histories");
    assertTrue(popularRight <= 1, "popularity ranked it first for " + popularRight);
  }

  @Test
  void aNewEventChangesTheNextResponseAtOnce() {
    Model m = trainRing();
    assertEquals(7, top1(m, 4, 5, 6));
    assertEquals(8, top1(m, 4, 5, 6, 7));
    // a brand-new user: one event is enough to leave the popularity fallback
    assertEquals(11, top1(m, 9, 10));
  }

  /**
   * Serving mixes the next-item softmax with the repeat propensity learned from the data. On the
   * ring nobody returns to an item, so the history's items rank below every other item however
   * similar they are to what comes next; where users cycle through three staples, the staples rank
   * first.
   */
  @Test
  void historyItemsRankByTheLearnedRepeatRate() {
    Model ring = trainRing();
    assertTrue(ring.learnedParameters().get("learned.repeat_share").startsWith("0"));
    long t0 = TestData.T0;
    UserHistory h =
        UserHistory.of(new int[] {4, 5, 6}, null, new long[] {t0, t0 + 60, t0 + 120}, null, 3);
    float[] s = new float[ring.numItems()];
    ring.scoreItemsForHistory(h, s);
    // The encoder alone ranks the items just walked past second and third (they resemble what
    // comes next); mixed with the learned return rate (5.7e-8 within the hour here) they fall
    // below every item the encoder gives a real chance. They still beat items it all but rules
    // out (below 1e-7 on this tiny, very predictable ring), as the mixture says they should.
    TopK ten = new TopK(10);
    ten.offerAll(s, 0, s.length);
    int[] served = new int[10];
    ten.drainTo(served, new float[10]);
    float[] raw = new float[ring.numItems()];
    ring.scoreItemsForHistory(new int[] {4, 5, 6}, null, 3, raw);
    TopK rawTen = new TopK(10);
    rawTen.offerAll(raw, 0, raw.length);
    int[] rawServed = new int[10];
    rawTen.drainTo(rawServed, new float[10]);
    assertEquals(7, served[0]);
    assertEquals(7, rawServed[0]);
    assertTrue(rawServed[1] == 5 || rawServed[1] == 6, "raw " + Arrays.toString(rawServed));
    for (int r = 0; r < 5; r++) {
      int i = served[r];
      assertTrue(i < 4 || i > 6, "history item " + i + " served: " + Arrays.toString(served));
    }
    for (int seen = 4; seen <= 6; seen++) {
      assertTrue(Math.exp(s[seen]) < 1e-6, "history item " + seen + " probability " + s[seen]);
    }

    // each user cycles through three staples of their own, with a new item every fourth event
    int numUsers = 120;
    int numItems = 60;
    int length = 16;
    int n = numUsers * length;
    int[] u = new int[n];
    int[] items = new int[n];
    long[] t = new long[n];
    float[] w = new float[n];
    SplittableRandom rng = new SplittableRandom(8);
    for (int user = 0, k = 0; user < numUsers; user++) {
      int base = rng.nextInt(numItems);
      for (int e = 0; e < length; e++, k++) {
        u[k] = user;
        items[k] = e % 4 == 3 ? rng.nextInt(numItems) : (base + 7 * (e % 4)) % numItems;
        t[k] = t0 + 86_400L * e + user;
        w[k] = 1f;
      }
    }
    TrainingData staples =
        TrainingData.builder(numUsers, numItems).interactions(u, items, t, w).build();
    Recipe r = recipe();
    Model m =
        r.train(
            staples,
            r.resolveHyperparameters(Map.of("num_epochs", "3", "hidden_dimension", "32")),
            TrainingContext.builder().seed(3).parallelism(1).build());
    double share = Double.parseDouble(m.learnedParameters().get("learned.repeat_share"));
    assertTrue(share > 0.5, "learned repeat share " + share);
    int[] mine = {10, 17, 24, 41, 10, 17};
    long[] times = new long[mine.length];
    for (int e = 0; e < mine.length; e++) {
      times[e] = t0 + 86_400L * e;
    }
    float[] scores = new float[numItems];
    m.scoreItemsForHistory(UserHistory.of(mine, null, times, null, mine.length), scores);
    TopK top = new TopK(3);
    top.offerAll(scores, 0, scores.length);
    int[] best = new int[3];
    top.drainTo(best, new float[3]);
    // Three of every four events return to a staple, so the served top 3 are the user's own items
    // (the item just had, 17, a day ago, is not among them: a return that soon never happens).
    Arrays.sort(best);
    assertEquals("[10, 24, 41]", Arrays.toString(best));
  }

  /**
   * The time since the previous event is an input: after a short pause item 1 is followed by item
   * 2, after a long one by item 3, with everything else equal. Served with timestamps, as the
   * engine serves, the same items give different next items.
   */
  @Test
  void readsTheTimeSinceThePreviousEvent() {
    int numUsers = 400;
    int n = numUsers * 3;
    int[] u = new int[n];
    int[] i = new int[n];
    long[] t = new long[n];
    float[] w = new float[n];
    SplittableRandom rng = new SplittableRandom(8);
    for (int user = 0, k = 0; user < numUsers; user++) {
      boolean quick = user % 2 == 0;
      long t0 = TestData.T0 + 1000L * user;
      long gap = quick ? 30 : 10 * 86_400L;
      int[] items = {4 + rng.nextInt(10), 1, quick ? 2 : 3};
      long[] times = {t0, t0 + gap, t0 + gap + 60};
      for (int e = 0; e < 3; e++, k++) {
        u[k] = user;
        i[k] = items[e];
        t[k] = times[e];
        w[k] = 1f;
      }
    }
    TrainingData data = TrainingData.builder(numUsers, 14).interactions(u, i, t, w).build();
    Recipe r = recipe();
    Model m =
        r.train(
            data,
            r.resolveHyperparameters(
                Map.of(
                    "hidden_dimension", "32",
                    "num_epochs", "40",
                    "learning_rate", "0.01",
                    "dropout_rate", "0.0")),
            TrainingContext.builder().seed(4).parallelism(1).build());
    long t0 = TestData.T0 + 5_000_000L;
    UserHistory quick = UserHistory.of(new int[] {6, 1}, null, new long[] {t0, t0 + 20}, null, 2);
    UserHistory slow =
        UserHistory.of(new int[] {6, 1}, null, new long[] {t0, t0 + 12 * 86_400L}, null, 2);
    assertEquals(2, top1(m, quick));
    assertEquals(3, top1(m, slow));
  }

  @Test
  void differentSeedsGiveDifferentModels() {
    TrainingData data = TestData.zipf(80, 30, 10, 3);
    assertFalse(java.util.Arrays.equals(bytes(train(data, 1, 1)), bytes(train(data, 2, 1))));
  }

  @Test
  void isAUserPersonalizationRecipeWithAmazonsDocumentedHyperparameters() {
    assertEquals(RecipeType.USER_PERSONALIZATION, recipe().recipeType());
    var hp = recipe().resolveHyperparameters(Map.of());
    assertEquals(43, hp.intValue("hidden_dimension"));
    assertEquals(32, hp.intValue("bptt"));
    assertTrue(hp.booleanValue("recency_mask"));
    assertEquals(0.0, hp.doubleValue("min_user_history_length_percentile"));
    assertEquals(0.99, hp.doubleValue("max_user_history_length_percentile"));
  }

  @Test
  void usersAboveTheHistoryPercentileAreLeftOutOfTraining() {
    // the same data with and without the one very long history among short ones
    TrainingData data = TestData.zipf(60, 40, 6, 21);
    Recipe r = recipe();
    TrainingContext ctx = TrainingContext.builder().seed(1).parallelism(1).build();
    Map<String, String> keepAll = new java.util.HashMap<>(fastHyperparameters());
    keepAll.put("max_user_history_length_percentile", "1.0");
    Map<String, String> dropLongest = new java.util.HashMap<>(fastHyperparameters());
    dropLongest.put("max_user_history_length_percentile", "0.5");
    assertFalse(
        java.util.Arrays.equals(
            bytes(r.train(data, r.resolveHyperparameters(keepAll), ctx)),
            bytes(r.train(data, r.resolveHyperparameters(dropLongest), ctx))));
  }
}
