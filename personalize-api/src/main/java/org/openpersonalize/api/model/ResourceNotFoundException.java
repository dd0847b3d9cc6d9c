package org.openpersonalize.api.model;

/**
 * The resource an ARN or tracking ID names does not exist (Amazon Personalize {@code
 * ResourceNotFoundException}).
 */
public class ResourceNotFoundException extends PersonalizeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, where, and what is allowed
   */
  public ResourceNotFoundException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong, where, and what is allowed
   * @param cause the underlying failure
   */
  public ResourceNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
