package org.openpersonalize.aws;

import software.amazon.awssdk.services.personalize.model.CreateRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.CreateRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.DeleteRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.DeleteRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.DescribeRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.DescribeRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.ListRecommendersRequest;
import software.amazon.awssdk.services.personalize.model.ListRecommendersResponse;
import software.amazon.awssdk.services.personalize.model.Recommender;
import software.amazon.awssdk.services.personalize.model.RecommenderConfig;
import software.amazon.awssdk.services.personalize.model.RecommenderSummary;
import software.amazon.awssdk.services.personalize.model.RecommenderUpdateSummary;
import software.amazon.awssdk.services.personalize.model.StartRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.StartRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.StopRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.StopRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.TrainingDataConfig;
import software.amazon.awssdk.services.personalize.model.UpdateRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.UpdateRecommenderResponse;

/**
 * Recommender requests (CreateRecommender ... DeleteRecommender) from the SDK's model to ours and
 * responses back, every field by name, as {@link PersonalizeConversions} does for the other kinds.
 * {@code trainingDataConfig.includedDatasetColumns} (a newer field) is refused, never dropped.
 */
final class RecommenderConversions {
  private RecommenderConversions() {}

  static org.openpersonalize.api.model.RecommenderConfig toOurs(RecommenderConfig c) {
    if (c == null) {
      return null;
    }
    TrainingDataConfig t = c.trainingDataConfig();
    if (t != null) {
      Gaps.refuseIfSet(
          "recommenderConfig.trainingDataConfig.includedDatasetColumns",
          t.hasIncludedDatasetColumns() ? t.includedDatasetColumns() : null);
    }
    return org.openpersonalize.api.model.RecommenderConfig.builder()
        .itemExplorationConfig(c.hasItemExplorationConfig() ? c.itemExplorationConfig() : null)
        .minRecommendationRequestsPerSecond(c.minRecommendationRequestsPerSecond())
        .trainingDataConfig(
            t == null
                ? null
                : org.openpersonalize.api.model.TrainingDataConfig.builder()
                    .excludedDatasetColumns(
                        t.hasExcludedDatasetColumns() ? t.excludedDatasetColumns() : null)
                    .build())
        .enableMetadataWithRecommendations(c.enableMetadataWithRecommendations())
        .build();
  }

  static RecommenderConfig toSdk(org.openpersonalize.api.model.RecommenderConfig c) {
    if (c == null) {
      return null;
    }
    org.openpersonalize.api.model.TrainingDataConfig t = c.trainingDataConfig();
    return RecommenderConfig.builder()
        .itemExplorationConfig(c.hasItemExplorationConfig() ? c.itemExplorationConfig() : null)
        .minRecommendationRequestsPerSecond(c.minRecommendationRequestsPerSecond())
        .trainingDataConfig(
            t == null
                ? null
                : TrainingDataConfig.builder()
                    .excludedDatasetColumns(
                        t.hasExcludedDatasetColumns() ? t.excludedDatasetColumns() : null)
                    .build())
        .enableMetadataWithRecommendations(c.enableMetadataWithRecommendations())
        .build();
  }

  static org.openpersonalize.api.model.CreateRecommenderRequest toOurs(CreateRecommenderRequest r) {
    return org.openpersonalize.api.model.CreateRecommenderRequest.builder()
        .name(r.name())
        .datasetGroupArn(r.datasetGroupArn())
        .recipeArn(r.recipeArn())
        .recommenderConfig(toOurs(r.recommenderConfig()))
        .tags(
            r.hasTags()
                ? PersonalizeConversions.each(r.tags(), PersonalizeConversions::toOurs)
                : null)
        .build();
  }

  static CreateRecommenderResponse toSdk(
      org.openpersonalize.api.model.CreateRecommenderResponse r) {
    return CreateRecommenderResponse.builder().recommenderArn(r.recommenderArn()).build();
  }

  static org.openpersonalize.api.model.DescribeRecommenderRequest toOurs(
      DescribeRecommenderRequest r) {
    return org.openpersonalize.api.model.DescribeRecommenderRequest.builder()
        .recommenderArn(r.recommenderArn())
        .build();
  }

  static Recommender toSdk(org.openpersonalize.api.model.Recommender r) {
    if (r == null) {
      return null;
    }
    org.openpersonalize.api.model.RecommenderUpdateSummary u = r.latestRecommenderUpdate();
    return Recommender.builder()
        .recommenderArn(r.recommenderArn())
        .datasetGroupArn(r.datasetGroupArn())
        .name(r.name())
        .recipeArn(r.recipeArn())
        .recommenderConfig(toSdk(r.recommenderConfig()))
        .creationDateTime(r.creationDateTime())
        .lastUpdatedDateTime(r.lastUpdatedDateTime())
        .status(r.status())
        .failureReason(r.failureReason())
        .latestRecommenderUpdate(
            u == null
                ? null
                : RecommenderUpdateSummary.builder()
                    .recommenderConfig(toSdk(u.recommenderConfig()))
                    .creationDateTime(u.creationDateTime())
                    .lastUpdatedDateTime(u.lastUpdatedDateTime())
                    .status(u.status())
                    .failureReason(u.failureReason())
                    .build())
        .modelMetrics(r.hasModelMetrics() ? r.modelMetrics() : null)
        .build();
  }

  static DescribeRecommenderResponse toSdk(
      org.openpersonalize.api.model.DescribeRecommenderResponse r) {
    return DescribeRecommenderResponse.builder().recommender(toSdk(r.recommender())).build();
  }

  static org.openpersonalize.api.model.ListRecommendersRequest toOurs(ListRecommendersRequest r) {
    return org.openpersonalize.api.model.ListRecommendersRequest.builder()
        .datasetGroupArn(r.datasetGroupArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static RecommenderSummary toSdk(org.openpersonalize.api.model.RecommenderSummary s) {
    return s == null
        ? null
        : RecommenderSummary.builder()
            .name(s.name())
            .recommenderArn(s.recommenderArn())
            .datasetGroupArn(s.datasetGroupArn())
            .recipeArn(s.recipeArn())
            .recommenderConfig(toSdk(s.recommenderConfig()))
            .status(s.status())
            .creationDateTime(s.creationDateTime())
            .lastUpdatedDateTime(s.lastUpdatedDateTime())
            .build();
  }

  static ListRecommendersResponse toSdk(org.openpersonalize.api.model.ListRecommendersResponse r) {
    return ListRecommendersResponse.builder()
        .recommenders(
            r.hasRecommenders()
                ? PersonalizeConversions.each(r.recommenders(), RecommenderConversions::toSdk)
                : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.UpdateRecommenderRequest toOurs(UpdateRecommenderRequest r) {
    return org.openpersonalize.api.model.UpdateRecommenderRequest.builder()
        .recommenderArn(r.recommenderArn())
        .recommenderConfig(toOurs(r.recommenderConfig()))
        .build();
  }

  static UpdateRecommenderResponse toSdk(
      org.openpersonalize.api.model.UpdateRecommenderResponse r) {
    return UpdateRecommenderResponse.builder().recommenderArn(r.recommenderArn()).build();
  }

  static org.openpersonalize.api.model.StopRecommenderRequest toOurs(StopRecommenderRequest r) {
    return org.openpersonalize.api.model.StopRecommenderRequest.builder()
        .recommenderArn(r.recommenderArn())
        .build();
  }

  static StopRecommenderResponse toSdk(org.openpersonalize.api.model.StopRecommenderResponse r) {
    return StopRecommenderResponse.builder().recommenderArn(r.recommenderArn()).build();
  }

  static org.openpersonalize.api.model.StartRecommenderRequest toOurs(StartRecommenderRequest r) {
    return org.openpersonalize.api.model.StartRecommenderRequest.builder()
        .recommenderArn(r.recommenderArn())
        .build();
  }

  static StartRecommenderResponse toSdk(org.openpersonalize.api.model.StartRecommenderResponse r) {
    return StartRecommenderResponse.builder().recommenderArn(r.recommenderArn()).build();
  }

  static org.openpersonalize.api.model.DeleteRecommenderRequest toOurs(DeleteRecommenderRequest r) {
    return org.openpersonalize.api.model.DeleteRecommenderRequest.builder()
        .recommenderArn(r.recommenderArn())
        .build();
  }

  static DeleteRecommenderResponse toSdk(
      org.openpersonalize.api.model.DeleteRecommenderResponse r) {
    return DeleteRecommenderResponse.builder().build();
  }
}
