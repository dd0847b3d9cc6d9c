package org.openpersonalize.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * {@code aws-similar-items} (spec §3.9): related items from co-occurrence in user histories blended
 * with item metadata, so that items with few interactions still get sensible neighbours; Amazon's
 * CreateSolution with this recipe, and the "More like X" use case.
 *
 * <p>For a query item {@code i} with {@code p_i} distinct users, candidate {@code j} scores {@code
 * α·c(i,j) + (1 − α)·m(i,j)} with {@code α = p_i / (p_i + metadata_blend_count)}:
 *
 * <ul>
 *   <li>{@code c(i,j) = n(i,j) / p_j^d}, divided by its largest value over {@code j} so it lies in
 *       {@code [0, 1]}; {@code n(i,j)} is the number of users who interacted with both, {@code d}
 *       is {@code popularity_discount_factor} (0, Amazon's default, ranks co-interacted items by
 *       raw count, which favours popular items; 1 by the share of {@code j}'s users who also had
 *       {@code i});
 *   <li>{@code m(i,j) = cos(i,j) · ((p_j + 1) / (p_max + 1))^(1 − d)}: the cosine of the items'
 *       metadata vectors ({@link ItemFeatures}: IDF-weighted categorical values, TF-IDF tokens of
 *       textual fields) times a popularity prior, so that the same discount reads the same way on
 *       both parts (at 0, among equally similar items the popular come first; at 1 metadata alone
 *       decides). Without the prior, every obscure film of the same genres ties with the best known
 *       one, and validation showed next-item hit rate from cold items falling below popularity
 *       (docs/accuracy.md).
 * </ul>
 *
 * An item nobody interacted with is placed by metadata alone, a well-used item mostly by
 * co-occurrence; at {@code metadata_blend_count} interactions the two weigh the same. Each item
 * keeps its {@value SimsRecipe#MAX_NEIGHBORS} best neighbours and popular items fill the rest of a
 * list (the model is a {@link SimsModel}); scores are rank-only.
 *
 * <p>Amazon's {@code item_id_hidden_dim} and {@code item_metadata_hidden_dim} size the embeddings
 * of its neural model; this recipe has no embeddings, so it does not declare them and the engine
 * refuses them by name rather than ignore them.
 */
public final class SimilarItemsRecipe extends AbstractRecipe {
  static final String POPULARITY_DISCOUNT = "popularity_discount_factor";
  static final String BLEND_COUNT = "metadata_blend_count";
  static final String TEXT_WEIGHT = "text_weight";

  /**
   * Postings longer than this are not walked when looking for an item's metadata neighbours: a
   * value shared by more items says little about any pair, and walking it for every item would make
   * training quadratic in large catalogues.
   */
  static final int MAX_POSTING = 50_000;

  private static final List<HyperparameterSpec> SPECS =
      List.of(
          HyperparameterSpec.continuous(POPULARITY_DISCOUNT)
              .defaultValue(0.0)
              .range(0.0, 1.0)
              .description(
                  "0 ranks co-interacted items by raw co-interaction count (more popular items);"
                      + " 1 by the share of the candidate's users who also had the item.")
              .build(),
          HyperparameterSpec.integer(BLEND_COUNT)
              .defaultValue(5)
              .range(0, 100_000)
              .tunable(true)
              .description(
                  "Interactions (distinct users) at which an item's neighbours weigh co-occurrence"
                      + " and metadata equally; items with fewer lean on metadata, 0 uses"
                      + " metadata only for items nobody interacted with.")
              .build(),
          HyperparameterSpec.continuous(TEXT_WEIGHT)
              .defaultValue(0.5)
              .range(0.0, 1.0)
              .tunable(true)
              .description(
                  "Share of textual fields in the metadata similarity when the items have both"
                      + " categorical and textual fields.")
              .build());

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public SimilarItemsRecipe() {
    super(
        "aws-similar-items",
        RecipeType.RELATED_ITEMS,
        "Recommends items similar to an item from co-occurrence in user histories blended with"
            + " categorical and textual item metadata; works for items with few interactions.",
        Set.of(INTERACTIONS),
        Set.of(ITEMS),
        SPECS);
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hp, TrainingContext ctx) {
    requireOwn(hp);
    Checks.requireTrainable(data);
    ctx.checkCancelled();
    ctx.reportProgress(0, "building the interaction matrix and metadata vectors");
    int numItems = data.numItems();
    CsrMatrix userItems = CsrMatrix.userItems(data, null);
    CsrMatrix itemUsers = userItems.transpose(null);
    ItemFeatures features = ItemFeatures.of(data, hp.doubleValue(TEXT_WEIGHT));
    double d = hp.doubleValue(POPULARITY_DISCOUNT);
    double blend = hp.intValue(BLEND_COUNT);
    float[] discount = new float[numItems];
    float[] prior = new float[numItems];
    int most = 0;
    for (int j = 0; j < numItems; j++) {
      most = Math.max(most, itemUsers.length(j));
    }
    for (int j = 0; j < numItems; j++) {
      discount[j] = (float) Math.pow(Math.max(1, itemUsers.length(j)), -d);
      prior[j] = (float) Math.pow((itemUsers.length(j) + 1.0) / (most + 1.0), 1 - d);
    }
    int[][] nbr = new int[numItems][];
    float[][] sim = new float[numItems][];
    ctx.reportProgress(0.1, "scoring neighbours");
    int block = Math.max(1, numItems / 256);
    Parallel.forRange(
        ctx,
        numItems,
        block,
        () -> new Scratch(numItems),
        (s, from, to) -> {
          for (int i = from; i < to; i++) {
            neighbours(i, userItems, itemUsers, features, discount, prior, blend, s);
            int n = s.top.drainTo(s.outIdx, s.outScore);
            nbr[i] = Arrays.copyOf(s.outIdx, n);
            sim[i] = Arrays.copyOf(s.outScore, n);
          }
        });
    int[] ptr = new int[numItems + 1];
    int[] popularity = new int[numItems];
    for (int i = 0; i < numItems; i++) {
      ptr[i + 1] = ptr[i] + nbr[i].length;
      popularity[i] = itemUsers.length(i);
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

  /** Offers item {@code i}'s candidates to {@code s.top}, leaving the accumulators at zero. */
  private static void neighbours(
      int i,
      CsrMatrix userItems,
      CsrMatrix itemUsers,
      ItemFeatures features,
      float[] discount,
      float[] prior,
      double blend,
      Scratch s) {
    int[] count = s.count;
    float[] dot = s.dot;
    boolean[] mark = s.mark;
    int[] touched = s.touched;
    int nTouched = 0;
    for (int e = itemUsers.ptr[i]; e < itemUsers.ptr[i + 1]; e++) {
      int u = itemUsers.idx[e];
      for (int f = userItems.ptr[u]; f < userItems.ptr[u + 1]; f++) {
        int j = userItems.idx[f];
        count[j]++;
        if (!mark[j]) {
          mark[j] = true;
          touched[nTouched++] = j;
        }
      }
    }
    for (int e = features.itemPtr[i]; e < features.itemPtr[i + 1]; e++) {
      int f = features.itemFeature[e];
      if (features.featurePtr[f + 1] - features.featurePtr[f] > MAX_POSTING) {
        continue;
      }
      float w = features.itemValue[e];
      for (int p = features.featurePtr[f]; p < features.featurePtr[f + 1]; p++) {
        int j = features.featureItem[p];
        dot[j] += w * features.featureValue[p];
        if (!mark[j]) {
          mark[j] = true;
          touched[nTouched++] = j;
        }
      }
    }
    double maxCo = 0;
    for (int t = 0; t < nTouched; t++) {
      int j = touched[t];
      if (j != i) {
        maxCo = Math.max(maxCo, count[j] * (double) discount[j]);
      }
    }
    int users = itemUsers.length(i);
    double alpha = users == 0 ? 0 : users / (users + blend);
    for (int t = 0; t < nTouched; t++) {
      int j = touched[t];
      if (j != i) {
        double co = maxCo > 0 ? count[j] * (double) discount[j] / maxCo : 0;
        // The metadata part is not rescaled to its best candidate: a neighbour that matches the
        // metadata but nobody watches should not weigh like the best co-interacted item
        // (validation, docs/accuracy.md §5).
        float score = (float) (alpha * co + (1 - alpha) * Math.min(1.0, dot[j]) * prior[j]);
        if (score > 0) {
          s.top.offer(j, score);
        }
      }
      count[j] = 0;
      dot[j] = 0;
      mark[j] = false;
    }
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return SimsModel.read(in, name());
  }

  /** One thread's accumulators, kept at zero between items. */
  private static final class Scratch {
    final int[] count;
    final float[] dot;
    final boolean[] mark;
    final int[] touched;
    final TopK top = new TopK(SimsRecipe.MAX_NEIGHBORS);
    final int[] outIdx = new int[SimsRecipe.MAX_NEIGHBORS];
    final float[] outScore = new float[SimsRecipe.MAX_NEIGHBORS];

    Scratch(int numItems) {
      count = new int[numItems];
      dot = new float[numItems];
      mark = new boolean[numItems];
      touched = new int[numItems];
    }
  }
}
