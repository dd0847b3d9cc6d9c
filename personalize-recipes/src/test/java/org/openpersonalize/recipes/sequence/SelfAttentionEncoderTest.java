package org.openpersonalize.recipes.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checks the hand-written backward pass of the encoder and the sampled-softmax loss against central
 * finite differences of the loss, for every parameter of a small model, with dropout on (the same
 * masks in every evaluation).
 */
class SelfAttentionEncoderTest {
  private static final int ITEMS = 10;
  private static final int MAX_LEN = 6;
  private static final int D = 8;

  private final SelfAttentionEncoder enc = new SelfAttentionEncoder(ITEMS, MAX_LEN, 2, 2, D);
  private final int[] sequence = {3, 1, 4, 1, 5, 8};
  private final int[] buckets = {0, 1, 0, 0, 1, 0};
  private final int[] negatives = {0, 2, 4, 6, 7};
  private final float[] weights = {1f, 0.5f, 2f, 1f, 1f};

  private double loss(float[][] prm, SequenceTrainer.ShardState st, SequenceGradient g) {
    int n = sequence.length - 1;
    SequenceEncoder.Work w = st.work;
    for (int t = 0; t < n; t++) {
      w.items[t] = sequence[t];
      w.buckets[t] = buckets[t];
    }
    enc.forward(prm, w, n, new SplittableRandom(5), 0.25f);
    double loss = 0;
    for (int t = 0; t < n; t++) {
      loss +=
          weights[t]
              * SequenceTrainer.softmaxStep(
                  enc,
                  prm,
                  w.h[t],
                  sequence[t + 1],
                  weights[t],
                  negatives,
                  negatives.length,
                  st,
                  st.dh[t],
                  g);
    }
    return loss;
  }

  @Test
  void backwardPassMatchesFiniteDifferences() {
    float[][] prm = enc.initialParameters(new SplittableRandom(11));
    // Move gains and biases off 1 and 0 so that their gradients are exercised in general position.
    SplittableRandom rng = new SplittableRandom(3);
    for (float[] row : prm) {
      for (int j = 0; j < D; j++) {
        row[j] += (float) (0.3 * SelfAttentionEncoder.gaussian(rng));
      }
    }
    SequenceTrainer.ShardState st = new SequenceTrainer.ShardState(enc, negatives.length);
    SequenceGradient g = new SequenceGradient(enc);
    loss(prm, st, g);
    enc.backward(prm, st.work, st.dh, g);

    SequenceGradient scratch = new SequenceGradient(enc);
    double eps = 1e-2;
    int checked = 0;
    int bad = 0;
    double worst = 0;
    for (int r = 0; r < enc.numRows; r++) {
      for (int j = 0; j < D; j++) {
        float keep = prm[r][j];
        prm[r][j] = (float) (keep + eps);
        double up = loss(prm, st, scratch);
        prm[r][j] = (float) (keep - eps);
        double down = loss(prm, st, scratch);
        prm[r][j] = keep;
        double numeric = (up - down) / (2 * eps);
        double analytic = g.rows[r] == null ? 0 : g.rows[r][j];
        double err = Math.abs(numeric - analytic) / Math.max(1, Math.abs(numeric));
        worst = Math.max(worst, err);
        if (err > 2e-2) {
          bad++;
        }
        checked++;
      }
    }
    assertEquals(enc.numRows * D, checked);
    // A ReLU kink inside the ±eps interval may spoil a handful of the numeric derivatives.
    assertTrue(bad <= 3, bad + " of " + checked + " derivatives differ; worst " + worst);
  }

  @Test
  void onlyItemsInTheBatchGetGradientRowsAndClearingZeroesThem() {
    float[][] prm = enc.initialParameters(new SplittableRandom(1));
    SequenceTrainer.ShardState st = new SequenceTrainer.ShardState(enc, negatives.length);
    SequenceGradient g = new SequenceGradient(enc);
    loss(prm, st, g);
    enc.backward(prm, st.work, st.dh, g);
    // item 9 is no input, target or negative
    assertEquals(null, g.rows[9]);
    assertEquals(ITEMS - 1, g.numTouched);
    g.clear();
    assertEquals(0, g.numTouched);
    for (int i = 0; i < ITEMS - 1; i++) {
      for (float x : g.rows[i]) {
        assertEquals(0f, x);
      }
    }
  }
}
