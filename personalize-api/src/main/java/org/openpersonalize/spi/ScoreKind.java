package org.openpersonalize.spi;

/**
 * What the numbers a {@link Model} writes mean, so the engine knows what, if anything, to return as
 * {@code score} in responses. In every kind, a higher number ranks higher.
 */
public enum ScoreKind {
  /**
   * Logits of a softmax: the response score of item {@code i} is {@code exp(s[i]) / Σ exp(s[j])}
   * over all items (GetRecommendations) or over the ranked list (GetPersonalizedRanking), spec
   * §3.2/§3.7. Models write logits rather than probabilities so that top-K selection needs no
   * {@code exp}; {@link Scores} turns the few returned logits into probabilities.
   */
  SOFTMAX_LOGITS,
  /**
   * Only the order means something; responses carry no score (Popularity-Count, SIMS, spec §3.4 and
   * §3.10).
   */
  RANK_ONLY
}
