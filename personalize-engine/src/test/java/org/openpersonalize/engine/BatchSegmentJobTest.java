package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.BatchSegmentJob;
import org.openpersonalize.api.model.CreateBatchSegmentJobRequest;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeBatchSegmentJobRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListBatchSegmentJobsRequest;
import org.openpersonalize.api.model.SolutionConfig;

/**
 * Batch segment jobs end to end on generated data in which every user has one favourite genre:
 * segments hold the genre's fans, user filters remove the users they name, bad lines get errors,
 * limits and unsuitable solution versions or filters are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchSegmentJobTest {
  static final String[] GENRES = {"Comedy", "Drama", "Horror", "Action"};
  static final int USERS = 240;
  static final int ITEMS = 80;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String affinity;
  String attributes;
  int seq;

  @BeforeAll
  void setUp() throws IOException {
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("seg").build())
            .datasetGroupArn();
    Path data = Files.createDirectories(dir.resolve("data"));
    SplittableRandom rnd = new SplittableRandom(7);
    StringBuilder events = new StringBuilder(Fixtures.INTERACTIONS_HEADER).append('\n');
    for (int u = 0; u < USERS; u++) {
      int genre = u % 4;
      for (int e = 0; e < 12; e++) {
        // Ten events of the favourite genre, two of any; users u % 8 == 0 also buy.
        int item = e < 10 ? genre + 4 * rnd.nextInt(ITEMS / 4) : rnd.nextInt(ITEMS);
        String type = u % 8 == 0 && e == 0 ? "purchase" : "watch";
        events.append("u" + u + ",i" + item + "," + (1_700_000_000L + 3600L * e + u) + ",");
        events.append(type).append(",\n");
      }
    }
    StringBuilder items = new StringBuilder(Fixtures.ITEMS_HEADER).append('\n');
    for (int i = 0; i < ITEMS; i++) {
      items.append("i" + i + "," + GENRES[i % 4] + "," + (1990 + i % 10) + ",t" + i + "\n");
    }
    StringBuilder users = new StringBuilder(Fixtures.USERS_HEADER).append('\n');
    for (int u = 0; u < USERS; u++) {
      users.append("u" + u + "," + (20 + u % 40) + "," + (u % 2 == 0 ? "F" : "M") + "\n");
    }
    Files.writeString(data.resolve("i.csv"), events, StandardCharsets.UTF_8);
    Files.writeString(data.resolve("m.csv"), items, StandardCharsets.UTF_8);
    Files.writeString(data.resolve("u.csv"), users, StandardCharsets.UTF_8);
    Fixtures.importAndWait(
        engine,
        "i",
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA)),
        data.resolve("i.csv"),
        ImportMode.FULL);
    Fixtures.importAndWait(
        engine,
        "m",
        Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "m", Fixtures.ITEMS_SCHEMA)),
        data.resolve("m.csv"),
        ImportMode.FULL);
    Fixtures.importAndWait(
        engine,
        "u",
        Fixtures.dataset(p, group, "Users", Fixtures.schema(p, "u", Fixtures.USERS_SCHEMA)),
        data.resolve("u.csv"),
        ImportMode.FULL);
    affinity = version("affinity", "aws-item-affinity");
    attributes = version("attributes", "aws-item-attribute-affinity");
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  String version(String name, String recipe) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + recipe)
                    .solutionConfig(
                        SolutionConfig.builder()
                            .algorithmHyperParameters(
                                recipe.contains("affinity")
                                    ? Map.of("hidden_dimension", "32", "num_iterations", "6")
                                    : Map.of())
                            .build())
                    .build())
            .solutionArn();
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(2)));
    return v;
  }

  /** Writes the lines to a fresh input file. */
  Path input(List<String> lines) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in" + seq++)).resolve("lines.json");
    Files.write(in, lines, StandardCharsets.UTF_8);
    return in;
  }

  CreateBatchSegmentJobRequest.Builder job(String version, Path in) {
    return CreateBatchSegmentJobRequest.builder()
        .jobName("job" + seq++)
        .solutionVersionArn(version)
        .jobInput(i -> i.s3DataSource(s -> s.path(in.toString())))
        .jobOutput(o -> o.s3DataDestination(s -> s.path(dir.resolve("out" + seq).toString())));
  }

  /** Runs a job to its end and returns its description. */
  BatchSegmentJob run(CreateBatchSegmentJobRequest request) {
    String arn = p.createBatchSegmentJob(request).batchSegmentJobArn();
    engine.awaitCompletion(arn, Duration.ofMinutes(2));
    return p.describeBatchSegmentJob(
            DescribeBatchSegmentJobRequest.builder().batchSegmentJobArn(arn).build())
        .batchSegmentJob();
  }

  /** The output lines of a finished job whose input was {@code in}. */
  static List<JsonNode> output(BatchSegmentJob job, Path in) throws IOException {
    Path out =
        Path.of(job.jobOutput().s3DataDestination().path()).resolve(in.getFileName() + ".out");
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(l));
    }
    return lines;
  }

  static List<Integer> users(JsonNode line) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode u : line.path("output").path("recommendedUsers")) {
      out.add(Integer.parseInt(u.asText().substring(1)));
    }
    return out;
  }

  @Test
  void usersWithATasteForAGenreTopTheSegmentsOfItsItems() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ITEMS; i += 3) {
      lines.add("{\"itemId\": \"i" + i + "\"}");
    }
    Path in = input(lines);
    BatchSegmentJob job = run(job(affinity, in).numResults(20).build());
    assertEquals("ACTIVE", job.status(), job.failureReason());
    assertEquals(lines.size(), job.linesProcessed());
    assertEquals(0, job.linesFailed());
    List<JsonNode> out = output(job, in);
    assertEquals(lines.size(), out.size());
    int same = 0;
    int total = 0;
    for (int k = 0; k < out.size(); k++) {
      JsonNode line = out.get(k);
      assertEquals("i" + 3 * k, line.path("input").path("itemId").asText());
      assertTrue(line.path("error").isNull(), line.toString());
      List<Integer> seg = users(line);
      assertEquals(20, seg.size());
      for (int u : seg) {
        same += u % 4 == (3 * k) % 4 ? 1 : 0;
        total++;
      }
    }
    // A segment blind to taste would hold about a quarter of each genre.
    assertTrue(same >= 0.9 * total, same + " of " + total + " segment users like the genre");
  }

  @Test
  void usersWithATasteForAGenreTopTheSegmentOfTheQueryNamingIt() throws IOException {
    Path in =
        input(
            List.of(
                "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Horror\\\"\"}",
                "{\"itemAttributes\": \"ITEMS.genres = \\\"Comedy\\\" AND ITEMS.YEAR = \\\"1994\\\"\"}"));
    BatchSegmentJob job = run(job(attributes, in).numResults(30).build());
    assertEquals("ACTIVE", job.status(), job.failureReason());
    List<JsonNode> out = output(job, in);
    assertEquals(
        "ITEMS.GENRES = \"Horror\"", out.get(0).path("input").path("itemAttributes").asText());
    int[] genre = {2, 0};
    for (int k = 0; k < 2; k++) {
      List<Integer> seg = users(out.get(k));
      assertEquals(30, seg.size(), out.get(k).toString());
      int g = genre[k];
      long fans = seg.stream().filter(u -> u % 4 == g).count();
      assertTrue(fans >= 28, fans + " of 30 like " + GENRES[g] + ": " + out.get(k));
    }
  }

  @Test
  void aUserFilterRemovesTheUsersItNames() throws IOException {
    String women =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("no-gender")
                    .datasetGroupArn(group)
                    .filterExpression("EXCLUDE UserID WHERE Users.GENDER IN ($G)")
                    .build())
            .filterArn();
    String buyers =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("buyers")
                    .datasetGroupArn(group)
                    .filterExpression(
                        "INCLUDE UserID WHERE Interactions.EVENT_TYPE IN (\"PURCHASE\")")
                    .build())
            .filterArn();
    Path in =
        input(
            List.of(
                "{\"itemId\": \"i2\"}",
                "{\"itemId\": \"i2\", \"filterValues\": {\"G\": \"\\\"F\\\"\"}}"));
    BatchSegmentJob all = run(job(affinity, in).numResults(USERS).build());
    BatchSegmentJob noWomen = run(job(affinity, in).numResults(USERS).filterArn(women).build());
    BatchSegmentJob onlyBuyers = run(job(affinity, in).numResults(10).filterArn(buyers).build());
    List<Integer> ranking = users(output(all, in).get(0));
    assertEquals(USERS, ranking.size());
    // Without its value the EXCLUDE expression is skipped: the whole ranking.
    assertEquals(ranking, users(output(noWomen, in).get(0)));
    List<Integer> men = new ArrayList<>(ranking);
    men.removeIf(u -> u % 2 == 0);
    assertEquals(men, users(output(noWomen, in).get(1)));
    List<Integer> wantBuyers = new ArrayList<>(ranking);
    wantBuyers.removeIf(u -> u % 8 != 0);
    assertEquals(wantBuyers.subList(0, 10), users(output(onlyBuyers, in).get(0)));
  }

  @Test
  void blocksScoredOnBothCoresGiveEveryLineOfAnItemTheSameSegment() throws IOException {
    // 400 lines cycle over the 80 items: each item is in several of the runner's blocks, which
    // are scored at once on different threads, and in different 64-item matrix products.
    List<String> lines = new ArrayList<>();
    for (int k = 0; k < 400; k++) {
      lines.add("{\"itemId\": \"i" + (k * 7) % ITEMS + "\"}");
    }
    Path in = input(lines);
    BatchSegmentJob job = run(job(affinity, in).numResults(15).build());
    assertEquals("ACTIVE", job.status(), job.failureReason());
    List<JsonNode> out = output(job, in);
    Map<String, List<Integer>> first = new java.util.HashMap<>();
    for (JsonNode line : out) {
      String item = line.path("input").path("itemId").asText();
      List<Integer> seg = users(line);
      assertEquals(15, seg.size());
      List<Integer> before = first.putIfAbsent(item, seg);
      if (before != null) {
        assertEquals(before, seg, item);
      }
    }
    assertEquals(ITEMS, first.size());
    Path one = input(List.of("{\"itemId\": \"i3\"}"));
    assertEquals(
        first.get("i3"), users(output(run(job(affinity, one).numResults(15).build()), one).get(0)));
  }

  @Test
  void malformedLinesGetAnErrorAndTheJobGoesOn() throws IOException {
    Path in =
        input(
            List.of(
                "{\"itemId\": \"i1\"}",
                "not json",
                "{\"item\": \"i1\"}",
                "{\"itemId\": \"nobody-knows\"}",
                "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Horror\\\"\"}",
                "{\"itemId\": \"i5\"}"));
    BatchSegmentJob job = run(job(affinity, in).build());
    assertEquals("ACTIVE", job.status(), job.failureReason());
    assertEquals(6, job.linesProcessed());
    assertEquals(4, job.linesFailed());
    List<JsonNode> out = output(job, in);
    assertEquals(25, users(out.get(0)).size());
    assertTrue(out.get(1).path("error").asText().startsWith("The line is not valid JSON"));
    assertEquals("The line must have the field \"itemId\"", out.get(2).path("error").asText());
    assertTrue(
        out.get(3).path("error").asText().startsWith("itemId nobody-knows was not in the training"),
        out.get(3).toString());
    assertTrue(out.get(4).path("error").asText().contains("aws-item-attribute-affinity"));
    assertEquals(25, users(out.get(5)).size());

    Path queries =
        input(
            List.of(
                "{\"itemAttributes\": \"ITEMS.GENRES IN (\\\"Horror\\\")\"}",
                "{\"itemAttributes\": \"ITEMS.TITLE = \\\"t1\\\"\"}",
                "{\"itemAttributes\": \"ITEMS.YEAR = \\\"soon\\\"\"}",
                "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Western\\\"\"}",
                "{\"itemAttributes\": \"ITEMS.GENRES = \\\"Drama\\\"\"}"));
    BatchSegmentJob q = run(job(attributes, queries).build());
    List<JsonNode> qo = output(q, queries);
    assertEquals(
        "\"itemAttributes\" must be ITEMS.<column> = \"<value>\" terms joined by AND; at position"
            + " 14: expected \"=\" (the only operator), found \"IN\"",
        qo.get(0).path("error").asText());
    assertTrue(qo.get(1).path("error").asText().contains("neither categorical nor numeric"));
    assertTrue(qo.get(2).path("error").asText().contains("must be a number"));
    assertTrue(qo.get(3).path("error").asText().contains("no item of the solution version"));
    assertEquals(25, users(qo.get(4)).size());
    assertEquals(4, q.linesFailed());
  }

  @Test
  void inputLimitsFailTheJobNamingTheFile() throws IOException {
    List<String> many = new ArrayList<>();
    for (int k = 0; k < 501; k++) {
      many.add("{\"itemId\": \"i" + (k % ITEMS) + "\"}");
    }
    Path in = input(many);
    BatchSegmentJob job = run(job(affinity, in).build());
    assertEquals("CREATE FAILED", job.status());
    assertEquals(
        "Input file "
            + in
            + " has 501 lines; aws-item-affinity takes at most 500 items per input file. Split"
            + " the input into more files.",
        job.failureReason());
    assertTrue(
        Files.notExists(
            dir.resolve(job.jobOutput().s3DataDestination().path()).resolve("lines.json.out")));
    List<String> queries = new ArrayList<>();
    for (int k = 0; k < 11; k++) {
      queries.add("{\"itemAttributes\": \"ITEMS.GENRES = \\\"Drama\\\"\"}");
    }
    BatchSegmentJob q = run(job(attributes, input(queries)).build());
    assertEquals("CREATE FAILED", q.status());
    assertTrue(q.failureReason().contains("takes at most 10 attribute queries"), q.failureReason());
  }

  @Test
  void aMissingInputEndsCreateFailedWithTheReasonAndWritesNothing() {
    Path missing = dir.resolve("no-such-folder").resolve("items.json");
    BatchSegmentJob job = run(job(affinity, missing).build());
    assertEquals("CREATE FAILED", job.status());
    assertTrue(job.failureReason().startsWith("Invalid S3 input path."), job.failureReason());
    assertTrue(job.failureReason().contains(missing.toString()), job.failureReason());
    assertTrue(Files.notExists(Path.of(job.jobOutput().s3DataDestination().path())));
  }

  @Test
  void requestsOutsideTheRulesAreRefusedNamingTheField() throws IOException {
    Path in = input(List.of("{\"itemId\": \"i1\"}"));
    assertEquals(
        "numResults must be 1-5000000 users per segment; got: 0",
        refused(job(affinity, in).numResults(0).build()));
    assertTrue(
        refused(
                job(affinity, in)
                    .jobInput(i -> i.s3DataSource(s -> s.path("s3://bucket/in")))
                    .build())
            .startsWith("Invalid S3 input path."));
    assertTrue(
        refused(
                job(affinity, in)
                    .jobOutput(o -> o.s3DataDestination(s -> s.path(dir.toString()).kmsKeyArn("k")))
                    .build())
            .startsWith("jobOutput.s3DataDestination.kmsKeyArn must not be given"));
    assertTrue(
        refused(
                job(affinity, in)
                    .jobOutput(o -> o.s3DataDestination(s -> s.path(in.getParent().toString())))
                    .build())
            .contains("must differ from the input location"));
    String itemFilter =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("items")
                    .datasetGroupArn(group)
                    .filterExpression("EXCLUDE ItemID WHERE Items.GENRES IN (\"Drama\")")
                    .build())
            .filterArn();
    assertTrue(
        refused(job(affinity, in).filterArn(itemFilter).build())
            .startsWith("filterArn must name a filter of UserID expressions"));
    String interactions =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("watchers")
                    .datasetGroupArn(group)
                    .filterExpression("EXCLUDE UserID WHERE Interactions.EVENT_TYPE IN (\"watch\")")
                    .build())
            .filterArn();
    assertTrue(
        refused(job(attributes, in).filterArn(interactions).build())
            .contains("aws-item-attribute-affinity, which does not allow interaction filters"));
    String ifUser =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("if-user")
                    .datasetGroupArn(group)
                    .filterExpression("EXCLUDE UserID WHERE Users.AGE < 30 IF CurrentUser.AGE > 10")
                    .build())
            .filterArn();
    assertTrue(
        refused(job(affinity, in).filterArn(ifUser).build())
            .startsWith("filterArn must name a filter without IF CurrentUser conditions"));
  }

  @Test
  void onlySegmentationVersionsMakeSegmentsAndOnlyJobsUseThem() throws IOException {
    String popular = version("popular", "aws-popularity-count");
    Path in = input(List.of("{\"itemId\": \"i1\"}"));
    assertEquals(
        "solutionVersionArn must name a version of a USER_SEGMENTATION recipe (aws-item-affinity,"
            + " aws-item-attribute-affinity) for a batch segment job; got: "
            + popular
            + " of aws-popularity-count (POPULAR_ITEMS). Use CreateBatchInferenceJob for"
            + " item recommendations.",
        refused(job(popular, in).build()));
    InvalidInputException campaign =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createCampaign(
                    CreateCampaignRequest.builder()
                        .name("seg")
                        .solutionVersionArn(affinity)
                        .build()));
    assertTrue(campaign.getMessage().contains("is USER_SEGMENTATION"), campaign.getMessage());
  }

  @Test
  void jobsAreListedPerSolutionVersion() throws IOException {
    BatchSegmentJob job =
        run(
            job(
                    attributes,
                    input(List.of("{\"itemAttributes\": \"ITEMS.GENRES = \\\"Drama\\\"\"}")))
                .build());
    var listed =
        p.listBatchSegmentJobs(
                ListBatchSegmentJobsRequest.builder().solutionVersionArn(attributes).build())
            .batchSegmentJobs();
    assertTrue(
        listed.stream().anyMatch(s -> s.batchSegmentJobArn().equals(job.batchSegmentJobArn())));
    listed.forEach(s -> assertEquals(attributes, s.solutionVersionArn()));
    assertEquals(25, job.numResults());
    assertNull(job.filterArn());
    assertEquals(1L, job.linesTotal());
  }

  String refused(CreateBatchSegmentJobRequest r) {
    return assertThrows(InvalidInputException.class, () -> p.createBatchSegmentJob(r)).getMessage();
  }
}
