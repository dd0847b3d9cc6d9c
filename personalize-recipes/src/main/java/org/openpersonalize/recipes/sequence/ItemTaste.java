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
 * distinct items (the encoder's window) carrying it, and {@code r_v = (M / N_v)^γ} its rarity
 * ({@code M} items in the catalogue, {@code N_v} of them carrying {@code v}). An item's fit to
 * value {@code v} is {@code ω_v³ · r_v}; its affinity is its best fit plus half its second best,
 * and its logit gains {@code β · c / (c + n) · affinity}, {@code n} the number of distinct items.
 *
 * <ul>
 *   <li>Cubed shares separate a value every item shares from one most of them do: after MovieLens's
 *       five most-watched romances, three of them Star Wars films, "Romance" (5 of 5, fit 1) stands
 *       well above "War" (4 of 5, 0.51), which the rarity would otherwise bring level.
 *   <li>The rarity says how much a shared value tells: five documentaries say more than five films
 *       that are all "Drama" too, and the documentaries, watched by few, need the larger lift to
 *       rise above the much-watched films the encoder favours.
 *   <li>The second fit lets the items that carry two shared values lead: all five of MovieLens's
 *       most-watched adventure films are action films too, and an action-adventure film fits such a
 *       history better than an action film.
 * </ul>
 *
 * <p>Like a pseudo-count, the lift steers a short history firmly and a long one, whose sequence
 * says more, only a little. In probability terms it multiplies each item's softmax share by {@code
 * exp(lift)}: a product of the sequence model and a taste model over the metadata.
 *
 * <p>{@code β}, {@code c} and {@code γ} are {@code metadata_taste_weight}, {@code
 * metadata_taste_history} and {@code metadata_taste_rarity}. Their defaults were chosen on
 * validation splits carved from the training parts of MovieLens 100K and ml-latest-small, against
 * next-item accuracy for whole histories and for histories cut to their newest five events
 * (docs/decisions.md, "Sequence recipes: a taste lift").
 */
final class ItemTaste {
  static final String WEIGHT = "metadata_taste_weight";
  static final String HISTORY = "metadata_taste_history";
  static final String RARITY = "metadata_taste_rarity";

  /** How much an item's second-best fit adds to its best: half. */
  static final float SECOND_FIT = 0.5f;

  /** The power of a value's share in its fit: 3 (a format 4 model's lift used 2). */
  static final int SHARE_POWER = 3;

  /** {@code β}: default 5, chosen as docs/decisions.md ("Sequence recipes: a taste lift") says. */
  static HyperparameterSpec weightSpec() {
    return HyperparameterSpec.continuous(WEIGHT)
        .defaultValue(5.0)
        .range(0.0, 50.0)
        .description(
            "With an Items dataset: how strongly the categorical values a history's items share"
                + " (a genre, a brand) lift the items that carry them. An item's logit gains"
                + " weight × h/(h + n) × (f1 + f2/2), n the history's distinct items, h"
                + " metadata_taste_history, f1 and f2 the item's two best fits: a value's fit is"
                + " the cubed share of those items carrying it times its rarity (see"
                + " metadata_taste_rarity). 0 turns the lift off. Serving only: training is the"
                + " same.")
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

  /** {@code γ}: default 0.25, chosen with {@link #weightSpec}. */
  static HyperparameterSpec raritySpec() {
    return HyperparameterSpec.continuous(RARITY)
        .defaultValue(0.25)
        .range(0.0, 2.0)
        .description(
            "How much more a rare shared value (a genre few items carry) lifts than a common"
                + " one in the metadata taste lift: a value carried by N of M items counts"
                + " (M/N)^rarity times. 0 counts every value alike.")
        .build();
  }

  /** Item {@code i}'s values are {@code values[start[i] .. start[i+1])}. */
  private final int[] start;

  private final int[] values;
  private final int numValues;
  private final float weight;
  private final float halfAt;
  private final float rarity;
  private final float second;
  private final int power;

  /** {@code r_v} by value: derived from the value lists and {@code γ}, so not stored. */
  private final float[] valueRarity;

  private final ThreadLocal<Scratch> scratch;

  /**
   * @param rarity {@code γ}
   * @param second what an item's second-best fit adds, as a share of it ({@link #SECOND_FIT}; 0 in
   *     a format 4 model, written before it)
   * @param power the power of a value's share in its fit ({@link #SHARE_POWER}; 2 in a format 4
   *     model)
   */
  ItemTaste(
      int[] start,
      int[] values,
      int numValues,
      float weight,
      float history,
      float rarity,
      float second,
      int power) {
    this.start = start;
    this.values = values;
    this.numValues = numValues;
    this.weight = weight;
    this.halfAt = history;
    this.rarity = rarity;
    this.second = second;
    this.power = power;
    int numItems = start.length - 1;
    int[] carriers = new int[numValues];
    for (int v : values) {
      carriers[v]++;
    }
    this.valueRarity = new float[numValues];
    for (int v = 0; v < numValues; v++) {
      valueRarity[v] =
          carriers[v] == 0 ? 0 : (float) Math.pow(numItems / (double) carriers[v], rarity);
    }
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(numItems, numValues));
  }

  /** The item value lists of {@code meta} (every categorical Items column), with the lift. */
  static ItemTaste of(ItemMetadata meta, float weight, float history, float rarity) {
    return new ItemTaste(
        meta.start, meta.rows, meta.numValues, weight, history, rarity, SECOND_FIT, SHARE_POWER);
  }

  /** One thread's buffers: value shares, and stamps that count each item of a history once. */
  private static final class Scratch {
    /** By value: the count of window items carrying it, then its fit. */
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
      // each shared value's fit once, so that the item loop below only compares
      for (int t = 0; t < numTouched; t++) {
        int v = s.touched[t];
        float share = s.share[v] / distinct;
        float fit = share * share * valueRarity[v];
        s.share[v] = power == 3 ? fit * share : fit;
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
   * Item {@code i}'s affinity: its best fit plus {@code second} times its second best ({@code fits}
   * by value, 0 for a value the history does not share).
   */
  private float affinity(float[] fits, int i) {
    float best = 0;
    float next = 0;
    for (int p = start[i]; p < start[i + 1]; p++) {
      float fit = fits[values[p]];
      if (fit > best) {
        next = best;
        best = fit;
      } else if (fit > next) {
        next = fit;
      }
    }
    return best + second * next;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(numValues);
    ModelIO.writeInts(out, start);
    ModelIO.writeInts(out, values);
    out.writeFloat(weight);
    out.writeFloat(halfAt);
    out.writeFloat(rarity);
    out.writeFloat(second);
    out.writeInt(power);
  }

  /**
   * Reads what {@link #write} wrote; a format 4 model ({@code withFits} false) stored neither the
   * rarity, the second fit nor the power, and keeps the lift it was written with: the best squared
   * share.
   */
  static ItemTaste read(DataInputStream in, int numItems, boolean withFits) throws IOException {
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
    float rarity = withFits ? in.readFloat() : 0;
    float second = withFits ? in.readFloat() : 0;
    int power = withFits ? in.readInt() : 2;
    ModelIO.require(
        rarity >= 0 && second >= 0 && (power == 2 || power == 3),
        "taste fits " + rarity + ", " + second + ", " + power);
    return new ItemTaste(start, values, numValues, weight, history, rarity, second, power);
  }
}
