package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateBatchInferenceJobRequest;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionVersion;

/**
 * HRNN-Metadata's Users metadata through the public API. In the training data, what a user watches
 * after item {@code i0} is set by their {@code TIER} alone (tier A: {@code i1}, tier B: {@code
 * i2}); two users known only from the Users dataset, one of each tier, then send the same two
 * events. aws-hrnn-metadata must recommend their tier's item first — the campaign, and a batch
 * inference job, tell the model who is asking — while aws-hrnn, which has no user features, serves
 * them the same list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HrnnUserMetadataEndToEndTest {
  static final String INTERACTIONS =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}"
          + "],\"version\":\"1.0\"}";
  static final String ITEMS =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"GENRE\",\"type\":\"string\",\"categorical\":true}"
          + "],\"version\":\"1.0\"}";
  static final String USERS =
      "{\"type\":\"record\",\"name\":\"Users\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIER\",\"type\":\"string\",\"categorical\":true}"
          + "],\"version\":\"1.0\"}";
  static final Map<String, String> SETTINGS =
      Map.of(
          "hidden_dimension", "32",
          "num_epochs", "15",
          "max_history_length", "8",
          "learning_rate", "0.01",
          "dropout_rate", "0.0");
  static final long T0 = 1_704_067_200L;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String trackingId;

  @BeforeAll
  void setUp() throws IOException {
    // 200 users: "a filler item, i0, the tier's item" four times; a0.. are tier A, b0.. tier B.
    SplittableRandom rng = new SplittableRandom(5);
    StringBuilder interactions = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
    StringBuilder users = new StringBuilder("USER_ID,TIER\n");
    for (int u = 0; u < 200; u++) {
      boolean a = u % 2 == 0;
      String id = (a ? "a" : "b") + u;
      users.append(id).append(a ? ",A\n" : ",B\n");
      for (int e = 0; e < 12; e++) {
        int item = e % 3 == 0 ? 3 + rng.nextInt(20) : e % 3 == 1 ? 0 : a ? 1 : 2;
        interactions
            .append(id)
            .append(",i")
            .append(item)
            .append(',')
            .append(T0 + 60L * e + u)
            .append(",watch\n");
      }
    }
    users.append("newA,A\nnewB,B\n");
    StringBuilder items = new StringBuilder("ITEM_ID,GENRE\n");
    for (int i = 0; i < 23; i++) {
      items.append('i').append(i).append(",g").append(i % 3).append('\n');
    }
    Path data = Files.createDirectories(dir.resolve("data"));
    Path ic = Files.writeString(data.resolve("i.csv"), interactions, StandardCharsets.UTF_8);
    Path uc = Files.writeString(data.resolve("u.csv"), users, StandardCharsets.UTF_8);
    Path tc = Files.writeString(data.resolve("t.csv"), items, StandardCharsets.UTF_8);
    engine = OpenPersonalize.open(dir.resolve("store"));
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("tiers").build())
            .datasetGroupArn();
    String[][] sets = {
      {"Interactions", INTERACTIONS, ic.toString()},
      {"Items", ITEMS, tc.toString()},
      {"Users", USERS, uc.toString()}
    };
    for (String[] s : sets) {
      String dataset = Fixtures.dataset(p, group, s[0], Fixtures.schema(p, s[0], s[1]));
      assertEquals(
          "ACTIVE",
          Fixtures.importAndWait(engine, s[0], dataset, Path.of(s[2]), ImportMode.FULL).status());
    }
    trackingId =
        p.createEventTracker(
                CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
            .trackingId();
    // the users known only from the Users dataset send the same two events
    for (String user : List.of("newA", "newB")) {
      watch(user, "i7", 1_900_000_000L);
      watch(user, "i0", 1_900_000_060L);
    }
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  void watch(String user, String item, long second) {
    engine
        .events()
        .putEvents(
            PutEventsRequest.builder()
                .trackingId(trackingId)
                .userId(user)
                .sessionId("s-" + user)
                .eventList(
                    Event.builder()
                        .eventType("watch")
                        .itemId(item)
                        .sentAt(Instant.ofEpochSecond(second))
                        .build())
                .build());
  }

  String train(String name, String recipe) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + recipe)
                    .solutionConfig(
                        SolutionConfig.builder().algorithmHyperParameters(SETTINGS).build())
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    engine.awaitCompletion(version, Duration.ofMinutes(5));
    SolutionVersion v =
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
            .solutionVersion();
    assertEquals("ACTIVE", v.status(), v.failureReason());
    return version;
  }

  String campaign(String name, String version) {
    return p.createCampaign(
            CreateCampaignRequest.builder().name(name).solutionVersionArn(version).build())
        .campaignArn();
  }

  List<String> recommend(String campaign, String user) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId(user)
                .numResults(5)
                .build())
        .itemList()
        .stream()
        .map(PredictedItem::itemId)
        .collect(Collectors.toList());
  }

  /** A batch inference job over the two users; each one's recommended items, in input order. */
  List<List<String>> batch(String version, String name) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in-" + name));
    Files.write(
        in.resolve("users.json"), List.of("{\"userId\":\"newA\"}", "{\"userId\":\"newB\"}"));
    Path out = dir.resolve("out-" + name);
    String arn =
        p.createBatchInferenceJob(
                CreateBatchInferenceJobRequest.builder()
                    .jobName(name)
                    .solutionVersionArn(version)
                    .numResults(5)
                    .jobInput(i -> i.s3DataSource(s -> s.path(in.toString())))
                    .jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))
                    .build())
            .batchInferenceJobArn();
    assertEquals("ACTIVE", engine.awaitCompletion(arn, Duration.ofMinutes(2)));
    List<List<String>> lists = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("users.json.out"))) {
      List<String> items = new ArrayList<>();
      for (JsonNode id : JSON.readTree(line).get("output").get("recommendedItems")) {
        items.add(id.asText());
      }
      lists.add(items);
    }
    return lists;
  }

  @Test
  void hrnnMetadataServesEachUserTheirTiersItemForTheSameHistory() throws IOException {
    String version = train("meta", "aws-hrnn-metadata");
    String campaign = campaign("meta", version);
    List<String> a = recommend(campaign, "newA");
    List<String> b = recommend(campaign, "newB");
    assertEquals("i1", a.get(0), a.toString());
    assertEquals("i2", b.get(0), b.toString());
    // batch inference names the user too, and returns what GetRecommendations returns
    assertEquals(List.of(a, b), batch(version, "meta"));
  }

  @Test
  void plainHrnnServesTheSameHistoryTheSameList() throws IOException {
    String version = train("plain", "aws-hrnn");
    String campaign = campaign("plain", version);
    List<String> a = recommend(campaign, "newA");
    assertEquals(5, a.size());
    assertEquals(a, recommend(campaign, "newB"));
    assertEquals(List.of(a, a), batch(version, "plain"));
  }
}
