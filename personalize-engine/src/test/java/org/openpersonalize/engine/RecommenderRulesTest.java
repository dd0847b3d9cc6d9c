package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateRecommenderRequest;
import org.openpersonalize.api.model.DeleteDatasetRequest;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.ListSolutionsRequest;
import org.openpersonalize.api.model.Recommender;
import org.openpersonalize.api.model.RecommenderConfig;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.TrainingDataConfig;

/** What CreateRecommender and GetRecommendations refuse, and the event-type requirement. */
class RecommenderRulesTest {
  @TempDir Path dir;
  OpenPersonalize engine;
  DomainFixture f;

  @BeforeEach
  void open() {
    engine = OpenPersonalize.builder().clock(new DomainFixture.MovableClock()).threads(2).build();
    f = new DomainFixture(engine, dir);
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private CreateRecommenderRequest.Builder create(String name, String group, String useCase) {
    return CreateRecommenderRequest.builder()
        .name(name)
        .datasetGroupArn(group)
        .recipeArn("arn:aws:personalize:::recipe/" + useCase);
  }

  private String message(Class<? extends RuntimeException> type, CreateRecommenderRequest r) {
    return assertThrows(type, () -> engine.personalize().createRecommender(r)).getMessage();
  }

  @Test
  void mostPopularNeedsAThousandWatchEvents() throws IOException {
    String group = f.group("clicks", Domain.VIDEO_ON_DEMAND);
    List<DomainFixture.Event> events = new ArrayList<>();
    for (DomainFixture.Event e : DomainFixture.vodEvents(3)) {
      // Only every third watch stays a watch: fewer than 1000 Watch events, still 1500 events.
      boolean keep = !e.type().equals("Watch") || events.size() % 3 == 0;
      events.add(new DomainFixture.Event(e.user(), e.item(), e.time(), keep ? e.type() : "Click"));
    }
    f.interactions(group, Domain.VIDEO_ON_DEMAND, events);
    Recommender popular = f.recommender("popular", group, "aws-vod-most-popular", null);
    assertEquals("CREATE FAILED", popular.status());
    assertTrue(
        popular
            .failureReason()
            .contains(
                "Dataset has fewer than 1000 interactions after filtering by event type: Watch"),
        popular.failureReason());
    // Top picks accepts events of any type.
    assertEquals("ACTIVE", f.recommender("picks", group, "aws-vod-top-picks", null).status());
    // More like X trains on Items too, which this group lacks.
    String m =
        message(InvalidInputException.class, create("more", group, "aws-vod-more-like-x").build());
    assertTrue(m.contains("needs the Items dataset"), m);
    // The backing solutions are the recommenders' own, not listed as the user's.
    assertEquals(
        0,
        engine
            .personalize()
            .listSolutions(ListSolutionsRequest.builder().datasetGroupArn(group).build())
            .solutions()
            .size());
  }

  @Test
  void refusesWhatItWouldNotHonour() throws IOException {
    String custom =
        engine
            .personalize()
            .createDatasetGroup(CreateDatasetGroupRequest.builder().name("custom").build())
            .datasetGroupArn();
    String m =
        message(InvalidInputException.class, create("r", custom, "aws-vod-top-picks").build());
    assertTrue(m.contains("is a Custom dataset group"), m);
    String vod = f.group("vod", Domain.VIDEO_ON_DEMAND);
    f.interactions(vod, Domain.VIDEO_ON_DEMAND, DomainFixture.vodEvents(5));
    m =
        message(
            InvalidInputException.class, create("r", vod, "aws-ecomm-recommended-for-you").build());
    assertTrue(m.startsWith("recipeArn must be a use case of the dataset group's domain"), m);
    m = message(InvalidInputException.class, create("r", vod, "aws-user-personalization").build());
    assertTrue(m.startsWith("recipeArn must be the ARN of a domain use case"), m);
    m =
        message(
            InvalidInputException.class,
            create("r", vod, "aws-vod-most-popular")
                .recommenderConfig(
                    RecommenderConfig.builder()
                        .itemExplorationConfig(Map.of("explorationWeight", "0.5"))
                        .build())
                .build());
    assertTrue(m.startsWith("recommenderConfig.itemExplorationConfig applies only"), m);
    m =
        message(
            InvalidInputException.class,
            create("r", vod, "aws-vod-top-picks")
                .recommenderConfig(
                    RecommenderConfig.builder().minRecommendationRequestsPerSecond(0).build())
                .build());
    assertTrue(m.startsWith("recommenderConfig.minRecommendationRequestsPerSecond"), m);
    m =
        message(
            InvalidInputException.class,
            create("r", vod, "aws-vod-top-picks")
                .recommenderConfig(
                    RecommenderConfig.builder()
                        .trainingDataConfig(
                            TrainingDataConfig.builder()
                                .excludedDatasetColumns(
                                    Map.of("Interactions", List.of("EVENT_TYPE")))
                                .build())
                        .build())
                .build());
    assertTrue(m.contains("must not name a required field"), m);
    m =
        message(
            InvalidInputException.class,
            create("r", vod, "aws-vod-top-picks")
                .recommenderConfig(
                    RecommenderConfig.builder()
                        .trainingDataConfig(
                            TrainingDataConfig.builder()
                                .excludedDatasetColumns(Map.of("Items", List.of("GENRE_L2")))
                                .build())
                        .build())
                .build());
    assertTrue(m.contains("names the Items dataset"), m);
  }

  @Test
  void fivePerDatasetGroupAndOneArnPerRequest() throws IOException {
    String vod = f.group("vod", Domain.VIDEO_ON_DEMAND);
    f.interactions(vod, Domain.VIDEO_ON_DEMAND, DomainFixture.vodEvents(5));
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      arns.add(
          engine
              .personalize()
              .createRecommender(create("r" + i, vod, "aws-vod-most-popular").build())
              .recommenderArn());
    }
    message(LimitExceededException.class, create("r5", vod, "aws-vod-most-popular").build());
    engine.awaitCompletion(arns.get(0), java.time.Duration.ofMinutes(2));
    InvalidInputException both =
        assertThrows(
            InvalidInputException.class,
            () ->
                engine
                    .runtime()
                    .getRecommendations(
                        GetRecommendationsRequest.builder()
                            .recommenderArn(arns.get(0))
                            .campaignArn(arns.get(0))
                            .userId("u1")
                            .build()));
    assertTrue(both.getMessage().startsWith("Exactly one of campaignArn and recommenderArn"));
    assertThrows(
        ResourceNotFoundException.class,
        () ->
            engine
                .runtime()
                .getRecommendations(
                    GetRecommendationsRequest.builder()
                        .campaignArn(arns.get(0))
                        .userId("u1")
                        .build()));
    for (String a : arns) {
      engine.awaitCompletion(a, java.time.Duration.ofMinutes(2));
    }
  }

  @Test
  void aDomainGroupTakesOnlyDatasetsOfItsDomainWithTheRequiredFields() {
    String vod = f.group("vod", Domain.VIDEO_ON_DEMAND);
    String noGenres =
        DomainFixture.VOD_ITEMS.replace(
            "{\"name\":\"GENRES\",\"type\":\"string\",\"categorical\":true},", "");
    String m =
        assertThrows(InvalidInputException.class, () -> f.schema(noGenres, Domain.VIDEO_ON_DEMAND))
            .getMessage();
    assertTrue(m.contains("GENRES"), m);
    String noEventType =
        DomainFixture.VOD_INTERACTIONS.replace(
            ",{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}", "");
    m =
        assertThrows(
                InvalidInputException.class, () -> f.schema(noEventType, Domain.VIDEO_ON_DEMAND))
            .getMessage();
    assertTrue(m.contains("EVENT_TYPE"), m);
    // A Custom schema (no domain) does not fit a Domain dataset group, nor another domain's.
    String custom = f.schema(DomainFixture.VOD_INTERACTIONS, null);
    String shop = f.schema(DomainFixture.VOD_INTERACTIONS, Domain.ECOMMERCE);
    for (String schema : List.of(custom, shop)) {
      m =
          assertThrows(
                  InvalidInputException.class,
                  () -> Fixtures.dataset(engine.personalize(), vod, "Interactions", schema))
              .getMessage();
      assertTrue(m.toLowerCase(java.util.Locale.ROOT).contains("domain"), m);
    }
  }

  @Test
  void aDatasetCannotBeDeletedWhileARecommenderTrainsOnIt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch arrived = new CountDownLatch(1);
    DomainFixture.MovableClock clock = new DomainFixture.MovableClock();
    try (OpenPersonalize held =
        OpenPersonalize.builder()
            .directory(dir.resolve("held"))
            .clock(clock)
            .threads(2)
            .schedulerInterval(Duration.ZERO)
            .recommenderTrainingInterval(Duration.ofDays(1))
            .trainingProgress(
                (arn, fraction, message) -> {
                  if (fraction == 0.5) {
                    arrived.countDown();
                    try {
                      release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                })
            .build()) {
      DomainFixture g = new DomainFixture(held, dir);
      String group = g.group("vod", Domain.VIDEO_ON_DEMAND);
      g.interactions(group, Domain.VIDEO_ON_DEMAND, DomainFixture.vodEvents(7));
      String arn =
          held.personalize()
              .createRecommender(create("popular", group, "aws-vod-most-popular").build())
              .recommenderArn();
      assertTrue(arrived.await(60, TimeUnit.SECONDS), "the training did not start");
      String interactions =
          held.personalize()
              .listDatasets(ListDatasetsRequest.builder().datasetGroupArn(group).build())
              .datasets()
              .get(0)
              .datasetArn();
      DeleteDatasetRequest delete = DeleteDatasetRequest.builder().datasetArn(interactions).build();
      // Amazon: no associated recommender may be CREATE PENDING or IN PROGRESS.
      String m =
          assertThrows(ResourceInUseException.class, () -> held.personalize().deleteDataset(delete))
              .getMessage();
      assertTrue(m.contains(arn), m);
      release.countDown();
      assertEquals("ACTIVE", held.awaitCompletion(arn, Duration.ofMinutes(1)));

      // An ACTIVE recommender does not block it; it keeps serving its model and is not retrained.
      held.personalize().deleteDataset(delete);
      clock.advance(Duration.ofDays(2));
      assertEquals(0, held.runScheduledWork());
      assertEquals("ACTIVE", g.describe(arn).status());
      assertEquals(
          "v0",
          held.runtime()
              .getRecommendations(
                  GetRecommendationsRequest.builder().recommenderArn(arn).userId("u1").build())
              .itemList()
              .get(0)
              .itemId());
    }
  }
}
