package org.openpersonalize.engine.internal.serving;

import java.util.Arrays;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.Scores;
import org.openpersonalize.spi.TopK;

/**
 * The ranking step of serving: from a deployment's model, a user's history or an item, and the
 * indices a filter allows, to item indices and scores in a {@link Ranked} list. It reads no store
 * and builds no response objects, and it allocates nothing per request: the score buffer is the
 * deployment's per-thread one and every other array, heap and list comes from the thread's {@link
 * Scratch}.
 *
 * <p>Filters act inside the top-K selection: the filter's complement becomes the heap's excluded
 * bit set, so the heap keeps taking candidates from the scored list until {@code n} pass — the
 * backfill Amazon describes (spec §5.2), with no second scoring pass.
 *
 * <p>Exploration (spec §9.7): items created within the campaign's {@code explorationItemAgeCutOff}
 * days of the latest training interaction, and catalogue items the model has not seen, compete with
 * a bonus of {@code explorationWeight / (1 + distinct users)} added to their relevance (the item's
 * probability relative to the best item's). Items that make the list thanks to the bonus are marked
 * explored. The merge is a second top-K over relevance-plus-bonus keys, ties to the lower item
 * index, as the relevance heap breaks them.
 */
final class Ranking {
  private Ranking() {}

  /**
   * Fills scores for every model item from the user's history (fold-in) or their trained row.
   *
   * @param user the user's index in the model, or -1
   * @return false when there is nothing personal to score from (popular items then)
   */
  static boolean scoreForUser(Deployment d, Scratch.History h, int user, float[] scores) {
    if (h.n > 0 && d.model.supports(ModelCapability.ITEMS_FOR_HISTORY)) {
      d.model.scoreItemsForHistory(h.view(), scores);
      return true;
    }
    if (user >= 0
        && user < d.model.numUsers()
        && d.model.supports(ModelCapability.ITEMS_FOR_USER)) {
      d.model.scoreItemsForUser(user, scores);
      return true;
    }
    return false;
  }

  /**
   * Scores the candidates {@code cand[0 .. nc-1]} for the user, into {@code out}.
   *
   * @return false when there is nothing personal to score from
   */
  static boolean scoreCandidates(
      Deployment d, Scratch.History h, int user, int[] cand, int nc, float[] out) {
    if (nc == 0) {
      return false;
    }
    if (h.n > 0 && d.model.supports(ModelCapability.ITEMS_FOR_HISTORY)) {
      d.model.scoreCandidatesForHistory(h.view(), cand, nc, out);
      return true;
    }
    if (user >= 0
        && user < d.model.numUsers()
        && d.model.supports(ModelCapability.ITEMS_FOR_USER)) {
      d.model.scoreCandidatesForUser(user, cand, nc, out);
      return true;
    }
    return false;
  }

  /**
   * The best {@code n} allowed items for a user from filled scores, with exploration when the
   * campaign has candidates for it; popular items when {@code scored} is false.
   *
   * @param allowed the indices a filter admits, or null for all
   */
  static void forUser(
      Deployment d, float[] scores, boolean scored, int n, long[] allowed, Scratch s, Ranked out) {
    if (!scored) {
      popular(d, n, -1, allowed, s, out);
      return;
    }
    int m = d.numModelItems;
    boolean logits = d.model.scoreKind() == ScoreKind.SOFTMAX_LOGITS;
    double lse = logits ? Scores.logSumExp(scores, m) : 0;
    TopK heap = s.heap(n);
    if (d.explorable.length > 0 || allowed != null) {
      int w = (m + 63) >>> 6;
      long[] exclude = s.words(w);
      for (int k = 0; k < w; k++) {
        exclude[k] = allowed == null ? 0 : ~allowed[k];
      }
      for (int i : d.explorable) {
        if (i < m) {
          exclude[i >>> 6] |= 1L << i;
        }
      }
      heap.offerAll(scores, 0, m, exclude);
    } else {
      heap.offerAll(scores, 0, m);
    }
    int[] top = s.ints(n);
    float[] topScores = s.floats(n);
    int got = heap.drainTo(top, topScores);
    if (d.explorable.length == 0) {
      out.reset(got);
      for (int k = 0; k < got; k++) {
        out.add(top[k], logits ? Math.exp(topScores[k] - lse) : topScores[k], false);
      }
      return;
    }
    explore(d, scores, top, got, n, logits, lse, allowed, s, out);
  }

  /** Merges the relevance top list with exploration candidates by relevance-plus-bonus. */
  private static void explore(
      Deployment d,
      float[] scores,
      int[] top,
      int got,
      int n,
      boolean logits,
      double lse,
      long[] allowed,
      Scratch s,
      Ranked out) {
    int m = d.numModelItems;
    float best = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      best = Math.max(best, scores[i]);
    }
    TopK heap = s.heap(n);
    // The relevance list holds no explorable item (they were excluded above), so the two kinds
    // of candidates are distinct indices and the heap's index tie-break applies to both.
    for (int k = 0; k < got; k++) {
      heap.offer(top[k], (float) relative(scores[top[k]], best, logits));
    }
    for (int i : d.explorable) {
      if (allowed != null && (allowed[i >>> 6] & (1L << i)) == 0) {
        continue;
      }
      double rel = i < m ? relative(scores[i], best, logits) : 0;
      heap.offer(i, (float) (rel + d.explorationWeight / (1.0 + d.explorationCount(i))));
    }
    int[] chosen = s.ints2(n);
    int size = heap.drainTo(chosen, null);
    out.reset(size);
    for (int k = 0; k < size; k++) {
      int i = chosen[k];
      boolean explored = false;
      if (Arrays.binarySearch(d.explorable, i) >= 0) {
        double rel = i < m ? relative(scores[i], best, logits) : 0;
        explored = d.explorationWeight / (1.0 + d.explorationCount(i)) > rel;
      }
      double score = i >= m ? 0 : logits ? Math.exp(scores[i] - lse) : scores[i];
      out.add(i, score, explored);
    }
  }

  private static double relative(float score, float best, boolean logits) {
    if (logits) {
      return Math.exp((double) score - best);
    }
    return best <= 0 ? 0 : Math.max(0, score / (double) best);
  }

  /**
   * The most popular allowed items (distinct users in training), scored by their share of all
   * users' interactions.
   *
   * @param excludeItem an index never to return (the request's item), or -1
   */
  static void popular(Deployment d, int n, int excludeItem, long[] allowed, Scratch s, Ranked out) {
    if (allowed != null) {
      popularFiltered(d, n, excludeItem, allowed, s, out);
      return;
    }
    int[] pop = d.artifact.popular();
    out.reset(Math.min(n, pop.length));
    for (int k = 0; k < pop.length && out.size < n; k++) {
      if (pop[k] != excludeItem) {
        out.add(pop[k], d.popularity(pop[k]) / (double) d.popularityTotal, false);
      }
    }
  }

  /** Popular items that pass a filter: the stored top list may run out, so rank all of them. */
  private static void popularFiltered(
      Deployment d, int n, int excludeItem, long[] allowed, Scratch s, Ranked out) {
    int m = d.numModelItems;
    float[] pop = s.floats2(m);
    int w = (m + 63) >>> 6;
    long[] exclude = s.words(w);
    for (int i = 0; i < m; i++) {
      pop[i] = d.popularity(i);
    }
    for (int k = 0; k < w; k++) {
      exclude[k] = ~allowed[k];
    }
    if (excludeItem >= 0 && excludeItem < m) {
      exclude[excludeItem >>> 6] |= 1L << excludeItem;
    }
    TopK heap = s.heap(n);
    heap.offerAll(pop, 0, m, exclude);
    int[] top = s.ints(n);
    int got = heap.drainTo(top, null);
    out.reset(got);
    for (int k = 0; k < got; k++) {
      out.add(top[k], d.popularity(top[k]) / (double) d.popularityTotal, false);
    }
  }

  /**
   * Items related to {@code item} from scores the model filled for it ({@code scores} null when the
   * model cannot relate it: popular items then). A list shorter than {@code n} is topped up with
   * popular items scored 0, as Amazon backfills.
   */
  static void related(
      Deployment d, float[] scores, int item, int n, long[] allowed, Scratch s, Ranked out) {
    if (scores == null) {
      popular(d, n, item, allowed, s, out);
      return;
    }
    int m = d.numModelItems;
    int w = (m + 63) >>> 6;
    long[] exclude = s.words(w);
    for (int k = 0; k < w; k++) {
      exclude[k] = allowed == null ? 0 : ~allowed[k];
    }
    exclude[item >>> 6] |= 1L << item;
    TopK heap = s.heap(n);
    heap.offerAll(scores, 0, m, exclude);
    int[] top = s.ints(n);
    float[] topScores = s.floats(n);
    int got = heap.drainTo(top, topScores);
    out.reset(n);
    for (int k = 0; k < got; k++) {
      out.add(top[k], topScores[k], false);
    }
    if (got < n) {
      Ranked more = s.backfill;
      popular(d, n + got + 1, item, allowed, s, more);
      for (int k = 0; k < more.size && out.size < n; k++) {
        if (!out.contains(more.items[k])) {
          out.add(more.items[k], 0.0, false);
        }
      }
    }
  }

  /**
   * Orders the candidates {@code cand[0 .. nc-1]} by their scores ({@code scored}) or by
   * popularity, equal keys in input order, with probabilities over the list: a softmax of logits,
   * or each key's share.
   */
  static void rank(
      Deployment d, int[] cand, int nc, float[] candScores, boolean scored, Scratch s, Ranked out) {
    float[] key = s.floats2(nc);
    for (int k = 0; k < nc; k++) {
      key[k] = scored ? candScores[k] : d.popularity(cand[k]);
    }
    // The heap's index is the input position, so its lower-index tie-break keeps input order.
    TopK heap = s.heap(nc);
    for (int k = 0; k < nc; k++) {
      heap.offer(k, key[k]);
    }
    int[] order = s.ints2(nc);
    int got = heap.drainTo(order, null);
    double[] prob =
        probabilities(key, nc, scored && d.model.scoreKind() == ScoreKind.SOFTMAX_LOGITS, s);
    out.reset(got);
    for (int k = 0; k < got; k++) {
      out.add(cand[order[k]], prob[order[k]], false);
    }
  }

  /** Softmax of logits, or shares of a non-negative key, over the list: sums to 1. */
  private static double[] probabilities(float[] key, int n, boolean logits, Scratch s) {
    double[] p = s.doubles(n);
    if (n == 0) {
      return p;
    }
    double sum = 0;
    if (logits) {
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < n; k++) {
        max = Math.max(max, key[k]);
      }
      for (int k = 0; k < n; k++) {
        p[k] = Math.exp(key[k] - max);
        sum += p[k];
      }
    } else {
      for (int k = 0; k < n; k++) {
        p[k] = Math.max(0, key[k]);
        sum += p[k];
      }
      if (sum == 0) {
        Arrays.fill(p, 0, n, 1.0);
        sum = n;
      }
    }
    for (int k = 0; k < n; k++) {
      p[k] /= sum;
    }
    return p;
  }
}
