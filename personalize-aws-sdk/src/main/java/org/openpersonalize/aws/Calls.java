package org.openpersonalize.aws;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openpersonalize.api.model.PersonalizeException;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;
import software.amazon.awssdk.awscore.util.AwsHeader;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * What every adapted call does around the conversion: refuse calls after {@code close()}, give the
 * response the HTTP status and request ID a service response has, and turn the engine's exceptions
 * into the SDK's.
 *
 * <p>The HTTP metadata matters because AWS's own examples read it, e.g. {@code
 * putEvents(...).sdkHttpResponse().statusCode()} and {@code
 * response.responseMetadata().requestId()}; without it they would fail with a {@code
 * NullPointerException}.
 */
final class Calls {
  private static final SdkHttpResponse OK =
      SdkHttpResponse.builder().statusCode(200).statusText("OK").build();

  private final String clientName;
  private final Function<PersonalizeException, RuntimeException> errors;
  private final AtomicBoolean closed = new AtomicBoolean();

  Calls(String clientName, Function<PersonalizeException, RuntimeException> errors) {
    this.clientName = clientName;
    this.errors = errors;
  }

  /**
   * Runs one converted call.
   *
   * @param call converts the request, calls the engine and converts the response
   * @return the SDK response with HTTP status 200 and a fresh request ID
   */
  <R extends AwsResponse> R run(Supplier<R> call) {
    if (closed.get()) {
      throw new IllegalStateException(
          clientName + " is closed; build another one with OpenPersonalizeAws");
    }
    R response;
    try {
      response = call.get();
    } catch (PersonalizeException e) {
      throw errors.apply(e);
    }
    AwsResponse.Builder b = response.toBuilder();
    b.sdkHttpResponse(OK);
    b.responseMetadata(
        DefaultAwsResponseMetadata.create(Map.of(AwsHeader.AWS_REQUEST_ID, requestId())));
    @SuppressWarnings("unchecked") // toBuilder().build() gives back the same response type
    R withMetadata = (R) b.build();
    return withMetadata;
  }

  /** Marks the client closed; the engine behind it stays open (the caller owns it). */
  void close() {
    closed.set(true);
  }

  /**
   * A request ID, as the service gives every call, so that code logging it has something to log.
   * IDs are handles, not model state, so they need not be reproducible.
   */
  static String requestId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The exception for an operation the engine does not offer yet.
   *
   * @param operation Amazon's operation name, e.g. {@code CreateFilter}
   * @return the exception to throw
   */
  static UnsupportedOperationException unsupported(String operation) {
    return new UnsupportedOperationException(
        operation + " is not supported by OpenPersonalize yet");
  }
}
