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
 * {@code aws-hrnn} (spec §3.3): Amazon's hierarchical recurrent network recipe. Ours is a GRU over
 * each user's most recent interactions ({@link GruEncoder}: item, event type and time since the
 * previous event as inputs, truncated back-propagation through time of {@code bptt} steps) trained
 * with the sampled-softmax loss and Adam of {@link SequenceTrainer}. It serves a user from their
 * newest stored events at request time, so a PutEvents event or a brand-new user's first events
 * count at once.
 */
public final class HrnnRecipe extends AbstractRecipe {

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public HrnnRecipe() {
    super(
        "aws-hrnn",
        RecipeType.USER_PERSONALIZATION,
        "Predicts each user's next interaction with a recurrent (GRU) network over their most recent interactions, their event types and the time between them.",
        Set.of(INTERACTIONS),
        Set.of(ITEMS, USERS),
        HrnnRecipes.specs(HrnnRecipes.Variant.PLAIN));
  }

  /** Trains the model (CreateSolutionVersion). */
  @Override
  public Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context) {
    requireOwn(hyperparameters);
    return HrnnRecipes.train(name(), HrnnRecipes.Variant.PLAIN, data, hyperparameters, context);
  }

  /** Reads a model this recipe wrote (loading a solution version). */
  @Override
  public Model readModel(InputStream in) throws IOException {
    return SequenceModel.read(in, name(), SequenceModel.RECURRENT);
  }
}
