package org.openpersonalize.spi;

/**
 * What a recipe's models are for, as in Amazon Personalize's {@code recipeType}. It decides which
 * runtime operation serves the model and how the engine splits data for offline metrics (spec
 * §8.1).
 */
public enum RecipeType {
  /** Items for a user ({@code GetRecommendations} with a {@code userId}). */
  USER_PERSONALIZATION,
  /** The same popular or trending items for everyone; a user is optional. */
  POPULAR_ITEMS,
  /** Re-orders a caller's list of items for a user ({@code GetPersonalizedRanking}). */
  PERSONALIZED_RANKING,
  /** Items related to an item ({@code GetRecommendations} with an {@code itemId}). */
  RELATED_ITEMS,
  /** Users likely to interact with an item or attribute (batch segment jobs). */
  USER_SEGMENTATION
}
