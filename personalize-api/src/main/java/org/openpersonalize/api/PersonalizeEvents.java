package org.openpersonalize.api;

import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.PutEventsResponse;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.api.model.PutItemsResponse;
import org.openpersonalize.api.model.PutUsersRequest;
import org.openpersonalize.api.model.PutUsersResponse;

/**
 * Real-time data of Amazon Personalize, in-process: the AWS SDK for Java v2 {@code
 * PersonalizeEventsClient}. Implementations are thread-safe.
 */
public interface PersonalizeEvents {
  /**
   * Records 1-10 interaction events of one session in the dataset group of the tracker. The events
   * are durable when the call returns and are seen by the next recommendation request.
   *
   * <p>Amazon Personalize operation {@code PutEvents}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException naming the event and field that
   *     break a rule
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown tracking ID
   */
  PutEventsResponse putEvents(PutEventsRequest request);

  /**
   * Adds or replaces 1-10 items in an Items dataset; durable when the call returns.
   *
   * <p>Amazon Personalize operation {@code PutItems}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException naming the item and field that
   *     break a rule
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown dataset
   */
  PutItemsResponse putItems(PutItemsRequest request);

  /**
   * Adds or replaces 1-10 users in a Users dataset; durable when the call returns.
   *
   * <p>Amazon Personalize operation {@code PutUsers}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException naming the user and field that
   *     break a rule
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown dataset
   */
  PutUsersResponse putUsers(PutUsersRequest request);
}
