package org.openpersonalize.api.model;

/**
 * The resource is in use or not in a state that allows the operation, e.g. deleting a dataset group
 * that still holds datasets (Amazon Personalize {@code ResourceInUseException}).
 */
public class ResourceInUseException extends PersonalizeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong, where, and what is allowed
   */
  public ResourceInUseException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong, where, and what is allowed
   * @param cause the underlying failure
   */
  public ResourceInUseException(String message, Throwable cause) {
    super(message, cause);
  }
}
