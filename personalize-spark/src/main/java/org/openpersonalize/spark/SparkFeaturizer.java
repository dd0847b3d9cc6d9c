package org.openpersonalize.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.training.Featurizer;

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
   *     (long), cached
   * @param numSelected how many interactions were kept
   * @param itemCreation item index → {@code CREATION_TIMESTAMP} of the Items data, or {@code
   *     Long.MIN_VALUE}; null without Items data
   */
  record Features(
      String[] userIds,
      String[] itemIds,
      Dataset<Row> selected,
      long numSelected,
      long[] itemCreation) {}

  /**
   * Selects the interactions a solution trains on.
   *
   * @param interactions {@code USER_ID}, {@code ITEM_ID}, {@code TIMESTAMP} (epoch seconds), and
   *     optionally {@code EVENT_TYPE}, {@code EVENT_VALUE} and other columns (which count for
   *     de-duplication only)
   * @param items optional Items data ({@code ITEM_ID}, optional {@code CREATION_TIMESTAMP}), or
   *     null
   * @param users optional Users data ({@code USER_ID}), or null
   * @param selection the solution's event type and threshold
   * @param checkMinimum whether to refuse data below spec §2.1's minimums
   */
  static Features select(
      SparkSession spark,
      Dataset<Row> interactions,
      Dataset<Row> items,
      Dataset<Row> users,
      Featurizer.Selection selection,
      boolean checkMinimum) {
    requireColumns("interactions", interactions, USER, ITEM, TIME);
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
    Dataset<Row> selected =
        kept.select(
                col(USER).cast("string").as(USER),
                col(ITEM).cast("string").as(ITEM),
                col(TIME).cast("long").as("ts"))
            .join(userDict.frame(), USER)
            .join(itemDict.frame(), ITEM)
            .select(col("u"), col("i"), col("ts"))
            .cache();
    Row stats =
        selected
            .groupBy("u")
            .count()
            .agg(sum(col("count")), sum(when(col("count").geq(2), 1).otherwise(0)), sum(lit(1)))
            .first();
    long n = stats.isNullAt(0) ? 0 : stats.getLong(0);
    long withTwo = stats.isNullAt(1) ? 0 : stats.getLong(1);
    long active = stats.isNullAt(2) ? 0 : stats.getLong(2);
    if (checkMinimum) {
      String tooLittle = minimumFailure(n, withTwo, active, selection);
      if (tooLittle != null) {
        selected.unpersist();
        throw new InvalidInputException(tooLittle);
      }
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
    return new Features(userDict.ids(), itemDict.ids(), selected, n, creation);
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
