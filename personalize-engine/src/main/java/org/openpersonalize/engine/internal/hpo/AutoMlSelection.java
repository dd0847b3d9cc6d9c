package org.openpersonalize.engine.internal.hpo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.openpersonalize.api.model.AutoMLConfig;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.engine.TrainingProgressListener;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.engine.internal.training.HoldOut;
import org.openpersonalize.engine.internal.training.OfflineMetrics;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;

/**
 * AutoML (spec §9.5): at an AutoML solution's first training, each recipe of its {@code
 * autoMLConfig.recipeList} trains with its defaults on the same validation folds as a
 * hyperparameter search ({@value HpoSearch#FOLDS} folds covering every user the version's test
 * hold-out trains on, {@link HoldOut#validation}) and is scored by the config's metric; the best
 * mean wins (ties to the earlier recipe in the list), the solution records it (DescribeSolution's
 * {@code autoMLResult.bestRecipeArn}) and the version then trains it on all the data. Later
 * versions of the solution train the chosen recipe, as Amazon's solution has one AutoML result.
 * Nothing is generic to a recipe family: any USER_PERSONALIZATION recipe of the catalogue can be
 * listed.
 *
 * <p>Under {@code performHPO} (AutoML's default, spec §9.5 "HPO is implied") the version then tunes
 * the chosen recipe ({@link TuningSchedule#forAutoMl}, {@link HpoSearch}) on the same folds: the
 * {@link Choice} carries the chosen recipe's validation run with its defaults, which is the
 * search's first trial, so it is not trained again.
 */
public final class AutoMlSelection {
  private static final System.Logger LOG = System.getLogger(AutoMlSelection.class.getName());

  /**
   * The share of a version's progress the comparison reports, up to 0.25: the search that may
   * follow ({@link HpoSearch}) reports from there to 0.5 and the training the rest, so the fraction
   * a listener sees never goes back.
   */
  static final double AUTOML_SHARE = 0.25;

  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final TrainingProgressListener listener;

  /**
   * What AutoML chose: the solution with its recipe, and the chosen recipe's validation run with
   * its defaults (the first trial of the search that follows under {@code performHPO}).
   */
  public static final class Choice {
    private final SolutionRecord solution;
    final String recipeArn;
    final String metric;
    final TrialRun defaults;

    Choice(SolutionRecord solution, String recipeArn, String metric, TrialRun defaults) {
      this.solution = solution;
      this.recipeArn = recipeArn;
      this.metric = metric;
      this.defaults = defaults;
    }

    /**
     * A recipe taken without a comparison (the data is below the minimum, and the version fails).
     *
     * @param solution the solution with the recipe
     * @return the choice, with no validation run
     */
    public static Choice unscored(SolutionRecord solution) {
      return new Choice(solution, solution.recipeArn(), null, null);
    }

    /**
     * The solution with its chosen recipe.
     *
     * @return the solution
     */
    public SolutionRecord solution() {
      return solution;
    }
  }

  /**
   * Creates the selector.
   *
   * @param ctx the engine context
   * @param recipes the catalogue
   * @param listener receives progress, or null
   */
  public AutoMlSelection(
      EngineContext ctx, RecipeCatalog recipes, TrainingProgressListener listener) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.listener = listener;
  }

  /**
   * Compares the listed recipes and records the winner on the solution.
   *
   * @param versionArn the version whose training runs the comparison
   * @param solution the AutoML solution, without a recipe yet
   * @param data the dataset group's data
   * @param cancelled true once the version should stop
   * @return the solution with its chosen recipe and that recipe's validation run, or null when the
   *     data is below a recipe's minimum (the version's training then fails with the reason, and
   *     nothing is chosen)
   * @throws InternalFailureException when every recipe failed on validation
   */
  public Choice choose(
      String versionArn,
      SolutionRecord solution,
      DatasetGroupData data,
      BooleanSupplier cancelled) {
    AutoMLConfig config = solution.config().autoMLConfig();
    String metric = config.metricName();
    HpoPlan plan = new HpoPlan(SearchSpace.builder().build(), metric, true, 1, 1);
    TrainingContext tc =
        TrainingContext.builder()
            .seed(solution.seed())
            .executor(ctx.trainingExecutor())
            .parallelism(ctx.parallelism())
            .cancellation(cancelled)
            .build();
    List<String> list = config.recipeList();
    String best = null;
    TrialRun bestRun = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    List<String> report = new ArrayList<>();
    for (int k = 0; k < list.size(); k++) {
      Recipe recipe = recipes.require("solutionConfig.autoMLConfig.recipeList", list.get(k));
      Featurizer.Selected s =
          Featurizer.cap(
              Featurizer.select(data, solution.selection(), ctx.now().getEpochSecond()),
              data.itemMetadata(),
              Featurizer.Caps.forRecipe(recipe.recipeArn()));
      if (Featurizer.checkMinimum(s, solution.selection()) != null) {
        return null;
      }
      int[][] byUser = OfflineMetrics.byUser(s);
      HoldOut[] folds = HoldOut.validation(byUser, solution.seed(), HpoSearch.FOLDS);
      TrialRun run = new TrialRun(k + 1, new double[0], Map.of());
      run.evaluate(plan, recipe, Map.of(), s, data, folds, byUser, tc);
      Double value = run.result.objectiveValue();
      report.add(
          recipe.recipeArn()
              + " "
              + (value == null ? "failed: " + run.result.failureReason() : fmt(value)));
      if (value != null && value > bestValue) {
        bestValue = value;
        best = recipe.recipeArn();
        bestRun = run;
      }
      progress(versionArn, AUTOML_SHARE * (k + 1) / list.size(), "AutoML: " + report.get(k));
    }
    if (best == null) {
      throw new InternalFailureException(
          "AutoML could not train any of solutionConfig.autoMLConfig.recipeList on validation"
              + " users: "
              + report
              + "; create the solution with a recipeArn instead",
          false,
          null);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "AutoML of " + solution.arn() + " by " + metric + ": " + report + "; chose " + best);
    String chosen = best;
    SolutionRecord recorded =
        ctx.store()
            .inTransaction(
                c -> {
                  SolutionRecord current = Resources.find(c, Kinds.SOLUTION, solution.arn());
                  if (current == null) {
                    return solution.withRecipe(chosen);
                  }
                  if (current.recipeArn() != null) {
                    return current; // another training chose first; its choice stands
                  }
                  SolutionRecord updated = current.withRecipe(chosen);
                  Resources.update(c, updated);
                  return updated;
                });
    return new Choice(recorded, chosen, metric, bestRun);
  }

  private void progress(String versionArn, double fraction, String message) {
    if (listener != null) {
      listener.onProgress(versionArn, fraction, message);
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
