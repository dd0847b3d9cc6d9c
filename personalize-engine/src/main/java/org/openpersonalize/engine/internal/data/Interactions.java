package org.openpersonalize.engine.internal.data;

/**
 * A dataset group's interactions as primitive columns, one entry per stored (de-duplicated)
 * interaction, ordered by user then timestamp. Arrays are owned by this object; callers must not
 * modify them.
 *
 * @param size the number of interactions
 * @param user user index per interaction (into {@link DatasetGroupData#users()})
 * @param item item index per interaction (into {@link DatasetGroupData#items()})
 * @param timestamp epoch seconds per interaction
 * @param eventType event-type index per interaction (into {@code eventTypes}), -1 without an {@code
 *     EVENT_TYPE} column
 * @param eventValue the {@code EVENT_VALUE}, NaN when absent
 * @param eventTypes the distinct event types, in first-seen order
 */
public record Interactions(
    int size,
    int[] user,
    int[] item,
    long[] timestamp,
    int[] eventType,
    float[] eventValue,
    IdDictionary eventTypes) {}
