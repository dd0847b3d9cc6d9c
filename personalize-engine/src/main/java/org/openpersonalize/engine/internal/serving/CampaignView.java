package org.openpersonalize.engine.internal.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.Arns;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;

/**
 * What serving needs to know about a campaign without its model: the version it serves, the recipe,
 * the dataset group's tables and the campaign's settings. It is read from the store in one place
 * (here), so a request can be checked against its campaign before any model is loaded, and the
 * deployment that loads the model is built from the same reads.
 *
 * @param campaignArn the campaign
 * @param versionArn the solution version it serves ({@code $LATEST} resolved)
 * @param modelFile the version's model file
 * @param recipe the solution's recipe
 * @param groupArn the solution's dataset group
 * @param selection the solution's event-type and event-value selection
 * @param interactions the group's Interactions table, or null
 * @param items the group's Items table, or null
 * @param users the group's Users table, or null
 * @param settings the campaign's own settings
 */
record CampaignView(
    String campaignArn,
    String versionArn,
    String modelFile,
    Recipe recipe,
    String groupArn,
    Featurizer.Selection selection,
    DatasetTable interactions,
    DatasetTable items,
    DatasetTable users,
    Settings settings) {

  /**
   * The campaign attributes serving reads. Every read of a campaign's attribute object in serving
   * is in {@link #of}, with its default, so a typed campaign record replaces one method.
   *
   * @param solutionArn the solution of the deployed version
   * @param deployedVersionArn the version the campaign was created or last updated with
   * @param syncWithLatest {@code campaignConfig.syncWithLatestSolutionVersion}
   * @param explorationWeight {@code itemExplorationConfig.explorationWeight} (default 0.3)
   * @param explorationCutoffDays {@code itemExplorationConfig.explorationItemAgeCutOff} (default
   *     30)
   * @param metadataEnabled {@code campaignConfig.enableMetadataWithRecommendations}
   */
  record Settings(
      String solutionArn,
      String deployedVersionArn,
      boolean syncWithLatest,
      double explorationWeight,
      double explorationCutoffDays,
      boolean metadataEnabled) {

    static Settings of(Resource campaign) {
      JsonNode config = campaign.attrs().path("campaignConfig");
      JsonNode exploration = config.path("itemExplorationConfig");
      return new Settings(
          campaign.text("solutionArn"),
          campaign.text("deployedVersionArn"),
          config.path("syncWithLatestSolutionVersion").asBoolean(false),
          exploration.path("explorationWeight").asDouble(0.3),
          exploration.path("explorationItemAgeCutOff").asDouble(30),
          config.path("enableMetadataWithRecommendations").asBoolean(false));
    }
  }

  /** The recipe's type: which runtime operation and which request fields apply. */
  RecipeType recipeType() {
    return recipe.recipeType();
  }

  /**
   * The exploration weight in effect: spec §3.14 gives exploration to user-personalization recipes
   * only, so the default 0.3 never reorders a popularity or related-items campaign.
   */
  double explorationWeight() {
    return recipeType() == RecipeType.USER_PERSONALIZATION ? settings.explorationWeight() : 0;
  }

  /**
   * Reads a campaign's view; the campaign must be ACTIVE.
   *
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown campaign
   * @throws ResourceInUseException for a campaign that is not ACTIVE
   */
  static CampaignView read(
      EngineContext ctx, RecipeCatalog recipes, Connection c, String campaignArn)
      throws SQLException {
    Resource campaign = ctx.require(c, Kinds.CAMPAIGN, "campaignArn", campaignArn);
    if (!Status.ACTIVE.equals(campaign.status())) {
      throw new ResourceInUseException(
          "Campaign " + campaignArn + " is " + campaign.status() + "; it serves once ACTIVE");
    }
    Settings settings = Settings.of(campaign);
    String versionArn = settings.deployedVersionArn();
    if (settings.syncWithLatest()) {
      versionArn = latestActive(c, settings.solutionArn(), versionArn);
    }
    Resource version = ctx.require(c, Kinds.SOLUTION_VERSION, "solutionVersionArn", versionArn);
    Resource solution = ctx.require(c, Kinds.SOLUTION, "solutionArn", version.parentArn());
    Recipe recipe = recipes.require("recipeArn", solution.text("recipeArn"));
    JsonNode config = solution.attrs().path("solutionConfig");
    Featurizer.Selection selection =
        Featurizer.Selection.of(
            solution.text("eventType"),
            config.hasNonNull("eventValueThreshold")
                ? config.get("eventValueThreshold").asText()
                : null);
    String group = solution.text("datasetGroupArn");
    return new CampaignView(
        campaignArn,
        version.arn(),
        version.text("modelFile"),
        recipe,
        group,
        selection,
        table(ctx, c, group, DatasetType.INTERACTIONS),
        table(ctx, c, group, DatasetType.ITEMS),
        table(ctx, c, group, DatasetType.USERS),
        settings);
  }

  private static String latestActive(Connection c, String solutionArn, String fallback)
      throws SQLException {
    for (Resource v : Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn)) {
      if (Status.ACTIVE.equals(v.status())) {
        return v.arn();
      }
    }
    return fallback;
  }

  private static DatasetTable table(
      EngineContext ctx, Connection c, String groupArn, DatasetType type) throws SQLException {
    Resource dataset =
        Resources.find(
            c, Kinds.DATASET, Arns.of(Kinds.DATASET, Arns.name(groupArn) + "/" + type.arnSuffix()));
    return dataset == null ? null : ctx.table(c, dataset);
  }
}
