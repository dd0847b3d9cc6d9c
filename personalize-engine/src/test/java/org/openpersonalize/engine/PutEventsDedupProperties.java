package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.Interactions;

/**
 * PutEvents against a slow reference model (spec §1.7): for random streams of calls in which event
 * IDs repeat (within a call and across calls, with the same or different content), anonymous
 * sessions later sign in, and identical events recur, the training data holds exactly the events
 * the reference keeps — each event once.
 *
 * <p>The reference, event by event in arrival order: an event whose ID was seen before is dropped;
 * an event identical in every stored column to a kept one collapses into it (spec §1.6); an
 * anonymous event's user is its session, and at training every anonymous event moves to the user
 * whose event shares its session — the earliest such event's user, ties to the smaller user ID.
 */
class PutEventsDedupProperties {

  /** One generated PutEvents event, with the call's user and session. */
  record Sent(
      String eventId,
      String userId,
      String sessionId,
      String item,
      long ts,
      String type,
      Float value) {}

  @Property(tries = 40)
  void trainingSeesEachEventOnce(@ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<List<Sent>> calls = new ArrayList<>();
    int numCalls = 1 + rnd.nextInt(12);
    for (int c = 0; c < numCalls; c++) {
      String session = "s" + rnd.nextInt(4);
      String user = rnd.nextInt(3) == 0 ? null : "u" + rnd.nextInt(4);
      List<Sent> call = new ArrayList<>();
      int n = 1 + rnd.nextInt(10);
      for (int k = 0; k < n; k++) {
        call.add(
            new Sent(
                rnd.nextInt(4) == 0 ? null : "e" + rnd.nextInt(12),
                user,
                session,
                "i" + rnd.nextInt(5),
                // Before and after 1970, and few distinct values, so identical events recur.
                -2 + rnd.nextInt(5),
                rnd.nextBoolean() ? "click" : "watch",
                rnd.nextInt(3) == 0 ? null : (float) (1 + rnd.nextInt(2))));
      }
      calls.add(call);
    }

    Map<String, Integer> expected = reference(calls);
    Map<String, Integer> actual = new TreeMap<>();
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
              .datasetGroupArn();
      Fixtures.dataset(
          p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
      String trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
      for (List<Sent> call : calls) {
        List<Event> events = new ArrayList<>();
        for (Sent s : call) {
          events.add(
              Event.builder()
                  .eventId(s.eventId())
                  .eventType(s.type())
                  .itemId(s.item())
                  .eventValue(s.value())
                  .sentAt(Instant.ofEpochSecond(s.ts()))
                  .build());
        }
        engine
            .events()
            .putEvents(
                PutEventsRequest.builder()
                    .trackingId(trackingId)
                    .userId(call.get(0).userId())
                    .sessionId(call.get(0).sessionId())
                    .eventList(events)
                    .build());
      }
      DatasetGroupData data = engine.trainingData(group);
      Interactions x = data.interactions();
      for (int k = 0; k < x.size(); k++) {
        String key =
            key(
                data.users().id(x.user()[k]),
                data.items().id(x.item()[k]),
                x.timestamp()[k],
                x.eventTypes().id(x.eventType()[k]),
                Float.isNaN(x.eventValue()[k]) ? null : x.eventValue()[k]);
        actual.merge(key, 1, Integer::sum);
        if (k > 0 && x.user()[k] == x.user()[k - 1]) {
          assertFalse(x.timestamp()[k] < x.timestamp()[k - 1], "user-then-time order at " + k);
        }
        if (k > 0) {
          assertFalse(x.user()[k] < x.user()[k - 1], "user order at " + k);
        }
      }
    }
    assertEquals(expected, actual);
  }

  /** The slow, obvious model: the events training should see, as key → count. */
  static Map<String, Integer> reference(List<List<Sent>> calls) {
    Set<String> seenIds = new HashSet<>();
    // Stored rows in arrival order: identity (all stored columns) → the session of the first.
    Map<List<Object>, String> stored = new LinkedHashMap<>();
    for (List<Sent> call : calls) {
      for (Sent s : call) {
        if (s.eventId() != null && !seenIds.add(s.eventId())) {
          continue;
        }
        String user = s.userId() != null ? s.userId() : s.sessionId();
        List<Object> row = new ArrayList<>();
        row.add(user);
        row.add(s.item());
        row.add(s.ts());
        row.add(s.type());
        row.add(s.value());
        stored.putIfAbsent(row, s.sessionId());
      }
    }
    // Who signed in during each session: the earliest event's user, ties to the smaller ID.
    Map<String, Object[]> signedIn = new HashMap<>();
    for (Map.Entry<List<Object>, String> e : stored.entrySet()) {
      String user = (String) e.getKey().get(0);
      long ts = (Long) e.getKey().get(2);
      String session = e.getValue();
      if (user.equals(session)) {
        continue;
      }
      Object[] best = signedIn.get(session);
      if (best == null
          || ts < (Long) best[1]
          || (ts == (Long) best[1] && user.compareTo((String) best[0]) < 0)) {
        signedIn.put(session, new Object[] {user, ts});
      }
    }
    Map<String, Integer> out = new TreeMap<>();
    for (Map.Entry<List<Object>, String> e : stored.entrySet()) {
      List<Object> row = e.getKey();
      String user = (String) row.get(0);
      if (user.equals(e.getValue()) && signedIn.containsKey(user)) {
        user = (String) signedIn.get(user)[0];
      }
      out.merge(
          key(
              user,
              (String) row.get(1),
              (Long) row.get(2),
              (String) row.get(3),
              (Float) row.get(4)),
          1,
          Integer::sum);
    }
    return out;
  }

  private static String key(String user, String item, long ts, String type, Float value) {
    return user + "," + item + "," + ts + "," + type + "," + value;
  }
}
