package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.engine.internal.data.DatasetGroupData;

/**
 * What PutEvents keeps for later work (spec §1.7, §9.8), read back from the database file the way a
 * user with {@code sqlite3} would: generated event IDs, sessions, impressions and recommendation
 * IDs (in bookkeeping columns when the schema has none), and the first event of a repeated event
 * ID.
 */
class EventStorageTest {
  @TempDir Path dir;

  @Test
  void eventsKeepIdsSessionsImpressionsAndRecommendationIdsAndDropRepeatedIds()
      throws SQLException {
    String trackingId;
    try (OpenPersonalize engine = OpenPersonalize.open(dir)) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
              .datasetGroupArn();
      Fixtures.dataset(
          p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
      trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
      engine
          .events()
          .putEvents(
              PutEventsRequest.builder()
                  .trackingId(trackingId)
                  .sessionId("s1")
                  .eventList(
                      Event.builder()
                          .eventType("click")
                          .itemId("i1")
                          .sentAt(Instant.ofEpochSecond(10))
                          .impression("i1", "i2", "i3")
                          .recommendationId("rec-1")
                          .build(),
                      Event.builder()
                          .eventType("click")
                          .itemId("i2")
                          .sentAt(Instant.ofEpochSecond(11))
                          .build(),
                      Event.builder()
                          .eventId("e1")
                          .eventType("click")
                          .itemId("i3")
                          .sentAt(Instant.ofEpochSecond(12))
                          .build())
                  .build());
      // A retry of e1 with other content, and the user signing in during session s1.
      engine
          .events()
          .putEvents(
              PutEventsRequest.builder()
                  .trackingId(trackingId)
                  .userId("u1")
                  .sessionId("s1")
                  .eventList(
                      Event.builder()
                          .eventId("e1")
                          .eventType("click")
                          .itemId("i4")
                          .sentAt(Instant.ofEpochSecond(13))
                          .build(),
                      Event.builder()
                          .eventId("e2")
                          .eventType("click")
                          .itemId("i5")
                          .sentAt(Instant.ofEpochSecond(14))
                          .build())
                  .build());

      // Training merges the session's anonymous events into u1; e1's retry is not there.
      DatasetGroupData data = engine.trainingData(group);
      List<String> seen = new ArrayList<>();
      for (int k = 0; k < data.interactions().size(); k++) {
        seen.add(
            data.users().id(data.interactions().user()[k])
                + ":"
                + data.items().id(data.interactions().item()[k]));
      }
      assertEquals(List.of("u1:i1", "u1:i2", "u1:i3", "u1:i5"), seen);
    }

    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("personalize.db"));
        Statement s = c.createStatement()) {
      String table = null;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%_impression%'")) {
        if (rs.next()) {
          table = rs.getString(1);
        }
      }
      assertNotNull(table, "an interactions table with bookkeeping columns");
      List<String[]> rows = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT ITEM_ID, USER_ID, _event_id, _session_id, _impression, _recommendation_id"
                  + " FROM "
                  + table
                  + " ORDER BY TIMESTAMP")) {
        while (rs.next()) {
          rows.add(
              new String[] {
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6)
              });
        }
      }
      assertEquals(4, rows.size());
      assertEquals("i1", rows.get(0)[0]);
      assertEquals("s1", rows.get(0)[1], "stored as sent: the session is the anonymous user");
      assertEquals("s1", rows.get(0)[3]);
      assertEquals("i1|i2|i3", rows.get(0)[4]);
      assertEquals("rec-1", rows.get(0)[5]);
      assertNotNull(rows.get(0)[2], "a generated event ID");
      assertNotNull(rows.get(1)[2], "a generated event ID");
      assertNotEquals(rows.get(0)[2], rows.get(1)[2]);
      assertNull(rows.get(1)[4]);
      assertEquals("e1", rows.get(2)[2]);
      assertEquals("i3", rows.get(2)[0], "the first event with ID e1 is the one kept");
      assertEquals("e2", rows.get(3)[2]);
    }
  }
}
