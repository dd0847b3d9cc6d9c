package org.openpersonalize.engine.internal.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.engine.TrainingProgressListener;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.data.ColumnExclusion;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.TrainingDataLoader;
import org.openpersonalize.engine.internal.hpo.AutoMlSelection;
import org.openpersonalize.engine.internal.hpo.HpoSearch;
import org.openpersonalize.engine.internal.hpo.TuningSchedule;
import org.openpersonalize.engine.internal.resource.RecommenderSync;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;
import org.openpersonalize.spi.TrainingContext;

/**
 * Trains solution versions on the engine's executor: load and featurize the dataset group, check
 * the minimum data, compute offline metrics on held-out users (FULL training only), train the
 * served model on all data, store it, and mark the version {@code ACTIVE} — or {@code CREATE
 * FAILED} with the reason, or {@code CREATE STOPPED} when asked to stop.
 */
public final class TrainingJobs {
  /**
   * Where a FULL training's progress passes from the served model to the offline metrics' model,
   * which trains again on the split without the held-out users (about as long on a large catalogue,
   * but its evaluation is cheap, so the served model gets the larger share).
   */
  static final double METRICS_FROM = 0.8;

  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final ModelStore models;
  private final Map<String, Boolean> stopRequested = new ConcurrentHashMap<>();
  private volatile boolean closing;
  private final TrainingProgressListener listener;
  private final HpoSearch hpo;
  private final VersionOutcomes outcomes;
  private final AutoMlSelection autoMl;

  /**
   * Creates the runner.
   *
   * @param ctx the engine context
   * @param recipes the recipe catalogue
   * @param models where trained models go
   * @param listener receives progress, or null
   */
  public TrainingJobs(
      EngineContext ctx,
      RecipeCatalog recipes,
      ModelStore models,
      TrainingProgressListener listener) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.models = models;
    this.listener = listener;
    this.hpo = new HpoSearch(ctx, listener);
    this.outcomes = new VersionOutcomes(ctx, models);
    this.autoMl = new AutoMlSelection(ctx, recipes, listener);
  }

  /** Queues the training of a version stored as {@code CREATE PENDING}. */
  public void submit(String versionArn) {
    try {
      ctx.executor().execute(() -> run(versionArn));
    } catch (RejectedExecutionException e) {
      outcomes.finish(
          versionArn,
          Status.CREATE_FAILED,
          "The engine was closing; create the version again.",
          null);
    }
  }

  /** Asks a pending or running training to stop. */
  public void requestStop(String versionArn) {
    stopRequested.put(versionArn, Boolean.TRUE);
  }

  /** Stops running trainings at their next check; they end failed and are retried by nobody. */
  public void close() {
    closing = true;
  }

  /** Marks versions a previous engine left pending or training as failed. */
  public void failAbandoned() {
    outcomes.failAbandoned();
  }

  /**
   * Removes model files no ACTIVE solution version references: temporary files and complete files
   * of versions a crash or a failed status write left behind. Runs at open, after {@link
   * #failAbandoned}, before any training is submitted.
   */
  public void removeOrphanModels() {
    outcomes.removeOrphanModels();
  }

  /**
   * One training job: claim the version, then train it FULL or UPDATE; every way out records the
   * version's final status.
   */
  private void run(String versionArn) {
    long t0 = System.nanoTime();
    try {
      SolutionVersionRecord version = claim(versionArn);
      if (version == null) {
        return;
      }
      SolutionVersionRecord.Trained result =
          version.trainingMode() == TrainingMode.UPDATE
              ? update(version, t0)
              : trainFull(version, t0);
      if (result == null) {
        return; // trainFull recorded why
      }
      if (stopRequested.remove(versionArn) != null) {
        models.delete(result.modelFile());
        outcomes.finish(versionArn, Status.CREATE_STOPPED, null, null);
        return;
      }
      outcomes.finish(versionArn, Status.ACTIVE, null, result);
      progress(versionArn, 1.0, "ACTIVE");
    } catch (CancellationException e) {
      stopRequested.remove(versionArn);
      outcomes.finish(
          versionArn,
          closing ? Status.CREATE_FAILED : Status.CREATE_STOPPED,
          closing ? "The engine was closed during training. Create the version again." : null,
          null);
    } catch (IllegalArgumentException | PersonalizeException e) {
      outcomes.finish(versionArn, Status.CREATE_FAILED, "Create failed. " + e.getMessage(), null);
    } catch (RuntimeException | IOException | Error e) {
      outcomes.finish(
          versionArn, Status.CREATE_FAILED, "Create failed. Training error: " + e, null);
    }
  }

  /**
   * Moves a pending version to CREATE IN_PROGRESS; null (with its status recorded) when it is gone
   * or was stopped before it started.
   */
  private SolutionVersionRecord claim(String versionArn) {
    SolutionVersionRecord version =
        ctx.store().read(c -> Resources.find(c, Kinds.SOLUTION_VERSION, versionArn));
    if (version == null) {
      return null;
    }
    if (stopRequested.remove(versionArn) != null || version.status() != Status.CREATE_PENDING) {
      outcomes.finish(versionArn, Status.CREATE_STOPPED, null, null);
      return null;
    }
    outcomes.setStatus(versionArn, Status.CREATE_IN_PROGRESS);
    return version;
  }

  /**
   * FULL training: load and select the data, check the minimum, compute offline metrics on held-out
   * users, train on everything and store the model. Null when the data is too little (the version
   * is then failed with the reason).
   */
  private SolutionVersionRecord.Trained trainFull(SolutionVersionRecord version, long t0)
      throws IOException {
    return train(version, t0, null);
  }

  /**
   * Trains on the dataset group's current data. {@code updateOf} is null for FULL training;
   * otherwise the FULL version an UPDATE of a {@link RecipeCapability#UPDATE_RETRAINS} recipe
   * follows: then no offline metrics (spec §8.1: metrics come from full training only) and the
   * version records which FULL version it updates.
   */
  private SolutionVersionRecord.Trained train(
      SolutionVersionRecord version, long t0, String updateOf) throws IOException {
    String versionArn = version.arn();
    SolutionRecord stored =
        ctx.store().read(c -> Resources.find(c, Kinds.SOLUTION, version.solutionArn()));
    // A recommender's training may leave columns out (recommenderConfig.trainingDataConfig).
    DatasetGroupData data =
        ColumnExclusion.apply(
            TrainingDataLoader.load(ctx, stored.datasetGroupArn()),
            ctx.store().read(c -> RecommenderSync.excluded(c, stored.arn())));
    String tooManyTypes = Featurizer.checkEventTypes(data);
    if (tooManyTypes != null) {
      outcomes.finish(versionArn, Status.CREATE_FAILED, tooManyTypes, null);
      return null;
    }
    AutoMlSelection.Choice autoMlChoice =
        stored.recipeArn() != null ? null : chooseRecipe(versionArn, stored, data);
    SolutionRecord solution = autoMlChoice == null ? stored : autoMlChoice.solution();
    Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
    Hyperparameters hp = recipe.resolveHyperparameters(solution.hyperparameters());
    Featurizer.Selection selection = solution.selection();
    Featurizer.Selected selected =
        Featurizer.cap(
            Featurizer.select(data, selection, ctx.now().getEpochSecond()),
            data.itemMetadata(),
            Featurizer.Caps.forRecipe(recipe.recipeArn()));
    String tooLittle = Featurizer.checkMinimum(selected, selection);
    if (tooLittle != null) {
      outcomes.finish(versionArn, Status.CREATE_FAILED, tooLittle, null);
      return null;
    }
    Instant tunedAt = null;
    if (updateOf == null) {
      TuningSchedule tuning =
          ctx.store()
              .read(
                  c ->
                      TuningSchedule.decide(
                          c, solution, recipe, version.trainingType(), ctx.now()));
      if (tuning.searches()) {
        // Trials see only the users the test hold-out below trains on (HpoSearch, HoldOut).
        tunedAt = ctx.now();
        hp =
            recipe.resolveHyperparameters(
                hpo.tune(
                    versionArn,
                    solution,
                    tuning.plan(),
                    recipe,
                    selected,
                    data,
                    () -> closing || stopRequested.containsKey(versionArn),
                    autoMlChoice));
      } else if (tuning.reused() != null) {
        Map<String, String> given = new java.util.LinkedHashMap<>(solution.hyperparameters());
        given.putAll(tuning.reused());
        hp = recipe.resolveHyperparameters(given);
        tunedAt = tuning.tunedAt();
      }
    }
    // The served model reports progress from 0.5 (after any AutoML comparison and search) to
    // METRICS_FROM, and the offline metrics' own training on the held-out split from there to 1:
    // one fraction that never goes back.
    boolean withMetrics = updateOf == null;
    TrainingContext tc =
        trainingContext(versionArn, solution.seed(), 0.5, withMetrics ? METRICS_FROM : 1.0);
    Model model = recipe.train(Featurizer.trainingData(data, selected), hp, tc);
    long trendInterval = TrendAccuracy.interval(model);
    TrainingContext metricsContext =
        trainingContext(versionArn, solution.seed(), METRICS_FROM, 1.0);
    Map<String, Double> metrics =
        !withMetrics
            ? Map.of()
            : trendInterval > 0
                ? TrendAccuracy.evaluate(recipe, hp, selected, data, trendInterval, metricsContext)
                : OfflineMetrics.evaluate(
                    recipe,
                    hp,
                    selected,
                    data,
                    data.items().size(),
                    solution.seed(),
                    metricsContext);
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    model.writeTo(payload);
    ModelArtifact artifact =
        ModelArtifact.of(
            versionArn, solution.datasetGroupArn(), recipe, data, selected, payload.toByteArray());
    String file = models.write(fileName(versionArn), artifact);
    // What the model learned (e.g. repeat propensity), shown beside the hyperparameters.
    Map<String, String> tuned = new java.util.LinkedHashMap<>(hp.asMap());
    tuned.putAll(model.learnedParameters());
    return new SolutionVersionRecord.Trained(
        file, metrics, tuned, hours(t0), (long) selected.size(), updateOf, tunedAt);
  }

  /**
   * An AutoML solution's first training chooses its recipe on validation users ({@link
   * AutoMlSelection}); under {@code performHPO} the search below then tunes it ({@link
   * TuningSchedule#forAutoMl}). When the data is below the minimum nothing is chosen, and the first
   * listed recipe's minimum check fails the version with the reason.
   */
  private AutoMlSelection.Choice chooseRecipe(
      String versionArn, SolutionRecord solution, DatasetGroupData data) {
    AutoMlSelection.Choice chosen =
        autoMl.choose(
            versionArn, solution, data, () -> closing || stopRequested.containsKey(versionArn));
    return chosen != null
        ? chosen
        : AutoMlSelection.Choice.unscored(
            solution.withRecipe(solution.config().autoMLConfig().recipeList().get(0)));
  }

  /**
   * A training's context; its progress, 0 to 1, is reported as {@code from} to {@code to} of the
   * version's.
   */
  private TrainingContext trainingContext(String versionArn, long seed, double from, double to) {
    return TrainingContext.builder()
        .seed(seed)
        .executor(ctx.trainingExecutor())
        .parallelism(ctx.parallelism())
        .cancellation(() -> closing || stopRequested.containsKey(versionArn))
        .progressListener(
            (fraction, message) -> progress(versionArn, from + fraction * (to - from), message))
        .build();
  }

  private static double hours(long t0) {
    return (System.nanoTime() - t0) / 3.6e12;
  }

  /**
   * trainingMode UPDATE (spec §1.11, §9.6): no relearning. The new version serves the latest FULL
   * version's model; items added to the catalogue since are explored by campaigns (serving reads
   * the catalogue), which is what Amazon's update adds. No offline metrics, as on Amazon. A recipe
   * with {@link RecipeCapability#UPDATE_RETRAINS} (Trending-Now) is instead trained again on the
   * current data, new items and streamed events included: its training is the cheap counting that
   * an update must redo.
   */
  private SolutionVersionRecord.Trained update(SolutionVersionRecord version, long t0)
      throws IOException {
    SolutionVersionRecord full =
        ctx.store().read(c -> SolutionVersions.latestActiveFull(c, version.solutionArn()));
    if (full == null) {
      // CreateSolutionVersion checked this; the FULL version was deleted while this one waited.
      throw new ResourceNotFoundException(
          "trainingMode UPDATE needs an ACTIVE FULL solution version of "
              + version.solutionArn()
              + ", and none is left; create a FULL version first");
    }
    SolutionRecord solution =
        ctx.store().read(c -> Resources.find(c, Kinds.SOLUTION, version.solutionArn()));
    if (solution != null
        && recipes
            .require("recipeArn", solution.recipeArn())
            .capabilities()
            .contains(RecipeCapability.UPDATE_RETRAINS)) {
      return train(version, t0, full.arn());
    }
    ModelArtifact artifact = models.read(full.result().modelFile(), full.arn());
    String file = models.write(fileName(version.arn()), artifact.forVersion(version.arn()));
    return new SolutionVersionRecord.Trained(
        file, Map.of(), full.result().tunedHyperParameters(), hours(t0), null, full.arn());
  }

  private void progress(String versionArn, double fraction, String message) {
    if (listener != null) {
      listener.onProgress(versionArn, fraction, message);
    }
  }

  /** The file name of a version's model: its ARN's last two segments. */
  static String fileName(String versionArn) {
    String[] parts = versionArn.split("/");
    return parts[parts.length - 2] + "-" + parts[parts.length - 1] + ".opm";
  }
}
