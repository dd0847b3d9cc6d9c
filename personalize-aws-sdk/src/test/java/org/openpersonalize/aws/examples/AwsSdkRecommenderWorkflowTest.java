package org.openpersonalize.aws.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.aws.OpenPersonalizeAws;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.sample.DomainSampleData;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.CreateDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetRequest;
import software.amazon.awssdk.services.personalize.model.CreateRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.CreateSchemaRequest;
import software.amazon.awssdk.services.personalize.model.DeleteRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.DescribeRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.Domain;
import software.amazon.awssdk.services.personalize.model.ListRecipesRequest;
import software.amazon.awssdk.services.personalize.model.ListRecommendersRequest;
import software.amazon.awssdk.services.personalize.model.Recommender;
import software.amazon.awssdk.services.personalize.model.RecommenderConfig;
import software.amazon.awssdk.services.personalize.model.RecommenderSummary;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalize.model.StartRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.StopRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.UpdateRecommenderRequest;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsRequest;
import software.amazon.awssdk.services.personalizeruntime.model.PersonalizeRuntimeException;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;

/**
 * The Domain workflow of Amazon's getting-started guide (VIDEO_ON_DEMAND), written against the AWS
 * SDK for Java v2 as AWS's examples write it: a Domain dataset group, domain schemas, imports,
 * recommenders for two use cases, GetRecommendations with {@code recommenderArn}, and every
 * recommender operation (Describe, List, Update, Stop, Start, Delete).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsSdkRecommenderWorkflowTest {
  static final String RECIPE = "arn:aws:personalize:::recipe/";

  @TempDir static Path dir;
  OpenPersonalize engine;
  PersonalizeClient personalize;
  PersonalizeRuntimeClient runtime;
  String groupArn;
  String topPicksArn;
  String becauseArn;

  @BeforeAll
  void createEverything() throws IOException {
    DomainSampleData.Files files =
        DomainSampleData.generate(5, 120, 80, 12, System.currentTimeMillis() / 1000)
            .writeTo(dir.resolve("vod"));
    engine = OpenPersonalize.inMemory();
    personalize = OpenPersonalizeAws.personalizeClient(engine);
    runtime = OpenPersonalizeAws.personalizeRuntimeClient(engine);

    groupArn =
        personalize
            .createDatasetGroup(
                CreateDatasetGroupRequest.builder()
                    .name("streaming")
                    .domain(Domain.VIDEO_ON_DEMAND)
                    .build())
            .datasetGroupArn();
    load("Interactions", DomainSampleData.VOD_INTERACTIONS_SCHEMA, files.interactions());
    load("Items", DomainSampleData.VOD_ITEMS_SCHEMA, files.items());
    topPicksArn = createRecommender("top-picks", "aws-vod-top-picks", null);
    becauseArn = createRecommender("because", "aws-vod-because-you-watched-x", null);
  }

  @AfterAll
  void closeEverything() {
    personalize.close();
    runtime.close();
    engine.close();
  }

  private void load(String type, String schema, Path file) {
    String schemaArn =
        personalize
            .createSchema(
                CreateSchemaRequest.builder()
                    .name("vod-" + type)
                    .schema(schema)
                    .domain(Domain.VIDEO_ON_DEMAND)
                    .build())
            .schemaArn();
    String datasetArn =
        personalize
            .createDataset(
                CreateDatasetRequest.builder()
                    .name("vod-" + type)
                    .datasetGroupArn(groupArn)
                    .datasetType(type)
                    .schemaArn(schemaArn)
                    .build())
            .datasetArn();
    AwsSdkWorkflowTest.createDatasetImportJob(
        personalize, "vod-" + type + "-import", datasetArn, file.toString());
  }

  private String createRecommender(String name, String useCase, RecommenderConfig config) {
    String arn =
        personalize
            .createRecommender(
                CreateRecommenderRequest.builder()
                    .name(name)
                    .datasetGroupArn(groupArn)
                    .recipeArn(RECIPE + useCase)
                    .recommenderConfig(config)
                    .build())
            .recommenderArn();
    AwsSdkWorkflowTest.waitUntilActive(() -> describe(arn).status());
    return arn;
  }

  private Recommender describe(String arn) {
    return personalize
        .describeRecommender(DescribeRecommenderRequest.builder().recommenderArn(arn).build())
        .recommender();
  }

  private List<PredictedItem> recommend(String arn, String userId, String itemId) {
    return runtime
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .recommenderArn(arn)
                .userId(userId)
                .itemId(itemId)
                .numResults(10)
                .build())
        .itemList();
  }

  @Test
  void listRecipesWithADomainListsItsUseCases() {
    List<String> names =
        personalize
            .listRecipes(ListRecipesRequest.builder().domain(Domain.ECOMMERCE).build())
            .recipes()
            .stream()
            .map(r -> r.recipeArn().substring(RECIPE.length()))
            .sorted()
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "aws-ecomm-customers-who-viewed-x-also-viewed",
            "aws-ecomm-frequently-bought-together",
            "aws-ecomm-popular-items-by-purchases",
            "aws-ecomm-popular-items-by-views",
            "aws-ecomm-recommended-for-you"),
        names);
  }

  @Test
  void recommendersServeWithoutScoresAndDescribeTheirMetrics() {
    List<PredictedItem> picks = recommend(topPicksArn, "user1", null);
    assertEquals(10, picks.size());
    picks.forEach(p -> assertNull(p.score()));
    assertFalse(recommend(becauseArn, "user1", "video1").isEmpty());
    Recommender r = describe(topPicksArn);
    assertEquals(RECIPE + "aws-vod-top-picks", r.recipeArn());
    assertEquals(groupArn, r.datasetGroupArn());
    assertTrue(r.modelMetrics().containsKey("coverage"), r.modelMetrics().toString());
    List<String> listed =
        personalize
            .listRecommenders(ListRecommendersRequest.builder().datasetGroupArn(groupArn).build())
            .recommenders()
            .stream()
            .map(RecommenderSummary::recommenderArn)
            .sorted()
            .collect(Collectors.toList());
    assertEquals(List.of(becauseArn, topPicksArn).stream().sorted().toList(), listed);
  }

  @Test
  void updateStopStartAndDelete() {
    String arn = createRecommender("popular", "aws-vod-most-popular", null);
    personalize.updateRecommender(
        UpdateRecommenderRequest.builder()
            .recommenderArn(arn)
            .recommenderConfig(
                RecommenderConfig.builder().enableMetadataWithRecommendations(true).build())
            .build());
    Recommender updated = describe(arn);
    assertEquals("ACTIVE", updated.latestRecommenderUpdate().status());
    assertTrue(updated.recommenderConfig().enableMetadataWithRecommendations());
    List<PredictedItem> withGenres =
        runtime
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .recommenderArn(arn)
                    .userId("user2")
                    .numResults(3)
                    .metadataColumns(Map.of("ITEMS", List.of("GENRES")))
                    .build())
            .itemList();
    assertEquals(3, withGenres.size());
    assertTrue(withGenres.get(0).metadata().containsKey("GENRES"));

    // Stopping runs in the background, as Amazon's does: STOP PENDING > STOP IN_PROGRESS >
    // INACTIVE. Requests are refused from the moment StopRecommender returns.
    personalize.stopRecommender(StopRecommenderRequest.builder().recommenderArn(arn).build());
    // The runtime model has no ResourceInUseException: it arrives as the client's service
    // exception with that error code, as a campaign that is not ACTIVE does.
    PersonalizeRuntimeException stopped =
        assertThrows(PersonalizeRuntimeException.class, () -> recommend(arn, "user2", null));
    assertEquals("ResourceInUseException", stopped.awsErrorDetails().errorCode());
    awaitSequence(arn, List.of("STOP PENDING", "STOP IN_PROGRESS", "INACTIVE"));
    assertThrows(PersonalizeRuntimeException.class, () -> recommend(arn, "user2", null));
    personalize.startRecommender(StartRecommenderRequest.builder().recommenderArn(arn).build());
    awaitSequence(arn, List.of("START PENDING", "START IN_PROGRESS", "ACTIVE"));
    assertEquals(10, recommend(arn, "user2", null).size());

    personalize.deleteRecommender(DeleteRecommenderRequest.builder().recommenderArn(arn).build());
    assertThrows(ResourceNotFoundException.class, () -> describe(arn));
  }

  /**
   * Polls DescribeRecommender until the last status of {@code sequence}, checking that every status
   * seen belongs to it and that none goes back (a poll may miss a short step, never reorder them).
   */
  private void awaitSequence(String arn, List<String> sequence) {
    int at = 0;
    for (int polls = 0; at < sequence.size() - 1; polls++) {
      String s = describe(arn).status();
      int i = sequence.indexOf(s);
      assertTrue(i >= at, "status " + s + " after " + sequence.get(at) + " in " + sequence);
      at = i;
      assertTrue(polls < 2_000, "still " + s + " after 2000 polls");
      if (at < sequence.size() - 1) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  @Test
  void anEcommerceDatasetGroupWithItsUseCases() throws IOException {
    // 60 shoppers; product p(2k) is always bought together with p(2k+1); everyone views "window",
    // and 50 shoppers buy "bestseller".
    StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
    long t = System.currentTimeMillis() / 1000 - 30 * 86_400L;
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(13);
    for (int u = 0; u < 60; u++) {
      java.util.Set<Integer> pairs = new java.util.TreeSet<>();
      while (pairs.size() < 10) {
        pairs.add(rnd.nextInt(30));
      }
      for (int k : pairs) {
        csv.append("u" + u + ",p" + 2 * k + "," + t++ + ",View\n");
        csv.append("u" + u + ",p" + 2 * k + "," + t++ + ",Purchase\n");
        csv.append("u" + u + ",p" + (2 * k + 1) + "," + t++ + ",Purchase\n");
      }
      for (int k = 0; k < 10; k++) {
        csv.append("u" + u + ",window," + t++ + ",View\n");
      }
      if (u < 50) {
        csv.append("u" + u + ",bestseller," + t++ + ",Purchase\n");
      }
    }
    Path file = dir.resolve("shop.csv");
    java.nio.file.Files.writeString(file, csv);
    String shop =
        personalize
            .createDatasetGroup(
                CreateDatasetGroupRequest.builder().name("shop").domain(Domain.ECOMMERCE).build())
            .datasetGroupArn();
    String schemaArn =
        personalize
            .createSchema(
                CreateSchemaRequest.builder()
                    .name("shop-interactions")
                    .schema(DomainSampleData.VOD_INTERACTIONS_SCHEMA)
                    .domain(Domain.ECOMMERCE)
                    .build())
            .schemaArn();
    String datasetArn =
        personalize
            .createDataset(
                CreateDatasetRequest.builder()
                    .name("shop-interactions")
                    .datasetGroupArn(shop)
                    .datasetType("Interactions")
                    .schemaArn(schemaArn)
                    .build())
            .datasetArn();
    AwsSdkWorkflowTest.createDatasetImportJob(
        personalize, "shop-import", datasetArn, file.toString());
    String[] useCases = {
      "aws-ecomm-frequently-bought-together",
      "aws-ecomm-popular-items-by-purchases",
      "aws-ecomm-popular-items-by-views",
      "aws-ecomm-customers-who-viewed-x-also-viewed",
      "aws-ecomm-recommended-for-you"
    };
    Map<String, String> arns = new java.util.HashMap<>();
    for (String u : useCases) {
      String arn =
          personalize
              .createRecommender(
                  CreateRecommenderRequest.builder()
                      .name("shop-" + u.substring("aws-ecomm-".length()))
                      .datasetGroupArn(shop)
                      .recipeArn(RECIPE + u)
                      .build())
              .recommenderArn();
      arns.put(u, arn);
    }
    for (String arn : arns.values()) {
      AwsSdkWorkflowTest.waitUntilActive(() -> describe(arn).status());
    }
    assertEquals(
        "p7",
        recommend(arns.get("aws-ecomm-frequently-bought-together"), null, "p6").get(0).itemId());
    assertEquals(
        "bestseller",
        recommend(arns.get("aws-ecomm-popular-items-by-purchases"), "u1", null).get(0).itemId());
    assertEquals(
        "window",
        recommend(arns.get("aws-ecomm-popular-items-by-views"), "u1", null).get(0).itemId());
    assertFalse(
        recommend(arns.get("aws-ecomm-customers-who-viewed-x-also-viewed"), "u1", "p6").isEmpty());
    assertEquals(10, recommend(arns.get("aws-ecomm-recommended-for-you"), "u1", null).size());
    assertEquals(
        5,
        personalize
            .listRecommenders(ListRecommendersRequest.builder().datasetGroupArn(shop).build())
            .recommenders()
            .size());
    for (String arn : arns.values()) {
      personalize.deleteRecommender(DeleteRecommenderRequest.builder().recommenderArn(arn).build());
    }
  }
}
