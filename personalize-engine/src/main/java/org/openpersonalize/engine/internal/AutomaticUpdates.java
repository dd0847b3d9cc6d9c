package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.engine.internal.resource.CampaignRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.schedule.PeriodicTask;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;

/**
 * Automatic campaign updates (spec §9.6): every interval (Amazon: two hours; the engine builder's
 * {@code automaticUpdateInterval}, or the recipe's own {@link Recipe#automaticUpdateInterval}) a
 * campaign whose recipe declares {@link RecipeCapability#UPDATE_TRAINING} and which serves its
 * solution's latest fully trained version takes in the catalogue as it is: items added since its
 * last update become candidates — explored per the campaign's {@code itemExplorationConfig} — and
 * the exploration age cut-off counts back from the newest interaction. The model is not retrained,
 * no solution version is created and no metrics change, as on Amazon; what trainingMode UPDATE does
 * by hand for a new version, this does in place for a deployed one.
 *
 * <p>What is due is read from the campaign's stored {@link CampaignRecord.AutomaticUpdate}: an
 * update is due when the interval has passed since the last one, or at once when the campaign has
 * moved to another version since (syncWithLatestSolutionVersion, UpdateCampaign). A reopened engine
 * catches up at its first pass.
 */
final class AutomaticUpdates implements PeriodicTask {
  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final Duration interval;

  /**
   * Creates the task.
   *
   * @param ctx the engine context
   * @param recipes the recipe catalogue
   * @param interval the engine's interval, for recipes that do not give their own
   */
  AutomaticUpdates(EngineContext ctx, RecipeCatalog recipes, Duration interval) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.interval = interval;
  }

  @Override
  public String name() {
    return "automatic-campaign-updates";
  }

  @Override
  public List<Due> due(Instant now) {
    return ctx.store()
        .read(
            c -> {
              List<Due> due = new ArrayList<>();
              for (CampaignRecord campaign : Resources.children(c, Kinds.CAMPAIGN, null)) {
                if (served(c, campaign, now) != null) {
                  String arn = campaign.arn();
                  due.add(new Due(arn, () -> update(arn)));
                }
              }
              return due;
            });
  }

  /**
   * The version the campaign serves, if an automatic update of it is due at {@code now}; else null
   * (not ACTIVE, a recipe without updates, not the latest fully trained version, or not yet due).
   */
  private String served(Connection c, CampaignRecord campaign, Instant now) throws SQLException {
    if (campaign.status() != Status.ACTIVE) {
      return null;
    }
    SolutionRecord solution = Resources.find(c, Kinds.SOLUTION, campaign.solutionArn());
    if (solution == null) {
      return null;
    }
    Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
    if (!recipe.capabilities().contains(RecipeCapability.UPDATE_TRAINING)) {
      return null;
    }
    String served = campaign.deployedVersionArn();
    if (campaign.syncWithLatestSolutionVersion()) {
      SolutionVersionRecord latest = SolutionVersions.latestActive(c, solution.arn());
      served = latest == null ? served : latest.arn();
    }
    // Amazon updates only the latest fully trained version; a manual UPDATE version is not.
    SolutionVersionRecord full = SolutionVersions.latestActiveFull(c, solution.arn());
    if (full == null || !full.arn().equals(served)) {
      return null;
    }
    CampaignRecord.AutomaticUpdate last = campaign.automaticUpdate();
    if (last == null || !served.equals(last.versionArn())) {
      return served;
    }
    Duration every =
        recipe
            .automaticUpdateInterval(recipe.resolveHyperparameters(solution.hyperparameters()))
            .orElse(interval);
    return now.isBefore(last.at().plus(every)) ? null : served;
  }

  /** Takes the catalogue in, re-checking in the transaction that the update is still due. */
  private void update(String campaignArn) {
    String group =
        ctx.store()
            .inTransaction(
                c -> {
                  CampaignRecord campaign = Resources.find(c, Kinds.CAMPAIGN, campaignArn);
                  Instant now = ctx.now();
                  String served = campaign == null ? null : served(c, campaign, now);
                  if (served == null) {
                    return null;
                  }
                  String g = campaign.datasetGroupArn();
                  Resources.update(
                      c,
                      campaign.withAutomaticUpdate(
                          new CampaignRecord.AutomaticUpdate(
                              now,
                              served,
                              CatalogueMarks.itemWatermark(c, g),
                              CatalogueMarks.latestInteraction(c, g))));
                  return g;
                });
    if (group != null) {
      // Deployments of the group reload against the new catalogue at their next request.
      ctx.catalogueChanged(group);
    }
  }
}
