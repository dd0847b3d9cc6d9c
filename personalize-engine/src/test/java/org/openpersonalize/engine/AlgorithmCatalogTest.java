package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.Algorithm;
import org.openpersonalize.api.model.DefaultCategoricalHyperParameterRange;
import org.openpersonalize.api.model.DefaultContinuousHyperParameterRange;
import org.openpersonalize.api.model.DefaultIntegerHyperParameterRange;
import org.openpersonalize.api.model.DescribeAlgorithmRequest;
import org.openpersonalize.api.model.DescribeFeatureTransformationRequest;
import org.openpersonalize.api.model.DescribeRecipeRequest;
import org.openpersonalize.api.model.FeatureTransformation;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.Recipe;
import org.openpersonalize.api.model.RecipeSummary;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.spi.HyperparameterSpec;

/**
 * DescribeAlgorithm and DescribeFeatureTransformation answer for the ARNs DescribeRecipe gives, for
 * every recipe the engine found, with the defaults and ranges of the recipe's own {@link
 * HyperparameterSpec}s (issue 11).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlgorithmCatalogTest {
  OpenPersonalize engine;
  Personalize p;

  @BeforeAll
  void open() {
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
  }

  @AfterAll
  void close() {
    engine.close();
  }

  /** The recipes as the engine's class loader finds them, by ARN. */
  static Map<String, org.openpersonalize.spi.Recipe> spi() {
    Map<String, org.openpersonalize.spi.Recipe> out = new LinkedHashMap<>();
    ServiceLoader.load(org.openpersonalize.spi.Recipe.class)
        .forEach(r -> out.putIfAbsent(r.recipeArn(), r));
    return out;
  }

  @Test
  void everyRecipesAlgorithmAndTransformationAreDescribedFromItsSpecs() {
    Map<String, org.openpersonalize.spi.Recipe> spi = spi();
    List<RecipeSummary> recipes = p.listRecipes(ListRecipesRequest.builder().build()).recipes();
    // ListRecipes also lists domain use cases, which are trained by one of these recipes.
    assertTrue(recipes.size() >= spi.size() && spi.size() >= 4, recipes.toString());
    int described = 0;
    for (RecipeSummary s : recipes) {
      Recipe r =
          p.describeRecipe(DescribeRecipeRequest.builder().recipeArn(s.recipeArn()).build())
              .recipe();
      Algorithm a =
          p.describeAlgorithm(
                  DescribeAlgorithmRequest.builder().algorithmArn(r.algorithmArn()).build())
              .algorithm();
      assertEquals(r.algorithmArn(), a.algorithmArn());
      assertEquals("File", a.trainingInputMode());
      assertNull(a.roleArn());
      assertEquals("20", a.defaultResourceConfig().get("maxNumberOfTrainingJobs"));
      FeatureTransformation f =
          p.describeFeatureTransformation(
                  DescribeFeatureTransformationRequest.builder()
                      .featureTransformationArn(r.featureTransformationArn())
                      .build())
              .featureTransformation();
      assertEquals(r.featureTransformationArn(), f.featureTransformationArn());
      assertEquals("ACTIVE", f.status());
      org.openpersonalize.spi.Recipe impl = spi.get(r.recipeArn());
      if (impl == null) {
        // A use case: described as the recipe that trains it.
        impl =
            spi.values().stream()
                .filter(x -> x.algorithmArn().equals(r.algorithmArn()))
                .findFirst()
                .orElseThrow();
      } else {
        described++;
      }
      int ranges = 0;
      for (HyperparameterSpec h : impl.hyperparameters()) {
        if (h.stage() == HyperparameterSpec.Stage.FEATURIZATION) {
          assertEquals(h.defaultValue(), f.defaultParameters().get(h.name()), h.name());
          assertFalse(a.defaultHyperParameters().containsKey(h.name()), h.name());
          continue;
        }
        ranges++;
        assertEquals(h.defaultValue(), a.defaultHyperParameters().get(h.name()), h.name());
        assertFalse(f.defaultParameters().containsKey(h.name()), h.name());
        checkRange(a, h);
      }
      var all = a.defaultHyperParameterRanges();
      assertEquals(
          ranges,
          all.integerHyperParameterRanges().size()
              + all.continuousHyperParameterRanges().size()
              + all.categoricalHyperParameterRanges().size(),
          r.name());
    }
    assertEquals(spi.size(), described);
  }

  private static void checkRange(Algorithm a, HyperparameterSpec h) {
    var all = a.defaultHyperParameterRanges();
    switch (h.type()) {
      case INTEGER -> {
        DefaultIntegerHyperParameterRange range =
            all.integerHyperParameterRanges().stream()
                .filter(x -> x.name().equals(h.name()))
                .findFirst()
                .orElseThrow();
        assertEquals(clamp(h.minValue()), range.minValue(), h.name());
        assertEquals(clamp(h.maxValue()), range.maxValue(), h.name());
        assertEquals(h.tunable(), range.isTunable(), h.name());
      }
      case CONTINUOUS -> {
        DefaultContinuousHyperParameterRange range =
            all.continuousHyperParameterRanges().stream()
                .filter(x -> x.name().equals(h.name()))
                .findFirst()
                .orElseThrow();
        assertEquals(h.minValue(), range.minValue(), h.name());
        assertEquals(h.maxValue(), range.maxValue(), h.name());
        assertEquals(h.tunable(), range.isTunable(), h.name());
      }
      case CATEGORICAL -> {
        DefaultCategoricalHyperParameterRange range =
            all.categoricalHyperParameterRanges().stream()
                .filter(x -> x.name().equals(h.name()))
                .findFirst()
                .orElseThrow();
        assertEquals(h.allowedValues(), range.values(), h.name());
        assertEquals(h.tunable(), range.isTunable(), h.name());
      }
    }
  }

  private static int clamp(double v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  @Test
  void userPersonalizationHasTunableRangesLikeAmazons() {
    Algorithm a =
        p.describeAlgorithm(
                DescribeAlgorithmRequest.builder()
                    .algorithmArn("arn:aws:personalize:::algorithm/aws-user-personalization")
                    .build())
            .algorithm();
    assertTrue(a.defaultHyperParameters().containsKey("hidden_dimension"), a.toString());
    assertTrue(
        a.defaultHyperParameterRanges().integerHyperParameterRanges().stream()
            .anyMatch(r -> r.name().equals("hidden_dimension") && r.isTunable()),
        a.toString());
  }

  @Test
  void unknownAndMalformedArnsAreRefused() {
    ResourceNotFoundException e =
        assertThrows(
            ResourceNotFoundException.class,
            () ->
                p.describeAlgorithm(
                    DescribeAlgorithmRequest.builder()
                        .algorithmArn("arn:aws:personalize:::algorithm/nope")
                        .build()));
    assertTrue(e.getMessage().contains("algorithm/nope"), e.getMessage());
    assertThrows(
        ResourceNotFoundException.class,
        () ->
            p.describeFeatureTransformation(
                DescribeFeatureTransformationRequest.builder()
                    .featureTransformationArn("arn:aws:personalize:::feature-transformation/nope")
                    .build()));
    InvalidInputException bad =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.describeFeatureTransformation(
                    DescribeFeatureTransformationRequest.builder()
                        .featureTransformationArn("feature-transformation/x")
                        .build()));
    assertTrue(
        bad.getMessage().startsWith("featureTransformationArn must satisfy regular expression"),
        bad.getMessage());
    assertThrows(
        InvalidInputException.class,
        () -> p.describeAlgorithm(DescribeAlgorithmRequest.builder().build()));
  }
}
