package org.openpersonalize.api.model;

/**
 * A request or its data breaks a rule: a value out of range, a malformed schema, a bad CSV row
 * (Amazon Personalize {@code InvalidInputException}).
 */
public class InvalidInputException extends PersonalizeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, where, and what is allowed
   */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong, where, and what is allowed
   * @param cause the underlying failure
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
