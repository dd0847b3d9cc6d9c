package org.openpersonalize.engine.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * Which recipes have batch inference (spec §3.14, §7.1), by the rule alone: recipes with the ARNs
 * and types of Trending-Now, Next-Best-Action and others (the rule reads only the ARN and the
 * recipe type). Next-Best-Action is not in the catalogue; a real, trained Trending-Now version is
 * refused end to end in {@code BatchInferenceJobTest}.
 */
class BatchRecipeRulesTest {
  /** A recipe with an ARN and a type; it is never trained. */
  private record Named(String name, RecipeType type) implements Recipe {
    @Override
    public String recipeArn() {
      return "arn:aws:personalize:::recipe/" + name;
    }

    @Override
    public RecipeType recipeType() {
      return type;
    }

    @Override
    public String description() {
      return name;
    }

    @Override
    public Set<String> requiredDatasets() {
      return Set.of("Interactions");
    }

    @Override
    public Set<String> optionalDatasets() {
      return Set.of();
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return List.of();
    }

    @Override
    public Model train(TrainingData data, Hyperparameters hp, TrainingContext context) {
      throw new UnsupportedOperationException("never trained");
    }

    @Override
    public Model readModel(java.io.InputStream in) {
      throw new UnsupportedOperationException("never read");
    }
  }

  @Test
  void trendingNowNextBestActionAndSegmentationRecipesAreRefused() {
    for (Recipe r :
        List.of(
            new Named("aws-trending-now", RecipeType.POPULAR_ITEMS),
            new Named("aws-next-best-action", RecipeType.USER_PERSONALIZATION),
            new Named("someones-trending", RecipeType.POPULAR_ITEMS),
            new Named("aws-item-affinity", RecipeType.USER_SEGMENTATION))) {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> BatchInferenceJobOps.checkRecipe(r));
      assertTrue(e.getMessage().contains(r.recipeArn()), e.getMessage());
    }
    assertTrue(
        assertThrows(
                InvalidInputException.class,
                () ->
                    BatchInferenceJobOps.checkRecipe(
                        new Named("aws-item-affinity", RecipeType.USER_SEGMENTATION)))
            .getMessage()
            .contains("CreateBatchSegmentJob"));
  }

  @Test
  void theOtherRecipeTypesHaveBatchInference() {
    for (Recipe r :
        List.of(
            new Named("aws-popularity-count", RecipeType.POPULAR_ITEMS),
            new Named("aws-user-personalization", RecipeType.USER_PERSONALIZATION),
            new Named("aws-sims", RecipeType.RELATED_ITEMS),
            new Named("aws-personalized-ranking", RecipeType.PERSONALIZED_RANKING))) {
      assertDoesNotThrow(() -> BatchInferenceJobOps.checkRecipe(r));
    }
  }
}
