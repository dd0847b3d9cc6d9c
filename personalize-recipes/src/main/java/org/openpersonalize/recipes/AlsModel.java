package org.openpersonalize.recipes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.openpersonalize.spi.FactorBlocks;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.UserHistory;

/**
 * A user-item factor model from {@link ImplicitAls}: user {@code u} and item {@code i} have vectors
 * {@code x_u} and {@code y_i} of {@code k} floats, and the logit of {@code i} for {@code u} is
 * {@code x_u · y_i}, turned into Amazon's softmax score by the caller (spec §3.2).
 *
 * <p>Real-time users are folded in (Hu, Koren and Volinsky 2008, §4; the same least-squares problem
 * training solves for a user): from a history of items with confidences {@code c = 1 + α·w} the
 * user vector solves {@code (YᵀY + λI + Σ (c−1) y yᵀ) x = Σ c y}, exactly, with a Cholesky
 * factorisation of the {@code k × k} system. {@code YᵀY + λI} is kept with the model, so a fold-in
 * costs {@code O(n·k² + k³)} for a history of {@code n} items: about a millisecond at {@code k =
 * 149}, independent of the catalogue size.
 *
 * <p>Factors are row-major {@code float[]} so that scoring every item is one sequential pass over
 * {@code numItems × k} floats.
 */
final class AlsModel implements Model {
  static final int FORMAT_VERSION = 2;

  /**
   * Weight kept by interactions far back in a history under {@code recency_mask}: old tastes fade
   * but never vanish, so a long-time fan of a genre who lately watched something else still gets
   * the genre.
   */
  static final float RECENCY_FLOOR = 0.25f;

  private static final Set<ModelCapability> CAPABILITIES =
      EnumSet.of(
          ModelCapability.ITEMS_FOR_USER,
          ModelCapability.ITEMS_FOR_HISTORY,
          ModelCapability.USERS_FOR_ITEM,
          ModelCapability.USERS_FOR_ITEM_SET,
          ModelCapability.BLOCK_SCORING);

  final String recipe;
  final int k;
  final int numUsers;
  final int numItems;
  final float alpha;
  final boolean recencyMask;
  final int bptt;
  final float[] userFactors;
  final float[] itemFactors;
  final float[] coldUser;
  final double[] gram;

  /** How often users come back to items of their history; null when repeat_awareness is off. */
  final RepeatPropensity repeat;

  /** The item-metadata prior of fold-ins; null without categorical item metadata. */
  final FoldInPrior prior;

  /**
   * Per-thread buffers for fold-in and repeat scoring, so that a request allocates nothing beyond
   * its response (issue 9): about {@code 8·k² + 4·numItems} bytes per serving thread.
   */
  private final ThreadLocal<Scratch> scratch;

  AlsModel(
      String recipe,
      int k,
      int numUsers,
      int numItems,
      float alpha,
      boolean recencyMask,
      int bptt,
      float[] userFactors,
      float[] itemFactors,
      float[] coldUser,
      double[] gram,
      RepeatPropensity repeat,
      FoldInPrior prior) {
    this.recipe = recipe;
    this.k = k;
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.alpha = alpha;
    this.recencyMask = recencyMask;
    this.bptt = bptt;
    this.userFactors = userFactors;
    this.itemFactors = itemFactors;
    this.coldUser = coldUser;
    this.gram = gram;
    this.repeat = repeat;
    this.prior = prior;
    int numValues = prior == null ? 0 : prior.numValues();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(k, numItems, numValues));
  }

  /** One thread's buffers; grown when a longer history arrives, never shrunk. */
  static final class Scratch {
    final double[] sys;
    final double[] b;
    final double[] yi;
    final float[] x;
    final int[] stamp;
    final double[] valueCounts;
    final int[] touchedValues;
    final float[] priorVector;
    private int mark;
    int[] inItems = new int[0];
    float[] inWeights = new float[0];
    long[] keys = new long[0];
    float[] w = new float[0];
    int[] items = new int[0];
    float[] cm1 = new float[0];
    int[] historyItems = new int[0];
    float[] historyRates = new float[0];
    float[] allScores;

    Scratch(int k, int numItems, int numValues) {
      valueCounts = new double[numValues];
      touchedValues = new int[numValues];
      priorVector = new float[k];
      sys = new double[k * k];
      b = new double[k];
      yi = new double[k];
      x = new float[k];
      stamp = new int[numItems];
    }

    void ensure(int n) {
      if (keys.length < n) {
        int cap = Math.max(n, 2 * keys.length);
        inItems = new int[cap];
        inWeights = new float[cap];
        keys = new long[cap];
        w = new float[cap];
        items = new int[cap];
        cm1 = new float[cap];
        historyItems = new int[cap];
        historyRates = new float[cap];
      }
    }

    /** A fresh mark for {@link #stamp}, clearing it only when the counter wraps. */
    int nextMark() {
      if (++mark == Integer.MAX_VALUE) {
        Arrays.fill(stamp, 0);
        mark = 1;
      }
      return mark;
    }
  }

  /**
   * The recency multiplier of an event with {@code newer} later events in the same history: full
   * weight for the {@code bptt} most recent, then halving every {@code bptt} events further back,
   * down to {@link #RECENCY_FLOOR}. Named after HRNN's truncated back-propagation window, which
   * likewise limits how far back a history shapes the user's state.
   */
  static float recencyWeight(int newer, int bptt) {
    if (newer < bptt) {
      return 1f;
    }
    double w = Math.pow(0.5, (double) (newer - bptt + 1) / bptt);
    return (float) Math.max(RECENCY_FLOOR, w);
  }

  @Override
  public int numUsers() {
    return numUsers;
  }

  @Override
  public int numItems() {
    return numItems;
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
    Checks.index("userIdx", userIdx, numUsers);
    Checks.buffer("out", out, numItems);
    Vec.matVec(itemFactors, numItems, userVector(userIdx), out, k);
  }

  @Override
  public void scoreCandidatesForUser(
      int userIdx, int[] candidates, int numCandidates, float[] out) {
    Checks.index("userIdx", userIdx, numUsers);
    scoreSome(userVector(userIdx), candidates, numCandidates, out);
  }

  /**
   * The factor model's scores for a history: its taste, with no repeat-awareness (the history's own
   * items score as the fold-in predicts them). Offline metrics remove the history and use this;
   * serving calls {@link #scoreItemsForHistory(UserHistory, float[])}.
   */
  @Override
  public void scoreItemsForHistory(int[] itemIdx, float[] weights, int n, float[] out) {
    Checks.buffer("out", out, numItems);
    Scratch s = scratch.get();
    Vec.matVec(itemFactors, numItems, foldIn(itemIdx, weights, n, s), out, k);
  }

  @Override
  public void scoreCandidatesForHistory(
      int[] itemIdx, float[] weights, int n, int[] candidates, int numCandidates, float[] out) {
    scoreSome(foldIn(itemIdx, weights, n, scratch.get()), candidates, numCandidates, out);
  }

  /**
   * What a campaign serves: the fold-in's scores, then the learned repeat propensity decides how
   * the history's own items rank ({@link RepeatPropensity#adjust}).
   */
  @Override
  public void scoreItemsForHistory(UserHistory history, float[] out) {
    Checks.buffer("out", out, numItems);
    Scratch s = scratch.get();
    int n = history.size();
    s.ensure(n);
    for (int e = 0; e < n; e++) {
      s.inItems[e] = history.itemIdx(e);
      s.inWeights[e] = history.weight(e);
    }
    float[] x = foldIn(s.inItems, s.inWeights, n, s);
    Vec.matVec(itemFactors, numItems, x, out, k);
    if (repeat != null) {
      repeat.adjust(history, out, numItems, s);
    }
  }

  /** The item factors laid out for {@link FactorBlocks}, made on the first block scored. */
  private volatile FactorBlocks.Items blockItems;

  /**
   * A block of histories: each fold-in as {@link #scoreItemsForHistory(UserHistory, float[])} does
   * it, then one blocked product over the item factors for the whole block ({@link FactorBlocks},
   * whose summation order is {@link Vec#matVec}'s, so the scores are bit-for-bit those of one
   * history at a time), then each history's repeat adjustment.
   */
  @Override
  public void scoreItemsForHistories(UserHistory[] histories, int n, float[][] out) {
    Checks.count("n", n, Math.min(histories.length, out.length));
    for (int u = 0; u < n; u++) {
      Checks.buffer("out[" + u + "]", out[u], numItems);
    }
    Scratch s = scratch.get();
    float[][] xs = new float[n][];
    for (int u = 0; u < n; u++) {
      UserHistory history = histories[u];
      int len = history.size();
      s.ensure(len);
      for (int e = 0; e < len; e++) {
        s.inItems[e] = history.itemIdx(e);
        s.inWeights[e] = history.weight(e);
      }
      xs[u] = foldIn(s.inItems, s.inWeights, len, s).clone();
    }
    FactorBlocks.Items t = blockItems;
    if (t == null) {
      t = FactorBlocks.items(itemFactors, numItems, k);
      blockItems = t;
    }
    FactorBlocks.scores(xs, n, t, out);
    if (repeat != null) {
      for (int u = 0; u < n; u++) {
        repeat.adjust(histories[u], out[u], numItems, s);
      }
    }
  }

  @Override
  public void scoreCandidatesForHistory(
      UserHistory history, int[] candidates, int numCandidates, float[] out) {
    if (repeat == null) {
      Model.super.scoreCandidatesForHistory(history, candidates, numCandidates, out);
      return;
    }
    // The mixture normalises over every item, so the whole catalogue is scored.
    Checks.count("numCandidates", numCandidates, Math.min(candidates.length, out.length));
    for (int c = 0; c < numCandidates; c++) {
      Checks.index("candidates[" + c + "]", candidates[c], numItems);
    }
    Scratch s = scratch.get();
    if (s.allScores == null) {
      s.allScores = new float[numItems];
    }
    float[] all = s.allScores;
    scoreItemsForHistory(history, all);
    for (int c = 0; c < numCandidates; c++) {
      out[c] = all[candidates[c]];
    }
  }

  @Override
  public Map<String, String> learnedParameters() {
    return repeat == null ? Map.of() : repeat.learnedParameters();
  }

  @Override
  public void scoreUsersForItem(int itemIdx, float[] out) {
    Checks.index("itemIdx", itemIdx, numItems);
    Checks.buffer("out", out, numUsers);
    float[] item = Arrays.copyOfRange(itemFactors, itemIdx * k, itemIdx * k + k);
    Vec.matVec(userFactors, numUsers, item, out, k);
  }

  /** One matrix product per block of items ({@link UserScoring#forItems}). */
  @Override
  public void scoreUsersForItems(int[] itemIdx, int n, float[][] out) {
    Checks.count("n", n, Math.min(itemIdx.length, out.length));
    for (int r = 0; r < n; r++) {
      if (itemIdx[r] < 0 || itemIdx[r] >= numItems) {
        Checks.index("itemIdx[" + r + "]", itemIdx[r], numItems);
      }
      if (out[r].length < numUsers) {
        Checks.buffer("out[" + r + "]", out[r], numUsers);
      }
    }
    UserScoring.forItems(userFactors, numUsers, itemFactors, k, itemIdx, n, out);
  }

  /** The users' scores for the set's summed item vector ({@link UserScoring#forItemSet}). */
  @Override
  public void scoreUsersForItemSet(int[] itemIdx, int n, float[] out) {
    Checks.count("n", n, itemIdx.length);
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1: a set needs an item; got: " + n);
    }
    for (int e = 0; e < n; e++) {
      if (itemIdx[e] < 0 || itemIdx[e] >= numItems) {
        Checks.index("itemIdx[" + e + "]", itemIdx[e], numItems);
      }
    }
    Checks.buffer("out", out, numUsers);
    UserScoring.forItemSet(userFactors, numUsers, itemFactors, k, itemIdx, n, out);
  }

  /** A copy of a user's vector: the kernels want a zero-based vector (see {@link Vec}). */
  private float[] userVector(int userIdx) {
    return Arrays.copyOfRange(userFactors, userIdx * k, userIdx * k + k);
  }

  private void scoreSome(float[] x, int[] candidates, int numCandidates, float[] out) {
    Checks.count("numCandidates", numCandidates, Math.min(candidates.length, out.length));
    for (int c = 0; c < numCandidates; c++) {
      Checks.index("candidates[" + c + "]", candidates[c], numItems);
    }
    for (int c = 0; c < numCandidates; c++) {
      out[c] = Vec.rowDot(itemFactors, candidates[c] * k, x, k);
    }
  }

  /**
   * The user vector for a history, oldest event first, in {@code s.x}. Repeated items are merged,
   * summing their (recency-weighted) weights, exactly as training aggregates a user's events. Works
   * in {@code s}'s buffers only: no allocation once they have grown to the history's length.
   */
  float[] foldIn(int[] itemIdx, float[] weights, int n, Scratch s) {
    Checks.count("n", n, itemIdx.length);
    if (weights != null) {
      Checks.count("n", n, weights.length);
    }
    for (int e = 0; e < n; e++) {
      // The field name is built only on failure: serving calls this on every request.
      if (itemIdx[e] < 0 || itemIdx[e] >= numItems) {
        Checks.index("itemIdx[" + e + "]", itemIdx[e], numItems);
      }
      if (weights != null && !(weights[e] >= 0 && weights[e] < Float.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "weights[" + e + "] must be finite and >= 0; got: " + weights[e]);
      }
    }
    s.ensure(n);
    float[] w = s.w;
    // As in training, events of weight 0 carry no signal and do not count as newer events.
    for (int e = n - 1, newer = 0; e >= 0; e--) {
      w[e] = weights == null ? 1f : weights[e];
      if (w[e] > 0) {
        if (recencyMask) {
          w[e] *= recencyWeight(newer, bptt);
        }
        newer++;
      }
    }
    // Sort (item, position) pairs so equal items are adjacent and their weights add up in
    // history order, then merge.
    long[] keys = s.keys;
    for (int e = 0; e < n; e++) {
      keys[e] = ((long) itemIdx[e] << 32) | e;
    }
    Arrays.sort(keys, 0, n);
    int[] items = s.items;
    float[] cm1 = s.cm1;
    int m = 0;
    for (int q = 0; q < n; q++) {
      int item = (int) (keys[q] >>> 32);
      float we = w[(int) keys[q]];
      if (m > 0 && items[m - 1] == item) {
        cm1[m - 1] += we;
      } else {
        items[m] = item;
        cm1[m] = we;
        m++;
      }
    }
    int positive = 0;
    for (int e = 0; e < m; e++) {
      if (cm1[e] > 0) {
        items[positive] = items[e];
        cm1[positive] = alpha * cm1[e];
        positive++;
      }
    }
    if (positive == 0) {
      System.arraycopy(coldUser, 0, s.x, 0, k);
      return s.x;
    }
    boolean withPrior =
        prior != null
            && prior.compute(
                items, cm1, positive, k, s.valueCounts, s.touchedValues, s.priorVector);
    solveExact(
        gram,
        itemFactors,
        k,
        items,
        cm1,
        positive,
        withPrior ? s.priorVector : null,
        withPrior ? prior.cm1 : 0f,
        s.sys,
        s.b,
        s.yi,
        s.x);
    return s.x;
  }

  /**
   * Solves {@code (G + Σ c1_e y yᵀ) x = Σ (1 + c1_e) y} where {@code G = YᵀY + λI}, allocating only
   * its result (training's one-off solves for users left out by the percentiles).
   */
  static float[] solveExact(double[] gram, float[] y, int k, int[] items, float[] cm1, int m) {
    float[] x = new float[k];
    solveExact(
        gram, y, k, items, cm1, m, null, 0f, new double[k * k], new double[k], new double[k], x);
    return x;
  }

  /**
   * Solves {@code (G + Σ c1_e y yᵀ) x = Σ (1 + c1_e) y} in the given buffers by an in-place
   * Cholesky factorisation of the {@code k × k} system ({@code k³/3} multiply-adds).
   *
   * @param gram {@code G}, {@code k × k} row-major
   * @param y item factors
   * @param items the history's distinct items
   * @param cm1 their confidence minus one, {@code α·w}
   * @param m how many entries to use
   * @param extra one more observed vector (the metadata prior), or null
   * @param extraCm1 its confidence minus one
   * @param sys {@code k × k} work space, overwritten
   * @param b {@code k} work space, overwritten
   * @param yi {@code k} work space, overwritten
   * @param x receives the solution
   */
  static void solveExact(
      double[] gram,
      float[] y,
      int k,
      int[] items,
      float[] cm1,
      int m,
      float[] extra,
      float extraCm1,
      double[] sys,
      double[] b,
      double[] yi,
      float[] x) {
    System.arraycopy(gram, 0, sys, 0, k * k);
    Arrays.fill(b, 0, k, 0.0);
    for (int e = 0; e < m + (extra == null ? 0 : 1); e++) {
      double c1 = e < m ? cm1[e] : extraCm1;
      if (e < m) {
        int yo = items[e] * k;
        for (int p = 0; p < k; p++) {
          yi[p] = y[yo + p];
        }
      } else {
        for (int p = 0; p < k; p++) {
          yi[p] = extra[p];
        }
      }
      for (int p = 0; p < k; p++) {
        b[p] += (1 + c1) * yi[p];
      }
      // Only the lower triangle is read by the factorisation.
      for (int p = 0; p < k; p++) {
        double sc = c1 * yi[p];
        int row = p * k;
        for (int q = 0; q <= p; q++) {
          sys[row + q] += sc * yi[q];
        }
      }
    }
    if (!cholesky(sys, k)) {
      // Only reachable with a degenerate Gram matrix (regularization near 0); a least-squares
      // solve still gives the best vector there is.
      pseudoInverseSolve(gram, y, k, items, cm1, m, extra, extraCm1, x);
      return;
    }
    // L z = b, then Lᵀ x = z, both in b.
    for (int p = 0; p < k; p++) {
      double v = b[p];
      int row = p * k;
      for (int q = 0; q < p; q++) {
        v -= sys[row + q] * b[q];
      }
      b[p] = v / sys[row + p];
    }
    for (int p = k - 1; p >= 0; p--) {
      double v = b[p];
      for (int q = p + 1; q < k; q++) {
        v -= sys[q * k + p] * b[q];
      }
      b[p] = v / sys[p * k + p];
    }
    for (int p = 0; p < k; p++) {
      x[p] = (float) b[p];
    }
  }

  /**
   * Replaces the lower triangle of a symmetric positive-definite {@code a} by its Cholesky factor
   * {@code L} ({@code a = L Lᵀ}); rows are dotted along their contiguous prefix.
   *
   * @return false when {@code a} is not positive definite
   */
  static boolean cholesky(double[] a, int k) {
    for (int j = 0; j < k; j++) {
      int rj = j * k;
      double d = a[rj + j];
      for (int p = 0; p < j; p++) {
        d -= a[rj + p] * a[rj + p];
      }
      if (!(d > 0)) {
        return false;
      }
      double ljj = Math.sqrt(d);
      a[rj + j] = ljj;
      for (int i = j + 1; i < k; i++) {
        int ri = i * k;
        double v = a[ri + j];
        for (int p = 0; p < j; p++) {
          v -= a[ri + p] * a[rj + p];
        }
        a[ri + j] = v / ljj;
      }
    }
    return true;
  }

  private static void pseudoInverseSolve(
      double[] gram,
      float[] y,
      int k,
      int[] items,
      float[] cm1,
      int m,
      float[] extra,
      float extraCm1,
      float[] x) {
    DMatrixRMaj a = DMatrixRMaj.wrap(k, k, gram.clone());
    double[] b = new double[k];
    double[] v = new double[k];
    for (int e = 0; e < m + (extra == null ? 0 : 1); e++) {
      double c1 = e < m ? cm1[e] : extraCm1;
      for (int p = 0; p < k; p++) {
        v[p] = e < m ? y[items[e] * k + p] : extra[p];
      }
      for (int p = 0; p < k; p++) {
        b[p] += (1 + c1) * v[p];
        for (int q = 0; q < k; q++) {
          a.data[p * k + q] += c1 * v[p] * v[q];
        }
      }
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.pseudoInverse(true);
    solver.setA(a);
    DMatrixRMaj out = new DMatrixRMaj(k, 1);
    solver.solve(DMatrixRMaj.wrap(k, 1, b), out);
    for (int p = 0; p < k; p++) {
      x[p] = (float) out.data[p];
    }
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = ModelIO.header(out, recipe, FORMAT_VERSION);
    data.writeInt(k);
    data.writeInt(numUsers);
    data.writeInt(numItems);
    data.writeFloat(alpha);
    data.writeBoolean(recencyMask);
    data.writeInt(bptt);
    ModelIO.writeFloats(data, userFactors);
    ModelIO.writeFloats(data, itemFactors);
    ModelIO.writeFloats(data, coldUser);
    ModelIO.writeDoubles(data, gram);
    data.writeBoolean(repeat != null);
    if (repeat != null) {
      repeat.write(data);
    }
    data.writeBoolean(prior != null);
    if (prior != null) {
      prior.write(data);
    }
    data.flush();
  }

  static AlsModel read(InputStream in, String recipe) throws IOException {
    DataInputStream data = ModelIO.readHeader(in, recipe, FORMAT_VERSION);
    int k = data.readInt();
    int numUsers = data.readInt();
    int numItems = data.readInt();
    float alpha = data.readFloat();
    boolean recencyMask = data.readBoolean();
    int bptt = data.readInt();
    ModelIO.require(k >= 1 && numUsers >= 0 && numItems >= 0 && bptt >= 1, "bad dimensions");
    float[] userFactors = ModelIO.readFloats(data, "userFactors");
    float[] itemFactors = ModelIO.readFloats(data, "itemFactors");
    float[] coldUser = ModelIO.readFloats(data, "coldUser");
    double[] gram = ModelIO.readDoubles(data, "gram");
    RepeatPropensity repeat = data.readBoolean() ? RepeatPropensity.read(data) : null;
    FoldInPrior prior = data.readBoolean() ? FoldInPrior.read(data, k, numItems) : null;
    ModelIO.require(
        userFactors.length == (long) numUsers * k
            && itemFactors.length == (long) numItems * k
            && coldUser.length == k
            && gram.length == k * k,
        "array lengths do not match k=" + k + ", users=" + numUsers + ", items=" + numItems);
    return new AlsModel(
        recipe,
        k,
        numUsers,
        numItems,
        alpha,
        recencyMask,
        bptt,
        userFactors,
        itemFactors,
        coldUser,
        gram,
        repeat,
        prior);
  }
}
