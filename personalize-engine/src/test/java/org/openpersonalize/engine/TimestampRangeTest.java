package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.Item;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.MetadataColumns;
import org.openpersonalize.engine.internal.training.Featurizer;

/**
 * Every timestamp column takes any long (issue 11): instants before 1970 (a 1927 film), far in the
 * future (year 3000) and the extremes of a long, through bulk import, PutEvents and PutItems, and
 * training and serving behave on them.
 */
class TimestampRangeTest {
  static final long YEAR_1927 = -1_349_049_600L;
  static final long YEAR_1967 = -94_694_400L;
  static final long YEAR_3000 = 32_503_680_000L;
  static final long NOW = 1_780_000_000L; // 2026-05-28
  static final long[] EXTREMES = {Long.MIN_VALUE, YEAR_1927, -1, 0, YEAR_3000, Long.MAX_VALUE};

  static final String ITEMS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":[\"null\",\"string\"],\"categorical\":true},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}"
          + "],\"version\":\"1.0\"}";

  static final String ACTIONS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Actions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ACTION_ID\",\"type\":\"string\"},"
          + "{\"name\":\"KIND\",\"type\":[\"null\",\"string\"],\"categorical\":true},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EXPIRATION_TIMESTAMP\",\"type\":[\"null\",\"long\"]}"
          + "],\"version\":\"1.0\"}";

  static final String ACTION_INTERACTIONS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"ActionInteractions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ACTION_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}"
          + "],\"version\":\"1.0\"}";

  @TempDir Path dir;

  /** 60 users x 25 items; the first rows carry the extremes, the rest lie before 1970. */
  private Path interactions() throws IOException {
    StringBuilder sb = new StringBuilder(Fixtures.INTERACTIONS_HEADER).append('\n');
    for (int k = 0; k < 1500; k++) {
      long t = k < EXTREMES.length ? EXTREMES[k] : YEAR_1927 + k * 86_400L;
      sb.append('u').append(k % 60).append(",i").append(k % 25).append(',').append(t);
      sb.append(",watch,1.0\n");
    }
    return write("interactions.csv", sb);
  }

  private Path write(String name, CharSequence text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void everyTimestampColumnTakesAnyLongThroughImportEventsAndPutItems() throws IOException {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    try (OpenPersonalize engine = OpenPersonalize.builder().clock(clock).build()) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("films").build())
              .datasetGroupArn();
      String ix =
          Fixtures.dataset(
              p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
      String items = Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "m", ITEMS_SCHEMA));
      String actions =
          Fixtures.dataset(p, group, "Actions", Fixtures.schema(p, "a", ACTIONS_SCHEMA));
      String actionIx =
          Fixtures.dataset(
              p,
              group,
              "Action_Interactions",
              Fixtures.schema(p, "ai", ACTION_INTERACTIONS_SCHEMA));

      StringBuilder itemCsv = new StringBuilder("ITEM_ID,GENRES,CREATION_TIMESTAMP\n");
      StringBuilder actionCsv =
          new StringBuilder("ACTION_ID,KIND,CREATION_TIMESTAMP,EXPIRATION_TIMESTAMP\n");
      StringBuilder actionIxCsv = new StringBuilder("USER_ID,ACTION_ID,TIMESTAMP,EVENT_TYPE\n");
      for (int k = 0; k < EXTREMES.length; k++) {
        itemCsv.append('i').append(k).append(",Drama,").append(EXTREMES[k]).append('\n');
        long other = EXTREMES[EXTREMES.length - 1 - k];
        actionCsv.append('a').append(k).append(",offer,").append(EXTREMES[k]);
        actionCsv.append(',').append(other).append('\n');
        actionIxCsv.append("u1,a").append(k).append(',').append(EXTREMES[k]).append(",Taken\n");
      }
      for (String[] job :
          new String[][] {
            {ix, interactions().toString()},
            {items, write("items.csv", itemCsv).toString()},
            {actions, write("actions.csv", actionCsv).toString()},
            {actionIx, write("action-interactions.csv", actionIxCsv).toString()}
          }) {
        var done =
            Fixtures.importAndWait(
                engine, "job" + job[0].hashCode(), job[0], Path.of(job[1]), ImportMode.FULL);
        assertEquals("ACTIVE", done.status(), done.failureReason());
      }

      String trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
      engine
          .events()
          .putEvents(
              PutEventsRequest.builder()
                  .trackingId(trackingId)
                  .userId("u1")
                  .sessionId("s1")
                  .eventList(
                      event("i3", YEAR_1967),
                      event("i4", YEAR_3000),
                      event("i5", Instant.MIN.getEpochSecond()))
                  .build());
      engine
          .events()
          .putItems(
              PutItemsRequest.builder()
                  .datasetArn(items)
                  .items(
                      Item.builder()
                          .itemId("old")
                          .properties("{\"creationTimestamp\":" + YEAR_1967 + "}")
                          .build(),
                      Item.builder()
                          .itemId("future")
                          .properties("{\"creationTimestamp\":\"" + Long.MAX_VALUE + "\"}")
                          .build())
                  .build());

      DatasetGroupData data = engine.trainingData(group);
      Map<Long, Integer> seen = new HashMap<>();
      for (long t : data.interactions().timestamp()) {
        seen.merge(t, 1, Integer::sum);
      }
      for (long t : EXTREMES) {
        assertFalse(seen.get(t) == null, "interaction at " + t + " was kept");
      }
      assertEquals(2, seen.get(YEAR_3000)); // one imported, one sent
      assertEquals(1, seen.get(YEAR_1967));
      long[] created = data.itemMetadata().creationTimestamp();
      // A stored Long.MIN_VALUE reads a second later: the minimum marks "no creation time".
      assertEquals(Long.MIN_VALUE + 1, created[data.items().indexOf("i0")]);
      assertEquals(YEAR_1927, created[data.items().indexOf("i1")]);
      assertEquals(Long.MAX_VALUE, created[data.items().indexOf("i5")]);
      assertEquals(YEAR_1967, created[data.items().indexOf("old")]);
      assertEquals(Long.MAX_VALUE, created[data.items().indexOf("future")]);

      // Interactions are ordered by user, then time, with pre-1970 and far-future ones in place.
      long[] ts = data.interactions().timestamp();
      int[] user = data.interactions().user();
      for (int k = 1; k < ts.length; k++) {
        if (user[k] == user[k - 1]) {
          assertFalse(ts[k] < ts[k - 1], "order at " + k);
        }
      }

      // Training: the data's present is capped at the clock, and the model serves.
      Featurizer.Selected s = Featurizer.select(data, Featurizer.Selection.of(null, null), NOW);
      assertEquals(NOW, s.reference());
      String version = train(engine, group);
      String campaign =
          p.createCampaign(
                  CreateCampaignRequest.builder().name("c").solutionVersionArn(version).build())
              .campaignArn();
      engine.awaitCompletion(campaign, Duration.ofMinutes(1));
      assertEquals(
          10,
          engine
              .runtime()
              .getRecommendations(
                  GetRecommendationsRequest.builder()
                      .campaignArn(campaign)
                      .userId("u7")
                      .numResults(10)
                      .build())
              .itemList()
              .size());
    }
  }

  private static Event event(String item, long second) {
    return Event.builder()
        .eventType("watch")
        .itemId(item)
        .sentAt(Instant.ofEpochSecond(second))
        .build();
  }

  private static String train(OpenPersonalize engine, String group) {
    Personalize p = engine.personalize();
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("up")
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/aws-user-personalization")
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    engine.awaitCompletion(version, Duration.ofMinutes(5));
    var v =
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
            .solutionVersion();
    assertEquals("ACTIVE", v.status(), v.failureReason());
    return version;
  }

  @Test
  void referenceIsTheNewestInteractionButNeverAfterTheClock() {
    long[] before1970 = {YEAR_1927, YEAR_1967, -5};
    assertEquals(-5, Featurizer.reference(before1970, 3, NOW));
    assertEquals(NOW, Featurizer.reference(new long[] {YEAR_1927, YEAR_3000}, 2, NOW));
    assertEquals(NOW, Featurizer.reference(new long[0], 0, NOW));
    assertEquals(
        Long.MIN_VALUE, Featurizer.reference(new long[] {Long.MIN_VALUE}, 1, Long.MAX_VALUE));
  }

  @Test
  void creationTimesKeepGivenValuesAndDateUnseenItemsAtTheReference() {
    // Items 0..3: 0 has a 1927 creation time, 1 none but 1967 interactions, 2 none and no
    // interactions, 3 a creation time in the year 3000.
    Featurizer.Selected s =
        new Featurizer.Selected(
            1,
            4,
            new int[] {0, 0, 0},
            new int[] {1, 1, 0},
            new long[] {YEAR_1967 + 10, YEAR_1967, -1},
            -1,
            null);
    MetadataColumns items =
        new MetadataColumns(
            new boolean[] {true, true, true, true},
            java.util.List.of(),
            java.util.List.of(),
            null,
            new long[] {
              YEAR_1927, MetadataColumns.NO_TIMESTAMP, MetadataColumns.NO_TIMESTAMP, YEAR_3000
            });
    assertArrayEquals(
        new long[] {YEAR_1927, YEAR_1967, -1, YEAR_3000}, Featurizer.creationTimes(items, s));
    assertEquals(Long.MIN_VALUE + 1, MetadataColumns.clampStored(Long.MIN_VALUE));
    assertEquals(YEAR_1927, MetadataColumns.clampStored(YEAR_1927));
  }
}
