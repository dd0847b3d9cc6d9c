package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.ListEventTrackersRequest;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.PutEventsRequest;

class PersistenceTest {
  @TempDir Path dir;

  @Test
  void everythingSurvivesCloseAndReopen() throws Exception {
    Path data = dir.resolve("engine");
    String group;
    String trackingId;
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      Personalize p = engine.personalize();
      group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("movies").build())
              .datasetGroupArn();
      String interactions =
          Fixtures.dataset(
              p,
              group,
              "Interactions",
              Fixtures.schema(p, "interactions", Fixtures.INTERACTIONS_SCHEMA));
      Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "items", Fixtures.ITEMS_SCHEMA));
      Fixtures.dataset(p, group, "Users", Fixtures.schema(p, "users", Fixtures.USERS_SCHEMA));
      assertEquals(
          "ACTIVE",
          Fixtures.importAndWait(
                  engine,
                  "bulk",
                  interactions,
                  Fixtures.interactionsCsv(dir, "x.csv", 1500, 5),
                  ImportMode.FULL)
              .status());
      trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
      engine
          .events()
          .putEvents(
              PutEventsRequest.builder()
                  .trackingId(trackingId)
                  .userId("new-user")
                  .sessionId("s")
                  .eventList(
                      Event.builder()
                          .eventType("click")
                          .itemId("i1")
                          .sentAt(Instant.ofEpochSecond(1_700_000_000L))
                          .build())
                  .build());
    }
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      Personalize p = engine.personalize();
      assertEquals(
          1,
          p.listDatasetGroups(ListDatasetGroupsRequest.builder().build()).datasetGroups().size());
      assertEquals(
          3,
          p.listDatasets(ListDatasetsRequest.builder().datasetGroupArn(group).build())
              .datasets()
              .size());
      assertEquals(
          "ACTIVE",
          p.listDatasetImportJobs(ListDatasetImportJobsRequest.builder().build())
              .datasetImportJobs()
              .get(0)
              .status());
      assertEquals(
          1,
          p.listEventTrackers(ListEventTrackersRequest.builder().build()).eventTrackers().size());
      assertEquals(1501, engine.trainingData(group).interactions().size());
      assertTrue(engine.trainingData(group).users().indexOf("new-user") >= 0);
    }
  }

  @Test
  void secondEngineOnTheSameDirectoryIsRefused() {
    Path data = dir.resolve("engine");
    try (OpenPersonalize engine = OpenPersonalize.open(data)) {
      PersonalizeException e =
          assertThrows(PersonalizeException.class, () -> OpenPersonalize.open(data));
      assertTrue(e.getMessage().contains("already open"), e.getMessage());
    }
    OpenPersonalize.open(data).close();
  }
}
