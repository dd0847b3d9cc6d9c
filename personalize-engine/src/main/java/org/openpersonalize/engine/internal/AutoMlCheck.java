package org.openpersonalize.engine.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openpersonalize.api.model.AutoMLConfig;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.internal.training.OfflineMetrics;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;

/**
 * Checks a CreateSolution request with {@code performAutoML} (spec §1.10, §9.5) completely before
 * anything is stored, and resolves its {@code autoMLConfig}: the recipes AutoML compares (each a
 * recipe of the catalogue whose campaigns recommend items for a user — USER_PERSONALIZATION, as
 * Amazon's HRNN family, or POPULAR_ITEMS as a baseline — given once) and the metric. Amazon ignores
 * the rest of {@code solutionConfig} under AutoML; the engine refuses it instead, naming the field,
 * so that nothing a caller sets is silently dropped. {@code performHPO} is not refused: under
 * AutoML it defaults to true (the chosen recipe is tuned, {@code TuningSchedule#forAutoMl}), and an
 * explicit false is honoured (docs/decisions.md, "AutoML implies HPO").
 */
final class AutoMlCheck {
  /** Amazon's largest {@code recipeList}. */
  static final int MAX_RECIPES = 100;

  /** The recipes Amazon's AutoML chooses among when no list is given: the HRNN family. */
  static final String DEFAULT_FAMILY = "arn:aws:personalize:::recipe/aws-hrnn";

  private static final String P = "solutionConfig.autoMLConfig.";

  private AutoMlCheck() {}

  /**
   * The resolved {@code autoMLConfig} to store.
   *
   * @param request the CreateSolution request, with {@code performAutoML} true
   * @param config its solution config (never null)
   * @param recipes the catalogue
   * @return the config with its recipe list and metric filled in
   * @throws InvalidInputException naming the first field that is wrong
   */
  static AutoMLConfig check(
      CreateSolutionRequest request, SolutionConfig config, RecipeCatalog recipes) {
    if (request.recipeArn() != null) {
      throw new InvalidInputException(
          "recipeArn must be omitted when performAutoML is true (AutoML chooses the recipe from"
              + " solutionConfig.autoMLConfig.recipeList); got: "
              + Check.show(request.recipeArn()));
    }
    // performHPO may be omitted or true (AutoML then tunes the chosen recipe, Amazon's "HPO is
    // implied") or false (the chosen recipe trains with its defaults): SolutionOps resolves it.
    // hpoConfig stays refused: the search under AutoML is the engine's own (TuningSchedule).
    refuse("solutionConfig.hpoConfig", config.hpoConfig() != null);
    refuse("solutionConfig.eventValueThreshold", config.eventValueThreshold() != null);
    refuse("solutionConfig.algorithmHyperParameters", !config.algorithmHyperParameters().isEmpty());
    refuse(
        "solutionConfig.featureTransformationParameters",
        !config.featureTransformationParameters().isEmpty());
    AutoMLConfig auto =
        config.autoMLConfig() == null ? AutoMLConfig.builder().build() : config.autoMLConfig();
    String metric =
        auto.metricName() == null
            ? "normalized_discounted_cumulative_gain_at_10"
            : auto.metricName();
    List<String> names = OfflineMetrics.names();
    if (!names.contains(metric)) {
      throw new InvalidInputException(
          P + "metricName must be one of " + names + "; got: " + Check.show(metric));
    }
    List<String> list = auto.hasRecipeList() ? auto.recipeList() : defaults(recipes);
    if (list.isEmpty()) {
      throw new InvalidInputException(
          P
              + "recipeList must name 1-"
              + MAX_RECIPES
              + " recipes: the engine has none of the HRNN recipes AutoML compares by default;"
              + " got: an empty list");
    }
    if (list.size() > MAX_RECIPES) {
      throw new InvalidInputException(
          P + "recipeList must name at most " + MAX_RECIPES + " recipes; got: " + list.size());
    }
    Set<String> seen = new HashSet<>();
    List<String> resolved = new ArrayList<>(list.size());
    for (int k = 0; k < list.size(); k++) {
      String field = P + "recipeList[" + k + "]";
      Recipe r = recipes.require(field, Check.arn(field, list.get(k)));
      if (r.recipeType() != RecipeType.USER_PERSONALIZATION
          && r.recipeType() != RecipeType.POPULAR_ITEMS) {
        throw new InvalidInputException(
            field
                + " must be a USER_PERSONALIZATION or POPULAR_ITEMS recipe (AutoML compares"
                + " recipes whose campaigns recommend items for a user); got: "
                + r.recipeArn()
                + " ("
                + r.recipeType()
                + ")");
      }
      if (!seen.add(r.recipeArn())) {
        throw new InvalidInputException(field + " must not repeat a recipe; got: " + list.get(k));
      }
      resolved.add(r.recipeArn());
    }
    return AutoMLConfig.builder().metricName(metric).recipeList(resolved).build();
  }

  /** The catalogue's HRNN-family recipes, in catalogue order. */
  private static List<String> defaults(RecipeCatalog recipes) {
    List<String> out = new ArrayList<>();
    for (Recipe r : recipes.all()) {
      if (r.recipeArn().startsWith(DEFAULT_FAMILY)) {
        out.add(r.recipeArn());
      }
    }
    return out;
  }

  private static void refuse(String field, boolean given) {
    if (given) {
      throw new InvalidInputException(
          field
              + " must be omitted when performAutoML is true: AutoML compares each listed recipe"
              + " with its defaults and tunes the chosen one itself; got: a value");
    }
  }
}
