package org.openpersonalize.recipes.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.TrainingData;

/**
 * Checks the recurrent encoder's hand-written backward pass (with the sampled-softmax loss on top,
 * dropout on, every input kind in use) against central finite differences of the loss for every
 * parameter; that {@code bptt} cuts the gradient where it says; and the metadata path's gradients
 * (value rows, and a cold item's missing ID row, and the Users-metadata term added to the states)
 * the same way.
 */
class GruEncoderTest {
  private static final int ITEMS = 10;
  private static final int MAX_LEN = 7;
  private static final int D = 6;

  private final int[] sequence = {3, 1, 4, 1, 5, 8, 2};
  private final int[] buckets = {0, 1, 0, 0, 1, 0};
  private final int[] gaps = {0, 1, 3, 8, 2, 5};
  private final int[] negatives = {0, 2, 4, 6, 7};
  private final float[] weights = {1f, 0.5f, 2f, 1f, 1f, 0.7f};

  private double loss(
      GruEncoder enc, float[][] prm, SequenceTrainer.ShardState st, SequenceGradient g) {
    int n = sequence.length - 1;
    SequenceEncoder.Work w = st.work;
    for (int t = 0; t < n; t++) {
      w.items[t] = sequence[t];
      w.buckets[t] = buckets[t];
      w.gaps[t] = gaps[t];
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

  private static void perturb(float[][] prm, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (float[] row : prm) {
      for (int j = 0; j < row.length; j++) {
        row[j] += (float) (0.3 * SequenceEncoder.gaussian(rng));
      }
    }
  }

  @Test
  void backwardPassMatchesFiniteDifferences() {
    checkBackwardPass(null);
  }

  @Test
  void backwardPassMatchesFiniteDifferencesWithLogQCorrection() {
    // popularity-mixed negatives: every logit shifted by its item's log sampling probability
    int[] targets = {3, 3, 3, 1, 1, 4, 5, 8, 2, 3};
    checkBackwardPass(SequenceTrainer.logQ(targets, ITEMS, 0.5));
  }

  private void checkBackwardPass(float[] logQ) {
    // bptt at least the sequence length: the full gradient, which finite differences measure
    GruEncoder enc = new GruEncoder(ITEMS, MAX_LEN, 2, D, 32);
    float[][] prm = enc.initialParameters(new SplittableRandom(11));
    perturb(prm, 3);
    SequenceTrainer.ShardState st = new SequenceTrainer.ShardState(enc, negatives.length, logQ);
    SequenceGradient g = new SequenceGradient(enc);
    loss(enc, prm, st, g);
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
        double up = loss(enc, prm, st, scratch);
        prm[r][j] = (float) (keep - eps);
        double down = loss(enc, prm, st, scratch);
        prm[r][j] = keep;
        double numeric = (up - down) / (2 * eps);
        double analytic = g.rows[r] == null ? 0 : g.rows[r][j];
        double err = Math.abs(numeric - analytic) / Math.max(1, Math.abs(numeric));
        worst = Math.max(worst, err);
        if (err > 1e-2) {
          bad++;
        }
        checked++;
      }
    }
    assertEquals(enc.numRows * D, checked);
    assertEquals(0, bad, bad + " of " + checked + " derivatives differ; worst " + worst);
  }

  @Test
  void bpttStopsTheGradientAtChunkBoundaries() {
    // Loss on the last state only; with bptt 2 the chunks are [0,1] [2,3] [4,5], so the inputs of
    // steps 0..3 get no gradient while those of steps 4 and 5 do. With bptt 32 all do.
    int n = 6;
    for (int bptt : new int[] {2, 32}) {
      GruEncoder enc = new GruEncoder(ITEMS, MAX_LEN, 1, D, bptt);
      float[][] prm = enc.initialParameters(new SplittableRandom(2));
      SequenceEncoder.Work w = enc.newWork();
      int[] items = {0, 1, 2, 3, 4, 5};
      for (int t = 0; t < n; t++) {
        w.items[t] = items[t];
      }
      enc.forward(prm, w, n, null, 0f);
      float[][] dout = new float[MAX_LEN][D];
      Arrays.fill(dout[n - 1], 1f);
      SequenceGradient g = new SequenceGradient(enc);
      enc.backward(prm, w, dout, g);
      for (int t = 0; t < n; t++) {
        float[] row = g.rows[items[t]];
        double norm = 0;
        for (float x : row) {
          norm += x * x;
        }
        boolean reached = bptt == 32 || t >= 4;
        assertEquals(reached, norm > 0, "bptt " + bptt + ", step " + t + ": |grad|² " + norm);
      }
    }
  }

  @Test
  void metadataGradientsMatchFiniteDifferences() {
    // items 0..9; values: a column of 3 genres and one of 2 flags; item 9 has no metadata
    int[] offsets = new int[ITEMS + 1];
    int[] values = new int[ITEMS - 1];
    for (int i = 0; i < ITEMS; i++) {
      offsets[i + 1] = Math.min(ITEMS - 1, i + 1);
      if (i < ITEMS - 1) {
        values[i] = i % 3;
      }
    }
    int[] flagOffsets = new int[ITEMS + 1];
    int[] flags = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      flagOffsets[i + 1] = i + 1;
      flags[i] = i % 2;
    }
    TrainingData data =
        TrainingData.builder(1, ITEMS)
            .interactions(new int[] {0}, new int[] {0}, new long[] {0}, new float[] {1f})
            .itemCategorical("GENRE", 3, offsets, values)
            .itemCategorical("FLAG", 2, flagOffsets, flags)
            .build();
    boolean[] cold = new boolean[ITEMS];
    cold[4] = true; // an input and a negative
    cold[9] = true; // cold but without metadata: keeps its ID row
    ItemMetadata meta = ItemMetadata.of(data, cold);
    assertEquals(5, meta.numValues);
    GruEncoder enc = new GruEncoder(ITEMS, MAX_LEN, 2, D, 32);
    int valueRow = enc.numRows;
    float[][] prm = Arrays.copyOf(enc.initialParameters(new SplittableRandom(4)), valueRow + 5);
    for (int v = 0; v < 5; v++) {
      prm[valueRow + v] = new float[D];
    }
    perturb(prm, 9);
    float[][] view = new float[enc.numRows][];
    for (int r = 0; r < enc.numRows; r++) {
      view[r] = r < ITEMS ? new float[D] : prm[r];
    }
    SequenceTrainer.ShardState st = new SequenceTrainer.ShardState(enc, negatives.length);
    SequenceGradient g = new SequenceGradient(ITEMS, prm.length, D);
    meta.effective(prm, valueRow, view, D);
    loss(enc, view, st, g);
    enc.backward(view, st.work, st.dh, g);
    meta.backpropagate(g, valueRow);

    SequenceGradient scratch = new SequenceGradient(ITEMS, prm.length, D);
    double eps = 1e-2;
    int bad = 0;
    double worst = 0;
    int[] rows = {0, 1, 4, 5, 9, valueRow, valueRow + 1, valueRow + 2, valueRow + 3, valueRow + 4};
    for (int r : rows) {
      for (int j = 0; j < D; j++) {
        float keep = prm[r][j];
        prm[r][j] = (float) (keep + eps);
        meta.effective(prm, valueRow, view, D);
        double up = loss(enc, view, st, scratch);
        prm[r][j] = (float) (keep - eps);
        meta.effective(prm, valueRow, view, D);
        double down = loss(enc, view, st, scratch);
        prm[r][j] = keep;
        double numeric = (up - down) / (2 * eps);
        double analytic = g.rows[r] == null ? 0 : g.rows[r][j];
        double err = Math.abs(numeric - analytic) / Math.max(1, Math.abs(numeric));
        worst = Math.max(worst, err);
        if (err > 1e-2) {
          bad++;
        }
      }
    }
    assertEquals(0, bad, bad + " derivatives differ; worst " + worst);
    // the cold item with metadata has no ID gradient at all
    for (float x : g.rows[4]) {
      assertEquals(0f, x);
    }
  }

  /** The loss of {@link #loss} with user {@code u}'s metadata term added to every state. */
  private double lossWithUser(
      GruEncoder enc,
      float[][] prm,
      UserMetadata.Training term,
      int u,
      SequenceTrainer.ShardState st,
      SequenceGradient g) {
    int n = sequence.length - 1;
    SequenceEncoder.Work w = st.work;
    for (int t = 0; t < n; t++) {
      w.items[t] = sequence[t];
      w.buckets[t] = buckets[t];
      w.gaps[t] = gaps[t];
    }
    enc.forward(prm, w, n, new SplittableRandom(5), 0.25f);
    float[][] hs = term.states(u, w.h, n);
    double loss = 0;
    for (int t = 0; t < n; t++) {
      loss +=
          weights[t]
              * SequenceTrainer.softmaxStep(
                  enc,
                  prm,
                  hs[t],
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
  void userMetadataGradientsMatchFiniteDifferences() {
    // users 0..3; TIER (2 values): user 0 -> 0, user 1 -> 1; AGE (3 values): user 1 -> 2, user 2
    // -> 0; user 3 has none. User 1, with two values, is the one trained; rows of values it lacks
    // must get no gradient, and every encoder row must still match.
    TrainingData data =
        TrainingData.builder(4, ITEMS)
            .interactions(new int[] {0}, new int[] {0}, new long[] {0}, new float[] {1f})
            .userCategorical("TIER", 2, new int[] {0, 1, 2, 2, 2}, new int[] {0, 1})
            .userCategorical("AGE", 3, new int[] {0, 0, 1, 2, 2}, new int[] {2, 0})
            .build();
    UserMetadata users = UserMetadata.of(data);
    assertEquals(5, users.numValues);
    assertEquals(2, users.count(1));
    assertEquals(0, users.count(-1));
    GruEncoder enc = new GruEncoder(ITEMS, MAX_LEN, 2, D, 32);
    int userRow = enc.numRows;
    float[][] prm = Arrays.copyOf(enc.initialParameters(new SplittableRandom(6)), userRow + 5);
    for (int v = 0; v < 5; v++) {
      prm[userRow + v] = new float[D];
    }
    perturb(prm, 12);
    UserMetadata.Training term = users.training(prm, userRow, MAX_LEN, D);
    SequenceTrainer.ShardState st = new SequenceTrainer.ShardState(enc, negatives.length);
    SequenceGradient g = new SequenceGradient(ITEMS, prm.length, D);
    int u = 1;
    lossWithUser(enc, prm, term, u, st, g);
    // as runShard does it: the term's gradient before the encoder's backward pass
    term.backpropagate(u, st.dh, sequence.length - 1, g.rows);
    enc.backward(prm, st.work, st.dh, g);

    SequenceGradient scratch = new SequenceGradient(ITEMS, prm.length, D);
    double eps = 1e-2;
    int checked = 0;
    int bad = 0;
    double worst = 0;
    for (int r = 0; r < prm.length; r++) {
      for (int j = 0; j < D; j++) {
        float keep = prm[r][j];
        prm[r][j] = (float) (keep + eps);
        double up = lossWithUser(enc, prm, term, u, st, scratch);
        prm[r][j] = (float) (keep - eps);
        double down = lossWithUser(enc, prm, term, u, st, scratch);
        prm[r][j] = keep;
        double numeric = (up - down) / (2 * eps);
        double analytic = g.rows[r] == null ? 0 : g.rows[r][j];
        double err = Math.abs(numeric - analytic) / Math.max(1, Math.abs(numeric));
        worst = Math.max(worst, err);
        if (err > 1e-2) {
          bad++;
        }
        checked++;
      }
    }
    assertEquals(prm.length * D, checked);
    assertEquals(0, bad, bad + " of " + checked + " derivatives differ; worst " + worst);
    // user 1 has TIER 1 (row 1) and AGE 2 (row 2 + 2 = 4); the others get nothing
    for (int v : new int[] {0, 2, 3}) {
      for (float x : g.rows[userRow + v]) {
        assertEquals(0f, x, "value row " + v);
      }
    }
    double norm = 0;
    for (float x : g.rows[userRow + 4]) {
      norm += x * x;
    }
    assertTrue(norm > 0, "the user's AGE value gets a gradient");
    // a user without values, or unknown, trains exactly the plain encoder: its own states
    assertSame(st.work.h, term.states(3, st.work.h, 1));
    assertSame(st.work.h, term.states(-1, st.work.h, 1));
  }
}
