package org.openpersonalize.recipes.sequence;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.openpersonalize.recipes.ModelIO;
import org.openpersonalize.spi.HyperparameterSpec;

/**
 * What a history's items have in common, as a lift on the next-item logits: the metadata-aware
 * sequence recipes' answer to "five horror films, then what?".
 *
 * <p>The encoder predicts what follows, and after a few of the most-watched films of a genre what
 * followed in the data was mostly other much-watched films, whatever their genre: on MovieLens 100K
 * a new user's five horror films gave aws-hrnn-metadata four horror films in its top 10, and three
 * genres in fifteen got five or more (docs/accuracy.md §8). The categorical values a history shares
 * say what its user came for. For each value {@code v}, {@code ω_v} is the share of the history's
 * distinct items (the encoder's window) carrying it; item {@code i}'s affinity is the largest
 * {@code ω_v} among its values, squared, and its logit gains {@code β · c / (c + n) · affinity},
 * {@code n} the number of distinct items. Like a pseudo-count, the lift steers a short history
 * firmly and a long one, whose sequence says more, only a little. In probability terms it
 * multiplies each item's softmax share by {@code exp(lift)}: a product of the sequence model and a
 * taste model over the metadata.
 *
 * <p>{@code β} and {@code c} are {@code metadata_taste_weight} and {@code metadata_taste_history}.
 * Their defaults were chosen on a validation split carved from the training part of MovieLens 100K
 * and checked on one of ml-latest-small, against next-item accuracy for whole histories and for
 * histories cut to their newest five events (docs/decisions.md, "Sequence recipes: a taste lift").
 */
final class ItemTaste {
  static final String WEIGHT = "metadata_taste_weight";
  static final String HISTORY = "metadata_taste_history";

  /** {@code β}: default 5, chosen as docs/decisions.md ("Sequence recipes: a taste lift") says. */
  static HyperparameterSpec weightSpec() {
    return HyperparameterSpec.continuous(WEIGHT)
        .defaultValue(5.0)
        .range(0.0, 50.0)
        .description(
            "With an Items dataset: how strongly the categorical values a history's items share"
                + " (a genre, a brand) lift the items that carry them. An item's logit gains"
                + " weight × h/(h + n) × s², n the history's distinct items, h"
                + " metadata_taste_history, s the largest share of those items carrying one of"
                + " the item's values. 0 turns the lift off. Serving only: training is the same.")
        .build();
  }

  /** {@code c}: default 5, chosen with {@link #weightSpec}. */
  static HyperparameterSpec historySpec() {
    return HyperparameterSpec.continuous(HISTORY)
        .defaultValue(5.0)
        .range(0.1, 10_000.0)
        .description(
            "The number of distinct items in a history at which the metadata taste lift is"
                + " half its weight: it steers new users firmly and long histories, whose"
                + " sequence says more, less.")
        .build();
  }

  /** Item {@code i}'s values are {@code values[start[i] .. start[i+1])}. */
  private final int[] start;

  private final int[] values;
  private final int numValues;
  private final float weight;
  private final float halfAt;
  private final ThreadLocal<Scratch> scratch;

  ItemTaste(int[] start, int[] values, int numValues, float weight, float history) {
    this.start = start;
    this.values = values;
    this.numValues = numValues;
    this.weight = weight;
    this.halfAt = history;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(start.length - 1, numValues));
  }

  /** The item value lists of {@code meta} (every categorical Items column), with the lift. */
  static ItemTaste of(ItemMetadata meta, float weight, float history) {
    return new ItemTaste(meta.start, meta.rows, meta.numValues, weight, history);
  }

  /** One thread's buffers: value shares, and stamps that count each item of a history once. */
  private static final class Scratch {
    final float[] share;
    final int[] touched;
    final int[] stamp;
    int mark;

    Scratch(int numItems, int numValues) {
      share = new float[numValues];
      touched = new int[numValues];
      stamp = new int[numItems];
    }
  }

  /**
   * Adds the lift of a history's window — the items the encoder read, {@code window[0 .. len)},
   * repeats allowed — to {@code out[i]} for every item {@code i} (when {@code candidates} is null)
   * or to {@code out[c]} for item {@code candidates[c]}.
   */
  void lift(int[] window, int len, int[] candidates, int numCandidates, float[] out) {
    if (weight == 0 || len == 0) {
      return;
    }
    Scratch s = scratch.get();
    if (++s.mark == Integer.MAX_VALUE) {
      Arrays.fill(s.stamp, 0);
      s.mark = 1;
    }
    int distinct = 0;
    int numTouched = 0;
    for (int e = 0; e < len; e++) {
      int item = window[e];
      if (s.stamp[item] == s.mark) {
        continue;
      }
      s.stamp[item] = s.mark;
      distinct++;
      for (int p = start[item]; p < start[item + 1]; p++) {
        int v = values[p];
        if (s.share[v] == 0) {
          s.touched[numTouched++] = v;
        }
        s.share[v] += 1;
      }
    }
    if (numTouched > 0) {
      for (int t = 0; t < numTouched; t++) {
        s.share[s.touched[t]] /= distinct;
      }
      float scale = weight * halfAt / (halfAt + distinct);
      if (candidates == null) {
        for (int i = 0; i < start.length - 1; i++) {
          out[i] += scale * affinity(s.share, i);
        }
      } else {
        for (int c = 0; c < numCandidates; c++) {
          out[c] += scale * affinity(s.share, candidates[c]);
        }
      }
      for (int t = 0; t < numTouched; t++) {
        s.share[s.touched[t]] = 0;
      }
    }
  }

  /**
   * Item {@code i}'s affinity: the square of the largest share among its values, 0 for an item
   * without values. Squared, a value all five films share (1) stands clearly above one four of them
   * share (0.64): "Romance" over "War" after MovieLens's five most-watched romances, three of them
   * Star Wars films.
   */
  private float affinity(float[] share, int i) {
    float best = 0;
    for (int p = start[i]; p < start[i + 1]; p++) {
      best = Math.max(best, share[values[p]]);
    }
    return best * best;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(numValues);
    ModelIO.writeInts(out, start);
    ModelIO.writeInts(out, values);
    out.writeFloat(weight);
    out.writeFloat(halfAt);
  }

  static ItemTaste read(DataInputStream in, int numItems) throws IOException {
    int numValues = in.readInt();
    ModelIO.require(numValues >= 0, "taste values " + numValues);
    int[] start = ModelIO.readInts(in, "tasteStart");
    ModelIO.require(start.length == numItems + 1 && start[0] == 0, "taste item offsets");
    int[] values = ModelIO.readInts(in, "tasteValues");
    for (int i = 0; i < numItems; i++) {
      ModelIO.require(start[i] <= start[i + 1], "taste item offsets");
    }
    ModelIO.require(start[numItems] == values.length, "taste values " + values.length);
    for (int v : values) {
      ModelIO.require(v >= 0 && v < numValues, "taste value " + v);
    }
    float weight = in.readFloat();
    float history = in.readFloat();
    ModelIO.require(weight >= 0 && history > 0, "taste lift " + weight + ", " + history);
    return new ItemTaste(start, values, numValues, weight, history);
  }
}
