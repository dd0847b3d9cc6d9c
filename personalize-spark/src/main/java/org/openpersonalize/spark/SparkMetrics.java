package org.openpersonalize.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.openpersonalize.recipes.AlsPayload;
import org.openpersonalize.recipes.UserPersonalizationRecipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.TopK;

/**
 * Offline metrics on spec §8's split, computed on Spark the way the engine's {@code OfflineMetrics}
 * computes them in process: 10 % of the users with at least two interactions are held out (the same
 * seeded shuffle), a model is trained on the others, and each held-out user's oldest 90 % of
 * interactions are folded in to rank the newest 10 % (top 25, input items removed). The held-out
 * model is finished as training finishes it (cold items blended, the fold-in's regularisation and
 * metadata prior) and broadcast as a recipe payload without user vectors; each task reads it with
 * the recipe's own {@code readModel} and folds in with the model's own code, as the engine does.
 */
final class SparkMetrics {
  static final int[] KS = {5, 10, 25};
  static final int MAX_K = 25;

  private SparkMetrics() {}

  /** Per-partition sums: metric totals and the set of recommended items. */
  record Sums(double[] totals, long[] recommended) implements Serializable {
    Sums plus(Sums o) {
      double[] t = totals.clone();
      for (int j = 0; j < t.length; j++) {
        t[j] += o.totals[j];
      }
      long[] r = recommended.clone();
      for (int j = 0; j < r.length; j++) {
        r[j] |= o.recommended[j];
      }
      return new Sums(t, r);
    }
  }

  /**
   * Trains on the training users and scores the held-out ones.
   *
   * @return the metrics, or an empty map when too few users can be held out
   */
  static Map<String, Double> evaluate(
      SparkSession spark,
      SparkFeaturizer.Features f,
      SparkAls.Params p,
      long seed,
      SparkAls.ProgressLog log) {
    int numUsers = f.userIds().length;
    int numItems = f.itemIds().length;
    List<Row> perUser = f.selected().groupBy("u").count().orderBy("u").collectAsList();
    int active = perUser.size();
    int c = 0;
    int[] candidates = new int[active];
    for (Row r : perUser) {
      if (r.getLong(1) >= 2) {
        candidates[c++] = r.getInt(0);
      }
    }
    candidates = Arrays.copyOf(candidates, c);
    // The engine's deterministic shuffle picks the test users (Fisher–Yates, same seed mix).
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = candidates.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = candidates[i];
      candidates[i] = candidates[j];
      candidates[j] = t;
    }
    int numTest = Math.min(candidates.length, (int) Math.round(active * 0.10));
    if (numTest == 0) {
      return Map.of();
    }
    List<Integer> test = new ArrayList<>(numTest);
    for (int k = 0; k < numTest; k++) {
      test.add(candidates[k]);
    }
    Dataset<Row> testUsers = spark.createDataset(test, Encoders.INT()).toDF("u");
    Dataset<Row> train =
        f.selected()
            .join(
                broadcast(testUsers),
                f.selected().col("u").equalTo(testUsers.col("u")),
                "left_anti");
    SparkAls.Factors m =
        SparkAls.train(
            spark,
            train,
            numUsers,
            numItems,
            p,
            seed,
            f.metadata(),
            (fr, msg) -> log.progress(fr / 2, "held-out model: " + msg));
    // Only the items side and the fold-in's settings are needed to score histories.
    SparkAls.Factors itemsOnly =
        new SparkAls.Factors(
            m.k(), 0, numItems, new float[0], m.y(), m.coldUser(), m.gramY(), m.itemUsers());
    byte[] payload =
        ModelFile.payload(
            itemsOnly,
            p,
            new AlsPayload.Extras(
                List.of(), null, f.metadata(), m.itemUsers(), p.metadataPriorWeight()));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<byte[]> model = jsc.broadcast(payload);
    Sums total =
        f.selected()
            .join(broadcast(testUsers), "u")
            .groupBy("u")
            .agg(collect_list(struct(col("ts"), col("i"))).as("h"))
            .javaRDD()
            .mapPartitions(
                rows -> List.of(scoreUsers(rows, readModel(model.value()), numItems)).iterator())
            .reduce(Sums::plus);
    model.destroy();
    int covered = 0;
    for (long w : total.recommended()) {
      covered += Long.bitCount(w);
    }
    double[] t = total.totals();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("coverage", numItems == 0 ? 0.0 : covered / (double) numItems);
    metrics.put("mean_reciprocal_rank_at_25", t[0] / numTest);
    for (int ki = 0; ki < KS.length; ki++) {
      metrics.put("normalized_discounted_cumulative_gain_at_" + KS[ki], t[1 + ki] / numTest);
    }
    for (int ki = 0; ki < KS.length; ki++) {
      metrics.put("precision_at_" + KS[ki], t[1 + KS.length + ki] / numTest);
    }
    return metrics;
  }

  private static Model readModel(byte[] payload) throws IOException {
    return new UserPersonalizationRecipe().readModel(new ByteArrayInputStream(payload));
  }

  private static Sums scoreUsers(Iterator<Row> rows, Model model, int numItems) {
    double[] totals = new double[1 + 2 * KS.length];
    long[] recommended = new long[(numItems + 63) >>> 6];
    float[] scores = new float[numItems];
    long[] exclude = new long[(numItems + 63) >>> 6];
    TopK heap = new TopK(MAX_K);
    int[] top = new int[MAX_K];
    float[] topScores = new float[MAX_K];
    while (rows.hasNext()) {
      List<Row> h = rows.next().getList(1);
      int n = h.size();
      long[] ts = new long[n];
      int[] item = new int[n];
      for (int e = 0; e < n; e++) {
        ts[e] = h.get(e).getLong(0);
        item[e] = h.get(e).getInt(1);
      }
      // Oldest first; equal times in item order, which is the engine's stored order.
      int[] order = new int[n];
      for (int e = 0; e < n; e++) {
        order[e] = e;
      }
      IntArrays.quickSort(
          order,
          (a, b) -> {
            int cmp = Long.compare(ts[a], ts[b]);
            return cmp != 0 ? cmp : Integer.compare(item[a], item[b]);
          });
      int inputLen = Math.max(1, (int) Math.floor(n * 0.9));
      if (inputLen >= n) {
        inputLen = n - 1;
      }
      int[] input = new int[inputLen];
      float[] weights = new float[inputLen];
      Arrays.fill(exclude, 0L);
      for (int e = 0; e < inputLen; e++) {
        input[e] = item[order[e]];
        weights[e] = 1f;
        exclude[input[e] >>> 6] |= 1L << input[e];
      }
      model.scoreItemsForHistory(input, weights, inputLen, scores);
      heap.clear();
      heap.offerAll(scores, 0, numItems, exclude);
      int got = heap.drainTo(top, topScores);
      for (int q = 0; q < got; q++) {
        recommended[top[q] >>> 6] |= 1L << top[q];
      }
      long[] relevant = new long[exclude.length];
      int numRelevant = 0;
      for (int e = inputLen; e < n; e++) {
        int it = item[order[e]];
        if ((exclude[it >>> 6] & (1L << it)) == 0 && (relevant[it >>> 6] & (1L << it)) == 0) {
          relevant[it >>> 6] |= 1L << it;
          numRelevant++;
        }
      }
      if (numRelevant == 0) {
        continue;
      }
      for (int q = 0; q < got; q++) {
        if ((relevant[top[q] >>> 6] & (1L << top[q])) != 0) {
          totals[0] += 1.0 / (q + 1);
          break;
        }
      }
      for (int ki = 0; ki < KS.length; ki++) {
        int kk = KS[ki];
        double dcg = 0;
        int hits = 0;
        for (int q = 0; q < Math.min(kk, got); q++) {
          if ((relevant[top[q] >>> 6] & (1L << top[q])) != 0) {
            dcg += 1.0 / log2(q + 2);
            hits++;
          }
        }
        double idcg = 0;
        for (int q = 0; q < Math.min(kk, numRelevant); q++) {
          idcg += 1.0 / log2(q + 2);
        }
        totals[1 + ki] += dcg / idcg;
        totals[1 + KS.length + ki] += hits / (double) kk;
      }
    }
    return new Sums(totals, recommended);
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }
}
