package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

class CoPurchaseRecipeTest extends RecipeConformanceTest {
  private static final long DAY = 86_400;

  @Override
  protected Recipe recipe() {
    return new CoPurchaseRecipe();
  }

  @Test
  void isOurRelatedItemsRecipeWithoutTheAmazonPrefix() {
    Recipe r = recipe();
    assertEquals("openpersonalize-co-purchase", r.name());
    assertFalse(r.name().startsWith("aws-"));
    assertEquals(RecipeType.RELATED_ITEMS, r.recipeType());
    assertEquals(
        "1800", r.resolveHyperparameters(Map.of()).stringValue("co_purchase_window_seconds"));
  }

  /**
   * A shop: item 0 (a phone) is bought with item 1 (its case) in one basket; item 2 (milk) is
   * bought by everybody every week, phone buyers included, but never in the phone's basket. SIMS,
   * counting whole histories, ranks the milk first for the phone; co-purchase ranks the case first
   * and does not list the milk as a neighbour at all.
   */
  @Test
  void itemsBoughtTogetherBeatItemsMerelyBoughtByTheSameUsers() {
    TrainingData shop = shop(40, 5);
    Model m = train(shop);
    assertEquals(ScoreKind.RANK_ONLY, m.scoreKind());
    int[] top = SimilarItemsRecipeTest.top(m, 0, 3);
    assertEquals(1, top[0], Arrays.toString(top));
    assertEquals(1, ((SimsModel) m).neighborCount(0), "only the case was bought with the phone");
    Model sims =
        new SimsRecipe()
            .train(
                shop,
                new SimsRecipe()
                    .resolveHyperparameters(Map.of("max_item_interaction_count_percentile", "1.0")),
                TrainingContext.builder().build());
    float[] s = new float[8];
    sims.scoreItemsForItem(0, s);
    assertTrue(s[2] >= s[1], "for SIMS the milk is as related to the phone as its case");
  }

  @Test
  void theWindowDecidesWhatCountsAsTogether() {
    // Each user buys item 3 and, two hours later, item 4.
    int users = 10;
    int[] u = new int[2 * users];
    int[] i = new int[2 * users];
    long[] t = new long[2 * users];
    float[] w = new float[2 * users];
    for (int k = 0; k < users; k++) {
      u[2 * k] = k;
      i[2 * k] = 3;
      t[2 * k] = TestData.T0 + k * DAY;
      u[2 * k + 1] = k;
      i[2 * k + 1] = 4;
      t[2 * k + 1] = TestData.T0 + k * DAY + 7200;
      w[2 * k] = 1;
      w[2 * k + 1] = 1;
    }
    TrainingData data = TrainingData.builder(users, 5).interactions(u, i, t, w).build();
    assertEquals(0, ((SimsModel) train(data)).neighborCount(3), "30 minutes: not together");
    Model threeHours =
        recipe()
            .train(
                data,
                recipe().resolveHyperparameters(Map.of("co_purchase_window_seconds", "10800")),
                TrainingContext.builder().build());
    assertEquals(1, ((SimsModel) threeHours).neighborCount(3));
    assertEquals(4, SimilarItemsRecipeTest.top(threeHours, 3, 1)[0]);
    assertEquals(3, SimilarItemsRecipeTest.top(threeHours, 4, 1)[0]);
  }

  @Test
  void aUserCountsOncePerPairAndRareCoincidencesAreNotNeighbours() {
    // One user buys items 0 and 1 together ten times: one user, below min_co_purchase_count 2.
    int[][] pairs = new int[20][];
    for (int k = 0; k < 10; k++) {
      pairs[2 * k] = new int[] {0, 0};
      pairs[2 * k + 1] = new int[] {0, 1};
    }
    Model m = train(TestData.pairs(1, 2, pairs));
    assertEquals(0, ((SimsModel) m).neighborCount(0));
    Model lenient =
        recipe()
            .train(
                TestData.pairs(1, 2, pairs),
                recipe().resolveHyperparameters(Map.of("min_co_purchase_count", "1")),
                TrainingContext.builder().build());
    assertEquals(1, ((SimsModel) lenient).neighborCount(0));
    float[] s = new float[2];
    lenient.scoreItemsForItem(0, s);
    assertTrue(s[1] > 0);
  }

  /** Phone buyers (every other user) buy phone + case together; everyone buys milk weekly. */
  private static TrainingData shop(int users, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int cap = users * 20;
    int[] u = new int[cap];
    int[] i = new int[cap];
    long[] t = new long[cap];
    int n = 0;
    for (int user = 0; user < users; user++) {
      long start = TestData.T0 + rng.nextInt(1000);
      for (int week = 0; week < 8; week++) {
        u[n] = user;
        i[n] = 2;
        t[n++] = start + week * 7 * DAY;
      }
      if (user % 2 == 0) {
        long basket = start + 3 * DAY + rng.nextInt(3600);
        u[n] = user;
        i[n] = 0;
        t[n++] = basket;
        u[n] = user;
        i[n] = 1;
        t[n++] = basket + rng.nextInt(600);
      }
      // One other item, alone, on another day.
      u[n] = user;
      i[n] = 3 + rng.nextInt(5);
      t[n++] = start + 5 * DAY;
    }
    float[] w = new float[n];
    Arrays.fill(w, 1f);
    return TrainingData.builder(users, 8)
        .interactions(Arrays.copyOf(u, n), Arrays.copyOf(i, n), Arrays.copyOf(t, n), w)
        .build();
  }
}
