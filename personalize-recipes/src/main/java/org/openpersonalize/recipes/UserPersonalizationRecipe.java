package org.openpersonalize.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.RecipeCapability;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * {@code aws-user-personalization} (spec §3.2): implicit-feedback matrix factorisation trained by
 * alternating least squares with conjugate-gradient solves (Hu, Koren &amp; Volinsky 2008; Takács,
 * Pilászy &amp; Tikk 2011), in place of Amazon's HRNN.
 *
 * <p>Event weights become confidences {@code 1 + α·w}, optionally emphasising each user's recent
 * events ({@code recency_mask}, {@code bptt}); items with few or no interactions borrow the vectors
 * of items sharing their categorical metadata, and users without interactions those of users
 * sharing theirs (else the average user, which ranks broadly liked items first). Models score every
 * item for a user, fold in a real-time history exactly, and report scores as softmax logits. See
 * {@link #hyperparameters()} for every setting.
 */
public final class UserPersonalizationRecipe extends AbstractRecipe {
  private static final Set<RecipeCapability> CAPABILITIES =
      Set.of(RecipeCapability.UPDATE_TRAINING, RecipeCapability.ITEM_EXPLORATION);

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public UserPersonalizationRecipe() {
    super(
        "aws-user-personalization",
        RecipeType.USER_PERSONALIZATION,
        "Predicts the items a user will interact with, from implicit feedback with event weights,"
            + " recency and item/user metadata, and adapts to real-time events without retraining.",
        Set.of(INTERACTIONS),
        Set.of(ITEMS, USERS),
        AlsRecipes.SPECS);
  }

  /** UPDATE training and new-item exploration, as Amazon's User-Personalization offers. */
  @Override
  public Set<RecipeCapability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context) {
    requireOwn(hyperparameters);
    return ImplicitAls.train(name(), data, ImplicitAls.Params.from(hyperparameters), context);
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return AlsModel.read(in, name());
  }
}
