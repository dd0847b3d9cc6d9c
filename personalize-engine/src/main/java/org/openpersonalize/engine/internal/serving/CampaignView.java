package org.openpersonalize.engine.internal.serving;

import java.sql.Connection;
import java.sql.SQLException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.Arns;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.UseCase;
import org.openpersonalize.engine.internal.resource.CampaignRecord;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.store.DatasetTable;
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
 * @param useCase the use case when this is a recommender ({@link RecommenderView}), else null
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
    Settings settings,
    UseCase useCase) {

  /**
   * The campaign settings serving uses, from its record (defaults resolved at create time).
   *
   * @param solutionArn the solution of the deployed version
   * @param deployedVersionArn the version the campaign was created or last updated with
   * @param syncWithLatest {@code campaignConfig.syncWithLatestSolutionVersion}
   * @param explorationWeight {@code itemExplorationConfig.explorationWeight}
   * @param explorationCutoffDays {@code itemExplorationConfig.explorationItemAgeCutOff}
   * @param metadataEnabled {@code campaignConfig.enableMetadataWithRecommendations}
   * @param itemWatermark items the model does not know are candidates only up to this Items row ID
   *     (the catalogue as of the campaign's last automatic update)
   * @param latestInteraction the newest interaction timestamp at that update, or {@code
   *     Long.MIN_VALUE}: the exploration age cut-off counts back from it when it is newer than the
   *     model's training data
   * @param explorationCounts whether that update stored the item user counts the exploration bonus
   *     uses ({@link ExplorationCounts}); false to use the model's training counts
   */
  record Settings(
      String solutionArn,
      String deployedVersionArn,
      boolean syncWithLatest,
      double explorationWeight,
      double explorationCutoffDays,
      boolean metadataEnabled,
      long itemWatermark,
      long latestInteraction,
      boolean explorationCounts) {

    /**
     * Settings that serve the whole catalogue, with no automatic-update watermark: batch jobs (an
     * update runs at job creation, as on Amazon) and recommenders.
     */
    Settings(
        String solutionArn,
        String deployedVersionArn,
        boolean syncWithLatest,
        double explorationWeight,
        double explorationCutoffDays,
        boolean metadataEnabled) {
      this(
          solutionArn,
          deployedVersionArn,
          syncWithLatest,
          explorationWeight,
          explorationCutoffDays,
          metadataEnabled,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          false);
    }

    static Settings of(CampaignRecord campaign) {
      CampaignRecord.AutomaticUpdate u = campaign.automaticUpdate();
      return new Settings(
          campaign.solutionArn(),
          campaign.deployedVersionArn(),
          campaign.syncWithLatestSolutionVersion(),
          campaign.explorationWeight(),
          campaign.explorationItemAgeCutOff(),
          campaign.metadataWithRecommendations(),
          u == null ? Long.MAX_VALUE : u.itemWatermark(),
          u == null ? Long.MIN_VALUE : u.latestInteraction(),
          u != null && u.explorationCounts());
    }
  }

  /** A campaign's view (no use case). */
  CampaignView(
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
    this(
        campaignArn,
        versionArn,
        modelFile,
        recipe,
        groupArn,
        selection,
        interactions,
        items,
        users,
        settings,
        null);
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
    if (RecommenderView.isRecommender(campaignArn)) {
      return RecommenderView.read(ctx, recipes, c, campaignArn);
    }
    CampaignRecord campaign = ctx.require(c, Kinds.CAMPAIGN, "campaignArn", campaignArn);
    if (campaign.status() != Status.ACTIVE) {
      throw new ResourceInUseException(
          "Campaign " + campaignArn + " is " + campaign.status() + "; it serves once ACTIVE");
    }
    Settings settings = Settings.of(campaign);
    String versionArn = settings.deployedVersionArn();
    if (settings.syncWithLatest()) {
      SolutionVersionRecord latest = SolutionVersions.latestActive(c, settings.solutionArn());
      versionArn = latest == null ? versionArn : latest.arn();
    }
    return of(ctx, recipes, c, campaignArn, versionArn, settings);
  }

  /**
   * The view of a batch inference job (spec §7.1): a solution version served without a campaign,
   * with the job's exploration settings; the version must be ACTIVE.
   *
   * @param jobArn the job, in place of a campaign
   * @param versionArn the job's solution version
   * @param explorationWeight the job's exploration weight
   * @param explorationCutoffDays the job's exploration age cut-off
   */
  static CampaignView forJob(
      EngineContext ctx,
      RecipeCatalog recipes,
      Connection c,
      String jobArn,
      String versionArn,
      double explorationWeight,
      double explorationCutoffDays)
      throws SQLException {
    SolutionVersionRecord version =
        ctx.require(c, Kinds.SOLUTION_VERSION, "solutionVersionArn", versionArn);
    if (version.status() != Status.ACTIVE) {
      throw new ResourceInUseException(
          "Solution version " + versionArn + " is " + version.status() + "; a job needs ACTIVE");
    }
    Settings settings =
        new Settings(
            version.solutionArn(),
            versionArn,
            false,
            explorationWeight,
            explorationCutoffDays,
            false);
    return of(ctx, recipes, c, jobArn, versionArn, settings);
  }

  private static CampaignView of(
      EngineContext ctx,
      RecipeCatalog recipes,
      Connection c,
      String campaignArn,
      String versionArn,
      Settings settings)
      throws SQLException {
    SolutionVersionRecord version =
        ctx.require(c, Kinds.SOLUTION_VERSION, "solutionVersionArn", versionArn);
    SolutionRecord solution = ctx.require(c, Kinds.SOLUTION, "solutionArn", version.solutionArn());
    Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
    String group = solution.datasetGroupArn();
    return new CampaignView(
        campaignArn,
        version.arn(),
        version.result() == null ? null : version.result().modelFile(),
        recipe,
        group,
        solution.selection(),
        table(ctx, c, group, DatasetType.INTERACTIONS),
        table(ctx, c, group, DatasetType.ITEMS),
        table(ctx, c, group, DatasetType.USERS),
        settings);
  }

  static DatasetTable table(EngineContext ctx, Connection c, String groupArn, DatasetType type)
      throws SQLException {
    DatasetRecord dataset = Resources.find(c, Kinds.DATASET, Arns.dataset(groupArn, type));
    return dataset == null ? null : ctx.table(c, dataset);
  }
}
