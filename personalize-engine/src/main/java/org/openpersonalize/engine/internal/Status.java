package org.openpersonalize.engine.internal;

/** Lifecycle status strings, spelled as Amazon Personalize spells them (spec §1.2). */
public final class Status {
  /** Accepted, not started. */
  public static final String CREATE_PENDING = "CREATE PENDING";

  /** Running. */
  public static final String CREATE_IN_PROGRESS = "CREATE IN_PROGRESS";

  /** Ready (for a job: finished successfully). */
  public static final String ACTIVE = "ACTIVE";

  /** Failed; see the failure reason. */
  public static final String CREATE_FAILED = "CREATE FAILED";

  private Status() {}

  /** Whether a status is final for a create operation. */
  public static boolean isTerminal(String status) {
    return status == null || !(CREATE_PENDING.equals(status) || CREATE_IN_PROGRESS.equals(status));
  }
}
