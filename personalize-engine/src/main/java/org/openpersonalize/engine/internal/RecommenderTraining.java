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
import org.openpersonalize.engine.internal.schedule.PeriodicTask;
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
 * is not; one training per recommender runs at a time. Times are the engine clock's; the engine's
 * {@link org.openpersonalize.engine.internal.schedule.Scheduler} asks this task what is due at each
 * pass, from the stored training times, so a restarted engine catches up.
 */
final class RecommenderTraining implements PeriodicTask {
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

  @Override
  public String name() {
    return "recommender-training";
  }

  /**
   * The recommenders with a training due at {@code now}: a full training when the last one is
   * {@link #fullInterval} old, else a refresh where one is due. Each piece of work checks again in
   * its own transaction (the state may have moved since this read) and starts the training.
   */
  @Override
  public List<Due> due(Instant now) {
    List<String> arns =
        ctx.store()
            .read(
                c -> {
                  List<String> out = new ArrayList<>();
                  for (RecommenderRecord r : Resources.children(c, Kinds.RECOMMENDER, null)) {
                    if (kind(c, r, now) != null) {
                      out.add(r.arn());
                    }
                  }
                  return out;
                });
    List<Due> out = new ArrayList<>();
    for (String arn : arns) {
      out.add(new Due(arn, () -> start(arn, now)));
    }
    return out;
  }

  private void start(String arn, Instant now) {
    String version =
        ctx.store()
            .inTransaction(
                c -> {
                  RecommenderRecord r = Resources.find(c, Kinds.RECOMMENDER, arn);
                  TrainingMode mode = r == null ? null : kind(c, r, now);
                  if (mode == null) {
                    return null;
                  }
                  String v = newVersion(c, r.solutionArn(), mode);
                  Resources.update(
                      c,
                      mode == TrainingMode.FULL
                          ? r.trainedAt(now, now)
                          : r.trainedAt(r.lastFullTraining(), now));
                  return v;
                });
    if (version != null) {
      training.submit(version);
    }
  }

  /** The training due for a recommender at {@code now}: FULL, UPDATE (a refresh) or null. */
  private TrainingMode kind(Connection c, RecommenderRecord r, Instant now) throws SQLException {
    if (r.status() != Status.ACTIVE) {
      return null; // a stopped (INACTIVE), creating or failed recommender is not retrained
    }
    for (SolutionVersionRecord v : Resources.children(c, Kinds.SOLUTION_VERSION, r.solutionArn())) {
      if (!v.status().terminal()) {
        return null;
      }
    }
    if (!now.isBefore(r.lastFullTraining().plus(fullInterval))) {
      return TrainingMode.FULL;
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
    return now.isBefore(last.plus(every)) ? null : TrainingMode.UPDATE;
  }
}
