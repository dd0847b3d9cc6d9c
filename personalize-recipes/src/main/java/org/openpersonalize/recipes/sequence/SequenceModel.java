package org.openpersonalize.recipes.sequence;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.recipes.Checks;
import org.openpersonalize.recipes.ModelIO;
import org.openpersonalize.recipes.RepeatPropensity;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.UserHistory;

/**
 * A trained sequence model: the encoder's parameters, each training user's state after their latest
 * interactions, and log-popularity logits for an empty history.
 *
 * <p>Real time (spec §6.5): {@link #scoreItemsForHistory} runs the encoder over the newest {@code
 * max_sequence_length} events of the history the engine reads from the store at request time, so an
 * event recorded a moment ago, or a brand-new user's first events, change the next response without
 * retraining. The encoder's activations live in a per-thread scratch, so a request allocates
 * nothing per candidate and threads share the model freely.
 *
 * <p>Scores are softmax logits over the whole catalogue ({@code h · e_i}, the quantity training
 * maximised for the next item). For a request's history they are then mixed with the learned repeat
 * propensity ({@link RepeatPropensity}, as aws-user-personalization does): the history's own items
 * get the learned probability of a return to them (by event type and time since the user's last
 * interaction with them), every other item its softmax share of the rest. The encoder alone cannot
 * say whether this catalogue is one users come back to (groceries) or not (films nobody re-rates);
 * without this, it serves items the user just watched because they resemble what comes next. With
 * user metadata (HRNN-Metadata, -Coldstart trained with a Users dataset, {@link UserMetadata}), a
 * history that names its user ({@link UserHistory#userIdx()}) scores with {@code (h + m_u) · e_i},
 * {@code m_u} the mean of the user's value embeddings; a trained user's stored state already
 * includes it.
 *
 * <p>With an Items dataset, a history's logits also get the metadata taste lift ({@link
 * ItemTaste}): items carrying the values the history's items share rise, firmly for a new user's
 * few events and little for a long history. A trained user's stored state has no history, so no
 * lift.
 *
 * <p>Format: version 1 is a model as written before the repeat propensity and user metadata (still
 * read: neither); version 3 appends the passes trained, a flag and the repeat propensity, then a
 * flag and the users' value lists and value rows (still read: no lift); version 4 appends a flag
 * and the taste lift's item value lists and settings; version 5 adds the lift's rarity and
 * second-fit settings (a version 4 lift is read as written: best squared share only).
 */
final class SequenceModel implements Model {
  static final int FORMAT_VERSION = 5;

  /** The first format with the taste lift, before its rarity and second fit. */
  static final int FORMAT_WITH_TASTE = 4;

  /** The format with the passes, repeat propensity and user metadata, before the taste lift. */
  static final int FORMAT_WITH_EXTRAS = 3;

  /** The format before the repeat propensity and user metadata, still read. */
  static final int FORMAT_WITHOUT_EXTRAS = 1;

  private static final Set<ModelCapability> CAPABILITIES =
      EnumSet.of(ModelCapability.ITEMS_FOR_USER, ModelCapability.ITEMS_FOR_HISTORY);

  private final String recipe;
  private final SequenceEncoder enc;
  private final float[][] prm;
  private final EventBuckets buckets;
  private final float[][] userStates;
  private final float[] cold;
  private final RepeatPropensity repeat;
  private final int epochs;
  private final UserMetadata users;
  private final float[][] userRows;
  private final ItemTaste taste;
  private final ThreadLocal<SequenceEncoder.Work> work;
  private final ThreadLocal<float[]> term;
  private final ThreadLocal<RepeatScratch> repeatScratch;

  /**
   * @param repeat the learned repeat propensity, or null to serve the encoder's logits as they are
   */
  SequenceModel(
      String recipe,
      SequenceEncoder enc,
      float[][] prm,
      EventBuckets buckets,
      float[][] userStates,
      float[] cold,
      RepeatPropensity repeat) {
    this(recipe, enc, prm, buckets, userStates, cold, repeat, 0, null, null, null);
  }

  /**
   * A model whose histories' users may add a user term.
   *
   * @param repeat the learned repeat propensity, or null to serve the encoder's logits as they are
   * @param epochs the passes training made, 0 when not known (a model of format 1)
   * @param users the users' metadata values, or null for none
   * @param userRows the value embeddings (row {@code v} of value {@code v}), or null with {@code
   *     users}
   * @param taste the metadata lift of a history's shared values, or null for none
   */
  SequenceModel(
      String recipe,
      SequenceEncoder enc,
      float[][] prm,
      EventBuckets buckets,
      float[][] userStates,
      float[] cold,
      RepeatPropensity repeat,
      int epochs,
      UserMetadata users,
      float[][] userRows,
      ItemTaste taste) {
    this.recipe = recipe;
    this.enc = enc;
    this.prm = prm;
    this.buckets = buckets;
    this.userStates = userStates;
    this.cold = cold;
    this.repeat = repeat;
    this.epochs = epochs;
    this.users = users;
    this.userRows = userRows;
    this.taste = taste;
    this.work = ThreadLocal.withInitial(enc::newWork);
    this.term = ThreadLocal.withInitial(() -> new float[enc.d]);
    this.repeatScratch = ThreadLocal.withInitial(() -> new RepeatScratch(enc.numItems));
  }

  /** One thread's buffers for the repeat mixture; grown for a longer history, never shrunk. */
  private static final class RepeatScratch {
    final int[] stamp;
    final float[] all;
    int mark;
    int[] items = new int[0];
    float[] rates = new float[0];

    RepeatScratch(int numItems) {
      stamp = new int[numItems];
      all = new float[numItems];
    }

    int nextMark(int n) {
      if (items.length < n) {
        items = new int[Math.max(n, 2 * items.length)];
        rates = new float[items.length];
      }
      if (++mark == Integer.MAX_VALUE) {
        Arrays.fill(stamp, 0);
        mark = 1;
      }
      return mark;
    }
  }

  /** Mixes {@code out} (logits for every item) with the repeat propensity of the history. */
  private void mixRepeats(UserHistory history, float[] out) {
    if (repeat == null || history.size() == 0) {
      return;
    }
    RepeatScratch s = repeatScratch.get();
    int mark = s.nextMark(history.size());
    repeat.adjust(history, out, enc.numItems, s.stamp, mark, s.items, s.rates);
  }

  @Override
  public Map<String, String> learnedParameters() {
    Map<String, String> m = new LinkedHashMap<>();
    if (epochs > 0) {
      m.put("learned.epochs", Integer.toString(epochs));
    }
    if (repeat != null) {
      m.putAll(repeat.learnedParameters());
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public int numUsers() {
    return userStates.length;
  }

  @Override
  public int numItems() {
    return enc.numItems;
  }

  @Override
  public Set<ModelCapability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ScoreKind scoreKind() {
    return ScoreKind.SOFTMAX_LOGITS;
  }

  @Override
  public void scoreItemsForUser(int userIdx, float[] out) {
    Checks.index("userIdx", userIdx, userStates.length);
    Checks.buffer("out", out, enc.numItems);
    float[] h = userStates[userIdx];
    if (h == null) {
      System.arraycopy(cold, 0, out, 0, cold.length);
    } else {
      SeqKernels.get().scoreRows(prm, 0, enc.numItems, h, out, enc.d);
    }
  }

  @Override
  public void scoreCandidatesForUser(
      int userIdx, int[] candidates, int numCandidates, float[] out) {
    Checks.index("userIdx", userIdx, userStates.length);
    checkCandidates(candidates, numCandidates, out);
    score(userStates[userIdx], candidates, numCandidates, out);
  }

  @Override
  public void scoreItemsForHistory(int[] itemIdx, float[] weights, int n, float[] out) {
    checkHistory(itemIdx, weights, n);
    Checks.buffer("out", out, enc.numItems);
    float[] h = encode(itemIdx, weights, n);
    if (h == null) {
      System.arraycopy(cold, 0, out, 0, cold.length);
    } else {
      SeqKernels.get().scoreRows(prm, 0, enc.numItems, h, out, enc.d);
    }
  }

  @Override
  public void scoreCandidatesForHistory(
      int[] itemIdx, float[] weights, int n, int[] candidates, int numCandidates, float[] out) {
    checkHistory(itemIdx, weights, n);
    checkCandidates(candidates, numCandidates, out);
    score(encode(itemIdx, weights, n), candidates, numCandidates, out);
  }

  @Override
  public void scoreItemsForHistory(UserHistory history, float[] out) {
    checkHistory(history);
    Checks.buffer("out", out, enc.numItems);
    scoreAll(history, out);
  }

  private void scoreAll(UserHistory history, float[] out) {
    float[] h = encode(history);
    if (h == null) {
      System.arraycopy(cold, 0, out, 0, cold.length);
    } else {
      SeqKernels.get().scoreRows(prm, 0, enc.numItems, h, out, enc.d);
    }
    lift(h, null, enc.numItems, out);
    mixRepeats(history, out);
  }

  @Override
  public void scoreCandidatesForHistory(
      UserHistory history, int[] candidates, int numCandidates, float[] out) {
    checkHistory(history);
    checkCandidates(candidates, numCandidates, out);
    if (repeat == null || history.size() == 0) {
      float[] h = encode(history);
      score(h, candidates, numCandidates, out);
      lift(h, candidates, numCandidates, out);
      return;
    }
    // The mixture normalises over every item, so the whole catalogue is scored.
    float[] all = repeatScratch.get().all;
    scoreAll(history, all);
    for (int c = 0; c < numCandidates; c++) {
      out[c] = all[candidates[c]];
    }
  }

  /**
   * Adds the taste lift of the window the last {@link #encode(UserHistory)} read ({@code h} its
   * state, null when it read nothing), so the lift sees exactly the events the encoder did.
   */
  private void lift(float[] h, int[] candidates, int numCandidates, float[] out) {
    if (taste != null && h != null) {
      SequenceEncoder.Work w = work.get();
      taste.lift(w.items, w.n, candidates, numCandidates, out);
    }
  }

  /** Scores candidates with the same summation order as scoring every item. */
  private void score(float[] h, int[] candidates, int numCandidates, float[] out) {
    if (h == null) {
      for (int c = 0; c < numCandidates; c++) {
        out[c] = cold[candidates[c]];
      }
    } else {
      SeqKernels.get().scoreIndexed(prm, candidates, numCandidates, h, out, enc.d);
    }
  }

  /**
   * The encoder's state after the newest events of a history with positive weight, or null when
   * there are none. The returned row is this thread's scratch.
   */
  private float[] encode(int[] itemIdx, float[] weights, int n) {
    SequenceEncoder.Work w = work.get();
    int len = 0;
    for (int e = n - 1; e >= 0 && len < enc.maxLen; e--) {
      float wt = weights == null ? 1f : weights[e];
      if (wt > 0) {
        len++;
      }
    }
    if (len == 0) {
      return null;
    }
    int t = len;
    for (int e = n - 1; e >= 0 && t > 0; e--) {
      float wt = weights == null ? 1f : weights[e];
      if (wt > 0) {
        t--;
        w.items[t] = itemIdx[e];
        w.buckets[t] = buckets.bucket(wt);
        w.gaps[t] = TimeGaps.NONE;
      }
    }
    enc.forward(prm, w, len, null, 0f);
    return w.h[len - 1];
  }

  /**
   * As {@link #encode(int[], float[], int)}, with each event's time gap to the previous positive
   * event of the window when the history has timestamps (the recurrent encoder's input; the first
   * event of the window has none, as in training).
   */
  private float[] encode(UserHistory history) {
    SequenceEncoder.Work w = work.get();
    int n = history.size();
    int len = 0;
    for (int e = n - 1; e >= 0 && len < enc.maxLen; e--) {
      if (history.weight(e) > 0) {
        len++;
      }
    }
    if (len == 0) {
      return null;
    }
    boolean times = history.hasTimestamps();
    int t = len;
    long next = 0;
    for (int e = n - 1; e >= 0 && t > 0; e--) {
      float wt = history.weight(e);
      if (wt > 0) {
        t--;
        w.items[t] = history.itemIdx(e);
        w.buckets[t] = buckets.bucket(wt);
        w.gaps[t] = TimeGaps.NONE;
        if (times && t + 1 < len) {
          w.gaps[t + 1] = TimeGaps.bucket(history.timestamp(e), next);
        }
        if (times) {
          next = history.timestamp(e);
        }
      }
    }
    enc.forward(prm, w, len, null, 0f);
    float[] h = w.h[len - 1];
    int u = history.userIdx();
    if (users != null && users.count(u) > 0) {
      // The state is this thread's scratch, rewritten by the next forward: add in place.
      float[] m = term.get();
      users.term(userRows, 0, u, m, enc.d);
      SeqKernels.get().axpy(1f, m, h, enc.d);
    }
    return h;
  }

  private void checkHistory(UserHistory history) {
    if (history.userIdx() >= 0) {
      Checks.index("history.userIdx", history.userIdx(), userStates.length);
    }
    for (int e = 0; e < history.size(); e++) {
      Checks.index("itemIdx[" + e + "]", history.itemIdx(e), enc.numItems);
    }
  }

  private void checkHistory(int[] itemIdx, float[] weights, int n) {
    Checks.count("n", n, itemIdx.length);
    if (weights != null) {
      Checks.count("n", n, weights.length);
    }
    for (int e = 0; e < n; e++) {
      Checks.index("itemIdx[" + e + "]", itemIdx[e], enc.numItems);
    }
  }

  private void checkCandidates(int[] candidates, int numCandidates, float[] out) {
    Checks.count("numCandidates", numCandidates, Math.min(candidates.length, out.length));
    for (int c = 0; c < numCandidates; c++) {
      Checks.index("candidates[" + c + "]", candidates[c], enc.numItems);
    }
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = ModelIO.header(out, recipe, FORMAT_VERSION);
    enc.writeLayout(data);
    ModelIO.writeFloats(data, buckets.upper);
    ModelIO.writeFloats(data, flatten(prm, enc.d));
    data.writeInt(userStates.length);
    int[] has = new int[userStates.length];
    int count = 0;
    for (int u = 0; u < userStates.length; u++) {
      if (userStates[u] != null) {
        has[u] = 1;
        count++;
      }
    }
    ModelIO.writeInts(data, has);
    float[][] present = new float[count][];
    for (int u = 0, c = 0; u < userStates.length; u++) {
      if (userStates[u] != null) {
        present[c++] = userStates[u];
      }
    }
    ModelIO.writeFloats(data, flatten(present, enc.d));
    ModelIO.writeFloats(data, cold);
    data.writeInt(epochs);
    data.writeBoolean(repeat != null);
    if (repeat != null) {
      repeat.write(data);
    }
    data.writeBoolean(users != null);
    if (users != null) {
      users.write(data);
      ModelIO.writeFloats(data, flatten(userRows, enc.d));
    }
    data.writeBoolean(taste != null);
    if (taste != null) {
      taste.write(data);
    }
    data.flush();
  }

  /** Rebuilds an encoder from the four layout ints it wrote and the number of event buckets. */
  interface Layout {
    SequenceEncoder encoder(int numItems, int maxLen, int extra, int d, int numBuckets);
  }

  /** The self-attention layout: the third int is the number of blocks. */
  static final Layout ATTENTION =
      (numItems, maxLen, blocks, d, nb) ->
          new SelfAttentionEncoder(numItems, maxLen, nb, blocks, d);

  /** The recurrent layout: the third int is bptt. */
  static final Layout RECURRENT =
      (numItems, maxLen, bptt, d, nb) -> new GruEncoder(numItems, maxLen, nb, d, bptt);

  static SequenceModel read(InputStream in, String recipe) throws IOException {
    return read(in, recipe, ATTENTION);
  }

  static SequenceModel read(InputStream in, String recipe, Layout layout) throws IOException {
    ModelIO.Header header = ModelIO.readHeader(in, recipe, FORMAT_WITHOUT_EXTRAS, FORMAT_VERSION);
    DataInputStream data = header.data();
    // version 2 (user metadata without the repeat propensity) was never released
    ModelIO.require(header.version() != 2, "format version 2");
    int numItems = data.readInt();
    int maxLen = data.readInt();
    int extra = data.readInt();
    int d = data.readInt();
    ModelIO.require(numItems >= 1 && maxLen >= 1 && extra >= 0 && d >= 1, "dimensions");
    float[] upper = ModelIO.readFloats(data, "eventBuckets");
    ModelIO.require(upper.length >= 1, "event buckets " + upper.length);
    SequenceEncoder enc = layout.encoder(numItems, maxLen, extra, d, upper.length);
    float[] flat = ModelIO.readFloats(data, "parameters");
    ModelIO.require(flat.length == (long) enc.numRows * d, "parameters " + flat.length + " floats");
    float[][] prm = rows(flat, enc.numRows, d);
    int numUsers = data.readInt();
    ModelIO.require(numUsers >= 0, "numUsers " + numUsers);
    int[] has = ModelIO.readInts(data, "userHasState");
    ModelIO.require(has.length == numUsers, "user flags " + has.length);
    float[] statesFlat = ModelIO.readFloats(data, "userStates");
    int count = statesFlat.length / d;
    ModelIO.require(statesFlat.length == count * d, "user states");
    float[][] present = rows(statesFlat, count, d);
    float[][] states = new float[numUsers][];
    int c = 0;
    for (int u = 0; u < numUsers; u++) {
      if (has[u] == 1) {
        ModelIO.require(c < count, "user states " + count);
        states[u] = present[c++];
      } else {
        ModelIO.require(has[u] == 0, "user flag " + has[u]);
      }
    }
    ModelIO.require(c == count, "user states " + count);
    float[] cold = ModelIO.readFloats(data, "coldLogits");
    ModelIO.require(cold.length == numItems, "cold logits " + cold.length);
    RepeatPropensity repeat = null;
    int epochs = 0;
    UserMetadata users = null;
    float[][] userRows = null;
    ItemTaste taste = null;
    if (header.version() >= FORMAT_WITH_EXTRAS) {
      epochs = data.readInt();
      ModelIO.require(epochs >= 0, "epochs " + epochs);
      repeat = data.readBoolean() ? RepeatPropensity.read(data) : null;
      if (data.readBoolean()) {
        users = UserMetadata.read(data, numUsers);
        float[] rowsFlat = ModelIO.readFloats(data, "userValueRows");
        ModelIO.require(
            rowsFlat.length == (long) users.numValues * d, "user value rows " + rowsFlat.length);
        userRows = rows(rowsFlat, users.numValues, d);
      }
      if (header.version() >= FORMAT_WITH_TASTE && data.readBoolean()) {
        taste = ItemTaste.read(data, numItems, header.version() >= FORMAT_VERSION);
      }
    }
    return new SequenceModel(
        recipe,
        enc,
        prm,
        new EventBuckets(upper),
        states,
        cold,
        repeat,
        epochs,
        users,
        userRows,
        taste);
  }

  private static float[] flatten(float[][] rows, int d) {
    float[] flat = new float[rows.length * d];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * d, d);
    }
    return flat;
  }

  private static float[][] rows(float[] flat, int n, int d) {
    float[][] out = new float[n][d];
    for (int r = 0; r < n; r++) {
      System.arraycopy(flat, r * d, out[r], 0, d);
    }
    return out;
  }
}
