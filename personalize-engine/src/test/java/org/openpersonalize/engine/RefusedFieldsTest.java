package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListSolutionsRequest;
import org.openpersonalize.api.model.Solution;

/**
 * Request fields asking for behaviour the engine does not have are refused with a message naming
 * the field, and nothing is created — never accepted and silently dropped (issue 11).
 */
class RefusedFieldsTest {
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";

  static OpenPersonalize engine;
  static Personalize p;
  static String group;

  @BeforeAll
  static void setUp() {
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
  }

  @AfterAll
  static void tearDown() {
    engine.close();
  }

  static CreateSolutionRequest.Builder solution() {
    return CreateSolutionRequest.builder().name("s").datasetGroupArn(group).recipeArn(POP);
  }

  void assertRefused(String field, CreateSolutionRequest request) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> p.createSolution(request));
    assertEquals(true, e.getMessage().startsWith(field + " must be false: "), e.getMessage());
    assertEquals(
        0,
        p.listSolutions(ListSolutionsRequest.builder().datasetGroupArn(group).build())
            .solutions()
            .size());
  }

  @Test
  void performHpoIsRefused() {
    assertRefused("performHPO", solution().performHPO(true).build());
  }

  @Test
  void anInvalidAutomaticTrainingScheduleIsRefusedNamingTheField() {
    String field = "solutionConfig.autoTrainingConfig.schedulingExpression";
    for (String bad :
        new String[] {
          "rate(0 days)", "rate(31 days)", "rate(2 hours)", "7 days", "", "rate(100000 days)"
        }) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  p.createSolution(
                      solution()
                          .solutionConfig(
                              c -> c.autoTrainingConfig(a -> a.schedulingExpression(bad)))
                          .build()));
      assertTrue(e.getMessage().startsWith(field + " must "), e.getMessage());
      assertTrue(e.getMessage().endsWith("\"" + bad + "\""), e.getMessage());
    }
    InvalidInputException range =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createSolution(
                    solution()
                        .solutionConfig(
                            c -> c.autoTrainingConfig(a -> a.schedulingExpression("rate(31 days)")))
                        .build()));
    assertEquals(
        field + " must give a number of days from 1 to 30; got: \"rate(31 days)\"",
        range.getMessage());
    assertEquals(
        0,
        p.listSolutions(ListSolutionsRequest.builder().datasetGroupArn(group).build())
            .solutions()
            .size());
  }

  @Test
  void performIncrementalUpdateIsRefused() {
    assertRefused("performIncrementalUpdate", solution().performIncrementalUpdate(true).build());
  }

  @Test
  void describeSolutionReportsNoAutomaticTrainingWhenItWasTurnedOff() {
    String arn =
        p.createSolution(
                solution().name("plain").performHPO(false).performAutoTraining(false).build())
            .solutionArn();
    Solution s =
        p.describeSolution(DescribeSolutionRequest.builder().solutionArn(arn).build()).solution();
    assertFalse(s.performAutoTraining());
    assertFalse(s.performHPO());
    assertFalse(s.performIncrementalUpdate());
    p.deleteSolution(
        org.openpersonalize.api.model.DeleteSolutionRequest.builder().solutionArn(arn).build());
  }

  @Test
  void publishAttributionMetricsToS3IsRefused() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createDatasetImportJob(
                    CreateDatasetImportJobRequest.builder()
                        .jobName("j")
                        .datasetArn("arn:aws:personalize:local:000000000000:dataset/g/INTERACTIONS")
                        .dataSource(d -> d.dataLocation("/nonexistent.csv"))
                        .publishAttributionMetricsToS3(true)
                        .build()));
    assertEquals(
        "publishAttributionMetricsToS3 must be false: metric attributions are not implemented;"
            + " got: true",
        e.getMessage());
  }
}
