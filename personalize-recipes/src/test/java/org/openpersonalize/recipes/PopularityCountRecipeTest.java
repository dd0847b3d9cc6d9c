package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TopK;

class PopularityCountRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new PopularityCountRecipe();
  }

  @Test
  void isThePopularItemsRecipeWithoutHyperparametersOrScores() {
    assertEquals("arn:aws:personalize:::recipe/aws-popularity-count", recipe().recipeArn());
    assertEquals(RecipeType.POPULAR_ITEMS, recipe().recipeType());
    assertEquals(0, recipe().hyperparameters().size());
    assertEquals(
        ScoreKind.RANK_ONLY, train(TestData.pairs(1, 1, new int[][] {{0, 0}})).scoreKind());
  }

  @Test
  void countsDistinctUsersNotEvents() {
    // Item 0: one user, five events. Item 1: three users. Item 2: two users.
    Model m =
        train(
            TestData.pairs(
                3,
                4,
                new int[][] {
                  {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 1}, {1, 1}, {2, 1}, {1, 2}, {2, 2}
                }));
    float[] scores = new float[4];
    m.scoreItemsForUser(0, scores);
    assertArrayEquals(new float[] {1, 3, 2, 0}, scores);
  }

  @Test
  void everyoneGetsTheSameListWithTiesInIndexOrder() {
    Model m = train(TestData.zipf(50, 30, 10, 29));
    float[] first = new float[30];
    float[] other = new float[30];
    m.scoreItemsForUser(0, first);
    for (int u = 1; u < 50; u++) {
      m.scoreItemsForUser(u, other);
      assertArrayEquals(first, other);
    }
    m.scoreItemsForHistory(new int[] {3, 4}, null, 2, other);
    assertArrayEquals(first, other);
    TopK top = new TopK(30);
    top.offerAll(first, 0, 30);
    int[] idx = new int[30];
    float[] s = new float[30];
    top.drainTo(idx, s);
    for (int r = 1; r < 30; r++) {
      if (s[r] == s[r - 1]) {
        assertEquals(true, idx[r] > idx[r - 1]);
      }
    }
  }
}
