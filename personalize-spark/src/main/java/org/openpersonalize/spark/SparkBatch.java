package org.openpersonalize.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.spi.Scores;
import org.openpersonalize.spi.TopK;
import scala.Tuple2;

/**
 * Batch inference and batch segment jobs on Spark (spec §7.1, §7.2): Amazon Personalize's {@code
 * CreateBatchInferenceJob} for a USER_PERSONALIZATION solution version and {@code
 * CreateBatchSegmentJob}'s item-affinity output, for user bases too large to score in one JVM.
 *
 * <p>Both read the JSON Lines input Amazon documents ({@code {"userId": "…"}} or {@code {"itemId":
 * "…"}} per line) and write JSON Lines output in its format to a folder of part files, one line per
 * input line: {@code {"input":{"userId":"4638"},"output":{"recommendedItems":[…],
 * "scores":[…]},"error":null}} and {@code {"input":{"itemId":"105"},"output":{"recommendedUsers":
 * […]},"error":null}}. Item scores are the campaign's: the softmax of the user's logits over the
 * whole catalogue. The model comes from a model file in the engine's format, written by {@link
 * SparkTrainedModel#writeTo} or by the engine itself.
 */
public final class SparkBatch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkBatch() {}

  /**
   * Top-{@code numResults} items for each input user, the user's seen items removed — {@code
   * CreateBatchInferenceJob}. A user the model does not know gets the most popular items, as a
   * campaign serves them, with popularity shares as scores.
   *
   * @param spark the session
   * @param modelFile an {@code aws-user-personalization} model file
   * @param input JSON Lines input with a {@code userId} field (e.g. {@code
   *     spark.read().json(path)})
   * @param seen interactions ({@code USER_ID}, {@code ITEM_ID}) whose items are not recommended
   *     again to their user, or null to remove nothing
   * @param numResults items per user, 1 to 500
   * @param outputDir the folder to write part files to (must not exist)
   * @throws InvalidInputException if the model file is damaged or of another recipe, or an argument
   *     is invalid
   */
  public static void recommendItems(
      SparkSession spark,
      Path modelFile,
      Dataset<Row> input,
      Dataset<Row> seen,
      int numResults,
      String outputDir) {
    checkResults(numResults, 500);
    SparkFeaturizer.requireColumns("input", input, "userId");
    ModelFile.Loaded m = load(modelFile);
    Dataset<Row> lines = input.select(col("userId").cast("string").as("userId"));
    if (seen != null) {
      SparkFeaturizer.requireColumns("seen", seen, SparkFeaturizer.USER, SparkFeaturizer.ITEM);
      Dataset<Row> seenItems =
          seen.select(
                  col(SparkFeaturizer.USER).cast("string").as("userId"),
                  col(SparkFeaturizer.ITEM).cast("string").as("item"))
              .groupBy("userId")
              .agg(collect_set("item").as("seen"));
      lines =
          lines
              .join(seenItems, lines.col("userId").eqNullSafe(seenItems.col("userId")), "left")
              .select(lines.col("userId"), seenItems.col("seen"));
    } else {
      lines =
          lines.withColumn("seen", org.apache.spark.sql.functions.lit(null).cast("array<string>"));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ModelFile.Loaded> model = jsc.broadcast(m);
    JavaRDD<String> out =
        lines.javaRDD().mapPartitions(rows -> itemsForUsers(rows, model.value(), numResults));
    spark.createDataset(out.rdd(), Encoders.STRING()).write().text(outputDir);
    model.destroy();
  }

  private static Iterator<String> itemsForUsers(
      Iterator<Row> rows, ModelFile.Loaded m, int numResults) {
    SparkAls.Factors f = m.factors();
    int k = f.k();
    Object2IntOpenHashMap<String> users = index(m.userIds());
    Object2IntOpenHashMap<String> items = index(m.itemIds());
    float[] scores = new float[f.numItems()];
    float[] x = new float[k];
    long[] exclude = new long[(f.numItems() + 63) >>> 6];
    TopK heap = new TopK(numResults);
    int[] top = new int[numResults];
    float[] topScores = new float[numResults];
    List<String> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      String userId = r.getString(0);
      ObjectNode line = JSON.createObjectNode();
      line.putObject("input").put("userId", userId);
      if (userId == null) {
        line.putNull("output");
        line.put("error", "userId must be a string; got: null");
        out.add(line.toString());
        continue;
      }
      int u = users.getInt(userId);
      ObjectNode output = line.putObject("output");
      ArrayNode ids = output.putArray("recommendedItems");
      ArrayNode s = output.putArray("scores");
      java.util.Arrays.fill(exclude, 0L);
      if (!r.isNullAt(1)) {
        for (Object seenId : r.getList(1)) {
          int i = items.getInt((String) seenId);
          if (i >= 0) {
            exclude[i >>> 6] |= 1L << i;
          }
        }
      }
      if (u < 0) {
        popular(m, exclude, numResults, ids, s);
      } else {
        System.arraycopy(f.x(), u * k, x, 0, k);
        for (int i = 0; i < f.numItems(); i++) {
          scores[i] = Kernels.dot(f.y(), i * k, x, 0, k);
        }
        double lse = Scores.logSumExp(scores, f.numItems());
        heap.clear();
        heap.offerAll(scores, 0, f.numItems(), exclude);
        int got = heap.drainTo(top, topScores);
        for (int q = 0; q < got; q++) {
          ids.add(m.itemIds()[top[q]]);
          s.add(Math.exp(topScores[q] - lse));
        }
      }
      line.putNull("error");
      out.add(line.toString());
    }
    return out.iterator();
  }

  private static void popular(
      ModelFile.Loaded m, long[] exclude, int numResults, ArrayNode ids, ArrayNode s) {
    long total = 0;
    for (int c : m.popularity()) {
      total += c;
    }
    int n = 0;
    for (int i : m.popular()) {
      if (n == numResults) {
        break;
      }
      if ((exclude[i >>> 6] & (1L << i)) == 0) {
        ids.add(m.itemIds()[i]);
        s.add(m.popularity()[i] / (double) Math.max(1, total));
        n++;
      }
    }
  }

  /**
   * The {@code numResults} users most likely to interact with each input item — {@code
   * CreateBatchSegmentJob}'s output for an item-affinity segment, from the user-personalization
   * model's scores. Users are scored where they live: each partition of the user index keeps its
   * own top list per item, and the lists are merged per item.
   *
   * @param spark the session
   * @param modelFile an {@code aws-user-personalization} model file
   * @param input JSON Lines input with an {@code itemId} field
   * @param numResults users per item, 1 to 5,000,000
   * @param outputDir the folder to write part files to (must not exist)
   * @throws InvalidInputException if the model file is damaged or of another recipe, or an argument
   *     is invalid
   */
  public static void recommendUsers(
      SparkSession spark, Path modelFile, Dataset<Row> input, int numResults, String outputDir) {
    checkResults(numResults, 5_000_000);
    SparkFeaturizer.requireColumns("input", input, "itemId");
    ModelFile.Loaded m = load(modelFile);
    List<String> itemIds =
        input.select(col("itemId").cast("string")).as(Encoders.STRING()).collectAsList();
    Object2IntOpenHashMap<String> index = index(m.itemIds());
    int[] wanted = new int[itemIds.size()];
    for (int q = 0; q < wanted.length; q++) {
      wanted[q] = itemIds.get(q) == null ? -1 : index.getInt(itemIds.get(q));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ModelFile.Loaded> model = jsc.broadcast(m);
    int slices = Math.max(1, spark.sparkContext().defaultParallelism());
    int numUsers = m.factors().numUsers();
    List<int[]> ranges = new ArrayList<>();
    for (int s = 0; s < slices; s++) {
      ranges.add(
          new int[] {
            (int) ((long) numUsers * s / slices), (int) ((long) numUsers * (s + 1) / slices)
          });
    }
    JavaPairRDD<Integer, Top> partial =
        jsc.parallelize(ranges, slices)
            .flatMapToPair(range -> usersForItems(model.value(), wanted, range, numResults));
    List<Tuple2<Integer, Top>> merged =
        partial.reduceByKey((a, b) -> a.merge(b, numResults)).collect();
    Top[] byLine = new Top[wanted.length];
    for (Tuple2<Integer, Top> t : merged) {
      byLine[t._1()] = t._2();
    }
    List<String> lines = new ArrayList<>();
    for (int q = 0; q < wanted.length; q++) {
      ObjectNode line = JSON.createObjectNode();
      line.putObject("input").put("itemId", itemIds.get(q));
      if (wanted[q] < 0) {
        line.putNull("output");
        line.put(
            "error",
            "itemId must be an item of the model; got: "
                + (itemIds.get(q) == null ? "null" : "\"" + itemIds.get(q) + "\""));
      } else {
        ArrayNode users = line.putObject("output").putArray("recommendedUsers");
        Top t = byLine[q];
        for (int r = 0; t != null && r < t.users().length; r++) {
          users.add(m.userIds()[t.users()[r]]);
        }
        line.putNull("error");
      }
      lines.add(line.toString());
    }
    spark.createDataset(lines, Encoders.STRING()).coalesce(1).write().text(outputDir);
    model.destroy();
  }

  /** One item's best users so far, best first. */
  record Top(int[] users, float[] scores) implements Serializable {
    Top merge(Top o, int n) {
      TopK heap = new TopK(n);
      for (int r = 0; r < users.length; r++) {
        heap.offer(users[r], scores[r]);
      }
      for (int r = 0; r < o.users.length; r++) {
        heap.offer(o.users[r], o.scores[r]);
      }
      int[] u = new int[heap.size()];
      float[] s = new float[u.length];
      heap.drainTo(u, s);
      return new Top(u, s);
    }
  }

  private static Iterator<Tuple2<Integer, Top>> usersForItems(
      ModelFile.Loaded m, int[] wanted, int[] range, int numResults) {
    SparkAls.Factors f = m.factors();
    int k = f.k();
    List<Tuple2<Integer, Top>> out = new ArrayList<>();
    float[] y = new float[k];
    float[] scores = new float[range[1] - range[0]];
    TopK heap = new TopK(numResults);
    for (int q = 0; q < wanted.length; q++) {
      if (wanted[q] < 0) {
        continue;
      }
      System.arraycopy(f.y(), wanted[q] * k, y, 0, k);
      for (int u = range[0]; u < range[1]; u++) {
        scores[u - range[0]] = Kernels.dot(f.x(), u * k, y, 0, k);
      }
      heap.clear();
      for (int u = range[0]; u < range[1]; u++) {
        heap.offer(u, scores[u - range[0]]);
      }
      int[] users = new int[heap.size()];
      float[] s = new float[users.length];
      heap.drainTo(users, s);
      out.add(new Tuple2<>(q, new Top(users, s)));
    }
    return out.iterator();
  }

  private static ModelFile.Loaded load(Path modelFile) {
    Objects.requireNonNull(modelFile, "modelFile");
    try {
      return ModelFile.read(Files.readAllBytes(modelFile), modelFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read model file " + modelFile + ": " + e, e);
    }
  }

  private static Object2IntOpenHashMap<String> index(String[] ids) {
    Object2IntOpenHashMap<String> map = new Object2IntOpenHashMap<>(ids.length);
    map.defaultReturnValue(-1);
    for (int i = 0; i < ids.length; i++) {
      map.put(ids[i], i);
    }
    return map;
  }

  private static void checkResults(int numResults, int max) {
    if (numResults < 1 || numResults > max) {
      throw new InvalidInputException(
          "numResults must be between 1 and " + max + "; got: " + numResults);
    }
  }
}
