package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.BatchInferenceJob;
import org.openpersonalize.api.model.CreateBatchInferenceJobRequest;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeBatchInferenceJobRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListBatchInferenceJobsRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Promotion;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.sample.SampleData;

/**
 * Batch inference jobs end to end on generated data: for every recipe type a job's output equals
 * what GetRecommendations or GetPersonalizedRanking returns on a campaign of the same version for
 * the same inputs and filter values (exploration off), and the failures the spec names: a malformed
 * line, a missing input, an output folder inside the input, refused fields.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchInferenceJobTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  static final String SIMS = "arn:aws:personalize:::recipe/aws-sims";
  static final String RANKING = "arn:aws:personalize:::recipe/aws-personalized-ranking";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  SampleData sample;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String moreRecipes;
  String genreFilter;
  List<String> progress = new CopyOnWriteArrayList<>();
  int jobs;

  @BeforeAll
  void setUp() throws IOException {
    sample = SampleData.generate(11, 150, 120, 20);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    engine =
        OpenPersonalize.builder()
            .directory(dir.resolve("store"))
            .trainingProgress(
                (arn, f, m) -> {
                  if (arn.contains("batch-inference-job")) {
                    progress.add(m);
                  }
                })
            .build();
    p = engine.personalize();
    group = dataGroup("batch", "", files);
    // A dataset group holds at most 10 solutions: the recipes beyond one per type get their own.
    moreRecipes = dataGroup("batch-more", "-more", files);
    genreFilter =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("genre")
                    .datasetGroupArn(group)
                    .filterExpression("INCLUDE ItemID WHERE Items.GENRES IN ($GENRES)")
                    .build())
            .filterArn();
  }

  /** A dataset group with the sample's interactions and items imported. */
  String dataGroup(String name, String suffix, SampleData.Files files) {
    String arn =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name(name).build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p,
            arn,
            "Interactions",
            Fixtures.schema(p, "i" + suffix, SampleData.INTERACTIONS_SCHEMA));
    String items =
        Fixtures.dataset(
            p, arn, "Items", Fixtures.schema(p, "m" + suffix, SampleData.ITEMS_SCHEMA));
    assertEquals(
        "ACTIVE",
        Fixtures.importAndWait(
                engine, "i" + suffix, interactions, files.interactions(), ImportMode.FULL)
            .status());
    assertEquals(
        "ACTIVE",
        Fixtures.importAndWait(engine, "m" + suffix, items, files.items(), ImportMode.FULL)
            .status());
    return arn;
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  String train(String name, String recipe) {
    return train(name, recipe, Map.of());
  }

  String train(String name, String recipe, Map<String, String> hyperParameters) {
    return train(name, recipe, hyperParameters, group);
  }

  String train(String name, String recipe, Map<String, String> hyperParameters, String groupArn) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(groupArn)
                    .recipeArn(recipe)
                    .solutionConfig(
                        SolutionConfig.builder().algorithmHyperParameters(hyperParameters).build())
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    engine.awaitCompletion(version, Duration.ofMinutes(5));
    return version;
  }

  String campaign(String name, String version) {
    return p.createCampaign(
            CreateCampaignRequest.builder()
                .name(name)
                .solutionVersionArn(version)
                .campaignConfig(c -> c.itemExplorationConfig(Map.of("explorationWeight", "0")))
                .build())
        .campaignArn();
  }

  /** Runs a job over the lines; returns the finished job and its output lines. */
  List<JsonNode> run(
      String version, List<String> lines, Consumer<CreateBatchInferenceJobRequest.Builder> more)
      throws IOException {
    int id = ++jobs;
    Path in = Files.createDirectories(dir.resolve("in" + id));
    Files.write(in.resolve("lines.json"), lines);
    CreateBatchInferenceJobRequest.Builder b =
        CreateBatchInferenceJobRequest.builder()
            .jobName("job-" + id)
            .solutionVersionArn(version)
            .jobInput(i -> i.s3DataSource(s -> s.path(in.toString())))
            .jobOutput(o -> o.s3DataDestination(s -> s.path(dir.resolve("out" + id).toString())));
    more.accept(b);
    String arn = p.createBatchInferenceJob(b.build()).batchInferenceJobArn();
    assertEquals(
        "ACTIVE",
        engine.awaitCompletion(arn, Duration.ofMinutes(2)),
        describe(arn).failureReason());
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("out" + id).resolve("lines.json.out"))) {
      out.add(JSON.readTree(l));
    }
    assertEquals(lines.size(), out.size());
    return out;
  }

  BatchInferenceJob describe(String arn) {
    return p.describeBatchInferenceJob(
            DescribeBatchInferenceJobRequest.builder().batchInferenceJobArn(arn).build())
        .batchInferenceJob();
  }

  static void assertSame(List<PredictedItem> want, JsonNode output, String what) {
    JsonNode ids = output.get("recommendedItems");
    assertEquals(want.size(), ids.size(), what);
    for (int k = 0; k < want.size(); k++) {
      assertEquals(want.get(k).itemId(), ids.get(k).asText(), what + " position " + k);
      if (want.get(k).score() == null) {
        assertTrue(output.get("scores") == null || output.get("scores").get(k).isNull(), what);
      } else {
        assertEquals(want.get(k).score(), output.get("scores").get(k).asDouble(), 0.0, what);
      }
      JsonNode reasons = output.get("reasons");
      if (reasons != null) {
        List<String> why = new ArrayList<>();
        reasons.get(k).forEach(r -> why.add(r.asText()));
        assertEquals(want.get(k).reason(), why, what + " reasons at " + k);
      }
    }
  }

  /** The line's answer is the request's, or its error is the request's refusal. */
  static void assertSameAnswer(
      java.util.function.Supplier<List<PredictedItem>> request, JsonNode line, String what) {
    List<PredictedItem> want;
    try {
      want = request.get();
    } catch (InvalidInputException e) {
      assertEquals(e.getMessage(), line.get("error").asText(), what);
      assertTrue(line.get("output").isNull(), what);
      return;
    }
    assertTrue(line.get("error").isNull(), what + ": " + line);
    assertSame(want, line.get("output"), what);
  }

  static String userLine(String user, String genres) {
    return genres == null
        ? "{\"userId\":\"" + user + "\"}"
        : "{\"userId\":\""
            + user
            + "\",\"filterValues\":{\"GENRES\":\""
            + genres.replace("\"", "\\\"")
            + "\"}}";
  }

  @Test
  void userPersonalizationJobEqualsGetRecommendationsWithAndWithoutFilterValues()
      throws IOException {
    String version = train("up", UP);
    String campaign = campaign("up-c", version);
    List<String> users = new ArrayList<>();
    for (int u = 0; u < 150; u += 2) {
      users.add(SampleData.userId(u));
    }
    users.add("someone-new");
    // Without a filter: more lines than one block of users, so several blocks are scored.
    List<String> plain = new ArrayList<>();
    for (String u : users) {
      plain.add(userLine(u, null));
    }
    List<JsonNode> out =
        run(
            version,
            plain,
            b ->
                b.numResults(7)
                    .batchInferenceJobConfig(
                        c -> c.itemExplorationConfig(Map.of("explorationWeight", "0"))));
    for (int k = 0; k < users.size(); k++) {
      GetRecommendationsRequest q =
          GetRecommendationsRequest.builder()
              .campaignArn(campaign)
              .userId(users.get(k))
              .numResults(7)
              .build();
      assertEquals(users.get(k), out.get(k).get("input").get("userId").asText());
      assertSameAnswer(
          () -> engine.runtime().getRecommendations(q).itemList(), out.get(k), "line " + k);
    }
    // With the filter: each line's own values; a line without them is refused as a request is.
    List<String> filtered = new ArrayList<>();
    List<String> genres = new ArrayList<>();
    for (int u = 1; u < 60; u += 3) {
      String g =
          u == 4
              ? null
              : "\"" + SampleData.GENRES.get(u % 5) + "\",\"" + SampleData.GENRES.get(7) + "\"";
      genres.add(g);
      filtered.add(userLine(SampleData.userId(u), g));
    }
    out =
        run(
            version,
            filtered,
            b ->
                b.numResults(7)
                    .filterArn(genreFilter)
                    .batchInferenceJobConfig(
                        c -> c.itemExplorationConfig(Map.of("explorationWeight", "0"))));
    int refused = 0;
    for (int k = 0; k < filtered.size(); k++) {
      GetRecommendationsRequest.Builder q =
          GetRecommendationsRequest.builder()
              .campaignArn(campaign)
              .userId(SampleData.userId(1 + 3 * k))
              .numResults(7)
              .filterArn(genreFilter);
      if (genres.get(k) != null) {
        q.filterValues(Map.of("GENRES", genres.get(k)));
      } else {
        refused++;
      }
      GetRecommendationsRequest req = q.build();
      assertSameAnswer(
          () -> engine.runtime().getRecommendations(req).itemList(), out.get(k), "filtered " + k);
    }
    assertEquals(1, refused);
  }

  @Test
  void popularityJobEqualsGetRecommendationsAndHasNoScores() throws IOException {
    String version = train("pop", POP);
    String campaign = campaign("pop-c", version);
    List<String> lines = List.of(userLine("u1", null), userLine("u2", "\"Drama\""), "{}");
    List<JsonNode> out = run(version, lines, b -> b.numResults(5).filterArn(genreFilter));
    GetRecommendationsRequest base =
        GetRecommendationsRequest.builder()
            .campaignArn(campaign)
            .numResults(5)
            .filterArn(genreFilter)
            .build();
    assertSameAnswer(
        () -> engine.runtime().getRecommendations(base.toBuilder().userId("u1").build()).itemList(),
        out.get(0),
        "u1");
    assertSame(
        engine
            .runtime()
            .getRecommendations(
                base.toBuilder().userId("u2").filterValues(Map.of("GENRES", "\"Drama\"")).build())
            .itemList(),
        out.get(1).get("output"),
        "u2 with a filter");
    assertNull(out.get(1).get("output").get("scores"), "Popularity-Count has no scores");
    assertSameAnswer(
        () -> engine.runtime().getRecommendations(base).itemList(), out.get(2), "no user");
  }

  @Test
  void relatedItemsJobEqualsGetRecommendationsForTheItem() throws IOException {
    String version = train("sims", SIMS);
    String campaign = campaign("sims-c", version);
    List<String> items = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 120; i += 7) {
      items.add(SampleData.itemId(i));
      lines.add("{\"itemId\":\"" + SampleData.itemId(i) + "\"}");
    }
    items.add("not-an-item");
    lines.add("{\"itemId\":\"not-an-item\"}");
    List<JsonNode> out = run(version, lines, b -> b.numResults(10));
    for (int k = 0; k < items.size(); k++) {
      List<PredictedItem> want =
          engine
              .runtime()
              .getRecommendations(
                  GetRecommendationsRequest.builder()
                      .campaignArn(campaign)
                      .itemId(items.get(k))
                      .numResults(10)
                      .build())
              .itemList();
      assertSame(want, out.get(k).get("output"), items.get(k));
    }
  }

  @Test
  void rankingJobEqualsGetPersonalizedRanking() throws IOException {
    String version = train("rank", RANKING);
    String campaign = campaign("rank-c", version);
    List<String> lines = new ArrayList<>();
    List<List<String>> lists = new ArrayList<>();
    for (int u = 0; u < 30; u++) {
      List<String> list = new ArrayList<>();
      for (int i = u; i < 120; i += 9) {
        list.add(SampleData.itemId(i));
      }
      list.add("unknown-item");
      lists.add(list);
      lines.add(
          JSON.createObjectNode()
              .put("userId", SampleData.userId(u))
              .set("itemList", JSON.valueToTree(list))
              .toString());
    }
    List<JsonNode> out = run(version, lines, b -> {});
    for (int u = 0; u < 30; u++) {
      List<PredictedItem> want =
          engine
              .runtime()
              .getPersonalizedRanking(
                  GetPersonalizedRankingRequest.builder()
                      .campaignArn(campaign)
                      .userId(SampleData.userId(u))
                      .inputList(lists.get(u))
                      .build())
              .personalizedRanking();
      assertSame(want, out.get(u).get("output"), "user " + u);
    }
  }

  @Test
  void badLinesGetAnErrorAndTheJobGoesOnWithProgressReported() throws IOException {
    String version = train("up-bad", UP);
    List<String> lines =
        List.of(
            userLine("u1", "\"Drama\""),
            "{this is not json",
            "{\"itemId\":\"i1\"}",
            userLine("u2", "\"Drama\"").replace("GENRES", "NOT_A_PLACEHOLDER"),
            "{\"userId\":\"u3\",\"colour\":\"red\"}",
            userLine("u4", "\"Comedy\""));
    List<JsonNode> out = run(version, lines, b -> b.filterArn(genreFilter));
    assertTrue(out.get(0).get("error").isNull());
    assertFalse(out.get(0).get("output").get("recommendedItems").isEmpty());
    assertTrue(out.get(1).get("error").asText().contains("not valid JSON"));
    assertTrue(out.get(2).get("error").asText().contains("userId"), out.get(2).toString());
    assertTrue(
        out.get(3).get("error").asText().contains("NOT_A_PLACEHOLDER"), out.get(3).toString());
    assertTrue(out.get(4).get("error").asText().contains("colour"), out.get(4).toString());
    assertTrue(out.get(5).get("error").isNull());
    BatchInferenceJob job =
        p
            .listBatchInferenceJobs(
                ListBatchInferenceJobsRequest.builder().solutionVersionArn(version).build())
            .batchInferenceJobs()
            .stream()
            .map(s -> describe(s.batchInferenceJobArn()))
            .findFirst()
            .orElseThrow();
    assertEquals(6L, job.linesProcessed());
    assertEquals(6L, job.linesTotal());
    assertEquals(4L, job.linesFailed());
    assertTrue(progress.contains("lines 6 of 6 (4 with an error)"), progress.toString());
  }

  @Test
  void aMissingInputEndsCreateFailedWithTheReason() {
    String version = train("up-missing", UP);
    String arn =
        p.createBatchInferenceJob(
                CreateBatchInferenceJobRequest.builder()
                    .jobName("missing")
                    .solutionVersionArn(version)
                    .jobInput(i -> i.s3DataSource(s -> s.path(dir.resolve("nope.json").toString())))
                    .jobOutput(o -> o.s3DataDestination(s -> s.path(dir.resolve("o").toString())))
                    .build())
            .batchInferenceJobArn();
    assertEquals("CREATE FAILED", engine.awaitCompletion(arn, Duration.ofMinutes(1)));
    String reason = describe(arn).failureReason();
    assertTrue(reason.contains("nope.json"), reason);
    assertFalse(Files.exists(dir.resolve("o").resolve("nope.json.out")));
  }

  @Test
  void requestsTheEngineCannotHonourAreRefusedNamingTheField() throws IOException {
    String version = train("up-refuse", UP);
    Path in = Files.createDirectories(dir.resolve("refuse-in"));
    Files.writeString(in.resolve("a.json"), userLine("u1", null) + "\n");
    CreateBatchInferenceJobRequest ok =
        CreateBatchInferenceJobRequest.builder()
            .jobName("refused")
            .solutionVersionArn(version)
            .jobInput(i -> i.s3DataSource(s -> s.path(in.toString())))
            .jobOutput(o -> o.s3DataDestination(s -> s.path(dir.resolve("refuse-out").toString())))
            .build();
    Map<String, CreateBatchInferenceJobRequest> refused =
        Map.of(
            "jobOutput.s3DataDestination.path",
            ok.toBuilder()
                .jobOutput(o -> o.s3DataDestination(s -> s.path(in.resolve("out").toString())))
                .build(),
            "jobInput.s3DataSource.path",
            ok.toBuilder().jobInput(i -> i.s3DataSource(s -> s.path("s3://bucket/in/"))).build(),
            "kmsKeyArn",
            ok.toBuilder()
                .jobInput(i -> i.s3DataSource(s -> s.path(in.toString()).kmsKeyArn("arn:k")))
                .build(),
            "batchInferenceJobMode",
            ok.toBuilder().batchInferenceJobMode("THEME_GENERATION").build(),
            "themeGenerationConfig",
            ok.toBuilder()
                .themeGenerationConfig(t -> t.fieldsForThemeGeneration(f -> f.itemName("T")))
                .build(),
            "rankingInfluence",
            ok.toBuilder()
                .batchInferenceJobConfig(c -> c.rankingInfluence(Map.of("POPULARITY", 1.0)))
                .build(),
            "numResults",
            ok.toBuilder().numResults(501).build(),
            "itemExplorationConfig",
            ok.toBuilder()
                .batchInferenceJobConfig(c -> c.itemExplorationConfig(Map.of("colour", "1")))
                .build());
    for (Map.Entry<String, CreateBatchInferenceJobRequest> e : refused.entrySet()) {
      InvalidInputException ex =
          assertThrows(
              InvalidInputException.class,
              () -> p.createBatchInferenceJob(e.getValue()),
              e.getKey());
      assertTrue(ex.getMessage().contains(e.getKey()), e.getKey() + ": " + ex.getMessage());
    }
    String sims = train("sims-refuse", SIMS);
    InvalidInputException exploring =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createBatchInferenceJob(
                    ok.toBuilder()
                        .solutionVersionArn(sims)
                        .batchInferenceJobConfig(
                            c -> c.itemExplorationConfig(Map.of("explorationWeight", "0.5")))
                        .build()));
    assertTrue(exploring.getMessage().contains("explorationWeight"), exploring.getMessage());
  }

  /**
   * Amazon: "You can't get batch recommendations with the Trending-Now or Next-Best-Action recipes"
   * (CreateBatchInferenceJob). A real Trending-Now solution version, trained and ACTIVE, is refused
   * before anything is stored or written.
   */
  @Test
  void aTrendingNowSolutionVersionIsRefused() throws IOException {
    String trending = "arn:aws:personalize:::recipe/aws-trending-now";
    String version = train("trending-refuse", trending);
    assertEquals(
        "ACTIVE",
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
            .solutionVersion()
            .status());
    Path in = Files.createDirectories(dir.resolve("trending-in"));
    Files.writeString(in.resolve("a.json"), userLine(SampleData.userId(1), null) + "\n");
    Path out = dir.resolve("trending-out");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createBatchInferenceJob(
                    CreateBatchInferenceJobRequest.builder()
                        .jobName("trending")
                        .solutionVersionArn(version)
                        .jobInput(i -> i.s3DataSource(s -> s.path(in.toString())))
                        .jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))
                        .build()));
    assertEquals(
        "Batch inference jobs are not supported for solution versions of "
            + trending
            + "; get its recommendations from a campaign with GetRecommendations",
        e.getMessage());
    assertTrue(
        p.listBatchInferenceJobs(
                ListBatchInferenceJobsRequest.builder().solutionVersionArn(version).build())
            .batchInferenceJobs()
            .isEmpty(),
        "a refused job was stored");
    assertFalse(Files.exists(out), "a refused job created its output folder");
  }

  /**
   * The recipes of the catalogue beyond one per type: the self-attention ones (User-Personalization
   * v2, Personalized-Ranking v2), Similar-Items and co-purchase. Each job's lines equal its
   * campaign's answers (exploration off).
   */
  @Test
  void theOtherBatchRecipesEqualTheirCampaigns() throws IOException {
    Map<String, String> small =
        Map.of(
            "hidden_dimension", "16",
            "num_epochs", "5",
            "batch_size", "32",
            "max_history_length", "20",
            "num_blocks", "1",
            "num_negatives", "32");
    String upV2 =
        train(
            "up-v2",
            "arn:aws:personalize:::recipe/aws-user-personalization-v2",
            small,
            moreRecipes);
    String upV2Campaign = campaign("up-v2-c", upV2);
    List<String> users = new ArrayList<>();
    List<String> userLines = new ArrayList<>();
    for (int u = 0; u < 150; u += 11) {
      users.add(SampleData.userId(u));
      userLines.add(userLine(SampleData.userId(u), null));
    }
    List<JsonNode> out =
        run(
            upV2,
            userLines,
            b ->
                b.numResults(6)
                    .batchInferenceJobConfig(
                        c -> c.itemExplorationConfig(Map.of("explorationWeight", "0"))));
    for (int k = 0; k < users.size(); k++) {
      GetRecommendationsRequest q =
          GetRecommendationsRequest.builder()
              .campaignArn(upV2Campaign)
              .userId(users.get(k))
              .numResults(6)
              .build();
      assertSameAnswer(
          () -> engine.runtime().getRecommendations(q).itemList(), out.get(k), "UP-v2 " + k);
    }
    assertEquals(users.size(), answered(out), "UP-v2 lines answered with items");
    for (JsonNode line : out) {
      JsonNode output = line.get("output");
      // UP-v2 lines carry one reason list per item (spec §7.1), empty here: no exploration.
      assertEquals(output.get("recommendedItems").size(), output.get("reasons").size(), "" + line);
    }
    // Its responses name promoted items' reason (spec §3.1); other recipes' do not.
    String drama =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("v2-drama")
                    .datasetGroupArn(moreRecipes)
                    .filterExpression("INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\")")
                    .build())
            .filterArn();
    List<PredictedItem> promotedList =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(upV2Campaign)
                    .userId(users.get(0))
                    .numResults(10)
                    .promotions(
                        Promotion.builder()
                            .name("drama")
                            .percentPromotedItems(30)
                            .filterArn(drama)
                            .build())
                    .build())
            .itemList();
    int promoted = 0;
    for (PredictedItem i : promotedList) {
      if ("drama".equals(i.promotionName())) {
        promoted++;
        assertEquals(List.of("Promoted item"), i.reason(), i.itemId());
      } else {
        assertFalse(i.reason().contains("Promoted item"), i.itemId());
      }
    }
    assertEquals(3, promoted, "30 % of 10 promoted");

    String prV2 =
        train(
            "pr-v2",
            "arn:aws:personalize:::recipe/aws-personalized-ranking-v2",
            small,
            moreRecipes);
    String prV2Campaign = campaign("pr-v2-c", prV2);
    List<String> rankLines = new ArrayList<>();
    List<List<String>> lists = new ArrayList<>();
    for (int u = 0; u < 12; u++) {
      List<String> list = new ArrayList<>();
      for (int i = u; i < 120; i += 13) {
        list.add(SampleData.itemId(i));
      }
      lists.add(list);
      rankLines.add(
          JSON.createObjectNode()
              .put("userId", SampleData.userId(u))
              .set("itemList", JSON.valueToTree(list))
              .toString());
    }
    out = run(prV2, rankLines, b -> {});
    for (int u = 0; u < lists.size(); u++) {
      List<PredictedItem> want =
          engine
              .runtime()
              .getPersonalizedRanking(
                  GetPersonalizedRankingRequest.builder()
                      .campaignArn(prV2Campaign)
                      .userId(SampleData.userId(u))
                      .inputList(lists.get(u))
                      .build())
              .personalizedRanking();
      assertSame(want, out.get(u).get("output"), "PR-v2 user " + u);
    }
    assertEquals(lists.size(), answered(out), "PR-v2 lines answered with items");

    for (String recipe :
        List.of(
            "arn:aws:personalize:::recipe/aws-similar-items",
            "arn:aws:personalize:::recipe/openpersonalize-co-purchase")) {
      String name = recipe.substring(recipe.lastIndexOf('/') + 1);
      String version = train(name, recipe, Map.of(), moreRecipes);
      String campaign = campaign(name + "-c", version);
      List<String> items = new ArrayList<>();
      List<String> itemLines = new ArrayList<>();
      for (int i = 0; i < 120; i += 9) {
        items.add(SampleData.itemId(i));
        itemLines.add("{\"itemId\":\"" + SampleData.itemId(i) + "\"}");
      }
      out = run(version, itemLines, b -> b.numResults(8));
      for (int k = 0; k < items.size(); k++) {
        GetRecommendationsRequest q =
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .itemId(items.get(k))
                .numResults(8)
                .build();
        assertSameAnswer(
            () -> engine.runtime().getRecommendations(q).itemList(), out.get(k), name + " " + k);
      }
      // Co-purchase knows only items bought together, so some lines may have no answer.
      assertTrue(answered(out) > items.size() / 2, name + ": " + answered(out) + " answered");
    }
  }

  /** Output lines that hold at least one recommended item. */
  static int answered(List<JsonNode> out) {
    int n = 0;
    for (JsonNode line : out) {
      n += line.path("output").path("recommendedItems").size() > 0 ? 1 : 0;
    }
    return n;
  }
}
