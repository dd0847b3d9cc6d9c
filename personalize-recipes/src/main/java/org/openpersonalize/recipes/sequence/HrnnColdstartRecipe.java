package org.openpersonalize.recipes.sequence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.openpersonalize.recipes.AbstractRecipe;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.RecipeCapability;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * {@code aws-hrnn-coldstart} (spec §3.3): {@link HrnnMetadataRecipe} plus cold items. An item with
 * fewer than {@code cold_start_max_interactions} interactions, younger than {@code
 * cold_start_max_duration} days, is represented by its metadata alone, in training as at serving,
 * so new items get vectors from their metadata and are ranked for each user like any other item;
 * campaigns explore them with {@code itemExplorationConfig} as for User-Personalization. Users
 * metadata is used as in HRNN-Metadata ({@link UserMetadata}).
 */
public final class HrnnColdstartRecipe extends AbstractRecipe {

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public HrnnColdstartRecipe() {
    super(
        "aws-hrnn-coldstart",
        RecipeType.USER_PERSONALIZATION,
        "HRNN with item metadata and new-item exploration: items with few interactions are placed by their metadata alone.",
        Set.of(INTERACTIONS, ITEMS),
        Set.of(USERS),
        HrnnRecipes.specs(HrnnRecipes.Variant.COLDSTART));
  }

  /** New items are explored per the campaign's {@code itemExplorationConfig} (spec §1.12). */
  @Override
  public Set<RecipeCapability> capabilities() {
    return Set.of(RecipeCapability.ITEM_EXPLORATION);
  }

  /** Trains the model (CreateSolutionVersion). */
  @Override
  public Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context) {
    requireOwn(hyperparameters);
    return HrnnRecipes.train(name(), HrnnRecipes.Variant.COLDSTART, data, hyperparameters, context);
  }

  /** Reads a model this recipe wrote (loading a solution version). */
  @Override
  public Model readModel(InputStream in) throws IOException {
    return SequenceModel.read(in, name(), SequenceModel.RECURRENT);
  }
}
