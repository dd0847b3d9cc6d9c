package org.openpersonalize.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openpersonalize.engine.OpenPersonalize;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.CategoricalHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.ContinuousHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.CreateDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.CreateSolutionRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionRequest;
import software.amazon.awssdk.services.personalize.model.HPOConfig;
import software.amazon.awssdk.services.personalize.model.HyperParameterRanges;
import software.amazon.awssdk.services.personalize.model.IntegerHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.Solution;

/** performHPO and solutionConfig.hpoConfig through the AWS SDK client (spec §9.4). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HpoThroughSdkTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  OpenPersonalize engine;
  PersonalizeClient personalize;
  String group;

  @BeforeAll
  void open() {
    engine = OpenPersonalize.inMemory();
    personalize = OpenPersonalizeAws.personalizeClient(engine);
    group =
        personalize
            .createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
  }

  @AfterAll
  void close() {
    engine.close();
  }

  static HPOConfig config() {
    return HPOConfig.builder()
        .hpoObjective(o -> o.type("Maximize").metricName("precision_at_10"))
        .hpoResourceConfig(r -> r.maxNumberOfTrainingJobs("12").maxParallelTrainingJobs("3"))
        .algorithmHyperParameterRanges(
            HyperParameterRanges.builder()
                .integerHyperParameterRanges(
                    IntegerHyperParameterRange.builder()
                        .name("hidden_dimension")
                        .minValue(32)
                        .maxValue(128)
                        .build())
                .continuousHyperParameterRanges(
                    ContinuousHyperParameterRange.builder()
                        .name("regularization")
                        .minValue(1.0)
                        .maxValue(100.0)
                        .build())
                .categoricalHyperParameterRanges(
                    CategoricalHyperParameterRange.builder()
                        .name("recency_mask")
                        .values("true", "false")
                        .build())
                .build())
        .build();
  }

  @Test
  void describeSolutionReturnsTheHpoConfigAsGiven() {
    String arn =
        personalize
            .createSolution(
                CreateSolutionRequest.builder()
                    .name("tuned")
                    .datasetGroupArn(group)
                    .recipeArn(UP)
                    .performHPO(true)
                    .solutionConfig(c -> c.hpoConfig(config()))
                    .build())
            .solutionArn();
    Solution s =
        personalize
            .describeSolution(DescribeSolutionRequest.builder().solutionArn(arn).build())
            .solution();
    assertEquals(true, s.performHPO());
    assertEquals(config(), s.solutionConfig().hpoConfig());
  }

  @Test
  void aRangeOfAnUntunableHyperparameterIsRefusedNamingIt() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                personalize.createSolution(
                    CreateSolutionRequest.builder()
                        .name("bad")
                        .datasetGroupArn(group)
                        .recipeArn(UP)
                        .performHPO(true)
                        .solutionConfig(
                            c ->
                                c.hpoConfig(
                                    config().toBuilder()
                                        .algorithmHyperParameterRanges(
                                            r ->
                                                r.integerHyperParameterRanges(
                                                    IntegerHyperParameterRange.builder()
                                                        .name("cg_steps")
                                                        .minValue(1)
                                                        .maxValue(4)
                                                        .build()))
                                        .build()))
                        .build()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "solutionConfig.hpoConfig.algorithmHyperParameterRanges"
                    + ".integerHyperParameterRanges[0].name must be a tunable hyperparameter"),
        e.getMessage());
  }
}
