package org.openpersonalize.aws;

import static org.openpersonalize.aws.PersonalizeConversions.each;

import software.amazon.awssdk.services.personalizeruntime.model.GetPersonalizedRankingRequest;
import software.amazon.awssdk.services.personalizeruntime.model.GetPersonalizedRankingResponse;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsRequest;
import software.amazon.awssdk.services.personalizeruntime.model.GetRecommendationsResponse;
import software.amazon.awssdk.services.personalizeruntime.model.PredictedItem;
import software.amazon.awssdk.services.personalizeruntime.model.Promotion;

/**
 * Runtime requests from the SDK's model to ours and responses back, every field by name (see {@link
 * PersonalizeConversions} for the rules); {@code recommenderArn} is passed through.
 */
final class RuntimeConversions {
  private RuntimeConversions() {}

  static org.openpersonalize.api.model.GetRecommendationsRequest toOurs(
      GetRecommendationsRequest r) {
    return org.openpersonalize.api.model.GetRecommendationsRequest.builder()
        .campaignArn(r.campaignArn())
        .recommenderArn(r.recommenderArn())
        .itemId(r.itemId())
        .userId(r.userId())
        .numResults(r.numResults())
        .context(r.hasContext() ? r.context() : null)
        .filterArn(r.filterArn())
        .filterValues(r.hasFilterValues() ? r.filterValues() : null)
        .promotions(r.hasPromotions() ? each(r.promotions(), RuntimeConversions::toOurs) : null)
        .metadataColumns(r.hasMetadataColumns() ? r.metadataColumns() : null)
        .build();
  }

  static org.openpersonalize.api.model.Promotion toOurs(Promotion p) {
    return p == null
        ? null
        : org.openpersonalize.api.model.Promotion.builder()
            .name(p.name())
            .percentPromotedItems(p.percentPromotedItems())
            .filterArn(p.filterArn())
            .filterValues(p.hasFilterValues() ? p.filterValues() : null)
            .build();
  }

  static org.openpersonalize.api.model.GetPersonalizedRankingRequest toOurs(
      GetPersonalizedRankingRequest r) {
    return org.openpersonalize.api.model.GetPersonalizedRankingRequest.builder()
        .campaignArn(r.campaignArn())
        .inputList(r.hasInputList() ? r.inputList() : null)
        .userId(r.userId())
        .context(r.hasContext() ? r.context() : null)
        .filterArn(r.filterArn())
        .filterValues(r.hasFilterValues() ? r.filterValues() : null)
        .metadataColumns(r.hasMetadataColumns() ? r.metadataColumns() : null)
        .build();
  }

  static PredictedItem toSdk(org.openpersonalize.api.model.PredictedItem i) {
    return i == null
        ? null
        : PredictedItem.builder()
            .itemId(i.itemId())
            .score(i.score())
            .promotionName(i.promotionName())
            .metadata(i.hasMetadata() ? i.metadata() : null)
            .reason(i.hasReason() ? i.reason() : null)
            .build();
  }

  static GetRecommendationsResponse toSdk(
      org.openpersonalize.api.model.GetRecommendationsResponse r) {
    return GetRecommendationsResponse.builder()
        .itemList(r.hasItemList() ? each(r.itemList(), RuntimeConversions::toSdk) : null)
        .recommendationId(r.recommendationId())
        .build();
  }

  static GetPersonalizedRankingResponse toSdk(
      org.openpersonalize.api.model.GetPersonalizedRankingResponse r) {
    return GetPersonalizedRankingResponse.builder()
        .personalizedRanking(
            r.hasPersonalizedRanking()
                ? each(r.personalizedRanking(), RuntimeConversions::toSdk)
                : null)
        .recommendationId(r.recommendationId())
        .build();
  }
}
