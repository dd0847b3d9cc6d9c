package org.openpersonalize.recipes.sequence;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.openpersonalize.recipes.ModelIO;
import org.openpersonalize.spi.TrainingData;

/**
 * User metadata as a feature of HRNN-Metadata and HRNN-Coldstart: every value of every categorical
 * Users field (a membership tier, an age band) gets a learned embedding row, and a user's <em>user
 * term</em> is the mean of their values' rows. The term is added to every state of the encoder
 * before the output layer, so user {@code u}'s logit of item {@code i} after events {@code 0 .. t}
 * is {@code (h_t + m_u) · e_i}: what the user's kind tends to pick, on top of what the sequence
 * says.
 *
 * <p>Why at the output and not at the input: the term then reaches every prediction directly,
 * however short the history, and it is independent of the encoder (the recurrent and the
 * self-attention encoder need no change, and its gradient is the sum of the states' gradients, with
 * no path through the recurrence to truncate). An input-side term would have to travel through the
 * GRU's gates — the tightly tuned kernels of {@link GruEncoder} — and be mixed into every step's
 * input, which is what the encoder already does with the items.
 *
 * <p>The value rows live after the encoder's rows and the item value rows ({@link ItemMetadata}) in
 * the trainer's parameter array, start at zero (so training starts from the plain HRNN and the
 * metadata earns its influence), and are trained with the rest by Adam. A trained model keeps the
 * users' value lists and the value rows ({@link #write}), and adds the term at request time for the
 * user the engine names ({@code UserHistory.userIdx()}); a user without values, or unknown, gets
 * none.
 */
final class UserMetadata {
  final int numUsers;
  final int numValues;

  /** User {@code u}'s values are {@code values[start[u] .. start[u+1])}, relative rows. */
  final int[] start;

  final int[] values;

  private UserMetadata(int numUsers, int numValues, int[] start, int[] values) {
    this.numUsers = numUsers;
    this.numValues = numValues;
    this.start = start;
    this.values = values;
  }

  /**
   * Every categorical user column's values as rows, or null when no user has any value (then there
   * is nothing to learn and the model stays the plain encoder).
   */
  static UserMetadata of(TrainingData data) {
    int numUsers = data.numUsers();
    List<TrainingData.CategoricalColumn> cols = data.userCategoricalColumns();
    int[] start = new int[numUsers + 1];
    for (TrainingData.CategoricalColumn c : cols) {
      for (int u = 0; u < Math.min(numUsers, c.numRows()); u++) {
        start[u + 1] += c.end(u) - c.start(u);
      }
    }
    for (int u = 0; u < numUsers; u++) {
      start[u + 1] += start[u];
    }
    if (start[numUsers] == 0) {
      return null;
    }
    int[] values = new int[start[numUsers]];
    int[] fill = Arrays.copyOf(start, numUsers);
    int offset = 0;
    for (TrainingData.CategoricalColumn c : cols) {
      for (int u = 0; u < Math.min(numUsers, c.numRows()); u++) {
        for (int p = c.start(u); p < c.end(u); p++) {
          values[fill[u]++] = offset + c.value(p);
        }
      }
      offset += c.numValues();
    }
    return new UserMetadata(numUsers, offset, start, values);
  }

  /** How many values user {@code u} has; 0 for a user outside the table (unknown, -1). */
  int count(int u) {
    return u < 0 || u >= numUsers ? 0 : start[u + 1] - start[u];
  }

  /**
   * Writes user {@code u}'s term, the mean of its value rows (value {@code v} is {@code prm[base +
   * v]}), into {@code out}.
   *
   * @return false, leaving {@code out} as it was, when the user has no values
   */
  boolean term(float[][] prm, int base, int u, float[] out, int d) {
    int n = count(u);
    if (n == 0) {
      return false;
    }
    SeqKernelSupport kr = SeqKernels.get();
    Arrays.fill(out, 0, d, 0f);
    float inv = 1f / n;
    for (int p = start[u]; p < start[u + 1]; p++) {
      kr.axpy(inv, prm[base + values[p]], out, d);
    }
    return true;
  }

  /**
   * Adds the gradient of user {@code u}'s term — the sum of {@code dh[0 .. n)}, the gradients of
   * the states it was added to — to the gradient rows of the user's values ({@code g[base + v]}).
   */
  void backpropagate(int u, float[][] dh, int n, float[][] g, int base, int d, float[] scratch) {
    int c = count(u);
    if (c == 0) {
      return;
    }
    SeqKernelSupport kr = SeqKernels.get();
    Arrays.fill(scratch, 0, d, 0f);
    for (int t = 0; t < n; t++) {
      kr.axpy(1f, dh[t], scratch, d);
    }
    float inv = 1f / c;
    for (int p = start[u]; p < start[u + 1]; p++) {
      kr.axpy(inv, scratch, g[base + values[p]], d);
    }
  }

  /** Writes the value lists (the rows are written by the model). */
  void write(DataOutputStream out) throws IOException {
    out.writeInt(numValues);
    ModelIO.writeInts(out, start);
    ModelIO.writeInts(out, values);
  }

  /** Reads what {@link #write} wrote, checked, for a model of {@code numUsers} users. */
  static UserMetadata read(DataInputStream in, int numUsers) throws IOException {
    int numValues = in.readInt();
    ModelIO.require(numValues >= 1, "user metadata values " + numValues);
    int[] start = ModelIO.readInts(in, "userValueStarts");
    ModelIO.require(start.length == numUsers + 1, "user value starts " + start.length);
    ModelIO.require(start[0] == 0, "user value start " + start[0]);
    for (int u = 0; u < numUsers; u++) {
      ModelIO.require(start[u] <= start[u + 1], "user value starts of user " + u);
    }
    int[] values = ModelIO.readInts(in, "userValues");
    ModelIO.require(values.length == start[numUsers], "user values " + values.length);
    for (int v : values) {
      ModelIO.require(v >= 0 && v < numValues, "user value " + v);
    }
    return new UserMetadata(numUsers, numValues, start, values);
  }

  /** The user term during training, its value rows inside the trainer's parameter array. */
  Training training(float[][] prm, int base, int maxLen, int d) {
    return new Training(this, prm, base, maxLen, d);
  }

  /**
   * The user term of a training run: value {@code v}'s row is {@code prm[base + v]}. Scratch is per
   * thread, not per shard: a shard's result does not depend on which buffer it used.
   */
  static final class Training {
    private final UserMetadata meta;
    private final float[][] prm;
    private final int base;
    private final int d;

    /** Rows {@code 0 .. maxLen}: the states plus the term; row {@code maxLen}: the term. */
    private final ThreadLocal<float[][]> scratch;

    private Training(UserMetadata meta, float[][] prm, int base, int maxLen, int d) {
      this.meta = meta;
      this.prm = prm;
      this.base = base;
      this.d = d;
      this.scratch = ThreadLocal.withInitial(() -> new float[maxLen + 1][d]);
    }

    /**
     * The states the loss reads: the encoder's own ({@code h}) for a user without values, else
     * copies of {@code h[0 .. n)} with the user's term added (the encoder's backward pass needs its
     * own states unchanged). Valid until this thread's next call.
     */
    float[][] states(int u, float[][] h, int n) {
      float[][] s = scratch.get();
      float[] term = s[s.length - 1];
      if (!meta.term(prm, base, u, term, d)) {
        return h;
      }
      SeqKernelSupport kr = SeqKernels.get();
      for (int t = 0; t < n; t++) {
        System.arraycopy(h[t], 0, s[t], 0, d);
        kr.axpy(1f, term, s[t], d);
      }
      return s;
    }

    /**
     * Adds the gradient of user {@code u}'s term, from the gradients {@code dh[0 .. n)} of the
     * states it was added to, into the value rows of {@code g}; call before the encoder's backward
     * pass, which may overwrite {@code dh}.
     */
    void backpropagate(int u, float[][] dh, int n, float[][] g) {
      float[][] s = scratch.get();
      meta.backpropagate(u, dh, n, g, base, d, s[s.length - 1]);
    }

    /** Adds user {@code u}'s term to {@code h} (a stored user state); none without values. */
    void addTo(int u, float[] h) {
      float[] term = new float[d];
      if (meta.term(prm, base, u, term, d)) {
        SeqKernels.get().axpy(1f, term, h, d);
      }
    }
  }
}
