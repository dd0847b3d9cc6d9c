package org.openpersonalize.engine.internal.hpo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.TrainingProgressListener;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.engine.internal.training.HoldOut;
import org.openpersonalize.engine.internal.training.OfflineMetrics;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;

/**
 * Runs a solution version's hyperparameter search (spec §9.4) before its FULL training: each trial
 * is scored with the version's own offline metrics over {@value #FOLDS} validation folds that
 * together cover every user the version's test hold-out trains on ({@link HoldOut#validation}), so
 * no trial ever sees a test user and every other user is scored once. {@link Tpe} proposes the
 * trials.
 *
 * <p>Trials are proposed in batches of {@code maxParallelTrainingJobs} from the trials finished
 * before the batch, and each trains with the solution's seed, so the search is the same for a seed
 * however the threads are scheduled. A batch runs {@code min(maxParallelTrainingJobs, cores)}
 * trainings at once, each with its share of the cores. The first trial is the configuration without
 * a search (the fixed values and the recipe's defaults) when it lies within the ranges, and the
 * best trial replaces it only when it is better on the same validation users beyond their noise
 * ({@link NoiseGuard}), so a search that finds nothing better trains the defaults. Stopping the
 * version stops the search at the trainings' next cancellation check.
 */
public final class HpoSearch {
  private static final System.Logger LOG = System.getLogger(HpoSearch.class.getName());

  /** Validation folds per trial (each a third of the non-test users, {@link HoldOut}). */
  static final int FOLDS = 3;

  private final EngineContext ctx;
  private final HpoTrials trials;
  private final TrainingProgressListener listener;

  /**
   * Creates the runner (and the trials table).
   *
   * @param ctx the engine context
   * @param listener receives trials and progress, or null
   */
  public HpoSearch(EngineContext ctx, TrainingProgressListener listener) {
    this.ctx = ctx;
    this.trials = new HpoTrials(ctx.store());
    this.listener = listener;
  }

  /**
   * Searches the solution's ranges and returns the hyperparameters to train the version with: the
   * solution's fixed values and the best trial's values.
   *
   * @param versionArn the version being trained
   * @param solution its solution
   * @param plan the search ({@link TuningSchedule})
   * @param recipe the recipe
   * @param s the selected interactions (the version's training data)
   * @param data the dataset group's data
   * @param cancelled true once the version should stop
   * @param autoMl AutoML's choice at this training, or null: its run of the chosen recipe with its
   *     defaults, on these folds by this metric, is then the first trial and is not trained again
   * @return the values to resolve against the recipe
   * @throws CancellationException when stopped
   * @throws InvalidInputException when there are too few users to validate on
   * @throws InternalFailureException when every trial failed
   */
  public Map<String, String> tune(
      String versionArn,
      SolutionRecord solution,
      HpoPlan plan,
      Recipe recipe,
      Featurizer.Selected s,
      DatasetGroupData data,
      BooleanSupplier cancelled,
      AutoMlSelection.Choice autoMl) {
    Map<String, String> fixed = solution.hyperparameters();
    int[][] byUser = OfflineMetrics.byUser(s);
    HoldOut[] validation = HoldOut.validation(byUser, solution.seed(), FOLDS);
    if (validation[FOLDS - 1].users().length == 0) {
      throw new InvalidInputException(
          "Hyperparameter optimization needs validation users besides the test users: too few"
              + " users with at least 2 interactions; import more interactions or set performHPO"
              + " to false");
    }
    SearchSpace space = plan.space();
    Tpe tpe = new Tpe(space, solution.seed() ^ 0x7F4A7C15L, Tpe.startupFor(plan.maxTrials()));
    Hyperparameters defaults = recipe.resolveHyperparameters(fixed);
    double[] first = defaultPoint(space, defaults);
    // AutoML scored the chosen recipe's defaults on the same folds (same seed, same users) with
    // nothing fixed: the same trial 1, already trained.
    TrialRun known =
        autoMl != null
                && autoMl.defaults != null
                && first != null
                && fixed.isEmpty()
                && autoMl.recipeArn.equals(recipe.recipeArn())
                && autoMl.metric.equals(plan.metric())
            ? autoMl.defaults
            : null;
    int concurrent = Math.min(plan.maxParallel(), ctx.parallelism());
    int threadsEach = Math.max(1, ctx.parallelism() / concurrent);
    trials.clear(versionArn);
    ExecutorService pool =
        concurrent > 1 ? Executors.newFixedThreadPool(concurrent, HpoSearch::thread) : null;
    List<TrialRun> all = new ArrayList<>(plan.maxTrials());
    try {
      int done = 0;
      while (done < plan.maxTrials()) {
        if (cancelled.getAsBoolean()) {
          throw new CancellationException("stopped during hyperparameter optimization");
        }
        int batch = Math.min(plan.maxParallel(), plan.maxTrials() - done);
        List<TrialRun> proposed = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
          int number = done + b + 1;
          boolean incumbent = number == 1 && first != null;
          double[] x = incumbent ? first : tpe.suggest();
          // The incumbent keeps the recipe's own spelling of its values, so that a search that
          // keeps it trains exactly the model the defaults train.
          TrialRun t =
              new TrialRun(number, x, incumbent ? exact(space, defaults) : values(space, x));
          if (incumbent && known != null) {
            t.reuse(known);
          }
          proposed.add(t);
        }
        for (TrialRun t :
            run(
                proposed,
                pool,
                plan,
                recipe,
                fixed,
                s,
                data,
                validation,
                byUser,
                solution.seed(),
                threadsEach,
                cancelled)) {
          done++;
          trials.add(versionArn, t.result);
          tpe.observe(t.x, t.loss);
          all.add(t);
          report(versionArn, t, done, plan.maxTrials(), autoMl != null);
        }
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    TrialRun best = choose(versionArn, all, first != null);
    if (best == null) {
      throw new InternalFailureException(
          "Every one of the "
              + plan.maxTrials()
              + " hyperparameter optimization trials failed (the trial list gives each reason);"
              + " narrow algorithmHyperParameterRanges or set performHPO to false",
          false,
          null);
    }
    if (listener != null) {
      listener.onProgress(
          versionArn,
          0.5,
          "HPO chose trial "
              + best.number
              + (best.number == 1 && first != null
                  ? " (the defaults: no trial beat them on validation beyond noise)"
                  : ""));
    }
    Map<String, String> out = new LinkedHashMap<>(fixed);
    out.putAll(best.values);
    return out;
  }

  /** Runs one batch; results in trial order. */
  private List<TrialRun> run(
      List<TrialRun> batch,
      ExecutorService pool,
      HpoPlan plan,
      Recipe recipe,
      Map<String, String> fixed,
      Featurizer.Selected s,
      DatasetGroupData data,
      HoldOut[] validation,
      int[][] byUser,
      long seed,
      int threadsEach,
      BooleanSupplier cancelled) {
    TrainingContext tc =
        TrainingContext.builder()
            .seed(seed)
            .executor(ctx.trainingExecutor())
            .parallelism(threadsEach)
            .cancellation(cancelled)
            .build();
    Runnable[] work = new Runnable[batch.size()];
    for (int k = 0; k < work.length; k++) {
      TrialRun t = batch.get(k);
      work[k] =
          t.result != null
              ? () -> {}
              : () -> t.evaluate(plan, recipe, fixed, s, data, validation, byUser, tc);
    }
    if (pool == null) {
      for (Runnable w : work) {
        w.run();
      }
      return batch;
    }
    List<Future<?>> futures = new ArrayList<>(work.length);
    for (Runnable w : work) {
      futures.add(pool.submit(w));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new InternalFailureException(
          "Hyperparameter optimization trial failed: " + e.getCause(), false, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted during hyperparameter optimization");
    }
    return batch;
  }

  /**
   * The lowest mean loss, unless the incumbent (trial 1 when {@code warm}) is not beaten beyond
   * noise; null when every trial failed.
   */
  private static TrialRun choose(String versionArn, List<TrialRun> all, boolean warm) {
    int best = -1;
    double[][] perUser = new double[all.size()][];
    for (int k = 0; k < all.size(); k++) {
      TrialRun t = all.get(k);
      perUser[k] = t.perUserLoss;
      if (Double.isFinite(t.loss) && (best < 0 || t.loss < all.get(best).loss)) {
        best = k;
      }
    }
    if (best < 0) {
      return null;
    }
    int incumbent = warm && Double.isFinite(all.get(0).loss) ? 0 : -1;
    int chosen = NoiseGuard.choose(best, incumbent, perUser);
    if (incumbent >= 0 && best != incumbent && perUser[best] != null && perUser[0] != null) {
      double[] d = NoiseGuard.paired(perUser[0], perUser[best]);
      LOG.log(
          System.Logger.Level.INFO,
          String.format(
              Locale.ROOT,
              "HPO of %s: best trial %d beats trial 1 (the defaults) by %.5f per validation user"
                  + " (standard error %.5f over %d users; %.1f needed): trains trial %d",
              versionArn,
              all.get(best).number,
              d[0],
              d[1],
              perUser[0].length,
              NoiseGuard.Z,
              all.get(chosen).number));
    }
    return all.get(chosen);
  }

  /** The recipe's values of the searched hyperparameters, as it spells them. */
  private static Map<String, String> exact(SearchSpace space, Hyperparameters resolved) {
    Map<String, String> v = new LinkedHashMap<>();
    Map<String, String> all = resolved.asMap();
    for (int j = 0; j < space.dims(); j++) {
      v.put(space.name(j), all.get(space.name(j)));
    }
    return v;
  }

  /** The coordinates of the unsearched configuration, or null if a value lies outside a range. */
  private static double[] defaultPoint(SearchSpace space, Hyperparameters resolved) {
    double[] x = new double[space.dims()];
    Map<String, String> values = resolved.asMap();
    for (int j = 0; j < x.length; j++) {
      x[j] = space.coordinate(j, values.get(space.name(j)));
      if (Double.isNaN(x[j])) {
        return null;
      }
    }
    return x;
  }

  private static Map<String, String> values(SearchSpace space, double[] x) {
    Map<String, String> v = new LinkedHashMap<>();
    for (int j = 0; j < x.length; j++) {
      v.put(space.name(j), space.value(j, x[j]));
    }
    return v;
  }

  /**
   * Reports a finished trial; progress runs to 0.5, from where AutoML's comparison stopped when one
   * ran first ({@link AutoMlSelection#AUTOML_SHARE}).
   */
  private void report(String versionArn, TrialRun t, int done, int total, boolean afterAutoMl) {
    if (listener == null) {
      return;
    }
    listener.onHpoTrial(versionArn, t.result);
    double from = afterAutoMl ? AutoMlSelection.AUTOML_SHARE : 0;
    listener.onProgress(
        versionArn,
        from + (0.5 - from) * done / total,
        String.format(
            Locale.ROOT,
            "HPO trial %d of %d: %s = %s",
            t.number,
            total,
            t.result.objectiveMetricName(),
            t.result.objectiveValue() == null ? "failed" : t.result.objectiveValue()));
  }

  private static Thread thread(Runnable r) {
    Thread t = new Thread(r, "openpersonalize-hpo");
    t.setDaemon(true);
    return t;
  }
}
