package org.openpersonalize.spi;

/**
 * What a recipe offers beyond FULL training, as {@link Recipe#capabilities()} declares it. The
 * engine asks for these instead of knowing recipes by name, so a user's recipe can offer them too.
 */
public enum RecipeCapability {
  /**
   * Accepts {@code CreateSolutionVersion} with {@code trainingMode UPDATE}: a new version that
   * keeps the latest FULL version's model and brings items added since into play through
   * exploration, without relearning (Amazon's User-Personalization, spec §1.11).
   */
  UPDATE_TRAINING,
  /**
   * Its campaigns explore new and cold items: {@code campaignConfig.itemExplorationConfig} ({@code
   * explorationWeight}, {@code explorationItemAgeCutOff}) applies (spec §1.12).
   */
  ITEM_EXPLORATION,
  /**
   * With {@link #UPDATE_TRAINING}: an UPDATE version is trained afresh by {@link Recipe#train} on
   * the dataset group's current data (bulk and streamed interactions, new items included) instead
   * of keeping the FULL version's model, without offline metrics. For recipes whose training is
   * cheap counting that must follow new data between FULL trainings (Trending-Now, spec §3.5 and
   * §9.6: "new items enter at every trend-discovery interval without training").
   */
  UPDATE_RETRAINS,
  /**
   * A USER_SEGMENTATION recipe whose batch segment jobs take item-attribute queries ({@code
   * {"itemAttributes": "ITEMS.genres = \"Comedy\""}}) instead of items, scored with {@link
   * Model#scoreUsersForItemSet}; interaction filters do not apply to its segments
   * (Item-Attribute-Affinity, spec §3.13, §7.2).
   */
  ATTRIBUTE_SEGMENTS,
  /**
   * Tunes itself: a solution with {@code performAutoTraining} runs a hyperparameter search over the
   * recipe's tunable hyperparameters (those the solution does not fix) without {@code performHPO},
   * at its first training and again once the last search is 90 days old; trainings in between reuse
   * the values found (Amazon's User-Personalization-v2 and Personalized-Ranking-v2, spec §3.1,
   * §9.4).
   */
  AUTOMATIC_HPO,
  /**
   * Its responses say why each item is there: a {@code reason} list per item ({@code Promoted item}
   * for an item a promotion placed, {@code Exploration} for an explored one), and its batch
   * inference output adds {@code reasons}, one list per recommended item, possibly empty (Amazon's
   * User-Personalization-v2, spec §3.1, §6.1, §7.1).
   */
  ITEM_REASONS
}
