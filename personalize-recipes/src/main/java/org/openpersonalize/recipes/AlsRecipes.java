package org.openpersonalize.recipes;

import java.util.List;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.HyperparameterSpec.Stage;

/**
 * The hyperparameters shared by the recipes trained with {@link ImplicitAls}
 * (aws-user-personalization and aws-personalized-ranking). Amazon's names and ranges are kept where
 * the idea carries over (spec §3.2, §3.7); the solver's own knobs follow them.
 */
final class AlsRecipes {
  private AlsRecipes() {}

  static final String HIDDEN_DIMENSION = "hidden_dimension";
  static final String BPTT = "bptt";
  static final String RECENCY_MASK = "recency_mask";
  static final String MIN_USER_PERCENTILE = "min_user_history_length_percentile";
  static final String MAX_USER_PERCENTILE = "max_user_history_length_percentile";
  static final String NUM_ITERATIONS = "num_iterations";
  static final String CG_STEPS = "cg_steps";
  static final String CONFIDENCE_ALPHA = "confidence_alpha";
  static final String REGULARIZATION = "regularization";
  static final String REPEAT_AWARENESS = "repeat_awareness";
  static final String FOLD_IN_REGULARIZATION = "fold_in_regularization";
  static final String METADATA_PRIOR_WEIGHT = "metadata_prior_weight";

  static final List<HyperparameterSpec> SPECS =
      List.of(
          HyperparameterSpec.integer(HIDDEN_DIMENSION)
              .defaultValue(149)
              .range(32, 256)
              .tunable(true)
              .description(
                  "Number of latent factors per user and item (Amazon's default and range). More"
                      + " factors capture finer tastes; training time grows about linearly with"
                      + " it and serving time linearly.")
              .build(),
          HyperparameterSpec.integer(BPTT)
              .defaultValue(32)
              .range(2, 32)
              .tunable(true)
              .description(
                  "With recency_mask, how many of a user's most recent interactions keep full"
                      + " weight; the weight halves every bptt interactions further back, down to"
                      + " a quarter. Named after HRNN's back-propagation window.")
              .build(),
          HyperparameterSpec.bool(RECENCY_MASK)
              .defaultValue(true)
              .tunable(true)
              .description(
                  "Weight a user's recent interactions more than old ones (see bptt), in training"
                      + " and in real-time fold-in.")
              .build(),
          HyperparameterSpec.continuous(MIN_USER_PERCENTILE)
              .stage(Stage.FEATURIZATION)
              .defaultValue(0.0)
              .range(0.0, 1.0)
              .description(
                  "Users whose number of distinct items is below this percentile of all users"
                      + " are left out of training (they are folded in afterwards).")
              .build(),
          HyperparameterSpec.continuous(MAX_USER_PERCENTILE)
              .stage(Stage.FEATURIZATION)
              .defaultValue(0.99)
              .range(0.0, 1.0)
              .description(
                  "Users whose number of distinct items is above this percentile (robots, shared"
                      + " accounts) are left out of training (they are folded in afterwards).")
              .build(),
          HyperparameterSpec.integer(NUM_ITERATIONS)
              .defaultValue(15)
              .range(1, 100)
              .tunable(true)
              .description(
                  "Alternating sweeps, each solving every user and then every item. Training time"
                      + " is proportional.")
              .build(),
          HyperparameterSpec.integer(CG_STEPS)
              .defaultValue(3)
              .range(1, 32)
              .description(
                  "Conjugate-gradient steps per row and sweep, warm-started from the previous"
                      + " sweep (Takács et al. 2011 found 3 enough).")
              .build(),
          HyperparameterSpec.continuous(CONFIDENCE_ALPHA)
              .defaultValue(5.0)
              .range(0.0, 10000.0)
              .tunable(true)
              .description(
                  "Confidence of an observed interaction is 1 + confidence_alpha * weight, where"
                      + " weight sums the pair's event weights (Hu, Koren & Volinsky 2008).")
              .build(),
          HyperparameterSpec.continuous(REGULARIZATION)
              .defaultValue(40.0)
              .range(0.0001, 10000.0)
              .tunable(true)
              .description(
                  "L2 penalty on user and item vectors (lambda). Not scaled by history length, so"
                      + " larger datasets need relatively less.")
              .build(),
          HyperparameterSpec.bool(REPEAT_AWARENESS)
              .defaultValue(true)
              .tunable(true)
              .description(
                  "Learn from the training data how often users come back to an item of their"
                      + " history (per event type and time since the last interaction) and rank"
                      + " the history's items by that when serving; false ranks them like any"
                      + " other item. The learned rates appear in DescribeSolutionVersion.")
              .build(),
          HyperparameterSpec.continuous(FOLD_IN_REGULARIZATION)
              .defaultValue(10.0)
              .range(0.0001, 10000.0)
              .tunable(true)
              .description(
                  "L2 penalty (lambda) when a user is folded in from their recent events at"
                      + " serving time; lower than regularization because a short real-time"
                      + " history should move the user further from the average.")
              .build(),
          HyperparameterSpec.continuous(METADATA_PRIOR_WEIGHT)
              .defaultValue(100.0)
              .range(0.0, 10000.0)
              .tunable(true)
              .description(
                  "With categorical item metadata, a fold-in also observes the centroid of the"
                      + " metadata values its items share, with confidence 1 + confidence_alpha *"
                      + " metadata_prior_weight: a new user's few events then generalise to their"
                      + " taste (e.g. a genre) instead of only to similar popular items. 0 turns"
                      + " it off.")
              .build());
}
