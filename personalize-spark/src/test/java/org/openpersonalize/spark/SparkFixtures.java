package org.openpersonalize.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.sample.SampleData;

/** One local Spark session for all tests (starting one costs seconds), and generated data. */
final class SparkFixtures {
  private static SparkSession spark;

  private SparkFixtures() {}

  /** The shared {@code local[2]} session: two cores, as CI has, small shuffles, no UI. */
  static synchronized SparkSession spark() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .master("local[2]")
              .appName("personalize-spark-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.default.parallelism", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.sql.adaptive.enabled", "false")
              .getOrCreate();
    }
    return spark;
  }

  static final StructType INTERACTIONS =
      new StructType()
          .add("USER_ID", DataTypes.StringType)
          .add("ITEM_ID", DataTypes.StringType)
          .add("TIMESTAMP", DataTypes.LongType)
          .add("EVENT_TYPE", DataTypes.StringType)
          .add("EVENT_VALUE", DataTypes.FloatType);

  /** Reads an interactions CSV as the engine's import would see it. */
  static Dataset<Row> readInteractions(Path csv) {
    return spark().read().option("header", "true").schema(INTERACTIONS).csv(csv.toString());
  }

  /**
   * Writes interactions of {@code users} users over {@code items} items with taste clusters, plus
   * the awkward cases the engine's selection handles: exact duplicates, equal timestamps, several
   * event types, missing values and values at the float-rounding edge of 0.7. Each type is spelled
   * one way: the engine keeps only one spelling when a type appears in several cases.
   */
  static Path awkwardInteractions(Path dir, int users, int items, int events, long seed)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n");
    String[] types = {"watch", "click", "Rate"};
    String[] values = {"0.7", "0.69999", "1.0", "", "0.2", "3"};
    String last = null;
    for (int e = 0; e < events; e++) {
      String line;
      if (last != null && rnd.nextInt(20) == 0) {
        line = last; // an exact duplicate
      } else {
        int u = rnd.nextInt(users);
        int cluster = u % 5;
        int item =
            rnd.nextInt(4) == 0
                ? rnd.nextInt(items)
                : (cluster * (items / 5) + rnd.nextInt(items / 5)) % items;
        long ts = 1_700_000_000L + rnd.nextInt(5000) * 10L; // frequent ties
        line =
            "u"
                + u
                + ",i"
                + item
                + ","
                + ts
                + ","
                + types[rnd.nextInt(types.length)]
                + ","
                + values[rnd.nextInt(values.length)];
      }
      sb.append(line).append('\n');
      last = line;
    }
    Path p = dir.resolve("interactions.csv");
    Files.writeString(p, sb, StandardCharsets.UTF_8);
    return p;
  }

  /** An engine with a dataset group holding the CSV's interactions (and items, if given). */
  static String loadEngine(OpenPersonalize engine, Path interactions, Path items) {
    Personalize p = engine.personalize();
    String group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    load(engine, group, "Interactions", SampleData.INTERACTIONS_SCHEMA, interactions);
    if (items != null) {
      load(engine, group, "Items", SampleData.ITEMS_SCHEMA, items);
    }
    return group;
  }

  private static void load(
      OpenPersonalize engine, String group, String type, String schema, Path csv) {
    Personalize p = engine.personalize();
    String schemaArn =
        p.createSchema(CreateSchemaRequest.builder().name(type + "-schema").schema(schema).build())
            .schemaArn();
    String dataset =
        p.createDataset(
                CreateDatasetRequest.builder()
                    .name(type.toLowerCase(java.util.Locale.ROOT))
                    .datasetGroupArn(group)
                    .datasetType(type)
                    .schemaArn(schemaArn)
                    .build())
            .datasetArn();
    String job =
        p.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName(type + "-import")
                    .datasetArn(dataset)
                    .dataSource(d -> d.dataLocation(csv.toString()))
                    .importMode(ImportMode.FULL)
                    .build())
            .datasetImportJobArn();
    String status = engine.awaitCompletion(job, Duration.ofMinutes(2));
    if (!"ACTIVE".equals(status)) {
      throw new IllegalStateException(type + " import ended " + status);
    }
  }
}
