package org.openpersonalize.aws;

import java.util.Objects;
import org.openpersonalize.engine.OpenPersonalize;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;

/**
 * The AWS SDK for Java v2 Amazon Personalize clients, answered in-process by an {@link
 * OpenPersonalize} engine: code written against {@link PersonalizeClient}, {@link
 * PersonalizeRuntimeClient} and {@link PersonalizeEventsClient} switches to OpenPersonalize by
 * changing how the clients are built, and nothing else.
 *
 * <pre>{@code
 * OpenPersonalize engine = OpenPersonalize.open(Path.of("personalize-data"));
 * PersonalizeClient personalize = OpenPersonalizeAws.personalizeClient(engine);
 * PersonalizeRuntimeClient runtime = OpenPersonalizeAws.personalizeRuntimeClient(engine);
 * PersonalizeEventsClient events = OpenPersonalizeAws.personalizeEventsClient(engine);
 * }</pre>
 *
 * <p>Each call converts the SDK request to the engine's, calls the engine and converts the answer
 * back, field by field. The engine's exceptions become the SDK's exception types of the same name
 * (for example {@code software.amazon.awssdk.services.personalize.model.ResourceNotFoundException})
 * with the same message and {@code awsErrorDetails()}. Operations the engine does not support yet
 * throw {@link UnsupportedOperationException} naming the operation, and a request field the engine
 * cannot honour yet is an {@code InvalidInputException} naming the field, rather than being
 * dropped; {@code docs/aws-compatibility.md} lists every operation.
 *
 * <p>The clients are thread-safe. Closing a client does not close the engine: the caller owns it.
 */
public final class OpenPersonalizeAws {
  private OpenPersonalizeAws() {}

  /**
   * Returns a control-plane client (dataset groups, schemas, datasets, import jobs, event trackers,
   * recipes, solutions, solution versions, campaigns) backed by {@code engine}.
   *
   * @param engine the engine to call; it stays open when the client is closed
   * @return a new client
   */
  public static PersonalizeClient personalizeClient(OpenPersonalize engine) {
    return new EmbeddedPersonalizeClient(Objects.requireNonNull(engine, "engine"));
  }

  /**
   * Returns a recommendations client ({@code GetRecommendations}, {@code GetPersonalizedRanking})
   * backed by {@code engine}.
   *
   * @param engine the engine to call; it stays open when the client is closed
   * @return a new client
   */
  public static PersonalizeRuntimeClient personalizeRuntimeClient(OpenPersonalize engine) {
    return new EmbeddedPersonalizeRuntimeClient(Objects.requireNonNull(engine, "engine"));
  }

  /**
   * Returns a real-time data client ({@code PutEvents}, {@code PutItems}, {@code PutUsers}) backed
   * by {@code engine}.
   *
   * @param engine the engine to call; it stays open when the client is closed
   * @return a new client
   */
  public static PersonalizeEventsClient personalizeEventsClient(OpenPersonalize engine) {
    return new EmbeddedPersonalizeEventsClient(Objects.requireNonNull(engine, "engine"));
  }
}
