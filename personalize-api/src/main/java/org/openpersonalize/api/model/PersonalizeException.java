package org.openpersonalize.api.model;

/**
 * The root of every exception the library throws for a request it cannot carry out, as in the AWS
 * SDK where each Amazon Personalize error extends {@code PersonalizeException}. Catch the
 * subclasses to tell the cases apart; their names match Amazon's error codes.
 */
public class PersonalizeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what was wrong, where, and what is allowed.
   *
   * @param message the message
   */
  public PersonalizeException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause it wraps.
   *
   * @param message the message
   * @param cause the underlying failure
   */
  public PersonalizeException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Returns Amazon Personalize's error code for this exception, its simple class name.
   *
   * @return the error code, e.g. {@code InvalidInputException}
   */
  public String errorCode() {
    return getClass().getSimpleName();
  }
}
