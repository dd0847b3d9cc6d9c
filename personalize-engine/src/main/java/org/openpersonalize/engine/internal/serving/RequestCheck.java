package org.openpersonalize.engine.internal.serving;

import java.util.List;
import java.util.Map;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.Promotion;
import org.openpersonalize.engine.internal.Check;
import org.openpersonalize.engine.internal.UseCase;
import org.openpersonalize.spi.RecipeType;

/**
 * The checks of GetRecommendations and GetPersonalizedRanking (spec §6.1-6.2), all of them run
 * before a model is loaded or a score computed: first what the request alone decides, then, with
 * the campaign's {@link CampaignView}, what depends on the campaign's recipe and settings. Error
 * messages are built only when a check fails.
 */
final class RequestCheck {
  /** Spec §6.1: at most 500 results, 50 with metadata; spec §6.6: 10 metadata columns. */
  static final int MAX_RESULTS = 500;

  static final int MAX_WITH_METADATA = 50;
  static final int MAX_COLUMNS = 10;

  private RequestCheck() {}

  /** A checked GetRecommendations request. */
  record Recommendations(
      String campaignArn,
      boolean recommender,
      String userId,
      String itemId,
      int numResults,
      List<String> columns,
      String filterArn,
      Map<String, String> filterValues,
      Promotion promotion) {}

  /** A checked GetPersonalizedRanking request. */
  record Ranking(
      String campaignArn,
      String userId,
      List<String> inputList,
      List<String> columns,
      String filterArn,
      Map<String, String> filterValues) {}

  /** What a GetRecommendations request alone decides. */
  static Recommendations recommendations(GetRecommendationsRequest r) {
    Check.required("request", r);
    // Spec §6.1: a campaign or a recommender, exactly one.
    boolean recommender = r.recommenderArn() != null;
    if (recommender == (r.campaignArn() != null)) {
      throw new InvalidInputException(
          "Exactly one of campaignArn and recommenderArn must be given; got: "
              + (recommender ? "both" : "neither"));
    }
    String arn = recommender ? r.recommenderArn() : r.campaignArn();
    Check.arn(recommender ? "recommenderArn" : "campaignArn", arn);
    int n = r.numResults() == null ? 25 : r.numResults();
    if (n < 1 || n > MAX_RESULTS) {
      throw new InvalidInputException("numResults must be 1-" + MAX_RESULTS + "; got: " + n);
    }
    Check.length("userId", r.userId(), 1, 256);
    Check.length("itemId", r.itemId(), 1, 256);
    context(r.context());
    List<String> columns = metadataColumns(r.metadataColumns(), n, "numResults");
    filter(r.filterArn(), r.filterValues(), "filterArn", "filterValues");
    Promotion promotion = null;
    if (!r.promotions().isEmpty()) {
      if (r.promotions().size() > 1) {
        throw new InvalidInputException(
            "promotions must have at most 1 entry; got: " + r.promotions().size());
      }
      promotion = promotion(r.promotions().get(0));
    }
    return new Recommendations(
        arn,
        recommender,
        r.userId(),
        r.itemId(),
        n,
        columns,
        r.filterArn(),
        r.filterValues(),
        promotion);
  }

  /** Spec §6.4: a name, a share of 1-100 % and a filter with its own values. */
  private static Promotion promotion(Promotion p) {
    Check.required("promotions[0]", p);
    Check.name("promotions[0].name", p.name());
    Integer pct = Check.required("promotions[0].percentPromotedItems", p.percentPromotedItems());
    if (pct < 1 || pct > 100) {
      throw new InvalidInputException(
          "promotions[0].percentPromotedItems must be 1-100; got: " + pct);
    }
    Check.required("promotions[0].filterArn", p.filterArn());
    filter(
        p.filterArn(), p.filterValues(), "promotions[0].filterArn", "promotions[0].filterValues");
    return p;
  }

  /** What a GetRecommendations request must fit in its campaign (spec §6.1 and §3.14). */
  static void recommendations(Recommendations q, CampaignView v) {
    if (v.useCase() != null) {
      useCase(q, v.useCase());
      metadata(v, q.columns());
      return;
    }
    RecipeType type = v.recipeType();
    switch (type) {
      case RELATED_ITEMS -> Check.required("itemId", q.itemId());
      case USER_PERSONALIZATION, POPULAR_ITEMS -> {
        if (type == RecipeType.USER_PERSONALIZATION) {
          Check.required("userId", q.userId());
        }
        if (q.itemId() != null) {
          throw new InvalidInputException(
              "itemId must not be given for a "
                  + type
                  + " campaign; it recommends items for userId; got: "
                  + Check.show(q.itemId()));
        }
      }
      default ->
          throw new InvalidInputException(
              "Campaign "
                  + q.campaignArn()
                  + " serves a "
                  + type
                  + " recipe; use GetPersonalizedRanking for PERSONALIZED_RANKING campaigns");
    }
    metadata(v, q.columns());
  }

  /**
   * The ARN's kind must be the field's: a recommender ARN given as {@code campaignArn} (or the
   * reverse) names no such campaign.
   */
  static void kind(String arn, boolean recommenderField, CampaignView v) {
    if ((v.useCase() != null) != recommenderField) {
      String field = recommenderField ? "recommenderArn" : "campaignArn";
      throw new org.openpersonalize.api.model.ResourceNotFoundException(
          "No " + (recommenderField ? "recommender" : "campaign") + " with " + field + " " + arn);
    }
  }

  /** Spec §4: the inputs each use case requires. */
  private static void useCase(Recommendations q, UseCase u) {
    switch (u.input()) {
      case USER -> Check.required("userId", q.userId());
      case USER_AND_ITEM -> {
        Check.required("userId", q.userId());
        Check.required("itemId", q.itemId());
      }
      case ITEM -> Check.required("itemId", q.itemId());
      case NONE -> {}
    }
    if (q.itemId() != null
        && (u.input() == UseCase.Input.USER || u.input() == UseCase.Input.NONE)) {
      throw new InvalidInputException(
          "itemId must not be given for use case "
              + u.suffix()
              + ", which does not recommend from an item; got: "
              + Check.show(q.itemId()));
    }
  }

  /** What a GetPersonalizedRanking request alone decides. */
  static Ranking ranking(GetPersonalizedRankingRequest r) {
    Check.required("request", r);
    Check.arn("campaignArn", r.campaignArn());
    Check.length("userId", Check.required("userId", r.userId()), 1, 256);
    List<String> input = r.inputList();
    if (input.isEmpty() || input.size() > MAX_RESULTS) {
      throw new InvalidInputException(
          "inputList must have 1-" + MAX_RESULTS + " item IDs; got: " + input.size());
    }
    for (int i = 0; i < input.size(); i++) {
      String id = input.get(i);
      if (id == null || id.isEmpty() || id.length() > 256) {
        String field = "inputList[" + i + "]";
        Check.length(field, Check.required(field, id), 1, 256);
      }
    }
    context(r.context());
    List<String> columns = metadataColumns(r.metadataColumns(), input.size(), "inputList size");
    filter(r.filterArn(), r.filterValues(), "filterArn", "filterValues");
    return new Ranking(
        r.campaignArn(), r.userId(), input, columns, r.filterArn(), r.filterValues());
  }

  /** Spec §6.2: GetPersonalizedRanking serves PERSONALIZED_RANKING campaigns only. */
  static void ranking(Ranking q, CampaignView v) {
    if (v.recipeType() != RecipeType.PERSONALIZED_RANKING) {
      throw new InvalidInputException(
          "Campaign "
              + q.campaignArn()
              + " serves a "
              + v.recipeType()
              + " recipe; GetPersonalizedRanking needs a PERSONALIZED_RANKING campaign"
              + (v.recipeType() == RecipeType.RELATED_ITEMS
                  ? " (use GetRecommendations with itemId)"
                  : " (use GetRecommendations)"));
    }
    metadata(v, q.columns());
  }

  /**
   * Spec §6.1 and §9.10: at most 150 entries of 1-150-character keys and values up to 1000
   * characters, used by recipes that learn from contextual metadata. No recipe of this engine does
   * yet, so a non-empty context is refused rather than silently ignored.
   */
  private static void context(Map<String, String> context) {
    if (context.isEmpty()) {
      return;
    }
    if (context.size() > 150) {
      throw new InvalidInputException(
          "context must have at most 150 entries; got: " + context.size());
    }
    for (Map.Entry<String, String> e : context.entrySet()) {
      String k = e.getKey();
      if (k == null || k.isEmpty() || k.length() > 150) {
        Check.length("context key", Check.required("context key", k), 1, 150);
      }
      String v = e.getValue();
      if (v == null || v.length() > 1000) {
        Check.length("context." + k, Check.required("context." + k, v), 0, 1000);
      }
    }
    throw new InvalidInputException(
        "context must be empty: no recipe of this engine uses contextual metadata yet (spec"
            + " §9.10); got: "
            + Check.show(context.keySet()));
  }

  /** Spec §6.1 and §9.11: the requested Items columns, checked against the request's size. */
  private static List<String> metadataColumns(
      Map<String, List<String>> requested, int size, String sizeField) {
    if (requested.isEmpty()) {
      return List.of();
    }
    for (String key : requested.keySet()) {
      if (!"ITEMS".equals(key)) {
        throw new InvalidInputException(
            "metadataColumns keys must be ITEMS; got: " + Check.show(key));
      }
    }
    List<String> columns = requested.get("ITEMS") == null ? List.of() : requested.get("ITEMS");
    if (columns.size() > MAX_COLUMNS) {
      throw new InvalidInputException(
          "metadataColumns.ITEMS must have at most "
              + MAX_COLUMNS
              + " columns; got: "
              + columns.size());
    }
    for (int k = 0; k < columns.size(); k++) {
      if (columns.get(k) == null || columns.get(k).isEmpty()) {
        Check.required("metadataColumns.ITEMS[" + k + "]", columns.get(k));
      }
    }
    if (!columns.isEmpty() && size > MAX_WITH_METADATA) {
      throw new InvalidInputException(
          sizeField
              + " must be at most "
              + MAX_WITH_METADATA
              + " when metadataColumns is given; got: "
              + size);
    }
    return columns;
  }

  /** A filter ARN and its values; values without a filter would be silently unused. */
  static void filter(
      String filterArn, Map<String, String> values, String arnField, String valuesField) {
    if (filterArn == null) {
      if (!values.isEmpty()) {
        throw new InvalidInputException(
            valuesField
                + " must be given only with "
                + arnField
                + "; got: "
                + Check.show(values.keySet())
                + " without a filter");
      }
      return;
    }
    Check.arn(arnField, filterArn);
    FilterValues.check(valuesField, values);
  }

  /** Spec §9.11: the campaign must allow metadata, and the columns must be Items fields. */
  private static void metadata(CampaignView v, List<String> columns) {
    if (columns.isEmpty()) {
      return;
    }
    if (!v.settings().metadataEnabled() && v.useCase() != null) {
      throw new InvalidInputException(
          "metadataColumns needs a recommender created with"
              + " recommenderConfig.enableMetadataWithRecommendations; recommender "
              + v.campaignArn()
              + " does not have it");
    }
    if (!v.settings().metadataEnabled()) {
      throw new InvalidInputException(
          "metadataColumns needs a campaign created with"
              + " campaignConfig.enableMetadataWithRecommendations; campaign "
              + v.campaignArn()
              + " does not have it");
    }
    for (String col : columns) {
      if (v.items() == null || v.items().schema().field(col) == null) {
        throw new InvalidInputException(
            "metadataColumns.ITEMS must name fields of the Items dataset; got: " + col);
      }
    }
  }
}
