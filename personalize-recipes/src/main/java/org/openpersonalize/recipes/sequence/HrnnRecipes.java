package org.openpersonalize.recipes.sequence;

import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.HyperparameterSpec.Stage;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * What the HRNN recipes share: their hyperparameters and training. Amazon documents {@code
 * hidden_dimension}, {@code bptt}, {@code recency_mask} and the two user-history percentiles for
 * all three, and the {@code cold_start_*} featurization parameters for HRNN-Coldstart (spec §3.3);
 * the rest are the knobs of our training loop, shared with the v2 recipes, with defaults chosen on
 * validation splits carved from training data (docs/accuracy.md §8).
 */
final class HrnnRecipes {
  static final String HIDDEN_DIMENSION = "hidden_dimension";
  static final String BPTT = "bptt";
  static final String RECENCY_MASK = "recency_mask";
  static final String MAX_HISTORY_LENGTH = "max_history_length";
  static final String NUM_EPOCHS = "num_epochs";
  static final String LEARNING_RATE = "learning_rate";
  static final String NUM_NEGATIVES = "num_negatives";
  static final String DROPOUT_RATE = "dropout_rate";
  static final String BATCH_SIZE = "batch_size";
  static final String COLD_MAX_INTERACTIONS = "cold_start_max_interactions";
  static final String COLD_MAX_DURATION = "cold_start_max_duration";
  static final String COLD_RELATIVE_FROM = "cold_start_relative_from";

  /**
   * With {@code num_epochs} 0 (the default), passes enough for about this many Adam steps: on the
   * validation splits of MovieLens 100K quality rose from 20 passes (1.5 k steps) to 80 (6 k) and
   * fell at 160 (docs/accuracy.md §8).
   */
  static final int AUTO_STEPS = 6_000;

  /**
   * The fewest passes the automatic choice makes: 1 M interactions take 800 steps a pass, and 20
   * passes were this recipe's validated setting before the choice was automatic.
   */
  static final int AUTO_MIN_EPOCHS = 20;

  /** The most passes the automatic choice makes, however small the data (over-fitting above). */
  static final int AUTO_MAX_EPOCHS = 80;

  /** The three recipes, which differ in what the item embeddings are made of. */
  enum Variant {
    /** Interactions only. */
    PLAIN,
    /**
     * Items' categorical metadata added to every item's embedding, and Users' to every state before
     * the output.
     */
    METADATA,
    /** As METADATA, and cold items represented by their metadata alone. */
    COLDSTART
  }

  private HrnnRecipes() {}

  static List<HyperparameterSpec> specs(Variant variant) {
    List<HyperparameterSpec> specs = new ArrayList<>();
    specs.add(
        HyperparameterSpec.integer(HIDDEN_DIMENSION)
            .defaultValue(43)
            .range(32, 256)
            .tunable(true)
            .description(
                "Width of the item embeddings and of the recurrent state (Amazon's range and"
                    + " HRNN default; Amazon's HRNN-Coldstart default, 149, would make training"
                    + " about 12 times slower). Training time grows about quadratically with it,"
                    + " serving linearly.")
            .build());
    specs.add(
        HyperparameterSpec.integer(BPTT)
            .defaultValue(32)
            .range(2, 32)
            .tunable(true)
            .description(
                "Back-propagation through time: how many steps back the error of a prediction"
                    + " reaches (truncated in chunks of bptt events; the state itself carries"
                    + " over the whole window).")
            .build());
    specs.add(
        HyperparameterSpec.bool(RECENCY_MASK)
            .defaultValue(true)
            .tunable(true)
            .description(
                "Weight recent interactions more in training: each next-item example's loss is"
                    + " scaled from 0.5 for the oldest to 1 for the newest time in the data.")
            .build());
    specs.add(
        HyperparameterSpec.continuous(SequenceTrainer.MIN_USER_PERCENTILE)
            .stage(Stage.FEATURIZATION)
            .defaultValue(0.0)
            .range(0.0, 1.0)
            .description(
                "Users whose number of distinct items is below this percentile of all users are"
                    + " left out of training (they are still served from their history).")
            .build());
    specs.add(
        HyperparameterSpec.continuous(SequenceTrainer.MAX_USER_PERCENTILE)
            .stage(Stage.FEATURIZATION)
            .defaultValue(0.99)
            .range(0.0, 1.0)
            .description(
                "Users whose number of distinct items is above this percentile (robots, shared"
                    + " accounts) are left out of training (they are still served).")
            .build());
    if (variant == Variant.COLDSTART) {
      specs.add(
          HyperparameterSpec.integer(COLD_MAX_INTERACTIONS)
              .stage(Stage.FEATURIZATION)
              .defaultValue(15)
              .range(1, 1_000_000)
              .description(
                  "An item with fewer interactions than this (and younger than"
                      + " cold_start_max_duration) is cold: represented by its metadata alone.")
              .build());
      specs.add(
          HyperparameterSpec.continuous(COLD_MAX_DURATION)
              .stage(Stage.FEATURIZATION)
              .defaultValue(5.0)
              .range(0.0, 36_500.0)
              .description(
                  "Days: an item younger than this at the reference point (and with fewer than"
                      + " cold_start_max_interactions interactions) is cold.")
              .build());
      specs.add(
          HyperparameterSpec.categorical(COLD_RELATIVE_FROM)
              .stage(Stage.FEATURIZATION)
              .values("latestItem", "currentTime")
              .defaultValue("latestItem")
              .description(
                  "Reference point of an item's age: the newest item's creation time"
                      + " (latestItem) or the present, i.e. the newest interaction in the data"
                      + " (currentTime).")
              .build());
    }
    specs.add(
        HyperparameterSpec.integer(MAX_HISTORY_LENGTH)
            .defaultValue(50)
            .range(2, 200)
            .tunable(true)
            .description(
                "How many of a user's most recent interactions the encoder reads, in training"
                    + " windows and at request time (the engine passes the newest 200).")
            .build());
    specs.add(
        HyperparameterSpec.integer(NUM_EPOCHS)
            .defaultValue(0)
            .range(0, 1000)
            .tunable(true)
            .description(
                "Passes over every user's sequence; training time is proportional. 0 (the"
                    + " default) chooses enough passes for about 6,000 Adam steps, from 20 to 80:"
                    + " 80 on 100 k interactions, 20 on 1 M. DescribeSolutionVersion shows the"
                    + " number as learned.epochs.")
            .build());
    specs.add(
        HyperparameterSpec.continuous(LEARNING_RATE)
            .defaultValue(0.002)
            .range(1e-5, 0.1)
            .tunable(true)
            .description("Adam's step size.")
            .build());
    specs.add(
        HyperparameterSpec.integer(NUM_NEGATIVES)
            .defaultValue(256)
            .range(1, 100_000)
            .tunable(true)
            .description(
                "Items drawn uniformly per mini-batch to compete with each true next item in the"
                    + " softmax; with a catalogue no larger than this, every item does (a full"
                    + " softmax).")
            .build());
    specs.add(SequenceTrainer.popularityShareSpec());
    specs.add(ItemTaste.weightSpec());
    specs.add(ItemTaste.historySpec());
    specs.add(ItemTaste.raritySpec());
    specs.add(
        HyperparameterSpec.continuous(DROPOUT_RATE)
            .defaultValue(0.2)
            .range(0.0, 0.9)
            .tunable(true)
            .description("Dropout on the encoder's input and on its state before the output.")
            .build());
    specs.add(
        HyperparameterSpec.integer(BATCH_SIZE)
            .defaultValue(32)
            .range(1, 4096)
            .description("History windows per Adam step.")
            .build());
    return List.copyOf(specs);
  }

  static SequenceModel train(
      String recipe, Variant variant, TrainingData data, Hyperparameters hp, TrainingContext ctx) {
    SequenceTrainer.Config cfg =
        new SequenceTrainer.Config(
            hp.intValue(HIDDEN_DIMENSION),
            hp.intValue(MAX_HISTORY_LENGTH),
            hp.intValue(NUM_EPOCHS),
            AUTO_STEPS,
            AUTO_MIN_EPOCHS,
            AUTO_MAX_EPOCHS,
            hp.doubleValue(LEARNING_RATE),
            hp.intValue(NUM_NEGATIVES),
            hp.doubleValue(DROPOUT_RATE),
            hp.intValue(BATCH_SIZE),
            hp.booleanValue(RECENCY_MASK),
            hp.doubleValue(SequenceTrainer.MIN_USER_PERCENTILE),
            hp.doubleValue(SequenceTrainer.MAX_USER_PERCENTILE),
            hp.doubleValue(SequenceTrainer.NEGATIVE_POPULARITY_SHARE),
            hp.doubleValue(ItemTaste.WEIGHT),
            hp.doubleValue(ItemTaste.HISTORY),
            hp.doubleValue(ItemTaste.RARITY));
    int bptt = hp.intValue(BPTT);
    ItemMetadata meta = null;
    if (variant != Variant.PLAIN && data.numInteractions() > 0) {
      if (!ItemMetadata.available(data)) {
        throw new IllegalArgumentException(
            recipe
                + " needs an Items dataset with at least one categorical metadata column; got:"
                + " none");
      }
      if (variant == Variant.COLDSTART) {
        boolean[] cold =
            ItemMetadata.coldItems(
                data,
                hp.intValue(COLD_MAX_INTERACTIONS),
                hp.doubleValue(COLD_MAX_DURATION),
                hp.stringValue(COLD_RELATIVE_FROM).equals("latestItem"));
        meta = ItemMetadata.of(data, cold);
      } else {
        meta = ItemMetadata.of(data);
      }
    }
    // Users-dataset values are a feature of the metadata variants (Amazon: HRNN-Metadata uses
    // "metadata found in the Interactions, Users, and Items datasets"); optional, unlike Items'.
    UserMetadata users =
        variant != Variant.PLAIN && data.numInteractions() > 0 ? UserMetadata.of(data) : null;
    return SequenceTrainer.train(
        recipe,
        data,
        cfg,
        (numItems, numBuckets) ->
            new GruEncoder(numItems, cfg.maxLength(), numBuckets, cfg.hiddenDimension(), bptt),
        meta,
        users,
        ctx);
  }
}
