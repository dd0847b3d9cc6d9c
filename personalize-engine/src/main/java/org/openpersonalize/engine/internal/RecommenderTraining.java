package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.engine.internal.resource.RecommenderRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.TrainingJobs;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;

/**
 * Managed training of recommenders (spec §1.13, §9.6): the model a recommender is created or
 * updated with, the full retraining every {@link #fullInterval} (Amazon: 7 days, counted from the
 * last full training) and, for the use cases Amazon refreshes (Top picks for you, Recommended for
 * you, Trending now), an UPDATE training every refresh interval (the recipe's own, else 2 hours)
 * between full trainings. Only ACTIVE recommenders are retrained: a stopped one ({@code INACTIVE})
 * is not; one training per recommender runs at a time. Times are the engine clock's.
 */
final class RecommenderTraining {
  /** Amazon's full retraining interval of recommenders. */
  static final Duration DEFAULT_FULL_INTERVAL = Duration.ofDays(7);

  /** Amazon's refresh interval between full trainings. */
  static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofHours(2);

  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final TrainingJobs training;
  private final Duration fullInterval;

  RecommenderTraining(
      EngineContext ctx, RecipeCatalog recipes, TrainingJobs training, Duration fullInterval) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.training = training;
    this.fullInterval = fullInterval;
  }

  /** Inserts a pending model of a backing solution; the caller submits it after the commit. */
  String newVersion(Connection c, String solutionArn, TrainingMode mode) throws SQLException {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String arn = solutionArn + "/" + id;
    Header h = Header.created(arn, id, solutionArn, Status.CREATE_PENDING, ctx.now());
    Resources.insert(c, new SolutionVersionRecord(h, mode, TrainingType.AUTOMATIC, null));
    return arn;
  }

  /** Queues a model inserted by {@link #newVersion}. */
  void submit(String versionArn) {
    training.submit(versionArn);
  }

  /** Asks a recommender's running training to stop (the recommender is being deleted). */
  void stop(String versionArn) {
    training.requestStop(versionArn);
  }

  /**
   * Starts the trainings that are due by the engine clock: a full training of every ACTIVE
   * recommender whose last one is {@link #fullInterval} old, else a refresh where one is due.
   *
   * @return the versions started
   */
  List<String> runDue() {
    Instant now = ctx.now();
    List<String> started =
        ctx.store()
            .inTransaction(
                c -> {
                  List<String> out = new ArrayList<>();
                  for (RecommenderRecord r : Resources.children(c, Kinds.RECOMMENDER, null)) {
                    String v = due(c, r, now);
                    if (v != null) {
                      out.add(v);
                    }
                  }
                  return out;
                });
    started.forEach(training::submit);
    return started;
  }

  private String due(Connection c, RecommenderRecord r, Instant now) throws SQLException {
    if (r.status() != Status.ACTIVE) {
      return null;
    }
    for (SolutionVersionRecord v : Resources.children(c, Kinds.SOLUTION_VERSION, r.solutionArn())) {
      if (!v.status().terminal()) {
        return null;
      }
    }
    if (!now.isBefore(r.lastFullTraining().plus(fullInterval))) {
      String v = newVersion(c, r.solutionArn(), TrainingMode.FULL);
      Resources.update(c, r.trainedAt(now, now));
      return v;
    }
    UseCase useCase = UseCase.of(r.recipeArn());
    SolutionRecord solution = Resources.find(c, Kinds.SOLUTION, r.solutionArn());
    Recipe recipe = solution == null ? null : recipes.find(solution.recipeArn());
    if (useCase == null
        || !useCase.refreshes()
        || recipe == null
        || !recipe.capabilities().contains(RecipeCapability.UPDATE_TRAINING)
        || SolutionVersions.latestActiveFull(c, r.solutionArn()) == null) {
      return null;
    }
    Duration every =
        recipe
            .automaticUpdateInterval(recipe.resolveHyperparameters(solution.hyperparameters()))
            .orElse(DEFAULT_REFRESH_INTERVAL);
    Instant last = r.lastRefresh() == null ? r.lastFullTraining() : r.lastRefresh();
    if (now.isBefore(last.plus(every))) {
      return null;
    }
    String v = newVersion(c, r.solutionArn(), TrainingMode.UPDATE);
    Resources.update(c, r.trainedAt(r.lastFullTraining(), now));
    return v;
  }
}
