package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;

class ItemAffinityRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new ItemAffinityRecipe();
  }

  @Override
  protected Map<String, String> fastHyperparameters() {
    return Map.of("hidden_dimension", "32", "num_iterations", "4");
  }

  @Test
  void isASegmentationRecipeWithAmazonsHiddenDimensionAndNoHpo() {
    assertEquals(RecipeType.USER_SEGMENTATION, recipe().recipeType());
    HyperparameterSpec hidden = recipe().hyperparameters().get(0);
    assertEquals("hidden_dimension", hidden.name());
    assertEquals(149, recipe().resolveHyperparameters(Map.of()).intValue("hidden_dimension"));
    for (HyperparameterSpec s : recipe().hyperparameters()) {
      assertFalse(s.tunable(), s.name() + " must not be tunable: spec §3.12 says no HPO");
    }
  }

  @Test
  void usersWithATasteForAGenreTopTheSegmentsOfItsItems() {
    // Four genres; each user takes 80 % of their events from their favourite genre.
    TestData.GenreData g = TestData.genres(400, 160, 4, 20, 0, 0.8, 0, 401);
    Model m =
        recipe()
            .train(
                g.data(),
                recipe().resolveHyperparameters(Map.of("hidden_dimension", "32")),
                TrainingContext.builder().seed(3).build());
    assertTrue(m.supports(ModelCapability.USERS_FOR_ITEM));
    int same = 0;
    int total = 0;
    for (int item = 0; item < 160; item += 4) {
      int[] seg = SegmentTests.segment(m, item, 25);
      same += SegmentTests.withGenre(seg, g.userGenre(), g.itemGenre()[item]);
      total += seg.length;
    }
    // A quarter of users share each genre, so a segment blind to taste would score about 0.25.
    assertTrue(same > 0.85 * total, same + " of " + total + " segment users share the genre");
  }
}
