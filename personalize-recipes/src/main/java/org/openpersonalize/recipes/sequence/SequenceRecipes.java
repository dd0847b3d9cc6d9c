package org.openpersonalize.recipes.sequence;

import java.util.List;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * The hyperparameters the self-attention recipes share. Amazon documents only {@code
 * apply_recency_bias} for User-Personalization-v2 and Personalized-Ranking-v2 (spec §3.1, §3.6) and
 * tunes the rest itself; we expose the model's knobs too, with defaults chosen on validation splits
 * carved from training data (docs/recipes.md says how).
 */
final class SequenceRecipes {
  static final String APPLY_RECENCY_BIAS = "apply_recency_bias";
  static final String HIDDEN_DIMENSION = "hidden_dimension";
  static final String MAX_HISTORY_LENGTH = "max_history_length";
  static final String NUM_BLOCKS = "num_blocks";
  static final String NUM_EPOCHS = "num_epochs";
  static final String LEARNING_RATE = "learning_rate";
  static final String NUM_NEGATIVES = "num_negatives";
  static final String DROPOUT_RATE = "dropout_rate";
  static final String BATCH_SIZE = "batch_size";

  /**
   * With {@code num_epochs} 0 (the default), passes enough for about this many Adam steps (the HRNN
   * recipes' validated rule, {@link HrnnRecipes#AUTO_STEPS}; checked for this encoder on the same
   * validation splits, docs/accuracy.md §4).
   */
  static final int AUTO_STEPS = HrnnRecipes.AUTO_STEPS;

  /**
   * The fewest passes the automatic choice makes: 20 on 1 M interactions keeps training within ten
   * minutes on two cores (docs/benchmarks.md).
   */
  static final int AUTO_MIN_EPOCHS = 20;

  /** The most passes the automatic choice makes, however small the data. */
  static final int AUTO_MAX_EPOCHS = 80;

  private SequenceRecipes() {}

  static final List<HyperparameterSpec> SPECS =
      List.of(
          HyperparameterSpec.bool(APPLY_RECENCY_BIAS)
              .defaultValue(true)
              .description(
                  "Weight recent interactions more in training (Amazon's one documented"
                      + " hyperparameter of the v2 recipes): each next-item example's loss is"
                      + " scaled from 0.5 for the oldest to 1 for the newest time in the data.")
              .build(),
          HyperparameterSpec.integer(HIDDEN_DIMENSION)
              .defaultValue(64)
              .range(8, 256)
              .tunable(true)
              .description(
                  "Width of item embeddings and of the encoder. Training time grows about"
                      + " linearly with it (quadratically in the projections); serving linearly.")
              .build(),
          HyperparameterSpec.integer(MAX_HISTORY_LENGTH)
              .defaultValue(50)
              .range(2, 200)
              .tunable(true)
              .description(
                  "How many of a user's most recent interactions the encoder reads, in training"
                      + " and at request time (the engine passes the newest 200).")
              .build(),
          HyperparameterSpec.integer(NUM_BLOCKS)
              .defaultValue(1)
              .range(1, 4)
              .tunable(true)
              .description("Self-attention blocks (attention plus feed-forward layer each).")
              .build(),
          HyperparameterSpec.integer(NUM_EPOCHS)
              .defaultValue(0)
              .range(0, 1000)
              .tunable(true)
              .description(
                  "Passes over every user's sequence; training time is proportional. 0 (the"
                      + " default) chooses enough passes for about 6,000 Adam steps, from 20 to"
                      + " 80: 80 on 100 k interactions, 20 on 1 M. DescribeSolutionVersion shows"
                      + " the number as learned.epochs.")
              .build(),
          HyperparameterSpec.continuous(LEARNING_RATE)
              .defaultValue(0.001)
              .range(1e-5, 0.1)
              .tunable(true)
              .description("Adam's step size.")
              .build(),
          HyperparameterSpec.integer(NUM_NEGATIVES)
              .defaultValue(256)
              .range(1, 100_000)
              .tunable(true)
              .description(
                  "Items drawn uniformly per mini-batch to compete with each true next item in"
                      + " the softmax; with a catalogue no larger than this, every item does"
                      + " (a full softmax).")
              .build(),
          SequenceTrainer.popularityShareSpec(),
          ItemTaste.weightSpec(),
          ItemTaste.historySpec(),
          ItemTaste.raritySpec(),
          HyperparameterSpec.continuous(DROPOUT_RATE)
              .defaultValue(0.2)
              .range(0.0, 0.9)
              .tunable(true)
              .description(
                  "Dropout on the input embeddings and on each residual branch in training.")
              .build(),
          HyperparameterSpec.integer(BATCH_SIZE)
              .defaultValue(32)
              .range(1, 4096)
              .description("History windows per Adam step.")
              .build());

  static SequenceTrainer.Config config(Hyperparameters hp) {
    return new SequenceTrainer.Config(
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
        hp.booleanValue(APPLY_RECENCY_BIAS),
        0.0,
        1.0,
        hp.doubleValue(SequenceTrainer.NEGATIVE_POPULARITY_SHARE),
        hp.doubleValue(ItemTaste.WEIGHT),
        hp.doubleValue(ItemTaste.HISTORY),
        hp.doubleValue(ItemTaste.RARITY));
  }

  /** Trains the self-attention model of the v2 recipes. */
  static SequenceModel train(
      String recipe, TrainingData data, Hyperparameters hp, TrainingContext ctx) {
    SequenceTrainer.Config cfg = config(hp);
    int blocks = hp.intValue(NUM_BLOCKS);
    return SequenceTrainer.train(
        recipe,
        data,
        cfg,
        (numItems, numBuckets) ->
            new SelfAttentionEncoder(
                numItems, cfg.maxLength(), numBuckets, blocks, cfg.hiddenDimension()),
        null,
        ctx);
  }
}
