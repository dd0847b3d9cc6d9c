package org.openpersonalize.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.HyperparameterSpec.Stage;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * {@code aws-sims} (spec §3.10): item-to-item collaborative filtering on co-occurrence in user
 * histories, the approach of Linden, Smith and York, "Amazon.com recommendations: item-to-item
 * collaborative filtering" (IEEE Internet Computing 2003).
 *
 * <p>After dropping users and items outside the history-length and interaction-count percentile
 * bands, the co-interaction count {@code n(i, j)} of two items is the number of users who
 * interacted with both, and {@code j}'s similarity to {@code i} is {@code n(i,j)^d · pop(j)^(1−2d)}
 * where {@code pop(j)} is {@code j}'s number of users and {@code d} is {@code
 * popularity_discount_factor}. That reads the way Amazon describes the knob: at {@code d = 0} the
 * most popular co-interacted items come first regardless of correlation, at {@code d = 0.5} items
 * rank by raw co-interaction count, and at {@code d = 1} by {@code n(i,j) / pop(j)}, the share of
 * {@code j}'s users who also had {@code i}, regardless of popularity. Pairs with fewer than {@code
 * min_cointeraction_count} common users are not neighbours. Each item keeps its {@value
 * #MAX_NEIGHBORS} best neighbours (Amazon's largest {@code numResults}); the model ranks the rest
 * by popularity, and an item unknown to the model is the caller's to answer with popular items.
 */
public final class SimsRecipe extends AbstractRecipe {
  /** Neighbours kept per item: Amazon's largest {@code numResults}. */
  static final int MAX_NEIGHBORS = 500;

  static final String POPULARITY_DISCOUNT = "popularity_discount_factor";
  static final String MIN_COINTERACTION = "min_cointeraction_count";
  static final String MIN_USER_PERCENTILE = "min_user_history_length_percentile";
  static final String MAX_USER_PERCENTILE = "max_user_history_length_percentile";
  static final String MIN_ITEM_PERCENTILE = "min_item_interaction_count_percentile";
  static final String MAX_ITEM_PERCENTILE = "max_item_interaction_count_percentile";

  private static final List<HyperparameterSpec> SPECS =
      List.of(
          HyperparameterSpec.continuous(POPULARITY_DISCOUNT)
              .defaultValue(0.5)
              .range(0.0, 1.0)
              .tunable(true)
              .description(
                  "0 ranks co-interacted items by popularity regardless of correlation, 1 by"
                      + " co-interaction relative to popularity; 0.5 by raw co-interaction count.")
              .build(),
          HyperparameterSpec.integer(MIN_COINTERACTION)
              .defaultValue(3)
              .range(0, 10)
              .tunable(true)
              .description("Least number of users who interacted with both items of a pair.")
              .build(),
          HyperparameterSpec.continuous(MIN_USER_PERCENTILE)
              .stage(Stage.FEATURIZATION)
              .defaultValue(0.005)
              .range(0.0, 1.0)
              .description(
                  "Users with fewer distinct items than this percentile of users are ignored.")
              .build(),
          HyperparameterSpec.continuous(MAX_USER_PERCENTILE)
              .stage(Stage.FEATURIZATION)
              .defaultValue(0.995)
              .range(0.0, 1.0)
              .description(
                  "Users with more distinct items than this percentile are ignored; long"
                      + " histories cost quadratically and say little about any one pair.")
              .build(),
          HyperparameterSpec.continuous(MIN_ITEM_PERCENTILE)
              .stage(Stage.FEATURIZATION)
              .defaultValue(0.01)
              .range(0.0, 1.0)
              .description(
                  "Items with fewer users than this percentile of items are ignored as queries"
                      + " and neighbours.")
              .build(),
          HyperparameterSpec.continuous(MAX_ITEM_PERCENTILE)
              .stage(Stage.FEATURIZATION)
              .defaultValue(0.9)
              .range(0.0, 1.0)
              .description(
                  "Items with more users than this percentile of items are ignored as queries"
                      + " and neighbours (they co-occur with everything); they still fill lists"
                      + " as popular items.")
              .build());

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public SimsRecipe() {
    super(
        "aws-sims",
        RecipeType.RELATED_ITEMS,
        "Recommends items that users who interacted with an item also interacted with,"
            + " discounted for popularity.",
        Set.of(INTERACTIONS),
        Set.of(),
        SPECS);
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hp, TrainingContext ctx) {
    requireOwn(hp);
    Checks.requireTrainable(data);
    Checks.percentileBand(
        MIN_USER_PERCENTILE,
        hp.doubleValue(MIN_USER_PERCENTILE),
        MAX_USER_PERCENTILE,
        hp.doubleValue(MAX_USER_PERCENTILE));
    Checks.percentileBand(
        MIN_ITEM_PERCENTILE,
        hp.doubleValue(MIN_ITEM_PERCENTILE),
        MAX_ITEM_PERCENTILE,
        hp.doubleValue(MAX_ITEM_PERCENTILE));
    ctx.checkCancelled();
    ctx.reportProgress(0, "building the interaction matrix");
    int numItems = data.numItems();
    CsrMatrix all = CsrMatrix.userItems(data, null);
    int[] popularity = new int[numItems];
    for (int e = 0; e < all.nnz(); e++) {
      popularity[all.idx[e]]++;
    }
    boolean[] noItems = new boolean[numItems];
    boolean[] usersOut =
        all.rowsOutsidePercentiles(
            hp.doubleValue(MIN_USER_PERCENTILE), hp.doubleValue(MAX_USER_PERCENTILE));
    CsrMatrix keptUsers = all.without(usersOut, noItems);
    boolean[] itemsOut =
        keptUsers
            .transpose(null)
            .rowsOutsidePercentiles(
                hp.doubleValue(MIN_ITEM_PERCENTILE), hp.doubleValue(MAX_ITEM_PERCENTILE));
    CsrMatrix userItems = keptUsers.without(new boolean[data.numUsers()], itemsOut);
    CsrMatrix itemUsers = userItems.transpose(null);

    double d = hp.doubleValue(POPULARITY_DISCOUNT);
    int minCount = Math.max(1, hp.intValue(MIN_COINTERACTION));
    int[][] nbr = new int[numItems][];
    float[][] sim = new float[numItems][];
    ctx.reportProgress(0.1, "counting co-interactions");
    // One block per ~1/256 of the catalogue, so rows of very different cost still spread over the
    // threads; each thread has its own dense counters.
    int block = Math.max(1, numItems / 256);
    Parallel.forRange(
        ctx,
        numItems,
        block,
        () -> new Scratch(numItems),
        (scratch, from, to) -> {
          int[] count = scratch.count;
          int[] touched = scratch.touched;
          TopK top = scratch.top;
          int[] outIdx = scratch.outIdx;
          float[] outScore = scratch.outScore;
          for (int i = from; i < to; i++) {
            int nTouched = 0;
            for (int e = itemUsers.ptr[i]; e < itemUsers.ptr[i + 1]; e++) {
              int u = itemUsers.idx[e];
              for (int f = userItems.ptr[u]; f < userItems.ptr[u + 1]; f++) {
                int j = userItems.idx[f];
                if (j != i && count[j]++ == 0) {
                  touched[nTouched++] = j;
                }
              }
            }
            for (int t = 0; t < nTouched; t++) {
              int j = touched[t];
              if (count[j] >= minCount) {
                // In logs, so that the order is exact; stored as the positive exp below.
                double s = d * Math.log(count[j]) + (1 - 2 * d) * Math.log(itemUsers.length(j));
                top.offer(j, (float) s);
              }
              count[j] = 0;
            }
            int n = top.drainTo(outIdx, outScore);
            nbr[i] = Arrays.copyOf(outIdx, n);
            sim[i] = new float[n];
            for (int e = 0; e < n; e++) {
              sim[i][e] = (float) Math.exp(outScore[e]);
            }
          }
        });
    int[] ptr = new int[numItems + 1];
    for (int i = 0; i < numItems; i++) {
      ptr[i + 1] = ptr[i] + nbr[i].length;
    }
    int[] neighbors = new int[ptr[numItems]];
    float[] similarity = new float[ptr[numItems]];
    for (int i = 0; i < numItems; i++) {
      System.arraycopy(nbr[i], 0, neighbors, ptr[i], nbr[i].length);
      System.arraycopy(sim[i], 0, similarity, ptr[i], sim[i].length);
    }
    ctx.reportProgress(1, "trained");
    return new SimsModel(name(), data.numUsers(), popularity, ptr, neighbors, similarity);
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return SimsModel.read(in, name());
  }

  /** One thread's co-interaction counters, kept at zero between items. */
  private static final class Scratch {
    final int[] count;
    final int[] touched;
    final TopK top = new TopK(MAX_NEIGHBORS);
    final int[] outIdx = new int[MAX_NEIGHBORS];
    final float[] outScore = new float[MAX_NEIGHBORS];

    Scratch(int numItems) {
      count = new int[numItems];
      touched = new int[numItems];
    }
  }
}
