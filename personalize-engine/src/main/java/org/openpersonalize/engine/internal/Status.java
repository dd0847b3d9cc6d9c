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

  /** A stop was asked for while the job ran; it ends {@link #CREATE_STOPPED}. */
  public static final String CREATE_STOPPING = "CREATE STOPPING";

  /** Stopped before it finished; cannot resume. */
  public static final String CREATE_STOPPED = "CREATE STOPPED";

  private Status() {}

  /** Whether a status is final for a create operation. */
  public static boolean isTerminal(String status) {
    return status == null
        || !(CREATE_PENDING.equals(status)
            || CREATE_IN_PROGRESS.equals(status)
            || CREATE_STOPPING.equals(status));
  }
}
