package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.recipes.sequence.HrnnMetadataRecipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

class HrnnMetadataRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new HrnnMetadataRecipe();
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

  @Override
  protected TrainingData withRecipeData(TrainingData data) {
    return TestData.withItemGenres(data, 3);
  }

  @Test
  void needsCategoricalItemMetadata() {
    assertEquals(RecipeType.USER_PERSONALIZATION, recipe().recipeType());
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
        "aws-hrnn-metadata needs an Items dataset with at least one categorical metadata column;"
            + " got: none",
        e.getMessage());
  }

  @Test
  void stillLearnsOrder() {
    Recipe r = recipe();
    Model m =
        r.train(
            TestData.withItemGenres(UserPersonalizationV2RecipeTest.ring(200, 30, 12, 5), 3),
            r.resolveHyperparameters(HrnnRecipeTest.ringSettings()),
            TrainingContext.builder().seed(3).parallelism(1).build());
    int right = 0;
    for (int start = 0; start < 30; start++) {
      if (HrnnRecipeTest.top1(m, start, (start + 1) % 30, (start + 2) % 30) == (start + 3) % 30) {
        right++;
      }
    }
    assertEquals(30, right, "next ring item ranked first for " + right + " of 30 histories");
  }
}
