package org.openpersonalize.api.model;

/**
 * The request was valid but the engine could not carry it out because of a failure on its own side:
 * the disk is full, the database file is read-only or damaged, another process held the database
 * lock too long, or an I/O error occurred. It is what Amazon's services report as an {@code
 * InternalFailure} (HTTP 500) and the AWS SDK surfaces as a service exception.
 *
 * <p>The message says what failed, whether anything of the call was stored (for a write: nothing),
 * and what to do; the SQLite error, when there is one, is the {@linkplain #getCause() cause}. The
 * engine recovers by itself once the cause is gone, so a call that failed this way can be retried
 * unchanged — {@link #retryable()} says whether retrying without any operator action may already
 * succeed (a lock held by someone else) or needs the cause fixed first (a full disk).
 */
public class InternalFailureException extends PersonalizeException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /**
   * Creates the exception.
   *
   * @param message what failed, what was kept, and what to do
   * @param retryable whether a retry may succeed without anyone fixing anything
   * @param cause the underlying failure, e.g. the SQLite error
   */
  public InternalFailureException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * Whether retrying the same call may succeed without an operator fixing anything first, e.g.
   * after another process released a lock it held on the database.
   *
   * @return true for transient conditions such as lock contention
   */
  public boolean retryable() {
    return retryable;
  }
}
