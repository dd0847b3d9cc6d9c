package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DeleteFilterRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListTagsForResourceRequest;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.api.model.TagResourceRequest;
import org.openpersonalize.api.model.TooManyTagKeysException;
import org.openpersonalize.api.model.TooManyTagsException;
import org.openpersonalize.api.model.UntagResourceRequest;

/**
 * TagResource, UntagResource and ListTagsForResource on every kind whose create call takes tags
 * (issue 11): create-time tags are listed, changes are kept across a reopen, Amazon's limits and
 * errors hold, and a deleted resource takes its tags with it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TagResourceTest {
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";

  @TempDir static Path dir;
  OpenPersonalize engine;
  Personalize p;

  /** Every taggable resource created below, by kind, each created with the tag kind=<kind>. */
  final Map<String, String> created = new LinkedHashMap<>();

  String schema;

  static List<Tag> tag(String key, String value) {
    return List.of(Tag.builder().tagKey(key).tagValue(value).build());
  }

  @BeforeAll
  void createOneOfEachKind() throws Exception {
    engine = OpenPersonalize.open(dir.resolve("engine"));
    p = engine.personalize();
    String group =
        p.createDatasetGroup(
                CreateDatasetGroupRequest.builder()
                    .name("g")
                    .tags(tag("kind", "dataset-group"))
                    .build())
            .datasetGroupArn();
    created.put("dataset-group", group);
    schema = Fixtures.schema(p, "s", Fixtures.INTERACTIONS_SCHEMA);
    String dataset =
        p.createDataset(
                CreateDatasetRequest.builder()
                    .name("i")
                    .datasetGroupArn(group)
                    .datasetType("Interactions")
                    .schemaArn(schema)
                    .tags(tag("kind", "dataset"))
                    .build())
            .datasetArn();
    created.put("dataset", dataset);
    Path csv = Fixtures.interactionsCsv(dir, "i.csv", 1500, 1);
    String job =
        p.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName("j")
                    .datasetArn(dataset)
                    .dataSource(d -> d.dataLocation(csv.toString()))
                    .tags(tag("kind", "dataset-import-job"))
                    .build())
            .datasetImportJobArn();
    engine.awaitCompletion(job, Duration.ofMinutes(2));
    created.put("dataset-import-job", job);
    created.put(
        "event-tracker",
        p.createEventTracker(
                CreateEventTrackerRequest.builder()
                    .name("t")
                    .datasetGroupArn(group)
                    .tags(tag("kind", "event-tracker"))
                    .build())
            .eventTrackerArn());
    created.put(
        "filter",
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("f")
                    .datasetGroupArn(group)
                    .filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\")")
                    .tags(tag("kind", "filter"))
                    .build())
            .filterArn());
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("s")
                    .datasetGroupArn(group)
                    .recipeArn(POP)
                    .tags(tag("kind", "solution"))
                    .build())
            .solutionArn();
    created.put("solution", solution);
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder()
                    .solutionArn(solution)
                    .tags(tag("kind", "solution-version"))
                    .build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(version, Duration.ofMinutes(2)));
    created.put("solution-version", version);
    created.put(
        "campaign",
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name("c")
                    .solutionVersionArn(version)
                    .tags(tag("kind", "campaign"))
                    .build())
            .campaignArn());
  }

  @AfterAll
  void close() {
    engine.close();
  }

  List<Tag> tags(String arn) {
    return p.listTagsForResource(ListTagsForResourceRequest.builder().resourceArn(arn).build())
        .tags();
  }

  @Test
  @Order(1)
  void everyKindListsItsCreateTagsAndTakesNewOnes() {
    for (Map.Entry<String, String> e : created.entrySet()) {
      String arn = e.getValue();
      assertEquals(tag("kind", e.getKey()), tags(arn), arn);
      p.tagResource(
          TagResourceRequest.builder()
              .resourceArn(arn)
              .tags(
                  Tag.builder().tagKey("team").tagValue("recs").build(),
                  Tag.builder().tagKey("kind").tagValue("changed").build())
              .build());
      // A key it had keeps its place with the new value; a new key comes after.
      assertEquals(
          List.of(
              Tag.builder().tagKey("kind").tagValue("changed").build(),
              Tag.builder().tagKey("team").tagValue("recs").build()),
          tags(arn),
          arn);
      p.untagResource(
          UntagResourceRequest.builder().resourceArn(arn).tagKeys("kind", "absent").build());
      assertEquals(tag("team", "recs"), tags(arn), arn);
    }
  }

  @Test
  void tagsSurviveAReopenAndAWorkerRewritingTheRecord() {
    String version = created.get("solution-version");
    p.tagResource(
        TagResourceRequest.builder().resourceArn(version).tags(tag("durable", "yes")).build());
    engine.close();
    engine = OpenPersonalize.open(dir.resolve("engine"));
    p = engine.personalize();
    assertTrue(tags(version).contains(tag("durable", "yes").get(0)), tags(version).toString());
  }

  @Test
  void atMostFiftyTagsPerResourceCountingThoseItHas() {
    String arn = created.get("event-tracker");
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(Tag.builder().tagKey("k" + i).tagValue("v").build());
    }
    List<Tag> before = tags(arn);
    TooManyTagsException e =
        assertThrows(
            TooManyTagsException.class,
            () -> p.tagResource(TagResourceRequest.builder().resourceArn(arn).tags(fifty).build()));
    assertTrue(e.getMessage().startsWith("tags must be at most 50 per resource"), e.getMessage());
    assertEquals(before, tags(arn), "nothing of a refused call is stored");
    List<Tag> fiftyOne = new ArrayList<>(fifty);
    fiftyOne.add(Tag.builder().tagKey("k50").tagValue("v").build());
    assertThrows(
        TooManyTagsException.class,
        () ->
            p.createDatasetGroup(
                CreateDatasetGroupRequest.builder().name("many").tags(fiftyOne).build()));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      keys.add("k" + i);
    }
    assertThrows(
        TooManyTagKeysException.class,
        () ->
            p.untagResource(UntagResourceRequest.builder().resourceArn(arn).tagKeys(keys).build()));
  }

  @Test
  void keysAndValuesFollowAmazonsRules() {
    String arn = created.get("dataset-group");
    String[][] bad = {
      {"aws:owner", "x", "must not start with \"aws:\""},
      {"AWS:owner", "x", "must not start with \"aws:\""},
      {"", "x", "tagKey must be given"},
      {"k".repeat(129), "x", "tagKey must be 1-128 characters"},
      {"k", "v".repeat(257), "tagValue must be 0-256 characters"},
      {"k#", "x", "tagKey must use letters"},
      {"k", "x;", "tagValue must use letters"},
    };
    for (String[] b : bad) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  p.tagResource(
                      TagResourceRequest.builder().resourceArn(arn).tags(tag(b[0], b[1])).build()));
      assertTrue(e.getMessage().contains(b[2]), b[0] + " → " + e.getMessage());
    }
    assertThrows(
        InvalidInputException.class,
        () -> p.tagResource(TagResourceRequest.builder().resourceArn(arn).build()));
    assertThrows(
        InvalidInputException.class,
        () ->
            p.tagResource(
                TagResourceRequest.builder()
                    .resourceArn(arn)
                    .tags(
                        Tag.builder().tagKey("k").tagValue("a").build(),
                        Tag.builder().tagKey("k").tagValue("b").build())
                    .build()));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.untagResource(
                    UntagResourceRequest.builder().resourceArn(arn).tagKeys("aws:x").build()));
    assertTrue(e.getMessage().startsWith("tagKeys[0] must not start with"), e.getMessage());
    // A value may be empty.
    p.tagResource(TagResourceRequest.builder().resourceArn(arn).tags(tag("empty", "")).build());
    assertTrue(tags(arn).contains(tag("empty", "").get(0)));
  }

  @Test
  void unknownAndUntaggableArnsAreRefused() {
    String missing = "arn:aws:personalize:local:000000000000:dataset-group/nope";
    ResourceNotFoundException e =
        assertThrows(
            ResourceNotFoundException.class,
            () ->
                p.listTagsForResource(
                    ListTagsForResourceRequest.builder().resourceArn(missing).build()));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    assertThrows(
        ResourceNotFoundException.class,
        () ->
            p.tagResource(
                TagResourceRequest.builder().resourceArn(missing).tags(tag("a", "b")).build()));
    assertThrows(
        ResourceNotFoundException.class,
        () ->
            p.untagResource(
                UntagResourceRequest.builder().resourceArn(missing).tagKeys("a").build()));
    InvalidInputException bad =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.listTagsForResource(
                    ListTagsForResourceRequest.builder().resourceArn("not-an-arn").build()));
    assertTrue(bad.getMessage().startsWith("resourceArn must satisfy regular expression pattern"));
    InvalidInputException untaggable =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.tagResource(
                    TagResourceRequest.builder().resourceArn(schema).tags(tag("a", "b")).build()));
    assertTrue(untaggable.getMessage().contains("does not"), untaggable.getMessage());
  }

  @Test
  void aDeletedResourceTakesItsTagsWithIt() {
    String group = created.get("dataset-group");
    String arn =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("gone")
                    .datasetGroupArn(group)
                    .filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")")
                    .tags(tag("a", "b"))
                    .build())
            .filterArn();
    p.deleteFilter(DeleteFilterRequest.builder().filterArn(arn).build());
    p.createFilter(
        CreateFilterRequest.builder()
            .name("gone")
            .datasetGroupArn(group)
            .filterExpression("EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")")
            .build());
    assertEquals(List.of(), tags(arn), "a new resource under a deleted one's ARN starts untagged");
  }
}
