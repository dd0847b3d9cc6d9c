package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Promotion;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.RecipeSummary;
import org.openpersonalize.api.model.Recommender;
import org.openpersonalize.api.model.RecommenderConfig;
import org.openpersonalize.api.model.UpdateRecommenderRequest;

/**
 * The five VIDEO_ON_DEMAND use cases (spec §4) on one generated catalogue, each showing its
 * built-in behaviour through the public API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VodUseCasesTest {
  @TempDir static Path dir;

  OpenPersonalize engine;
  DomainFixture f;
  String group;
  List<DomainFixture.Event> events;
  final Map<String, String> arn = new HashMap<>();

  @BeforeAll
  void setUp() throws IOException {
    engine = OpenPersonalize.builder().clock(new DomainFixture.MovableClock()).threads(2).build();
    f = new DomainFixture(engine, dir);
    group = f.group("vod", Domain.VIDEO_ON_DEMAND);
    events = DomainFixture.vodEvents(7);
    f.interactions(group, Domain.VIDEO_ON_DEMAND, events);
    f.items(group, Domain.VIDEO_ON_DEMAND, DomainFixture.vodItems());
    for (String u :
        List.of(
            "aws-vod-because-you-watched-x",
            "aws-vod-more-like-x",
            "aws-vod-most-popular",
            "aws-vod-trending-now",
            "aws-vod-top-picks")) {
      Recommender r = f.recommender(u.substring(8), group, u, null);
      assertEquals("ACTIVE", r.status(), u + ": " + r.failureReason());
      arn.put(u, r.recommenderArn());
    }
  }

  @AfterAll
  void tearDown() {
    engine.close();
  }

  private List<PredictedItem> get(String useCase, String user, String item, int n) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .recommenderArn(arn.get(useCase))
                .userId(user)
                .itemId(item)
                .numResults(n)
                .build())
        .itemList();
  }

  private static List<String> ids(List<PredictedItem> items) {
    return items.stream().map(PredictedItem::itemId).collect(Collectors.toList());
  }

  @Test
  void becauseYouWatchedXNeverReturnsAVideoTheUserWatched() {
    for (int u = 0; u < 12; u++) {
      Set<String> watched = DomainFixture.itemsOf(events, "u" + u, "Watch");
      List<PredictedItem> got = get("aws-vod-because-you-watched-x", "u" + u, "v0", 25);
      assertFalse(got.isEmpty());
      for (PredictedItem p : got) {
        assertFalse(watched.contains(p.itemId()), "u" + u + " watched " + p.itemId());
        assertNull(p.score(), "recommenders return no scores");
      }
    }
    InvalidInputException noUser =
        assertThrows(
            InvalidInputException.class,
            () -> get("aws-vod-because-you-watched-x", null, "v0", 10));
    assertTrue(noUser.getMessage().startsWith("userId"), noUser.getMessage());
    InvalidInputException noItem =
        assertThrows(
            InvalidInputException.class,
            () -> get("aws-vod-because-you-watched-x", "u1", null, 10));
    assertTrue(noItem.getMessage().startsWith("itemId"), noItem.getMessage());
  }

  @Test
  void moreLikeXRecommendsUnwatchedVideosRelatedToTheItem() {
    Set<String> watched = DomainFixture.itemsOf(events, "u4", "Watch");
    // v3 is of genre g3, the favourite genre of u3, u9, u15, ...: its neighbours share it; u4
    // prefers g4, so most g3 videos are still unwatched by u4.
    List<String> got = ids(get("aws-vod-more-like-x", "u4", "v3", 10));
    assertFalse(got.isEmpty());
    for (String id : got) {
      assertFalse(watched.contains(id), "u4 watched " + id);
    }
    long sameGenre =
        got.stream()
            .filter(id -> !id.equals("clickbait"))
            .filter(id -> Integer.parseInt(id.substring(1)) % 6 == 3)
            .count();
    assertTrue(sameGenre * 2 > got.size(), "mostly genre g3: " + got);
  }

  @Test
  void mostPopularCountsWatchersNotClicks() {
    List<String> got = ids(get("aws-vod-most-popular", "u5", null, 10));
    assertEquals("v0", got.get(0), "watched by every user");
    assertFalse(got.contains("clickbait"), "clicked by everyone, watched by none: " + got);
    assertThrows(InvalidInputException.class, () -> get("aws-vod-most-popular", null, null, 10));
    assertThrows(InvalidInputException.class, () -> get("aws-vod-most-popular", "u5", "v1", 10));
  }

  @Test
  void trendingNowNeedsNoUserAndRefusesAnItem() {
    assertFalse(get("aws-vod-trending-now", null, null, 10).isEmpty());
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> get("aws-vod-trending-now", "u1", "v1", 10));
    assertTrue(e.getMessage().startsWith("itemId must not be given"), e.getMessage());
  }

  @Test
  void topPicksRemovesWatchedVideosAlsoAfterPutEvents() {
    Set<String> watched = DomainFixture.itemsOf(events, "u4", "Watch");
    List<String> got = ids(get("aws-vod-top-picks", "u4", null, 20));
    assertEquals(20, got.size());
    for (String id : got) {
      assertFalse(watched.contains(id), "u4 watched " + id);
    }
    // Real time: the user watches the first pick; the next request no longer offers it.
    String tracking =
        engine
            .personalize()
            .createEventTracker(
                CreateEventTrackerRequest.builder()
                    .name("vod-tracker")
                    .datasetGroupArn(group)
                    .build())
            .trackingId();
    engine
        .events()
        .putEvents(
            PutEventsRequest.builder()
                .trackingId(tracking)
                .userId("u4")
                .sessionId("s4")
                .eventList(
                    Event.builder()
                        .eventType("Watch")
                        .itemId(got.get(0))
                        .sentAt(DomainFixture.NOW.minusSeconds(60))
                        .build())
                .build());
    assertFalse(ids(get("aws-vod-top-picks", "u4", null, 20)).contains(got.get(0)));
    Recommender r = f.describe(arn.get("aws-vod-top-picks"));
    assertTrue(
        r.modelMetrics().containsKey("normalized_discounted_cumulative_gain_at_10"),
        r.modelMetrics().toString());
  }

  @Test
  void filtersAndPromotionsApplyAfterTheBuiltInFilter() {
    String notG1 = filter("not-g1", "EXCLUDE ItemID WHERE Items.GENRES IN (\"g1\")");
    String g2 = filter("g2", "INCLUDE ItemID WHERE Items.GENRES IN (\"g2\")");
    Set<String> watched = DomainFixture.itemsOf(events, "u7", "Watch");
    List<PredictedItem> got =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .recommenderArn(arn.get("aws-vod-top-picks"))
                    .userId("u7")
                    .numResults(20)
                    .filterArn(notG1)
                    .promotions(
                        Promotion.builder()
                            .name("g2-first")
                            .percentPromotedItems(25)
                            .filterArn(g2)
                            .build())
                    .build())
            .itemList();
    int promoted = 0;
    for (PredictedItem p : got) {
      assertFalse(watched.contains(p.itemId()), "u7 watched " + p.itemId());
      if (!p.itemId().equals("clickbait")) {
        int v = Integer.parseInt(p.itemId().substring(1));
        assertTrue(v % 6 != 1, "filtered out: " + p.itemId());
        if ("g2-first".equals(p.promotionName())) {
          promoted++;
          assertEquals(2, v % 6, p.itemId());
        }
      }
    }
    assertEquals(5, promoted, got.toString());
  }

  private String filter(String name, String expression) {
    return engine
        .personalize()
        .createFilter(
            CreateFilterRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .filterExpression(expression)
                .build())
        .filterArn();
  }

  @Test
  void metadataColumnsOnceTheRecommenderAllowsThem() {
    GetRecommendationsRequest withColumns =
        GetRecommendationsRequest.builder()
            .recommenderArn(arn.get("aws-vod-most-popular"))
            .userId("u1")
            .numResults(5)
            .metadataColumns(Map.of("ITEMS", List.of("GENRES")))
            .build();
    InvalidInputException off =
        assertThrows(
            InvalidInputException.class, () -> engine.runtime().getRecommendations(withColumns));
    assertTrue(off.getMessage().contains("enableMetadataWithRecommendations"), off.getMessage());
    // No training column changes: the update applies at once, without retraining.
    engine
        .personalize()
        .updateRecommender(
            UpdateRecommenderRequest.builder()
                .recommenderArn(arn.get("aws-vod-most-popular"))
                .recommenderConfig(
                    RecommenderConfig.builder().enableMetadataWithRecommendations(true).build())
                .build());
    Recommender r = f.describe(arn.get("aws-vod-most-popular"));
    assertEquals("ACTIVE", r.latestRecommenderUpdate().status());
    List<PredictedItem> got = engine.runtime().getRecommendations(withColumns).itemList();
    assertEquals("g0", got.get(0).metadata().get("GENRES"));
  }

  @Test
  void listRecipesWithTheDomainListsItsUseCases() {
    List<String> arns =
        engine
            .personalize()
            .listRecipes(ListRecipesRequest.builder().domain(Domain.VIDEO_ON_DEMAND).build())
            .recipes()
            .stream()
            .map(RecipeSummary::recipeArn)
            .sorted()
            .toList();
    assertEquals(
        List.of(
            "arn:aws:personalize:::recipe/aws-vod-because-you-watched-x",
            "arn:aws:personalize:::recipe/aws-vod-more-like-x",
            "arn:aws:personalize:::recipe/aws-vod-most-popular",
            "arn:aws:personalize:::recipe/aws-vod-top-picks",
            "arn:aws:personalize:::recipe/aws-vod-trending-now"),
        arns);
    assertTrue(Instant.now().isAfter(Instant.EPOCH));
  }
}
