package org.openpersonalize.engine.internal;

import java.util.Map;
import org.openpersonalize.api.model.Recommender;
import org.openpersonalize.api.model.RecommenderSummary;
import org.openpersonalize.api.model.RecommenderUpdateSummary;
import org.openpersonalize.engine.internal.resource.RecommenderRecord;

/**
 * A recommender record as DescribeRecommender's {@link Recommender} and ListRecommenders' {@link
 * RecommenderSummary}: the mapping written once, apart from the operations in {@link
 * RecommenderOps}.
 */
final class RecommenderModels {
  private RecommenderModels() {}

  static Recommender toModel(RecommenderRecord r, Map<String, Double> metrics) {
    RecommenderRecord.Update u = r.latestUpdate();
    return Recommender.builder()
        .recommenderArn(r.arn())
        .datasetGroupArn(r.datasetGroupArn())
        .name(r.name())
        .recipeArn(r.recipeArn())
        .recommenderConfig(r.config())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .status(r.status().toString())
        .failureReason(r.failureReason())
        .latestRecommenderUpdate(
            u == null
                ? null
                : RecommenderUpdateSummary.builder()
                    .recommenderConfig(u.config())
                    .creationDateTime(u.created())
                    .lastUpdatedDateTime(u.updated())
                    .status(u.status().toString())
                    .failureReason(u.failureReason())
                    .build())
        .modelMetrics(metrics)
        .build();
  }

  static RecommenderSummary toSummary(RecommenderRecord r) {
    return RecommenderSummary.builder()
        .name(r.name())
        .recommenderArn(r.arn())
        .datasetGroupArn(r.datasetGroupArn())
        .recipeArn(r.recipeArn())
        .recommenderConfig(r.config())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .build();
  }
}
