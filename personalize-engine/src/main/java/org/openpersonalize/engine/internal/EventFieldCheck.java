package org.openpersonalize.engine.internal;

import java.util.List;
import java.util.function.IntFunction;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * The checks of PutEvents, PutItems and PutUsers that need no schema, run before the tracker or
 * dataset is looked up: a malformed event is a validation error whether or not its tracking ID
 * exists, as on Amazon (issue 12, item 6). The schema-dependent checks (properties against the
 * dataset's columns) stay with the conversion in {@link Events}.
 */
final class EventFieldCheck {
  private EventFieldCheck() {}

  /** Every schema-independent field of every event. */
  static void events(List<Event> events) {
    for (int i = 0; i < events.size(); i++) {
      event(events.get(i), "eventList[" + i + "]");
    }
  }

  private static void event(Event e, String where) {
    Check.length(where + ".eventId", e.eventId(), 1, 256);
    Check.length(where + ".eventType", Check.required(where + ".eventType", e.eventType()), 1, 256);
    Check.required(where + ".sentAt", e.sentAt());
    Check.length(where + ".itemId", e.itemId(), 1, 256);
    Check.length(where + ".properties", e.properties(), 1, 1024);
    Check.length(where + ".recommendationId", e.recommendationId(), 1, 40);
    if (e.hasImpression()) {
      if (e.impression().isEmpty() || e.impression().size() > 25) {
        throw new InvalidInputException(
            where + ".impression must list 1-25 item IDs; got: " + e.impression().size());
      }
      for (int j = 0; j < e.impression().size(); j++) {
        Check.length(where + ".impression[" + j + "]", e.impression().get(j), 1, 256);
      }
    }
    if (e.eventValue() != null && !Float.isFinite(e.eventValue())) {
      throw new InvalidInputException(
          where + ".eventValue must be a finite number; got: " + e.eventValue());
    }
    if (e.metricAttribution() != null) {
      Check.length(
          where + ".metricAttribution.eventAttributionSource",
          e.metricAttribution().eventAttributionSource(),
          0,
          1024);
    }
  }

  /** The IDs (required, 1-256 characters) and property lengths of PutItems or PutUsers. */
  static void entities(
      String listName,
      String idName,
      int count,
      IntFunction<String> id,
      IntFunction<String> properties,
      int maxProperties) {
    for (int i = 0; i < count; i++) {
      String where = listName + "[" + i + "]";
      Check.length(where + "." + idName, Check.required(where + "." + idName, id.apply(i)), 1, 256);
      Check.length(where + ".properties", properties.apply(i), 1, maxProperties);
    }
  }
}
