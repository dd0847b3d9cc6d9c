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
 * {@code aws-personalized-ranking-v2} (spec §3.6): re-ranks a caller's list
 * (GetPersonalizedRanking) with the model of {@link UserPersonalizationV2Recipe}, which is a causal
 * self-attention encoder of the SASRec family ({@link SelfAttentionEncoder}) trained with a sampled
 * softmax over many negatives ({@link SequenceTrainer}); it serves a user from their newest stored
 * events at request time, so new events and new users count at once.
 */
public final class PersonalizedRankingV2Recipe extends AbstractRecipe {

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public PersonalizedRankingV2Recipe() {
    super(
        "aws-personalized-ranking-v2",
        RecipeType.PERSONALIZED_RANKING,
        "Ranks a given list of items for a user by the probability of each being their next"
            + " interaction, from a causal self-attention encoder over their recent interactions.",
        Set.of(INTERACTIONS),
        Set.of(ITEMS, USERS),
        SequenceRecipes.SPECS);
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context) {
    requireOwn(hyperparameters);
    return SequenceRecipes.train(name(), data, hyperparameters, context);
  }

  /** Amazon tunes the v2 recipes itself every 90 days under automatic training (spec §9.4). */
  @Override
  public Set<RecipeCapability> capabilities() {
    return Set.of(RecipeCapability.AUTOMATIC_HPO);
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return SequenceModel.read(in, name());
  }
}
