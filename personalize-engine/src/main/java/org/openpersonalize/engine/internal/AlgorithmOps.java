package org.openpersonalize.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpersonalize.api.model.Algorithm;
import org.openpersonalize.api.model.AlgorithmImage;
import org.openpersonalize.api.model.DefaultCategoricalHyperParameterRange;
import org.openpersonalize.api.model.DefaultContinuousHyperParameterRange;
import org.openpersonalize.api.model.DefaultHyperParameterRanges;
import org.openpersonalize.api.model.DefaultIntegerHyperParameterRange;
import org.openpersonalize.api.model.DescribeAlgorithmRequest;
import org.openpersonalize.api.model.DescribeAlgorithmResponse;
import org.openpersonalize.api.model.DescribeFeatureTransformationRequest;
import org.openpersonalize.api.model.DescribeFeatureTransformationResponse;
import org.openpersonalize.api.model.FeatureTransformation;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Recipe;

/**
 * DescribeAlgorithm and DescribeFeatureTransformation (spec §1.9): the algorithm and the feature
 * transformation that DescribeRecipe names, described from the recipe's own {@link
 * Recipe#hyperparameters()} — algorithm-stage specs become the algorithm's defaults and ranges,
 * featurization-stage specs the transformation's default parameters. Nothing is listed by hand, so
 * a recipe found by {@code ServiceLoader} is described as soon as it declares its parameters.
 */
record AlgorithmOps(RecipeCatalog recipes) {
  /**
   * Amazon's default HPO budget, reported as {@code defaultResourceConfig}: at most 20 training
   * jobs, 5 at a time (the defaults of {@code HPOResourceConfig}).
   */
  private static final Map<String, String> RESOURCE_CONFIG =
      Map.of("maxNumberOfTrainingJobs", "20", "maxParallelTrainingJobs", "5");

  DescribeAlgorithmResponse describeAlgorithm(DescribeAlgorithmRequest request) {
    Check.arn("algorithmArn", request.algorithmArn());
    Recipe r = recipes.findByAlgorithm(request.algorithmArn());
    if (r == null) {
      throw new ResourceNotFoundException(
          "No algorithm with algorithmArn " + request.algorithmArn());
    }
    return DescribeAlgorithmResponse.builder().algorithm(algorithm(r)).build();
  }

  DescribeFeatureTransformationResponse describeFeatureTransformation(
      DescribeFeatureTransformationRequest request) {
    Check.arn("featureTransformationArn", request.featureTransformationArn());
    String arn = request.featureTransformationArn();
    Recipe r = recipes.findByFeatureTransformation(arn);
    String name = r == null ? null : r.name();
    if (r == null) {
      // A domain use case (DescribeRecipe of a recommender recipe) featurizes as the recipe that
      // trains it.
      for (UseCase u : UseCase.values()) {
        if (RecipeCatalog.featureTransformationArn(u.suffix()).equals(arn)) {
          r = recipes.find(u.recipeArn());
          name = u.suffix();
          break;
        }
      }
    }
    if (r == null) {
      throw new ResourceNotFoundException(
          "No feature transformation with featureTransformationArn "
              + request.featureTransformationArn());
    }
    return DescribeFeatureTransformationResponse.builder()
        .featureTransformation(
            FeatureTransformation.builder()
                .name(name)
                .featureTransformationArn(arn)
                .defaultParameters(defaults(r, HyperparameterSpec.Stage.FEATURIZATION))
                .status(Status.ACTIVE.toString())
                .creationDateTime(RecipeOps.RECIPES_RELEASED)
                .lastUpdatedDateTime(RecipeOps.RECIPES_RELEASED)
                .build())
        .build();
  }

  static Algorithm algorithm(Recipe r) {
    List<DefaultIntegerHyperParameterRange> ints = new ArrayList<>();
    List<DefaultContinuousHyperParameterRange> reals = new ArrayList<>();
    List<DefaultCategoricalHyperParameterRange> categories = new ArrayList<>();
    for (HyperparameterSpec h : r.hyperparameters()) {
      if (h.stage() != HyperparameterSpec.Stage.ALGORITHM) {
        continue;
      }
      switch (h.type()) {
        case INTEGER ->
            ints.add(
                DefaultIntegerHyperParameterRange.builder()
                    .name(h.name())
                    .minValue(toInt(h.minValue()))
                    .maxValue(toInt(h.maxValue()))
                    .isTunable(h.tunable())
                    .build());
        case CONTINUOUS ->
            reals.add(
                DefaultContinuousHyperParameterRange.builder()
                    .name(h.name())
                    .minValue(h.minValue())
                    .maxValue(h.maxValue())
                    .isTunable(h.tunable())
                    .build());
        case CATEGORICAL ->
            categories.add(
                DefaultCategoricalHyperParameterRange.builder()
                    .name(h.name())
                    .values(h.allowedValues())
                    .isTunable(h.tunable())
                    .build());
      }
    }
    return Algorithm.builder()
        .name(r.name())
        .algorithmArn(r.algorithmArn())
        .algorithmImage(AlgorithmImage.builder().name(r.name()).build())
        .defaultHyperParameters(defaults(r, HyperparameterSpec.Stage.ALGORITHM))
        .defaultHyperParameterRanges(
            DefaultHyperParameterRanges.builder()
                .integerHyperParameterRanges(ints)
                .continuousHyperParameterRanges(reals)
                .categoricalHyperParameterRanges(categories)
                .build())
        .defaultResourceConfig(RESOURCE_CONFIG)
        .trainingInputMode("File")
        .creationDateTime(RecipeOps.RECIPES_RELEASED)
        .lastUpdatedDateTime(RecipeOps.RECIPES_RELEASED)
        .build();
  }

  /** The defaults of one stage's specs, in declaration order. */
  private static Map<String, String> defaults(Recipe r, HyperparameterSpec.Stage stage) {
    Map<String, String> out = new LinkedHashMap<>();
    for (HyperparameterSpec h : r.hyperparameters()) {
      if (h.stage() == stage) {
        out.put(h.name(), h.defaultValue());
      }
    }
    return out;
  }

  /**
   * An integer bound as Amazon's {@code Integer} range fields carry it; an open end (the spec's
   * {@code long} extremes) becomes the {@code int} extreme.
   */
  private static int toInt(double bound) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, bound));
  }
}
