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
    return loadEngine(engine, interactions, items, null);
  }

  /** The same with Users data too (the sample Users schema), if given. */
  static String loadEngine(OpenPersonalize engine, Path interactions, Path items, Path users) {
    Personalize p = engine.personalize();
    String group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    load(engine, group, "Interactions", SampleData.INTERACTIONS_SCHEMA, interactions);
    if (items != null) {
      load(engine, group, "Items", SampleData.ITEMS_SCHEMA, items);
    }
    if (users != null) {
      load(engine, group, "Users", SampleData.USERS_SCHEMA, users);
    }
    return group;
  }

  static final StructType ITEMS =
      new StructType()
          .add("ITEM_ID", DataTypes.StringType)
          .add("TITLE", DataTypes.StringType)
          .add("GENRES", DataTypes.StringType)
          .add("YEAR", DataTypes.IntegerType)
          .add("CREATION_TIMESTAMP", DataTypes.LongType);

  static final StructType USERS =
      new StructType()
          .add("USER_ID", DataTypes.StringType)
          .add("AGE", DataTypes.IntegerType)
          .add("MEMBERSHIP", DataTypes.StringType);

  /** Reads a CSV with a header and the given schema. */
  static Dataset<Row> read(Path csv, StructType schema) {
    return spark().read().option("header", "true").schema(schema).csv(csv.toString());
  }

  /** Where {@link #metadataAndRepeats} wrote its three files. */
  record Files3(Path interactions, Path items, Path users) {}

  /**
   * Data that exercises what the recipe learns besides the factors, in the sample schemas: users in
   * five taste clusters who often come back to items they had (more for some event types than
   * others, at gaps from minutes to weeks); items whose genres follow the clusters ({@code
   * |}-separated, sometimes with an empty part), among them items with one or two interactions and
   * items with none; users whose membership follows their cluster, among them users with no
   * interactions.
   */
  static Files3 metadataAndRepeats(Path dir, int users, int items, int events, long seed)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] genres = {"Comedy", "Drama", "Horror", "Action", "Romance"};
    String[] types = {"watch", "click", "purchase"};
    int coldItems = items / 10; // the last tenth: no or few interactions, metadata only
    int activeUsers = users - users / 10; // the last tenth: metadata only
    StringBuilder x = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n");
    int[][] history = new int[activeUsers][];
    int[] size = new int[activeUsers];
    long[] clock = new long[activeUsers];
    for (int u = 0; u < activeUsers; u++) {
      history[u] = new int[events];
      clock[u] = 1_700_000_000L + rnd.nextInt(86_400);
    }
    for (int e = 0; e < events; e++) {
      int u = rnd.nextInt(activeUsers);
      int cluster = u % 5;
      String type = types[rnd.nextInt(types.length)];
      int item;
      if (size[u] > 0 && rnd.nextInt(type.equals("purchase") ? 2 : 6) == 0) {
        item = history[u][size[u] - 1 - rnd.nextInt(Math.min(size[u], 5))]; // a return
      } else if (rnd.nextInt(500) == 0) {
        item = items - coldItems + rnd.nextInt(coldItems / 2); // a rare touch of a cold item
      } else {
        int warm = items - coldItems;
        item =
            rnd.nextInt(5) == 0
                ? rnd.nextInt(warm)
                : Math.min(warm - 1, cluster * (warm / 5) + rnd.nextInt(warm / 5));
      }
      history[u][size[u]++] = item;
      long[] gaps = {60, 1_800, 20_000, 200_000, 1_500_000};
      clock[u] += 1 + rnd.nextInt((int) gaps[rnd.nextInt(gaps.length)]);
      x.append("u").append(u).append(",i").append(item).append(',').append(clock[u]);
      x.append(',').append(type).append(",1.0\n");
    }
    StringBuilder it = new StringBuilder("ITEM_ID,TITLE,GENRES,YEAR,CREATION_TIMESTAMP\n");
    for (int i = 0; i < items; i++) {
      int cluster =
          i < items - coldItems ? Math.min(4, i / Math.max(1, (items - coldItems) / 5)) : i % 5;
      String g = genres[cluster];
      if (rnd.nextInt(3) == 0) {
        g += "|" + genres[rnd.nextInt(genres.length)];
      }
      if (rnd.nextInt(10) == 0) {
        g += "|"; // an empty part, which is no value
      }
      it.append("i").append(i).append(",Title ").append(i).append(',').append(g);
      it.append(',').append(1950 + i % 70).append(',').append(1_690_000_000L + i).append('\n');
    }
    StringBuilder us = new StringBuilder("USER_ID,AGE,MEMBERSHIP\n");
    for (int u = 0; u < users; u++) {
      us.append("u").append(u).append(',').append(18 + u % 50).append(",tier").append(u % 5);
      us.append('\n');
    }
    Path xi = dir.resolve("interactions.csv");
    Path ii = dir.resolve("items.csv");
    Path ui = dir.resolve("users.csv");
    Files.writeString(xi, x, StandardCharsets.UTF_8);
    Files.writeString(ii, it, StandardCharsets.UTF_8);
    Files.writeString(ui, us, StandardCharsets.UTF_8);
    return new Files3(xi, ii, ui);
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
