package org.openpersonalize.engine.internal.training;

import java.util.Map;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;

/**
 * Spec §8's "trend prediction accuracy" for a trend model (Trending-Now): how much of the actual
 * trend the model foresaw. A user split means nothing for a list that is the same for everyone and
 * lives on time, so the held-out test set is the data's last interval: with {@code T} the newest
 * interaction and {@code L} the model's interval (its learned {@value #INTERVAL_KEY}), the model is
 * trained on the interactions up to {@code T − L}, and an item's actual increase is its count in
 * {@code (T − L, T]} minus its count in {@code (T − 2L, T − L]}. The metric is the summed positive
 * increase of the model's top 25 divided by that of the 25 items that actually increased most; 0
 * when nothing increased or nothing was left to train on (Amazon: "can be 0.0").
 */
final class TrendAccuracy {
  /** The learned parameter by which a model says it ranks trends over intervals of this length. */
  static final String INTERVAL_KEY = "learned.trend_interval_seconds";

  /** The metric's key in GetSolutionMetrics. */
  static final String METRIC = "trend_prediction_accuracy";

  private static final int K = 25;

  private TrendAccuracy() {}

  /**
   * The interval of a trend model, or 0 when the model does not rank trends.
   *
   * @param model a model trained on the data
   * @return seconds, or 0
   */
  static long interval(Model model) {
    String v = model.learnedParameters().get(INTERVAL_KEY);
    if (v == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(v));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Computes the metric.
   *
   * @param recipe the recipe
   * @param hp its hyperparameters
   * @param s the selected interactions
   * @param data the dataset group's data
   * @param interval the model's interval in seconds, positive
   * @param ctx the training context
   * @return {@code {trend_prediction_accuracy: value}}
   */
  static Map<String, Double> evaluate(
      Recipe recipe,
      Hyperparameters hp,
      Featurizer.Selected s,
      DatasetGroupData data,
      long interval,
      TrainingContext ctx) {
    long end = Long.MIN_VALUE;
    for (long t : s.timestamp()) {
      end = Math.max(end, t);
    }
    long cut = minus(end, interval);
    long before = minus(cut, interval);
    int[] test = new int[s.numItems()];
    int[] previous = new int[s.numItems()];
    int n = 0;
    for (int k = 0; k < s.size(); k++) {
      long t = s.timestamp()[k];
      if (t > cut) {
        test[s.item()[k]]++;
      } else {
        n++;
        if (t > before) {
          previous[s.item()[k]]++;
        }
      }
    }
    if (n == 0) {
      return Map.of(METRIC, 0.0);
    }
    int[] u = new int[n];
    int[] it = new int[n];
    long[] ts = new long[n];
    int[] type = s.eventType() == null ? null : new int[n];
    for (int k = 0, m = 0; k < s.size(); k++) {
      if (s.timestamp()[k] <= cut) {
        u[m] = s.user()[k];
        it[m] = s.item()[k];
        ts[m] = s.timestamp()[k];
        if (type != null) {
          type[m] = s.eventType()[k];
        }
        m++;
      }
    }
    Model model =
        recipe.train(
            Featurizer.trainingData(
                data,
                new Featurizer.Selected(
                    s.numUsers(), s.numItems(), u, it, ts, cut, s.excluded(), type)),
            hp,
            ctx);
    float[] scores = new float[s.numItems()];
    OfflineMetrics.scoreHistory(model, new int[0], null, 0, scores, new float[s.numItems()]);
    float[] increase = new float[s.numItems()];
    for (int i = 0; i < increase.length; i++) {
      increase[i] = Math.max(0, test[i] - previous[i]);
    }
    double ideal = sumOfTop(increase, increase);
    double got = sumOfTop(scores, increase);
    return Map.of(METRIC, ideal == 0 ? 0.0 : got / ideal);
  }

  /** The summed {@code value} of the {@value #K} items ranked best by {@code rank}. */
  private static double sumOfTop(float[] rank, float[] value) {
    TopK top = new TopK(K);
    top.offerAll(rank, 0, rank.length);
    int[] idx = new int[K];
    int got = top.drainTo(idx, new float[K]);
    double sum = 0;
    for (int p = 0; p < got; p++) {
      sum += value[idx[p]];
    }
    return sum;
  }

  private static long minus(long t, long d) {
    return t < Long.MIN_VALUE + d ? Long.MIN_VALUE : t - d;
  }
}
