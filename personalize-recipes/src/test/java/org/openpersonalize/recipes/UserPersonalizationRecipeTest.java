package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.Scores;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

class UserPersonalizationRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new UserPersonalizationRecipe();
  }

  @Override
  protected Map<String, String> fastHyperparameters() {
    return Map.of("hidden_dimension", "32", "num_iterations", "6");
  }

  /** Hit rate at 10 of held-out favourite-genre items, seen items removed. */
  static double hitRate(Model m, TestData.GenreData g) {
    TrainingData d = g.data();
    boolean[][] seen = new boolean[d.numUsers()][d.numItems()];
    for (int k = 0; k < d.numInteractions(); k++) {
      seen[d.userIdx(k)][d.itemIdx(k)] = true;
    }
    float[] scores = new float[d.numItems()];
    TopK top = new TopK(10);
    int[] rec = new int[10];
    int hits = 0;
    int total = 0;
    for (int u = 0; u < d.numUsers(); u++) {
      m.scoreItemsForUser(u, scores);
      boolean[] s = seen[u];
      top.offerAll(scores, 0, d.numItems(), i -> s[i]);
      int n = top.drainTo(rec, null);
      for (int h : g.heldOut()[u]) {
        total++;
        for (int r = 0; r < n; r++) {
          if (rec[r] == h) {
            hits++;
          }
        }
      }
    }
    return (double) hits / total;
  }

  @Test
  void ranksHeldOutItemsOfTheUsersGenreFarAbovePopularity() {
    TestData.GenreData g = TestData.genres(800, 400, 8, 25, 3, 0.8, 0, 101);
    Model up = train(g.data());
    Model pop =
        new PopularityCountRecipe()
            .train(
                g.data(), Hyperparameters.defaults(List.of()), TrainingContext.builder().build());
    double upHits = hitRate(up, g);
    double popHits = hitRate(pop, g);
    System.out.printf(
        Locale.ROOT,
        "genre data hit rate@10: user-personalization %.3f, popularity %.3f%n",
        upHits,
        popHits);
    assertTrue(
        upHits >= 2 * popHits && upHits >= popHits + 0.1,
        "user-personalization " + upHits + " vs popularity " + popHits);
  }

  @Test
  void coldItemsTakeTheVectorsOfTheirGenre() {
    // Five cold items per genre: no events, only the GENRES column.
    TestData.GenreData g = TestData.genres(400, 200, 4, 20, 0, 0.9, 5, 103);
    Model m = train(g.data());
    float[] scores = new float[g.data().numItems()];
    int ordered = 0;
    int pairs = 0;
    for (int u = 0; u < 400; u += 5) {
      m.scoreItemsForUser(u, scores);
      for (int a = g.warmItems(); a < scores.length; a++) {
        for (int b = g.warmItems(); b < scores.length; b++) {
          if (g.itemGenre()[a] == g.userGenre()[u] && g.itemGenre()[b] != g.userGenre()[u]) {
            pairs++;
            if (scores[a] > scores[b]) {
              ordered++;
            }
          }
        }
      }
    }
    assertTrue(ordered > 0.95 * pairs, ordered + " of " + pairs + " cold pairs in genre order");
  }

  @Test
  void foldInFollowsTheHistorysGenre() {
    TestData.GenreData g = TestData.genres(600, 300, 6, 25, 0, 0.85, 0, 107);
    Model m = train(g.data());
    assertTrue(m.supports(ModelCapability.ITEMS_FOR_HISTORY));
    int genre = 4;
    int[] history = new int[8];
    for (int e = 0; e < history.length; e++) {
      history[e] = genre + 6 * e;
    }
    float[] scores = new float[m.numItems()];
    m.scoreItemsForHistory(history, null, history.length, scores);
    TopK top = new TopK(10);
    top.offerAll(scores, 0, scores.length, i -> contains(history, i));
    int[] rec = new int[10];
    top.drainTo(rec, null);
    int inGenre = 0;
    for (int i : rec) {
      inGenre += g.itemGenre()[i] == genre ? 1 : 0;
    }
    assertTrue(inGenre >= 8, inGenre + " of 10 in the history's genre");
  }

  @Test
  void foldInOfATrainingHistoryAgreesWithTheTrainedUser() {
    TestData.GenreData g = TestData.genres(300, 150, 5, 20, 0, 0.8, 0, 109);
    Map<String, String> converged = Map.of("hidden_dimension", "32", "num_iterations", "15");
    Model m =
        recipe()
            .train(
                g.data(),
                recipe().resolveHyperparameters(converged),
                TrainingContext.builder().build());
    TrainingData d = g.data();
    int user = 17;
    int n = 0;
    int[] history = new int[d.numInteractions()];
    for (int k = 0; k < d.numInteractions(); k++) {
      if (d.userIdx(k) == user) {
        history[n++] = d.itemIdx(k);
      }
    }
    float[] trained = new float[m.numItems()];
    float[] folded = new float[m.numItems()];
    m.scoreItemsForUser(user, trained);
    m.scoreItemsForHistory(history, null, n, folded);
    assertTrue(correlation(trained, folded) > 0.98, "correlation " + correlation(trained, folded));
  }

  @Test
  void historyEventsOfWeightZeroAreIgnoredEvenWithoutConfidenceBoost() {
    TrainingData d = TestData.zipf(80, 40, 10, 137);
    for (String alpha : new String[] {"0", "5"}) {
      Map<String, String> hp =
          Map.of("hidden_dimension", "32", "num_iterations", "4", "confidence_alpha", alpha);
      Model m =
          recipe().train(d, recipe().resolveHyperparameters(hp), TrainingContext.builder().build());
      float[] withZero = new float[40];
      float[] without = new float[40];
      float[] cold = new float[40];
      m.scoreItemsForHistory(new int[] {5, 9, 9}, new float[] {0, 1, 0}, 3, withZero);
      m.scoreItemsForHistory(new int[] {9}, new float[] {1}, 1, without);
      m.scoreItemsForHistory(new int[0], null, 0, cold);
      assertArrayEquals(without, withZero, "confidence_alpha " + alpha);
      // Before confidence, an observed item still has preference 1: the history is used.
      assertFalse(Arrays.equals(without, cold), "the history must matter at alpha " + alpha);
    }
  }

  @Test
  void anInvertedPercentileBandIsRejected() {
    Map<String, String> hp =
        Map.of(
            "min_user_history_length_percentile", "0.9",
            "max_user_history_length_percentile", "0.5");
    assertEquals(
        "min_user_history_length_percentile must be <= max_user_history_length_percentile = 0.5;"
            + " got: 0.9",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    recipe()
                        .train(
                            TestData.zipf(10, 10, 3, 1),
                            recipe().resolveHyperparameters(hp),
                            TrainingContext.builder().build()))
            .getMessage());
  }

  @Test
  void scoresAreSoftmaxLogitsThatNormaliseToOne() {
    Model m = train(TestData.zipf(100, 60, 12, 113));
    assertEquals(ScoreKind.SOFTMAX_LOGITS, m.scoreKind());
    assertEquals(RecipeType.USER_PERSONALIZATION, recipe().recipeType());
    float[] s = new float[m.numItems()];
    m.scoreItemsForUser(3, s);
    Scores.softmaxInPlace(s, s.length);
    double sum = 0;
    for (float p : s) {
      assertTrue(p >= 0 && p <= 1);
      sum += p;
    }
    assertEquals(1.0, sum, 1e-5);
  }

  @Test
  void usersOutsideTheHistoryPercentilesAreFoldedInAfterTraining() {
    TestData.GenreData g = TestData.genres(200, 120, 4, 20, 0, 0.9, 0, 127);
    Map<String, String> hp =
        Map.of(
            "hidden_dimension",
            "32",
            "num_iterations",
            "8",
            "min_user_history_length_percentile",
            "0.5");
    Model m =
        recipe()
            .train(
                g.data(), recipe().resolveHyperparameters(hp), TrainingContext.builder().build());
    // Every user still scores their own genre's items highest on average.
    float[] s = new float[m.numItems()];
    for (int u = 0; u < 200; u++) {
      m.scoreItemsForUser(u, s);
      double in = 0;
      double out = 0;
      for (int i = 0; i < s.length; i++) {
        if (g.itemGenre()[i] == g.userGenre()[u]) {
          in += s[i];
        } else {
          out += s[i];
        }
      }
      assertTrue(in / (s.length / 4.0) > out / (s.length * 3 / 4.0), "user " + u);
    }
  }

  @Test
  void recencyMaskLetsARecentChangeOfTasteShowInRecommendations() {
    // Two genres: even items are genre 0, odd items genre 1. The history: 16 items of genre 0,
    // then the 8 most recent of genre 1.
    TestData.GenreData g = TestData.genres(300, 160, 2, 20, 0, 0.95, 0, 131);
    int[] history = new int[24];
    for (int e = 0; e < 16; e++) {
      history[e] = 2 * e;
    }
    for (int e = 0; e < 8; e++) {
      history[16 + e] = 2 * e + 1;
    }
    double with = recentGenreShare(g.data(), history, "true");
    double without = recentGenreShare(g.data(), history, "false");
    System.out.printf(
        Locale.ROOT,
        "recent genre in top 20: %.2f with recency_mask, %.2f without%n",
        with,
        without);
    assertTrue(with >= without + 0.15, "with recency_mask " + with + ", without " + without);
  }

  private double recentGenreShare(TrainingData d, int[] history, String mask) {
    Map<String, String> hp =
        Map.of("hidden_dimension", "32", "num_iterations", "8", "recency_mask", mask, "bptt", "8");
    Model m =
        recipe().train(d, recipe().resolveHyperparameters(hp), TrainingContext.builder().build());
    float[] s = new float[m.numItems()];
    m.scoreItemsForHistory(history, null, history.length, s);
    TopK top = new TopK(20);
    top.offerAll(s, 0, s.length, i -> contains(history, i));
    int[] rec = new int[20];
    int got = top.drainTo(rec, null);
    int odd = 0;
    for (int r = 0; r < got; r++) {
      odd += rec[r] % 2;
    }
    return (double) odd / got;
  }

  static boolean contains(int[] a, int v) {
    for (int x : a) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  static double correlation(float[] a, float[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
