package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.DatasetGroup;
import org.openpersonalize.api.model.DeleteDatasetGroupRequest;
import org.openpersonalize.api.model.DeleteDatasetRequest;
import org.openpersonalize.api.model.DeleteSchemaRequest;
import org.openpersonalize.api.model.DescribeDatasetGroupRequest;
import org.openpersonalize.api.model.DescribeDatasetRequest;
import org.openpersonalize.api.model.DescribeSchemaRequest;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.InvalidNextTokenException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListDatasetGroupsResponse;
import org.openpersonalize.api.model.ListSchemasRequest;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.ResourceNotFoundException;

class ControlPlaneTest {
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  OpenPersonalize engine;
  Personalize p;

  @BeforeEach
  void setUp() {
    engine = OpenPersonalize.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    p = engine.personalize();
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private String group(String name) {
    return p.createDatasetGroup(CreateDatasetGroupRequest.builder().name(name).build())
        .datasetGroupArn();
  }

  @Test
  void datasetGroupIsDescribedAsCreated() {
    String arn =
        p.createDatasetGroup(
                CreateDatasetGroupRequest.builder()
                    .name("vod")
                    .domain(Domain.VIDEO_ON_DEMAND)
                    .build())
            .datasetGroupArn();
    assertEquals("arn:aws:personalize:local:000000000000:dataset-group/vod", arn);
    DatasetGroup g =
        p.describeDatasetGroup(DescribeDatasetGroupRequest.builder().datasetGroupArn(arn).build())
            .datasetGroup();
    assertEquals("vod", g.name());
    assertEquals("ACTIVE", g.status());
    assertEquals(Domain.VIDEO_ON_DEMAND, g.domain());
    assertEquals(NOW, g.creationDateTime());
  }

  @Test
  void badNamesAndDuplicatesAreRejected() {
    InvalidInputException bad =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createDatasetGroup(
                    CreateDatasetGroupRequest.builder().name("-bad name").build()));
    assertTrue(bad.getMessage().startsWith("name must be 1-63 characters"), bad.getMessage());
    assertTrue(bad.getMessage().endsWith("got: \"-bad name\""), bad.getMessage());
    group("movies");
    assertThrows(ResourceAlreadyExistsException.class, () -> group("movies"));
  }

  @Test
  void quotaOfFiveDatasetGroups() {
    for (int i = 0; i < 5; i++) {
      group("g" + i);
    }
    assertThrows(LimitExceededException.class, () -> group("g5"));
  }

  @Test
  void listsPageNewestFirstWithTokens() {
    for (int i = 0; i < 5; i++) {
      group("g" + i);
    }
    Set<String> seen = new HashSet<>();
    ListDatasetGroupsResponse page =
        p.listDatasetGroups(ListDatasetGroupsRequest.builder().maxResults(2).build());
    assertEquals("g4", page.datasetGroups().get(0).name());
    int pages = 1;
    page.datasetGroups().forEach(s -> seen.add(s.name()));
    while (page.nextToken() != null) {
      page =
          p.listDatasetGroups(
              ListDatasetGroupsRequest.builder().maxResults(2).nextToken(page.nextToken()).build());
      page.datasetGroups().forEach(s -> seen.add(s.name()));
      pages++;
    }
    assertEquals(3, pages);
    assertEquals(5, seen.size());
    assertThrows(
        InvalidNextTokenException.class,
        () -> p.listSchemas(ListSchemasRequest.builder().nextToken("garbage").build()));
    assertThrows(
        InvalidInputException.class,
        () -> p.listDatasetGroups(ListDatasetGroupsRequest.builder().maxResults(101).build()));
  }

  @Test
  void deleteOrderIsEnforced() {
    String g = group("movies");
    String schema = Fixtures.schema(p, "interactions", Fixtures.INTERACTIONS_SCHEMA);
    String dataset = Fixtures.dataset(p, g, "interactions", schema);
    assertEquals("arn:aws:personalize:local:000000000000:dataset/movies/INTERACTIONS", dataset);
    assertEquals(
        "Interactions",
        p.describeDataset(DescribeDatasetRequest.builder().datasetArn(dataset).build())
            .dataset()
            .datasetType());
    assertThrows(
        ResourceAlreadyExistsException.class, () -> Fixtures.dataset(p, g, "Interactions", schema));
    assertThrows(
        ResourceInUseException.class,
        () -> p.deleteDatasetGroup(DeleteDatasetGroupRequest.builder().datasetGroupArn(g).build()));
    assertThrows(
        ResourceInUseException.class,
        () -> p.deleteSchema(DeleteSchemaRequest.builder().schemaArn(schema).build()));
    p.deleteDataset(DeleteDatasetRequest.builder().datasetArn(dataset).build());
    p.deleteSchema(DeleteSchemaRequest.builder().schemaArn(schema).build());
    p.deleteDatasetGroup(DeleteDatasetGroupRequest.builder().datasetGroupArn(g).build());
    assertThrows(
        ResourceNotFoundException.class,
        () -> p.describeSchema(DescribeSchemaRequest.builder().schemaArn(schema).build()));
  }

  @Test
  void schemaMustFitTheDatasetType() {
    String g = group("movies");
    String items = Fixtures.schema(p, "items", Fixtures.ITEMS_SCHEMA);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> Fixtures.dataset(p, g, "Interactions", items));
    assertTrue(e.getMessage().contains("Items"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> Fixtures.dataset(p, g, "Things", items));
  }

  @Test
  void invalidSchemasAreRejectedWithTheRule() {
    String nested =
        "{\"type\":\"record\",\"name\":\"Users\",\"fields\":[{\"name\":\"USER_ID\",\"type\":\"string\"},"
            + "{\"name\":\"ADDRESS\",\"type\":{\"type\":\"record\",\"name\":\"A\",\"fields\":"
            + "[{\"name\":\"CITY\",\"type\":\"string\"}]}}]}";
    InvalidInputException n =
        assertThrows(
            InvalidInputException.class,
            () -> p.createSchema(CreateSchemaRequest.builder().name("n").schema(nested).build()));
    assertTrue(n.getMessage().contains("ADDRESS"), n.getMessage());
    String twins =
        "{\"type\":\"record\",\"name\":\"Items\",\"fields\":[{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
            + "{\"name\":\"GENRES_FIELD_1\",\"type\":\"string\",\"categorical\":true},"
            + "{\"name\":\"GENRESFIELD1\",\"type\":\"string\",\"categorical\":true}]}";
    InvalidInputException t =
        assertThrows(
            InvalidInputException.class,
            () -> p.createSchema(CreateSchemaRequest.builder().name("t").schema(twins).build()));
    assertTrue(
        t.getMessage().contains("GENRES_FIELD_1") && t.getMessage().contains("GENRESFIELD1"),
        t.getMessage());
    String catType =
        "{\"type\":\"record\",\"name\":\"Interactions\",\"fields\":["
            + "{\"name\":\"USER_ID\",\"type\":\"string\"},{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
            + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
            + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\",\"categorical\":true}]}";
    InvalidInputException c =
        assertThrows(
            InvalidInputException.class,
            () -> p.createSchema(CreateSchemaRequest.builder().name("c").schema(catType).build()));
    assertTrue(c.getMessage().contains("EVENT_TYPE"), c.getMessage());
    assertTrue(p.listSchemas(ListSchemasRequest.builder().build()).schemas().isEmpty());
  }

  @Test
  void oneEventTrackerPerGroup() {
    String g = group("movies");
    var t =
        p.createEventTracker(
            CreateEventTrackerRequest.builder().name("t1").datasetGroupArn(g).build());
    assertNotNull(t.trackingId());
    assertThrows(
        ResourceAlreadyExistsException.class,
        () ->
            p.createEventTracker(
                CreateEventTrackerRequest.builder().name("t2").datasetGroupArn(g).build()));
    assertThrows(
        ResourceInUseException.class,
        () -> p.deleteDatasetGroup(DeleteDatasetGroupRequest.builder().datasetGroupArn(g).build()));
  }

  @Test
  void missingResourcesAreNotFound() {
    ResourceNotFoundException e =
        assertThrows(
            ResourceNotFoundException.class,
            () ->
                p.describeDatasetGroup(
                    DescribeDatasetGroupRequest.builder()
                        .datasetGroupArn("arn:aws:personalize:local:000000000000:dataset-group/x")
                        .build()));
    assertTrue(e.getMessage().contains("dataset-group/x"), e.getMessage());
    assertNull(p.listDatasetGroups(ListDatasetGroupsRequest.builder().build()).nextToken());
  }
}
