package org.openpersonalize.engine.internal;

import java.util.Map;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;

/**
 * The rules of an {@code itemExplorationConfig} that a campaign and a batch inference job share
 * (spec §9.7), written once so that both refuse the same settings with the same words. Each caller
 * passes the field the map came from ({@code campaignConfig.itemExplorationConfig}, {@code
 * batchInferenceJobConfig.itemExplorationConfig}) so that messages name what the caller sent.
 */
final class ExplorationConfig {
  private ExplorationConfig() {}

  /**
   * Refuses unknown keys, a weight outside 0-1 and a cut-off under one day. Needs no recipe, so a
   * request is refused for its own fields before anything is read from the store.
   */
  static void checkValues(String field, Map<String, String> exploration) {
    for (Map.Entry<String, String> e : exploration.entrySet()) {
      double v;
      try {
        v = Double.parseDouble(e.getValue());
      } catch (NumberFormatException | NullPointerException ex) {
        v = Double.NaN;
      }
      switch (e.getKey()) {
        case "explorationWeight" -> {
          if (!(v >= 0 && v <= 1)) {
            throw new InvalidInputException(
                field
                    + ".explorationWeight must be a number from 0 to 1; got: "
                    + Check.show(e.getValue()));
          }
        }
        case "explorationItemAgeCutOff" -> {
          if (!(v >= 1) || Double.isInfinite(v)) {
            throw new InvalidInputException(
                field
                    + ".explorationItemAgeCutOff must be a number of days, at least 1; got: "
                    + Check.show(e.getValue()));
          }
        }
        default ->
            throw new InvalidInputException(
                field
                    + " keys must be explorationWeight or explorationItemAgeCutOff; got: "
                    + Check.show(e.getKey()));
      }
    }
  }

  /**
   * Whether the recipe explores new items; refuses settings a recipe that does not explore would
   * silently ignore. A weight of 0 asks for no exploration, which every recipe honours.
   */
  static boolean explores(String field, Recipe recipe, Map<String, String> exploration) {
    if (recipe.capabilities().contains(RecipeCapability.ITEM_EXPLORATION)) {
      return true;
    }
    String weight = exploration.get("explorationWeight");
    if (weight != null && Double.parseDouble(weight) != 0) {
      throw new InvalidInputException(
          field
              + ".explorationWeight must be 0 for "
              + recipe.recipeArn()
              + ", which does not explore new items; got: "
              + Check.show(weight));
    }
    String cutOff = exploration.get("explorationItemAgeCutOff");
    if (cutOff != null) {
      throw new InvalidInputException(
          field
              + ".explorationItemAgeCutOff must not be given for "
              + recipe.recipeArn()
              + ", which does not explore new items; got: "
              + Check.show(cutOff));
    }
    return false;
  }

  /** A setting as given, or Amazon's campaign default (spec §9.7). */
  static double setting(Map<String, String> exploration, String key, double dflt) {
    String v = exploration.get(key);
    return v == null ? dflt : Double.parseDouble(v);
  }
}
