package org.openpersonalize.api.model;

/**
 * More than 50 tag keys in one {@code UntagResource} request (Amazon Personalize {@code
 * TooManyTagKeysException}).
 */
public class TooManyTagKeysException extends PersonalizeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, where, and what is allowed
   */
  public TooManyTagKeysException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong, where, and what is allowed
   * @param cause the underlying failure
   */
  public TooManyTagKeysException(String message, Throwable cause) {
    super(message, cause);
  }
}
