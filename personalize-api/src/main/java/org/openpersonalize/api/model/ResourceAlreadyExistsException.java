package org.openpersonalize.api.model;

/**
 * A resource of that name or kind already exists (Amazon Personalize {@code
 * ResourceAlreadyExistsException}).
 */
public class ResourceAlreadyExistsException extends PersonalizeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, where, and what is allowed
   */
  public ResourceAlreadyExistsException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong, where, and what is allowed
   * @param cause the underlying failure
   */
  public ResourceAlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
