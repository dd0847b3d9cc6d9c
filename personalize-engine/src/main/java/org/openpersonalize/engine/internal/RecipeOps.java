package org.openpersonalize.engine.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.api.model.DescribeRecipeRequest;
import org.openpersonalize.api.model.DescribeRecipeResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.InvalidNextTokenException;
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.ListRecipesResponse;
import org.openpersonalize.api.model.RecipeProvider;
import org.openpersonalize.api.model.RecipeSummary;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.spi.Recipe;

/**
 * ListRecipes and DescribeRecipe (spec §1.9): the recipes the engine found with {@link
 * java.util.ServiceLoader}, which are not stored resources.
 */
record RecipeOps(RecipeCatalog recipes) {
  /** When the built-in recipes became available, as DescribeRecipe reports it. */
  static final Instant RECIPES_RELEASED = Instant.parse("2026-11-22T00:00:00Z");

  ListRecipesResponse list(ListRecipesRequest request) {
    int max = Check.maxResults(request.maxResults());
    Check.length("nextToken", request.nextToken(), 1, 1500);
    if (request.recipeProvider() == RecipeProvider.UNKNOWN_TO_SDK_VERSION) {
      throw new InvalidInputException(
          "recipeProvider must be SERVICE; got: " + Check.show(request.recipeProviderAsString()));
    }
    // With a domain: that domain's use cases (spec §4); without: the recipes, then every use case.
    List<RecipeSummary> all = new ArrayList<>();
    if (request.domain() == null) {
      for (Recipe r : recipes.all()) {
        all.add(toSummary(r));
      }
    }
    for (UseCase u : UseCase.values()) {
      if (request.domain() == null || request.domain() == u.domain()) {
        all.add(toSummary(u));
      }
    }
    int from = 0;
    if (request.nextToken() != null) {
      try {
        from = Integer.parseInt(request.nextToken());
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > all.size()) {
        throw new InvalidNextTokenException(
            "nextToken must be a token returned by ListRecipes; got: " + request.nextToken());
      }
    }
    List<RecipeSummary> page = new ArrayList<>();
    for (int i = from; i < Math.min(all.size(), from + max); i++) {
      page.add(all.get(i));
    }
    int next = from + max;
    return ListRecipesResponse.builder()
        .recipes(page)
        .nextToken(next < all.size() ? Integer.toString(next) : null)
        .build();
  }

  DescribeRecipeResponse describe(DescribeRecipeRequest request) {
    Check.arn("recipeArn", request.recipeArn());
    Recipe r = recipes.find(request.recipeArn());
    UseCase u = UseCase.of(request.recipeArn());
    if (r == null && u != null) {
      return DescribeRecipeResponse.builder().recipe(toModel(u, recipes)).build();
    }
    if (r == null) {
      throw new ResourceNotFoundException("No recipe with recipeArn " + request.recipeArn());
    }
    return DescribeRecipeResponse.builder().recipe(toModel(r)).build();
  }

  static org.openpersonalize.api.model.Recipe toModel(Recipe r) {
    return org.openpersonalize.api.model.Recipe.builder()
        .name(r.name())
        .recipeArn(r.recipeArn())
        .algorithmArn(r.algorithmArn())
        .featureTransformationArn(RecipeCatalog.featureTransformationArn(r))
        .status(Status.ACTIVE.toString())
        .description(r.description())
        .recipeType(r.recipeType().toString())
        .creationDateTime(RECIPES_RELEASED)
        .lastUpdatedDateTime(RECIPES_RELEASED)
        .build();
  }

  static RecipeSummary toSummary(Recipe r) {
    return RecipeSummary.builder()
        .name(r.name())
        .recipeArn(r.recipeArn())
        .status(Status.ACTIVE.toString())
        .creationDateTime(RECIPES_RELEASED)
        .lastUpdatedDateTime(RECIPES_RELEASED)
        .build();
  }

  /** A use case as ListRecipes shows it: a recipe ARN of its domain. */
  static RecipeSummary toSummary(UseCase u) {
    return RecipeSummary.builder()
        .name(u.suffix())
        .recipeArn(u.arn())
        .status(Status.ACTIVE.toString())
        .creationDateTime(RECIPES_RELEASED)
        .lastUpdatedDateTime(RECIPES_RELEASED)
        .domain(u.domain())
        .build();
  }

  /** A use case as DescribeRecipe shows it: the recipe that trains it gives type and algorithm. */
  static org.openpersonalize.api.model.Recipe toModel(UseCase u, RecipeCatalog recipes) {
    Recipe trains = recipes.require("recipeArn", u.recipeArn());
    return org.openpersonalize.api.model.Recipe.builder()
        .name(u.suffix())
        .recipeArn(u.arn())
        .algorithmArn(trains.algorithmArn())
        .featureTransformationArn(RecipeCatalog.featureTransformationArn(u.suffix()))
        .status(Status.ACTIVE.toString())
        .description(
            "Domain use case of "
                + u.domain()
                + ", for recommenders (CreateRecommender); trained with "
                + trains.recipeArn())
        .recipeType(trains.recipeType().toString())
        .creationDateTime(RECIPES_RELEASED)
        .lastUpdatedDateTime(RECIPES_RELEASED)
        .build();
  }
}
