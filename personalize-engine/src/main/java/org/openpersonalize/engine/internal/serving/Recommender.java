package org.openpersonalize.engine.internal.serving;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openpersonalize.api.PersonalizeRuntime;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetPersonalizedRankingResponse;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.engine.internal.Check;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TopK;

/**
 * GetRecommendations and GetPersonalizedRanking (spec §6.1-6.2).
 *
 * <p>Real time (spec §6.5): a user's recommendations are computed from their stored history — the
 * 200 most recent interactions that pass the solution's event-type and value selection, read from
 * the store at request time — by the model's fold-in ({@link
 * org.openpersonalize.spi.Model#scoreItemsForHistory}). So an event recorded with PutEvents counts
 * in the very next request, for a known user or a brand-new one, without retraining. A user with no
 * usable history gets the popular items.
 *
 * <p>Exploration (spec §9.7, User-Personalization): items created within the campaign's {@code
 * explorationItemAgeCutOff} days of the latest training interaction, and catalogue items the model
 * has not seen, compete with a bonus of {@code explorationWeight / (1 + distinct users)} added to
 * their relevance (the item's probability relative to the best item's). Items that make the list
 * thanks to the bonus carry the reason {@code Exploration}.
 */
public final class Recommender implements PersonalizeRuntime {
  /** History length used for real-time scoring, as Amazon's filters see it per event type. */
  static final int HISTORY = 200;

  private final EngineContext ctx;
  private final Deployments deployments;

  /**
   * Creates the runtime.
   *
   * @param ctx the engine context
   * @param deployments loaded campaigns
   */
  public Recommender(EngineContext ctx, Deployments deployments) {
    this.ctx = ctx;
    this.deployments = deployments;
  }

  @Override
  public GetRecommendationsResponse getRecommendations(GetRecommendationsRequest request) {
    Check.arn("campaignArn", request.campaignArn());
    int n = request.numResults() == null ? 25 : request.numResults();
    if (n < 1 || n > 500) {
      throw new InvalidInputException("numResults must be 1-500; got: " + n);
    }
    checkCommon(request.context(), request.filterArn());
    Deployment d = deployments.get(request.campaignArn());
    RecipeType type = d.recipe.recipeType();
    List<PredictedItem> items;
    if (type == RecipeType.RELATED_ITEMS) {
      String itemId = Check.length("itemId", Check.required("itemId", request.itemId()), 1, 256);
      if (request.userId() != null) {
        Check.length("userId", request.userId(), 1, 256);
      }
      items = related(d, itemId, n);
    } else if (type == RecipeType.USER_PERSONALIZATION || type == RecipeType.POPULAR_ITEMS) {
      String userId = Check.length("userId", Check.required("userId", request.userId()), 1, 256);
      if (request.itemId() != null) {
        throw new InvalidInputException(
            "itemId must not be given for a " + type + " campaign; it recommends items for userId");
      }
      items = forUser(d, userId, n);
    } else {
      throw new InvalidInputException(
          "Campaign "
              + request.campaignArn()
              + " serves a "
              + type
              + " recipe; use GetPersonalizedRanking for PERSONALIZED_RANKING campaigns");
    }
    return GetRecommendationsResponse.builder()
        .itemList(items)
        .recommendationId(recommendationId())
        .build();
  }

  @Override
  public GetPersonalizedRankingResponse getPersonalizedRanking(
      GetPersonalizedRankingRequest request) {
    Check.arn("campaignArn", request.campaignArn());
    String userId = Check.length("userId", Check.required("userId", request.userId()), 1, 256);
    List<String> input = request.inputList();
    if (input.isEmpty() || input.size() > 500) {
      throw new InvalidInputException("inputList must have 1-500 item IDs; got: " + input.size());
    }
    for (int i = 0; i < input.size(); i++) {
      Check.length(
          "inputList[" + i + "]", Check.required("inputList[" + i + "]", input.get(i)), 1, 256);
    }
    checkCommon(request.context(), request.filterArn());
    Deployment d = deployments.get(request.campaignArn());
    if (d.recipe.recipeType() == RecipeType.RELATED_ITEMS) {
      throw new InvalidInputException(
          "Campaign "
              + request.campaignArn()
              + " serves a RELATED_ITEMS recipe; use GetRecommendations with itemId");
    }
    // Known items, first occurrence of each, in input order; the rest go last without a score.
    int[] cand = new int[input.size()];
    int nc = 0;
    IntOpenHashSet seen = new IntOpenHashSet();
    List<String> unknown = new ArrayList<>();
    for (String id : input) {
      int i = d.itemIndex.getInt(id);
      if (i >= 0 && i < d.numModelItems) {
        if (seen.add(i)) {
          cand[nc++] = i;
        }
      } else if (!unknown.contains(id)) {
        unknown.add(id);
      }
    }
    float[] s = new float[nc];
    boolean scored = scoreCandidates(d, userId, cand, nc, s);
    double[] key = new double[nc];
    for (int k = 0; k < nc; k++) {
      key[k] = scored ? s[k] : d.popularity(cand[k]);
    }
    Integer[] order = new Integer[nc];
    for (int k = 0; k < nc; k++) {
      order[k] = k;
    }
    // Stable by input order on ties, so equal scores keep the caller's order.
    Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
    double[] prob =
        probabilities(key, nc, scored && d.model.scoreKind() == ScoreKind.SOFTMAX_LOGITS);
    List<PredictedItem> out = new ArrayList<>(input.size());
    for (int k = 0; k < nc; k++) {
      int c = order[k];
      out.add(PredictedItem.builder().itemId(d.itemIds[cand[c]]).score(prob[c]).build());
    }
    for (String id : unknown) {
      out.add(PredictedItem.builder().itemId(id).build());
    }
    return GetPersonalizedRankingResponse.builder()
        .personalizedRanking(out)
        .recommendationId(recommendationId())
        .build();
  }

  /** Softmax of logits, or shares of a non-negative key, over the list: sums to 1. */
  private static double[] probabilities(double[] key, int n, boolean logits) {
    double[] p = new double[n];
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
        Arrays.fill(p, 1.0);
        sum = n;
      }
    }
    for (int k = 0; k < n; k++) {
      p[k] /= sum;
    }
    return p;
  }

  private static void checkCommon(Map<String, String> context, String filterArn) {
    if (context.size() > 150) {
      throw new InvalidInputException(
          "context must have at most 150 entries; got: " + context.size());
    }
    for (Map.Entry<String, String> e : context.entrySet()) {
      Check.length("context key", e.getKey(), 1, 150);
      Check.length("context." + e.getKey(), e.getValue(), 0, 1000);
    }
    if (filterArn != null) {
      throw new InvalidInputException(
          "filterArn is not supported by this version of OpenPersonalize (filters come in the next"
              + " release); got: "
              + filterArn);
    }
  }

  private static String recommendationId() {
    return "RID-" + UUID.randomUUID();
  }

  // ---- user recommendations ---------------------------------------------------------------------

  private List<PredictedItem> forUser(Deployment d, String userId, int n) {
    float[] scores = d.scores();
    boolean scored = scoreAll(d, userId, scores);
    if (!scored) {
      return popular(d, n, -1);
    }
    int m = d.numModelItems;
    boolean logits = d.model.scoreKind() == ScoreKind.SOFTMAX_LOGITS;
    double lse = logits ? org.openpersonalize.spi.Scores.logSumExp(scores, m) : 0;
    TopK heap = new TopK(n);
    long[] exclude = null;
    if (d.explorable.length > 0) {
      exclude = new long[(m + 63) >>> 6];
      for (int i : d.explorable) {
        if (i < m) {
          exclude[i >>> 6] |= 1L << i;
        }
      }
      heap.offerAll(scores, 0, m, exclude);
    } else {
      heap.offerAll(scores, 0, m);
    }
    int[] top = new int[n];
    float[] topScores = new float[n];
    int got = heap.drainTo(top, topScores);
    if (d.explorable.length == 0) {
      List<PredictedItem> out = new ArrayList<>(got);
      for (int k = 0; k < got; k++) {
        out.add(item(d, top[k], logits ? Math.exp(topScores[k] - lse) : topScores[k], false));
      }
      return out;
    }
    return explore(d, scores, top, got, n, logits, lse);
  }

  /** Merges the relevance top list with exploration candidates by relevance-plus-bonus. */
  private List<PredictedItem> explore(
      Deployment d, float[] scores, int[] top, int got, int n, boolean logits, double lse) {
    int m = d.numModelItems;
    float best = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      best = Math.max(best, scores[i]);
    }
    int total = got + d.explorable.length;
    int[] cand = new int[total];
    double[] rel = new double[total];
    double[] key = new double[total];
    boolean[] explored = new boolean[total];
    for (int k = 0; k < got; k++) {
      cand[k] = top[k];
      rel[k] = relative(scores[top[k]], best, logits);
      key[k] = rel[k];
    }
    for (int e = 0; e < d.explorable.length; e++) {
      int i = d.explorable[e];
      int k = got + e;
      cand[k] = i;
      rel[k] = i < m ? relative(scores[i], best, logits) : 0;
      double bonus = d.explorationWeight / (1.0 + d.popularity(i));
      key[k] = rel[k] + bonus;
      explored[k] = bonus > rel[k];
    }
    Integer[] order = new Integer[total];
    for (int k = 0; k < total; k++) {
      order[k] = k;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Double.compare(key[b], key[a]);
          return c != 0 ? c : Integer.compare(cand[a], cand[b]);
        });
    List<PredictedItem> out = new ArrayList<>(n);
    for (int k = 0; k < Math.min(n, total); k++) {
      int c = order[k];
      int i = cand[c];
      double score = i >= m ? 0 : logits ? Math.exp(scores[i] - lse) : scores[i];
      out.add(item(d, i, score, explored[c]));
    }
    return out;
  }

  private static double relative(float score, float best, boolean logits) {
    if (logits) {
      return Math.exp((double) score - best);
    }
    return best <= 0 ? 0 : Math.max(0, score / (double) best);
  }

  private static PredictedItem item(Deployment d, int i, double score, boolean explored) {
    PredictedItem.Builder b = PredictedItem.builder().itemId(d.itemIds[i]).score(score);
    if (explored) {
      b.reason("Exploration");
    }
    return b.build();
  }

  /** Fills scores for every model item; false when there is nothing personal to score from. */
  private boolean scoreAll(Deployment d, String userId, float[] scores) {
    History h = history(d, userId);
    if (h.n > 0 && d.model.supports(ModelCapability.ITEMS_FOR_HISTORY)) {
      d.model.scoreItemsForHistory(h.items, h.weights, h.n, scores);
      return true;
    }
    int u = d.userIndex.getInt(userId);
    if (u >= 0 && u < d.model.numUsers() && d.model.supports(ModelCapability.ITEMS_FOR_USER)) {
      d.model.scoreItemsForUser(u, scores);
      return true;
    }
    return false;
  }

  private boolean scoreCandidates(Deployment d, String userId, int[] cand, int nc, float[] out) {
    if (nc == 0) {
      return false;
    }
    History h = history(d, userId);
    if (h.n > 0 && d.model.supports(ModelCapability.ITEMS_FOR_HISTORY)) {
      d.model.scoreCandidatesForHistory(h.items, h.weights, h.n, cand, nc, out);
      return true;
    }
    int u = d.userIndex.getInt(userId);
    if (u >= 0 && u < d.model.numUsers() && d.model.supports(ModelCapability.ITEMS_FOR_USER)) {
      d.model.scoreCandidatesForUser(u, cand, nc, out);
      return true;
    }
    return false;
  }

  private List<PredictedItem> popular(Deployment d, int n, int excludeItem) {
    int[] pop = d.artifact.popular();
    List<PredictedItem> out = new ArrayList<>(n);
    for (int k = 0; k < pop.length && out.size() < n; k++) {
      if (pop[k] != excludeItem) {
        out.add(
            PredictedItem.builder()
                .itemId(d.itemIds[pop[k]])
                .score(d.popularity(pop[k]) / (double) d.popularityTotal)
                .build());
      }
    }
    return out;
  }

  // ---- related items ----------------------------------------------------------------------------

  private List<PredictedItem> related(Deployment d, String itemId, int n) {
    int item = d.itemIndex.getInt(itemId);
    if (item < 0 || item >= d.numModelItems || !d.model.supports(ModelCapability.ITEMS_FOR_ITEM)) {
      return popular(d, n, item);
    }
    float[] scores = d.scores();
    d.model.scoreItemsForItem(item, scores);
    TopK heap = new TopK(n);
    heap.offerAll(scores, 0, d.numModelItems, i -> i == item);
    int[] top = new int[n];
    float[] topScores = new float[n];
    int got = heap.drainTo(top, topScores);
    List<PredictedItem> out = new ArrayList<>(got);
    for (int k = 0; k < got; k++) {
      out.add(
          PredictedItem.builder().itemId(d.itemIds[top[k]]).score((double) topScores[k]).build());
    }
    // Fewer co-occurring items than asked for: top up with popular ones, as Amazon backfills.
    if (out.size() < n) {
      IntOpenHashSet have = new IntOpenHashSet(top, 0, got);
      have.add(item);
      for (PredictedItem p : popular(d, n + got + 1, item)) {
        if (out.size() >= n) {
          break;
        }
        if (have.add(d.itemIndex.getInt(p.itemId()))) {
          out.add(p.toBuilder().score(0.0).build());
        }
      }
    }
    return out;
  }

  // ---- history ----------------------------------------------------------------------------------

  private record History(int[] items, float[] weights, int n) {}

  /** The user's most recent interactions that the solution's selection admits, known items only. */
  private History history(Deployment d, String userId) {
    if (d.interactions == null) {
      return new History(new int[0], new float[0], 0);
    }
    boolean hasType = d.interactions.schema().indexOf("EVENT_TYPE") >= 0;
    boolean hasValue = d.interactions.schema().indexOf("EVENT_VALUE") >= 0;
    String sql =
        "SELECT ITEM_ID, "
            + (hasType ? "EVENT_TYPE" : "NULL")
            + ", "
            + (hasValue ? "EVENT_VALUE" : "NULL")
            + " FROM "
            + d.interactions.table()
            + " WHERE USER_ID = ? ORDER BY TIMESTAMP DESC LIMIT "
            + (HISTORY * 4);
    String wantType = d.selection.eventType();
    double threshold = d.selection.eventValueThreshold();
    return ctx.store()
        .read(
            c -> {
              int[] items = new int[HISTORY];
              int n = 0;
              try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next() && n < HISTORY) {
                    if (wantType != null && !wantType.equalsIgnoreCase(rs.getString(2))) {
                      continue;
                    }
                    if (!Double.isNaN(threshold)) {
                      double v = rs.getDouble(3);
                      if (rs.wasNull() || v < threshold) {
                        continue;
                      }
                    }
                    int i = d.itemIndex.getInt(rs.getString(1));
                    if (i >= 0 && i < d.numModelItems) {
                      items[n++] = i;
                    }
                  }
                }
              }
              float[] w = new float[n];
              Arrays.fill(w, 1f);
              return new History(items, w, n);
            });
  }
}
