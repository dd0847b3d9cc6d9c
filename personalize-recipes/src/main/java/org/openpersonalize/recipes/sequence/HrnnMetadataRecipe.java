package org.openpersonalize.recipes.sequence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.openpersonalize.recipes.AbstractRecipe;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * {@code aws-hrnn-metadata} (spec §3.3): {@link HrnnRecipe}'s recurrent network with item metadata
 * as features: every value of a categorical Items field has an embedding, and an item's embedding
 * is its own plus the mean of its values' ({@link ItemMetadata}), so sparsely observed items borrow
 * from items of their kind. Needs an Items dataset with a categorical field. With a Users dataset,
 * every value of a categorical Users field has an embedding too, and the mean of a user's values'
 * is added to the encoder's state before the output layer ({@link UserMetadata}), in training and
 * at request time for the user the engine names ({@code UserHistory.userIdx()}) — including users
 * known only from the Users dataset when they later send events.
 */
public final class HrnnMetadataRecipe extends AbstractRecipe {

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public HrnnMetadataRecipe() {
    super(
        "aws-hrnn-metadata",
        RecipeType.USER_PERSONALIZATION,
        "HRNN with item metadata: each item's embedding adds the learned embeddings of its categorical field values.",
        Set.of(INTERACTIONS),
        Set.of(ITEMS, USERS),
        HrnnRecipes.specs(HrnnRecipes.Variant.METADATA));
  }

  /** Trains the model (CreateSolutionVersion). */
  @Override
  public Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context) {
    requireOwn(hyperparameters);
    return HrnnRecipes.train(name(), HrnnRecipes.Variant.METADATA, data, hyperparameters, context);
  }

  /** Reads a model this recipe wrote (loading a solution version). */
  @Override
  public Model readModel(InputStream in) throws IOException {
    return SequenceModel.read(in, name(), SequenceModel.RECURRENT);
  }
}
