package org.openpersonalize.engine.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One stored resource: the columns every kind shares plus its own fields in {@code attrs}.
 *
 * @param arn the resource's ARN
 * @param kind the kind, e.g. {@code dataset-group}
 * @param name the resource's name
 * @param parentArn the owning resource (dataset group, dataset, ...), or null
 * @param status the lifecycle status, or null for kinds without one (schemas)
 * @param failureReason why the resource failed, or null
 * @param created when it was created
 * @param updated when it last changed
 * @param attrs the kind's own fields; callers must not modify it
 */
public record Resource(
    String arn,
    String kind,
    String name,
    String parentArn,
    String status,
    String failureReason,
    Instant created,
    Instant updated,
    ObjectNode attrs) {

  /**
   * This resource with a new status and failure reason, updated at {@code now}; the attributes are
   * the same (mutable) object, so changes made to them are carried along.
   */
  public Resource withStatus(String status, String reason, Instant now) {
    return new Resource(arn, kind, name, parentArn, status, reason, created, now, attrs);
  }

  /** A text attribute, or null when absent. */
  public String text(String field) {
    return attrs.hasNonNull(field) ? attrs.get(field).asText() : null;
  }

  /** A long attribute, or {@code dflt} when absent. */
  public long longValue(String field, long dflt) {
    return attrs.hasNonNull(field) ? attrs.get(field).asLong() : dflt;
  }

  /** A boolean attribute, or {@code dflt} when absent. */
  public boolean bool(String field, boolean dflt) {
    return attrs.hasNonNull(field) ? attrs.get(field).asBoolean() : dflt;
  }
}
