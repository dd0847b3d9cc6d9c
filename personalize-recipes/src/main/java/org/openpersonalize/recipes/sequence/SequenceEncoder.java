package org.openpersonalize.recipes.sequence;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * A causal encoder over a user's most recent interactions, the part {@link SequenceTrainer} does
 * not share between recipes: the self-attention encoder of the v2 recipes ({@link
 * SelfAttentionEncoder}) and the recurrent one of the HRNN family ({@link GruEncoder}). The trainer
 * owns everything else — the windows, the sampled-softmax loss over the item rows, Adam, the
 * shard-ordered reduction — so both encoders get the same loss and the same determinism.
 *
 * <p>Contract: every parameter is a row of {@link #d} floats in one {@code float[][]}; rows {@code
 * 0 .. numItems} are the item embeddings, which the trainer also uses as the output layer (the
 * state {@code h_t} scores item {@code i} by {@code h_t · e_i}). State {@code t} of {@link
 * #forward} may depend only on inputs {@code 0 .. t}. The encoder holds only the layout;
 * parameters, gradients and activations are passed in, so one instance serves training and request
 * threads alike.
 */
abstract class SequenceEncoder {
  final int numItems;
  final int maxLen;
  final int d;
  final int numRows;

  SequenceEncoder(int numItems, int maxLen, int d, int numRows) {
    this.numItems = numItems;
    this.maxLen = maxLen;
    this.d = d;
    this.numRows = numRows;
  }

  /** Fresh parameters for a training run, drawn from {@code rng} only. */
  abstract float[][] initialParameters(SplittableRandom rng);

  /** Scratch for one sequence of up to {@link #maxLen} events; one per thread. */
  abstract Work newWork();

  /**
   * Runs the encoder over the inputs {@code w.items}, {@code w.buckets} and {@code w.gaps} {@code
   * [0 .. n)}, oldest first, leaving state {@code t} in {@code w.h[t]}. With a random source,
   * dropout of rate {@code rate} is applied where the encoder places it (training only).
   */
  abstract void forward(float[][] prm, Work w, int n, SplittableRandom dropoutRng, float rate);

  /**
   * Back-propagates {@code dh} (the loss gradient with respect to {@code w.h[0 .. n)}; may be
   * overwritten) through the last {@link #forward} of {@code w}, adding into {@code g}.
   */
  abstract void backward(float[][] prm, Work w, float[][] dh, SequenceGradient g);

  /** Writes what {@link SequenceModel} needs to rebuild this layout (after the recipe header). */
  abstract void writeLayout(DataOutputStream out) throws IOException;

  /** Whether the encoder reads the time-gap input (else {@code w.gaps} is ignored). */
  abstract boolean usesGaps();

  /** A standard normal by Box–Muller; two uniform draws, so the stream stays reproducible. */
  static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The inputs and outputs of one sequence; each encoder adds its activations. */
  abstract static class Work {
    final int[] items;
    final int[] buckets;
    final int[] gaps;
    final float[][] h;
    int n;

    Work(int maxLen, int d) {
      items = new int[maxLen];
      buckets = new int[maxLen];
      gaps = new int[maxLen];
      h = new float[maxLen][d];
    }
  }
}
