package org.openpersonalize.engine.internal.training;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

/**
 * Offline metrics as Amazon Personalize computes them (spec §8): users are split 90/10; the model
 * is trained on the 90 %; for each held-out user, the oldest 90 % of their interactions are the
 * input history and the newest 10 % the relevant items. Recommendations (top 25, the user's input
 * items removed) come from the model's real-time path — scoring from the history, as a new user's
 * events would be — so the metrics measure what a campaign serves. The history is handed over as
 * serving hands it ({@link UserHistory}): each event's item, weight 1, timestamp and {@code
 * EVENT_TYPE}, oldest first, and the user's index in the model (held-out users stay in the training
 * data's user dictionary, with their Users-dataset row if any, as a user with events newer than the
 * model is in a campaign's). Sequence models read the time gaps between events, and HRNN-Metadata
 * the user's metadata; models that ignore either score as before.
 *
 * <p>Keys: {@code coverage}, {@code mean_reciprocal_rank_at_25}, {@code
 * normalized_discounted_cumulative_gain_at_5/10/25}, {@code precision_at_5/10/25}.
 */
public final class OfflineMetrics {
  static final int[] KS = {5, 10, 25};
  static final int MAX_K = 25;

  private OfflineMetrics() {}

  /**
   * Trains on the training users and scores the held-out users.
   *
   * @param recipe the recipe
   * @param hp its hyperparameters
   * @param s the selected interactions
   * @param data the dataset group's data (for its metadata columns)
   * @param totalItems distinct items in the Interactions and Items datasets (coverage's
   *     denominator)
   * @param seed the split and training seed
   * @param ctx the training context (progress, cancellation, threads)
   * @return the metrics, or an empty map if there are too few users to hold any out
   */
  public static Map<String, Double> evaluate(
      Recipe recipe,
      Hyperparameters hp,
      Featurizer.Selected s,
      DatasetGroupData data,
      int totalItems,
      long seed,
      TrainingContext ctx) {
    int[][] byUser = byUser(s);
    return evaluate(recipe, hp, s, data, totalItems, HoldOut.test(byUser, seed), byUser, ctx);
  }

  /**
   * The metric keys {@link #evaluate} produces, in its order (hyperparameter optimisation checks an
   * objective's {@code metricName} against these).
   *
   * @return the keys
   */
  public static java.util.List<String> names() {
    java.util.List<String> out = new java.util.ArrayList<>();
    out.add("coverage");
    out.add("mean_reciprocal_rank_at_25");
    for (int k : KS) {
      out.add("normalized_discounted_cumulative_gain_at_" + k);
    }
    for (int k : KS) {
      out.add("precision_at_" + k);
    }
    return out;
  }

  /**
   * Trains on every user but the held-out and excluded ones and scores the held-out users: the
   * version's metrics (the test hold-out) and each hyperparameter-optimisation trial (a validation
   * hold-out carved from the test split's training users, {@link HoldOut#validation}).
   *
   * @param recipe the recipe
   * @param hp its hyperparameters
   * @param s the selected interactions
   * @param data the dataset group's data
   * @param totalItems coverage's denominator
   * @param holdOut who is scored and who is left out of training
   * @param byUser {@link #byUser} of {@code s}
   * @param ctx the training context
   * @return the metrics, or an empty map if nobody is held out
   */
  public static Map<String, Double> evaluate(
      Recipe recipe,
      Hyperparameters hp,
      Featurizer.Selected s,
      DatasetGroupData data,
      int totalItems,
      HoldOut holdOut,
      int[][] byUser,
      TrainingContext ctx) {
    return evaluate(recipe, hp, s, data, totalItems, holdOut, byUser, ctx, null, null);
  }

  /**
   * {@link #evaluate(Recipe, Hyperparameters, Featurizer.Selected, DatasetGroupData, int, HoldOut,
   * int[][], TrainingContext)} that also records one metric per held-out user, so that
   * hyperparameter optimisation can tell a real difference between two configurations from the
   * noise of which users happen to be held out (a paired comparison over the same users).
   *
   * @param perUserMetric a key of {@link #names} other than {@code coverage}, or null
   * @param perUser receives that metric of {@code holdOut.users()[k]} at {@code k} (length at least
   *     the number of held-out users), or null
   * @return the metrics, or an empty map if nobody is held out
   */
  public static Map<String, Double> evaluate(
      Recipe recipe,
      Hyperparameters hp,
      Featurizer.Selected s,
      DatasetGroupData data,
      int totalItems,
      HoldOut holdOut,
      int[][] byUser,
      TrainingContext ctx,
      String perUserMetric,
      double[] perUser) {
    // Which per-user value to record: -1 for MRR, else the index into KS of nDCG (0..) or
    // precision (KS.length..); -2 for none.
    int record = -2;
    if (perUser != null && perUserMetric != null) {
      if (perUserMetric.equals("mean_reciprocal_rank_at_25")) {
        record = -1;
      }
      for (int ki = 0; ki < KS.length; ki++) {
        if (perUserMetric.equals("normalized_discounted_cumulative_gain_at_" + KS[ki])) {
          record = ki;
        } else if (perUserMetric.equals("precision_at_" + KS[ki])) {
          record = KS.length + ki;
        }
      }
    }
    int[] candidates = holdOut.users();
    int numTest = candidates.length;
    if (numTest == 0) {
      return Map.of();
    }
    boolean[] isTest = holdOut.excluded();
    // Training set: every interaction of the training users.
    int n = 0;
    for (int k = 0; k < s.size(); k++) {
      if (!isTest[s.user()[k]]) {
        n++;
      }
    }
    int[] u = new int[n];
    int[] it = new int[n];
    long[] ts = new long[n];
    int[] type = s.eventType() == null ? null : new int[n];
    int m = 0;
    for (int k = 0; k < s.size(); k++) {
      if (!isTest[s.user()[k]]) {
        u[m] = s.user()[k];
        it[m] = s.item()[k];
        ts[m] = s.timestamp()[k];
        if (type != null) {
          type[m] = s.eventType()[k];
        }
        m++;
      }
    }
    TrainingData train =
        Featurizer.trainingData(
            data,
            new Featurizer.Selected(
                s.numUsers(), s.numItems(), u, it, ts, s.reference(), s.excluded(), type));
    Model model = recipe.train(train, hp, ctx);

    float[] scores = new float[s.numItems()];
    float[] itemScores = new float[s.numItems()];
    int[] top = new int[MAX_K];
    float[] topScores = new float[MAX_K];
    TopK heap = new TopK(MAX_K);
    long[] exclude = new long[(s.numItems() + 63) >>> 6];
    double[] ndcg = new double[KS.length];
    double[] precision = new double[KS.length];
    double mrr = 0;
    boolean[] recommended = new boolean[s.numItems()];
    String[] typeNames = eventTypeNames(s, data);
    for (int k = 0; k < numTest; k++) {
      int user = candidates[k];
      int[] history = byUser[user]; // interaction indices, oldest first
      int inputLen = Math.max(1, (int) Math.floor(history.length * 0.9));
      if (inputLen >= history.length) {
        inputLen = history.length - 1;
      }
      int[] input = new int[inputLen];
      float[] weights = new float[inputLen];
      long[] times = new long[inputLen];
      String[] types = typeNames == null ? null : new String[inputLen];
      Arrays.fill(exclude, 0L);
      for (int h = 0; h < inputLen; h++) {
        input[h] = s.item()[history[h]];
        weights[h] = 1f;
        times[h] = s.timestamp()[history[h]];
        if (types != null) {
          int t = s.eventType()[history[h]];
          types[h] = t < 0 || t >= typeNames.length ? null : typeNames[t];
        }
        exclude[input[h] >>> 6] |= 1L << input[h];
      }
      IntOpenHashSet relevant = new IntOpenHashSet();
      for (int h = inputLen; h < history.length; h++) {
        int item = s.item()[history[h]];
        if ((exclude[item >>> 6] & (1L << item)) == 0) {
          relevant.add(item);
        }
      }
      UserHistory events = UserHistory.of(input, weights, times, types, inputLen);
      scoreHistory(
          model, user < model.numUsers() ? events.withUserIdx(user) : events, scores, itemScores);
      heap.clear();
      heap.offerAll(scores, 0, scores.length, exclude);
      int got = heap.drainTo(top, topScores);
      for (int p = 0; p < got; p++) {
        recommended[top[p]] = true;
      }
      if (record != -2) {
        perUser[k] = 0;
      }
      if (relevant.isEmpty()) {
        continue; // counts as a user with every metric 0, as the denominator below includes it
      }
      double rr = 0;
      for (int p = 0; p < got; p++) {
        if (relevant.contains(top[p])) {
          rr = 1.0 / (p + 1);
          break;
        }
      }
      mrr += rr;
      if (record == -1) {
        perUser[k] = rr;
      }
      for (int ki = 0; ki < KS.length; ki++) {
        int kk = KS[ki];
        double dcg = 0;
        int hits = 0;
        for (int p = 0; p < Math.min(kk, got); p++) {
          if (relevant.contains(top[p])) {
            dcg += 1.0 / log2(p + 2);
            hits++;
          }
        }
        double idcg = 0;
        for (int p = 0; p < Math.min(kk, relevant.size()); p++) {
          idcg += 1.0 / log2(p + 2);
        }
        ndcg[ki] += dcg / idcg;
        precision[ki] += hits / (double) kk;
        if (record == ki) {
          perUser[k] = dcg / idcg;
        } else if (record == KS.length + ki) {
          perUser[k] = hits / (double) kk;
        }
      }
    }
    int covered = 0;
    for (boolean r : recommended) {
      if (r) {
        covered++;
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("coverage", totalItems == 0 ? 0.0 : covered / (double) totalItems);
    metrics.put("mean_reciprocal_rank_at_25", mrr / numTest);
    for (int ki = 0; ki < KS.length; ki++) {
      metrics.put("normalized_discounted_cumulative_gain_at_" + KS[ki], ndcg[ki] / numTest);
    }
    for (int ki = 0; ki < KS.length; ki++) {
      metrics.put("precision_at_" + KS[ki], precision[ki] / numTest);
    }
    return metrics;
  }

  /** Items a related-items model recommends for a history: the most recent items' neighbours. */
  static final int RELATED_HISTORY = 20;

  /**
   * The names of the selected interactions' event types by index (the dataset group's event-type
   * dictionary), or null when the selection carries no types.
   */
  private static String[] eventTypeNames(Featurizer.Selected s, DatasetGroupData data) {
    if (s.eventType() == null || data == null || data.interactions() == null) {
      return null;
    }
    var dict = data.interactions().eventTypes();
    String[] names = new String[dict.size()];
    for (int t = 0; t < names.length; t++) {
      names[t] = dict.id(t);
    }
    return names;
  }

  /**
   * Scores every item for a user known only by a history without times or types: {@link
   * #scoreHistory(Model, UserHistory, float[], float[])} of those events.
   */
  static void scoreHistory(
      Model model, int[] input, float[] weights, int n, float[] scores, float[] scratch) {
    scoreHistory(model, UserHistory.of(input, weights, null, null, n), scores, scratch);
  }

  /**
   * Scores every item for a user known only by a history: the model's own fold-in where it has one
   * (with the events' times and types and the user's model index, as serving passes them); for a
   * related-items model, the summed similarities to the {@value #RELATED_HISTORY} most recent
   * history items (an item-based recommender); else the model's same-for-everyone list.
   */
  static void scoreHistory(Model model, UserHistory history, float[] scores, float[] scratch) {
    int n = history.size();
    if (model.supports(ModelCapability.ITEMS_FOR_HISTORY)) {
      model.scoreItemsForHistory(history, scores);
    } else if (model.supports(ModelCapability.ITEMS_FOR_ITEM)) {
      Arrays.fill(scores, 0f);
      for (int h = Math.max(0, n - RELATED_HISTORY); h < n; h++) {
        model.scoreItemsForItem(history.itemIdx(h), scratch);
        for (int i = 0; i < scores.length; i++) {
          scores[i] += scratch[i];
        }
      }
    } else {
      model.scoreItemsForUser(0, scores);
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /** Interaction indices of each user, oldest first (ties by stored order). */
  public static int[][] byUser(Featurizer.Selected s) {
    int[] count = new int[s.numUsers()];
    for (int u : s.user()) {
      count[u]++;
    }
    int[][] out = new int[s.numUsers()][];
    for (int u = 0; u < out.length; u++) {
      out[u] = new int[count[u]];
      count[u] = 0;
    }
    for (int k = 0; k < s.size(); k++) {
      int u = s.user()[k];
      out[u][count[u]++] = k;
    }
    long[] ts = s.timestamp();
    for (int[] h : out) {
      sortByTime(h, ts);
    }
    return out;
  }

  private static void sortByTime(int[] idx, long[] ts) {
    // Insertion sort: histories arrive nearly sorted (the store keeps them by user and time).
    for (int i = 1; i < idx.length; i++) {
      int v = idx[i];
      int j = i - 1;
      while (j >= 0 && (ts[idx[j]] > ts[v] || (ts[idx[j]] == ts[v] && idx[j] > v))) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = v;
    }
  }

  static int[] usersWithAtLeast(int[][] byUser, int min) {
    int c = 0;
    for (int[] h : byUser) {
      if (h.length >= min) {
        c++;
      }
    }
    int[] out = new int[c];
    int k = 0;
    for (int u = 0; u < byUser.length; u++) {
      if (byUser[u].length >= min) {
        out[k++] = u;
      }
    }
    return out;
  }
}
