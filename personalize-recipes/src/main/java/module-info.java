/**
 * OpenPersonalize's built-in recipes, provided to the engine through {@link
 * java.util.ServiceLoader}: aws-user-personalization and aws-personalized-ranking (implicit ALS),
 * aws-popularity-count, aws-sims, aws-item-affinity and aws-item-attribute-affinity (user segments,
 * the implicit-ALS model read column-wise), and aws-user-personalization-v2 /
 * aws-personalized-ranking-v2 (causal self-attention, package {@code sequence}), and aws-hrnn,
 * aws-hrnn-metadata and aws-hrnn-coldstart (a recurrent encoder on the same training loop). No
 * package is exported; everything is reached through {@code org.openpersonalize.spi}.
 */
module org.openpersonalize.recipes {
  requires org.openpersonalize.api;
  requires it.unimi.dsi.fastutil;
  requires ejml.core;
  requires ejml.ddense;

  provides org.openpersonalize.spi.Recipe with
      org.openpersonalize.recipes.PopularityCountRecipe,
      org.openpersonalize.recipes.UserPersonalizationRecipe,
      org.openpersonalize.recipes.PersonalizedRankingRecipe,
      org.openpersonalize.recipes.SimsRecipe,
      org.openpersonalize.recipes.ItemAffinityRecipe,
      org.openpersonalize.recipes.ItemAttributeAffinityRecipe,
      org.openpersonalize.recipes.TrendingNowRecipe,
      org.openpersonalize.recipes.SimilarItemsRecipe,
      org.openpersonalize.recipes.CoPurchaseRecipe,
      org.openpersonalize.recipes.sequence.UserPersonalizationV2Recipe,
      org.openpersonalize.recipes.sequence.PersonalizedRankingV2Recipe,
      org.openpersonalize.recipes.sequence.HrnnRecipe,
      org.openpersonalize.recipes.sequence.HrnnMetadataRecipe,
      org.openpersonalize.recipes.sequence.HrnnColdstartRecipe;
}
