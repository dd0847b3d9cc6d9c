package org.openpersonalize.api.model;

/** More than 50 tags on one resource (Amazon Personalize {@code TooManyTagsException}). */
public class TooManyTagsException extends PersonalizeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, where, and what is allowed
   */
  public TooManyTagsException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong, where, and what is allowed
   * @param cause the underlying failure
   */
  public TooManyTagsException(String message, Throwable cause) {
    super(message, cause);
  }
}
