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
 * {@code aws-item-affinity} (spec §3.12): for each item of a batch segment job, the users most
 * likely to interact with it.
 *
 * <p>Trained as aws-user-personalization's implicit-feedback factorisation ({@link ImplicitAls};
 * Hu, Koren &amp; Volinsky 2008), whose score {@code x_u · y_i} estimates the 0/1 preference of
 * user {@code u} for item {@code i}; a segment ranks every user by it ({@link
 * org.openpersonalize.spi.Model#scoreUsersForItems}, one matrix product per block of items). Items
 * and Users datasets are used when present (metadata vectors for items with few interactions).
 */
public final class ItemAffinityRecipe extends AbstractRecipe {

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public ItemAffinityRecipe() {
    super(
        "aws-item-affinity",
        RecipeType.USER_SEGMENTATION,
        "Finds, for each given item, the users most likely to interact with it (user segments"
            + " for batch segment jobs).",
        Set.of(INTERACTIONS),
        Set.of(ITEMS, USERS),
        SegmentRecipes.SPECS);
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context) {
    requireOwn(hyperparameters);
    return ImplicitAls.train(name(), data, SegmentRecipes.params(hyperparameters), context);
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return AlsModel.read(in, name());
  }
}
