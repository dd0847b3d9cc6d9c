package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.PersonalizeEvents;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.DeleteEventTrackerRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.Item;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.api.model.PutUsersRequest;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.User;
import org.openpersonalize.engine.internal.data.DatasetGroupData;

class EventsTest {
  OpenPersonalize engine;
  Personalize p;
  PersonalizeEvents events;
  String group;
  String items;
  String users;
  String trackingId;
  String trackerArn;

  @BeforeEach
  void setUp() {
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
    events = engine.events();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("shop").build())
            .datasetGroupArn();
    Fixtures.dataset(
        p, group, "Interactions", Fixtures.schema(p, "interactions", Fixtures.INTERACTIONS_SCHEMA));
    items = Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "items", Fixtures.ITEMS_SCHEMA));
    users = Fixtures.dataset(p, group, "Users", Fixtures.schema(p, "users", Fixtures.USERS_SCHEMA));
    var tracker =
        p.createEventTracker(
            CreateEventTrackerRequest.builder().name("tracker").datasetGroupArn(group).build());
    trackingId = tracker.trackingId();
    trackerArn = tracker.eventTrackerArn();
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private static Event event(String item, long second) {
    return Event.builder()
        .eventType("click")
        .itemId(item)
        .sentAt(Instant.ofEpochSecond(second))
        .build();
  }

  @Test
  void eventsAreStoredWithTheirFields() {
    events.putEvents(
        PutEventsRequest.builder()
            .trackingId(trackingId)
            .userId("u1")
            .sessionId("s1")
            .eventList(
                event("i1", 100),
                Event.builder()
                    .eventType("rate")
                    .itemId("i2")
                    .eventValue(4.5f)
                    .sentAt(Instant.ofEpochSecond(101))
                    .build())
            .build());
    DatasetGroupData d = engine.trainingData(group);
    assertEquals(2, d.interactions().size());
    assertEquals("u1", d.users().id(d.interactions().user()[0]));
    assertEquals(101, d.interactions().timestamp()[1]);
    assertEquals("rate", d.interactions().eventTypes().id(d.interactions().eventType()[1]));
    assertEquals(4.5f, d.interactions().eventValue()[1]);
    assertTrue(Float.isNaN(d.interactions().eventValue()[0]));
  }

  @Test
  void anonymousEventsAreKeyedBySession() {
    events.putEvents(
        PutEventsRequest.builder()
            .trackingId(trackingId)
            .sessionId("anon-7")
            .eventList(event("i1", 100))
            .build());
    DatasetGroupData d = engine.trainingData(group);
    assertEquals("anon-7", d.users().id(d.interactions().user()[0]));
  }

  @Test
  void elevenEventsAreRejectedAndNothingIsStored() {
    List<Event> list = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      list.add(event("i" + i, 100 + i));
    }
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                events.putEvents(
                    PutEventsRequest.builder()
                        .trackingId(trackingId)
                        .userId("u1")
                        .sessionId("s1")
                        .eventList(list)
                        .build()));
    assertEquals("eventList must have 1-10 events; got: 11", e.getMessage());
    assertEquals(0, engine.trainingData(group).interactions().size());
  }

  @Test
  void missingSessionIdIsRejected() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                events.putEvents(
                    PutEventsRequest.builder()
                        .trackingId(trackingId)
                        .userId("u1")
                        .eventList(event("i1", 1))
                        .build()));
    assertEquals("sessionId must be given; got: null", e.getMessage());
  }

  @Test
  void oneBadEventRejectsTheWholeCall() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                events.putEvents(
                    PutEventsRequest.builder()
                        .trackingId(trackingId)
                        .userId("u1")
                        .sessionId("s1")
                        .eventList(event("i1", 1), event("x".repeat(300), 2))
                        .build()));
    assertTrue(
        e.getMessage().startsWith("eventList[1].itemId must be 1-256 characters"), e.getMessage());
    assertEquals(0, engine.trainingData(group).interactions().size());
  }

  @Test
  void propertiesMustNameSchemaFieldsAndNotReservedKeys() {
    InvalidInputException unknown =
        assertThrows(
            InvalidInputException.class,
            () ->
                events.putEvents(
                    PutEventsRequest.builder()
                        .trackingId(trackingId)
                        .userId("u1")
                        .sessionId("s1")
                        .eventList(
                            Event.builder()
                                .eventType("click")
                                .itemId("i1")
                                .sentAt(Instant.ofEpochSecond(5))
                                .properties("{\"device\":\"phone\"}")
                                .build())
                        .build()));
    assertTrue(
        unknown.getMessage().contains("eventList[0].properties.device"), unknown.getMessage());
    InvalidInputException reserved =
        assertThrows(
            InvalidInputException.class,
            () ->
                events.putEvents(
                    PutEventsRequest.builder()
                        .trackingId(trackingId)
                        .userId("u1")
                        .sessionId("s1")
                        .eventList(
                            Event.builder()
                                .eventType("click")
                                .itemId("i1")
                                .sentAt(Instant.ofEpochSecond(5))
                                .properties("{\"UserId\":\"u2\"}")
                                .build())
                        .build()));
    assertTrue(reserved.getMessage().contains("must not be in properties"), reserved.getMessage());
  }

  @Test
  void eventValueInPropertiesIsAcceptedAsOlderExamplesSendIt() {
    events.putEvents(
        PutEventsRequest.builder()
            .trackingId(trackingId)
            .userId("u1")
            .sessionId("s1")
            .eventList(
                Event.builder()
                    .eventType("rate")
                    .itemId("i1")
                    .sentAt(Instant.ofEpochSecond(5))
                    .properties("{\"eventValue\": 3}")
                    .build())
            .build());
    assertEquals(3.0f, engine.trainingData(group).interactions().eventValue()[0]);
  }

  @Test
  void unknownOrDeletedTrackerIsNotFound() {
    PutEventsRequest request =
        PutEventsRequest.builder()
            .trackingId(trackingId)
            .userId("u1")
            .sessionId("s1")
            .eventList(event("i1", 1))
            .build();
    events.putEvents(request);
    p.deleteEventTracker(DeleteEventTrackerRequest.builder().eventTrackerArn(trackerArn).build());
    assertThrows(ResourceNotFoundException.class, () -> events.putEvents(request));
    assertThrows(
        ResourceNotFoundException.class,
        () -> events.putEvents(request.toBuilder().trackingId("nope").build()));
  }

  @Test
  void putItemsAndPutUsersUpsertById() {
    events.putItems(
        PutItemsRequest.builder()
            .datasetArn(items)
            .items(
                Item.builder()
                    .itemId("i1")
                    .properties("{\"genres\":\"Action|Comedy\",\"year\":1999}")
                    .build(),
                Item.builder().itemId("i2").build())
            .build());
    events.putItems(
        PutItemsRequest.builder()
            .datasetArn(items)
            .items(Item.builder().itemId("i1").properties("{\"genres\":\"Drama\"}").build())
            .build());
    events.putUsers(
        PutUsersRequest.builder()
            .datasetArn(users)
            .users(User.builder().userId("u1").properties("{\"age\":31,\"gender\":\"f\"}").build())
            .build());
    DatasetGroupData d = engine.trainingData(group);
    assertEquals(2, d.items().size());
    int i1 = d.items().indexOf("i1");
    var genres = d.itemMetadata().categorical().get(0);
    assertEquals(1, genres.offsets()[i1 + 1] - genres.offsets()[i1]);
    assertTrue(
        Double.isNaN(d.itemMetadata().numeric().get(0).values()[i1]), "replaced, not merged");
    assertEquals(31.0, d.userMetadata().numeric().get(0).values()[d.users().indexOf("u1")]);
  }

  @Test
  void putItemsChecksTypesAndDataset() {
    InvalidInputException type =
        assertThrows(
            InvalidInputException.class,
            () ->
                events.putItems(
                    PutItemsRequest.builder()
                        .datasetArn(items)
                        .items(Item.builder().itemId("i1").properties("{\"year\":\"old\"}").build())
                        .build()));
    assertTrue(type.getMessage().contains("items[0].properties.year"), type.getMessage());
    InvalidInputException wrong =
        assertThrows(
            InvalidInputException.class,
            () ->
                events.putItems(
                    PutItemsRequest.builder()
                        .datasetArn(users)
                        .items(Item.builder().itemId("i1").build())
                        .build()));
    assertTrue(
        wrong.getMessage().contains("must name a dataset of type Items"), wrong.getMessage());
  }
}
