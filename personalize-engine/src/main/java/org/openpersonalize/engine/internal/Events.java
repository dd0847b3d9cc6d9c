package org.openpersonalize.engine.internal;

import static org.openpersonalize.engine.internal.PropertyRows.checkColumn;
import static org.openpersonalize.engine.internal.PropertyRows.field;
import static org.openpersonalize.engine.internal.PropertyRows.parseObject;
import static org.openpersonalize.engine.internal.PropertyRows.put;
import static org.openpersonalize.engine.internal.PropertyRows.requireAll;
import static org.openpersonalize.engine.internal.PropertyRows.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openpersonalize.api.PersonalizeEvents;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.Item;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.PutEventsResponse;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.api.model.PutItemsResponse;
import org.openpersonalize.api.model.PutUsersRequest;
import org.openpersonalize.api.model.PutUsersResponse;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.User;
import org.openpersonalize.engine.internal.csv.RowConverter;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.EventTrackerRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaField;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * PutEvents, PutItems and PutUsers (spec §1.7). Each call is validated whole before anything is
 * written, then written in one transaction that has committed (and reached the disk) when the call
 * returns.
 *
 * <p>Every event is stored with an event ID — the caller's, or one generated here — and an event
 * whose ID is already stored (an earlier call, or earlier in the same call) is dropped: the first
 * event with an ID is the one that counts, for training and for real-time recommendations alike,
 * which is what a client that retries a call needs. The session ID is stored with every event, so
 * training can merge an anonymous session into the user who later signed in during it. Impressions
 * and recommendation IDs are stored in the schema's columns, or in bookkeeping columns when the
 * schema has none.
 */
public final class Events implements PersonalizeEvents {
  /** Event properties that Amazon reserves for the request's own fields (case-insensitive). */
  private static final Set<String> FORBIDDEN_EVENT_KEYS =
      Set.of("userid", "sessionid", "eventtype", "timestamp", "recommendationid", "impression");

  private static final int MAX_EVENT_BYTES = 10 * 1024;

  private final EngineContext ctx;
  private final EntityPuts entities;

  /**
   * Generated event IDs (spec §1.7: "generated if absent") are this engine instance's random prefix
   * and a counter: unique without a random draw per event. They are handles, not model state.
   */
  private final String eventIdPrefix = UUID.randomUUID().toString() + "-";

  private final AtomicLong eventIdCounter = new AtomicLong();

  /** trackingId → resolved target; tracking IDs are random UUIDs and never reused. */
  private final Map<String, Target> targets = new ConcurrentHashMap<>();

  /**
   * Creates the events client.
   *
   * @param ctx the engine context
   */
  public Events(EngineContext ctx) {
    this.ctx = ctx;
    this.entities = new EntityPuts(ctx);
  }

  @Override
  public PutEventsResponse putEvents(PutEventsRequest request) {
    String trackingId =
        Check.length("trackingId", Check.required("trackingId", request.trackingId()), 1, 256);
    Check.length("userId", request.userId(), 1, 256);
    String sessionId =
        Check.length("sessionId", Check.required("sessionId", request.sessionId()), 1, 256);
    List<Event> events = request.eventList();
    if (events.isEmpty() || events.size() > 10) {
      throw new InvalidInputException("eventList must have 1-10 events; got: " + events.size());
    }
    EventFieldCheck.events(events);
    ctx.store()
        .inTransaction(
            c -> {
              Target target = target(c, trackingId);
              ParsedSchema schema = target.table().schema();
              Object[][] rows = new Object[events.size()][];
              for (int i = 0; i < events.size(); i++) {
                rows[i] =
                    eventRow(schema, target.converter(), request, sessionId, events.get(i), i);
              }
              boolean impressionColumn = schema.indexOf("IMPRESSION") >= 0;
              boolean recommendationColumn = schema.indexOf("RECOMMENDATION_ID") >= 0;
              String[] given = new String[rows.length];
              for (int i = 0; i < rows.length; i++) {
                given[i] = events.get(i).eventId();
              }
              boolean[] fresh = target.table().claimEventIds(ctx.store(), c, given);
              try (DatasetTable.Writer w =
                  target.table().cachedWriter(ctx.store(), c, DatasetTable.SOURCE_PUT)) {
                for (int i = 0; i < rows.length; i++) {
                  if (!fresh[i]) {
                    continue; // a later event re-using an event ID (spec §1.7)
                  }
                  Event e = events.get(i);
                  ctx.noteStreamed(target.table().table(), e.sentAt().getEpochSecond());
                  w.add(
                      rows[i],
                      given[i] != null ? given[i] : newEventId(),
                      sessionId,
                      impressionColumn || !e.hasImpression()
                          ? null
                          : String.join("|", e.impression()),
                      recommendationColumn ? null : e.recommendationId());
                }
              }
              return null;
            });
    return PutEventsResponse.builder().build();
  }

  /**
   * Where a tracking ID's events go, resolved once and reused until a tracker, dataset or dataset
   * group is deleted (the engine's resource generation changes): resolving costs three lookups and
   * a schema parse, several times the cost of the insert itself.
   */
  private String newEventId() {
    return eventIdPrefix + eventIdCounter.incrementAndGet();
  }

  private record Target(
      long generation, String trackerArn, DatasetTable table, RowConverter converter) {}

  private Target target(Connection c, String trackingId) throws SQLException {
    long generation = ctx.resourceGeneration();
    Target cached = targets.get(trackingId);
    if (cached != null && cached.generation() == generation) {
      return cached;
    }
    EventTrackerRecord tracker =
        Resources.findByAttr(c, Kinds.EVENT_TRACKER, EventTrackerRecord.TRACKING_ID, trackingId);
    if (tracker == null) {
      throw new ResourceNotFoundException(
          "No event tracker with trackingId " + trackingId + " (it may have been deleted)");
    }
    String datasetArn = Arns.dataset(tracker.parentArn(), DatasetType.INTERACTIONS);
    DatasetRecord dataset = Resources.find(c, Kinds.DATASET, datasetArn);
    if (dataset == null) {
      throw new ResourceNotFoundException(
          "Dataset group "
              + tracker.parentArn()
              + " of tracking ID "
              + trackingId
              + " has no Interactions dataset; create one before PutEvents");
    }
    DatasetTable table = ctx.table(c, dataset);
    Target t =
        new Target(generation, tracker.arn(), table, new RowConverter(table.schema(), "PutEvents"));
    targets.put(trackingId, t);
    return t;
  }

  private Object[] eventRow(
      ParsedSchema schema,
      RowConverter converter,
      PutEventsRequest request,
      String sessionId,
      Event e,
      int index) {
    // The schema-independent fields were checked before the lookup (EventFieldCheck).
    String where = "eventList[" + index + "]";
    Object[] row = new Object[schema.fields().size()];
    // The user is the session for anonymous events (spec §1.7): recommendations can then be
    // asked for with the session ID as the user ID.
    put(schema, row, "USER_ID", request.userId() != null ? request.userId() : sessionId);
    put(schema, row, "TIMESTAMP", e.sentAt().getEpochSecond());
    put(schema, row, "EVENT_TYPE", e.eventType());
    if (e.eventValue() != null) {
      put(schema, row, "EVENT_VALUE", (double) e.eventValue());
    }
    put(schema, row, "ITEM_ID", e.itemId());
    put(schema, row, "RECOMMENDATION_ID", e.recommendationId());
    if (e.hasImpression()) {
      put(schema, row, "IMPRESSION", String.join("|", e.impression()));
    }
    if (e.metricAttribution() != null) {
      put(schema, row, "EVENT_ATTRIBUTION_SOURCE", e.metricAttribution().eventAttributionSource());
    }
    long bytes = estimateBytes(request, e);
    if (e.properties() != null) {
      JsonNode props = parseObject(where + ".properties", e.properties());
      for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        String key = p.getKey();
        String wherek = where + ".properties." + key;
        if (FORBIDDEN_EVENT_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
          throw new InvalidInputException(
              wherek
                  + " must not be in properties: userId, sessionId, eventType, timestamp,"
                  + " recommendationId and impression are fields of the request itself");
        }
        SchemaField f = field(schema, wherek, key, "Interactions");
        int i = schema.indexOf(f.name());
        // Older Amazon examples send itemId and eventValue in properties; the request's own field
        // wins when both are given.
        if (row[i] == null) {
          row[i] = converter.convertValue(f, text(wherek, p.getValue()), wherek);
        }
      }
    }
    if (bytes > MAX_EVENT_BYTES) {
      throw new InvalidInputException(
          where + " must be at most 10 KB; got about " + bytes + " bytes");
    }
    requireAll(schema, row, where, "Interactions");
    // IDs, event type and recommendation ID are already bounded by the API limits checked above;
    // these two can exceed their column's limit (1000 characters) and get the column's rule.
    checkColumn(schema, row, converter, "IMPRESSION", where + ".impression");
    checkColumn(
        schema,
        row,
        converter,
        "EVENT_ATTRIBUTION_SOURCE",
        where + ".metricAttribution.eventAttributionSource");
    return row;
  }

  private static long estimateBytes(PutEventsRequest r, Event e) {
    long n = len(r.userId()) + len(r.sessionId()) + len(e.eventId()) + len(e.eventType());
    n += len(e.itemId()) + len(e.properties()) + len(e.recommendationId()) + 16;
    for (String s : e.impression()) {
      n += len(s) + 1;
    }
    return n;
  }

  private static long len(String s) {
    return s == null ? 0 : s.length();
  }

  @Override
  public PutItemsResponse putItems(PutItemsRequest request) {
    List<Item> items = request.items();
    entities.write(
        request.datasetArn(),
        DatasetType.ITEMS,
        "items",
        items.size(),
        i -> items.get(i).itemId(),
        i -> items.get(i).properties(),
        32_000);
    return PutItemsResponse.builder().build();
  }

  @Override
  public PutUsersResponse putUsers(PutUsersRequest request) {
    List<User> users = request.users();
    entities.write(
        request.datasetArn(),
        DatasetType.USERS,
        "users",
        users.size(),
        i -> users.get(i).userId(),
        i -> users.get(i).properties(),
        24_000);
    return PutUsersResponse.builder().build();
  }
}
