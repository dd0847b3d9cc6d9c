package org.openpersonalize.api.model;

/**
 * A list call's {@code nextToken} is not one this engine issued for that list (Amazon Personalize
 * {@code InvalidNextTokenException}).
 */
public class InvalidNextTokenException extends PersonalizeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, where, and what is allowed
   */
  public InvalidNextTokenException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong, where, and what is allowed
   * @param cause the underlying failure
   */
  public InvalidNextTokenException(String message, Throwable cause) {
    super(message, cause);
  }
}
