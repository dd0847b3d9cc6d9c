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
 * {@code aws-user-personalization-v2} (spec §3.1): a transformer over each user's interaction
 * sequence that predicts the next interaction. Ours is a causal self-attention encoder of the
 * SASRec family ({@link SelfAttentionEncoder}) trained with a sampled softmax over many negatives
 * ({@link SequenceTrainer}); it serves a user from their newest stored events at request time, so
 * new events and new users count at once.
 */
public final class UserPersonalizationV2Recipe extends AbstractRecipe {

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public UserPersonalizationV2Recipe() {
    super(
        "aws-user-personalization-v2",
        RecipeType.USER_PERSONALIZATION,
        "Predicts each user's next interaction with a causal self-attention encoder over their"
            + " most recent interactions, trained with a sampled softmax.",
        Set.of(INTERACTIONS),
        Set.of(ITEMS, USERS),
        SequenceRecipes.SPECS);
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context) {
    requireOwn(hyperparameters);
    return SequenceRecipes.train(name(), data, hyperparameters, context);
  }

  /**
   * Amazon tunes the v2 recipes itself every 90 days under automatic training (spec §9.4), and
   * User-Personalization-v2 gives a reason list with each item (spec §3.1).
   */
  @Override
  public Set<RecipeCapability> capabilities() {
    return Set.of(RecipeCapability.AUTOMATIC_HPO, RecipeCapability.ITEM_REASONS);
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return SequenceModel.read(in, name());
  }
}
