package org.openpersonalize.engine.internal.serving;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.openpersonalize.api.PersonalizeRuntime;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetPersonalizedRankingResponse;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Promotion;
import org.openpersonalize.engine.internal.Check;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.UserHistory;

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
  private final FilterEval filters;

  /**
   * Creates the runtime.
   *
   * @param ctx the engine context
   * @param deployments loaded campaigns
   */
  public Recommender(EngineContext ctx, Deployments deployments) {
    this.ctx = ctx;
    this.deployments = deployments;
    this.filters = new FilterEval(ctx);
  }

  @Override
  public GetRecommendationsResponse getRecommendations(GetRecommendationsRequest request) {
    Check.arn("campaignArn", request.campaignArn());
    int n = request.numResults() == null ? 25 : request.numResults();
    if (n < 1 || n > 500) {
      throw new InvalidInputException("numResults must be 1-500; got: " + n);
    }
    checkCommon(request.context());
    List<String> columns = metadataColumns(request.metadataColumns(), n, "numResults");
    if (request.promotions().size() > 1) {
      throw new InvalidInputException(
          "promotions must have at most 1 entry; got: " + request.promotions().size());
    }
    Deployment d = deployments.get(request.campaignArn());
    checkMetadata(d, columns, request.campaignArn());
    RecipeType type = d.recipe.recipeType();
    String userId = request.userId();
    String itemId = null;
    if (type == RecipeType.RELATED_ITEMS) {
      itemId = Check.length("itemId", Check.required("itemId", request.itemId()), 1, 256);
      if (userId != null) {
        Check.length("userId", userId, 1, 256);
      }
    } else if (type == RecipeType.USER_PERSONALIZATION || type == RecipeType.POPULAR_ITEMS) {
      Check.length("userId", Check.required("userId", userId), 1, 256);
      if (request.itemId() != null) {
        throw new InvalidInputException(
            "itemId must not be given for a " + type + " campaign; it recommends items for userId");
      }
    } else {
      throw new InvalidInputException(
          "Campaign "
              + request.campaignArn()
              + " serves a "
              + type
              + " recipe; use GetPersonalizedRanking for PERSONALIZED_RANKING campaigns");
    }
    int current = itemId == null ? -1 : d.itemIndex.getInt(itemId);
    long[] allowed =
        request.filterArn() == null
            ? null
            : filters.bind(
                    d, request.filterArn(), request.filterValues(), "filterValues", userId, current)
                .bits;
    List<PredictedItem> items;
    if (request.promotions().isEmpty()) {
      items = select(d, userId, itemId, n, allowed);
    } else {
      items = promote(d, request, userId, itemId, current, n, allowed);
    }
    if (!columns.isEmpty()) {
      items = withMetadata(d, items, columns);
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
    checkCommon(request.context());
    List<String> columns =
        metadataColumns(request.metadataColumns(), input.size(), "inputList size");
    Deployment d = deployments.get(request.campaignArn());
    checkMetadata(d, columns, request.campaignArn());
    if (d.recipe.recipeType() == RecipeType.RELATED_ITEMS) {
      throw new InvalidInputException(
          "Campaign "
              + request.campaignArn()
              + " serves a RELATED_ITEMS recipe; use GetRecommendations with itemId");
    }
    FilterEval.Bound bound =
        request.filterArn() == null
            ? null
            : filters.bind(
                d, request.filterArn(), request.filterValues(), "filterValues", userId, -1);
    // Known items, first occurrence of each, in input order; the rest go last without a score.
    int[] cand = new int[input.size()];
    int nc = 0;
    IntOpenHashSet seen = new IntOpenHashSet();
    List<String> unknown = new ArrayList<>();
    for (String id : input) {
      int i = d.itemIndex.getInt(id);
      if (bound != null && !(i >= 0 ? bound.allows(i) : bound.allowsUnknown(id))) {
        continue;
      }
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
    if (!columns.isEmpty()) {
      out = withMetadata(d, out, columns);
    }
    return GetPersonalizedRankingResponse.builder()
        .personalizedRanking(out)
        .recommendationId(recommendationId())
        .build();
  }

  // ---- promotions and metadata ------------------------------------------------------------------

  /**
   * Spec §6.4: {@code ceil(numResults × percentPromotedItems / 100)} slots go to the best items the
   * promotion's filter admits (sorted among themselves); the request's filter applies only to the
   * rest. Promoted items take positions drawn with a seed from the request (campaign, user, item
   * and promotion name), so they are spread through the list yet the same request gives the same
   * list. Fewer qualifying items than slots: as many as there are are promoted.
   */
  private List<PredictedItem> promote(
      Deployment d,
      GetRecommendationsRequest request,
      String userId,
      String itemId,
      int current,
      int n,
      long[] allowed) {
    Promotion pr = request.promotions().get(0);
    String name = Check.name("promotions[0].name", pr.name());
    Integer pct = Check.required("promotions[0].percentPromotedItems", pr.percentPromotedItems());
    if (pct < 1 || pct > 100) {
      throw new InvalidInputException(
          "promotions[0].percentPromotedItems must be 1-100; got: " + pct);
    }
    String filterArn = Check.required("promotions[0].filterArn", pr.filterArn());
    long[] promoBits =
        filters.bind(d, filterArn, pr.filterValues(), "promotions[0].filterValues", userId, current)
            .bits;
    int slots = (int) Math.ceil(n * pct / 100.0);
    List<PredictedItem> promoted = select(d, userId, itemId, slots, promoBits);
    long[] rest = allowed == null ? FilterEval.allOnes(d.numCandidates()) : allowed.clone();
    for (PredictedItem p : promoted) {
      int i = d.itemIndex.getInt(p.itemId());
      rest[i >>> 6] &= ~(1L << i);
    }
    List<PredictedItem> others = select(d, userId, itemId, n - promoted.size(), rest);
    int total = promoted.size() + others.size();
    long seed =
        (request.campaignArn() + '\u0000' + userId + '\u0000' + itemId + '\u0000' + name)
            .hashCode();
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] slotsOrder = new int[total];
    for (int k = 0; k < total; k++) {
      slotsOrder[k] = k;
    }
    for (int k = 0; k < promoted.size(); k++) {
      int j = k + rnd.nextInt(total - k);
      int t = slotsOrder[k];
      slotsOrder[k] = slotsOrder[j];
      slotsOrder[j] = t;
    }
    boolean[] isPromoted = new boolean[total];
    for (int k = 0; k < promoted.size(); k++) {
      isPromoted[slotsOrder[k]] = true;
    }
    List<PredictedItem> out = new ArrayList<>(total);
    int pi = 0;
    int oi = 0;
    for (int k = 0; k < total; k++) {
      if (isPromoted[k]) {
        out.add(promoted.get(pi++).toBuilder().promotionName(name).build());
      } else {
        out.add(others.get(oi++));
      }
    }
    return out;
  }

  /** Spec §6.1 and §9.11: the requested Items columns, checked against the request's size. */
  private static List<String> metadataColumns(
      Map<String, List<String>> requested, int size, String sizeField) {
    if (requested.isEmpty()) {
      return List.of();
    }
    for (String key : requested.keySet()) {
      if (!"ITEMS".equals(key)) {
        throw new InvalidInputException("metadataColumns keys must be ITEMS; got: " + key);
      }
    }
    List<String> columns = requested.get("ITEMS") == null ? List.of() : requested.get("ITEMS");
    if (columns.size() > 10) {
      throw new InvalidInputException(
          "metadataColumns.ITEMS must have at most 10 columns; got: " + columns.size());
    }
    if (!columns.isEmpty() && size > 50) {
      throw new InvalidInputException(
          sizeField + " must be at most 50 when metadataColumns is given; got: " + size);
    }
    return columns;
  }

  private static void checkMetadata(Deployment d, List<String> columns, String campaignArn) {
    if (columns.isEmpty()) {
      return;
    }
    if (!d.metadataEnabled) {
      throw new InvalidInputException(
          "metadataColumns needs a campaign created with"
              + " campaignConfig.enableMetadataWithRecommendations; campaign "
              + campaignArn
              + " does not have it");
    }
    for (String col : columns) {
      if (d.items == null || d.items.schema().field(col) == null) {
        throw new InvalidInputException(
            "metadataColumns.ITEMS must name fields of the Items dataset; got: " + col);
      }
    }
  }

  /** Adds each item's stored values of the columns; columns without a value are left out. */
  private List<PredictedItem> withMetadata(
      Deployment d, List<PredictedItem> items, List<String> columns) {
    if (items.isEmpty()) {
      return items;
    }
    StringBuilder sql = new StringBuilder("SELECT ITEM_ID");
    for (String col : columns) {
      sql.append(", ").append(DatasetTable.quote(col));
    }
    sql.append(" FROM ").append(d.items.table()).append(" WHERE ITEM_ID IN (");
    for (int k = 0; k < items.size(); k++) {
      sql.append(k == 0 ? "?" : ", ?");
    }
    sql.append(')');
    Map<String, Map<String, String>> rows =
        ctx.store()
            .read(
                c -> {
                  Map<String, Map<String, String>> out = new HashMap<>();
                  try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    for (int k = 0; k < items.size(); k++) {
                      ps.setString(k + 1, items.get(k).itemId());
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                      while (rs.next()) {
                        Map<String, String> row = new LinkedHashMap<>();
                        for (int k = 0; k < columns.size(); k++) {
                          String v = rs.getString(k + 2);
                          if (v != null) {
                            row.put(columns.get(k), v);
                          }
                        }
                        out.put(rs.getString(1), row);
                      }
                    }
                  }
                  return out;
                });
    List<PredictedItem> out = new ArrayList<>(items.size());
    for (PredictedItem p : items) {
      out.add(p.toBuilder().metadata(rows.getOrDefault(p.itemId(), Map.of())).build());
    }
    return out;
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

  private static void checkCommon(Map<String, String> context) {
    if (context.size() > 150) {
      throw new InvalidInputException(
          "context must have at most 150 entries; got: " + context.size());
    }
    for (Map.Entry<String, String> e : context.entrySet()) {
      Check.length("context key", e.getKey(), 1, 150);
      Check.length("context." + e.getKey(), e.getValue(), 0, 1000);
    }
  }

  private static String recommendationId() {
    return "RID-" + UUID.randomUUID();
  }

  // ---- user recommendations ---------------------------------------------------------------------

  /** Items for a user or related to an item, among the allowed indices (null: all). */
  private List<PredictedItem> select(
      Deployment d, String userId, String itemId, int n, long[] allowed) {
    return itemId != null ? related(d, itemId, n, allowed) : forUser(d, userId, n, allowed);
  }

  /**
   * Filters inside the top-K selection: the filter's complement becomes the heap's excluded bitset,
   * so the heap keeps taking candidates from the scored list until {@code n} pass — the backfill
   * Amazon describes (spec §5.2), with no second scoring pass.
   */
  private List<PredictedItem> forUser(Deployment d, String userId, int n, long[] allowed) {
    float[] scores = d.scores();
    boolean scored = scoreAll(d, userId, scores);
    if (!scored) {
      return popular(d, n, -1, allowed);
    }
    int m = d.numModelItems;
    boolean logits = d.model.scoreKind() == ScoreKind.SOFTMAX_LOGITS;
    double lse = logits ? org.openpersonalize.spi.Scores.logSumExp(scores, m) : 0;
    TopK heap = new TopK(n);
    long[] exclude = null;
    if (d.explorable.length > 0 || allowed != null) {
      exclude = new long[(m + 63) >>> 6];
      if (allowed != null) {
        for (int k = 0; k < exclude.length; k++) {
          exclude[k] = ~allowed[k];
        }
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
    return explore(d, scores, top, got, n, logits, lse, allowed);
  }

  /** Merges the relevance top list with exploration candidates by relevance-plus-bonus. */
  private List<PredictedItem> explore(
      Deployment d,
      float[] scores,
      int[] top,
      int got,
      int n,
      boolean logits,
      double lse,
      long[] allowed) {
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
    int total0 = got;
    for (int e = 0; e < d.explorable.length; e++) {
      int i = d.explorable[e];
      if (allowed != null && (allowed[i >>> 6] & (1L << i)) == 0) {
        continue;
      }
      int k = total0++;
      cand[k] = i;
      rel[k] = i < m ? relative(scores[i], best, logits) : 0;
      double bonus = d.explorationWeight / (1.0 + d.popularity(i));
      key[k] = rel[k] + bonus;
      explored[k] = bonus > rel[k];
    }
    total = total0;
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
      d.model.scoreItemsForHistory(h.events, scores);
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
      d.model.scoreCandidatesForHistory(h.events, cand, nc, out);
      return true;
    }
    int u = d.userIndex.getInt(userId);
    if (u >= 0 && u < d.model.numUsers() && d.model.supports(ModelCapability.ITEMS_FOR_USER)) {
      d.model.scoreCandidatesForUser(u, cand, nc, out);
      return true;
    }
    return false;
  }

  private List<PredictedItem> popular(Deployment d, int n, int excludeItem, long[] allowed) {
    if (allowed != null) {
      return popularFiltered(d, n, excludeItem, allowed);
    }
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

  /** Popular items that pass a filter: the stored top list may run out, so rank all of them. */
  private List<PredictedItem> popularFiltered(
      Deployment d, int n, int excludeItem, long[] allowed) {
    int m = d.numModelItems;
    float[] pop = new float[m];
    long[] exclude = new long[(m + 63) >>> 6];
    for (int i = 0; i < m; i++) {
      pop[i] = d.popularity(i);
    }
    for (int k = 0; k < exclude.length; k++) {
      exclude[k] = ~allowed[k];
    }
    if (excludeItem >= 0 && excludeItem < m) {
      exclude[excludeItem >>> 6] |= 1L << excludeItem;
    }
    TopK heap = new TopK(n);
    heap.offerAll(pop, 0, m, exclude);
    int[] top = new int[n];
    int got = heap.drainTo(top, null);
    List<PredictedItem> out = new ArrayList<>(got);
    for (int k = 0; k < got; k++) {
      out.add(
          PredictedItem.builder()
              .itemId(d.itemIds[top[k]])
              .score(d.popularity(top[k]) / (double) d.popularityTotal)
              .build());
    }
    return out;
  }

  // ---- related items ----------------------------------------------------------------------------

  private List<PredictedItem> related(Deployment d, String itemId, int n, long[] allowed) {
    int item = d.itemIndex.getInt(itemId);
    if (item < 0 || item >= d.numModelItems || !d.model.supports(ModelCapability.ITEMS_FOR_ITEM)) {
      return popular(d, n, item, allowed);
    }
    float[] scores = d.scores();
    d.model.scoreItemsForItem(item, scores);
    TopK heap = new TopK(n);
    if (allowed == null) {
      heap.offerAll(scores, 0, d.numModelItems, i -> i == item);
    } else {
      long[] exclude = new long[(d.numModelItems + 63) >>> 6];
      for (int k = 0; k < exclude.length; k++) {
        exclude[k] = ~allowed[k];
      }
      exclude[item >>> 6] |= 1L << item;
      heap.offerAll(scores, 0, d.numModelItems, exclude);
    }
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
      for (PredictedItem p : popular(d, n + got + 1, item, allowed)) {
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

  /** A user's usable events, oldest first, as the model's fold-in wants them. */
  private record History(UserHistory events, int n) {}

  /** The user's most recent interactions that the solution's selection admits, known items only. */
  private History history(Deployment d, String userId) {
    if (d.interactions == null) {
      return new History(UserHistory.empty(), 0);
    }
    boolean hasType = d.interactions.schema().indexOf("EVENT_TYPE") >= 0;
    boolean hasValue = d.interactions.schema().indexOf("EVENT_VALUE") >= 0;
    String sql =
        "SELECT ITEM_ID, "
            + (hasType ? "EVENT_TYPE" : "NULL")
            + ", "
            + (hasValue ? "EVENT_VALUE" : "NULL")
            + ", TIMESTAMP FROM "
            + d.interactions.table()
            + " WHERE USER_ID = ? ORDER BY TIMESTAMP DESC LIMIT "
            + (HISTORY * 4);
    String wantType = d.selection.eventType();
    double threshold = d.selection.eventValueThreshold();
    return ctx.store()
        .read(
            c -> {
              int[] items = new int[HISTORY];
              long[] times = new long[HISTORY];
              String[] types = new String[HISTORY];
              int n = 0;
              // Every request runs this: the store keeps the compiled statement.
              PreparedStatement ps = ctx.store().prepared(c, sql);
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
                    items[n] = i;
                    types[n] = rs.getString(2);
                    times[n] = rs.getLong(4);
                    n++;
                  }
                }
              }
              // Read newest first (to keep the most recent); models want the oldest first.
              for (int a = 0, b = n - 1; a < b; a++, b--) {
                int item = items[a];
                items[a] = items[b];
                items[b] = item;
                long t = times[a];
                times[a] = times[b];
                times[b] = t;
                String type = types[a];
                types[a] = types[b];
                types[b] = type;
              }
              return new History(UserHistory.of(items, null, times, types, n), n);
            });
  }
}
