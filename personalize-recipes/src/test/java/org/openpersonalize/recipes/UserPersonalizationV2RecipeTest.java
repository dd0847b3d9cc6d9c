package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.recipes.sequence.UserPersonalizationV2Recipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

class UserPersonalizationV2RecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new UserPersonalizationV2Recipe();
  }

  @Override
  protected Map<String, String> fastHyperparameters() {
    return Map.of(
        "hidden_dimension", "8",
        "num_epochs", "2",
        "max_history_length", "10",
        "num_blocks", "1",
        "num_negatives", "16");
  }

  /**
   * Users walk a ring of items, each step one item forward; 30 items, so every ring position is a
   * context the model has to tell apart. An order-blind model cannot do this.
   */
  static TrainingData ring(int numUsers, int numItems, int length, long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    int n = numUsers * length;
    int[] u = new int[n];
    int[] i = new int[n];
    long[] t = new long[n];
    float[] w = new float[n];
    for (int user = 0, k = 0; user < numUsers; user++) {
      int start = rng.nextInt(numItems);
      for (int e = 0; e < length; e++, k++) {
        u[k] = user;
        i[k] = (start + e) % numItems;
        t[k] = TestData.T0 + 60L * e + user;
        w[k] = 1f;
      }
    }
    return TrainingData.builder(numUsers, numItems).interactions(u, i, t, w).build();
  }

  private Model trainRing() {
    Recipe r = recipe();
    return r.train(
        ring(200, 30, 12, 5),
        r.resolveHyperparameters(
            Map.of(
                "hidden_dimension", "16",
                "num_epochs", "30",
                "max_history_length", "8",
                "num_blocks", "1",
                "learning_rate", "0.01",
                "dropout_rate", "0.0")),
        TrainingContext.builder().seed(3).parallelism(1).build());
  }

  private static int top1(Model m, int[] history) {
    float[] s = new float[m.numItems()];
    m.scoreItemsForHistory(history, null, history.length, s);
    TopK top = new TopK(1);
    top.offerAll(s, 0, s.length);
    int[] best = new int[1];
    top.drainTo(best, new float[1]);
    return best[0];
  }

  @Test
  void learnsWhatComesNextFromTheOrderOfEvents() {
    Model m = trainRing();
    assertEquals(ScoreKind.SOFTMAX_LOGITS, m.scoreKind());
    int right = 0;
    for (int start = 0; start < 30; start++) {
      int[] history = {start, (start + 1) % 30, (start + 2) % 30};
      if (top1(m, history) == (start + 3) % 30) {
        right++;
      }
    }
    assertEquals(30, right, "next ring item ranked first for " + right + " of 30 histories");
  }

  @Test
  void aNewEventChangesTheNextResponseAtOnce() {
    Model m = trainRing();
    int[] before = {4, 5, 6};
    int[] after = {4, 5, 6, 7};
    assertEquals(7, top1(m, before));
    assertEquals(8, top1(m, after));
  }

  @Test
  void candidateScoresEqualTheFullScores() {
    Model m = train(TestData.zipf(60, 40, 10, 31));
    int[] history = {3, 9, 1, 0};
    float[] all = new float[m.numItems()];
    m.scoreItemsForHistory(history, null, history.length, all);
    int[] cand = {5, 0, 39, 17, 3};
    float[] some = new float[cand.length];
    m.scoreCandidatesForHistory(history, null, history.length, cand, cand.length, some);
    for (int c = 0; c < cand.length; c++) {
      assertEquals(all[cand[c]], some[c]);
    }
    float[] forUser = new float[m.numItems()];
    m.scoreItemsForUser(7, forUser);
    m.scoreCandidatesForUser(7, cand, cand.length, some);
    for (int c = 0; c < cand.length; c++) {
      assertEquals(forUser[cand[c]], some[c]);
    }
  }

  @Test
  void differentSeedsGiveDifferentModels() {
    TrainingData data = TestData.zipf(80, 30, 10, 3);
    assertFalse(java.util.Arrays.equals(bytes(train(data, 1, 1)), bytes(train(data, 2, 1))));
  }

  @Test
  void isAUserPersonalizationRecipeWithAmazonsDocumentedHyperparameter() {
    assertEquals(RecipeType.USER_PERSONALIZATION, recipe().recipeType());
    assertEquals(
        "true", recipe().resolveHyperparameters(Map.of()).stringValue("apply_recency_bias"));
  }
}
