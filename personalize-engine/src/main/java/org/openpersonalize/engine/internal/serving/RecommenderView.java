package org.openpersonalize.engine.internal.serving;

import java.sql.Connection;
import java.sql.SQLException;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.Arns;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.UseCase;
import org.openpersonalize.engine.internal.resource.RecommenderRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.spi.Recipe;

/**
 * A recommender seen by serving: a {@link CampaignView} whose version is the newest ACTIVE model of
 * the recommender's backing solution (so the old model serves while a new one trains), whose
 * settings come from the recommender's config, and which carries the {@link UseCase} (request
 * inputs, built-in filter, no scores). Everything after the view is the campaigns' serving path.
 */
final class RecommenderView {
  private static final String PREFIX = Arns.of(Kinds.RECOMMENDER, "");

  private RecommenderView() {}

  /** Whether an ARN names a recommender. */
  static boolean isRecommender(String arn) {
    return arn != null && arn.startsWith(PREFIX);
  }

  /**
   * Reads a recommender's view; the recommender must be ACTIVE (a stopped one is INACTIVE).
   *
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown recommender
   * @throws ResourceInUseException for a recommender that is not ACTIVE
   */
  static CampaignView read(EngineContext ctx, RecipeCatalog recipes, Connection c, String arn)
      throws SQLException {
    RecommenderRecord r = ctx.require(c, Kinds.RECOMMENDER, "recommenderArn", arn);
    if (r.status() != Status.ACTIVE) {
      throw new ResourceInUseException(
          "Recommender "
              + arn
              + " is "
              + r.status()
              + (r.status() == Status.INACTIVE
                      || r.status() == Status.STOP_PENDING
                      || r.status() == Status.STOP_IN_PROGRESS
                  ? "; start it with StartRecommender to get recommendations"
                  : "; it serves once ACTIVE"));
    }
    SolutionVersionRecord version = SolutionVersions.latestActive(c, r.solutionArn());
    SolutionRecord solution = Resources.find(c, Kinds.SOLUTION, r.solutionArn());
    if (version == null || solution == null) {
      throw new InternalFailureException(
          "Recommender "
              + arn
              + " has lost its model (its backing solution or version is gone); delete the"
              + " recommender and create it again",
          false,
          null);
    }
    UseCase useCase = UseCase.of(r.recipeArn());
    Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
    String group = r.datasetGroupArn();
    CampaignView.Settings settings =
        new CampaignView.Settings(
            r.solutionArn(),
            version.arn(),
            true,
            useCase.explorationWeight(r.config()),
            UseCase.explorationCutOff(r.config()),
            r.metadataWithRecommendations());
    return new CampaignView(
        arn,
        version.arn(),
        version.result() == null ? null : version.result().modelFile(),
        recipe,
        group,
        solution.selection(),
        CampaignView.table(ctx, c, group, DatasetType.INTERACTIONS),
        CampaignView.table(ctx, c, group, DatasetType.ITEMS),
        CampaignView.table(ctx, c, group, DatasetType.USERS),
        settings,
        useCase);
  }
}
