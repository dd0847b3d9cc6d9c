package org.openpersonalize.spi;

/**
 * Turns {@link ScoreKind#SOFTMAX_LOGITS} into the probabilities responses report (spec §3.2: {@code
 * exp(s_i) / Σ_j exp(s_j)}). Selection works on logits, so the {@code exp} pass runs once per
 * request, over the same scores, and only when the caller returns scores.
 *
 * <pre>{@code
 * model.scoreItemsForUser(user, scores);
 * double lse = Scores.logSumExp(scores, model.numItems());
 * float probabilityOfTop = Scores.probability(scores[topItem], lse);
 * }</pre>
 */
public final class Scores {
  private Scores() {}

  /**
   * {@code log Σ exp(logits[i])} over the first {@code n} entries, computed without overflow by
   * shifting by the maximum. Entries of {@code -∞} contribute nothing.
   *
   * @param logits the logits
   * @param n how many to use, at least 1
   * @return the log of the softmax denominator
   * @throws IllegalArgumentException when {@code n} is out of range
   */
  public static double logSumExp(float[] logits, int n) {
    if (n < 1 || n > logits.length) {
      throw new IllegalArgumentException(
          "n must be in [1, logits.length = " + logits.length + "]; got: " + n);
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[i]);
    }
    if (max == Float.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp((double) logits[i] - max);
    }
    return max + Math.log(sum);
  }

  /**
   * The softmax probability of one logit.
   *
   * @param logit the item's logit
   * @param logSumExp {@link #logSumExp} over the items the probabilities are normalised over
   * @return a probability in [0, 1]
   */
  public static float probability(float logit, double logSumExp) {
    return (float) Math.exp((double) logit - logSumExp);
  }

  /**
   * Replaces the first {@code n} logits by their softmax probabilities, which then sum to 1, as
   * GetPersonalizedRanking reports scores over its input list (spec §3.7).
   *
   * @param logits the logits; overwritten
   * @param n how many to use, at least 1
   */
  public static void softmaxInPlace(float[] logits, int n) {
    double lse = logSumExp(logits, n);
    for (int i = 0; i < n; i++) {
      logits[i] = probability(logits[i], lse);
    }
  }
}
