package org.openpersonalize.bench.accuracy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The top-k ranking metrics of the Microsoft Recommenders library ({@code python_evaluation}), as
 * the README of {@code splits/msr-stratified-by-item-75-25-seed42} states them: binary relevance,
 * averaged over the users present both in the test set and in the predictions.
 *
 * <ul>
 *   <li>Precision@k = hits / k;
 *   <li>Recall@k = hits / (the user's test items);
 *   <li>nDCG@k: DCG = Σ over hits of 1/log(1 + rank), ideal DCG = Σ over i = 1..min(test items, k)
 *       of 1/log(1 + i);
 *   <li>MAP: Σ over hits of the precision at the hit's rank, divided by all of the user's test
 *       items (not min(test items, k)) — the library's definition, which is why it reads small.
 * </ul>
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /**
   * Averages over users.
   *
   * @param map mean average precision (the library's definition)
   * @param ndcg nDCG@k
   * @param precision precision@k
   * @param recall recall@k
   * @param users users averaged over
   */
  public record Result(double map, double ndcg, double precision, double recall, int users) {}

  /**
   * Scores ranked lists against test sets.
   *
   * @param ranked each user's recommendations, best first (lists longer than {@code k} are cut)
   * @param test each user's relevant items
   * @param k the cut-off
   * @return the averages over users in both maps
   */
  public static Result evaluate(
      Map<String, List<String>> ranked, Map<String, Set<String>> test, int k) {
    double map = 0;
    double ndcg = 0;
    double precision = 0;
    double recall = 0;
    int users = 0;
    for (Map.Entry<String, Set<String>> e : test.entrySet()) {
      List<String> list = ranked.get(e.getKey());
      Set<String> relevant = e.getValue();
      if (list == null || relevant.isEmpty()) {
        continue;
      }
      users++;
      int hits = 0;
      double dcg = 0;
      double ap = 0;
      int n = Math.min(k, list.size());
      for (int r = 1; r <= n; r++) {
        if (relevant.contains(list.get(r - 1))) {
          hits++;
          dcg += 1 / Math.log(1 + r);
          ap += (double) hits / r;
        }
      }
      double ideal = 0;
      for (int i = 1; i <= Math.min(relevant.size(), k); i++) {
        ideal += 1 / Math.log(1 + i);
      }
      map += ap / relevant.size();
      ndcg += dcg / ideal;
      precision += (double) hits / k;
      recall += (double) hits / relevant.size();
    }
    if (users == 0) {
      return new Result(0, 0, 0, 0, 0);
    }
    return new Result(map / users, ndcg / users, precision / users, recall / users, users);
  }
}
