package org.openpersonalize.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.personalize.model.BatchSegmentJob;
import software.amazon.awssdk.services.personalize.model.BatchSegmentJobInput;
import software.amazon.awssdk.services.personalize.model.BatchSegmentJobOutput;
import software.amazon.awssdk.services.personalize.model.BatchSegmentJobSummary;
import software.amazon.awssdk.services.personalize.model.CreateBatchSegmentJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateBatchSegmentJobResponse;
import software.amazon.awssdk.services.personalize.model.DescribeBatchSegmentJobRequest;
import software.amazon.awssdk.services.personalize.model.DescribeBatchSegmentJobResponse;
import software.amazon.awssdk.services.personalize.model.ListBatchSegmentJobsRequest;
import software.amazon.awssdk.services.personalize.model.ListBatchSegmentJobsResponse;
import software.amazon.awssdk.services.personalize.model.S3DataConfig;

/**
 * The AWS SDK's batch segment job shapes to the engine's and back (CreateBatchSegmentJob,
 * DescribeBatchSegmentJob, ListBatchSegmentJobs). Every SDK request field has an engine field; the
 * engine refuses what it cannot honour (an {@code s3://} path, a KMS key) with a message naming it.
 */
final class SegmentJobConversions {
  private SegmentJobConversions() {}

  static org.openpersonalize.api.model.CreateBatchSegmentJobRequest toOurs(
      CreateBatchSegmentJobRequest r) {
    List<org.openpersonalize.api.model.Tag> tags = null;
    if (r.hasTags()) {
      tags = new ArrayList<>();
      for (var t : r.tags()) {
        tags.add(PersonalizeConversions.toOurs(t));
      }
    }
    return org.openpersonalize.api.model.CreateBatchSegmentJobRequest.builder()
        .jobName(r.jobName())
        .solutionVersionArn(r.solutionVersionArn())
        .filterArn(r.filterArn())
        .numResults(r.numResults())
        .jobInput(
            r.jobInput() == null
                ? null
                : org.openpersonalize.api.model.BatchSegmentJobInput.builder()
                    .s3DataSource(toOurs(r.jobInput().s3DataSource()))
                    .build())
        .jobOutput(
            r.jobOutput() == null
                ? null
                : org.openpersonalize.api.model.BatchSegmentJobOutput.builder()
                    .s3DataDestination(toOurs(r.jobOutput().s3DataDestination()))
                    .build())
        .roleArn(r.roleArn())
        .tags(tags)
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

  static CreateBatchSegmentJobResponse toSdk(
      org.openpersonalize.api.model.CreateBatchSegmentJobResponse r) {
    return CreateBatchSegmentJobResponse.builder()
        .batchSegmentJobArn(r.batchSegmentJobArn())
        .build();
  }

  static org.openpersonalize.api.model.DescribeBatchSegmentJobRequest toOurs(
      DescribeBatchSegmentJobRequest r) {
    return org.openpersonalize.api.model.DescribeBatchSegmentJobRequest.builder()
        .batchSegmentJobArn(r.batchSegmentJobArn())
        .build();
  }

  static DescribeBatchSegmentJobResponse toSdk(
      org.openpersonalize.api.model.DescribeBatchSegmentJobResponse r) {
    return DescribeBatchSegmentJobResponse.builder()
        .batchSegmentJob(toSdk(r.batchSegmentJob()))
        .build();
  }

  static BatchSegmentJob toSdk(org.openpersonalize.api.model.BatchSegmentJob j) {
    return j == null
        ? null
        : BatchSegmentJob.builder()
            .jobName(j.jobName())
            .batchSegmentJobArn(j.batchSegmentJobArn())
            .filterArn(j.filterArn())
            .failureReason(j.failureReason())
            .solutionVersionArn(j.solutionVersionArn())
            .numResults(j.numResults())
            .jobInput(
                j.jobInput() == null
                    ? null
                    : BatchSegmentJobInput.builder()
                        .s3DataSource(toSdk(j.jobInput().s3DataSource()))
                        .build())
            .jobOutput(
                j.jobOutput() == null
                    ? null
                    : BatchSegmentJobOutput.builder()
                        .s3DataDestination(toSdk(j.jobOutput().s3DataDestination()))
                        .build())
            .roleArn(j.roleArn())
            .status(j.status())
            .creationDateTime(j.creationDateTime())
            .lastUpdatedDateTime(j.lastUpdatedDateTime())
            .build();
  }

  static org.openpersonalize.api.model.ListBatchSegmentJobsRequest toOurs(
      ListBatchSegmentJobsRequest r) {
    return org.openpersonalize.api.model.ListBatchSegmentJobsRequest.builder()
        .solutionVersionArn(r.solutionVersionArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static ListBatchSegmentJobsResponse toSdk(
      org.openpersonalize.api.model.ListBatchSegmentJobsResponse r) {
    List<BatchSegmentJobSummary> jobs = new ArrayList<>();
    for (var s : r.batchSegmentJobs()) {
      jobs.add(
          BatchSegmentJobSummary.builder()
              .batchSegmentJobArn(s.batchSegmentJobArn())
              .jobName(s.jobName())
              .status(s.status())
              .creationDateTime(s.creationDateTime())
              .lastUpdatedDateTime(s.lastUpdatedDateTime())
              .failureReason(s.failureReason())
              .solutionVersionArn(s.solutionVersionArn())
              .build());
    }
    return ListBatchSegmentJobsResponse.builder()
        .batchSegmentJobs(r.hasBatchSegmentJobs() ? jobs : null)
        .nextToken(r.nextToken())
        .build();
  }
}
