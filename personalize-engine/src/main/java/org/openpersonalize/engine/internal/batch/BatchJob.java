package org.openpersonalize.engine.internal.batch;

import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.store.Store;

/**
 * What one kind of batch job (inference, segment) gives the {@link BatchJobRunner}: its stored
 * locations, how to prepare its scorer, and how its record's status and line counts are written.
 * The runner owns the order of things; the kind owns its record.
 */
public interface BatchJob {
  /**
   * The line counts of a job.
   *
   * @param done lines answered or failed so far
   * @param total the input's non-blank lines, or -1 before they were counted
   * @param failed lines answered with an error so far
   */
  record Counts(long done, long total, long failed) {
    /** Nothing counted yet. */
    public static final Counts NONE = new Counts(0, -1, 0);
  }

  /** The job's ARN. */
  String arn();

  /** The job's name: unique among jobs of its kind, so it names the job's temporary files. */
  String name();

  /** The input location as given at creation. */
  String input();

  /** The output location as given at creation. */
  String output();

  /**
   * Prepares the job's scorer on the job's thread once it is in progress: loads the solution
   * version's model and checks what depends on it. An {@link
   * org.openpersonalize.api.model.InvalidInputException} (or any {@link
   * org.openpersonalize.api.model.PersonalizeException}) fails the job with its message.
   */
  LineScorer open();

  /**
   * The transaction body that stores the job's status, failure reason and counts. It must do
   * nothing when the job's record is gone.
   *
   * @param status the new status
   * @param reason why it failed, or null
   * @param counts the line counts
   */
  Store.Work<Void> update(Status status, String reason, Counts counts);
}
