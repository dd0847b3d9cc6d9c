package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
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
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Recommender;
import org.openpersonalize.api.model.RecommenderConfig;

/**
 * The five ECOMMERCE use cases (spec §4) on one generated shop, each showing its built-in behaviour
 * through the public API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcommUseCasesTest {
  @TempDir static Path dir;

  OpenPersonalize engine;
  String group;
  List<DomainFixture.Event> events;
  final Map<String, String> arn = new HashMap<>();

  @BeforeAll
  void setUp() throws IOException {
    engine = OpenPersonalize.builder().clock(new DomainFixture.MovableClock()).threads(2).build();
    DomainFixture f = new DomainFixture(engine, dir);
    group = f.group("shop", Domain.ECOMMERCE);
    events = DomainFixture.shopEvents(11);
    f.interactions(group, Domain.ECOMMERCE, events);
    f.items(group, Domain.ECOMMERCE, DomainFixture.shopItems());
    for (String u :
        List.of(
            "aws-ecomm-popular-items-by-views",
            "aws-ecomm-popular-items-by-purchases",
            "aws-ecomm-frequently-bought-together",
            "aws-ecomm-customers-who-viewed-x-also-viewed",
            "aws-ecomm-recommended-for-you")) {
      RecommenderConfig config =
          u.endsWith("recommended-for-you")
              ? RecommenderConfig.builder()
                  .itemExplorationConfig(Map.of("explorationWeight", "0.1"))
                  .build()
              : null;
      Recommender r = f.recommender(u.substring(10), group, u, config);
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
  void mostViewedRanksByViews() {
    List<PredictedItem> got = get("aws-ecomm-popular-items-by-views", "u1", null, 5);
    assertEquals("window", got.get(0).itemId(), "viewed by every user");
    assertNull(got.get(0).score());
  }

  @Test
  void bestSellersRanksByPurchasesNotViews() {
    List<String> got = ids(get("aws-ecomm-popular-items-by-purchases", "u1", null, 10));
    assertEquals("bestseller", got.get(0), got.toString());
    assertFalse(got.contains("window"), "viewed by all, bought by two: " + got);
  }

  @Test
  void frequentlyBoughtTogetherReturnsThePartner() {
    for (int k = 0; k < 10; k++) {
      List<String> got = ids(get("aws-ecomm-frequently-bought-together", null, "p" + 2 * k, 5));
      // The partner is bought with it by every buyer, right after it: it comes first, before the
      // best seller (bought by 50 of the 60 users, so by almost every buyer of anything).
      assertEquals("p" + (2 * k + 1), got.get(0), "bought with p" + 2 * k + ": " + got);
    }
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> get("aws-ecomm-frequently-bought-together", "u1", null, 5));
    assertTrue(e.getMessage().startsWith("itemId"), e.getMessage());
  }

  @Test
  void customersWhoViewedXNeverReturnsAPurchasedItem() {
    for (int u = 0; u < 12; u++) {
      Set<String> bought = DomainFixture.itemsOf(events, "u" + u, "Purchase");
      List<String> got =
          ids(get("aws-ecomm-customers-who-viewed-x-also-viewed", "u" + u, "p4", 20));
      assertFalse(got.isEmpty());
      for (String id : got) {
        assertFalse(bought.contains(id), "u" + u + " bought " + id);
      }
    }
    assertThrows(
        InvalidInputException.class,
        () -> get("aws-ecomm-customers-who-viewed-x-also-viewed", null, "p4", 5));
  }

  @Test
  void recommendedForYouNeverReturnsAPurchasedItem() {
    for (int u = 0; u < 12; u++) {
      Set<String> bought = DomainFixture.itemsOf(events, "u" + u, "Purchase");
      List<PredictedItem> got = get("aws-ecomm-recommended-for-you", "u" + u, null, 25);
      assertEquals(25, got.size());
      for (PredictedItem p : got) {
        assertFalse(bought.contains(p.itemId()), "u" + u + " bought " + p.itemId());
        assertNull(p.score());
      }
    }
  }
}
