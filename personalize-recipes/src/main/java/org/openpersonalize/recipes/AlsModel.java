package org.openpersonalize.recipes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.ScoreKind;

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
  static final int FORMAT_VERSION = 1;

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
          ModelCapability.USERS_FOR_ITEM);

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
      double[] gram) {
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

  @Override
  public void scoreItemsForHistory(int[] itemIdx, float[] weights, int n, float[] out) {
    Checks.buffer("out", out, numItems);
    Vec.matVec(itemFactors, numItems, foldIn(itemIdx, weights, n), out, k);
  }

  @Override
  public void scoreCandidatesForHistory(
      int[] itemIdx, float[] weights, int n, int[] candidates, int numCandidates, float[] out) {
    scoreSome(foldIn(itemIdx, weights, n), candidates, numCandidates, out);
  }

  @Override
  public void scoreUsersForItem(int itemIdx, float[] out) {
    Checks.index("itemIdx", itemIdx, numItems);
    Checks.buffer("out", out, numUsers);
    float[] item = Arrays.copyOfRange(itemFactors, itemIdx * k, itemIdx * k + k);
    Vec.matVec(userFactors, numUsers, item, out, k);
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
   * The user vector for a history, oldest event first. Repeated items are merged, summing their
   * (recency-weighted) weights, exactly as training aggregates a user's events.
   */
  float[] foldIn(int[] itemIdx, float[] weights, int n) {
    Checks.count("n", n, itemIdx.length);
    if (weights != null) {
      Checks.count("n", n, weights.length);
    }
    for (int e = 0; e < n; e++) {
      Checks.index("itemIdx[" + e + "]", itemIdx[e], numItems);
      if (weights != null && !(weights[e] >= 0 && weights[e] < Float.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException(
            "weights[" + e + "] must be finite and >= 0; got: " + weights[e]);
      }
    }
    // As in training, events of weight 0 carry no signal and do not count as newer events.
    float[] w = new float[n];
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
    long[] keys = new long[n];
    for (int e = 0; e < n; e++) {
      keys[e] = ((long) itemIdx[e] << 32) | e;
    }
    Arrays.sort(keys);
    int[] items = new int[n];
    float[] sum = new float[n];
    int m = 0;
    for (int s = 0; s < n; s++) {
      int item = (int) (keys[s] >>> 32);
      float we = w[(int) keys[s]];
      if (m > 0 && items[m - 1] == item) {
        sum[m - 1] += we;
      } else {
        items[m] = item;
        sum[m] = we;
        m++;
      }
    }
    int positive = 0;
    float[] cm1 = new float[m];
    for (int e = 0; e < m; e++) {
      if (sum[e] > 0) {
        items[positive] = items[e];
        cm1[positive] = alpha * sum[e];
        positive++;
      }
    }
    if (positive == 0) {
      return coldUser.clone();
    }
    return solveExact(gram, itemFactors, k, items, cm1, positive);
  }

  /**
   * Solves {@code (G + Σ c1_e y y ᵀ) x = Σ (1 + c1_e) y} where {@code G = YᵀY + λI}.
   *
   * @param gram {@code G}, {@code k × k} row-major
   * @param y item factors
   * @param items the history's distinct items
   * @param cm1 their confidence minus one, {@code α·w}
   * @param m how many entries to use
   */
  static float[] solveExact(double[] gram, float[] y, int k, int[] items, float[] cm1, int m) {
    // Rows of the system as separate zero-based arrays, so the rank-one updates vectorize (see
    // Vec); long histories make this the dominant cost of a fold-in.
    double[][] sys = new double[k][];
    for (int p = 0; p < k; p++) {
      sys[p] = Arrays.copyOfRange(gram, p * k, p * k + k);
    }
    double[] b = new double[k];
    double[] yi = new double[k];
    for (int e = 0; e < m; e++) {
      int yo = items[e] * k;
      double c1 = cm1[e];
      for (int p = 0; p < k; p++) {
        yi[p] = y[yo + p];
        b[p] += (1 + c1) * yi[p];
      }
      for (int p = 0; p < k; p++) {
        double s = c1 * yi[p];
        double[] row = sys[p];
        for (int q = 0; q < k; q++) {
          row[q] += s * yi[q];
        }
      }
    }
    DMatrixRMaj a = new DMatrixRMaj(k, k);
    for (int p = 0; p < k; p++) {
      System.arraycopy(sys[p], 0, a.data, p * k, k);
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(k);
    if (!solver.setA(a.copy())) {
      // Only reachable with a degenerate Gram matrix; a least-squares solve still gives the best
      // vector there is.
      solver = LinearSolverFactory_DDRM.pseudoInverse(true);
      solver.setA(a);
    }
    DMatrixRMaj x = new DMatrixRMaj(k, 1);
    solver.solve(DMatrixRMaj.wrap(k, 1, b), x);
    float[] out = new float[k];
    for (int p = 0; p < k; p++) {
      out[p] = (float) x.data[p];
    }
    return out;
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
        gram);
  }
}
