package org.openpersonalize.aws.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.aws.OpenPersonalizeAws;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.sample.SampleData;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.CampaignConfig;
import software.amazon.awssdk.services.personalize.model.CreateCampaignRequest;
import software.amazon.awssdk.services.personalize.model.CreateDataDeletionJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetImportJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetRequest;
import software.amazon.awssdk.services.personalize.model.CreateEventTrackerRequest;
import software.amazon.awssdk.services.personalize.model.CreateEventTrackerResponse;
import software.amazon.awssdk.services.personalize.model.CreateFilterRequest;
import software.amazon.awssdk.services.personalize.model.CreateRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.CreateSchemaRequest;
import software.amazon.awssdk.services.personalize.model.CreateSolutionRequest;
import software.amazon.awssdk.services.personalize.model.CreateSolutionVersionRequest;
import software.amazon.awssdk.services.personalize.model.DataSource;
import software.amazon.awssdk.services.personalize.model.DatasetGroupSummary;
import software.amazon.awssdk.services.personalize.model.DatasetImportJob;
import software.amazon.awssdk.services.personalize.model.DeleteCampaignRequest;
import software.amazon.awssdk.services.personalize.model.DeleteFilterRequest;
import software.amazon.awssdk.services.personalize.model.DescribeCampaignRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetImportJobRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetRequest;
import software.amazon.awssdk.services.personalize.model.DescribeEventTrackerRequest;
import software.amazon.awssdk.services.personalize.model.DescribeFilterRequest;
import software.amazon.awssdk.services.personalize.model.DescribeRecipeRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionVersionRequest;
import software.amazon.awssdk.services.personalize.model.Filter;
import software.amazon.awssdk.services.personalize.model.FilterSummary;
import software.amazon.awssdk.services.personalize.model.GetSolutionMetricsRequest;
import software.amazon.awssdk.services.personalize.model.ImportMode;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.ListDatasetGroupsRequest;
import software.amazon.awssdk.services.personalize.model.ListFiltersRequest;
import software.amazon.awssdk.services.personalize.model.ListRecipesRequest;
import software.amazon.awssdk.services.personalize.model.ListSolutionsRequest;
import software.amazon.awssdk.services.personalize.model.PersonalizeException;
import software.amazon.awssdk.services.personalize.model.RecipeSummary;
import software.amazon.awssdk.services.personalize.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalize.model.Tag;
import software.amazon.awssdk.services.personalizeevents.PersonalizeEventsClient;
import software.amazon.awssdk.services.personalizeevents.model.Event;
import software.amazon.awssdk.services.personalizeevents.model.Item;
import software.amazon.awssdk.services.personalizeevents.model.PutEventsRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutEventsResponse;
import software.amazon.awssdk.services.personalizeevents.model.PutItemsRequest;
import software.amazon.awssdk.services.personalizeevents.model.PutUsersRequest;
import software.amazon.awssdk.services.personalizeevents.model.User;
import software.amazon.awssdk.services.personalizeruntime.PersonalizeRuntimeClient;
import software.amazon.awssdk.services.personalizeruntime.model.GetPersonalizedRankingRequest;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsRequest;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsResponse;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.personalizeruntime.model.Promotion;

/**
 * The custom-dataset-group workflow written only against the AWS SDK for Java v2, in the shape of
 * AWS's own Java examples for Personalize: one helper per operation that builds the request, calls
 * the client and polls the describe call until the resource is {@code ACTIVE}. Only how the three
 * clients are built differs from code that talks to Amazon.
 *
 * <p>The generated data is small (120 users, 100 movies, about 1,800 events) so that training takes
 * a moment; everything is created once, in {@link #createEverything}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsSdkWorkflowTest {
  static final String USER_PERSONALIZATION =
      "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String PERSONALIZED_RANKING =
      "arn:aws:personalize:::recipe/aws-personalized-ranking";

  /** About two minutes of 20 ms polls. */
  static final int MAX_POLLS = 6_000;

  @TempDir static Path dir;
  SampleData sample;
  SampleData.Files files;
  OpenPersonalize engine;
  PersonalizeClient personalize;
  PersonalizeRuntimeClient runtime;
  PersonalizeEventsClient events;
  String datasetGroupArn;
  String interactionsDatasetArn;
  String itemsDatasetArn;
  String interactionsImportJobArn;
  String itemsImportJobArn;
  String eventTrackerArn;
  String trackingId;
  String solutionArn;
  String solutionVersionArn;
  String campaignArn;

  @BeforeAll
  void createEverything() throws IOException {
    sample = SampleData.generate(3, 120, 100, 15);
    files = sample.writeTo(dir.resolve("data"));
    engine = OpenPersonalize.inMemory();
    // The only lines that differ from code that calls Amazon Personalize.
    personalize = OpenPersonalizeAws.personalizeClient(engine);
    runtime = OpenPersonalizeAws.personalizeRuntimeClient(engine);
    events = OpenPersonalizeAws.personalizeEventsClient(engine);

    datasetGroupArn = createDatasetGroup(personalize, "movies");
    String interactionsSchemaArn =
        createSchema(personalize, "movies-interactions", SampleData.INTERACTIONS_SCHEMA);
    String itemsSchemaArn = createSchema(personalize, "movies-items", SampleData.ITEMS_SCHEMA);
    interactionsDatasetArn =
        createDataset(
            personalize, "interactions", datasetGroupArn, "Interactions", interactionsSchemaArn);
    itemsDatasetArn = createDataset(personalize, "items", datasetGroupArn, "Items", itemsSchemaArn);
    // A plain path for one import and a file: URI for the other; both are local.
    interactionsImportJobArn =
        createDatasetImportJob(
            personalize,
            "interactions-import",
            interactionsDatasetArn,
            files.interactions().toString());
    itemsImportJobArn =
        createDatasetImportJob(
            personalize, "items-import", itemsDatasetArn, files.items().toUri().toString());
    CreateEventTrackerResponse tracker = createEventTracker(personalize, "movies", datasetGroupArn);
    eventTrackerArn = tracker.eventTrackerArn();
    trackingId = tracker.trackingId();
    solutionArn = createSolution(personalize, datasetGroupArn, "movies-up", USER_PERSONALIZATION);
    solutionVersionArn = createSolutionVersion(personalize, solutionArn);
    campaignArn = createCampaign(personalize, solutionVersionArn, "movies-up");
  }

  @AfterAll
  void closeEverything() {
    personalize.close();
    runtime.close();
    events.close();
    engine.close();
  }

  // ---- the operations, as AWS's examples write them -------------------------------------------

  static String createDatasetGroup(PersonalizeClient personalize, String name) {
    String arn =
        personalize
            .createDatasetGroup(CreateDatasetGroupRequest.builder().name(name).build())
            .datasetGroupArn();
    waitUntilActive(
        () ->
            personalize
                .describeDatasetGroup(
                    DescribeDatasetGroupRequest.builder().datasetGroupArn(arn).build())
                .datasetGroup()
                .status());
    return arn;
  }

  static String createSchema(PersonalizeClient personalize, String name, String avroJson) {
    return personalize
        .createSchema(CreateSchemaRequest.builder().name(name).schema(avroJson).build())
        .schemaArn();
  }

  static String createDataset(
      PersonalizeClient personalize,
      String name,
      String datasetGroupArn,
      String datasetType,
      String schemaArn) {
    String arn =
        personalize
            .createDataset(
                CreateDatasetRequest.builder()
                    .name(name)
                    .datasetGroupArn(datasetGroupArn)
                    .datasetType(datasetType)
                    .schemaArn(schemaArn)
                    .build())
            .datasetArn();
    waitUntilActive(
        () ->
            personalize
                .describeDataset(DescribeDatasetRequest.builder().datasetArn(arn).build())
                .dataset()
                .status());
    return arn;
  }

  static String createDatasetImportJob(
      PersonalizeClient personalize, String jobName, String datasetArn, String dataLocation) {
    String arn =
        personalize
            .createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName(jobName)
                    .datasetArn(datasetArn)
                    .dataSource(DataSource.builder().dataLocation(dataLocation).build())
                    .roleArn("arn:aws:iam::123456789012:role/PersonalizeS3Access")
                    .importMode(ImportMode.FULL)
                    .build())
            .datasetImportJobArn();
    waitUntilActive(() -> describeImportJob(personalize, arn).status());
    return arn;
  }

  static DatasetImportJob describeImportJob(PersonalizeClient personalize, String arn) {
    return personalize
        .describeDatasetImportJob(
            DescribeDatasetImportJobRequest.builder().datasetImportJobArn(arn).build())
        .datasetImportJob();
  }

  static CreateEventTrackerResponse createEventTracker(
      PersonalizeClient personalize, String name, String datasetGroupArn) {
    CreateEventTrackerResponse response =
        personalize.createEventTracker(
            CreateEventTrackerRequest.builder()
                .name(name)
                .datasetGroupArn(datasetGroupArn)
                .build());
    waitUntilActive(
        () ->
            personalize
                .describeEventTracker(
                    DescribeEventTrackerRequest.builder()
                        .eventTrackerArn(response.eventTrackerArn())
                        .build())
                .eventTracker()
                .status());
    return response;
  }

  static String createSolution(
      PersonalizeClient personalize, String datasetGroupArn, String name, String recipeArn) {
    String arn =
        personalize
            .createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(datasetGroupArn)
                    .recipeArn(recipeArn)
                    .build())
            .solutionArn();
    waitUntilActive(
        () ->
            personalize
                .describeSolution(DescribeSolutionRequest.builder().solutionArn(arn).build())
                .solution()
                .status());
    return arn;
  }

  static String createSolutionVersion(PersonalizeClient personalize, String solutionArn) {
    String arn =
        personalize
            .createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solutionArn).build())
            .solutionVersionArn();
    waitUntilActive(() -> describeSolutionVersion(personalize, arn).status());
    return arn;
  }

  static SolutionVersion describeSolutionVersion(PersonalizeClient personalize, String arn) {
    return personalize
        .describeSolutionVersion(
            DescribeSolutionVersionRequest.builder().solutionVersionArn(arn).build())
        .solutionVersion();
  }

  static String createCampaign(
      PersonalizeClient personalize, String solutionVersionArn, String name) {
    String arn =
        personalize
            .createCampaign(
                CreateCampaignRequest.builder()
                    .name(name)
                    .solutionVersionArn(solutionVersionArn)
                    .minProvisionedTPS(1)
                    .campaignConfig(
                        CampaignConfig.builder()
                            .itemExplorationConfig(Map.of("explorationWeight", "0"))
                            .build())
                    .build())
            .campaignArn();
    waitUntilActive(
        () ->
            personalize
                .describeCampaign(DescribeCampaignRequest.builder().campaignArn(arn).build())
                .campaign()
                .status());
    return arn;
  }

  static String createFilter(
      PersonalizeClient personalize, String name, String datasetGroupArn, String expression) {
    String arn =
        personalize
            .createFilter(
                CreateFilterRequest.builder()
                    .name(name)
                    .datasetGroupArn(datasetGroupArn)
                    .filterExpression(expression)
                    .build())
            .filterArn();
    waitUntilActive(
        () ->
            personalize
                .describeFilter(DescribeFilterRequest.builder().filterArn(arn).build())
                .filter()
                .status());
    return arn;
  }

  /**
   * Polls a status as AWS's examples do, but every 20 ms instead of every 30 s: in-process work
   * finishes in moments. {@code CREATE FAILED} ends the wait with the failure.
   */
  static void waitUntilActive(Supplier<String> status) {
    // A bounded number of polls, not a clock: a liveness guard for a hung job, never a speed check.
    String s = status.get();
    for (int polls = 0; !s.equals("ACTIVE"); polls++) {
      assertNotEquals("CREATE FAILED", s);
      assertTrue(polls < MAX_POLLS, "still " + s + " after " + MAX_POLLS + " polls");
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      s = status.get();
    }
  }

  List<String> recommend(String userId, int numResults) {
    return runtime
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaignArn)
                .userId(userId)
                .numResults(numResults)
                .build())
        .itemList()
        .stream()
        .map(PredictedItem::itemId)
        .collect(Collectors.toList());
  }

  // ---- what the workflow shows ----------------------------------------------------------------

  @Test
  void importJobsReadALocalPathAndAFileUriAndEchoTheirSettings() {
    DatasetImportJob interactions = describeImportJob(personalize, interactionsImportJobArn);
    assertEquals("ACTIVE", interactions.status());
    assertEquals(files.interactions().toString(), interactions.dataSource().dataLocation());
    assertEquals(ImportMode.FULL, interactions.importMode());
    assertEquals("arn:aws:iam::123456789012:role/PersonalizeS3Access", interactions.roleArn());
    assertEquals(
        files.items().toUri().toString(),
        describeImportJob(personalize, itemsImportJobArn).dataSource().dataLocation());
  }

  @Test
  void solutionVersionIsTrainedWithMetrics() {
    SolutionVersion version = describeSolutionVersion(personalize, solutionVersionArn);
    assertEquals(solutionArn, version.solutionArn());
    assertEquals(USER_PERSONALIZATION, version.recipeArn());
    assertNotNull(version.trainingHours());
    assertTrue(version.tunedHPOParams().hasAlgorithmHyperParameters());
    Map<String, Double> metrics =
        personalize
            .getSolutionMetrics(
                GetSolutionMetricsRequest.builder().solutionVersionArn(solutionVersionArn).build())
            .metrics();
    assertTrue(metrics.containsKey("normalized_discounted_cumulative_gain_at_10"), "" + metrics);
    assertEquals(
        solutionVersionArn,
        personalize
            .describeSolution(DescribeSolutionRequest.builder().solutionArn(solutionArn).build())
            .solution()
            .latestSolutionVersion()
            .solutionVersionArn());
  }

  @Test
  void listCallsAndTheSdkPaginatorsSeeTheResources() {
    List<String> groups =
        personalize
            .listDatasetGroupsPaginator(ListDatasetGroupsRequest.builder().maxResults(1).build())
            .datasetGroups()
            .stream()
            .map(DatasetGroupSummary::datasetGroupArn)
            .collect(Collectors.toList());
    assertTrue(groups.contains(datasetGroupArn), groups.toString());
    Set<String> recipes =
        personalize.listRecipesPaginator(ListRecipesRequest.builder().build()).recipes().stream()
            .map(RecipeSummary::recipeArn)
            .collect(Collectors.toSet());
    assertTrue(recipes.containsAll(Set.of(USER_PERSONALIZATION, PERSONALIZED_RANKING)));
    assertEquals(
        "USER_PERSONALIZATION",
        personalize
            .describeRecipe(DescribeRecipeRequest.builder().recipeArn(USER_PERSONALIZATION).build())
            .recipe()
            .recipeType());
    assertTrue(
        personalize
            .listSolutions(ListSolutionsRequest.builder().datasetGroupArn(datasetGroupArn).build())
            .solutions()
            .stream()
            .anyMatch(s -> s.solutionArn().equals(solutionArn)));
  }

  @Test
  void getRecommendationsReturnsDistinctItemsWithServiceMetadata() {
    GetRecommendationsResponse response =
        runtime.getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaignArn)
                .userId(SampleData.userId(7))
                .numResults(10)
                .build());
    assertEquals(10, response.itemList().size());
    assertEquals(10, new HashSet<>(response.itemList()).size());
    assertNotNull(response.recommendationId());
    // What AWS's examples read from every response.
    assertEquals(200, response.sdkHttpResponse().statusCode());
    assertNotNull(response.responseMetadata().requestId());
    double last = Double.MAX_VALUE;
    for (PredictedItem item : response.itemList()) {
      assertTrue(item.score() <= last, response.toString());
      last = item.score();
    }
  }

  @Test
  void putEventsCountsInTheNextRecommendations() {
    String user = "new-horror-fan";
    List<String> before = recommend(user, 10);
    int[] horror = sample.itemsOfGenre("Horror");
    List<Event> watched = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      watched.add(
          Event.builder()
              .eventType("watch")
              .itemId(SampleData.itemId(horror[k]))
              .eventValue(5f)
              .sentAt(Instant.now())
              .build());
    }
    PutEventsResponse response =
        events.putEvents(
            PutEventsRequest.builder()
                .trackingId(trackingId)
                .userId(user)
                .sessionId("session-1")
                .eventList(watched)
                .build());
    assertEquals(200, response.sdkHttpResponse().statusCode());
    List<String> after = recommend(user, 10);
    assertNotEquals(before, after);
  }

  @Test
  void putItemsAddsToTheItemsDataset() {
    assertEquals(
        200,
        events
            .putItems(
                PutItemsRequest.builder()
                    .datasetArn(itemsDatasetArn)
                    .items(
                        Item.builder()
                            .itemId("movie-new")
                            .properties(
                                "{\"title\":\"New\",\"genres\":\"Drama\",\"year\":2026,"
                                    + "\"creationTimestamp\":"
                                    + Instant.now().getEpochSecond()
                                    + "}")
                            .build())
                    .build())
            .sdkHttpResponse()
            .statusCode());
  }

  @Test
  void getPersonalizedRankingRanksTheInputList() {
    String ranking =
        createSolution(personalize, datasetGroupArn, "movies-ranking", PERSONALIZED_RANKING);
    String version = createSolutionVersion(personalize, ranking);
    String rankingCampaign = createCampaign(personalize, version, "movies-ranking");
    List<PredictedItem> ranked =
        runtime
            .getPersonalizedRanking(
                GetPersonalizedRankingRequest.builder()
                    .campaignArn(rankingCampaign)
                    .userId(SampleData.userId(5))
                    .inputList(
                        SampleData.itemId(1),
                        "not-in-the-catalogue",
                        SampleData.itemId(2),
                        SampleData.itemId(3))
                    .build())
            .personalizedRanking();
    assertEquals(4, ranked.size());
    assertEquals("not-in-the-catalogue", ranked.get(3).itemId());
    assertNull(ranked.get(3).score());
    personalize.deleteCampaign(
        DeleteCampaignRequest.builder().campaignArn(rankingCampaign).build());
  }

  // ---- filters and promotions ----------------------------------------------------------------

  /** The items a user has events of the given type for in the imported interactions file. */
  Set<String> itemsWith(String userId, String eventType) throws IOException {
    Set<String> items = new HashSet<>();
    // USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE
    for (String line : Files.readAllLines(files.interactions())) {
      String[] f = line.split(",");
      if (f[0].equals(userId) && f[3].equals(eventType)) {
        items.add(f[1]);
      }
    }
    return items;
  }

  Set<String> horrorItems() {
    return Arrays.stream(sample.itemsOfGenre("Horror"))
        .mapToObj(SampleData::itemId)
        .collect(Collectors.toSet());
  }

  List<String> itemIds(GetRecommendationsResponse response) {
    return response.itemList().stream().map(PredictedItem::itemId).collect(Collectors.toList());
  }

  @Test
  void anExcludeSeenFilterLeavesOutWhatTheUserWatched() throws IOException {
    String filter =
        createFilter(
            personalize,
            "unwatched",
            datasetGroupArn,
            "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\")");
    String user = SampleData.userId(7);
    Set<String> watched = itemsWith(user, "watch");
    assertFalse(watched.isEmpty(), "user 7 watched nothing in the sample");
    List<String> unfiltered = recommend(user, 60);
    assertTrue(unfiltered.stream().anyMatch(watched::contains), "nothing for the filter to do");
    List<String> filtered =
        itemIds(
            runtime.getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaignArn)
                    .userId(user)
                    .numResults(25)
                    .filterArn(filter)
                    .build()));
    assertEquals(25, filtered.size(), "backfilled to numResults");
    assertTrue(filtered.stream().noneMatch(watched::contains), filtered + " vs " + watched);

    Filter described =
        personalize
            .describeFilter(DescribeFilterRequest.builder().filterArn(filter).build())
            .filter();
    assertEquals("unwatched", described.name());
    assertEquals(datasetGroupArn, described.datasetGroupArn());
    assertEquals(
        "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"watch\")",
        described.filterExpression());
  }

  @Test
  void aParameterisedFilterTakesItsValuesFromTheRequest() {
    String filter =
        createFilter(
            personalize,
            "in-genres",
            datasetGroupArn,
            "INCLUDE ItemID WHERE Items.GENRES IN ($GENRES)");
    Set<String> horror = horrorItems();
    List<String> filtered =
        itemIds(
            runtime.getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaignArn)
                    .userId(SampleData.userId(11))
                    .numResults(10)
                    .filterArn(filter)
                    .filterValues(Map.of("GENRES", "\"Horror\""))
                    .build()));
    assertEquals(Math.min(10, horror.size()), filtered.size(), filtered.toString());
    assertTrue(horror.containsAll(filtered), filtered + " vs " + horror);
    // An INCLUDE filter without its value is bad input, in the runtime client's own type.
    assertThrows(
        software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class,
        () ->
            runtime.getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaignArn)
                    .userId(SampleData.userId(11))
                    .filterArn(filter)
                    .build()));
  }

  @Test
  void aPromotionFillsItsShareOfTheListAndNamesItself() {
    String filter =
        createFilter(
            personalize,
            "promoted-genres",
            datasetGroupArn,
            "INCLUDE ItemID WHERE Items.GENRES IN ($GENRES)");
    List<PredictedItem> items =
        runtime
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaignArn)
                    .userId(SampleData.userId(3))
                    .numResults(10)
                    .promotions(
                        Promotion.builder()
                            .name("horror-week")
                            .percentPromotedItems(20)
                            .filterArn(filter)
                            .filterValues(Map.of("GENRES", "\"Horror\""))
                            .build())
                    .build())
            .itemList();
    assertEquals(10, items.size());
    List<String> promoted =
        items.stream()
            .filter(i -> "horror-week".equals(i.promotionName()))
            .map(PredictedItem::itemId)
            .collect(Collectors.toList());
    assertEquals(2, promoted.size(), items.toString());
    assertTrue(horrorItems().containsAll(promoted), promoted.toString());
  }

  @Test
  void filtersAreListedByTheSdkPaginatorAndDeleted() {
    String arn =
        createFilter(
            personalize,
            "short-lived",
            datasetGroupArn,
            "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")");
    Set<String> listed =
        personalize
            .listFiltersPaginator(
                ListFiltersRequest.builder().datasetGroupArn(datasetGroupArn).maxResults(1).build())
            .filters()
            .stream()
            .map(FilterSummary::filterArn)
            .collect(Collectors.toSet());
    assertTrue(listed.contains(arn), listed.toString());
    personalize.deleteFilter(DeleteFilterRequest.builder().filterArn(arn).build());
    assertThrows(
        ResourceNotFoundException.class,
        () -> personalize.describeFilter(DescribeFilterRequest.builder().filterArn(arn).build()));
  }

  // ---- errors are the SDK's exception types ---------------------------------------------------

  @Test
  void unknownArnIsTheSdksResourceNotFoundException() {
    String arn = "arn:aws:personalize:local:000000000000:dataset-group/nowhere";
    ResourceNotFoundException e =
        assertThrows(
            ResourceNotFoundException.class,
            () ->
                personalize.describeDatasetGroup(
                    DescribeDatasetGroupRequest.builder().datasetGroupArn(arn).build()));
    assertTrue(e.awsErrorDetails().errorMessage().contains(arn), e.getMessage());
    assertEquals("ResourceNotFoundException", e.awsErrorDetails().errorCode());
    assertEquals(400, e.statusCode());
  }

  @Test
  void badSchemaIsTheSdksInvalidInputException() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> createSchema(personalize, "broken", "{\"type\":\"record\",\"name\":"));
    assertFalse(e.awsErrorDetails().errorMessage().isEmpty());
  }

  @Test
  void s3LocationIsTheSdksInvalidInputException() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                personalize.createDatasetImportJob(
                    CreateDatasetImportJobRequest.builder()
                        .jobName("from-s3")
                        .datasetArn(interactionsDatasetArn)
                        .dataSource(
                            DataSource.builder()
                                .dataLocation("s3://amzn-s3-demo-bucket/interactions.csv")
                                .build())
                        .build()));
    assertTrue(e.awsErrorDetails().errorMessage().contains("s3://"), e.getMessage());
  }

  @Test
  void duplicateNameIsTheSdksResourceAlreadyExistsException() {
    assertThrows(
        ResourceAlreadyExistsException.class,
        () ->
            personalize.createDatasetGroup(
                CreateDatasetGroupRequest.builder().name("movies").build()));
  }

  @Test
  void everyErrorIsAPersonalizeExceptionWithDetailsAsTheExamplesPrintThem() {
    // AWS's examples catch the service's base exception and print awsErrorDetails().errorMessage().
    String printed;
    try {
      personalize.describeDatasetGroup(
          DescribeDatasetGroupRequest.builder().datasetGroupArn("not-an-arn").build());
      printed = null;
    } catch (PersonalizeException e) {
      printed = e.awsErrorDetails().errorMessage();
      assertTrue(e.getMessage().startsWith(printed), e.getMessage());
      assertEquals("Personalize", e.awsErrorDetails().serviceName());
    }
    assertNotNull(printed);
  }

  @Test
  void runtimeAndEventsErrorsAreTheirOwnClientsTypes() {
    assertThrows(
        software.amazon.awssdk.services.personalizeruntime.model.ResourceNotFoundException.class,
        () ->
            runtime.getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn("arn:aws:personalize:local:000000000000:campaign/nowhere")
                    .userId("u")
                    .build()));
    assertThrows(
        software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class,
        () -> recommend(SampleData.userId(1), 501));
    assertThrows(
        software.amazon.awssdk.services.personalizeevents.model.ResourceNotFoundException.class,
        () ->
            events.putEvents(
                PutEventsRequest.builder()
                    .trackingId("no-such-tracker")
                    .sessionId("s")
                    .eventList(
                        Event.builder()
                            .eventType("watch")
                            .itemId("x")
                            .sentAt(Instant.now())
                            .build())
                    .build()));
    assertThrows(
        software.amazon.awssdk.services.personalizeevents.model.InvalidInputException.class,
        () ->
            events.putUsers(
                PutUsersRequest.builder()
                    .datasetArn(itemsDatasetArn)
                    .users(User.builder().userId("u").properties("{}").build())
                    .build()));
  }

  @Test
  void aFieldTheEngineCannotHonourIsRefusedNotDropped() {
    var e =
        assertThrows(
            InvalidInputException.class,
            () ->
                personalize.createRecommender(
                    CreateRecommenderRequest.builder()
                        .name("top-picks")
                        .datasetGroupArn(datasetGroupArn)
                        .recipeArn("arn:aws:personalize:::recipe/aws-vod-top-picks")
                        .recommenderConfig(
                            c ->
                                c.trainingDataConfig(
                                    t ->
                                        t.includedDatasetColumns(
                                            Map.of("Items", List.of("GENRES")))))
                        .build()));
    assertTrue(
        e.awsErrorDetails()
            .errorMessage()
            .startsWith(
                "recommenderConfig.trainingDataConfig.includedDatasetColumns is not supported"),
        e.getMessage());
    assertThrows(
        InvalidInputException.class,
        () ->
            personalize.createDatasetGroup(
                CreateDatasetGroupRequest.builder()
                    .name("tagged")
                    .tags(Tag.builder().tagKey("").tagValue("v").build())
                    .build()));
  }

  @Test
  void requestContextIsRefusedNamingTheFieldUntilARecipeUsesIt() {
    var e =
        assertThrows(
            software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class,
            () ->
                runtime.getRecommendations(
                    GetRecommendationsRequest.builder()
                        .campaignArn(campaignArn)
                        .userId(SampleData.userId(1))
                        .context(Map.of("DEVICE", "phone"))
                        .build()));
    assertTrue(
        e.awsErrorDetails().errorMessage().startsWith("context must be empty"), e.getMessage());
  }

  @Test
  void unsupportedOperationsNameTheOperation() {
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () ->
                personalize.createDataDeletionJob(
                    CreateDataDeletionJobRequest.builder().jobName("r").build()));
    assertEquals("CreateDataDeletionJob is not supported by OpenPersonalize yet", e.getMessage());
  }

  @Test
  void closingAClientLeavesTheEngineOpen() {
    PersonalizeClient other = OpenPersonalizeAws.personalizeClient(engine);
    other.close();
    assertThrows(
        IllegalStateException.class,
        () -> other.listDatasetGroups(ListDatasetGroupsRequest.builder().build()));
    assertEquals("personalize", personalize.serviceName());
    assertFalse(
        personalize
            .listDatasetGroups(ListDatasetGroupsRequest.builder().build())
            .datasetGroups()
            .isEmpty());
  }
}
