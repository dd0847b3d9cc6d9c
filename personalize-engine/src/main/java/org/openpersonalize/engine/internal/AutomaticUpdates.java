package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.engine.internal.resource.CampaignRecord;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.schedule.PeriodicTask;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.serving.ExplorationCounts;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.TrainingJobs;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;

/**
 * Automatic campaign updates (spec §9.6): every interval (Amazon: two hours; the engine builder's
 * {@code automaticUpdateInterval}, or the recipe's own {@link Recipe#automaticUpdateInterval}) a
 * campaign whose recipe declares {@link RecipeCapability#UPDATE_TRAINING} and which serves its
 * solution's latest fully trained version takes in the catalogue as it is: items added since its
 * last update become candidates — explored per the campaign's {@code itemExplorationConfig} — and
 * the exploration age cut-off counts back from the newest interaction, and the users each item has
 * had so far (bulk and streamed) set its exploration bonus afresh. The model is not retrained, no
 * solution version is created and no metrics change, as on Amazon; what trainingMode UPDATE does by
 * hand for a new version, this does in place for a deployed one.
 *
 * <p>A recipe that also declares {@link RecipeCapability#UPDATE_RETRAINS} (Trending-Now) must
 * follow new events, not only new items: its update is a trainingMode UPDATE solution version
 * ({@code trainingType AUTOMATIC}) trained on the current data, which a campaign with {@code
 * syncWithLatestSolutionVersion} serves once ACTIVE; such a campaign is updated while it serves the
 * solution's latest ACTIVE version, every interval, and never while a version of the solution is
 * training.
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
  private final TrainingJobs training;

  /**
   * Creates the task.
   *
   * @param ctx the engine context
   * @param recipes the recipe catalogue
   * @param interval the engine's interval, for recipes that do not give their own
   * @param training trains the UPDATE versions of recipes that retrain on update
   */
  AutomaticUpdates(
      EngineContext ctx, RecipeCatalog recipes, Duration interval, TrainingJobs training) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.interval = interval;
    this.training = training;
    ctx.store()
        .inTransaction(
            c -> {
              ExplorationCounts.create(c);
              return null;
            });
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
    boolean retrains = recipe.capabilities().contains(RecipeCapability.UPDATE_RETRAINS);
    // Amazon updates only the latest fully trained version; a manual UPDATE version is not. A
    // retraining recipe's updates are UPDATE versions, so its latest version of any mode is.
    SolutionVersionRecord base =
        retrains
            ? SolutionVersions.latestActive(c, solution.arn())
            : SolutionVersions.latestActiveFull(c, solution.arn());
    if (base == null || !base.arn().equals(served)) {
      return null;
    }
    CampaignRecord.AutomaticUpdate last = campaign.automaticUpdate();
    if (retrains) {
      for (SolutionVersionRecord v :
          Resources.children(c, Kinds.SOLUTION_VERSION, solution.arn())) {
        if (!v.status().terminal()) {
          return null; // one training of a solution at a time
        }
      }
    } else if (last == null || !served.equals(last.versionArn())) {
      return served;
    }
    if (last == null) {
      return served;
    }
    Duration every =
        recipe
            .automaticUpdateInterval(recipe.resolveHyperparameters(solution.hyperparameters()))
            .orElse(interval);
    return now.isBefore(last.at().plus(every)) ? null : served;
  }

  /**
   * Takes the catalogue in (and, for a retraining recipe, starts an UPDATE version), re-checking in
   * the transaction that the update is still due.
   */
  private void update(String campaignArn) {
    String[] version = new String[1];
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
                  SolutionRecord solution =
                      Resources.find(c, Kinds.SOLUTION, campaign.solutionArn());
                  if (recipes
                      .require("recipeArn", solution.recipeArn())
                      .capabilities()
                      .contains(RecipeCapability.UPDATE_RETRAINS)) {
                    // An automatic UPDATE version trains like any other and counts against the
                    // quota of versions pending or training (spec §1.11, §10). Over it, the update
                    // stays due and the next pass tries again, as automatic training does.
                    int running =
                        Resources.countWithStatus(
                            c,
                            Kinds.SOLUTION_VERSION,
                            Status.CREATE_PENDING,
                            Status.CREATE_IN_PROGRESS);
                    if (running >= SolutionVersionOps.MAX_TRAINING_VERSIONS) {
                      throw new LimitExceededException(
                          "Automatic update of "
                              + campaignArn
                              + " waits: more than "
                              + SolutionVersionOps.MAX_TRAINING_VERSIONS
                              + " resources with PENDING or IN_PROGRESS status.");
                    }
                    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
                    version[0] = solution.arn() + "/" + id;
                    Resources.insert(
                        c,
                        new SolutionVersionRecord(
                            Header.created(
                                version[0], id, solution.arn(), Status.CREATE_PENDING, now),
                            TrainingMode.UPDATE,
                            TrainingType.AUTOMATIC,
                            null));
                  }
                  String g = campaign.datasetGroupArn();
                  DatasetRecord interactions =
                      Resources.find(c, Kinds.DATASET, Arns.dataset(g, DatasetType.INTERACTIONS));
                  boolean counted = interactions != null;
                  if (counted) {
                    ExplorationCounts.refresh(c, campaignArn, interactions.table());
                  }
                  Resources.update(
                      c,
                      campaign.withAutomaticUpdate(
                          new CampaignRecord.AutomaticUpdate(
                              now,
                              served,
                              CatalogueMarks.itemWatermark(c, g),
                              CatalogueMarks.latestInteraction(c, g),
                              counted)));
                  return g;
                });
    if (version[0] != null) {
      training.submit(version[0]);
    }
    if (group != null) {
      // Deployments of the group reload against the new catalogue at their next request.
      ctx.catalogueChanged(group);
    }
  }
}
