package org.openpersonalize.aws;

import static org.openpersonalize.aws.EventsConversions.toOurs;
import static org.openpersonalize.aws.EventsConversions.toSdk;

import org.openpersonalize.engine.OpenPersonalize;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsServiceClientConfiguration;
import software.amazon.awssdk.services.personalizeevents.model.PutActionInteractionsRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutActionInteractionsResponse;
import software.amazon.awssdk.services.personalizeevents.model.PutActionsRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutActionsResponse;
import software.amazon.awssdk.services.personalizeevents.model.PutEventsRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutEventsResponse;
import software.amazon.awssdk.services.personalizeevents.model.PutItemsRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutItemsResponse;
import software.amazon.awssdk.services.personalizeevents.model.PutUsersRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutUsersResponse;

/** {@link PersonalizeEventsClient} on the engine's real-time data. */
final class EmbeddedPersonalizeEventsClient implements PersonalizeEventsClient {
  private final OpenPersonalize engine;
  private final Calls calls = new Calls("PersonalizeEventsClient", Errors::events);

  EmbeddedPersonalizeEventsClient(OpenPersonalize engine) {
    this.engine = engine;
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  /** The region is {@code local}, as in the engine's ARNs; there is no endpoint or credential. */
  @Override
  public PersonalizeEventsServiceClientConfiguration serviceClientConfiguration() {
    return PersonalizeEventsServiceClientConfiguration.builder().region(Region.of("local")).build();
  }

  /** Closes this client only; the engine belongs to the caller and stays open. */
  @Override
  public void close() {
    calls.close();
  }

  @Override
  public PutEventsResponse putEvents(PutEventsRequest request) {
    return calls.run(() -> toSdk(engine.events().putEvents(toOurs(request))));
  }

  @Override
  public PutItemsResponse putItems(PutItemsRequest request) {
    return calls.run(() -> toSdk(engine.events().putItems(toOurs(request))));
  }

  @Override
  public PutUsersResponse putUsers(PutUsersRequest request) {
    return calls.run(() -> toSdk(engine.events().putUsers(toOurs(request))));
  }

  @Override
  public PutActionsResponse putActions(PutActionsRequest request) {
    throw Calls.unsupported("PutActions");
  }

  @Override
  public PutActionInteractionsResponse putActionInteractions(PutActionInteractionsRequest request) {
    throw Calls.unsupported("PutActionInteractions");
  }
}
