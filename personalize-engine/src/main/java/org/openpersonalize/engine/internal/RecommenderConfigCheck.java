package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.RecommenderConfig;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * The checks of {@code recommenderConfig} (spec §1.13): every field is honoured or refused with a
 * message naming it. Field rules come first ({@link #check}); the columns of {@code
 * trainingDataConfig} are checked against the dataset group's schemas inside the create or update
 * transaction ({@link #checkColumns}).
 */
final class RecommenderConfigCheck {
  private static final String EXPLORATION = "recommenderConfig.itemExplorationConfig";
  private static final String EXCLUDED =
      "recommenderConfig.trainingDataConfig.excludedDatasetColumns";

  /**
   * Fields every domain schema requires (spec §1.4); training cannot do without them, so they
   * cannot be excluded.
   */
  private static final Set<String> REQUIRED =
      Set.of(
          "USER_ID",
          "ITEM_ID",
          "TIMESTAMP",
          "EVENT_TYPE",
          "GENRES",
          "GENRES_L1",
          "CREATION_TIMESTAMP",
          "PRICE",
          "CATEGORY_L1");

  private RecommenderConfigCheck() {}

  /** Checks a config's own fields for a use case; returns it, or an empty one when none. */
  static RecommenderConfig check(RecommenderConfig config, UseCase useCase) {
    if (config == null) {
      return RecommenderConfig.builder().build();
    }
    Integer rps = config.minRecommendationRequestsPerSecond();
    if (rps != null && rps < 1) {
      throw new InvalidInputException(
          "recommenderConfig.minRecommendationRequestsPerSecond must be at least 1; got: " + rps);
    }
    if (!config.itemExplorationConfig().isEmpty() && !useCase.explores()) {
      throw new InvalidInputException(
          EXPLORATION
              + " applies only to Top picks for you and Recommended for you; "
              + useCase.suffix()
              + " does not explore; got: "
              + config.itemExplorationConfig());
    }
    ExplorationConfig.checkValues(EXPLORATION, config.itemExplorationConfig());
    if (config.trainingDataConfig() != null) {
      for (Map.Entry<String, List<String>> e :
          config.trainingDataConfig().excludedDatasetColumns().entrySet()) {
        if (!Set.of("Interactions", "Items", "Users").contains(e.getKey())) {
          throw new InvalidInputException(
              EXCLUDED
                  + " keys must be Interactions, Items or Users; got: "
                  + Check.show(e.getKey()));
        }
        for (String col : e.getValue()) {
          if (REQUIRED.contains(col.toUpperCase(java.util.Locale.ROOT))) {
            throw new InvalidInputException(
                EXCLUDED + "[\"" + e.getKey() + "\"] must not name a required field; got: " + col);
          }
        }
      }
    }
    return config;
  }

  /** Checks that every excluded column is a field of the group's dataset of that type. */
  static void checkColumns(
      EngineContext ctx, Connection c, String groupArn, RecommenderConfig config)
      throws SQLException {
    if (config.trainingDataConfig() == null) {
      return;
    }
    for (Map.Entry<String, List<String>> e :
        config.trainingDataConfig().excludedDatasetColumns().entrySet()) {
      DatasetType type = DatasetType.fromApiName(e.getKey());
      DatasetRecord dataset = Resources.find(c, Kinds.DATASET, Arns.dataset(groupArn, type));
      if (dataset == null) {
        throw new InvalidInputException(
            EXCLUDED
                + " names the "
                + e.getKey()
                + " dataset, which "
                + groupArn
                + " does not have");
      }
      ParsedSchema schema = ctx.table(c, dataset).schema();
      for (String col : e.getValue()) {
        if (schema.indexOf(col) < 0) {
          throw new InvalidInputException(
              EXCLUDED
                  + "[\""
                  + e.getKey()
                  + "\"] must name fields of the "
                  + e.getKey()
                  + " schema; got: "
                  + col);
        }
      }
    }
  }
}
