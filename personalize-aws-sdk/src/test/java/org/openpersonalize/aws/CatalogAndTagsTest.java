package org.openpersonalize.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openpersonalize.engine.OpenPersonalize;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.Algorithm;
import software.amazon.awssdk.services.personalize.model.CreateDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.DescribeAlgorithmRequest;
import software.amazon.awssdk.services.personalize.model.DescribeFeatureTransformationRequest;
import software.amazon.awssdk.services.personalize.model.DescribeRecipeRequest;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;
import software.amazon.awssdk.services.personalize.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.personalize.model.Recipe;
import software.amazon.awssdk.services.personalize.model.ResourceNotFoundException;
import software.amazon.awssdk.services.personalize.model.Tag;
import software.amazon.awssdk.services.personalize.model.TagResourceRequest;
import software.amazon.awssdk.services.personalize.model.TooManyTagKeysException;
import software.amazon.awssdk.services.personalize.model.TooManyTagsException;
import software.amazon.awssdk.services.personalize.model.UntagResourceRequest;

/**
 * Through the AWS SDK client: DescribeAlgorithm and DescribeFeatureTransformation answer for the
 * ARNs DescribeRecipe gives, and TagResource / UntagResource / ListTagsForResource work with the
 * SDK's own exception types (issue 11).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogAndTagsTest {
  OpenPersonalize engine;
  PersonalizeClient personalize;

  @BeforeAll
  void open() {
    engine = OpenPersonalize.inMemory();
    personalize = OpenPersonalizeAws.personalizeClient(engine);
  }

  @AfterAll
  void close() {
    engine.close();
  }

  @Test
  void aRecipesAlgorithmAndFeatureTransformationAreDescribed() {
    Recipe r =
        personalize
            .describeRecipe(
                DescribeRecipeRequest.builder()
                    .recipeArn("arn:aws:personalize:::recipe/aws-user-personalization")
                    .build())
            .recipe();
    Algorithm a =
        personalize
            .describeAlgorithm(
                DescribeAlgorithmRequest.builder().algorithmArn(r.algorithmArn()).build())
            .algorithm();
    assertEquals(r.algorithmArn(), a.algorithmArn());
    assertEquals("File", a.trainingInputMode());
    assertTrue(a.defaultHyperParameters().containsKey("hidden_dimension"), a.toString());
    assertFalse(a.defaultHyperParameterRanges().integerHyperParameterRanges().isEmpty());
    assertEquals(
        r.featureTransformationArn(),
        personalize
            .describeFeatureTransformation(
                DescribeFeatureTransformationRequest.builder()
                    .featureTransformationArn(r.featureTransformationArn())
                    .build())
            .featureTransformation()
            .featureTransformationArn());
    assertThrows(
        ResourceNotFoundException.class,
        () ->
            personalize.describeAlgorithm(
                DescribeAlgorithmRequest.builder()
                    .algorithmArn("arn:aws:personalize:::algorithm/none")
                    .build()));
  }

  @Test
  void tagsAreListedChangedAndLimited() {
    String group =
        personalize
            .createDatasetGroup(
                CreateDatasetGroupRequest.builder()
                    .name("tagged")
                    .tags(Tag.builder().tagKey("team").tagValue("recs").build())
                    .build())
            .datasetGroupArn();
    personalize.tagResource(
        TagResourceRequest.builder()
            .resourceArn(group)
            .tags(Tag.builder().tagKey("stage").tagValue("test").build())
            .build());
    personalize.untagResource(
        UntagResourceRequest.builder().resourceArn(group).tagKeys("team").build());
    assertEquals(
        List.of(Tag.builder().tagKey("stage").tagValue("test").build()),
        personalize
            .listTagsForResource(ListTagsForResourceRequest.builder().resourceArn(group).build())
            .tags());
    List<Tag> many = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add(Tag.builder().tagKey("k" + i).tagValue("v").build());
      keys.add("k" + i);
    }
    assertThrows(
        TooManyTagsException.class,
        () ->
            personalize.tagResource(
                TagResourceRequest.builder().resourceArn(group).tags(many).build()));
    assertThrows(
        TooManyTagKeysException.class,
        () ->
            personalize.untagResource(
                UntagResourceRequest.builder().resourceArn(group).tagKeys(keys).build()));
    assertThrows(
        InvalidInputException.class,
        () ->
            personalize.tagResource(
                TagResourceRequest.builder()
                    .resourceArn(group)
                    .tags(Tag.builder().tagKey("aws:owner").tagValue("x").build())
                    .build()));
    assertThrows(
        ResourceNotFoundException.class,
        () ->
            personalize.listTagsForResource(
                ListTagsForResourceRequest.builder()
                    .resourceArn("arn:aws:personalize:local:000000000000:campaign/none")
                    .build()));
  }
}
