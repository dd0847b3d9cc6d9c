package org.openpersonalize.recipes;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

/**
 * How likely a user's next interaction returns to an item already in their history, learned from
 * the training data: the catalogue decides whether history should be echoed back (groceries, music)
 * or not (films nobody re-rates).
 *
 * <p>The estimate is a discrete-time hazard. At a prediction point (one of a user's events after
 * the first), every distinct item of the history before it is an <em>opportunity</em>, classified
 * by the type of the user's last interaction with it and by the time from that interaction to the
 * user's latest event before the point ({@link #BUCKET_SECONDS}); it is a <em>repeat</em> if the
 * event at the point is that item. {@code hazard[type][gap] = repeats / opportunities}, shrunk
 * towards the type's rate and the type's rate towards the overall rate (additive smoothing with
 * {@link #SHRINK} pseudo-opportunities), so sparse cells stay sensible and a catalogue without any
 * repeat gets a tiny but positive rate.
 *
 * <p>Serving turns it into a mixture: the next event is a return to history item {@code j} with
 * probability {@code h_j}, and otherwise ({@code 1 − Σ h_j}) a new item drawn from the factor
 * model's softmax over the items not in the history ({@link #adjust}). Both parts are
 * probabilities, so the result is again a set of softmax logits.
 *
 * <p>Prediction points are capped at {@link #POINTS_PER_USER} per user, evenly spaced, so the cost
 * is {@code O(users × points × distinct history)} whatever a heavy user's length.
 */
public final class RepeatPropensity {
  /** Upper bounds (exclusive) of the time-since-last-interaction buckets, in seconds. */
  static final long[] BUCKET_SECONDS = {
    3_600L, 86_400L, 7 * 86_400L, 30 * 86_400L, 365 * 86_400L, Long.MAX_VALUE
  };

  /** The buckets' names in {@link #learnedParameters}. */
  static final String[] BUCKET_NAMES = {"<1h", "<1d", "<7d", "<30d", "<1y", ">=1y"};

  static final int BUCKETS = BUCKET_SECONDS.length;

  /** Evenly spaced prediction points per user. */
  static final int POINTS_PER_USER = 64;

  /** Pseudo-opportunities pulling a cell towards its parent rate. */
  static final double SHRINK = 10;

  /** The most the history may take of the next event's probability, leaving some for new items. */
  static final float MAX_TOTAL = 0.999f;

  /** Event types by index; index {@code types.length} stands for "unknown", pooling all types. */
  final String[] types;

  /**
   * {@code (types + 1) × (BUCKETS + 1)} rates, row-major; the last row pools the types and the last
   * column the time buckets (used when serving has no times).
   */
  final float[] hazard;

  /** Share of events (after a user's first) that return to an item of the user's history. */
  final float[] repeatShare;

  RepeatPropensity(String[] types, float[] hazard, float[] repeatShare) {
    this.types = types;
    this.hazard = hazard;
    this.repeatShare = repeatShare;
  }

  static int bucket(long gapSeconds) {
    int b = 0;
    while (gapSeconds >= BUCKET_SECONDS[b]) {
      b++;
    }
    return b;
  }

  float hazard(int type, int bucket) {
    return hazard[type * (BUCKETS + 1) + bucket];
  }

  /** The index of a type name; {@code types.length} (pooled) when null or unknown. */
  int typeIndex(String name) {
    if (name != null) {
      for (int t = 0; t < types.length; t++) {
        if (types[t].equalsIgnoreCase(name)) {
          return t;
        }
      }
    }
    return types.length;
  }

  /**
   * Learns the rates from the events of weight above 0.
   *
   * @param data the training data, with timestamps and (optionally) event types
   * @return the learned rates
   */
  public static RepeatPropensity learn(TrainingData data) {
    int numTypes = data.eventTypeNames().size();
    String[] types = data.eventTypeNames().toArray(new String[0]);
    int n = data.numInteractions();
    int numUsers = data.numUsers();
    // Events grouped by user (counting sort), then by time within each user; stable, so equal
    // times keep their order in the data.
    int[] start = new int[numUsers + 1];
    int kept = 0;
    for (int e = 0; e < n; e++) {
      if (data.weight(e) > 0) {
        start[data.userIdx(e) + 1]++;
        kept++;
      }
    }
    for (int u = 0; u < numUsers; u++) {
      start[u + 1] += start[u];
    }
    int[] order = new int[kept];
    int[] fill = start.clone();
    for (int e = 0; e < n; e++) {
      if (data.weight(e) > 0) {
        order[fill[data.userIdx(e)]++] = e;
      }
    }
    Counts counts = new Counts(numTypes, data.numItems());
    int[] support = new int[kept];
    int[] items = new int[16];
    long[] times = new long[16];
    int[] kinds = new int[16];
    for (int u = 0; u < numUsers; u++) {
      int from = start[u];
      int to = start[u + 1];
      int m = to - from;
      if (m < 2) {
        continue;
      }
      // With a support array holding the same range: without one, fastutil clones the whole
      // order array for every user, which made this pass quadratic (minutes at 5 M events).
      System.arraycopy(order, from, support, from, m);
      IntArrays.mergeSort(
          order, from, to, (a, b) -> Long.compare(data.timestamp(a), data.timestamp(b)), support);
      if (m > items.length) {
        items = new int[m];
        times = new long[m];
        kinds = new int[m];
      }
      for (int p = 0; p < m; p++) {
        int e = order[from + p];
        items[p] = data.itemIdx(e);
        times[p] = data.timestamp(e);
        kinds[p] = data.hasEventTypes() ? data.eventType(e) : numTypes;
      }
      counts.addUser(items, times, kinds, m);
    }
    return of(types, counts);
  }

  /** The rates of summed counts, for event types {@code types} (as {@link Counts} indexed them). */
  static RepeatPropensity of(String[] types, Counts c) {
    return new RepeatPropensity(
        types, smooth(c.opp, c.rep, c.numTypes), shares(c.events, c.repeats));
  }

  /**
   * Opportunities and repeats summed over users, one user at a time: what {@link #learn} counts in
   * one pass over the data, and {@code personalize-spark} counts per partition and adds up. The
   * per-item scratch arrays are rebuilt after serialisation.
   */
  static final class Counts implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final int numTypes;
    final int numItems;
    final long[] opp;
    final long[] rep;
    final long[] events;
    final long[] repeats;
    private transient int[] stamp;
    private transient long[] lastTime;
    private transient int[] lastType;
    private transient int[] hist;
    private transient int mark;

    Counts(int numTypes, int numItems) {
      this.numTypes = numTypes;
      this.numItems = numItems;
      int cells = (numTypes + 1) * (BUCKETS + 1);
      opp = new long[cells];
      rep = new long[cells];
      events = new long[numTypes + 1];
      repeats = new long[numTypes + 1];
    }

    /**
     * Counts one user's events, oldest first (equal times in the order the data gives them).
     *
     * @param item item index per event
     * @param time timestamp per event
     * @param type type index per event, {@code numTypes} for "pooled"
     * @param m how many events
     */
    void addUser(int[] item, long[] time, int[] type, int m) {
      if (m < 2) {
        return;
      }
      if (stamp == null || mark == Integer.MAX_VALUE) {
        stamp = new int[numItems];
        lastTime = new long[numItems];
        lastType = new int[numItems];
        hist = new int[16];
        mark = 0;
      }
      int user = ++mark;
      int distinct = 0;
      int nextPoint = 0; // index into the evenly spaced points
      int points = Math.min(POINTS_PER_USER, m - 1);
      for (int p = 0; p < m; p++) {
        int it = item[p];
        int t = type[p];
        boolean seen = stamp[it] == user;
        if (p > 0) {
          events[t]++;
          repeats[t] += seen ? 1 : 0;
          // Point s of `points` sits at event 1 + floor(s·(m−1)/points).
          if (nextPoint < points && p == 1 + (int) ((long) nextPoint * (m - 1) / points)) {
            nextPoint++;
            long ref = time[p - 1];
            for (int h = 0; h < distinct; h++) {
              int j = hist[h];
              int cell = lastType[j] * (BUCKETS + 1) + bucket(Math.max(0, ref - lastTime[j]));
              opp[cell]++;
              if (j == it) {
                rep[cell]++;
              }
            }
          }
        }
        if (!seen) {
          stamp[it] = user;
          if (distinct == hist.length) {
            hist = java.util.Arrays.copyOf(hist, distinct * 2);
          }
          hist[distinct++] = it;
        }
        lastTime[it] = time[p];
        lastType[it] = t;
      }
    }

    /** Adds another partition's counts into these. */
    void add(Counts o) {
      for (int c = 0; c < opp.length; c++) {
        opp[c] += o.opp[c];
        rep[c] += o.rep[c];
      }
      for (int t = 0; t < events.length; t++) {
        events[t] += o.events[t];
        repeats[t] += o.repeats[t];
      }
    }
  }

  private static float[] smooth(long[] opp, long[] rep, int numTypes) {
    int cols = BUCKETS + 1;
    long allOpp = 0;
    long allRep = 0;
    long[] typeOpp = new long[numTypes + 1];
    long[] typeRep = new long[numTypes + 1];
    long[] gapOpp = new long[BUCKETS];
    long[] gapRep = new long[BUCKETS];
    for (int t = 0; t <= numTypes; t++) {
      for (int b = 0; b < BUCKETS; b++) {
        long o = opp[t * cols + b];
        long r = rep[t * cols + b];
        allOpp += o;
        allRep += r;
        typeOpp[t] += o;
        typeRep[t] += r;
        gapOpp[b] += o;
        gapRep[b] += r;
      }
    }
    // Laplace: a catalogue with no repeat at all still gets a positive, tiny rate.
    double global = (allRep + 1.0) / (allOpp + 2.0);
    float[] h = new float[(numTypes + 1) * cols];
    for (int t = 0; t < numTypes; t++) {
      double typeRate = (typeRep[t] + SHRINK * global) / (typeOpp[t] + SHRINK);
      for (int b = 0; b < BUCKETS; b++) {
        h[t * cols + b] =
            (float) ((rep[t * cols + b] + SHRINK * typeRate) / (opp[t * cols + b] + SHRINK));
      }
      h[t * cols + BUCKETS] = (float) typeRate;
    }
    for (int b = 0; b < BUCKETS; b++) {
      h[numTypes * cols + b] = (float) ((gapRep[b] + SHRINK * global) / (gapOpp[b] + SHRINK));
    }
    h[numTypes * cols + BUCKETS] = (float) global;
    return h;
  }

  private static float[] shares(long[] events, long[] repeats) {
    int numTypes = events.length - 1;
    float[] share = new float[numTypes + 1];
    long all = 0;
    long allRepeats = 0;
    for (int t = 0; t <= numTypes; t++) {
      all += events[t];
      allRepeats += repeats[t];
      if (t < numTypes) {
        share[t] = events[t] == 0 ? 0f : (float) ((double) repeats[t] / events[t]);
      }
    }
    share[numTypes] = all == 0 ? 0f : (float) ((double) allRepeats / all);
    return share;
  }

  /**
   * Turns factor-model logits into the mixture's logits for a history: items of the history get
   * {@code log h_j}; the others {@code log(1 − Σ h) + logit − logsumexp(logits of non-history
   * items)}.
   *
   * @param history the user's events, oldest first
   * @param out the factor model's logits for every item, rewritten in place
   * @param numItems items in {@code out}
   * @param s per-thread scratch
   */
  void adjust(UserHistory history, float[] out, int numItems, AlsModel.Scratch s) {
    adjust(history, out, numItems, s.stamp, s.nextMark(), s.historyItems, s.historyRates);
  }

  /**
   * {@link #adjust(UserHistory, float[], int, AlsModel.Scratch)} with the caller's scratch, for
   * models of other packages (the sequence recipes).
   *
   * @param history the user's events, oldest first
   * @param out logits for every item, rewritten in place
   * @param numItems items in {@code out}
   * @param stamp per item, a mark; no entry may equal {@code mark} yet
   * @param mark a fresh mark
   * @param items scratch of at least {@code history.size()} entries
   * @param h scratch of at least {@code history.size()} entries
   */
  public void adjust(
      UserHistory history,
      float[] out,
      int numItems,
      int[] stamp,
      int mark,
      int[] items,
      float[] h) {
    int n = history.size();
    int distinct = 0;
    boolean timed = history.hasTimestamps() && n > 0;
    long ref = timed ? history.timestamp(n - 1) : 0;
    double total = 0;
    // Newest first, so each item is classified by its last interaction.
    for (int e = n - 1; e >= 0; e--) {
      int item = history.itemIdx(e);
      if (history.weight(e) <= 0 || stamp[item] == mark) {
        continue;
      }
      stamp[item] = mark;
      int type = typeIndex(history.eventType(e));
      int b = timed ? bucket(Math.max(0, ref - history.timestamp(e))) : BUCKETS;
      items[distinct] = item;
      h[distinct] = hazard(type, b);
      total += h[distinct];
      distinct++;
    }
    if (distinct == 0) {
      return;
    }
    double scale = total > MAX_TOTAL ? MAX_TOTAL / total : 1.0;
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < numItems; i++) {
      if (stamp[i] != mark && out[i] > max) {
        max = out[i];
      }
    }
    double sum = 0;
    for (int i = 0; i < numItems; i++) {
      if (stamp[i] != mark) {
        sum += Math.exp(out[i] - max);
      }
    }
    if (sum > 0) {
      float shift = (float) (Math.log(1 - total * scale) - max - Math.log(sum));
      for (int i = 0; i < numItems; i++) {
        out[i] += shift;
      }
    }
    for (int d = 0; d < distinct; d++) {
      out[items[d]] = (float) Math.log(h[d] * scale);
    }
  }

  /**
   * What DescribeSolutionVersion shows (spec: tunedHPOParams), see docs/recipes.md.
   *
   * @return the learned repeat shares and rates by name
   */
  public Map<String, String> learnedParameters() {
    Map<String, String> m = new LinkedHashMap<>();
    int numTypes = types.length;
    m.put("learned.repeat_share", format(repeatShare[numTypes]));
    m.put("learned.repeat_rate", rates(numTypes));
    for (int t = 0; t < numTypes; t++) {
      String name = types[t].isEmpty() ? "(none)" : types[t];
      m.put("learned.repeat_share." + name, format(repeatShare[t]));
      m.put("learned.repeat_rate." + name, rates(t));
    }
    return m;
  }

  private String rates(int type) {
    StringBuilder sb = new StringBuilder();
    for (int b = 0; b < BUCKETS; b++) {
      sb.append(b == 0 ? "" : ",").append(BUCKET_NAMES[b]).append(':');
      sb.append(format(hazard(type, b)));
    }
    return sb.toString();
  }

  private static String format(float v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  /**
   * Writes the rates in the model file's format.
   *
   * @param out the model file
   * @throws IOException when the stream fails
   */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(types.length);
    for (String t : types) {
      out.writeUTF(t);
    }
    ModelIO.writeFloats(out, hazard);
    ModelIO.writeFloats(out, repeatShare);
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @param in the model file
   * @return the rates
   * @throws IOException when the stream fails or holds something else
   */
  public static RepeatPropensity read(DataInputStream in) throws IOException {
    int numTypes = in.readInt();
    ModelIO.require(numTypes >= 0 && numTypes < 1 << 16, "bad event type count " + numTypes);
    String[] types = new String[numTypes];
    for (int t = 0; t < numTypes; t++) {
      types[t] = in.readUTF();
    }
    float[] hazard = ModelIO.readFloats(in, "repeatHazard");
    float[] share = ModelIO.readFloats(in, "repeatShare");
    ModelIO.require(
        hazard.length == (numTypes + 1) * (BUCKETS + 1) && share.length == numTypes + 1,
        "repeat arrays do not match " + numTypes + " event types");
    return new RepeatPropensity(types, hazard, share);
  }
}
