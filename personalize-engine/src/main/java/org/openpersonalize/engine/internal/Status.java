package org.openpersonalize.engine.internal;

import org.openpersonalize.api.model.InternalFailureException;

/**
 * Lifecycle statuses, spelled as Amazon Personalize spells them (spec §1.2). {@link #toString()} is
 * the spelling, so messages and responses read as Amazon's do.
 */
public enum Status {
  /** Accepted, not started. */
  CREATE_PENDING("CREATE PENDING"),
  /** Running. */
  CREATE_IN_PROGRESS("CREATE IN_PROGRESS"),
  /** Ready (for a job: finished successfully). */
  ACTIVE("ACTIVE"),
  /** Failed; see the failure reason. */
  CREATE_FAILED("CREATE FAILED"),
  /** A stop was asked for while the job ran; it ends {@link #CREATE_STOPPED}. */
  CREATE_STOPPING("CREATE STOPPING"),
  /** Stopped before it finished; cannot resume. */
  CREATE_STOPPED("CREATE STOPPED"),
  /** A recommender asked to stop (StopRecommender), not yet stopping; it no longer serves. */
  STOP_PENDING("STOP PENDING"),
  /** A recommender stopping: its running retraining, if any, is being halted. */
  STOP_IN_PROGRESS("STOP IN_PROGRESS"),
  /** A stopped recommender (spec §1.13): serves nothing, is not retrained. */
  INACTIVE("INACTIVE"),
  /** A stopped recommender asked to start (StartRecommender), not yet starting. */
  START_PENDING("START PENDING"),
  /** A recommender starting; it serves once ACTIVE. */
  START_IN_PROGRESS("START IN_PROGRESS"),
  /** A recommender update is retraining; the previous model serves meanwhile. */
  UPDATE_IN_PROGRESS("UPDATE IN_PROGRESS"),
  /** A recommender update failed; the previous model still serves. */
  UPDATE_FAILED("UPDATE FAILED");

  private final String spelling;

  Status(String spelling) {
    this.spelling = spelling;
  }

  /** Whether a create operation in this status has ended (it will not change by itself). */
  public boolean terminal() {
    return this != CREATE_PENDING
        && this != CREATE_IN_PROGRESS
        && this != CREATE_STOPPING
        && this != UPDATE_IN_PROGRESS
        && this != STOP_PENDING
        && this != STOP_IN_PROGRESS
        && this != START_PENDING
        && this != START_IN_PROGRESS;
  }

  /** Whether a stored status string is final; null (a kind without status) counts as final. */
  public static boolean isTerminal(String spelling) {
    return spelling == null || parse(spelling).terminal();
  }

  /** The status with Amazon's spelling {@code s}. */
  public static Status parse(String s) {
    for (Status v : values()) {
      if (v.spelling.equals(s)) {
        return v;
      }
    }
    throw new InternalFailureException(
        "The store is damaged: unknown resource status "
            + s
            + "; restore the database from a backup, or delete the resource and create it again",
        false,
        null);
  }

  /** Amazon's spelling, e.g. {@code CREATE IN_PROGRESS}. */
  @Override
  public String toString() {
    return spelling;
  }
}
