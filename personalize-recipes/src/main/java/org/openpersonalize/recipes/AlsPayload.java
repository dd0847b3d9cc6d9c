package org.openpersonalize.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import org.openpersonalize.spi.TrainingData;

/**
 * The model payload of {@code aws-user-personalization} and {@code aws-personalized-ranking} for
 * factors trained outside this module ({@code personalize-spark} trains the same implicit ALS on a
 * cluster): one writer and one reader of the layout {@code AlsModel} uses, so that no other module
 * repeats it. What {@link #write} produces, the recipe's {@link
 * org.openpersonalize.spi.Recipe#readModel} reads into a servable model (CreateCampaign,
 * GetRecommendations with real-time events).
 *
 * <p>Training here does more than the factor sweeps, and the rest is offered below so that a model
 * trained elsewhere follows the same rules: cold items pulled towards their metadata ({@link
 * #blendColdItems}), users without interactions given their metadata's prior ({@link
 * #fillColdUsers}), the repeat propensity counted user by user ({@link RepeatCounts}) and the
 * fold-in's metadata prior ({@link Extras}). Each is the recipe's own code, so the two paths cannot
 * drift apart.
 */
public final class AlsPayload {
  private AlsPayload() {}

  /**
   * Implicit-ALS factors and the settings serving needs. Arrays are shared, not copied: they are
   * hundreds of megabytes for large catalogues, and the caller hands them over.
   *
   * @param k the number of factors
   * @param numUsers users, rows of {@code userFactors}
   * @param numItems items, rows of {@code itemFactors}
   * @param alpha the confidence scale used in training ({@code confidence_alpha})
   * @param recencyMask whether recent events weigh more ({@code recency_mask})
   * @param bptt the recency window ({@code bptt})
   * @param userFactors {@code numUsers × k}, row-major
   * @param itemFactors {@code numItems × k}, row-major
   * @param coldUser the vector of a user with no history, length {@code k}
   * @param gram the fold-in's system matrix {@code YᵀY + λ_fold·I} of the final item factors,
   *     {@code k × k} row-major, in double ({@code λ_fold} is {@code fold_in_regularization})
   */
  public record Factors(
      int k,
      int numUsers,
      int numItems,
      float alpha,
      boolean recencyMask,
      int bptt,
      float[] userFactors,
      float[] itemFactors,
      float[] coldUser,
      double[] gram) {}

  /**
   * Writes the payload of a model of {@code recipe} with these factors.
   *
   * @param out where to write; not closed
   * @param recipe {@code aws-user-personalization} or {@code aws-personalized-ranking}
   * @param f the factors
   * @throws IOException when writing fails
   * @throws IllegalArgumentException when the arrays do not match the dimensions
   */
  public static void write(OutputStream out, String recipe, Factors f) throws IOException {
    write(out, recipe, f, new Extras(List.of(), null, null, null, 0f));
  }

  private static void check(Factors f) {
    if (f.k() < 1
        || f.numUsers() < 0
        || f.numItems() < 0
        || f.bptt() < 1
        || f.userFactors().length != (long) f.numUsers() * f.k()
        || f.itemFactors().length != (long) f.numItems() * f.k()
        || f.coldUser().length != f.k()
        || f.gram().length != f.k() * f.k()) {
      throw new IllegalArgumentException(
          "factors must match k="
              + f.k()
              + ", users="
              + f.numUsers()
              + ", items="
              + f.numItems()
              + " and bptt >= 1; got: userFactors "
              + f.userFactors().length
              + ", itemFactors "
              + f.itemFactors().length
              + ", coldUser "
              + f.coldUser().length
              + ", gram "
              + f.gram().length
              + ", bptt "
              + f.bptt());
    }
  }

  /**
   * What a payload holds besides the factors, as the recipe learns it: the repeat propensity (when
   * {@code repeat_awareness} is on) and the item-metadata prior of real-time fold-ins.
   *
   * @param eventTypes the event-type names the counts' type indices refer to
   * @param repeat the summed counts, or null for no repeat propensity ({@code repeat_awareness}
   *     false)
   * @param itemMetadata the items' categorical columns ({@code numItems} rows; its interactions are
   *     not read), or null without Items metadata
   * @param itemUsers per item, how many training users interacted with it (users left out by the
   *     history-length percentiles not counted): items with fewer than five do not form centroids
   * @param metadataPriorWeight {@code metadata_prior_weight}; the prior's confidence is {@code 1 +
   *     alpha · weight}
   */
  public record Extras(
      List<String> eventTypes,
      RepeatCounts repeat,
      TrainingData itemMetadata,
      int[] itemUsers,
      float metadataPriorWeight) {}

  /**
   * Writes the payload of a model of {@code recipe} with these factors and what the recipe learns
   * besides them, so that it serves exactly as a model trained in process.
   *
   * @param out where to write; not closed
   * @param recipe {@code aws-user-personalization} or {@code aws-personalized-ranking}
   * @param f the factors (item factors after {@link #blendColdItems})
   * @param extras the repeat counts and metadata
   * @throws IOException when writing fails
   * @throws IllegalArgumentException when the arrays do not match the dimensions
   */
  public static void write(OutputStream out, String recipe, Factors f, Extras extras)
      throws IOException {
    check(f);
    RepeatPropensity repeat = null;
    if (extras.repeat() != null) {
      if (extras.repeat().counts.numTypes != extras.eventTypes().size()) {
        throw new IllegalArgumentException(
            "eventTypes must name the "
                + extras.repeat().counts.numTypes
                + " types the repeat counts use; got: "
                + extras.eventTypes());
      }
      repeat =
          RepeatPropensity.of(extras.eventTypes().toArray(new String[0]), extras.repeat().counts);
    }
    FoldInPrior prior = null;
    if (extras.itemMetadata() != null) {
      requireRows("itemMetadata", extras.itemMetadata().numItems(), f.numItems());
      requireRows("itemUsers", extras.itemUsers().length, f.numItems());
      boolean[] warm = new boolean[f.numItems()];
      for (int i = 0; i < warm.length; i++) {
        warm[i] = extras.itemUsers()[i] >= ImplicitAls.COLD_INTERACTIONS;
      }
      prior =
          FoldInPrior.build(
              extras.itemMetadata(),
              f.itemFactors(),
              f.k(),
              warm,
              f.alpha() * extras.metadataPriorWeight());
    }
    new AlsModel(
            recipe,
            f.k(),
            f.numUsers(),
            f.numItems(),
            f.alpha(),
            f.recencyMask(),
            f.bptt(),
            f.userFactors(),
            f.itemFactors(),
            f.coldUser(),
            f.gram(),
            repeat,
            prior)
        .writeTo(out);
  }

  /**
   * Training's cold-item rule on item factors trained elsewhere: an item with fewer than five
   * training users is pulled towards the mean of the centroids of its categorical values ({@code y
   * ← (n·y + 5·prior) / (n + 5)}), centroids taken over the items with at least five.
   *
   * @param itemMetadata the items' categorical columns ({@code numItems} rows)
   * @param itemFactors {@code numItems × k}, row-major; changed in place
   * @param itemUsers per item, its number of training users
   * @param k the number of factors
   */
  public static void blendColdItems(
      TrainingData itemMetadata, float[] itemFactors, int[] itemUsers, int k) {
    requireRows("itemUsers", itemUsers.length, itemMetadata.numItems());
    requireRows("itemFactors", itemFactors.length, (long) itemMetadata.numItems() * k);
    ImplicitAls.blendColdItems(
        itemMetadata.itemCategoricalColumns(),
        MetadataPriors.Rows.flat(itemFactors, k),
        itemUsers,
        k);
  }

  /**
   * Training's rule for users without interactions, on user factors trained elsewhere: each gets
   * the mean of the centroids of its categorical values (centroids over the {@code warm} users), or
   * {@code coldUser} when it has none.
   *
   * @param userMetadata the users' categorical columns ({@code numUsers} rows), or null for none
   * @param userFactors {@code numUsers × k}, row-major; the {@code need} rows are overwritten
   * @param warm users trained from their own interactions
   * @param need users without any interaction
   * @param coldUser the mean trained user
   * @param k the number of factors
   */
  public static void fillColdUsers(
      TrainingData userMetadata,
      float[] userFactors,
      boolean[] warm,
      boolean[] need,
      float[] coldUser,
      int k) {
    requireRows("need", need.length, warm.length);
    requireRows("userFactors", userFactors.length, (long) warm.length * k);
    if (userMetadata != null) {
      requireRows("userMetadata", userMetadata.numUsers(), warm.length);
    }
    ImplicitAls.fillColdUsers(
        userMetadata == null ? List.of() : userMetadata.userCategoricalColumns(),
        MetadataPriors.Rows.flat(userFactors, k),
        warm,
        need,
        coldUser,
        k);
  }

  /**
   * The repeat propensity's counts, user by user: feed each user's events oldest first (on a
   * cluster, one instance per partition), add the partitions' instances together, and hand the sum
   * to {@link #write(OutputStream, String, Factors, Extras)}. Serializable, so a cluster can ship
   * it; not thread-safe.
   */
  public static final class RepeatCounts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RepeatPropensity.Counts counts;

    /**
     * Empty counts.
     *
     * @param numTypes how many event types (type indices are {@code 0 .. numTypes-1})
     * @param numItems how many items (item indices are {@code 0 .. numItems-1})
     */
    public RepeatCounts(int numTypes, int numItems) {
      if (numTypes < 0 || numItems < 0) {
        throw new IllegalArgumentException(
            "numTypes and numItems must be >= 0; got: " + numTypes + ", " + numItems);
      }
      this.counts = new RepeatPropensity.Counts(numTypes, numItems);
    }

    /**
     * Counts one user's training events (all of weight above 0).
     *
     * @param items item index per event
     * @param timestamps epoch seconds per event, oldest first
     * @param types event-type index per event
     * @param n how many events to read
     * @throws IllegalArgumentException when an index is out of range or times are not in order
     */
    public void addUser(int[] items, long[] timestamps, int[] types, int n) {
      for (int e = 0; e < n; e++) {
        if (items[e] < 0 || items[e] >= counts.numItems) {
          throw new IllegalArgumentException(
              "items[" + e + "] must be in [0, " + counts.numItems + "); got: " + items[e]);
        }
        if (types[e] < 0 || types[e] >= counts.numTypes) {
          throw new IllegalArgumentException(
              "types[" + e + "] must be in [0, " + counts.numTypes + "); got: " + types[e]);
        }
        if (e > 0 && timestamps[e] < timestamps[e - 1]) {
          throw new IllegalArgumentException(
              "timestamps must be oldest first; got: "
                  + timestamps[e]
                  + " after "
                  + timestamps[e - 1]);
        }
      }
      counts.addUser(items, timestamps, types, n);
    }

    /**
     * Adds another instance's counts into this one.
     *
     * @param other counts over the same types and items
     * @return this
     */
    public RepeatCounts add(RepeatCounts other) {
      if (other.counts.numTypes != counts.numTypes || other.counts.numItems != counts.numItems) {
        throw new IllegalArgumentException(
            "counts must have the same types and items; got: "
                + other.counts.numTypes
                + " and "
                + counts.numTypes
                + " types");
      }
      counts.add(other.counts);
      return this;
    }
  }

  private static void requireRows(String what, long got, long expected) {
    if (got != expected) {
      throw new IllegalArgumentException(what + " must have " + expected + " rows; got: " + got);
    }
  }

  /**
   * Reads the factors of a payload of {@code recipe} (a repeat propensity or fold-in prior in it is
   * read and not returned: batch scoring on a cluster uses the factors).
   *
   * @param in the payload; read to its end, not closed
   * @param recipe the recipe the payload must belong to
   * @return the factors
   * @throws IOException when the payload is not such a model, is damaged, or has another format
   *     version (the message says which)
   */
  public static Factors read(InputStream in, String recipe) throws IOException {
    AlsModel m = AlsModel.read(in, recipe);
    return new Factors(
        m.k,
        m.numUsers,
        m.numItems,
        m.alpha,
        m.recencyMask,
        m.bptt,
        m.userFactors,
        m.itemFactors,
        m.coldUser,
        m.gram);
  }
}
