package org.openpersonalize.aws;

import software.amazon.awssdk.services.personalize.model.BatchInferenceJob;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJobConfig;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJobInput;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJobOutput;
import software.amazon.awssdk.services.personalize.model.BatchInferenceJobSummary;
import software.amazon.awssdk.services.personalize.model.CreateBatchInferenceJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateBatchInferenceJobResponse;
import software.amazon.awssdk.services.personalize.model.DescribeBatchInferenceJobRequest;
import software.amazon.awssdk.services.personalize.model.DescribeBatchInferenceJobResponse;
import software.amazon.awssdk.services.personalize.model.ListBatchInferenceJobsRequest;
import software.amazon.awssdk.services.personalize.model.ListBatchInferenceJobsResponse;
import software.amazon.awssdk.services.personalize.model.S3DataConfig;
import software.amazon.awssdk.services.personalize.model.ThemeGenerationConfig;

/**
 * The batch inference operations between the SDK's model and ours. Locations pass through as given:
 * the engine takes a local path or a {@code file:} URI and refuses {@code s3://} with a message
 * saying to download the data and give its path. Theme generation is passed on so that the engine
 * refuses it by name.
 */
final class BatchConversions {
  private BatchConversions() {}

  static org.openpersonalize.api.model.CreateBatchInferenceJobRequest toOurs(
      CreateBatchInferenceJobRequest r) {
    return org.openpersonalize.api.model.CreateBatchInferenceJobRequest.builder()
        .jobName(r.jobName())
        .solutionVersionArn(r.solutionVersionArn())
        .filterArn(r.filterArn())
        .numResults(r.numResults())
        .jobInput(
            r.jobInput() == null
                ? null
                : org.openpersonalize.api.model.BatchInferenceJobInput.builder()
                    .s3DataSource(toOurs(r.jobInput().s3DataSource()))
                    .build())
        .jobOutput(
            r.jobOutput() == null
                ? null
                : org.openpersonalize.api.model.BatchInferenceJobOutput.builder()
                    .s3DataDestination(toOurs(r.jobOutput().s3DataDestination()))
                    .build())
        .roleArn(r.roleArn())
        .batchInferenceJobConfig(toOurs(r.batchInferenceJobConfig()))
        .tags(PersonalizeConversions.tags(r.hasTags(), r.tags()))
        .batchInferenceJobMode(r.batchInferenceJobModeAsString())
        .themeGenerationConfig(toOurs(r.themeGenerationConfig()))
        .build();
  }

  static org.openpersonalize.api.model.S3DataConfig toOurs(S3DataConfig c) {
    return c == null
        ? null
        : org.openpersonalize.api.model.S3DataConfig.builder()
            .path(c.path())
            .kmsKeyArn(c.kmsKeyArn())
            .build();
  }

  static S3DataConfig toSdk(org.openpersonalize.api.model.S3DataConfig c) {
    return c == null
        ? null
        : S3DataConfig.builder().path(c.path()).kmsKeyArn(c.kmsKeyArn()).build();
  }

  static org.openpersonalize.api.model.BatchInferenceJobConfig toOurs(BatchInferenceJobConfig c) {
    return c == null
        ? null
        : org.openpersonalize.api.model.BatchInferenceJobConfig.builder()
            .itemExplorationConfig(c.hasItemExplorationConfig() ? c.itemExplorationConfig() : null)
            .rankingInfluence(c.hasRankingInfluence() ? c.rankingInfluenceAsStrings() : null)
            .build();
  }

  static org.openpersonalize.api.model.ThemeGenerationConfig toOurs(ThemeGenerationConfig c) {
    return c == null
        ? null
        : org.openpersonalize.api.model.ThemeGenerationConfig.builder()
            .fieldsForThemeGeneration(
                c.fieldsForThemeGeneration() == null
                    ? null
                    : org.openpersonalize.api.model.FieldsForThemeGeneration.builder()
                        .itemName(c.fieldsForThemeGeneration().itemName())
                        .build())
            .build();
  }

  static CreateBatchInferenceJobResponse toSdk(
      org.openpersonalize.api.model.CreateBatchInferenceJobResponse r) {
    return CreateBatchInferenceJobResponse.builder()
        .batchInferenceJobArn(r.batchInferenceJobArn())
        .build();
  }

  static org.openpersonalize.api.model.DescribeBatchInferenceJobRequest toOurs(
      DescribeBatchInferenceJobRequest r) {
    return org.openpersonalize.api.model.DescribeBatchInferenceJobRequest.builder()
        .batchInferenceJobArn(r.batchInferenceJobArn())
        .build();
  }

  /**
   * The engine's line counts ({@code linesProcessed}, {@code linesTotal}, {@code linesFailed}) have
   * no SDK field, so the SDK's Describe returns Amazon's fields only.
   */
  static BatchInferenceJob toSdk(org.openpersonalize.api.model.BatchInferenceJob j) {
    if (j == null) {
      return null;
    }
    BatchInferenceJob.Builder b =
        BatchInferenceJob.builder()
            .jobName(j.jobName())
            .batchInferenceJobArn(j.batchInferenceJobArn())
            .filterArn(j.filterArn())
            .failureReason(j.failureReason())
            .solutionVersionArn(j.solutionVersionArn())
            .numResults(j.numResults())
            .roleArn(j.roleArn())
            .batchInferenceJobMode(j.batchInferenceJobModeAsString())
            .status(j.status())
            .creationDateTime(j.creationDateTime())
            .lastUpdatedDateTime(j.lastUpdatedDateTime());
    if (j.jobInput() != null) {
      b.jobInput(
          BatchInferenceJobInput.builder()
              .s3DataSource(toSdk(j.jobInput().s3DataSource()))
              .build());
    }
    if (j.jobOutput() != null) {
      b.jobOutput(
          BatchInferenceJobOutput.builder()
              .s3DataDestination(toSdk(j.jobOutput().s3DataDestination()))
              .build());
    }
    if (j.batchInferenceJobConfig() != null) {
      b.batchInferenceJobConfig(
          BatchInferenceJobConfig.builder()
              .itemExplorationConfig(
                  j.batchInferenceJobConfig().hasItemExplorationConfig()
                      ? j.batchInferenceJobConfig().itemExplorationConfig()
                      : null)
              .rankingInfluenceWithStrings(
                  j.batchInferenceJobConfig().hasRankingInfluence()
                      ? j.batchInferenceJobConfig().rankingInfluence()
                      : null)
              .build());
    }
    return b.build();
  }

  static DescribeBatchInferenceJobResponse toSdk(
      org.openpersonalize.api.model.DescribeBatchInferenceJobResponse r) {
    return DescribeBatchInferenceJobResponse.builder()
        .batchInferenceJob(toSdk(r.batchInferenceJob()))
        .build();
  }

  static org.openpersonalize.api.model.ListBatchInferenceJobsRequest toOurs(
      ListBatchInferenceJobsRequest r) {
    return org.openpersonalize.api.model.ListBatchInferenceJobsRequest.builder()
        .solutionVersionArn(r.solutionVersionArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static BatchInferenceJobSummary toSdk(org.openpersonalize.api.model.BatchInferenceJobSummary j) {
    return j == null
        ? null
        : BatchInferenceJobSummary.builder()
            .batchInferenceJobArn(j.batchInferenceJobArn())
            .jobName(j.jobName())
            .status(j.status())
            .creationDateTime(j.creationDateTime())
            .lastUpdatedDateTime(j.lastUpdatedDateTime())
            .failureReason(j.failureReason())
            .solutionVersionArn(j.solutionVersionArn())
            .batchInferenceJobMode(j.batchInferenceJobModeAsString())
            .build();
  }

  static ListBatchInferenceJobsResponse toSdk(
      org.openpersonalize.api.model.ListBatchInferenceJobsResponse r) {
    return ListBatchInferenceJobsResponse.builder()
        .batchInferenceJobs(
            r.hasBatchInferenceJobs()
                ? PersonalizeConversions.each(r.batchInferenceJobs(), BatchConversions::toSdk)
                : null)
        .nextToken(r.nextToken())
        .build();
  }
}
