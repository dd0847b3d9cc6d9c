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
import org.openpersonalize.engine.internal.resource.RecommenderSync;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.schedule.PeriodicTask;
import org.openpersonalize.engine.internal.schema.DatasetType;
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

  /**
   * Moves a recommender that StopRecommender or StartRecommender left {@code STOP PENDING} or
   * {@code START PENDING} through Amazon's sequence in the background: {@code STOP PENDING > STOP
   * IN_PROGRESS > INACTIVE}, {@code START PENDING > START IN_PROGRESS > ACTIVE}.
   */
  void transition(String arn) {
    ctx.executor().execute(() -> advance(arn));
  }

  /**
   * The steps of stopping and starting. Stopping halts the recommender's running retraining
   * (Amazon: "Stopping a recommender halts ... automatic retraining"); the recommender is INACTIVE
   * once no training of it runs ({@link RecommenderSync#sync} finishes the stop if the training
   * ends later). Every step checks the stored status first, so running it twice (the executor and a
   * scheduler pass after a restart) is harmless.
   */
  void advance(String arn) {
    List<String> halt =
        ctx.store()
            .inTransaction(
                c -> {
                  RecommenderRecord r = Resources.find(c, Kinds.RECOMMENDER, arn);
                  if (r == null) {
                    return List.<String>of();
                  }
                  if (r.status() == Status.STOP_PENDING) {
                    set(c, r, Status.STOP_IN_PROGRESS);
                    return running(c, r);
                  }
                  if (r.status() == Status.START_PENDING) {
                    set(c, r, Status.START_IN_PROGRESS);
                  }
                  return List.<String>of();
                });
    halt.forEach(training::requestStop);
    ctx.store()
        .inTransaction(
            c -> {
              RecommenderRecord r = Resources.find(c, Kinds.RECOMMENDER, arn);
              if (r != null && r.status() == Status.STOP_IN_PROGRESS && running(c, r).isEmpty()) {
                set(c, r, Status.INACTIVE);
              } else if (r != null && r.status() == Status.START_IN_PROGRESS) {
                set(c, r, Status.ACTIVE);
              }
              return null;
            });
  }

  private void set(Connection c, RecommenderRecord r, Status status) throws SQLException {
    Resources.update(
        c, r.with(r.meta().withStatus(status, null, ctx.now()), r.config(), r.latestUpdate()));
  }

  /** The recommender's trainings that have not ended. */
  private static List<String> running(Connection c, RecommenderRecord r) throws SQLException {
    List<String> out = new ArrayList<>();
    for (SolutionVersionRecord v : Resources.children(c, Kinds.SOLUTION_VERSION, r.solutionArn())) {
      if (!v.status().terminal()) {
        out.add(v.arn());
      }
    }
    return out;
  }

  /** Whether {@link #advance} would move the recommender on now. */
  private static boolean canAdvance(Connection c, RecommenderRecord r) throws SQLException {
    return switch (r.status()) {
      case STOP_PENDING, START_PENDING, START_IN_PROGRESS -> true;
      case STOP_IN_PROGRESS -> running(c, r).isEmpty();
      default -> false;
    };
  }

  @Override
  public String name() {
    return "recommender-training";
  }

  /**
   * The recommenders with a training due at {@code now}: a full training when the last one is
   * {@link #fullInterval} old, else a refresh where one is due. Each piece of work checks again in
   * its own transaction (the state may have moved since this read) and starts the training. A stop
   * or start that a closed engine left unfinished is also due here, so a reopened engine completes
   * it.
   */
  @Override
  public List<Due> due(Instant now) {
    List<Due> out = new ArrayList<>();
    ctx.store()
        .read(
            c -> {
              for (RecommenderRecord r : Resources.children(c, Kinds.RECOMMENDER, null)) {
                String arn = r.arn();
                if (canAdvance(c, r)) {
                  out.add(new Due(arn, () -> advance(arn)));
                } else if (kind(c, r, now) != null) {
                  out.add(new Due(arn, () -> start(arn, now)));
                }
              }
              return null;
            });
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

  /** Whether the datasets the recommender trains on are all still there. */
  private static boolean hasData(Connection c, RecommenderRecord r, UseCase useCase)
      throws SQLException {
    String group = r.datasetGroupArn();
    if (Resources.find(c, Kinds.DATASET, Arns.dataset(group, DatasetType.INTERACTIONS)) == null) {
      return false;
    }
    if (useCase != null) {
      for (String d : useCase.requiredDatasets()) {
        if (Resources.find(c, Kinds.DATASET, Arns.dataset(group, DatasetType.fromApiName(d)))
            == null) {
          return false;
        }
      }
    }
    return true;
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
    UseCase useCase = UseCase.of(r.recipeArn());
    if (!hasData(c, r, useCase)) {
      // Amazon: deleting a dataset halts the automatic updates of the recommenders that use it.
      return null;
    }
    if (!now.isBefore(r.lastFullTraining().plus(fullInterval))) {
      return TrainingMode.FULL;
    }
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
