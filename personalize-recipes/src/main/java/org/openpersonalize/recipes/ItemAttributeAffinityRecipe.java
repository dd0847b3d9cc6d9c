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
 * {@code aws-item-attribute-affinity} (spec §3.13): for each attribute query of a batch segment job
 * ({@code ITEMS.genres = "Comedy" AND …}), the users most likely to interact with items that have
 * those attributes.
 *
 * <p>The same factorisation as {@link ItemAffinityRecipe}; the Items dataset is required, since
 * queries name its columns, and its categorical values give items with few interactions the vectors
 * of items sharing them (so a query's rarely-seen items still count). The engine finds the items
 * matching a query; the model scores each user by the summed preference for them ({@link
 * org.openpersonalize.spi.Model#scoreUsersForItemSet}): the expected number of matching items the
 * user interacts with.
 */
public final class ItemAttributeAffinityRecipe extends AbstractRecipe {

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public ItemAttributeAffinityRecipe() {
    super(
        "aws-item-attribute-affinity",
        RecipeType.USER_SEGMENTATION,
        "Finds, for each given query on item attributes, the users most likely to interact with"
            + " items that have them (user segments for batch segment jobs).",
        Set.of(INTERACTIONS, ITEMS),
        Set.of(USERS),
        SegmentRecipes.SPECS);
  }

  /** Its segment jobs take attribute queries (spec §7.2). */
  @Override
  public Set<RecipeCapability> capabilities() {
    return Set.of(RecipeCapability.ATTRIBUTE_SEGMENTS);
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context) {
    requireOwn(hyperparameters);
    Checks.requireTrainable(data);
    if (data.itemCategoricalColumns().isEmpty() && data.itemNumericColumns().isEmpty()) {
      // Spec §3.13: at least one metadata column that is neither textual nor reserved.
      throw new IllegalArgumentException(
          name()
              + " needs an Items dataset with at least one categorical or numeric metadata"
              + " column to query; got: none");
    }
    return ImplicitAls.train(name(), data, SegmentRecipes.params(hyperparameters), context);
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return AlsModel.read(in, name());
  }
}
