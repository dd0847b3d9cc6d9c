package org.openpersonalize.engine.internal.hpo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.HpoTrial;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.engine.internal.training.HoldOut;
import org.openpersonalize.engine.internal.training.OfflineMetrics;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;

/** One proposed trial and, once evaluated, its result and loss (lower is better). */
final class TrialRun {
  final int number;
  final double[] x;
  final Map<String, String> values;
  HpoTrial result;
  double loss = Double.POSITIVE_INFINITY;

  /** The loss of each validation user, folds one after another; null if failed or coverage. */
  double[] perUserLoss;

  TrialRun(int number, double[] x, Map<String, String> values) {
    this.number = number;
    this.x = x;
    this.values = values;
  }

  /**
   * Takes the result of an identical run already made (AutoML's run of the chosen recipe with its
   * defaults, on the same folds by the same metric) under this trial's number and values.
   */
  void reuse(TrialRun done) {
    loss = done.loss;
    perUserLoss = done.perUserLoss;
    HpoTrial r = done.result;
    result =
        HpoTrial.builder()
            .trialNumber(number)
            .algorithmHyperParameters(values)
            .objectiveMetricName(r.objectiveMetricName())
            .status(r.status())
            .validationMetrics(r.validationMetrics())
            .objectiveValue(r.objectiveValue())
            .failureReason(r.failureReason())
            .trainingSeconds(r.trainingSeconds())
            .build();
  }

  void evaluate(
      HpoPlan plan,
      Recipe recipe,
      Map<String, String> fixed,
      Featurizer.Selected s,
      DatasetGroupData data,
      HoldOut[] validation,
      int[][] byUser,
      TrainingContext tc) {
    long t0 = System.nanoTime();
    HpoTrial.Builder b =
        HpoTrial.builder()
            .trialNumber(number)
            .algorithmHyperParameters(values)
            .objectiveMetricName(plan.metric());
    try {
      Map<String, String> given = new LinkedHashMap<>(fixed);
      given.putAll(values);
      Hyperparameters hp = recipe.resolveHyperparameters(given);
      // The mean over the folds: one fold's score moves more than good configurations differ.
      // Every non-test user is scored once, in one of the folds; the per-user metrics feed the
      // mean (weighted by users, so each user counts once) and the paired comparison with the
      // defaults (NoiseGuard). Coverage is not a per-user mean: it is averaged over the folds.
      int total = 0;
      for (HoldOut fold : validation) {
        total += fold.users().length;
      }
      boolean perUser = !plan.metric().equals("coverage");
      double[] values = perUser ? new double[total] : null;
      Map<String, Double> metrics = new LinkedHashMap<>();
      int offset = 0;
      for (HoldOut fold : validation) {
        int n = fold.users().length;
        double[] foldValues = perUser ? new double[n] : null;
        double weight = perUser ? n / (double) total : 1.0 / validation.length;
        OfflineMetrics.evaluate(
                recipe,
                hp,
                s,
                data,
                data.items().size(),
                fold,
                byUser,
                tc,
                perUser ? plan.metric() : null,
                foldValues)
            .forEach(
                (k, v) ->
                    metrics.merge(
                        k, k.equals("coverage") ? v / validation.length : v * weight, Double::sum));
        if (perUser) {
          System.arraycopy(foldValues, 0, values, offset, n);
        }
        offset += n;
      }
      Double objective = metrics.get(plan.metric());
      if (objective == null || !Double.isFinite(objective)) {
        throw new InvalidInputException("the validation run gave no " + plan.metric());
      }
      loss = plan.maximize() ? -objective : objective;
      if (values != null) {
        for (int k = 0; k < values.length; k++) {
          values[k] = plan.maximize() ? -values[k] : values[k];
        }
        perUserLoss = values;
      }
      b.status(HpoTrial.COMPLETED).validationMetrics(metrics).objectiveValue(objective);
    } catch (CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      loss = Double.POSITIVE_INFINITY;
      b.status(HpoTrial.FAILED).failureReason(String.valueOf(e.getMessage()));
    }
    result = b.trainingSeconds((System.nanoTime() - t0) / 1e9).build();
  }
}
