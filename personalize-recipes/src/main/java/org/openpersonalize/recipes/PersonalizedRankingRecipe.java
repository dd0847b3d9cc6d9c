package org.openpersonalize.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * {@code aws-personalized-ranking} (spec §3.7): the model of {@link UserPersonalizationRecipe},
 * used to order a caller's list of items for a user. Callers score the list with {@link
 * Model#scoreCandidatesForUser} (or {@link Model#scoreCandidatesForHistory} for real-time users)
 * and normalise with {@link org.openpersonalize.spi.Scores#softmaxInPlace} over the list, as
 * Amazon's scores sum to 1 over the input list.
 */
public final class PersonalizedRankingRecipe extends AbstractRecipe {

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public PersonalizedRankingRecipe() {
    super(
        "aws-personalized-ranking",
        RecipeType.PERSONALIZED_RANKING,
        "Ranks a given list of items for a user by predicted interest, with the user"
            + " personalization model.",
        Set.of(INTERACTIONS),
        Set.of(ITEMS, USERS),
        AlsRecipes.SPECS);
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
