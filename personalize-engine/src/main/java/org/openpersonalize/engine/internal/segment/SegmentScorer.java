package org.openpersonalize.engine.internal.segment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.batch.BatchLines;
import org.openpersonalize.engine.internal.batch.BatchLines.LineError;
import org.openpersonalize.engine.internal.batch.LineScorer;
import org.openpersonalize.engine.internal.filter.AttributeQuery;
import org.openpersonalize.engine.internal.filter.AttributeQueryParser;
import org.openpersonalize.engine.internal.serving.FilterValues;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.TopK;

/**
 * Answers batch segment job lines (spec §7.2): {@code {"itemId": "105"}} for Item-Affinity, {@code
 * {"itemAttributes": "ITEMS.genres = \"Comedy\""}} for Item-Attribute-Affinity, each with optional
 * {@code filterValues}; the answer is {@code {"recommendedUsers": [...]}}, best first.
 *
 * <p>Item lines are scored a block at a time: the valid lines of a block are cut into runs of
 * {@value #ITEMS_PER_PRODUCT} items, each one matrix product over every user ({@link
 * Model#scoreUsersForItems}) into this thread's {@code 64 × numUsers} buffer, and each item's row
 * goes through a bounded primitive top-K ({@link TopK}) with the line's filter as excluded bits.
 * The runner gives blocks to every core. An attribute line is one pass over the users ({@link
 * Model#scoreUsersForItemSet}) for the items its query selects ({@link AttributeMatch}).
 */
final class SegmentScorer implements LineScorer {
  /** Items per matrix product: the buffer is this many rows of {@code numUsers} floats. */
  static final int ITEMS_PER_PRODUCT = 64;

  private final Model model;
  private final String[] userIds;
  private final Object2IntOpenHashMap<String> itemIndex;
  private final int keep;
  private final String versionArn;
  private final UserFilter filter;
  private final AttributeMatch attributes;
  private final ThreadLocal<Scratch> scratch;

  /** Excluded users per distinct {@code filterValues}: lines mostly repeat a few. */
  private final ConcurrentHashMap<Map<String, String>, long[]> excludedByValues =
      new ConcurrentHashMap<>();

  private static final long[] NONE = new long[0];

  /**
   * @param model the solution version's model
   * @param userIds user index to ID
   * @param itemIndex item ID to index
   * @param numResults users per segment
   * @param versionArn the solution version, for messages
   * @param filter the job's filter, or null
   * @param attributes how attribute queries select items, or null for an Item-Affinity job
   */
  SegmentScorer(
      Model model,
      String[] userIds,
      Object2IntOpenHashMap<String> itemIndex,
      int numResults,
      String versionArn,
      UserFilter filter,
      AttributeMatch attributes) {
    this.model = model;
    this.userIds = userIds;
    this.itemIndex = itemIndex;
    this.keep = Math.min(numResults, model.numUsers());
    this.versionArn = versionArn;
    this.filter = filter;
    this.attributes = attributes;
    int users = model.numUsers();
    int rows = attributes == null ? ITEMS_PER_PRODUCT : 1;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(rows, users, keep));
  }

  /** One thread's buffers: score rows, the top-K and its output. */
  private static final class Scratch {
    final float[][] rows;
    final TopK top;
    final int[] best;

    Scratch(int numRows, int numUsers, int keep) {
      rows = new float[numRows][numUsers];
      top = new TopK(keep);
      best = new int[keep];
    }
  }

  @Override
  public void score(Block block) {
    if (attributes != null) {
      for (int i = 0; i < block.size(); i++) {
        try {
          block.answer(i, attributeLine(block.input(i)));
        } catch (LineError | InvalidInputException e) {
          block.fail(i, e.getMessage());
        }
      }
      return;
    }
    int n = block.size();
    int[] line = new int[n];
    int[] item = new int[n];
    long[][] excluded = new long[n][];
    int valid = 0;
    for (int i = 0; i < n; i++) {
      try {
        ObjectNode in = block.input(i);
        if (in.has("itemAttributes") && !in.has("itemId")) {
          throw new LineError(
              "The line must have the field \"itemId\": an Item-Affinity job finds a segment per"
                  + " item; \"itemAttributes\" lines are for aws-item-attribute-affinity");
        }
        String id = BatchLines.requiredString(in, "itemId");
        int idx = itemIndex.getInt(id);
        if (idx < 0) {
          throw new LineError(
              "itemId "
                  + id
                  + " was not in the training data of solution version "
                  + versionArn
                  + "; a segment can only be found for an item the model was trained with");
        }
        excluded[valid] = excluded(in);
        line[valid] = i;
        item[valid] = idx;
        valid++;
      } catch (LineError | InvalidInputException e) {
        block.fail(i, e.getMessage());
      }
    }
    Scratch s = scratch.get();
    int[] run = new int[ITEMS_PER_PRODUCT];
    for (int from = 0; from < valid; from += ITEMS_PER_PRODUCT) {
      int m = Math.min(ITEMS_PER_PRODUCT, valid - from);
      System.arraycopy(item, from, run, 0, m);
      model.scoreUsersForItems(run, m, s.rows);
      for (int r = 0; r < m; r++) {
        block.answer(line[from + r], segment(s, s.rows[r], excluded[from + r]));
      }
    }
  }

  private ObjectNode attributeLine(ObjectNode in) {
    if (in.has("itemId") && !in.has("itemAttributes")) {
      throw new LineError(
          "The line must have the field \"itemAttributes\": an Item-Attribute-Affinity job finds"
              + " a segment per attribute query; \"itemId\" lines are for aws-item-affinity");
    }
    String text = BatchLines.requiredString(in, "itemAttributes");
    AttributeQuery q;
    try {
      q = AttributeQueryParser.parse("\"itemAttributes\"", text);
    } catch (InvalidInputException e) {
      throw new LineError(e.getMessage());
    }
    long[] ex = excluded(in);
    int[] items = attributes.items(q);
    Scratch s = scratch.get();
    model.scoreUsersForItemSet(items, items.length, s.rows[0]);
    return segment(s, s.rows[0], ex);
  }

  private long[] excluded(ObjectNode in) {
    Map<String, String> values = BatchLines.filterValues(in);
    if (!values.isEmpty()) {
      FilterValues.check("filterValues", values);
    }
    if (filter == null) {
      if (!values.isEmpty()) {
        throw new LineError(
            "\"filterValues\" must not be given: the job has no filterArn; got: "
                + values.keySet());
      }
      return null;
    }
    long[] ex = excludedByValues.get(values);
    if (ex == null) {
      long[] bound = filter.excluded(values);
      ex = bound == null ? NONE : bound;
      excludedByValues.putIfAbsent(values, ex);
    }
    return ex == NONE ? null : ex;
  }

  private ObjectNode segment(Scratch s, float[] scores, long[] excluded) {
    TopK top = s.top;
    if (excluded == null) {
      top.offerAll(scores, 0, userIds.length);
    } else {
      top.offerAll(scores, 0, userIds.length, excluded);
    }
    int got = top.drainTo(s.best, null);
    ObjectNode out = BatchLines.object();
    ArrayNode users = out.putArray("recommendedUsers");
    for (int r = 0; r < got; r++) {
      users.add(userIds[s.best[r]]);
    }
    return out;
  }
}
