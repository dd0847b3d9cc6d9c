package org.openpersonalize.aws;

import static org.openpersonalize.aws.PersonalizeConversions.each;

import software.amazon.awssdk.services.personalize.model.Algorithm;
import software.amazon.awssdk.services.personalize.model.AlgorithmImage;
import software.amazon.awssdk.services.personalize.model.DefaultCategoricalHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.DefaultContinuousHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.DefaultHyperParameterRanges;
import software.amazon.awssdk.services.personalize.model.DefaultIntegerHyperParameterRange;
import software.amazon.awssdk.services.personalize.model.DescribeAlgorithmRequest;
import software.amazon.awssdk.services.personalize.model.DescribeAlgorithmResponse;
import software.amazon.awssdk.services.personalize.model.DescribeFeatureTransformationRequest;
import software.amazon.awssdk.services.personalize.model.DescribeFeatureTransformationResponse;
import software.amazon.awssdk.services.personalize.model.FeatureTransformation;
import software.amazon.awssdk.services.personalize.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.personalize.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.personalize.model.Tag;
import software.amazon.awssdk.services.personalize.model.TagResourceRequest;
import software.amazon.awssdk.services.personalize.model.TagResourceResponse;
import software.amazon.awssdk.services.personalize.model.UntagResourceRequest;
import software.amazon.awssdk.services.personalize.model.UntagResourceResponse;

/**
 * Field-by-field conversions for DescribeAlgorithm, DescribeFeatureTransformation, TagResource,
 * UntagResource and ListTagsForResource, between the SDK's model and ours (kept apart from {@link
 * PersonalizeConversions} so that each file stays small).
 */
final class CatalogConversions {
  private CatalogConversions() {}

  // ---- algorithms and feature transformations -------------------------------------------------

  static org.openpersonalize.api.model.DescribeAlgorithmRequest toOurs(DescribeAlgorithmRequest r) {
    return org.openpersonalize.api.model.DescribeAlgorithmRequest.builder()
        .algorithmArn(r.algorithmArn())
        .build();
  }

  static DescribeAlgorithmResponse toSdk(
      org.openpersonalize.api.model.DescribeAlgorithmResponse r) {
    return DescribeAlgorithmResponse.builder().algorithm(toSdk(r.algorithm())).build();
  }

  static Algorithm toSdk(org.openpersonalize.api.model.Algorithm a) {
    return a == null
        ? null
        : Algorithm.builder()
            .name(a.name())
            .algorithmArn(a.algorithmArn())
            .algorithmImage(toSdk(a.algorithmImage()))
            .defaultHyperParameters(
                a.hasDefaultHyperParameters() ? a.defaultHyperParameters() : null)
            .defaultHyperParameterRanges(toSdk(a.defaultHyperParameterRanges()))
            .defaultResourceConfig(a.hasDefaultResourceConfig() ? a.defaultResourceConfig() : null)
            .trainingInputMode(a.trainingInputMode())
            .roleArn(a.roleArn())
            .creationDateTime(a.creationDateTime())
            .lastUpdatedDateTime(a.lastUpdatedDateTime())
            .build();
  }

  static AlgorithmImage toSdk(org.openpersonalize.api.model.AlgorithmImage i) {
    return i == null
        ? null
        : AlgorithmImage.builder().name(i.name()).dockerURI(i.dockerURI()).build();
  }

  static DefaultHyperParameterRanges toSdk(
      org.openpersonalize.api.model.DefaultHyperParameterRanges r) {
    return r == null
        ? null
        : DefaultHyperParameterRanges.builder()
            .integerHyperParameterRanges(
                r.hasIntegerHyperParameterRanges()
                    ? each(r.integerHyperParameterRanges(), CatalogConversions::toSdk)
                    : null)
            .continuousHyperParameterRanges(
                r.hasContinuousHyperParameterRanges()
                    ? each(r.continuousHyperParameterRanges(), CatalogConversions::toSdk)
                    : null)
            .categoricalHyperParameterRanges(
                r.hasCategoricalHyperParameterRanges()
                    ? each(r.categoricalHyperParameterRanges(), CatalogConversions::toSdk)
                    : null)
            .build();
  }

  static DefaultIntegerHyperParameterRange toSdk(
      org.openpersonalize.api.model.DefaultIntegerHyperParameterRange r) {
    return r == null
        ? null
        : DefaultIntegerHyperParameterRange.builder()
            .name(r.name())
            .minValue(r.minValue())
            .maxValue(r.maxValue())
            .isTunable(r.isTunable())
            .build();
  }

  static DefaultContinuousHyperParameterRange toSdk(
      org.openpersonalize.api.model.DefaultContinuousHyperParameterRange r) {
    return r == null
        ? null
        : DefaultContinuousHyperParameterRange.builder()
            .name(r.name())
            .minValue(r.minValue())
            .maxValue(r.maxValue())
            .isTunable(r.isTunable())
            .build();
  }

  static DefaultCategoricalHyperParameterRange toSdk(
      org.openpersonalize.api.model.DefaultCategoricalHyperParameterRange r) {
    return r == null
        ? null
        : DefaultCategoricalHyperParameterRange.builder()
            .name(r.name())
            .values(r.hasValues() ? r.values() : null)
            .isTunable(r.isTunable())
            .build();
  }

  static org.openpersonalize.api.model.DescribeFeatureTransformationRequest toOurs(
      DescribeFeatureTransformationRequest r) {
    return org.openpersonalize.api.model.DescribeFeatureTransformationRequest.builder()
        .featureTransformationArn(r.featureTransformationArn())
        .build();
  }

  static DescribeFeatureTransformationResponse toSdk(
      org.openpersonalize.api.model.DescribeFeatureTransformationResponse r) {
    return DescribeFeatureTransformationResponse.builder()
        .featureTransformation(toSdk(r.featureTransformation()))
        .build();
  }

  static FeatureTransformation toSdk(org.openpersonalize.api.model.FeatureTransformation f) {
    return f == null
        ? null
        : FeatureTransformation.builder()
            .name(f.name())
            .featureTransformationArn(f.featureTransformationArn())
            .defaultParameters(f.hasDefaultParameters() ? f.defaultParameters() : null)
            .creationDateTime(f.creationDateTime())
            .lastUpdatedDateTime(f.lastUpdatedDateTime())
            .status(f.status())
            .build();
  }

  // ---- tags -----------------------------------------------------------------------------------

  static org.openpersonalize.api.model.TagResourceRequest toOurs(TagResourceRequest r) {
    return org.openpersonalize.api.model.TagResourceRequest.builder()
        .resourceArn(r.resourceArn())
        .tags(r.hasTags() ? each(r.tags(), PersonalizeConversions::toOurs) : null)
        .build();
  }

  static TagResourceResponse toSdk(org.openpersonalize.api.model.TagResourceResponse r) {
    return TagResourceResponse.builder().build();
  }

  static org.openpersonalize.api.model.UntagResourceRequest toOurs(UntagResourceRequest r) {
    return org.openpersonalize.api.model.UntagResourceRequest.builder()
        .resourceArn(r.resourceArn())
        .tagKeys(r.hasTagKeys() ? r.tagKeys() : null)
        .build();
  }

  static UntagResourceResponse toSdk(org.openpersonalize.api.model.UntagResourceResponse r) {
    return UntagResourceResponse.builder().build();
  }

  static org.openpersonalize.api.model.ListTagsForResourceRequest toOurs(
      ListTagsForResourceRequest r) {
    return org.openpersonalize.api.model.ListTagsForResourceRequest.builder()
        .resourceArn(r.resourceArn())
        .build();
  }

  static ListTagsForResourceResponse toSdk(
      org.openpersonalize.api.model.ListTagsForResourceResponse r) {
    return ListTagsForResourceResponse.builder()
        .tags(r.hasTags() ? each(r.tags(), CatalogConversions::toSdk) : null)
        .build();
  }

  static Tag toSdk(org.openpersonalize.api.model.Tag t) {
    return t == null ? null : Tag.builder().tagKey(t.tagKey()).tagValue(t.tagValue()).build();
  }
}
