package org.openpersonalize.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.spi.TrainingData;

/**
 * The engine's training-data selection (spec §2.2) on Spark DataFrames, producing the same
 * interactions the engine's {@code TrainingDataLoader} and {@code Featurizer} would: exact
 * duplicates removed, the solution's event type kept (case-insensitive), events below the
 * event-value threshold dropped (compared as the engine stores values, in float), and the minimum
 * data checked with the engine's messages. User and item indices follow the sorted IDs, which is
 * also the engine's tie order for events with equal timestamps.
 */
final class SparkFeaturizer {
  static final String USER = "USER_ID";
  static final String ITEM = "ITEM_ID";
  static final String TIME = "TIMESTAMP";
  static final String TYPE = "EVENT_TYPE";
  static final String VALUE = "EVENT_VALUE";

  private SparkFeaturizer() {}

  /**
   * The selected interactions with their dictionaries.
   *
   * @param userIds user index → ID (sorted)
   * @param itemIds item index → ID (sorted)
   * @param selected one row per kept interaction: {@code u} (int), {@code i} (int), {@code ts}
   *     (long), {@code t} (int, the index of its {@code EVENT_TYPE} in {@code eventTypes}, or −1
   *     without one), cached
   * @param numSelected how many interactions were kept
   * @param itemCreation item index → {@code CREATION_TIMESTAMP} of the Items data, or {@code
   *     Long.MIN_VALUE}; null without Items data
   * @param eventTypes the distinct {@code EVENT_TYPE}s of all interactions (sorted), then {@code
   *     ""} when a kept interaction has none: the types the engine hands the recipe
   * @param noType the index of {@code ""} in {@code eventTypes}, or −1 when every kept interaction
   *     has a type
   * @param metadata the Items and Users categorical columns over these dictionaries (no
   *     interactions), or null when there are none
   * @param dictionaries the cached ID → index frames, to release with the rest
   */
  record Features(
      String[] userIds,
      String[] itemIds,
      Dataset<Row> selected,
      long numSelected,
      long[] itemCreation,
      List<String> eventTypes,
      int noType,
      TrainingData metadata,
      List<Dataset<Row>> dictionaries) {

    /** Releases the cached frames. */
    void release() {
      selected.unpersist();
      for (Dataset<Row> d : dictionaries) {
        d.unpersist();
      }
    }
  }

  /** {@link #select} with every string column of the Items and Users data as categorical. */
  static Features select(
      SparkSession spark,
      Dataset<Row> interactions,
      Dataset<Row> items,
      Dataset<Row> users,
      Featurizer.Selection selection,
      boolean checkMinimum) {
    return select(spark, interactions, items, users, null, null, selection, checkMinimum);
  }

  /**
   * Selects the interactions a solution trains on.
   *
   * @param interactions {@code USER_ID}, {@code ITEM_ID}, {@code TIMESTAMP} (epoch seconds), and
   *     optionally {@code EVENT_TYPE}, {@code EVENT_VALUE} and other columns (which count for
   *     de-duplication only)
   * @param items optional Items data ({@code ITEM_ID}, optional {@code CREATION_TIMESTAMP}), or
   *     null
   * @param users optional Users data ({@code USER_ID}), or null
   * @param itemColumns the Items columns that are categorical (schema {@code "categorical": true}),
   *     or null for every string column but the ID
   * @param userColumns the same for the Users data
   * @param selection the solution's event type and threshold
   * @param checkMinimum whether to refuse data below spec §2.1's minimums
   */
  static Features select(
      SparkSession spark,
      Dataset<Row> interactions,
      Dataset<Row> items,
      Dataset<Row> users,
      List<String> itemColumns,
      List<String> userColumns,
      Featurizer.Selection selection,
      boolean checkMinimum) {
    requireColumns("interactions", interactions, USER, ITEM, TIME);
    List<String> itemCategorical =
        items == null ? List.of() : categorical("items", items, ITEM, itemColumns);
    List<String> userCategorical =
        users == null ? List.of() : categorical("users", users, USER, userColumns);
    boolean hasType = has(interactions, TYPE);
    boolean hasValue = has(interactions, VALUE);
    Dataset<Row> x = interactions.distinct();
    Row nulls =
        x.agg(
                sum(when(col(USER).isNull(), 1).otherwise(0)),
                sum(when(col(ITEM).isNull(), 1).otherwise(0)),
                sum(when(col(TIME).isNull(), 1).otherwise(0)))
            .first();
    String[] names = {USER, ITEM, TIME};
    for (int c = 0; c < names.length; c++) {
      if (!nulls.isNullAt(c) && nulls.getLong(c) > 0) {
        throw new InvalidInputException(
            "interactions."
                + names[c]
                + " must not be null; got: "
                + nulls.getLong(c)
                + " rows without it");
      }
    }
    Dataset<Row> userIdRows = x.select(col(USER).cast("string").as(USER));
    if (users != null) {
      requireColumns("users", users, USER);
      userIdRows = userIdRows.union(users.select(col(USER).cast("string").as(USER)));
    }
    Dataset<Row> itemIdRows = x.select(col(ITEM).cast("string").as(ITEM));
    if (items != null) {
      requireColumns("items", items, ITEM);
      itemIdRows = itemIdRows.union(items.select(col(ITEM).cast("string").as(ITEM)));
    }
    Dictionary userDict = Dictionary.of(spark, userIdRows, USER, "u");
    Dictionary itemDict = Dictionary.of(spark, itemIdRows, ITEM, "i");

    Dataset<Row> kept = x;
    if (selection.eventType() != null) {
      if (!hasType) {
        kept = kept.filter(lit(false)); // the engine finds no event of the type: nothing is kept
      } else {
        kept =
            kept.filter(lower(col(TYPE)).equalTo(selection.eventType().toLowerCase(Locale.ROOT)));
      }
    }
    if (!Double.isNaN(selection.eventValueThreshold())) {
      if (!hasValue) {
        kept = kept.filter(lit(false)); // no value fails any threshold, as in the engine
      } else {
        // The engine stores EVENT_VALUE as a float and compares that with the threshold.
        kept = kept.filter(col(VALUE).cast("float").geq(lit(selection.eventValueThreshold())));
      }
    }
    // Event types as the engine keeps them: every spelling in the data (not only the selected
    // type), case-sensitive; the recipe learns repeat rates per type.
    List<String> typeNames = new ArrayList<>();
    Dataset<Row> typed;
    if (hasType) {
      typeNames.addAll(
          x.select(col(TYPE).cast("string").as(TYPE))
              .filter(col(TYPE).isNotNull())
              .distinct()
              .orderBy(TYPE)
              .as(Encoders.STRING())
              .collectAsList());
      List<Row> typeRows = new ArrayList<>();
      for (int t = 0; t < typeNames.size(); t++) {
        typeRows.add(RowFactory.create(typeNames.get(t), t));
      }
      Dataset<Row> typeIndex =
          spark.createDataFrame(
              typeRows,
              new StructType()
                  .add("et", DataTypes.StringType, false)
                  .add("t", DataTypes.IntegerType, false));
      typed =
          kept.withColumn("et", col(TYPE).cast("string"))
              .join(broadcast(typeIndex), "et", "left")
              .withColumn("t", coalesce(col("t"), lit(-1)));
    } else {
      typed = kept.withColumn("t", lit(-1));
    }
    Dataset<Row> selected =
        typed
            .select(
                col(USER).cast("string").as(USER),
                col(ITEM).cast("string").as(ITEM),
                col(TIME).cast("long").as("ts"),
                col("t"))
            .join(userDict.frame(), USER)
            .join(itemDict.frame(), ITEM)
            .select(col("u"), col("i"), col("ts"), col("t"))
            .cache();
    Row stats =
        selected
            .groupBy("u")
            .agg(count(lit(1)).as("count"), sum(when(col("t").lt(0), 1).otherwise(0)).as("none"))
            .agg(
                sum(col("count")),
                sum(when(col("count").geq(2), 1).otherwise(0)),
                sum(lit(1)),
                sum(col("none")))
            .first();
    long n = stats.isNullAt(0) ? 0 : stats.getLong(0);
    long withTwo = stats.isNullAt(1) ? 0 : stats.getLong(1);
    long active = stats.isNullAt(2) ? 0 : stats.getLong(2);
    long untyped = stats.isNullAt(3) ? 0 : stats.getLong(3);
    if (checkMinimum) {
      String tooLittle = minimumFailure(n, withTwo, active, selection);
      if (tooLittle != null) {
        selected.unpersist();
        userDict.frame().unpersist();
        itemDict.frame().unpersist();
        throw new InvalidInputException(tooLittle);
      }
    }
    int noType = -1;
    if (untyped > 0) {
      noType = typeNames.size();
      typeNames.add("");
    }
    TrainingData metadata = null;
    if (!itemCategorical.isEmpty() || !userCategorical.isEmpty()) {
      TrainingData.Builder b =
          TrainingData.builder(userDict.ids().length, itemDict.ids().length)
              .interactions(new int[0], new int[0], new long[0], new float[0]);
      for (String c : itemCategorical) {
        Csr csr = Csr.of(spark, items, ITEM, itemDict, "i", c);
        b.itemCategorical(c, csr.numValues(), csr.offsets(), csr.values());
      }
      for (String c : userCategorical) {
        Csr csr = Csr.of(spark, users, USER, userDict, "u", c);
        b.userCategorical(c, csr.numValues(), csr.offsets(), csr.values());
      }
      metadata = b.build();
    }
    long[] creation = null;
    if (items != null && has(items, "CREATION_TIMESTAMP")) {
      creation = new long[itemDict.ids().length];
      Arrays.fill(creation, Long.MIN_VALUE);
      List<Row> rows =
          items
              .select(
                  col(ITEM).cast("string").as(ITEM), col("CREATION_TIMESTAMP").cast("long").as("c"))
              .filter(col("c").isNotNull())
              .join(itemDict.frame(), ITEM)
              .select("i", "c")
              .collectAsList();
      for (Row r : rows) {
        creation[r.getInt(0)] = r.getLong(1);
      }
    }
    return new Features(
        userDict.ids(),
        itemDict.ids(),
        selected,
        n,
        creation,
        List.copyOf(typeNames),
        noType,
        metadata,
        List.of(userDict.frame(), itemDict.frame()));
  }

  /**
   * The categorical columns of Items or Users data: those named, each of which must exist and hold
   * strings, or when none are named every string column but the ID (Amazon's schemas make a string
   * metadata field categorical or textual; name the categorical ones to leave textual ones out, and
   * with untyped sources such as CSV, where every column is a string). {@code CREATION_TIMESTAMP}
   * is never categorical.
   */
  static List<String> categorical(String what, Dataset<Row> d, String id, List<String> named) {
    requireColumns(what, d, id);
    List<String> out = new ArrayList<>();
    if (named == null) {
      for (StructField f : d.schema().fields()) {
        if (!f.name().equalsIgnoreCase(id)
            && !f.name().equalsIgnoreCase("CREATION_TIMESTAMP")
            && f.dataType().equals(DataTypes.StringType)) {
          out.add(f.name());
        }
      }
      return out;
    }
    for (String c : named) {
      StructField field = null;
      for (StructField f : d.schema().fields()) {
        if (f.name().equalsIgnoreCase(c)) {
          field = f;
        }
      }
      if (field == null || field.name().equalsIgnoreCase(id)) {
        throw new InvalidInputException(
            what
                + " categorical columns must be columns of the data other than "
                + id
                + "; got: "
                + c
                + " (columns: "
                + Arrays.toString(d.columns())
                + ")");
      }
      if (!field.dataType().equals(DataTypes.StringType)) {
        throw new InvalidInputException(
            what
                + " categorical column "
                + c
                + " must hold strings; got: "
                + field.dataType().simpleString());
      }
      if (out.contains(field.name())) {
        throw new InvalidInputException(
            what + " categorical columns must be unique; got: " + c + " twice");
      }
      out.add(field.name());
    }
    return out;
  }

  /**
   * One categorical column in compressed rows over a dictionary, as the engine's loader builds it:
   * each {@code |}-separated non-empty part of a row's string is a value, in the order written.
   * Values are numbered in sorted order (the engine numbers them as first seen; the numbering
   * changes nothing the recipe computes). Rows reach the driver as (entity, value) pairs, sorted.
   */
  record Csr(int numValues, int[] offsets, int[] values) {
    static Csr of(
        SparkSession spark,
        Dataset<Row> meta,
        String id,
        Dictionary dict,
        String index,
        String column) {
      Dataset<Row> parts =
          meta.select(col(id).cast("string").as(id), col(column).cast("string").as("raw"))
              .filter(col("raw").isNotNull())
              .join(dict.frame(), id)
              .select(col(index).as("e"), col("raw"), posexplode(split(col("raw"), "\\|", -1)))
              .filter(col("col").notEqual(""))
              .withColumnRenamed("col", "V")
              .cache();
      Dictionary values = Dictionary.of(spark, parts.select(col("V")), "V", "vi");
      int rows = dict.ids().length;
      int[] offsets = new int[rows + 1];
      RowBlock.IntBuf value = new RowBlock.IntBuf();
      Iterator<Row> it =
          parts
              .join(values.frame(), "V")
              .select(col("e"), col("vi"), col("raw"), col("pos"))
              .orderBy(col("e"), col("raw"), col("pos"))
              .toLocalIterator();
      while (it.hasNext()) {
        Row r = it.next();
        value.add(r.getInt(1));
        offsets[r.getInt(0) + 1]++;
      }
      parts.unpersist();
      values.frame().unpersist();
      for (int e = 0; e < rows; e++) {
        offsets[e + 1] += offsets[e];
      }
      return new Csr(values.ids().length, offsets, value.trim());
    }
  }

  /**
   * Spec §2.2.6's creation times: {@code CREATION_TIMESTAMP}, else the item's first selected
   * interaction, else the latest selected interaction.
   */
  static long[] creationTimes(Features f) {
    long[] created = new long[f.itemIds().length];
    Arrays.fill(created, Long.MAX_VALUE);
    long latest = Long.MIN_VALUE;
    for (Row r : f.selected().groupBy("i").agg(min("ts"), max("ts")).collectAsList()) {
      created[r.getInt(0)] = r.getLong(1);
      latest = Math.max(latest, r.getLong(2));
    }
    long[] given = f.itemCreation();
    for (int i = 0; i < created.length; i++) {
      if (given != null && given[i] != Long.MIN_VALUE) {
        created[i] = given[i];
      } else if (created[i] == Long.MAX_VALUE) {
        created[i] = latest == Long.MIN_VALUE ? 0 : latest;
      }
    }
    return created;
  }

  /** The engine's minimum-data message for these counts, or null when there is enough. */
  static String minimumFailure(
      long interactions, long withTwo, long active, Featurizer.Selection selection) {
    if (interactions < Featurizer.MIN_INTERACTIONS) {
      String filter =
          selection.eventType() == null && Double.isNaN(selection.eventValueThreshold())
              ? ""
              : " after filtering by"
                  + (selection.eventType() == null ? "" : " event type: " + selection.eventType())
                  + (Double.isNaN(selection.eventValueThreshold())
                      ? ""
                      : " event value threshold: " + selection.eventValueThreshold());
      return String.format(
          Locale.ROOT,
          "Create failed. Dataset has fewer than %d interactions%s (found %d).",
          Featurizer.MIN_INTERACTIONS,
          filter,
          interactions);
    }
    if (withTwo < Featurizer.MIN_USERS_WITH_TWO) {
      return "Create failed. Dataset has fewer than 25 users with at least 2 interactions each.";
    }
    if (withTwo * 100L < active) {
      return String.format(
          Locale.ROOT,
          "Create failed. Fewer than 1%% of users have at least 2 interactions (%d of %d).",
          withTwo,
          active);
    }
    return null;
  }

  static boolean has(Dataset<Row> d, String column) {
    for (String c : d.columns()) {
      if (c.equalsIgnoreCase(column)) {
        return true;
      }
    }
    return false;
  }

  static void requireColumns(String what, Dataset<Row> d, String... columns) {
    for (String c : columns) {
      if (!has(d, c)) {
        throw new InvalidInputException(
            what + " must have a column " + c + "; got: " + Arrays.toString(d.columns()));
      }
    }
  }

  /** IDs sorted, numbered from 0, both as a driver array and as a distributed ID → index frame. */
  record Dictionary(String[] ids, Dataset<Row> frame) {
    static Dictionary of(SparkSession spark, Dataset<Row> idRows, String column, String index) {
      Dataset<Row> sorted = idRows.filter(col(column).isNotNull()).distinct().orderBy(column);
      JavaRDD<Row> numbered =
          sorted
              .javaRDD()
              .zipWithIndex()
              .map(t -> RowFactory.create(t._1().getString(0), (int) (long) t._2()));
      StructType schema =
          new StructType()
              .add(column, DataTypes.StringType, false)
              .add(index, DataTypes.IntegerType, false);
      Dataset<Row> frame = spark.createDataFrame(numbered, schema).cache();
      List<String> ids =
          new ArrayList<>(
              frame.orderBy(index).select(column).as(Encoders.STRING()).collectAsList());
      return new Dictionary(ids.toArray(new String[0]), frame);
    }
  }
}
