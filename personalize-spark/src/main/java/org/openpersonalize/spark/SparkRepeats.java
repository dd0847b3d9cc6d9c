package org.openpersonalize.spark;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.openpersonalize.recipes.AlsPayload;

/**
 * The recipe's repeat propensity (how often users come back to an item of their history, by event
 * type and time since) counted on Spark: the selected interactions are hash-partitioned by user and
 * sorted by user, time and item, each task feeds its users one at a time to the recipe's own
 * counter ({@link AlsPayload.RepeatCounts}), and the driver adds the tasks' counts. Only the
 * counts, a few hundred longs per task, leave the executors.
 */
final class SparkRepeats {
  private SparkRepeats() {}

  /**
   * Counts the repeats of the selected interactions.
   *
   * @param f the selection (its {@code t} column indexes {@code f.eventTypes()})
   * @param blocks how many tasks
   * @return the summed counts
   */
  static AlsPayload.RepeatCounts count(SparkFeaturizer.Features f, int blocks) {
    int numTypes = f.eventTypes().size();
    int noType = f.noType();
    int numItems = f.itemIds().length;
    return f.selected()
        .select(col("u"), col("i"), col("ts"), col("t"))
        .repartition(Math.max(1, blocks), col("u"))
        // Oldest first; equal times in item order, the engine's stored order (and type order for
        // events that differ only in their type).
        .sortWithinPartitions("u", "ts", "i", "t")
        .javaRDD()
        .mapPartitions(rows -> List.of(countUsers(rows, numTypes, noType, numItems)).iterator())
        .reduce(AlsPayload.RepeatCounts::add);
  }

  /** Feeds one partition's users, each a run of consecutive rows, to a fresh counter. */
  static AlsPayload.RepeatCounts countUsers(
      Iterator<Row> rows, int numTypes, int noType, int numItems) {
    AlsPayload.RepeatCounts counts = new AlsPayload.RepeatCounts(numTypes, numItems);
    int[] items = new int[64];
    long[] times = new long[64];
    int[] types = new int[64];
    int n = 0;
    int user = -1;
    while (rows.hasNext()) {
      Row r = rows.next();
      int u = r.getInt(0);
      if (u != user) {
        counts.addUser(items, times, types, n);
        n = 0;
        user = u;
      }
      if (n == items.length) {
        items = Arrays.copyOf(items, n * 2);
        times = Arrays.copyOf(times, n * 2);
        types = Arrays.copyOf(types, n * 2);
      }
      items[n] = r.getInt(1);
      times[n] = r.getLong(2);
      int t = r.getInt(3);
      types[n] = t < 0 ? noType : t;
      n++;
    }
    counts.addUser(items, times, types, n);
    return counts;
  }
}
