package org.openpersonalize.spi;

/**
 * A kind of query a {@link Model} can answer. Callers ask {@link Model#supports} before calling the
 * matching scoring method; a model throws {@link UnsupportedOperationException} for the rest.
 */
public enum ModelCapability {
  /**
   * Scores every item for a user seen in training: {@link Model#scoreItemsForUser} and {@link
   * Model#scoreCandidatesForUser}.
   */
  ITEMS_FOR_USER,
  /**
   * Scores every item for a history of item indices, so users not in the model and users with
   * events newer than the model are served at once: {@link Model#scoreItemsForHistory} and {@link
   * Model#scoreCandidatesForHistory}.
   */
  ITEMS_FOR_HISTORY,
  /** Scores every item by how related it is to one item: {@link Model#scoreItemsForItem}. */
  ITEMS_FOR_ITEM,
  /**
   * Scores every user by affinity for one item: {@link Model#scoreUsersForItem}, and for a block of
   * items at once, {@link Model#scoreUsersForItems} (Item-Affinity segments, spec §3.12).
   */
  USERS_FOR_ITEM,
  /**
   * Scores every user by affinity for a set of items taken together — the items that match an
   * attribute query: {@link Model#scoreUsersForItemSet} (Item-Attribute-Affinity segments, spec
   * §3.13).
   */
  USERS_FOR_ITEM_SET,
  /**
   * Scores a block of histories in one pass ({@link Model#scoreItemsForHistories}) faster than one
   * {@link Model#scoreItemsForHistory(UserHistory, float[])} call each, e.g. by a matrix product
   * over the item factors ({@link FactorBlocks}). Batch jobs form blocks only for models that
   * declare it; every other model is scored one history at a time through the method's default.
   */
  BLOCK_SCORING
}
