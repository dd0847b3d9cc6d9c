package org.openpersonalize.aws;

import static org.openpersonalize.aws.PersonalizeConversions.each;

import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.MetricAttribution;
import software.amazon.awssdk.services.personalizeevents.model.PutEventsRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutEventsResponse;
import software.amazon.awssdk.services.personalizeevents.model.PutItemsRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutItemsResponse;
import software.amazon.awssdk.services.personalizeevents.model.PutUsersRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutUsersResponse;
import software.amazon.awssdk.services.personalizeevents.model.User;

/**
 * Real-time data requests from the SDK's model to ours and responses back, every field by name (see
 * {@link PersonalizeConversions} for the rules).
 */
final class EventsConversions {
  private EventsConversions() {}

  static org.openpersonalize.api.model.MetricAttribution toOurs(MetricAttribution m) {
    return m == null
        ? null
        : org.openpersonalize.api.model.MetricAttribution.builder()
            .eventAttributionSource(m.eventAttributionSource())
            .build();
  }

  static org.openpersonalize.api.model.Event toOurs(Event e) {
    return e == null
        ? null
        : org.openpersonalize.api.model.Event.builder()
            .eventId(e.eventId())
            .eventType(e.eventType())
            .eventValue(e.eventValue())
            .itemId(e.itemId())
            .properties(e.properties())
            .sentAt(e.sentAt())
            .recommendationId(e.recommendationId())
            .impression(e.hasImpression() ? e.impression() : null)
            .metricAttribution(toOurs(e.metricAttribution()))
            .build();
  }

  static org.openpersonalize.api.model.PutEventsRequest toOurs(PutEventsRequest r) {
    return org.openpersonalize.api.model.PutEventsRequest.builder()
        .trackingId(r.trackingId())
        .userId(r.userId())
        .sessionId(r.sessionId())
        .eventList(r.hasEventList() ? each(r.eventList(), EventsConversions::toOurs) : null)
        .build();
  }

  static PutEventsResponse toSdk(org.openpersonalize.api.model.PutEventsResponse r) {
    return PutEventsResponse.builder().build();
  }

  static org.openpersonalize.api.model.Item toOurs(Item i) {
    return i == null
        ? null
        : org.openpersonalize.api.model.Item.builder()
            .itemId(i.itemId())
            .properties(i.properties())
            .build();
  }

  static org.openpersonalize.api.model.PutItemsRequest toOurs(PutItemsRequest r) {
    return org.openpersonalize.api.model.PutItemsRequest.builder()
        .datasetArn(r.datasetArn())
        .items(r.hasItems() ? each(r.items(), EventsConversions::toOurs) : null)
        .build();
  }

  static PutItemsResponse toSdk(org.openpersonalize.api.model.PutItemsResponse r) {
    return PutItemsResponse.builder().build();
  }

  static org.openpersonalize.api.model.User toOurs(User u) {
    return u == null
        ? null
        : org.openpersonalize.api.model.User.builder()
            .userId(u.userId())
            .properties(u.properties())
            .build();
  }

  static org.openpersonalize.api.model.PutUsersRequest toOurs(PutUsersRequest r) {
    return org.openpersonalize.api.model.PutUsersRequest.builder()
        .datasetArn(r.datasetArn())
        .users(r.hasUsers() ? each(r.users(), EventsConversions::toOurs) : null)
        .build();
  }

  static PutUsersResponse toSdk(org.openpersonalize.api.model.PutUsersResponse r) {
    return PutUsersResponse.builder().build();
  }
}
