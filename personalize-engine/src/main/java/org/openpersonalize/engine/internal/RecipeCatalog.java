package org.openpersonalize.engine.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.spi.Recipe;

/**
 * The recipes found with {@link ServiceLoader} when the engine starts: the built-in ones of
 * personalize-recipes and any a user adds to the class path. Looked up by ARN.
 */
public final class RecipeCatalog {
  private final Map<String, Recipe> byArn;

  /** Loads the recipes visible to the engine's class loader. */
  public RecipeCatalog() {
    List<Recipe> found = new ArrayList<>();
    ServiceLoader.load(Recipe.class, RecipeCatalog.class.getClassLoader()).forEach(found::add);
    found.sort(Comparator.comparing(Recipe::recipeArn));
    Map<String, Recipe> map = new LinkedHashMap<>();
    for (Recipe r : found) {
      map.putIfAbsent(r.recipeArn(), r);
    }
    byArn = Collections.unmodifiableMap(map);
  }

  /** All recipes, by ARN order. */
  public List<Recipe> all() {
    return List.copyOf(byArn.values());
  }

  /** The recipe with this ARN, or null. */
  public Recipe find(String arn) {
    return arn == null ? null : byArn.get(arn);
  }

  /**
   * The ARN of a recipe's feature transformation, as DescribeRecipe reports it: Amazon's form
   * {@code arn:aws:personalize:::feature-transformation/<recipe name>}.
   */
  public static String featureTransformationArn(Recipe r) {
    return featureTransformationArn(r.name());
  }

  /** The feature-transformation ARN of a recipe or domain use case of this name. */
  public static String featureTransformationArn(String name) {
    return "arn:aws:personalize:::feature-transformation/" + name;
  }

  /** The first recipe (by ARN order) whose algorithm has this ARN, or null. */
  public Recipe findByAlgorithm(String algorithmArn) {
    for (Recipe r : byArn.values()) {
      if (r.algorithmArn().equals(algorithmArn)) {
        return r;
      }
    }
    return null;
  }

  /** The recipe whose feature transformation has this ARN, or null. */
  public Recipe findByFeatureTransformation(String featureTransformationArn) {
    for (Recipe r : byArn.values()) {
      if (featureTransformationArn(r).equals(featureTransformationArn)) {
        return r;
      }
    }
    return null;
  }

  /** The recipe with this ARN, or an InvalidInputException that lists the available ones. */
  public Recipe require(String field, String arn) {
    Recipe r = find(arn);
    if (r == null) {
      throw new InvalidInputException(
          field
              + " must be the ARN of an available recipe "
              + byArn.keySet()
              + "; got: "
              + Check.show(arn));
    }
    return r;
  }
}
