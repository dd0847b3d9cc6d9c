package org.openpersonalize.engine.internal.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.openpersonalize.api.PersonalizeRuntime;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetPersonalizedRankingResponse;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Promotion;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.filter.FilterAst;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;

/**
 * GetRecommendations and GetPersonalizedRanking (spec §6.1-6.2), in four steps: the request is
 * checked completely ({@link RequestCheck}, and the filters against the campaign) before the
 * campaign's model is loaded; the store reads ({@link ServingReads}) fetch the user's history; the
 * ranking step ({@link Ranking}) turns model, history and filter bits into item indices and scores;
 * promotions ({@link Promotions}) and the response objects come last.
 *
 * <p>Real time (spec §6.5): a user's recommendations are computed from their stored history — the
 * {@value #HISTORY} most recent interactions that pass the solution's event-type and value
 * selection, read at request time — by the model's fold-in ({@link
 * org.openpersonalize.spi.Model#scoreItemsForHistory}). So an event recorded with PutEvents counts
 * in the very next request, for a known user or a brand-new one, without retraining. A user with no
 * usable history gets the popular items.
 *
 * <p>Scores (spec §6.1): models whose scores are {@link ScoreKind#RANK_ONLY} (Popularity-Count,
 * SIMS) return items without a score; the others return probabilities.
 */
public final class Recommender implements PersonalizeRuntime {
  /** History length used for real-time scoring, as Amazon's filters see it per event type. */
  static final int HISTORY = 200;

  private final Deployments deployments;
  private final FilterCheck filterCheck;
  private final FilterEval filters;
  private final ServingReads reads;

  /**
   * Creates the runtime.
   *
   * @param ctx the engine context
   * @param deployments loaded campaigns
   */
  public Recommender(EngineContext ctx, Deployments deployments) {
    this.deployments = deployments;
    this.filterCheck = new FilterCheck(ctx);
    this.filters = new FilterEval(ctx);
    this.reads = new ServingReads(ctx);
  }

  @Override
  public GetRecommendationsResponse getRecommendations(GetRecommendationsRequest request) {
    RequestCheck.Recommendations q = RequestCheck.recommendations(request);
    CampaignView view = deployments.view(q.campaignArn());
    RequestCheck.kind(q.campaignArn(), q.recommender(), view);
    RequestCheck.recommendations(q, view);
    String userId = q.userId();
    FilterAst.Filter filter =
        q.filterArn() == null
            ? null
            : filterCheck.check(q.filterArn(), view, q.filterValues(), "filterValues", userId);
    Promotion promotion = q.promotion();
    FilterAst.Filter promoFilter =
        promotion == null
            ? null
            : filterCheck.check(
                promotion.filterArn(),
                view,
                promotion.filterValues(),
                "promotions[0].filterValues",
                userId);

    Deployment d = deployments.get(q.campaignArn());
    Scratch s = Scratch.get();
    int current = q.itemId() == null ? -1 : d.itemIndex.getInt(q.itemId());
    long[] allowed =
        filter == null
            ? null
            : filters.bind(
                    d, filter, q.filterArn(), q.filterValues(), "filterValues", userId, current)
                .bits;
    // A recommender's built-in filter (watched / purchased items) comes before the custom one.
    long[] builtIn = BuiltInFilter.allowed(filters, d, userId, current);
    allowed = BuiltInFilter.and(builtIn, allowed);
    float[] scores = score(d, view, userId, current, s);
    int n = q.numResults();
    List<PredictedItem> items;
    if (promotion == null) {
      select(d, view, scores, current, n, allowed, s, s.main);
      items = toItems(d, s.main, null);
    } else {
      long[] promoBits =
          filters.bind(
                  d,
                  promoFilter,
                  promotion.filterArn(),
                  promotion.filterValues(),
                  "promotions[0].filterValues",
                  userId,
                  current)
              .bits;
      promoBits = builtIn == null ? promoBits : BuiltInFilter.and(builtIn, promoBits);
      int slots = Promotions.slots(n, promotion.percentPromotedItems());
      select(d, view, scores, current, slots, promoBits, s, s.promoted);
      long[] rest = Promotions.rest(allowed, d.numCandidates(), s.promoted, s);
      select(d, view, scores, current, n - s.promoted.size, rest, s, s.main);
      items = promote(d, q, promotion.name(), s.promoted, s.main);
    }
    items = reads.withMetadata(d, items, q.columns());
    return GetRecommendationsResponse.builder()
        .itemList(items)
        .recommendationId(recommendationId())
        .build();
  }

  private static final int[] NO_ITEMS = new int[0];

  /**
   * Fills the deployment's score buffer for the request: scores related to the item, or for the
   * user from their history; null when there is nothing to score from (popular items then).
   */
  float[] score(Deployment d, CampaignView view, String userId, int current, Scratch s) {
    float[] scores = d.scores();
    if (view.recipeType() == RecipeType.RELATED_ITEMS) {
      if (current < 0
          || current >= d.numModelItems
          || !d.model.supports(ModelCapability.ITEMS_FOR_ITEM)) {
        return null;
      }
      d.model.scoreItemsForItem(current, scores);
      return scores;
    }
    if (view.recipeType() == RecipeType.POPULAR_ITEMS
        && d.model.supports(ModelCapability.ITEMS_FOR_HISTORY)) {
      // A popular-items model ranks alike for everyone, including users without a history; asking
      // it (not the artifact's popularity) is what lets Trending-Now's trends reach them.
      d.model.scoreItemsForHistory(NO_ITEMS, null, 0, scores);
      return scores;
    }
    reads.history(d, userId, s.history);
    int user = userId == null ? -1 : d.userIndex.getInt(userId);
    return Ranking.scoreForUser(d, s.history, user, scores) ? scores : null;
  }

  static void select(
      Deployment d,
      CampaignView view,
      float[] scores,
      int current,
      int n,
      long[] allowed,
      Scratch s,
      Ranked out) {
    if (view.recipeType() == RecipeType.RELATED_ITEMS) {
      Ranking.related(d, scores, current, n, allowed, s, out);
    } else {
      Ranking.forUser(d, scores, scores != null, n, allowed, s, out);
    }
  }

  private static List<PredictedItem> promote(
      Deployment d, RequestCheck.Recommendations q, String name, Ranked promoted, Ranked others) {
    int total = promoted.size + others.size;
    boolean[] isPromoted =
        Promotions.positions(q.campaignArn(), q.userId(), q.itemId(), name, promoted.size, total);
    boolean withScore = d.withScores;
    List<PredictedItem> out = new ArrayList<>(total);
    int pi = 0;
    int oi = 0;
    for (int k = 0; k < total; k++) {
      if (isPromoted[k]) {
        out.add(item(d, promoted, pi++, withScore, name));
      } else {
        out.add(item(d, others, oi++, withScore, null));
      }
    }
    return out;
  }

  @Override
  public GetPersonalizedRankingResponse getPersonalizedRanking(
      GetPersonalizedRankingRequest request) {
    RequestCheck.Ranking q = RequestCheck.ranking(request);
    CampaignView view = deployments.view(q.campaignArn());
    RequestCheck.kind(q.campaignArn(), false, view);
    RequestCheck.ranking(q, view);
    String userId = q.userId();
    FilterAst.Filter filter =
        q.filterArn() == null
            ? null
            : filterCheck.check(q.filterArn(), view, q.filterValues(), "filterValues", userId);

    Deployment d = deployments.get(q.campaignArn());
    Scratch s = Scratch.get();
    FilterBound.Bound bound =
        filter == null
            ? null
            : filters.bind(d, filter, q.filterArn(), q.filterValues(), "filterValues", userId, -1);
    List<PredictedItem> out = rank(d, userId, q.inputList(), bound, s);
    out = reads.withMetadata(d, out, q.columns());
    return GetPersonalizedRankingResponse.builder()
        .personalizedRanking(out)
        .recommendationId(recommendationId())
        .build();
  }

  /**
   * Ranks an input list for a user (GetPersonalizedRanking without its request and metadata): known
   * items that pass the filter, first occurrence of each, scored and ordered; unknown items last
   * without a score. Batch inference ranks its lines with it.
   */
  List<PredictedItem> rank(
      Deployment d, String userId, List<String> input, FilterBound.Bound bound, Scratch s) {
    // Known items, first occurrence of each, in input order; the rest go last without a score.
    int[] cand = s.ints(input.size());
    int nc = 0;
    // Duplicates are found with the thread's bit set (ranking leaves it dirty: clear it first).
    int words = (d.numModelItems + 63) >>> 6;
    long[] seen = s.words(words);
    Arrays.fill(seen, 0, words, 0L);
    List<String> unknown = new ArrayList<>();
    for (String id : input) {
      int i = d.itemIndex.getInt(id);
      if (bound != null && !(i >= 0 ? bound.allows(i) : bound.allowsUnknown(id))) {
        continue;
      }
      if (i >= 0 && i < d.numModelItems) {
        if ((seen[i >>> 6] & (1L << i)) == 0) {
          seen[i >>> 6] |= 1L << i;
          cand[nc++] = i;
        }
      } else if (!unknown.contains(id)) {
        unknown.add(id);
      }
    }
    float[] candScores = s.floats(nc);
    boolean scored = false;
    if (nc > 0) {
      reads.history(d, userId, s.history);
      scored =
          Ranking.scoreCandidates(d, s.history, d.userIndex.getInt(userId), cand, nc, candScores);
    }
    Ranking.rank(d, cand, nc, candScores, scored, s, s.main);
    List<PredictedItem> out = toItems(d, s.main, null);
    for (String id : unknown) {
      out.add(PredictedItem.builder().itemId(id).build());
    }
    return out;
  }

  /** The response objects of a ranked list; a growable list, since ranking appends to it. */
  static List<PredictedItem> toItems(Deployment d, Ranked r, String promotionName) {
    boolean withScore = d.withScores;
    List<PredictedItem> out = new ArrayList<>(r.size);
    for (int k = 0; k < r.size; k++) {
      out.add(item(d, r, k, withScore, promotionName));
    }
    return out;
  }

  private static PredictedItem item(
      Deployment d, Ranked r, int k, boolean withScore, String promotionName) {
    PredictedItem.Builder b = PredictedItem.builder().itemId(d.itemIds[r.items[k]]);
    if (withScore && !Double.isNaN(r.scores[k])) {
      b.score(r.scores[k]);
    }
    if (promotionName != null) {
      b.promotionName(promotionName);
    }
    if (promotionName != null && d.reasons) {
      b.reason("Promoted item");
    } else if (r.explored[k]) {
      b.reason("Exploration");
    }
    return b.build();
  }

  private static String recommendationId() {
    return "RID-" + UUID.randomUUID();
  }
}
