package org.openpersonalize.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.openpersonalize.api.model.InvalidInputException;

/**
 * The {@code spark-submit} entry point: trains {@code aws-user-personalization} on interactions
 * read by Spark and writes the model file and its metrics (JSON) to any Hadoop file system ({@code
 * hdfs://}, {@code s3a://}, {@code file:}), for the application to import with {@code
 * OpenPersonalize.importSolutionVersion}. See docs/scale-out.md.
 *
 * <pre>
 * spark-submit --class org.openpersonalize.spark.SparkTrainJob app.jar \
 *   --interactions s3a://bucket/interactions/ --format parquet \
 *   --event-type watch --hyperparameters hidden_dimension=64,num_iterations=15 \
 *   --model s3a://bucket/models/up.opm --metrics s3a://bucket/models/up.metrics.json
 * </pre>
 */
public final class SparkTrainJob {
  private SparkTrainJob() {}

  /**
   * Runs the job.
   *
   * @param args {@code --interactions PATH} {@code --model URI} and optionally {@code --format
   *     parquet|csv|json|orc} {@code --items PATH} {@code --users PATH} {@code --item-categorical
   *     C,…} {@code --user-categorical C,…} {@code --event-type T} {@code --event-value-threshold
   *     V} {@code --hyperparameters k=v,…} {@code --seed N} {@code --blocks N} {@code --metrics
   *     URI} {@code --no-metrics}
   * @throws IOException if an output cannot be written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("format", "parquet");
    for (int a = 0; a < args.length; a++) {
      String key = args[a].replaceFirst("^--", "");
      if (key.equals("no-metrics")) {
        o.put(key, "true");
      } else if (a + 1 < args.length) {
        o.put(key, args[++a]);
      } else {
        throw new InvalidInputException(args[a] + " must be followed by a value; got: nothing");
      }
    }
    for (String required : new String[] {"interactions", "model"}) {
      if (!o.containsKey(required)) {
        throw new InvalidInputException("--" + required + " must be given; got: " + o.keySet());
      }
    }
    Map<String, String> hp = new LinkedHashMap<>();
    if (o.containsKey("hyperparameters")) {
      for (String kv : o.get("hyperparameters").split(",")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw new InvalidInputException(
              "--hyperparameters must be name=value pairs separated by commas; got: " + kv);
        }
        hp.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    SparkSession spark = SparkSession.builder().appName("openpersonalize-train").getOrCreate();
    Dataset<Row> interactions = read(spark, o.get("format"), o.get("interactions"));
    Dataset<Row> items =
        o.containsKey("items") ? read(spark, o.get("format"), o.get("items")) : null;
    Dataset<Row> users =
        o.containsKey("users") ? read(spark, o.get("format"), o.get("users")) : null;
    SparkTrainedModel model =
        SparkUserPersonalization.builder()
            .eventType(o.get("event-type"))
            .eventValueThreshold(o.get("event-value-threshold"))
            .hyperParameters(hp)
            .seed(Long.parseLong(o.getOrDefault("seed", "42")))
            .blocks(Integer.parseInt(o.getOrDefault("blocks", "0")))
            .computeMetrics(!o.containsKey("no-metrics"))
            // CSV columns are all text: name the categorical ones, or every column counts.
            .itemCategoricalColumns(names(o.get("item-categorical")))
            .userCategoricalColumns(names(o.get("user-categorical")))
            .progress(
                (fraction, message) -> System.out.printf("%5.1f%% %s%n", 100 * fraction, message))
            .build()
            .train(interactions, items, users);
    write(spark, o.get("model"), model.modelFileBytes());
    if (o.containsKey("metrics")) {
      StringBuilder json =
          new StringBuilder("{\"numInteractions\":").append(model.numInteractions());
      json.append(",\"metrics\":{");
      String sep = "";
      for (Map.Entry<String, Double> m : model.metrics().entrySet()) {
        json.append(sep).append('"').append(m.getKey()).append("\":").append(m.getValue());
        sep = ",";
      }
      json.append("},\"trainingHyperParameters\":{");
      sep = "";
      for (Map.Entry<String, String> h : model.hyperParameters().entrySet()) {
        json.append(sep)
            .append('"')
            .append(h.getKey())
            .append("\":\"")
            .append(h.getValue())
            .append('"');
        sep = ",";
      }
      json.append("}}\n");
      write(spark, o.get("metrics"), json.toString().getBytes(StandardCharsets.UTF_8));
    }
    System.out.println("model written to " + o.get("model") + "; metrics " + model.metrics());
    spark.stop();
  }

  private static List<String> names(String commaSeparated) {
    if (commaSeparated == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String c : commaSeparated.split(",")) {
      if (!c.isBlank()) {
        out.add(c.trim());
      }
    }
    return out;
  }

  private static Dataset<Row> read(SparkSession spark, String format, String path) {
    var reader = spark.read().format(format);
    if (format.equals("csv")) {
      // Every column as text: inferring types would turn an ID such as "007" into the number 7.
      // TIMESTAMP and EVENT_VALUE are cast where they are used.
      reader = reader.option("header", "true");
    }
    return reader.load(path);
  }

  private static void write(SparkSession spark, String uri, byte[] bytes) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = FileSystem.get(URI.create(uri), spark.sparkContext().hadoopConfiguration());
    Path tmp = new Path(path.getParent(), "." + path.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(bytes);
    }
    fs.delete(path, false);
    if (!fs.rename(tmp, path)) {
      throw new IOException("Cannot rename " + tmp + " to " + path);
    }
  }
}
