package org.openpersonalize.engine.internal.schema;

import java.util.Locale;
import java.util.Set;

/**
 * Spec §1.4 and §2.1: an Item interactions dataset may have at most 10 distinct event types and
 * optional columns combined — "more than 10 unique event types … will cause model training to
 * fail". Checked when an import job finishes (so the data that would fail training is refused with
 * the file still at hand) and again before training (PutEvents can add event types).
 *
 * <p>Optional columns are every field but the required {@code USER_ID}, {@code ITEM_ID} and {@code
 * TIMESTAMP}, {@code EVENT_TYPE} and {@code EVENT_VALUE} included, as Amazon's quota table counts
 * them; {@code IMPRESSION}, {@code RECOMMENDATION_ID} and {@code EVENT_ATTRIBUTION_SOURCE} are
 * request bookkeeping that training never reads, and are not counted (docs/decisions.md).
 */
public final class InteractionLimits {
  /** The most distinct event types plus optional columns. */
  public static final int MAX_TYPES_AND_COLUMNS = 10;

  private static final Set<String> NOT_COUNTED =
      Set.of(
          "USER_ID",
          "ITEM_ID",
          "TIMESTAMP",
          "IMPRESSION",
          "RECOMMENDATION_ID",
          "EVENT_ATTRIBUTION_SOURCE");

  private InteractionLimits() {}

  /** The optional columns of an Interactions schema that count toward the limit. */
  public static int optionalColumns(ParsedSchema schema) {
    int n = 0;
    for (SchemaField f : schema.fields()) {
      if (!NOT_COUNTED.contains(f.name())) {
        n++;
      }
    }
    return n;
  }

  /**
   * Checks the limit.
   *
   * @param eventTypes distinct {@code EVENT_TYPE} values in the dataset
   * @param optionalColumns from {@link #optionalColumns}
   * @return null within the limit, else the message
   */
  public static String check(int eventTypes, int optionalColumns) {
    if (eventTypes + optionalColumns <= MAX_TYPES_AND_COLUMNS) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "The Item interactions dataset has more than %d unique event types and optional columns"
            + " combined (%d event types + %d optional columns = %d); more than %d unique event"
            + " types and optional columns will cause model training to fail",
        MAX_TYPES_AND_COLUMNS,
        eventTypes,
        optionalColumns,
        eventTypes + optionalColumns,
        MAX_TYPES_AND_COLUMNS);
  }
}
