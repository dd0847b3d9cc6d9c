package org.openpersonalize.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * {@code aws-popularity-count} (spec §3.4): recommends the same items to everyone, ranked by how
 * many distinct users interacted with each. It is the baseline Amazon compares other recipes
 * against. No hyperparameters; responses carry no scores; removing items a user has seen is the
 * caller's job.
 *
 * <p>Amazon's recipe page gives its type as USER_PERSONALIZATION while the recipe table lists it
 * under POPULAR_ITEMS (spec §12 item 6); we report {@link RecipeType#POPULAR_ITEMS}, which is what
 * it does and what batch inference expects of it (spec §7.1).
 */
public final class PopularityCountRecipe extends AbstractRecipe {

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public PopularityCountRecipe() {
    super(
        "aws-popularity-count",
        RecipeType.POPULAR_ITEMS,
        "Recommends the most popular items, by number of distinct users, to every user.",
        Set.of(INTERACTIONS),
        Set.of(),
        List.of());
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hyperparameters, TrainingContext context) {
    requireOwn(hyperparameters);
    Checks.requireTrainable(data);
    context.checkCancelled();
    context.reportProgress(0, "counting distinct users per item");
    CsrMatrix users = CsrMatrix.userItems(data, null);
    int[] counts = new int[data.numItems()];
    for (int e = 0; e < users.nnz(); e++) {
      counts[users.idx[e]]++;
    }
    context.reportProgress(1, "trained");
    return new PopularityModel(name(), data.numUsers(), counts);
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return PopularityModel.read(in, name());
  }
}
