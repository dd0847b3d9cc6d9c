package org.openpersonalize.recipes;

import java.util.List;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Hyperparameters;

/**
 * What the two USER_SEGMENTATION recipes (aws-item-affinity, aws-item-attribute-affinity; spec
 * §3.12, §3.13) share: their hyperparameters and how they map onto {@link ImplicitAls}, the trainer
 * of aws-user-personalization. A segment is the user model read column-wise — the users whose
 * vectors score an item (or a set of items) highest — so the same factorisation serves both.
 *
 * <p>Amazon documents one hyperparameter for these recipes, {@code hidden_dimension} (default 149,
 * range 32-256) and says they take no HPO; the solver's own settings follow with
 * aws-user-personalization's defaults, none of them tunable either. Every user is trained (no
 * history-length percentiles: a segment must be able to name any user) and no repeat propensity is
 * learned (it only reorders a user's own history when serving items).
 */
final class SegmentRecipes {
  private SegmentRecipes() {}

  static final List<HyperparameterSpec> SPECS =
      List.of(
          HyperparameterSpec.integer(AlsRecipes.HIDDEN_DIMENSION)
              .defaultValue(149)
              .range(32, 256)
              .description(
                  "Number of latent factors per user and item (Amazon's default and range; no"
                      + " HPO). Segment jobs cost time linear in it.")
              .build(),
          HyperparameterSpec.bool(AlsRecipes.RECENCY_MASK)
              .defaultValue(true)
              .description(
                  "Weight a user's recent interactions more than old ones: the 32 most recent keep"
                      + " full weight, older ones halve every 32 down to a quarter, so segments"
                      + " follow current tastes.")
              .build(),
          HyperparameterSpec.integer(AlsRecipes.NUM_ITERATIONS)
              .defaultValue(15)
              .range(1, 100)
              .description(
                  "Alternating sweeps, each solving every user and then every item. Training time"
                      + " is proportional.")
              .build(),
          HyperparameterSpec.integer(AlsRecipes.CG_STEPS)
              .defaultValue(3)
              .range(1, 32)
              .description(
                  "Conjugate-gradient steps per row and sweep, warm-started from the previous"
                      + " sweep (Takács et al. 2011).")
              .build(),
          HyperparameterSpec.continuous(AlsRecipes.CONFIDENCE_ALPHA)
              .defaultValue(5.0)
              .range(0.0, 10000.0)
              .description(
                  "Confidence of an observed interaction is 1 + confidence_alpha * weight (Hu,"
                      + " Koren & Volinsky 2008).")
              .build(),
          HyperparameterSpec.continuous(AlsRecipes.REGULARIZATION)
              .defaultValue(40.0)
              .range(0.0001, 10000.0)
              .description("L2 penalty on user and item vectors (lambda).")
              .build());

  /** The recency window of {@code recency_mask}, aws-user-personalization's default bptt. */
  static final int BPTT = 32;

  /** The fold-in prior weight of aws-user-personalization's default (used by offline metrics). */
  static final float METADATA_PRIOR_WEIGHT = 100f;

  /** Trainer settings for a segmentation recipe's resolved hyperparameters. */
  static ImplicitAls.Params params(Hyperparameters hp) {
    float lambda = (float) hp.doubleValue(AlsRecipes.REGULARIZATION);
    return new ImplicitAls.Params(
        hp.intValue(AlsRecipes.HIDDEN_DIMENSION),
        hp.intValue(AlsRecipes.NUM_ITERATIONS),
        hp.intValue(AlsRecipes.CG_STEPS),
        (float) hp.doubleValue(AlsRecipes.CONFIDENCE_ALPHA),
        lambda,
        hp.booleanValue(AlsRecipes.RECENCY_MASK),
        BPTT,
        0.0,
        1.0,
        false,
        lambda,
        METADATA_PRIOR_WEIGHT);
  }
}
