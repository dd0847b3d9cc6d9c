package org.openpersonalize.engine.internal;

import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.RecommenderConfig;
import org.openpersonalize.spi.Recipe;

/**
 * The ten domain use cases (spec §4): what each trains on, which recipe trains it, which request
 * fields it needs, and its built-in behaviour. A recommender is served through the same path as a
 * campaign; this table is all that differs.
 *
 * <p>Recipes: Because you watched X and Customers who viewed X are {@code aws-sims} on Watch / View
 * events; More like X is {@code aws-similar-items} (co-occurrence with item metadata); the three
 * popularity use cases are {@code aws-popularity-count} on one event type; Trending now is {@code
 * aws-trending-now}; Frequently bought together is {@code openpersonalize-co-purchase}; Top picks
 * for you and Recommended for you are {@code aws-user-personalization}.
 */
public enum UseCase {
  /** Because you watched X: co-watch neighbours of the item, watched videos removed. */
  VOD_BECAUSE_YOU_WATCHED_X(
      "aws-vod-because-you-watched-x",
      Domain.VIDEO_ON_DEMAND,
      "aws-sims",
      "Watch",
      "Watch",
      Input.USER_AND_ITEM,
      false,
      false,
      Set.of(),
      Map.of()),
  /** More like X: neighbours from co-occurrence and item metadata, watched videos removed. */
  VOD_MORE_LIKE_X(
      "aws-vod-more-like-x",
      Domain.VIDEO_ON_DEMAND,
      "aws-similar-items",
      null,
      "Watch",
      Input.USER_AND_ITEM,
      false,
      false,
      Set.of(Recipe.ITEMS),
      // Chosen on a validation split carved from MovieLens 100K's training part (docs/accuracy.md
      // §7): leaning on the textual fields gave cold videos' neighbours that predict their
      // audience's next video best (recipe default 0.5).
      Map.of("text_weight", "0.95")),
  /** Most popular: the videos watched by the most users. */
  VOD_MOST_POPULAR(
      "aws-vod-most-popular",
      Domain.VIDEO_ON_DEMAND,
      "aws-popularity-count",
      "Watch",
      null,
      Input.USER,
      false,
      false,
      Set.of(),
      Map.of()),
  /** Trending now: the fastest-rising videos, re-evaluated between trainings. */
  VOD_TRENDING_NOW(
      "aws-vod-trending-now",
      Domain.VIDEO_ON_DEMAND,
      "aws-trending-now",
      null,
      null,
      Input.NONE,
      false,
      true,
      Set.of(),
      Map.of()),
  /** Top picks for you: personalized, watched videos removed, explores new videos. */
  VOD_TOP_PICKS(
      "aws-vod-top-picks",
      Domain.VIDEO_ON_DEMAND,
      "aws-user-personalization",
      null,
      "Watch",
      Input.USER,
      true,
      true,
      Set.of(),
      Map.of()),
  /** Most viewed: popularity by View events. */
  ECOMM_MOST_VIEWED(
      "aws-ecomm-popular-items-by-views",
      Domain.ECOMMERCE,
      "aws-popularity-count",
      "View",
      null,
      Input.USER,
      false,
      false,
      Set.of(),
      Map.of()),
  /** Best sellers: popularity by Purchase events. */
  ECOMM_BEST_SELLERS(
      "aws-ecomm-popular-items-by-purchases",
      Domain.ECOMMERCE,
      "aws-popularity-count",
      "Purchase",
      null,
      Input.USER,
      false,
      false,
      Set.of(),
      Map.of()),
  /** Frequently bought together: items purchased together with the item. */
  ECOMM_FREQUENTLY_BOUGHT_TOGETHER(
      "aws-ecomm-frequently-bought-together",
      Domain.ECOMMERCE,
      "openpersonalize-co-purchase",
      "Purchase",
      null,
      Input.ITEM,
      false,
      false,
      Set.of(),
      Map.of()),
  /** Customers who viewed X also viewed: co-views, purchased items removed. */
  ECOMM_CUSTOMERS_WHO_VIEWED_X(
      "aws-ecomm-customers-who-viewed-x-also-viewed",
      Domain.ECOMMERCE,
      "aws-sims",
      "View",
      "Purchase",
      Input.USER_AND_ITEM,
      false,
      false,
      Set.of(),
      Map.of()),
  /** Recommended for you: personalized, purchased items removed, explores new items. */
  ECOMM_RECOMMENDED_FOR_YOU(
      "aws-ecomm-recommended-for-you",
      Domain.ECOMMERCE,
      "aws-user-personalization",
      null,
      "Purchase",
      Input.USER,
      true,
      true,
      Set.of(),
      Map.of());

  /** Which GetRecommendations inputs a use case requires (spec §4 tables). */
  public enum Input {
    /** userId required, itemId not used. */
    USER,
    /** userId and itemId required. */
    USER_AND_ITEM,
    /** itemId required; userId only for filters that read the user. */
    ITEM,
    /** Neither; userId only for filters that read the user. */
    NONE
  }

  private final String suffix;
  private final Domain domain;
  private final String recipe;
  private final String eventType;
  private final String removesEventType;
  private final Input input;
  private final boolean explores;
  private final boolean refreshes;
  private final Set<String> requiredDatasets;
  private final Map<String, String> hyperparameters;

  UseCase(
      String suffix,
      Domain domain,
      String recipe,
      String eventType,
      String removesEventType,
      Input input,
      boolean explores,
      boolean refreshes,
      Set<String> requiredDatasets,
      Map<String, String> hyperparameters) {
    this.suffix = suffix;
    this.domain = domain;
    this.recipe = recipe;
    this.eventType = eventType;
    this.removesEventType = removesEventType;
    this.input = input;
    this.explores = explores;
    this.refreshes = refreshes;
    this.requiredDatasets = requiredDatasets;
    this.hyperparameters = hyperparameters;
  }

  /** The use case's ARN, {@code arn:aws:personalize:::recipe/aws-vod-...}. */
  public String arn() {
    return Recipe.ARN_PREFIX + suffix;
  }

  /** The use case's name, e.g. {@code aws-vod-top-picks}. */
  public String suffix() {
    return suffix;
  }

  /** The domain the use case belongs to. */
  public Domain domain() {
    return domain;
  }

  /** The ARN of the recipe that trains the use case's model. */
  public String recipeArn() {
    return Recipe.ARN_PREFIX + recipe;
  }

  /**
   * The event type training keeps, and whose count must reach 1000 (spec §2.1: "Dataset has fewer
   * than 1000 interactions after filtering by event type"); null for any event type.
   */
  public String eventType() {
    return eventType;
  }

  /** The event type whose items the built-in filter removes for the user, or null for none. */
  public String removesEventType() {
    return removesEventType;
  }

  /** The request inputs the use case requires. */
  public Input input() {
    return input;
  }

  /** Whether the use case explores new items (itemExplorationConfig applies). */
  public boolean explores() {
    return explores;
  }

  /** Whether the use case is refreshed between full trainings (spec §9.6). */
  public boolean refreshes() {
    return refreshes;
  }

  /** Datasets the use case needs besides Interactions (More like X needs Items). */
  public Set<String> requiredDatasets() {
    return requiredDatasets;
  }

  /**
   * The recipe hyperparameters the use case trains with, over the recipe's defaults. Amazon's use
   * cases are managed (no hyperparameters in CreateRecommender); these are the engine's choices.
   */
  public Map<String, String> hyperparameters() {
    return hyperparameters;
  }

  /** The use case with this ARN, or null. */
  public static UseCase of(String arn) {
    for (UseCase u : values()) {
      if (u.arn().equals(arn)) {
        return u;
      }
    }
    return null;
  }

  /** The exploration weight a recommender serves with: the config's or 0.3; 0 when it cannot. */
  public double explorationWeight(RecommenderConfig config) {
    if (!explores) {
      return 0;
    }
    String w = config.itemExplorationConfig().get("explorationWeight");
    return w == null ? 0.3 : Double.parseDouble(w);
  }

  /** The exploration item age cut-off in days: the config's or 30. */
  public static double explorationCutOff(RecommenderConfig config) {
    String d = config.itemExplorationConfig().get("explorationItemAgeCutOff");
    return d == null ? 30 : Double.parseDouble(d);
  }
}
