package org.openpersonalize.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.openpersonalize.engine.OpenPersonalize;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.CampaignConfig;
import software.amazon.awssdk.services.personalize.model.CreateCampaignRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetImportJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetRequest;
import software.amazon.awssdk.services.personalize.model.CreateSchemaRequest;
import software.amazon.awssdk.services.personalize.model.CreateSolutionRequest;
import software.amazon.awssdk.services.personalize.model.CreateSolutionVersionRequest;
import software.amazon.awssdk.services.personalize.model.DataSource;
import software.amazon.awssdk.services.personalize.model.DeleteSolutionRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionRequest;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.Solution;
import software.amazon.awssdk.services.personalize.model.SolutionUpdateSummary;
import software.amazon.awssdk.services.personalize.model.UpdateSolutionRequest;

/**
 * Through the AWS SDK client: the request fields the engine does not implement are refused with the
 * SDK's InvalidInputException naming the field, never dropped (issue 11).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedFieldsTest {
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"}"
          + "],\"version\":\"1.0\"}";

  OpenPersonalize engine;
  PersonalizeClient personalize;
  String group;
  String dataset;

  @BeforeAll
  void open() {
    engine = OpenPersonalize.inMemory();
    personalize = OpenPersonalizeAws.personalizeClient(engine);
    group =
        personalize
            .createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    String schema =
        personalize
            .createSchema(CreateSchemaRequest.builder().name("i").schema(SCHEMA).build())
            .schemaArn();
    dataset =
        personalize
            .createDataset(
                CreateDatasetRequest.builder()
                    .name("i")
                    .datasetGroupArn(group)
                    .datasetType("Interactions")
                    .schemaArn(schema)
                    .build())
            .datasetArn();
  }

  @AfterAll
  void close() {
    engine.close();
  }

  static void assertRefused(String field, Executable call) {
    InvalidInputException e = assertThrows(InvalidInputException.class, call);
    assertTrue(e.getMessage().contains(field + " must "), e.getMessage());
  }

  CreateSolutionRequest.Builder solution() {
    return CreateSolutionRequest.builder().name("s").datasetGroupArn(group).recipeArn(POP);
  }

  @Test
  void performHpoIsRefused() {
    assertRefused(
        "performHPO", () -> personalize.createSolution(solution().performHPO(true).build()));
  }

  /** AutoML is carried both ways; its refusals reach the SDK caller naming the field. */
  @Test
  void performAutoMlIsCarriedAndItsBadRequestsRefused() {
    String up = "arn:aws:personalize:::recipe/aws-user-personalization";
    String arn =
        personalize
            .createSolution(
                CreateSolutionRequest.builder()
                    .name("auto")
                    .datasetGroupArn(group)
                    .performAutoML(true)
                    .performAutoTraining(false)
                    .solutionConfig(
                        software.amazon.awssdk.services.personalize.model.SolutionConfig.builder()
                            .autoMLConfig(
                                software.amazon.awssdk.services.personalize.model.AutoMLConfig
                                    .builder()
                                    .metricName("precision_at_25")
                                    .recipeList(up, POP)
                                    .build())
                            .build())
                    .build())
            .solutionArn();
    var s =
        personalize
            .describeSolution(
                software.amazon.awssdk.services.personalize.model.DescribeSolutionRequest.builder()
                    .solutionArn(arn)
                    .build())
            .solution();
    assertTrue(s.performAutoML());
    assertEquals(java.util.List.of(up, POP), s.solutionConfig().autoMLConfig().recipeList());
    assertEquals("precision_at_25", s.solutionConfig().autoMLConfig().metricName());
    assertNull(s.autoMLResult(), "chosen at the first training");
    assertRefused(
        "recipeArn", () -> personalize.createSolution(solution().performAutoML(true).build()));
  }

  @Test
  void rankingContextIsRefused() {
    var runtime = OpenPersonalizeAws.personalizeRuntimeClient(engine);
    var e =
        assertThrows(
            software.amazon.awssdk.services.personalizeruntime.model.InvalidInputException.class,
            () ->
                runtime.getPersonalizedRanking(
                    software.amazon.awssdk.services.personalizeruntime.model
                        .GetPersonalizedRankingRequest.builder()
                        .campaignArn("arn:aws:personalize:local:000000000000:campaign/c")
                        .userId("u")
                        .inputList("i1")
                        .context(Map.of("DEVICE", "phone"))
                        .build()));
    assertTrue(e.getMessage().startsWith("context must be empty"), e.getMessage());
  }

  @Test
  void automaticTrainingSettingsPassThroughAndUpdateSolutionChangesThem() {
    assertRefused(
        "solutionConfig.autoTrainingConfig.schedulingExpression",
        () ->
            personalize.createSolution(
                solution()
                    .name("bad-schedule")
                    .solutionConfig(
                        c -> c.autoTrainingConfig(a -> a.schedulingExpression("rate(31 days)")))
                    .build()));
    String arn =
        personalize
            .createSolution(
                solution()
                    .name("auto")
                    .performAutoTraining(true)
                    .solutionConfig(
                        c -> c.autoTrainingConfig(a -> a.schedulingExpression("rate(3 days)")))
                    .build())
            .solutionArn();
    Solution created =
        personalize
            .describeSolution(DescribeSolutionRequest.builder().solutionArn(arn).build())
            .solution();
    assertTrue(created.performAutoTraining());
    assertEquals(
        "rate(3 days)", created.solutionConfig().autoTrainingConfig().schedulingExpression());
    assertNull(created.latestSolutionUpdate());

    InvalidInputException events =
        assertThrows(
            InvalidInputException.class,
            () ->
                personalize.updateSolution(
                    UpdateSolutionRequest.builder()
                        .solutionArn(arn)
                        .solutionUpdateConfig(
                            c ->
                                c.eventsConfig(
                                    e ->
                                        e.eventParametersList(
                                            p -> p.eventType("click").weight(1.0))))
                        .build()));
    assertTrue(
        events.getMessage().startsWith("solutionUpdateConfig.eventsConfig is not supported"),
        events.getMessage());
    assertRefused(
        "performIncrementalUpdate",
        () ->
            personalize.updateSolution(
                UpdateSolutionRequest.builder()
                    .solutionArn(arn)
                    .performIncrementalUpdate(true)
                    .build()));
    assertEquals(
        arn,
        personalize
            .updateSolution(
                UpdateSolutionRequest.builder()
                    .solutionArn(arn)
                    .solutionUpdateConfig(
                        c -> c.autoTrainingConfig(a -> a.schedulingExpression("rate(5 days)")))
                    .build())
            .solutionArn());
    Solution updated =
        personalize
            .describeSolution(DescribeSolutionRequest.builder().solutionArn(arn).build())
            .solution();
    assertEquals(
        "rate(5 days)", updated.solutionConfig().autoTrainingConfig().schedulingExpression());
    SolutionUpdateSummary u = updated.latestSolutionUpdate();
    assertEquals("ACTIVE", u.status());
    assertTrue(u.performAutoTraining());
    assertEquals(
        "rate(5 days)", u.solutionUpdateConfig().autoTrainingConfig().schedulingExpression());
    personalize.updateSolution(
        UpdateSolutionRequest.builder().solutionArn(arn).performAutoTraining(false).build());
    assertFalse(
        personalize
            .describeSolution(DescribeSolutionRequest.builder().solutionArn(arn).build())
            .solution()
            .performAutoTraining());
    personalize.deleteSolution(DeleteSolutionRequest.builder().solutionArn(arn).build());
  }

  @Test
  void performIncrementalUpdateIsRefused() {
    assertRefused(
        "performIncrementalUpdate",
        () -> personalize.createSolution(solution().performIncrementalUpdate(true).build()));
  }

  @Test
  void publishAttributionMetricsToS3IsRefused() {
    assertRefused(
        "publishAttributionMetricsToS3",
        () ->
            personalize.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName("j")
                    .datasetArn(dataset)
                    .dataSource(DataSource.builder().dataLocation("/nonexistent.csv").build())
                    .publishAttributionMetricsToS3(true)
                    .build()));
  }

  @Test
  void explorationIsRefusedOnAPopularityCountCampaign() throws IOException {
    Path csv = Files.createTempFile("interactions", ".csv");
    SplittableRandom rnd = new SplittableRandom(5);
    StringBuilder sb = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP\n");
    for (int i = 0; i < 1500; i++) {
      sb.append('u').append(rnd.nextInt(50)).append(",i").append(rnd.nextInt(100));
      sb.append(',').append(1_600_000_000L + i).append('\n');
    }
    Files.writeString(csv, sb, StandardCharsets.UTF_8);
    String job =
        personalize
            .createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName("bulk")
                    .datasetArn(dataset)
                    .dataSource(DataSource.builder().dataLocation(csv.toString()).build())
                    .build())
            .datasetImportJobArn();
    assertEquals("ACTIVE", engine.awaitCompletion(job, Duration.ofMinutes(2)));
    String solution = personalize.createSolution(solution().name("pop").build()).solutionArn();
    // Amazon's default: automatic training is on unless asked otherwise.
    assertTrue(
        personalize
            .describeSolution(DescribeSolutionRequest.builder().solutionArn(solution).build())
            .solution()
            .performAutoTraining());
    String version =
        personalize
            .createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(version, Duration.ofMinutes(2)));
    assertRefused(
        "campaignConfig.itemExplorationConfig.explorationWeight",
        () ->
            personalize.createCampaign(
                CreateCampaignRequest.builder()
                    .name("c")
                    .solutionVersionArn(version)
                    .campaignConfig(
                        CampaignConfig.builder()
                            .itemExplorationConfig(Map.of("explorationWeight", "0.3"))
                            .build())
                    .build()));
  }
}
