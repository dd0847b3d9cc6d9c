package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

class SimsRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new SimsRecipe();
  }

  private Model train(TrainingData d, Map<String, String> hp) {
    return recipe()
        .train(d, recipe().resolveHyperparameters(hp), TrainingContext.builder().build());
  }

  private static int[] top(Model m, int item, int k) {
    float[] s = new float[m.numItems()];
    m.scoreItemsForItem(item, s);
    TopK top = new TopK(k);
    top.offerAll(s, 0, s.length);
    int[] out = new int[k];
    return java.util.Arrays.copyOf(out, top.drainTo(out, null));
  }

  @Test
  void relatedItemsShareTheGenre() {
    assertEquals(RecipeType.RELATED_ITEMS, recipe().recipeType());
    TestData.GenreData g = TestData.genres(600, 240, 6, 20, 0, 0.9, 0, 307);
    Model m = train(g.data(), Map.of("max_item_interaction_count_percentile", "1.0"));
    assertEquals(ScoreKind.RANK_ONLY, m.scoreKind());
    int same = 0;
    int total = 0;
    for (int item = 0; item < 240; item += 3) {
      for (int j : top(m, item, 10)) {
        total++;
        same += g.itemGenre()[j] == g.itemGenre()[item] ? 1 : 0;
      }
    }
    assertTrue(same > 0.85 * total, same + " of " + total + " related items share the genre");
  }

  @Test
  void pairsBelowTheMinimumCoInteractionCountFallBackToPopularity() {
    // Items 0 and 1 share three users, 0 and 2 share two; item 3 is the most popular.
    TrainingData d =
        TestData.pairs(
            8,
            4,
            new int[][] {
              {0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}, {3, 0}, {3, 2}, {4, 0}, {4, 2},
              {5, 3}, {6, 3}, {7, 3}, {4, 3}
            });
    Map<String, String> keepAll =
        Map.of(
            "min_user_history_length_percentile", "0",
            "max_user_history_length_percentile", "1",
            "min_item_interaction_count_percentile", "0",
            "max_item_interaction_count_percentile", "1");
    Map<String, String> three = new java.util.HashMap<>(keepAll);
    three.put("min_cointeraction_count", "3");
    // Item 1 is the only neighbour; then popularity: 3 (4 users), 2 (2 users).
    assertArrayEquals(new int[] {1, 3, 2}, top(train(d, three), 0, 3));
    Map<String, String> two = new java.util.HashMap<>(keepAll);
    two.put("min_cointeraction_count", "2");
    assertArrayEquals(new int[] {1, 2, 3}, top(train(d, two), 0, 3));
  }

  @Test
  void popularityDiscountMovesFromPopularToSpecificNeighbours() {
    // Both 1 and 2 co-occur with 0 in two histories; 1 has 10 users, 2 has just those 2.
    int[][] events = new int[16][];
    int e = 0;
    events[e++] = new int[] {0, 0};
    events[e++] = new int[] {0, 1};
    events[e++] = new int[] {1, 0};
    events[e++] = new int[] {1, 1};
    events[e++] = new int[] {2, 0};
    events[e++] = new int[] {2, 2};
    events[e++] = new int[] {3, 0};
    events[e++] = new int[] {3, 2};
    for (int u = 4; u < 12; u++) {
      events[e++] = new int[] {u, 1};
    }
    TrainingData d = TestData.pairs(12, 3, events);
    Map<String, String> base =
        Map.of(
            "min_cointeraction_count", "1",
            "min_user_history_length_percentile", "0",
            "max_user_history_length_percentile", "1",
            "min_item_interaction_count_percentile", "0",
            "max_item_interaction_count_percentile", "1");
    Map<String, String> popular = new java.util.HashMap<>(base);
    popular.put("popularity_discount_factor", "0");
    Map<String, String> specific = new java.util.HashMap<>(base);
    specific.put("popularity_discount_factor", "1");
    assertArrayEquals(new int[] {1, 2}, top(train(d, popular), 0, 2));
    assertArrayEquals(new int[] {2, 1}, top(train(d, specific), 0, 2));
  }
}
