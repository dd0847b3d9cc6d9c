package org.openpersonalize.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.openpersonalize.recipes.AlsPayload;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.TrainingData;

/**
 * Implicit ALS with conjugate-gradient row solves, distributed over Spark: the interaction matrix
 * lives in the executors as hash-partitioned row blocks (users × items and its transpose), each
 * half-iteration broadcasts the fixed side's factors and Gram matrix and solves every block's rows
 * in its own task, and the driver gathers the solved side (which the model file holds anyway). The
 * arithmetic per row, the initialisation from the seed, the confidence {@code 1 + α·w}, the recency
 * weights and the history-length percentiles are those of the in-process {@code
 * aws-user-personalization} recipe, so the two train the same model from the same data.
 */
final class SparkAls {
  private SparkAls() {}

  /** Training settings: the recipe's hyperparameters plus the number of row blocks. */
  record Params(
      int factors,
      int iterations,
      int cgSteps,
      float alpha,
      float lambda,
      boolean recency,
      int bptt,
      double minUserPercentile,
      double maxUserPercentile,
      boolean repeatAwareness,
      float foldInLambda,
      float metadataPriorWeight,
      int blocks)
      implements Serializable {

    static Params from(Hyperparameters hp, int blocks) {
      return new Params(
          hp.intValue("hidden_dimension"),
          hp.intValue("num_iterations"),
          hp.intValue("cg_steps"),
          (float) hp.doubleValue("confidence_alpha"),
          (float) hp.doubleValue("regularization"),
          hp.booleanValue("recency_mask"),
          hp.intValue("bptt"),
          hp.doubleValue("min_user_history_length_percentile"),
          hp.doubleValue("max_user_history_length_percentile"),
          hp.booleanValue("repeat_awareness"),
          (float) hp.doubleValue("fold_in_regularization"),
          (float) hp.doubleValue("metadata_prior_weight"),
          blocks);
    }

    /**
     * The fold-in's system matrix from training's {@code YᵀY + λI}: real-time fold-ins use their
     * own regularisation, added to the diagonal as the recipe adds it (in float, then widened).
     */
    double[] foldInGram(double[] gramY, int k) {
      double[] g = gramY.clone();
      for (int a = 0; a < k; a++) {
        g[a * k + a] += foldInLambda - lambda;
      }
      return g;
    }
  }

  /**
   * A trained factor model, held by the driver.
   *
   * @param k factors per vector
   * @param x user factors, row-major
   * @param y item factors, row-major
   * @param coldUser the vector of users without interactions (the mean trained user)
   * @param gramY {@code YᵀY + λI} of the final item vectors in double (training's λ; {@link
   *     Params#foldInGram} makes the model's)
   * @param itemUsers per item, its number of training users (users outside the percentile band not
   *     counted); null for a model read back from a file
   */
  record Factors(
      int k,
      int numUsers,
      int numItems,
      float[] x,
      float[] y,
      float[] coldUser,
      double[] gramY,
      int[] itemUsers)
      implements Serializable {}

  /**
   * The matrix entries the solver sees: one row per distinct (user, item) pair of the selected
   * interactions with {@code cm1 = α·Σ w}, where each event weighs 1 times its recency multiplier
   * (by how many of the user's events are newer, ties in item order), and {@code skip} marking
   * users outside the history-length percentile band.
   */
  static Dataset<Row> entries(Dataset<Row> selected, Params p) {
    Column w = lit(1.0f);
    if (p.recency()) {
      Column newer =
          row_number()
              .over(Window.partitionBy("u").orderBy(col("ts").desc(), col("i").desc()))
              .minus(1);
      w =
          when(newer.lt(p.bptt()), lit(1.0))
              .otherwise(
                  greatest(
                      lit((double) Kernels.RECENCY_FLOOR),
                      pow(lit(0.5), newer.minus(p.bptt() - 1).divide(p.bptt()))))
              .cast("float");
    }
    Dataset<Row> pairs =
        selected
            .withColumn("w", w)
            .groupBy("u", "i")
            .agg(sum("w").cast("float").as("w"))
            .withColumn("cm1", col("w").multiply(lit(p.alpha())).cast("float"))
            .withColumn("len", count(lit(1)).over(Window.partitionBy("u")))
            .select("u", "i", "cm1", "len")
            .persist(StorageLevel.MEMORY_AND_DISK());
    // Nearest-rank percentiles of the users' numbers of distinct items, as the recipe cuts them.
    List<Row> histogram =
        pairs.select("u", "len").distinct().groupBy("len").count().orderBy("len").collectAsList();
    long nonEmpty = 0;
    for (Row r : histogram) {
      nonEmpty += r.getLong(1);
    }
    long lo = 0;
    long hi = Long.MAX_VALUE;
    if (nonEmpty > 0) {
      lo = lengthAtRank(histogram, nearestRank(p.minUserPercentile(), nonEmpty));
      hi = lengthAtRank(histogram, nearestRank(p.maxUserPercentile(), nonEmpty));
    }
    return pairs.withColumn("skip", col("len").lt(lo).or(col("len").gt(hi))).drop("len");
  }

  private static long nearestRank(double p, long n) {
    return (long) Math.max(0, Math.min(n - 1, Math.ceil(p * n) - 1));
  }

  private static long lengthAtRank(List<Row> histogram, long rank) {
    long seen = 0;
    for (Row r : histogram) {
      seen += r.getLong(1);
      if (rank < seen) {
        return r.getLong(0);
      }
    }
    throw new IllegalStateException("rank " + rank + " beyond " + seen);
  }

  /**
   * Trains on the selected interactions ({@code u}, {@code i}, {@code ts}), then applies the
   * recipe's rules for cold items and users without interactions with the categorical {@code
   * metadata} (null for none), on the driver.
   */
  static Factors train(
      SparkSession spark,
      Dataset<Row> selected,
      int numUsers,
      int numItems,
      Params p,
      long seed,
      TrainingData metadata,
      ProgressLog log) {
    int k = p.factors();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Dataset<Row> entries = entries(selected, p);
    JavaRDD<RowBlock> users =
        entries
            .select(col("u"), col("i"), col("cm1"), col("skip"))
            .repartition(p.blocks(), col("u"))
            .sortWithinPartitions("u", "i")
            .javaRDD()
            .mapPartitions(it -> List.of(RowBlock.of(it, true)).iterator())
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaRDD<RowBlock> items =
        entries
            .filter(col("skip").equalTo(false))
            .select(col("i"), col("u"), col("cm1"))
            .repartition(p.blocks(), col("i"))
            .sortWithinPartitions("i", "u")
            .javaRDD()
            .mapPartitions(it -> List.of(RowBlock.of(it, false)).iterator())
            .persist(StorageLevel.MEMORY_AND_DISK());

    // Small positive item vectors drawn in item order from the seed, as the recipe initialises.
    float[] y = new float[numItems * k];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int e = 0; e < y.length; e++) {
      y[e] = (float) (rng.nextDouble() * 0.01);
    }
    double[] gy = new double[k * k];
    Kernels.addGram(y, numItems, k, gy);
    Broadcast<float[]> init = jsc.broadcast(y);
    float[] x = new float[numUsers * k];
    int steps = p.cgSteps();
    for (int it = 0; it < p.iterations(); it++) {
      Broadcast<float[]> fixed = jsc.broadcast(y);
      Broadcast<float[]> gram = jsc.broadcast(Kernels.withLambdaAsFloat(gy, k, p.lambda()));
      JavaRDD<RowBlock> solvedUsers =
          users.map(b -> solve(b, fixed.value(), gram.value(), null, k, steps));
      double[] gx = new double[k * k];
      x = gather(solvedUsers, numUsers, k, gx);
      users.unpersist(false);
      users = solvedUsers;
      // Unpersist, not destroy: the cached solved blocks keep their closure, which names these
      // broadcasts, and a destroyed broadcast cannot even be serialised with it. The driver's copy
      // goes once that RDD is dropped next iteration.
      fixed.unpersist(false);
      gram.unpersist(false);
      log.progress((it + 0.5) / p.iterations(), "iteration " + (it + 1) + ": users solved");

      Broadcast<float[]> fixedX = jsc.broadcast(x);
      Broadcast<float[]> gramX = jsc.broadcast(Kernels.withLambdaAsFloat(gx, k, p.lambda()));
      Broadcast<float[]> start = it == 0 ? init : null;
      JavaRDD<RowBlock> solvedItems =
          items.map(
              b ->
                  solve(
                      b,
                      fixedX.value(),
                      gramX.value(),
                      start == null ? null : start.value(),
                      k,
                      steps));
      gy = new double[k * k];
      y = gather(solvedItems, numItems, k, gy);
      items.unpersist(false);
      items = solvedItems;
      fixedX.unpersist(false);
      gramX.unpersist(false);
      log.progress((it + 1.0) / p.iterations(), "iteration " + (it + 1) + ": items solved");
    }
    init.unpersist(false);

    // Each item's number of training users: the item blocks' row lengths (users outside the
    // percentile band are not in them, as in the recipe's transposed matrix).
    int[] itemUsers = new int[numItems];
    for (int[][] part : items.map(b -> new int[][] {b.rows, b.ptr}).collect()) {
      for (int r = 0; r < part[0].length; r++) {
        itemUsers[part[0][r]] = part[1][r + 1] - part[1][r];
      }
    }
    // Items with fewer than five users lean on their metadata, by the recipe's own code; the Gram
    // matrix follows the vectors that changed.
    if (metadata != null && !metadata.itemCategoricalColumns().isEmpty()) {
      float[] before = y.clone();
      AlsPayload.blendColdItems(metadata, y, itemUsers, k);
      for (int i = 0; i < numItems; i++) {
        if (!Arrays.equals(before, i * k, i * k + k, y, i * k, i * k + k)) {
          Kernels.addOuter(before, i * k, k, -1, gy);
          Kernels.addOuter(y, i * k, k, 1, gy);
        }
      }
    }
    double[] gramY = Kernels.withLambda(gy, k, p.lambda());

    // Users outside the percentile band are folded in against the final item vectors, and the
    // trained users' mean becomes the vector of users without interactions.
    Broadcast<float[]> finalY = jsc.broadcast(y);
    Broadcast<double[]> finalGram = jsc.broadcast(gramY);
    List<Part> blocks =
        users
            .map(
                b ->
                    new Part(
                        b.rows,
                        foldInSkipped(b, finalY.value(), finalGram.value(), k),
                        b.skip,
                        null))
            .collect();
    float[] coldUser = new float[k];
    double[] coldSum = new double[k];
    long trained = 0;
    boolean[] covered = new boolean[numUsers];
    boolean[] warm = new boolean[numUsers];
    x = new float[numUsers * k];
    for (Part b : blocks) {
      for (int r = 0; r < b.rows().length; r++) {
        int u = b.rows()[r];
        covered[u] = true;
        System.arraycopy(b.state(), r * k, x, u * k, k);
        if (!b.skip()[r]) {
          warm[u] = true;
          for (int j = 0; j < k; j++) {
            coldSum[j] += b.state()[r * k + j];
          }
          trained++;
        }
      }
    }
    if (trained > 0) {
      for (int j = 0; j < k; j++) {
        coldUser[j] = (float) (coldSum[j] / trained);
      }
    }
    // Users without interactions: their metadata's prior, else the mean trained user.
    boolean[] need = new boolean[numUsers];
    for (int u = 0; u < numUsers; u++) {
      need[u] = !covered[u];
    }
    AlsPayload.fillColdUsers(metadata, x, warm, need, coldUser, k);
    finalY.destroy();
    finalGram.destroy();
    users.unpersist(false);
    items.unpersist(false);
    entries.unpersist(false);
    log.progress(1.0, "trained");
    return new Factors(k, numUsers, numItems, x, y, coldUser, gramY, itemUsers);
  }

  /** Solves every non-skipped row of a block against the broadcast fixed side. */
  static RowBlock solve(RowBlock b, float[] fixed, float[] gram, float[] init, int k, int steps) {
    float[] state;
    if (b.state != null) {
      state = b.state.clone();
    } else {
      state = new float[b.rows.length * k];
      if (init != null) {
        for (int r = 0; r < b.rows.length; r++) {
          System.arraycopy(init, b.rows[r] * k, state, r * k, k);
        }
      }
    }
    Kernels.Scratch s = new Kernels.Scratch(k);
    for (int r = 0; r < b.rows.length; r++) {
      if (b.skip != null && b.skip[r]) {
        continue; // left out of training; stays zero, as in the recipe
      }
      Kernels.conjugateGradient(
          state, r * k, b.idx, b.cm1, b.ptr[r], b.ptr[r + 1], fixed, gram, k, steps, s);
    }
    return b.withState(state);
  }

  private static float[] foldInSkipped(RowBlock b, float[] y, double[] gramY, int k) {
    float[] state = b.state.clone();
    for (int r = 0; r < b.rows.length; r++) {
      if (b.skip[r]) {
        int from = b.ptr[r];
        int len = b.ptr[r + 1] - from;
        float[] v =
            Kernels.solveExact(
                gramY,
                y,
                k,
                Arrays.copyOfRange(b.idx, from, from + len),
                Arrays.copyOfRange(b.cm1, from, from + len),
                len);
        System.arraycopy(v, 0, state, r * k, k);
      }
    }
    return state;
  }

  /** What a solved block sends to the driver: its rows' factors and their Gram matrix. */
  record Part(int[] rows, float[] state, boolean[] skip, double[] gram) implements Serializable {
    static Part of(RowBlock b, int k) {
      double[] g = new double[k * k];
      Kernels.addGram(b.state, b.rows.length, k, g);
      return new Part(b.rows, b.state, b.skip, g);
    }
  }

  /**
   * Caches the solved blocks, brings their factors to the driver (rows without entries stay zero,
   * as the recipe's solver leaves them) and adds their Gram matrices into {@code gram} in partition
   * order, so the sum does not depend on task timing. The matrix entries never leave the executors.
   */
  private static float[] gather(JavaRDD<RowBlock> solved, int n, int k, double[] gram) {
    solved.persist(StorageLevel.MEMORY_AND_DISK());
    // Cut the lineage at every half-iteration: otherwise each task would carry the whole chain of
    // earlier solves (and their broadcast factors) with it. With a checkpoint directory set the
    // cut is reliable (an executor lost later costs a recomputation from the checkpoint); without
    // one it is local to the executors, and losing one fails the training run.
    if (solved.context().getCheckpointDir().isDefined()) {
      solved.checkpoint();
    } else {
      solved.rdd().localCheckpoint();
    }
    List<Part> parts = solved.map(b -> Part.of(b, k)).collect();
    float[] out = new float[n * k];
    for (Part b : parts) {
      for (int r = 0; r < b.rows().length; r++) {
        System.arraycopy(b.state(), r * k, out, b.rows()[r] * k, k);
      }
      for (int j = 0; j < gram.length; j++) {
        gram[j] += b.gram()[j];
      }
    }
    return out;
  }

  /** Where training reports progress. */
  interface ProgressLog {
    void progress(double fraction, String message);
  }
}
