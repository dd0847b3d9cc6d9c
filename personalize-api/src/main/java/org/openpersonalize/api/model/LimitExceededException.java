package org.openpersonalize.api.model;

/**
 * A quota would be exceeded, e.g. more than 5 import jobs pending (Amazon Personalize {@code
 * LimitExceededException}).
 */
public class LimitExceededException extends PersonalizeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, where, and what is allowed
   */
  public LimitExceededException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong, where, and what is allowed
   * @param cause the underlying failure
   */
  public LimitExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
