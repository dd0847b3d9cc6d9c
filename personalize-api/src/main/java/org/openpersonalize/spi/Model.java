package org.openpersonalize.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;

/**
 * A trained model: immutable, safe to share between threads, and scoring into caller-provided
 * buffers so that serving allocates nothing per candidate.
 *
 * <p>Every scoring method writes one {@code float} per item (or user) into {@code out[0 .. n-1]};
 * higher ranks higher, and {@link #scoreKind()} says whether the numbers are softmax logits. Scores
 * are finite except where a method says otherwise. Which methods a model answers is given by {@link
 * #capabilities()}; the others throw {@link UnsupportedOperationException}. Filtering (seen items,
 * filter expressions) and top-K selection ({@link TopK}) are the caller's job.
 *
 * <p>Arguments are checked once at entry ({@link IllegalArgumentException} for a bad index or a
 * short buffer); the loops behind them run unchecked.
 *
 * <p>{@link #writeTo} writes a versioned payload that {@link Recipe#readModel} of the same recipe
 * reads back into an equal model. The engine wraps the payload in its own file header and checksum.
 */
public interface Model {

  /**
   * The number of users the model knows; user indices are {@code 0 .. numUsers-1} of the training
   * data.
   *
   * @return the user count
   */
  int numUsers();

  /**
   * The number of items the model scores; item indices are those of the training data.
   *
   * @return the item count
   */
  int numItems();

  /**
   * The queries this model answers.
   *
   * @return an unmodifiable set
   */
  Set<ModelCapability> capabilities();

  /**
   * Whether this model answers a kind of query.
   *
   * @param capability the kind of query
   * @return true when the matching methods may be called
   */
  default boolean supports(ModelCapability capability) {
    return capabilities().contains(capability);
  }

  /**
   * What the scores mean.
   *
   * @return the score kind
   */
  ScoreKind scoreKind();

  /**
   * Scores every item for a user of the training data ({@link ModelCapability#ITEMS_FOR_USER}).
   *
   * @param userIdx the user, in {@code [0, numUsers)}
   * @param out receives {@code numItems} scores; at least that long
   */
  default void scoreItemsForUser(int userIdx, float[] out) {
    throw unsupported(ModelCapability.ITEMS_FOR_USER);
  }

  /**
   * Scores a few items for a user ({@link ModelCapability#ITEMS_FOR_USER}), as
   * GetPersonalizedRanking needs; cheaper than scoring every item.
   *
   * @param userIdx the user, in {@code [0, numUsers)}
   * @param candidates item indices, each in {@code [0, numItems)}
   * @param numCandidates how many of {@code candidates} to score
   * @param out receives the score of {@code candidates[c]} at {@code out[c]}
   */
  default void scoreCandidatesForUser(
      int userIdx, int[] candidates, int numCandidates, float[] out) {
    float[] all = new float[numItems()];
    scoreItemsForUser(userIdx, all);
    gather(all, candidates, numCandidates, out);
  }

  /**
   * Scores every item for a history of interactions ({@link ModelCapability#ITEMS_FOR_HISTORY}):
   * users who are new, anonymous, or have events newer than the model (spec §6.5, §9.9). An empty
   * history gives the model's cold-start scores.
   *
   * @param itemIdx the items interacted with, oldest first; each in {@code [0, numItems)}
   * @param weights the event weights, parallel to {@code itemIdx} and at least 0, or {@code null}
   *     for weight 1 each
   * @param n how many entries of {@code itemIdx} (and {@code weights}) to use
   * @param out receives {@code numItems} scores
   */
  default void scoreItemsForHistory(int[] itemIdx, float[] weights, int n, float[] out) {
    throw unsupported(ModelCapability.ITEMS_FOR_HISTORY);
  }

  /**
   * Scores a few items for a history ({@link ModelCapability#ITEMS_FOR_HISTORY}).
   *
   * @param itemIdx the items interacted with, oldest first
   * @param weights the event weights, or {@code null} for weight 1 each
   * @param n how many history entries to use
   * @param candidates item indices to score
   * @param numCandidates how many of {@code candidates} to score
   * @param out receives the score of {@code candidates[c]} at {@code out[c]}
   */
  default void scoreCandidatesForHistory(
      int[] itemIdx, float[] weights, int n, int[] candidates, int numCandidates, float[] out) {
    float[] all = new float[numItems()];
    scoreItemsForHistory(itemIdx, weights, n, all);
    gather(all, candidates, numCandidates, out);
  }

  /**
   * Scores every item for a history with its times and event types ({@link
   * ModelCapability#ITEMS_FOR_HISTORY}): what serving calls, so that a model may also judge how
   * likely the user is to come back to items already in the history (User-Personalization's
   * repeat-awareness) without the engine knowing how. The history also carries the requesting
   * user's index in this model when the engine knows it ({@link UserHistory#userIdx()}, else -1),
   * for a model that learned per-user features (HRNN-Metadata's Users metadata). The default
   * ignores times, types and user and calls {@link #scoreItemsForHistory(int[], float[], int,
   * float[])}.
   *
   * @param history the user's events, oldest first; items in {@code [0, numItems)}
   * @param out receives {@code numItems} scores
   */
  default void scoreItemsForHistory(UserHistory history, float[] out) {
    scoreItemsForHistory(history.items(), history.weights(), history.size(), out);
  }

  /**
   * Scores a few items for a history with its times and event types ({@link
   * ModelCapability#ITEMS_FOR_HISTORY}), as GetPersonalizedRanking needs. The default ignores times
   * and types.
   *
   * @param history the user's events, oldest first
   * @param candidates item indices to score
   * @param numCandidates how many of {@code candidates} to score
   * @param out receives the score of {@code candidates[c]} at {@code out[c]}
   */
  default void scoreCandidatesForHistory(
      UserHistory history, int[] candidates, int numCandidates, float[] out) {
    scoreCandidatesForHistory(
        history.items(), history.weights(), history.size(), candidates, numCandidates, out);
  }

  /**
   * Scores every item for each of {@code n} histories, exactly as {@link
   * #scoreItemsForHistory(UserHistory, float[])} scores each one alone (batch inference, spec §7.1,
   * relies on it to return what GetRecommendations returns). The default does just that, one
   * history at a time; a model that declares {@link ModelCapability#BLOCK_SCORING} does the block
   * in one pass.
   *
   * @param histories the users' histories, each as for {@link #scoreItemsForHistory(UserHistory,
   *     float[])}
   * @param n how many of {@code histories} to score
   * @param out receives the scores of {@code histories[u]} in {@code out[u][0 .. numItems-1]}
   */
  default void scoreItemsForHistories(UserHistory[] histories, int n, float[][] out) {
    if (n < 0 || n > histories.length || n > out.length) {
      throw new IllegalArgumentException(
          "n must be in [0, min(histories.length, out.length)]; got: " + n);
    }
    for (int u = 0; u < n; u++) {
      scoreItemsForHistory(histories[u], out[u]);
    }
  }

  /**
   * What training learned from the data besides the factors, for users to see: the engine reports
   * each entry in DescribeSolutionVersion's {@code tunedHPOParams.algorithmHyperParameters}. Keys
   * start with {@code learned.} so they cannot collide with a hyperparameter's name.
   *
   * @return an unmodifiable map, by default empty
   */
  default Map<String, String> learnedParameters() {
    return Map.of();
  }

  /**
   * Scores every item by relatedness to one item ({@link ModelCapability#ITEMS_FOR_ITEM}). The
   * query item itself gets {@link Float#NEGATIVE_INFINITY}; callers exclude it.
   *
   * @param itemIdx the query item, in {@code [0, numItems)}
   * @param out receives {@code numItems} scores
   */
  default void scoreItemsForItem(int itemIdx, float[] out) {
    throw unsupported(ModelCapability.ITEMS_FOR_ITEM);
  }

  /**
   * Scores every user by affinity for one item ({@link ModelCapability#USERS_FOR_ITEM}).
   *
   * @param itemIdx the item, in {@code [0, numItems)}
   * @param out receives {@code numUsers} scores
   */
  default void scoreUsersForItem(int itemIdx, float[] out) {
    throw unsupported(ModelCapability.USERS_FOR_ITEM);
  }

  /**
   * Scores every user for each of a block of items ({@link ModelCapability#USERS_FOR_ITEM}): what a
   * batch segment job (Amazon's {@code CreateBatchSegmentJob} with Item-Affinity, spec §7.2) calls,
   * so that a model can compute the block as one matrix product instead of one pass over the users
   * per item. The default calls {@link #scoreUsersForItem} per item.
   *
   * @param itemIdx the items, each in {@code [0, numItems)}
   * @param n how many entries of {@code itemIdx} to score
   * @param out {@code out[r]} receives the {@code numUsers} scores of {@code itemIdx[r]}; each at
   *     least that long
   */
  default void scoreUsersForItems(int[] itemIdx, int n, float[][] out) {
    if (n < 0 || n > itemIdx.length || n > out.length) {
      throw new IllegalArgumentException(
          "n must be in [0, min(itemIdx.length, out.length)]; got: " + n);
    }
    for (int r = 0; r < n; r++) {
      scoreUsersForItem(itemIdx[r], out[r]);
    }
  }

  /**
   * Scores every user by affinity for a set of items taken together ({@link
   * ModelCapability#USERS_FOR_ITEM_SET}): the users most likely to interact with items having some
   * attributes (Amazon's Item-Attribute-Affinity, spec §3.13). How the set is combined is the
   * model's to say; higher means more likely.
   *
   * @param itemIdx the items of the set, each in {@code [0, numItems)}; at least one
   * @param n how many entries of {@code itemIdx} to use
   * @param out receives {@code numUsers} scores
   */
  default void scoreUsersForItemSet(int[] itemIdx, int n, float[] out) {
    throw unsupported(ModelCapability.USERS_FOR_ITEM_SET);
  }

  /**
   * Writes the model's versioned payload. The stream is not closed.
   *
   * @param out where to write
   * @throws IOException when writing fails
   */
  void writeTo(OutputStream out) throws IOException;

  private UnsupportedOperationException unsupported(ModelCapability capability) {
    return new UnsupportedOperationException(
        getClass().getSimpleName()
            + " does not support "
            + capability
            + "; check capabilities() first: "
            + capabilities());
  }

  private void gather(float[] all, int[] candidates, int numCandidates, float[] out) {
    if (numCandidates < 0 || numCandidates > candidates.length || numCandidates > out.length) {
      throw new IllegalArgumentException(
          "numCandidates must be in [0, min(candidates.length, out.length)]; got: "
              + numCandidates);
    }
    for (int c = 0; c < numCandidates; c++) {
      int item = candidates[c];
      if (item < 0 || item >= all.length) {
        throw new IllegalArgumentException(
            "candidates[" + c + "] must be in [0, " + all.length + "); got: " + item);
      }
      out[c] = all[item];
    }
  }
}
