package org.openpersonalize.engine.internal.training;

import java.util.Arrays;
import java.util.Locale;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.Interactions;
import org.openpersonalize.engine.internal.data.MetadataColumns;
import org.openpersonalize.engine.internal.schema.InteractionLimits;
import org.openpersonalize.spi.TrainingData;

/**
 * Turns a dataset group's stored data into the recipe's {@link TrainingData}, once per training run
 * (spec §2.2): keeps the interactions of the solution's event type (case-insensitive) whose value
 * reaches the event-value threshold, and passes the Items and Users metadata the recipes use
 * (categorical and numeric columns, item creation times). User and item indices stay those of the
 * stored dictionaries, so serving maps IDs with the same dictionaries. The Items textual column is
 * passed as tokens ({@link TextTokens}).
 */
public final class Featurizer {
  /** Spec §2.1: minimum interactions after filtering. */
  public static final int MIN_INTERACTIONS = 1000;

  /** Spec §2.1: minimum users with at least two interactions. */
  public static final int MIN_USERS_WITH_TWO = 25;

  private Featurizer() {}

  /**
   * Which interactions a solution trains on.
   *
   * @param eventType the solution's event type, or null for all
   * @param eventValueThreshold the minimum {@code EVENT_VALUE}, or NaN for none
   */
  public record Selection(String eventType, double eventValueThreshold) {
    /** Parses a solution's settings; the threshold must be a number when given. */
    public static Selection of(String eventType, String eventValueThreshold) {
      double t = Double.NaN;
      if (eventValueThreshold != null) {
        try {
          t = Double.parseDouble(eventValueThreshold.trim());
        } catch (NumberFormatException e) {
          t = Double.NaN;
        }
        if (!Double.isFinite(t)) {
          throw new InvalidInputException(
              "solutionConfig.eventValueThreshold must be a number; got: \""
                  + eventValueThreshold
                  + "\"");
        }
      }
      return new Selection(eventType, t);
    }
  }

  /**
   * The selected interactions in primitive arrays, before they become {@link TrainingData}.
   *
   * @param numUsers users in the dictionary (some may have no selected interaction)
   * @param numItems items in the dictionary
   * @param user user per kept interaction
   * @param item item per kept interaction
   * @param timestamp timestamp per kept interaction
   * @param reference the data's "now": the newest kept interaction, but not later than the engine
   *     clock's now (see {@link #reference}); item age and the exploration cut-off count from it
   * @param excluded items left out by the training cap ({@link #cap}), or null when none is
   * @param eventType event-type index per kept interaction (into the interactions' event-type
   *     dictionary; negative when the event has none), or null when not carried
   */
  public record Selected(
      int numUsers,
      int numItems,
      int[] user,
      int[] item,
      long[] timestamp,
      long reference,
      boolean[] excluded,
      int[] eventType) {
    /** Kept interactions without their event types. */
    public Selected(
        int numUsers,
        int numItems,
        int[] user,
        int[] item,
        long[] timestamp,
        long reference,
        boolean[] excluded) {
      this(numUsers, numItems, user, item, timestamp, reference, excluded, null);
    }

    /** The number of kept interactions. */
    public int size() {
      return user.length;
    }
  }

  /**
   * Keeps the interactions that the selection admits.
   *
   * @param data the dataset group's data
   * @param selection the solution's event type and threshold
   * @param nowSeconds the engine clock's now, in epoch seconds
   */
  public static Selected select(DatasetGroupData data, Selection selection, long nowSeconds) {
    Interactions x = data.interactions();
    int wantedType = -2;
    if (selection.eventType() != null) {
      wantedType = -1;
      for (int t = 0; t < x.eventTypes().size(); t++) {
        if (x.eventTypes().id(t).equalsIgnoreCase(selection.eventType())) {
          wantedType = t;
        }
      }
    }
    boolean threshold = !Double.isNaN(selection.eventValueThreshold());
    int[] u = new int[x.size()];
    int[] i = new int[x.size()];
    long[] ts = new long[x.size()];
    int[] type = new int[x.size()];
    int n = 0;
    for (int k = 0; k < x.size(); k++) {
      if (wantedType != -2 && x.eventType()[k] != wantedType) {
        continue;
      }
      if (threshold
          && !(x.eventValue()[k] >= selection.eventValueThreshold())) { // NaN (no value) fails
        continue;
      }
      u[n] = x.user()[k];
      i[n] = x.item()[k];
      ts[n] = x.timestamp()[k];
      type[n] = x.eventType()[k];
      n++;
    }
    return new Selected(
        data.users().size(),
        data.items().size(),
        Arrays.copyOf(u, n),
        Arrays.copyOf(i, n),
        Arrays.copyOf(ts, n),
        reference(ts, n, nowSeconds),
        null,
        Arrays.copyOf(type, n));
  }

  /**
   * Spec §2.2.4 and §10: how many items and interactions a training run considers.
   *
   * @param maxItems items considered in training and recommendations
   * @param maxInteractions interactions considered in training
   */
  public record Caps(int maxItems, long maxInteractions) {
    /** 750,000 items and 500 M interactions; 5 M items and 3 B interactions for v2 recipes. */
    public static Caps forRecipe(String recipeArn) {
      return recipeArn.endsWith("-v2")
          ? new Caps(5_000_000, 3_000_000_000L)
          : new Caps(750_000, 500_000_000L);
    }
  }

  /**
   * Applies the training caps (spec §2.2.4): with more items than {@code maxItems}, new items (no
   * interaction yet; the newest {@code CREATION_TIMESTAMP} first) and then items with the most
   * recent interactions are kept, and the interactions of the others are dropped; with more
   * interactions than {@code maxInteractions}, the newest are kept. Ties go to the lower index, so
   * a run is reproducible. Left-out items keep their dictionary index (serving shares the
   * dictionaries) but have no interactions and are marked in {@link Selected#excluded}, so they are
   * never taken for new items and explored.
   *
   * @param s the selected interactions
   * @param items the Items metadata, or null
   * @param caps the recipe's caps
   * @return {@code s} itself when within the caps, else the capped selection
   */
  public static Selected cap(Selected s, MetadataColumns items, Caps caps) {
    return TrainingCaps.apply(s, items, caps);
  }

  /**
   * The point in time the data is "as of" (docs/decisions.md, "Timestamps"): the newest
   * interaction, so that historical data (MovieLens from 1998, catalogues of films from 1920) keeps
   * its own present, but never later than the clock's now, so that one event stamped in the future
   * cannot age the whole catalogue past the exploration cut-off. With no interactions it is the
   * clock's now. Any long is a valid timestamp, so the newest starts at {@link Long#MIN_VALUE}, not
   * at 0 (1970).
   *
   * @param ts timestamps; the first {@code n} are read
   * @param n how many to read
   * @param nowSeconds the engine clock's now
   */
  public static long reference(long[] ts, int n, long nowSeconds) {
    if (n == 0) {
      return nowSeconds;
    }
    long newest = Long.MIN_VALUE;
    for (int k = 0; k < n; k++) {
      newest = Math.max(newest, ts[k]);
    }
    return Math.min(newest, nowSeconds);
  }

  /**
   * Spec §2.1: at most 10 distinct event types and optional columns combined, over the whole
   * Interactions dataset (bulk and streamed) before any event-type selection.
   *
   * @return null if within the limit, else the failure reason to report
   */
  public static String checkEventTypes(DatasetGroupData data) {
    String tooMany =
        InteractionLimits.check(
            data.interactions().eventTypes().size(), data.optionalInteractionColumns());
    return tooMany == null ? null : "Create failed. " + tooMany + ".";
  }

  /**
   * Checks spec §2.1's minimums on the selected interactions.
   *
   * @return null if the data is enough, else the failure reason to report
   */
  public static String checkMinimum(Selected s, Selection selection) {
    if (s.size() < MIN_INTERACTIONS) {
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
          MIN_INTERACTIONS,
          filter,
          s.size());
    }
    int[] perUser = new int[s.numUsers()];
    for (int u : s.user()) {
      perUser[u]++;
    }
    int withTwo = 0;
    int active = 0;
    for (int c : perUser) {
      if (c >= 2) {
        withTwo++;
      }
      if (c >= 1) {
        active++;
      }
    }
    if (withTwo < MIN_USERS_WITH_TWO) {
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

  /**
   * Passes the event types on, so that recipes can learn per type (repeat-awareness); events
   * without a type (no EVENT_TYPE column) share the type {@code ""}.
   */
  private static void eventTypes(DatasetGroupData data, Selected s, TrainingData.Builder b) {
    if (s.eventType() == null) {
      return;
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int t = 0; t < data.interactions().eventTypes().size(); t++) {
      names.add(data.interactions().eventTypes().id(t));
    }
    int none = -1;
    int[] type = s.eventType().clone();
    for (int k = 0; k < type.length; k++) {
      if (type[k] < 0) {
        if (none < 0) {
          none = names.size();
          names.add("");
        }
        type[k] = none;
      }
    }
    b.eventTypes(names, type);
  }

  /**
   * Builds the recipe input: the selected interactions (weight 1; all interactions are positive
   * feedback, spec §9.1) the event types and the metadata columns.
   */
  public static TrainingData trainingData(DatasetGroupData data, Selected s) {
    float[] weight = new float[s.size()];
    Arrays.fill(weight, 1f);
    TrainingData.Builder b =
        TrainingData.builder(s.numUsers(), s.numItems())
            .interactions(s.user(), s.item(), s.timestamp(), weight);
    eventTypes(data, s, b);
    MetadataColumns items = data.itemMetadata();
    if (items != null) {
      for (MetadataColumns.Categorical c : items.categorical()) {
        b.itemCategorical(c.name(), c.values().size(), c.offsets(), c.valueIndex());
      }
      for (MetadataColumns.Numeric c : items.numeric()) {
        b.itemNumeric(c.name(), toFloat(c.values()));
      }
      if (items.textual() != null) {
        TextTokens t = TextTokens.of(items.textual().values());
        b.itemText(items.textual().name(), t.numTokens(), t.offsets(), t.tokens());
      }
    }
    b.itemCreationTimestamps(creationTimes(items, s));
    MetadataColumns users = data.userMetadata();
    if (users != null) {
      for (MetadataColumns.Categorical c : users.categorical()) {
        b.userCategorical(c.name(), c.values().size(), c.offsets(), c.valueIndex());
      }
      for (MetadataColumns.Numeric c : users.numeric()) {
        b.userNumeric(c.name(), toFloat(c.values()));
      }
    }
    return b.build();
  }

  /**
   * Spec §2.2.6: an item's creation time is its {@code CREATION_TIMESTAMP}, else its first
   * interaction; an item without either counts as created at the data's reference time (new). Given
   * creation times are kept as they are, before 1970 or after the reference alike: a future
   * creation time makes an item new, never hidden. {@link MetadataColumns#NO_TIMESTAMP} marks an
   * item without one; the loader reads a stored {@code Long.MIN_VALUE} as one second later.
   */
  public static long[] creationTimes(MetadataColumns items, Selected s) {
    int numItems = s.numItems();
    long[] created = new long[numItems];
    boolean[] seen = new boolean[numItems];
    for (int k = 0; k < s.size(); k++) {
      int i = s.item()[k];
      long t = s.timestamp()[k];
      if (!seen[i] || t < created[i]) {
        created[i] = t;
        seen[i] = true;
      }
    }
    long[] given = items == null ? null : items.creationTimestamp();
    for (int i = 0; i < numItems; i++) {
      if (s.excluded() != null && s.excluded()[i]) {
        // Left out by the cap: never "new", so never explored.
        created[i] = Long.MIN_VALUE;
      } else if (given != null && given[i] != MetadataColumns.NO_TIMESTAMP) {
        created[i] = given[i];
      } else if (!seen[i]) {
        created[i] = s.reference();
      }
    }
    return created;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      float v = (float) d[i];
      // A double beyond float range would be infinite; treat it as missing rather than fail.
      f[i] = Float.isFinite(v) ? v : Float.NaN;
    }
    return f;
  }
}
