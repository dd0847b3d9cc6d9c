package org.openpersonalize.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user's recent interactions as serving reads them (spec §6.5), oldest first: item indices of the
 * model, event weights, and optionally each event's time and type, so that a model can judge how
 * likely the user is to come back to an item already in the history (see {@link
 * Model#scoreItemsForHistory(UserHistory, float[])}).
 *
 * <p>A history may also say whose it is: {@link #userIdx()}, the requesting user's index in the
 * trained model when the engine knows it (the user was in the training data's user dictionary —
 * with interactions, or only a row of the Users dataset), else -1. Models that learned something
 * per user besides the history (HRNN-Metadata's embeddings of the user's Users-dataset values) read
 * it; models that score from the events alone ignore it. The factories give -1; {@link
 * #withUserIdx} sets it.
 *
 * <p>Immutable: {@link #of} copies the arrays it keeps ({@link #view} shares them with a caller
 * that promises not to change them while the history is in use). Element accessors read single
 * entries so that scoring loops stay on primitives; they check {@code e} against the arrays, not
 * against {@link #size()}, so callers loop to {@code size()}.
 */
public final class UserHistory {
  private static final UserHistory EMPTY = new UserHistory(new int[0], null, null, null, 0, -1);

  private final int[] itemIdx;
  private final float[] weights;
  private final long[] timestamps;
  private final String[] eventTypes;
  private final int size;
  private final int userIdx;

  private UserHistory(
      int[] itemIdx,
      float[] weights,
      long[] timestamps,
      String[] eventTypes,
      int size,
      int userIdx) {
    this.itemIdx = itemIdx;
    this.weights = weights;
    this.timestamps = timestamps;
    this.eventTypes = eventTypes;
    this.size = size;
    this.userIdx = userIdx;
  }

  /**
   * The empty history: a user with no usable events.
   *
   * @return the empty history
   */
  public static UserHistory empty() {
    return EMPTY;
  }

  /**
   * A history of {@code n} events, oldest first, copied from the first {@code n} entries of each
   * array.
   *
   * @param itemIdx the items, each at least 0 (the model checks its own upper bound)
   * @param weights the event weights, each finite and at least 0, or {@code null} for 1 each
   * @param timestamps epoch seconds, non-decreasing, or {@code null} when unknown
   * @param eventTypes each event's {@code EVENT_TYPE}, or {@code null} when unknown (entries may be
   *     {@code null} too)
   * @param n how many events
   * @return the history
   * @throws IllegalArgumentException when {@code n} exceeds an array, or a value is out of range;
   *     the message names the array and the position
   */
  public static UserHistory of(
      int[] itemIdx, float[] weights, long[] timestamps, String[] eventTypes, int n) {
    check(itemIdx, weights, timestamps, eventTypes, n);
    return new UserHistory(
        Arrays.copyOf(itemIdx, n),
        weights == null ? null : Arrays.copyOf(weights, n),
        timestamps == null ? null : Arrays.copyOf(timestamps, n),
        eventTypes == null ? null : Arrays.copyOf(eventTypes, n),
        n,
        -1);
  }

  /**
   * A history of the first {@code n} entries of each array, checked as {@link #of} checks them but
   * not copied: for a caller that fills the same buffers request after request (serving), where a
   * copy would be the request's only garbage besides its response. The caller must not change the
   * first {@code n} entries while the history is in use, and a model must not keep a history past
   * the call it was given to (no model of this project does).
   *
   * @param itemIdx the items, each at least 0
   * @param weights the event weights, or {@code null} for 1 each
   * @param timestamps epoch seconds, non-decreasing, or {@code null} when unknown
   * @param eventTypes each event's {@code EVENT_TYPE}, or {@code null} when unknown
   * @param n how many events
   * @return a history backed by the arrays
   * @throws IllegalArgumentException as {@link #of}
   */
  public static UserHistory view(
      int[] itemIdx, float[] weights, long[] timestamps, String[] eventTypes, int n) {
    check(itemIdx, weights, timestamps, eventTypes, n);
    return new UserHistory(itemIdx, weights, timestamps, eventTypes, n, -1);
  }

  /**
   * This history, said to be the history of the model's user {@code userIdx}: the same events
   * (shared, not copied, so a {@link #view} stays a view), with {@link #userIdx()} set. Serving
   * (GetRecommendations, GetPersonalizedRanking, batch inference) and GetSolutionMetrics set it
   * when the requesting user is in the trained model's user index.
   *
   * @param userIdx the user's index in the model ({@code [0, numUsers)}; the model checks the upper
   *     bound), or -1 for unknown
   * @return a history with the same events and that user; this one when it already has it
   * @throws IllegalArgumentException when {@code userIdx} is below -1
   */
  public UserHistory withUserIdx(int userIdx) {
    if (userIdx < -1) {
      throw new IllegalArgumentException(
          "userIdx must be >= 0, or -1 for unknown; got: " + userIdx);
    }
    if (userIdx == this.userIdx) {
      return this;
    }
    return new UserHistory(itemIdx, weights, timestamps, eventTypes, size, userIdx);
  }

  private static void check(
      int[] itemIdx, float[] weights, long[] timestamps, String[] eventTypes, int n) {
    Objects.requireNonNull(itemIdx, "itemIdx");
    requireCount("itemIdx", n, itemIdx.length);
    if (weights != null) {
      requireCount("weights", n, weights.length);
    }
    if (timestamps != null) {
      requireCount("timestamps", n, timestamps.length);
    }
    if (eventTypes != null) {
      requireCount("eventTypes", n, eventTypes.length);
    }
    for (int e = 0; e < n; e++) {
      if (itemIdx[e] < 0) {
        throw new IllegalArgumentException("itemIdx[" + e + "] must be >= 0; got: " + itemIdx[e]);
      }
      if (weights != null && !(weights[e] >= 0 && weights[e] < Float.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "weights[" + e + "] must be finite and >= 0; got: " + weights[e]);
      }
      if (timestamps != null && e > 0 && timestamps[e] < timestamps[e - 1]) {
        throw new IllegalArgumentException(
            "timestamps["
                + e
                + "] must be >= timestamps["
                + (e - 1)
                + "] = "
                + timestamps[e - 1]
                + " (oldest first); got: "
                + timestamps[e]);
      }
    }
  }

  private static void requireCount(String array, int n, int length) {
    if (n < 0 || n > length) {
      throw new IllegalArgumentException(
          "n must be in [0, " + array + ".length = " + length + "]; got: " + n);
    }
  }

  /**
   * The number of events.
   *
   * @return at least 0
   */
  public int size() {
    return size;
  }

  /**
   * Whose history this is: the requesting user's index in the trained model, or -1 when unknown (an
   * anonymous or new user, or a caller that did not say). See {@link #withUserIdx}.
   *
   * @return the model's user index, or -1
   */
  public int userIdx() {
    return userIdx;
  }

  /**
   * The item of event {@code e}.
   *
   * @param e the event, {@code 0} the oldest
   * @return the item index
   */
  public int itemIdx(int e) {
    return itemIdx[e];
  }

  /**
   * The weight of event {@code e}.
   *
   * @param e the event
   * @return the weight, 1 when none were given
   */
  public float weight(int e) {
    return weights == null ? 1f : weights[e];
  }

  /**
   * Whether event times were given.
   *
   * @return true when {@link #timestamp(int)} may be called
   */
  public boolean hasTimestamps() {
    return timestamps != null;
  }

  /**
   * When event {@code e} happened.
   *
   * @param e the event
   * @return epoch seconds
   * @throws IllegalStateException when no times were given
   */
  public long timestamp(int e) {
    if (timestamps == null) {
      throw new IllegalStateException("timestamps were not given");
    }
    return timestamps[e];
  }

  /**
   * The {@code EVENT_TYPE} of event {@code e}.
   *
   * @param e the event
   * @return the type, or {@code null} when unknown
   */
  public String eventType(int e) {
    return eventTypes == null ? null : eventTypes[e];
  }

  /**
   * A copy of the items, for callers of the array-based scoring methods.
   *
   * @return a new array of {@link #size()} items
   */
  public int[] items() {
    return Arrays.copyOf(itemIdx, size);
  }

  /**
   * A copy of the weights.
   *
   * @return a new array of {@link #size()} weights, or {@code null} when none were given
   */
  public float[] weights() {
    return weights == null ? null : Arrays.copyOf(weights, size);
  }
}
