package org.openpersonalize.engine.internal.store;

import java.time.Instant;
import org.openpersonalize.engine.internal.Status;

/**
 * The columns every stored resource has.
 *
 * @param arn the resource's ARN
 * @param name the resource's name
 * @param parentArn the owning resource (dataset group, dataset, solution), or null
 * @param status the lifecycle status
 * @param failureReason why the resource failed, or null
 * @param created when it was created
 * @param updated when it last changed
 */
public record Header(
    String arn,
    String name,
    String parentArn,
    Status status,
    String failureReason,
    Instant created,
    Instant updated) {

  /** A new resource's columns: created and updated now. */
  public static Header created(String arn, String name, String parentArn, Status s, Instant now) {
    return new Header(arn, name, parentArn, s, null, now, now);
  }

  /** These columns with a new status and failure reason, updated at {@code now}. */
  public Header withStatus(Status s, String reason, Instant now) {
    return new Header(arn, name, parentArn, s, reason, created, now);
  }

  /** These columns, updated at {@code now}. */
  public Header touched(Instant now) {
    return new Header(arn, name, parentArn, status, failureReason, created, now);
  }
}
