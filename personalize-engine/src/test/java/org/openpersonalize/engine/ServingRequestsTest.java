package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DeleteCampaignRequest;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.Item;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Promotion;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.engine.sample.SampleData;

/**
 * What GetRecommendations and GetPersonalizedRanking accept and return per recipe (spec §6.1, §6.2,
 * §3.14): scores only where the recipe has them, requests that fit the campaign's recipe, fields we
 * do not implement refused by name, every check before the model is loaded, and the same lists from
 * many threads as from one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServingRequestsTest {
  @TempDir static Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;
  String items;
  String upVersion;
  String popVersion;
  String simsVersion;
  String rankingVersion;
  final List<String> campaigns = new ArrayList<>();

  @BeforeAll
  void setUp() throws IOException {
    SampleData sample = SampleData.generate(11, 150, 200, 20);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    engine = OpenPersonalize.open(dir.resolve("store"));
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", SampleData.INTERACTIONS_SCHEMA));
    items = Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "m", SampleData.ITEMS_SCHEMA));
    Fixtures.importAndWait(engine, "i", interactions, files.interactions(), ImportMode.FULL);
    Fixtures.importAndWait(engine, "m", items, files.items(), ImportMode.FULL);
    upVersion = version("up", "aws-user-personalization");
    popVersion = version("pop", "aws-popularity-count");
    simsVersion = version("sims", "aws-sims");
    rankingVersion = version("ranking", "aws-personalized-ranking");
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  /** Amazon allows 5 campaigns per dataset group; each test frees its own. */
  @AfterEach
  void deleteCampaigns() {
    for (String arn : campaigns) {
      p.deleteCampaign(DeleteCampaignRequest.builder().campaignArn(arn).build());
    }
    campaigns.clear();
  }

  String version(String name, String recipe) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + recipe)
                    .build())
            .solutionArn();
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(5)));
    return v;
  }

  String campaign(String name, String version, String explorationWeight) {
    String arn =
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name(name)
                    .solutionVersionArn(version)
                    .campaignConfig(
                        c ->
                            c.itemExplorationConfig(Map.of("explorationWeight", explorationWeight)))
                    .build())
            .campaignArn();
    campaigns.add(arn);
    return arn;
  }

  String filter(String name, String expression) {
    return p.createFilter(
            CreateFilterRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .filterExpression(expression)
                .build())
        .filterArn();
  }

  List<PredictedItem> recommend(GetRecommendationsRequest.Builder b) {
    return engine.runtime().getRecommendations(b.build()).itemList();
  }

  List<PredictedItem> rank(GetPersonalizedRankingRequest.Builder b) {
    return engine.runtime().getPersonalizedRanking(b.build()).personalizedRanking();
  }

  String refusal(Runnable call) {
    return assertThrows(InvalidInputException.class, call::run).getMessage();
  }

  static List<String> ids(List<PredictedItem> items) {
    return items.stream().map(PredictedItem::itemId).collect(Collectors.toList());
  }

  @Test
  void popularityCountAndSimsAnswerWithoutScoresAndUserPersonalizationWithThem() {
    String pop = campaign("pop", popVersion, "0");
    String sims = campaign("sims", simsVersion, "0");
    String up = campaign("up", upVersion, "0");
    List<PredictedItem> popular =
        recommend(
            GetRecommendationsRequest.builder().campaignArn(pop).userId(SampleData.userId(1)));
    List<PredictedItem> related =
        recommend(
            GetRecommendationsRequest.builder()
                .campaignArn(sims)
                .itemId(SampleData.itemId(3))
                .numResults(50));
    assertEquals(25, popular.size());
    assertEquals(50, related.size());
    for (PredictedItem i : popular) {
      assertNull(i.score(), i.toString());
    }
    for (PredictedItem i : related) {
      assertNull(i.score(), i.toString());
    }
    List<PredictedItem> personal =
        recommend(GetRecommendationsRequest.builder().campaignArn(up).userId(SampleData.userId(1)));
    assertTrue(
        personal.stream().allMatch(i -> i.score() != null && i.score() > 0), personal.toString());
  }

  @Test
  void popularItemsCampaignServesRequestsWithoutUserId() {
    String pop = campaign("pop", popVersion, "0");
    List<PredictedItem> anonymous =
        recommend(GetRecommendationsRequest.builder().campaignArn(pop).numResults(10));
    List<PredictedItem> forUser =
        recommend(
            GetRecommendationsRequest.builder()
                .campaignArn(pop)
                .userId(SampleData.userId(4))
                .numResults(10));
    assertEquals(10, anonymous.size());
    assertEquals(ids(forUser), ids(anonymous));
    // An Items filter needs no user; one that reads the user's interactions does.
    String drama = filter("drama", "INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\")");
    assertEquals(
        5,
        recommend(
                GetRecommendationsRequest.builder().campaignArn(pop).numResults(5).filterArn(drama))
            .size());
    String seen = filter("seen", "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\")");
    String message =
        refusal(
            () -> recommend(GetRecommendationsRequest.builder().campaignArn(pop).filterArn(seen)));
    assertTrue(message.startsWith("userId must be given with filter " + seen), message);
    // A user-personalization campaign still needs its user.
    String up = campaign("up", upVersion, "0");
    message = refusal(() -> recommend(GetRecommendationsRequest.builder().campaignArn(up)));
    assertEquals("userId must be given; got: null", message);
  }

  @Test
  void personalizedRankingIsRefusedOnCampaignsOfOtherRecipes() {
    String up = campaign("up", upVersion, "0");
    String pop = campaign("pop", popVersion, "0");
    String ranking = campaign("ranking", rankingVersion, "0");
    for (String c : List.of(up, pop)) {
      String message =
          refusal(
              () ->
                  rank(
                      GetPersonalizedRankingRequest.builder()
                          .campaignArn(c)
                          .userId(SampleData.userId(2))
                          .inputList(SampleData.itemId(1), SampleData.itemId(2))));
      assertTrue(
          message.contains("GetPersonalizedRanking needs a PERSONALIZED_RANKING campaign"),
          message);
    }
    assertEquals(
        2,
        rank(GetPersonalizedRankingRequest.builder()
                .campaignArn(ranking)
                .userId(SampleData.userId(2))
                .inputList(SampleData.itemId(1), SampleData.itemId(2), SampleData.itemId(1)))
            .size(),
        "a repeated item is ranked once");
    // And the reverse: a ranking campaign does not answer GetRecommendations.
    String message =
        refusal(
            () ->
                recommend(
                    GetRecommendationsRequest.builder()
                        .campaignArn(ranking)
                        .userId(SampleData.userId(2))));
    assertTrue(message.contains("use GetPersonalizedRanking"), message);
  }

  @Test
  void contextIsRefusedNamingTheFieldUntilARecipeUsesIt() {
    String up = campaign("up", upVersion, "0");
    String ranking = campaign("ranking", rankingVersion, "0");
    String message =
        refusal(
            () ->
                recommend(
                    GetRecommendationsRequest.builder()
                        .campaignArn(up)
                        .userId(SampleData.userId(2))
                        .context(Map.of("DEVICE", "phone"))));
    assertTrue(message.startsWith("context must be empty"), message);
    assertTrue(message.contains("DEVICE"), message);
    message =
        refusal(
            () ->
                rank(
                    GetPersonalizedRankingRequest.builder()
                        .campaignArn(ranking)
                        .userId(SampleData.userId(2))
                        .inputList(SampleData.itemId(1))
                        .context(Map.of("DEVICE", "phone"))));
    assertTrue(message.startsWith("context must be empty"), message);
    // A malformed context gets the rule it breaks first.
    message =
        refusal(
            () ->
                recommend(
                    GetRecommendationsRequest.builder()
                        .campaignArn(up)
                        .userId(SampleData.userId(2))
                        .context(Map.of("DEVICE", "x".repeat(1001)))));
    assertTrue(message.startsWith("context.DEVICE must be 0-1000 characters"), message);
  }

  @Test
  void requestsThatWouldBeSilentlyIgnoredAreRefused() {
    String up = campaign("up", upVersion, "0");
    String message =
        refusal(
            () ->
                recommend(
                    GetRecommendationsRequest.builder()
                        .campaignArn(up)
                        .userId(SampleData.userId(2))
                        .filterValues(Map.of("G", "\"Drama\""))));
    assertTrue(message.startsWith("filterValues must be given only with filterArn"), message);
    String newer = filter("newer", "INCLUDE ItemID WHERE Items.YEAR >= CurrentItem.YEAR");
    message =
        refusal(
            () ->
                recommend(
                    GetRecommendationsRequest.builder()
                        .campaignArn(up)
                        .userId(SampleData.userId(2))
                        .filterArn(newer)));
    assertTrue(
        message.startsWith("filterArn must name a filter without CurrentItem for a"), message);
    message =
        refusal(
            () ->
                recommend(
                    GetRecommendationsRequest.builder()
                        .campaignArn(up)
                        .userId(SampleData.userId(2))
                        .itemId(SampleData.itemId(1))));
    assertTrue(message.startsWith("itemId must not be given"), message);
    // The API boundary refuses a null request before serving sees it.
    assertEquals(
        "request must not be null", refusal(() -> engine.runtime().getRecommendations(null)));
    assertEquals(
        "request must not be null", refusal(() -> engine.runtime().getPersonalizedRanking(null)));
  }

  @Test
  void popularityCampaignDoesNotExploreEvenWithTheDefaultWeight() {
    engine
        .events()
        .putItems(
            PutItemsRequest.builder()
                .datasetArn(items)
                .items(
                    Item.builder()
                        .itemId("brand-new")
                        .properties(
                            "{\"title\":\"New\",\"genres\":\"Drama\",\"year\":2026,"
                                + "\"creationTimestamp\":"
                                + Instant.now().getEpochSecond()
                                + "}")
                        .build())
                .build());
    // CreateCampaign refuses an exploration weight for a recipe that does not explore; the
    // campaign's default must not make it explore either.
    String pop =
        p.createCampaign(
                CreateCampaignRequest.builder().name("pop").solutionVersionArn(popVersion).build())
            .campaignArn();
    campaigns.add(pop);
    List<PredictedItem> popular =
        recommend(GetRecommendationsRequest.builder().campaignArn(pop).numResults(500));
    assertTrue(
        popular.stream().noneMatch(i -> i.itemId().equals("brand-new")), ids(popular).toString());
    assertTrue(popular.stream().noneMatch(PredictedItem::hasReason));
    // The same setting on a user-personalization campaign does explore the new item.
    String up = campaign("up", upVersion, "1");
    List<PredictedItem> explored =
        recommend(
            GetRecommendationsRequest.builder()
                .campaignArn(up)
                .userId(SampleData.userId(3))
                .numResults(25));
    assertTrue(
        explored.stream()
            .anyMatch(
                i -> i.itemId().equals("brand-new") && i.reason().equals(List.of("Exploration"))),
        explored.toString());
  }

  @Test
  void manyThreadsGetTheListsOneThreadGets() throws Exception {
    String up = campaign("up", upVersion, "0.5");
    String sims = campaign("sims", simsVersion, "0");
    String ranking = campaign("ranking", rankingVersion, "0");
    String drama = filter("drama2", "INCLUDE ItemID WHERE Items.GENRES IN ($G)");
    List<Supplier<List<String>>> calls = new ArrayList<>();
    for (int u = 0; u < 12; u++) {
      String user = SampleData.userId(u);
      String anchor = SampleData.itemId(u);
      int n = 5 + 7 * u;
      calls.add(
          () ->
              ids(
                  recommend(
                      GetRecommendationsRequest.builder()
                          .campaignArn(up)
                          .userId(user)
                          .numResults(n))));
      calls.add(
          () ->
              ids(
                  recommend(
                      GetRecommendationsRequest.builder()
                          .campaignArn(up)
                          .userId(user)
                          .numResults(20)
                          .filterArn(drama)
                          .filterValues(Map.of("G", "\"Drama\""))
                          .promotions(
                              Promotion.builder()
                                  .name("p")
                                  .percentPromotedItems(30)
                                  .filterArn(drama)
                                  .filterValues(Map.of("G", "\"Comedy\""))
                                  .build()))));
      calls.add(
          () ->
              ids(
                  recommend(
                      GetRecommendationsRequest.builder()
                          .campaignArn(sims)
                          .itemId(anchor)
                          .numResults(n))));
      List<String> input = new ArrayList<>();
      for (int i = u; i < u + 30; i++) {
        input.add(SampleData.itemId(i * 3 % 200));
      }
      calls.add(
          () ->
              ids(
                  rank(
                      GetPersonalizedRankingRequest.builder()
                          .campaignArn(ranking)
                          .userId(user)
                          .inputList(input))));
    }
    List<List<String>> expected = new ArrayList<>();
    for (Supplier<List<String>> call : calls) {
      expected.add(call.get());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        List<Future<List<String>>> got = new ArrayList<>();
        for (int k = 0; k < calls.size(); k++) {
          // A different order each round, so threads interleave different request kinds.
          Supplier<List<String>> call = calls.get((k * 7 + round * 5) % calls.size());
          got.add(pool.submit(call::get));
        }
        for (int k = 0; k < calls.size(); k++) {
          assertEquals(expected.get((k * 7 + round * 5) % calls.size()), got.get(k).get());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void requestIsCheckedBeforeADamagedModelIsLoaded() throws IOException {
    String fragile = version("fragile", "aws-popularity-count");
    String pop = campaign("fragile", fragile, "0");
    String drama = filter("drama3", "INCLUDE ItemID WHERE Items.GENRES IN ($G)");
    engine.close();
    try (var files = Files.list(dir.resolve("store").resolve("models"))) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("fragile-")).toList()) {
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x5A;
        Files.write(f, b);
      }
    }
    engine = OpenPersonalize.open(dir.resolve("store"));
    p = engine.personalize();
    // Each of these needs the campaign's recipe or the filter, never the model.
    String message =
        refusal(
            () ->
                recommend(
                    GetRecommendationsRequest.builder()
                        .campaignArn(pop)
                        .itemId(SampleData.itemId(1))));
    assertTrue(message.startsWith("itemId must not be given"), message);
    message =
        refusal(
            () -> recommend(GetRecommendationsRequest.builder().campaignArn(pop).filterArn(drama)));
    assertTrue(message.startsWith("filterValues must have a value for $G"), message);
    message =
        refusal(
            () ->
                rank(
                    GetPersonalizedRankingRequest.builder()
                        .campaignArn(pop)
                        .userId("u")
                        .inputList(SampleData.itemId(1))));
    assertTrue(message.contains("needs a PERSONALIZED_RANKING campaign"), message);
    // A valid request reaches the model and is told it is damaged.
    PersonalizeException e =
        assertThrows(
            PersonalizeException.class,
            () -> recommend(GetRecommendationsRequest.builder().campaignArn(pop)));
    assertFalse(e instanceof InvalidInputException);
    assertTrue(
        e instanceof org.openpersonalize.api.model.InternalFailureException,
        e.getClass().getName());
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());
  }
}
