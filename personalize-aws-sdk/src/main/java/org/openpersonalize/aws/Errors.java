package org.openpersonalize.aws;

import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.InvalidNextTokenException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.TooManyTagKeysException;
import org.openpersonalize.api.model.TooManyTagsException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The engine's exceptions as the SDK's: same type name, in the package of the client that was
 * called, same message.
 *
 * <p>Each exception also carries {@code awsErrorDetails()} (error code, message, service name and
 * HTTP status) as a service exception does, because Personalize code commonly logs {@code
 * e.awsErrorDetails().errorMessage()}. With those details the SDK's {@code getMessage()} appends
 * its usual {@code (Service: ..., Status Code: 400, Request ID: ...)} to the message; {@code
 * errorMessage()} is the engine's message exactly. The engine's exception is the cause, so its
 * stack trace is kept.
 */
final class Errors {
  /** Service names as the SDK reports them in {@code awsErrorDetails().serviceName()}. */
  static final String PERSONALIZE = "Personalize";

  static final String RUNTIME = "Personalize Runtime";
  static final String EVENTS = "Personalize Events";

  private Errors() {}

  /** For {@code PersonalizeClient}: every error type of the control plane has an SDK twin. */
  static RuntimeException personalize(PersonalizeException e) {
    AwsServiceException.Builder b;
    if (e instanceof InvalidInputException) {
      b = software.amazon.awssdk.services.personalize.model.InvalidInputException.builder();
    } else if (e instanceof ResourceNotFoundException) {
      b = software.amazon.awssdk.services.personalize.model.ResourceNotFoundException.builder();
    } else if (e instanceof ResourceAlreadyExistsException) {
      b =
          software.amazon.awssdk.services.personalize.model.ResourceAlreadyExistsException
              .builder();
    } else if (e instanceof ResourceInUseException) {
      b = software.amazon.awssdk.services.personalize.model.ResourceInUseException.builder();
    } else if (e instanceof LimitExceededException) {
      b = software.amazon.awssdk.services.personalize.model.LimitExceededException.builder();
    } else if (e instanceof InvalidNextTokenException) {
      b = software.amazon.awssdk.services.personalize.model.InvalidNextTokenException.builder();
    } else if (e instanceof TooManyTagsException) {
      b = software.amazon.awssdk.services.personalize.model.TooManyTagsException.builder();
    } else if (e instanceof TooManyTagKeysException) {
      b = software.amazon.awssdk.services.personalize.model.TooManyTagKeysException.builder();
    } else {
      b = software.amazon.awssdk.services.personalize.model.PersonalizeException.builder();
    }
    return finish(b, e, PERSONALIZE);
  }

  /**
   * For {@code PersonalizeRuntimeClient}, whose model has only these two; anything else is its
   * {@code PersonalizeRuntimeException} with our error code.
   */
  static RuntimeException runtime(PersonalizeException e) {
    AwsServiceException.Builder b;
    if (e instanceof InvalidInputException) {
      b = software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.builder();
    } else if (e instanceof ResourceNotFoundException) {
      b =
          software.amazon.awssdk.services.personalizeruntime.model.ResourceNotFoundException
              .builder();
    } else {
      b =
          software.amazon.awssdk.services.personalizeruntime.model.PersonalizeRuntimeException
              .builder();
    }
    return finish(b, e, RUNTIME);
  }

  /**
   * For {@code PersonalizeEventsClient}, whose model has these three; anything else is its {@code
   * PersonalizeEventsException} with our error code.
   */
  static RuntimeException events(PersonalizeException e) {
    AwsServiceException.Builder b;
    if (e instanceof InvalidInputException) {
      b = software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.builder();
    } else if (e instanceof ResourceNotFoundException) {
      b =
          software.amazon.awssdk.services.personalizeevents.model.ResourceNotFoundException
              .builder();
    } else if (e instanceof ResourceInUseException) {
      b = software.amazon.awssdk.services.personalizeevents.model.ResourceInUseException.builder();
    } else {
      b =
          software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException
              .builder();
    }
    return finish(b, e, EVENTS);
  }

  private static RuntimeException finish(
      AwsServiceException.Builder b, PersonalizeException e, String service) {
    // Amazon answers client errors with HTTP 400; a bare PersonalizeException or an
    // InternalFailureException is the engine's own failure (a damaged model file, a full disk),
    // which a service reports as a 500 — the SDK's service exception for it, retryable as 5xx are.
    int status =
        e.getClass() == PersonalizeException.class || e instanceof InternalFailureException
            ? 500
            : 400;
    String requestId = Calls.requestId();
    return b.message(e.getMessage())
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(e.errorCode())
                .errorMessage(e.getMessage())
                .serviceName(service)
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(status).build())
                .build())
        .statusCode(status)
        .requestId(requestId)
        .cause(e)
        .build();
  }
}
