package org.openpersonalize.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScoresTest {

  @Test
  void softmaxSumsToOneAndKeepsOrderEvenForHugeLogits() {
    float[] logits = {1000f, 999f, 0f, Float.NEGATIVE_INFINITY};
    Scores.softmaxInPlace(logits, 4);
    double sum = 0;
    for (float p : logits) {
      sum += p;
    }
    assertEquals(1.0, sum, 1e-6);
    assertEquals(1 / (1 + Math.exp(-1)), logits[0], 1e-6);
    assertEquals(0f, logits[3]);
  }

  @Test
  void probabilityOfOneLogitMatchesTheFullSoftmax() {
    float[] logits = {0.5f, 0.25f, -1f};
    double lse = Scores.logSumExp(logits, 3);
    float p = Scores.probability(logits[1], lse);
    Scores.softmaxInPlace(logits, 3);
    assertEquals(logits[1], p, 1e-7);
  }

  @Test
  void rejectsEmptyRange() {
    assertEquals(
        "n must be in [1, logits.length = 2]; got: 0",
        assertThrows(IllegalArgumentException.class, () -> Scores.logSumExp(new float[2], 0))
            .getMessage());
  }
}
