package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

class ItemAttributeAffinityRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new ItemAttributeAffinityRecipe();
  }

  @Override
  protected Map<String, String> fastHyperparameters() {
    return Map.of("hidden_dimension", "32", "num_iterations", "4");
  }

  @Override
  protected TrainingData withRecipeData(TrainingData data) {
    return TestData.withItemGenres(data, 3);
  }

  private Model trainGenres(TestData.GenreData g) {
    return recipe()
        .train(
            g.data(),
            recipe().resolveHyperparameters(Map.of("hidden_dimension", "32")),
            TrainingContext.builder().seed(5).build());
  }

  @Test
  void needsItemMetadataToQuery() {
    assertEquals(RecipeType.USER_SEGMENTATION, recipe().recipeType());
    assertTrue(recipe().requiredDatasets().contains(Recipe.ITEMS));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                recipe()
                    .train(
                        TestData.zipf(30, 20, 5, 1),
                        hyperparameters(),
                        TrainingContext.builder().build()));
    assertEquals(
        "aws-item-attribute-affinity needs an Items dataset with at least one categorical or"
            + " numeric metadata column to query; got: none",
        e.getMessage());
  }

  @Test
  void usersWithATasteForAGenreTopTheSegmentOfThatGenre() {
    TestData.GenreData g = TestData.genres(400, 160, 4, 20, 0, 0.8, 0, 409);
    Model m = trainGenres(g);
    for (int genre = 0; genre < 4; genre++) {
      int[] set = new int[40];
      for (int r = 0; r < 40; r++) {
        set[r] = genre + 4 * r; // item i has genre i % 4
      }
      float[] scores = new float[m.numUsers()];
      m.scoreUsersForItemSet(set, set.length, scores);
      int[] seg = SegmentTests.top(scores, 50);
      int same = SegmentTests.withGenre(seg, g.userGenre(), genre);
      assertTrue(same >= 48, "genre " + genre + ": " + same + " of 50 users share it");
    }
  }

  /** The set's score is the sum of its items' scores (the slow reference), up to rounding. */
  @Property(tries = 30)
  void setScoreIsTheSumOfItemScores(
      @ForAll @IntRange(min = 1, max = 30) int size, @ForAll long seed) {
    Model m = SHARED;
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    int[] set = new int[size];
    for (int e = 0; e < size; e++) {
      set[e] = rng.nextInt(m.numItems());
    }
    float[] got = new float[m.numUsers()];
    m.scoreUsersForItemSet(set, size, got);
    float[] one = new float[m.numUsers()];
    double[] want = new double[m.numUsers()];
    for (int item : set) {
      m.scoreUsersForItem(item, one);
      for (int u = 0; u < one.length; u++) {
        want[u] += one[u];
      }
    }
    for (int u = 0; u < want.length; u++) {
      assertEquals(want[u], got[u], 1e-4 * (1 + Math.abs(want[u])), "user " + u);
    }
  }

  private static final Model SHARED =
      new ItemAttributeAffinityRecipe()
          .train(
              TestData.withItemGenres(TestData.zipf(80, 40, 10, 3), 4),
              new ItemAttributeAffinityRecipe()
                  .resolveHyperparameters(Map.of("hidden_dimension", "32", "num_iterations", "3")),
              TrainingContext.builder().seed(1).build());
}
