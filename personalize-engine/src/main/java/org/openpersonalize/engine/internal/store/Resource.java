package org.openpersonalize.engine.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.openpersonalize.engine.internal.Status;

/**
 * A stored resource, typed: each kind is one record (package {@code internal.resource}) holding the
 * shared {@link Header} and its own fields with defaults already resolved. A record encodes itself
 * with {@link #attributes()}; its {@link Kind} decodes it. Nothing else reads the stored
 * attributes.
 */
public interface Resource {
  /** The kind. */
  Kind<?> kind();

  /** The shared columns. */
  Header meta();

  /** This resource's own fields as stored; a fresh object on each call. */
  ObjectNode attributes();

  /** The ARN. */
  default String arn() {
    return meta().arn();
  }

  /** The name. */
  default String name() {
    return meta().name();
  }

  /** The owning resource's ARN, or null. */
  default String parentArn() {
    return meta().parentArn();
  }

  /** The status. */
  default Status status() {
    return meta().status();
  }

  /** Why it failed, or null. */
  default String failureReason() {
    return meta().failureReason();
  }

  /** When it was created. */
  default Instant created() {
    return meta().created();
  }

  /** When it last changed. */
  default Instant updated() {
    return meta().updated();
  }
}
