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
   * A USER_SEGMENTATION recipe whose batch segment jobs take item-attribute queries ({@code
   * {"itemAttributes": "ITEMS.genres = \"Comedy\""}}) instead of items, scored with {@link
   * Model#scoreUsersForItemSet}; interaction filters do not apply to its segments
   * (Item-Attribute-Affinity, spec §3.13, §7.2).
   */
  ATTRIBUTE_SEGMENTS
}
