package org.openpersonalize.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.recipes.UserPersonalizationRecipe;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * The measurements behind docs/scale-out.md and docs/benchmarks.md: on generated interactions
 * (taste clusters, power-law popularity, about 50 events per user), times the Spark path (this
 * module's distributed CG ALS, featurization included), Spark MLlib's implicit ALS on the same
 * selected pairs, and the in-process recipe on the same selection, in one JVM and one run, and
 * scores each model on the users' held-out latest interaction (HR@10, nDCG@10, 2,000 users).
 *
 * <pre>
 * mvn -pl personalize-spark exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.openpersonalize.spark.SparkScaleBenchmark \
 *   -Dexec.args="--sizes 1000000,5000000 --modes cg,mllib,inprocess --rank 64 --iters 15"
 * </pre>
 *
 * A size may name its own modes, {@code --sizes 5000000:inprocess+cg,1000000:cg}. Not a unit test:
 * it runs for minutes and prints {@code PROGRESS} lines (wall and CPU seconds, load) as training
 * goes, so an unfinished run still tells the cost of a sweep, and a {@code RESULT} line per mode
 * (appended as JSON to {@code --out}) with wall and CPU seconds.
 */
public final class SparkScaleBenchmark {
  private SparkScaleBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --sizes N,N,…} {@code --modes cg,mllib,inprocess} {@code --rank R} {@code
   *     --iters I} {@code --items M} {@code --master URL} {@code --work DIR} {@code --out FILE}
   * @throws IOException if the results file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("sizes", "1000000");
    o.put("modes", "cg,mllib,inprocess");
    o.put("rank", "64");
    o.put("iters", "15");
    o.put("items", "20000");
    o.put("master", "local[2]");
    o.put("work", "target/scale-benchmark");
    o.put("out", "target/scale-benchmark/results.jsonl");
    for (int a = 0; a + 1 < args.length; a += 2) {
      o.put(args[a].replaceFirst("^--", ""), args[a + 1]);
    }
    SparkSession spark =
        SparkSession.builder()
            .master(o.get("master"))
            .appName("openpersonalize-scale-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.driver.host", "127.0.0.1")
            .getOrCreate();
    Path work = Path.of(o.get("work"));
    Files.createDirectories(work);
    int rank = Integer.parseInt(o.get("rank"));
    int iters = Integer.parseInt(o.get("iters"));
    int numItems = Integer.parseInt(o.get("items"));
    // An entry is a size, or size:mode+mode to run other modes than --modes at that size.
    for (String entry : o.get("sizes").split(",")) {
      String[] parts = entry.trim().split(":");
      long n = Long.parseLong(parts[0]);
      String modes = parts.length > 1 ? parts[1].replace('+', ',') : o.get("modes");
      Path data = work.resolve("interactions-" + n + ".parquet");
      if (!Files.exists(data)) {
        generate(spark, n, numItems).write().parquet(data.toString());
      }
      Dataset<Row> all = spark.read().parquet(data.toString());
      // Hold out each user's latest interaction; every model trains on the rest.
      Dataset<Row> ranked =
          all.withColumn(
              "r",
              row_number()
                  .over(Window.partitionBy("USER_ID").orderBy(desc("TIMESTAMP"), desc("ITEM_ID"))));
      Dataset<Row> train = ranked.filter(col("r").gt(1)).drop("r").cache();
      long trainSize = train.count();
      List<Row> heldOut =
          ranked.filter(col("r").equalTo(1)).orderBy("USER_ID").limit(20000).collectAsList();
      for (String mode : modes.split(",")) {
        String loadBefore = load1();
        Map<String, Object> r = run(spark, mode.trim(), train, heldOut, rank, iters);
        r.put("interactions", trainSize);
        r.put("ns_per_interaction_iteration", 1e9 * (double) r.get("seconds") / trainSize / iters);
        r.put("load1", loadBefore + "-" + load1());
        StringBuilder json = new StringBuilder("{");
        StringBuilder line = new StringBuilder("RESULT");
        r.forEach(
            (k, v) -> {
              json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":");
              json.append(v instanceof String ? "\"" + v + "\"" : v);
              line.append(' ').append(k).append('=').append(v);
            });
        json.append("}\n");
        System.out.println(line);
        Files.writeString(
            Path.of(o.get("out")),
            json,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
      train.unpersist();
    }
    spark.stop();
  }

  private static String load1() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  /**
   * CPU seconds of the whole JVM so far: in {@code local[n]} mode Spark's executors are threads of
   * this process, so this counts the driver, the tasks, GC and the JIT. Unlike wall time it does
   * not grow with what other processes on the machine do (beyond cache and memory contention).
   */
  static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /** Prints one progress event with wall and CPU seconds since the mode started. */
  private static void progress(String mode, long t0, double cpu0, double fraction, String msg) {
    System.out.printf(
        Locale.ROOT,
        "PROGRESS mode=%s wall=%.1f cpu=%.1f load1=%s fraction=%.3f %s%n",
        mode,
        (System.nanoTime() - t0) / 1e9,
        cpuSeconds() - cpu0,
        load1(),
        fraction,
        msg);
  }

  /** Interactions of about {@code n / 50} users over {@code numItems} items, 20 taste clusters. */
  static Dataset<Row> generate(SparkSession spark, long n, int numItems) {
    long numUsers = Math.max(100, n / 50);
    int clusters = 20;
    int perCluster = numItems / clusters;
    Column id = col("id");
    Column r1 = uniform(id, 1);
    Column r2 = uniform(id, 2);
    Column r3 = uniform(id, 3);
    // Heavy users: user = numUsers · r^1.5 gives a long tail of light users.
    Column user = floor(pow(r1, 1.5).multiply(numUsers)).cast("long");
    Column cluster = pmod(user.multiply(7919L), lit((long) clusters));
    // Popularity follows a power law inside a cluster and across the catalogue.
    Column inCluster = cluster.multiply(perCluster).plus(floor(pow(r2, 2.0).multiply(perCluster)));
    Column anywhere = floor(pow(r2, 3.0).multiply(numItems));
    Column item = when(r3.lt(0.8), inCluster).otherwise(anywhere).cast("long");
    return spark
        .range(0, n, 1, 8)
        .select(
            concat(lit("u"), user.cast("string")).as("USER_ID"),
            concat(lit("i"), item.cast("string")).as("ITEM_ID"),
            lit(1_600_000_000L).plus(id).as("TIMESTAMP"));
  }

  private static Column uniform(Column id, long salt) {
    return pmod(xxhash64(id, lit(salt)), lit(1_000_000_007L)).divide(1_000_000_007.0);
  }

  private static Map<String, Object> run(
      SparkSession spark, String mode, Dataset<Row> train, List<Row> heldOut, int rank, int iters) {
    Map<String, String> hp =
        Map.of(
            "hidden_dimension", Integer.toString(rank), "num_iterations", Integer.toString(iters));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("mode", mode);
    r.put("rank", rank);
    r.put("iters", iters);
    long t0 = System.nanoTime();
    double cpu0 = cpuSeconds();
    String[] userIds;
    String[] itemIds;
    float[] x;
    float[] y;
    SparkFeaturizer.Features f = null;
    switch (mode) {
      case "cg" -> {
        long[] firstProgress = {0, 0};
        double[] cpuAt = {0, 0};
        SparkTrainedModel m =
            SparkUserPersonalization.builder()
                .hyperParameters(hp)
                .computeMetrics(false)
                .progress(
                    (fr, msg) -> {
                      if (firstProgress[0] == 0) {
                        firstProgress[0] = System.nanoTime();
                        cpuAt[0] = cpuSeconds();
                      }
                      if (fr >= 1.0) {
                        firstProgress[1] = System.nanoTime();
                        cpuAt[1] = cpuSeconds();
                      }
                      progress(mode, t0, cpu0, fr, msg);
                    })
                .build()
                .train(train);
        long end = System.nanoTime();
        double cpuEnd = cpuSeconds();
        r.put("seconds", (end - t0) / 1e9);
        r.put("cpu_seconds", cpuEnd - cpu0);
        // Before the first sweep: selection, dictionaries, weights, blocks (the first progress
        // report comes after the first half-iteration, so it includes that too).
        r.put("featurize_seconds", (firstProgress[0] - t0) / 1e9);
        r.put("featurize_cpu_seconds", cpuAt[0] - cpu0);
        r.put("solve_seconds", (firstProgress[1] - firstProgress[0]) / 1e9);
        r.put("solve_cpu_seconds", cpuAt[1] - cpuAt[0]);
        // After the sweeps: cold rules, repeat counts, popularity, the model file.
        r.put("finish_seconds", (end - firstProgress[1]) / 1e9);
        r.put("finish_cpu_seconds", cpuEnd - cpuAt[1]);
        userIds = m.userIds();
        itemIds = m.itemIds();
        x = m.factors().x();
        y = m.factors().y();
      }
      case "mllib" -> {
        f = features(spark, train);
        Dataset<Row> pairs =
            f.selected().groupBy("u", "i").count().withColumn("rating", col("count").cast("float"));
        long t1 = System.nanoTime();
        ALSModel model =
            new ALS()
                .setImplicitPrefs(true)
                .setRank(rank)
                .setMaxIter(iters)
                .setRegParam(0.01)
                .setAlpha(40)
                .setSeed(42)
                .setUserCol("u")
                .setItemCol("i")
                .setRatingCol("rating")
                .setNumBlocks(Math.max(2, spark.sparkContext().defaultParallelism()))
                .fit(pairs);
        r.put("cpu_seconds", cpuSeconds() - cpu0);
        userIds = f.userIds();
        itemIds = f.itemIds();
        x = collect(model.userFactors(), userIds.length, rank);
        y = collect(model.itemFactors(), itemIds.length, rank);
        r.put("seconds", (System.nanoTime() - t0) / 1e9);
        r.put("featurize_seconds", (t1 - t0) / 1e9);
      }
      case "inprocess" -> {
        f = features(spark, train);
        List<Row> rows = f.selected().collectAsList();
        int n = rows.size();
        int[] u = new int[n];
        int[] i = new int[n];
        long[] ts = new long[n];
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
          u[k] = rows.get(k).getInt(0);
          i[k] = rows.get(k).getInt(1);
          ts[k] = rows.get(k).getLong(2);
          w[k] = 1f;
        }
        rows = null;
        // As the engine hands it over: one event type, "" (the data has no EVENT_TYPE column).
        TrainingData data =
            TrainingData.builder(f.userIds().length, f.itemIds().length)
                .interactions(u, i, ts, w)
                .eventTypes(List.of(""), new int[n])
                .build();
        UserPersonalizationRecipe recipe = new UserPersonalizationRecipe();
        Hyperparameters resolved = recipe.resolveHyperparameters(hp);
        ForkJoinPool pool = new ForkJoinPool(2);
        long t1 = System.nanoTime();
        double cpu1 = cpuSeconds();
        r.put("featurize_seconds", (t1 - t0) / 1e9);
        r.put("featurize_cpu_seconds", cpu1 - cpu0);
        Model model =
            recipe.train(
                data,
                resolved,
                TrainingContext.builder()
                    .seed(42)
                    .executor(pool)
                    .parallelism(2)
                    .progressListener((fr, msg) -> progress(mode, t1, cpu1, fr, msg))
                    .build());
        r.put("seconds", (System.nanoTime() - t1) / 1e9);
        r.put("cpu_seconds", cpuSeconds() - cpu1);
        pool.shutdown();
        // Evaluated through the model's own scoring, as a campaign would score.
        r.putAll(evaluate(heldOut, f.userIds(), f.itemIds(), train, model::scoreItemsForUser));
        f.selected().unpersist();
        return r;
      }
      default ->
          throw new IllegalArgumentException("mode must be cg, mllib or inprocess; got: " + mode);
    }
    if (f != null) {
      f.selected().unpersist();
    }
    float[] xs = x;
    float[] ys = y;
    int items = itemIds.length;
    r.putAll(
        evaluate(
            heldOut,
            userIds,
            itemIds,
            train,
            (user, out) -> {
              for (int i = 0; i < items; i++) {
                out[i] = Kernels.dot(ys, i * rank, xs, user * rank, rank);
              }
            }));
    return r;
  }

  private static SparkFeaturizer.Features features(SparkSession spark, Dataset<Row> train) {
    return SparkFeaturizer.select(
        spark, train, null, null, Featurizer.Selection.of(null, null), false);
  }

  private static float[] collect(Dataset<Row> factors, int n, int k) {
    float[] out = new float[n * k];
    for (Row r : factors.collectAsList()) {
      int id = r.getInt(0);
      List<Float> v = r.getList(1);
      for (int j = 0; j < k; j++) {
        out[id * k + j] = v.get(j);
      }
    }
    return out;
  }

  interface Scorer {
    void score(int user, float[] out);
  }

  /** HR@10 and nDCG@10 of the held-out item among the items the user did not train on. */
  private static Map<String, Object> evaluate(
      List<Row> heldOut, String[] userIds, String[] itemIds, Dataset<Row> train, Scorer scorer) {
    Map<String, Integer> users = new java.util.HashMap<>();
    for (int u = 0; u < userIds.length; u++) {
      users.put(userIds[u], u);
    }
    Map<String, Integer> items = new java.util.HashMap<>();
    for (int i = 0; i < itemIds.length; i++) {
      items.put(itemIds[i], i);
    }
    List<Row> sample = new ArrayList<>();
    for (int q = 0; q < heldOut.size() && sample.size() < 2000; q += 10) {
      Row h = heldOut.get(q);
      if (users.containsKey(h.getString(0)) && items.containsKey(h.getString(1))) {
        sample.add(h);
      }
    }
    List<String> ids = new ArrayList<>();
    for (Row h : sample) {
      ids.add(h.getString(0));
    }
    Map<String, List<String>> seen = new java.util.HashMap<>();
    for (Row s :
        train
            .filter(col("USER_ID").isin(ids.toArray()))
            .select("USER_ID", "ITEM_ID")
            .collectAsList()) {
      seen.computeIfAbsent(s.getString(0), k -> new ArrayList<>()).add(s.getString(1));
    }
    float[] scores = new float[itemIds.length];
    double hits = 0;
    double ndcg = 0;
    for (Row h : sample) {
      scorer.score(users.get(h.getString(0)), scores);
      for (String s : seen.getOrDefault(h.getString(0), List.of())) {
        scores[items.get(s)] = Float.NEGATIVE_INFINITY;
      }
      int target = items.get(h.getString(1));
      float t = scores[target];
      int above = 0;
      for (int i = 0; i < scores.length; i++) {
        if (scores[i] > t) {
          above++;
        }
      }
      if (t != Float.NEGATIVE_INFINITY && above < 10) {
        hits++;
        ndcg += 1.0 / (Math.log(above + 2) / Math.log(2));
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("eval_users", sample.size());
    r.put("hr10", String.format(Locale.ROOT, "%.4f", hits / Math.max(1, sample.size())));
    r.put("ndcg10", String.format(Locale.ROOT, "%.4f", ndcg / Math.max(1, sample.size())));
    return r;
  }
}
