package org.openpersonalize.engine.internal.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.engine.internal.Check;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.batch.BatchLines;
import org.openpersonalize.engine.internal.batch.BatchLines.LineError;
import org.openpersonalize.engine.internal.batch.LineScorer;
import org.openpersonalize.engine.internal.filter.FilterAst;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.UserHistory;

/**
 * The scorer of batch inference jobs (spec §7.1): each input line is answered exactly as
 * GetRecommendations or GetPersonalizedRanking answers the same request on a campaign of the same
 * solution version, through the same filter check and evaluation ({@link FilterCheck}, {@link
 * FilterEval}), history reads ({@link ServingReads}) and ranking ({@link Ranking}); only the
 * scoring of users is done a block at a time ({@link
 * org.openpersonalize.spi.Model#scoreItemsForHistories}).
 *
 * <p>Line formats by recipe type: {@code {"userId"}} (USER_PERSONALIZATION; POPULAR_ITEMS, where it
 * is optional), {@code {"itemId"}} (RELATED_ITEMS, with an optional {@code userId} for filters that
 * read the user), {@code {"userId", "itemList"}} (PERSONALIZED_RANKING); each may carry {@code
 * filterValues}. Answers are {@code {"recommendedItems": [...], "scores": [...]}}, without scores
 * for models that only rank (Popularity-Count, SIMS).
 */
public final class BatchRecommendations {
  /** Users scored in one block: small enough that a block's score rows stay in cache. */
  static final int USERS_PER_BLOCK = 32;

  private final Deployments deployments;
  private final FilterCheck filterCheck;
  private final FilterEval filters;
  private final ServingReads reads;
  private final Recommender recommender;

  /**
   * Creates the factory of batch scorers.
   *
   * @param ctx the engine context
   * @param deployments loads solution versions
   */
  public BatchRecommendations(EngineContext ctx, Deployments deployments) {
    this.deployments = deployments;
    this.filterCheck = new FilterCheck(ctx);
    this.filters = new FilterEval(ctx);
    this.reads = new ServingReads(ctx);
    this.recommender = new Recommender(ctx, deployments);
  }

  /**
   * Loads a job's solution version and returns the scorer of its lines.
   *
   * @param jobArn the job
   * @param versionArn its ACTIVE solution version
   * @param filterArn its filter, or null
   * @param numResults items per line
   * @param explorationWeight the job's exploration weight (0: none)
   * @param explorationCutoffDays the job's exploration age cut-off
   */
  public LineScorer open(
      String jobArn,
      String versionArn,
      String filterArn,
      int numResults,
      double explorationWeight,
      double explorationCutoffDays) {
    Deployment d = deployments.forJob(jobArn, versionArn, explorationWeight, explorationCutoffDays);
    return new Scorer(d, filterArn, numResults);
  }

  /** One job's scorer over its loaded deployment. */
  private final class Scorer implements LineScorer {
    final Deployment d;
    final String filterArn;
    final int n;
    final RecipeType type;
    final ThreadLocal<float[][]> rows;

    Scorer(Deployment d, String filterArn, int n) {
      this.d = d;
      this.filterArn = filterArn;
      this.n = n;
      this.type = d.view.recipeType();
      int width = d.numCandidates();
      this.rows = ThreadLocal.withInitial(() -> new float[USERS_PER_BLOCK][width]);
    }

    @Override
    public void score(Block block) {
      switch (type) {
        case USER_PERSONALIZATION, POPULAR_ITEMS -> users(block);
        case RELATED_ITEMS -> related(block);
        case PERSONALIZED_RANKING -> ranking(block);
        default ->
            throw new InvalidInputException(
                "Batch inference is not available for " + type + " solution versions");
      }
    }

    /** A line's checked request: user, item, filter values, bound filter. */
    private final class Line {
      String userId;
      String itemId;
      List<String> itemList;
      Map<String, String> values = Map.of();
      FilterBound.Bound bound;
    }

    private Line parse(ObjectNode in, Set<String> allowed, boolean userRequired) {
      for (Iterator<String> it = in.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!allowed.contains(f)) {
          throw new LineError(
              "The line has an unknown field \""
                  + f
                  + "\"; a "
                  + type
                  + " line has "
                  + String.join(", ", allowed));
        }
      }
      Line l = new Line();
      if (userRequired || in.hasNonNull("userId")) {
        l.userId = BatchLines.requiredString(in, "userId");
        Check.length("userId", l.userId, 1, 256);
      }
      l.values = BatchLines.filterValues(in);
      RequestCheck.filter(filterArn, l.values, "filterArn", "filterValues");
      return l;
    }

    /** Checks and binds the job's filter for a line; null without a filter. */
    private FilterBound.Bound bind(Line l, int current) {
      if (filterArn == null) {
        return null;
      }
      FilterAst.Filter f = filterCheck.check(filterArn, d.view, l.values, "filterValues", l.userId);
      unknownPlaceholders(f, l.values);
      return filters.bind(d, f, filterArn, l.values, "filterValues", l.userId, current);
    }

    private void unknownPlaceholders(FilterAst.Filter f, Map<String, String> values) {
      if (values.isEmpty()) {
        return;
      }
      Set<String> params = new java.util.HashSet<>();
      for (FilterAst.Expr e : f.expressions()) {
        for (List<FilterAst.Cond> g : e.anyOf()) {
          for (FilterAst.Cond c : g) {
            if (c.operand() instanceof FilterAst.Param p) {
              params.add(p.name());
            }
          }
        }
        for (FilterAst.Cond c : e.ifAll()) {
          if (c.operand() instanceof FilterAst.Param p) {
            params.add(p.name());
          }
        }
      }
      for (String key : values.keySet()) {
        if (!params.contains(key)) {
          throw new LineError(
              "filterValues."
                  + key
                  + " is not a placeholder of filter "
                  + filterArn
                  + "; its placeholders are "
                  + params);
        }
      }
    }

    /** Users: histories of the block scored together, then each ranked as a request is. */
    private void users(Block block) {
      boolean userRequired = type == RecipeType.USER_PERSONALIZATION;
      Set<String> allowed = Set.of("userId", "filterValues");
      Scratch s = Scratch.get();
      float[][] buf = rows.get();
      Line[] lines = new Line[block.size()];
      for (int from = 0; from < block.size(); from += USERS_PER_BLOCK) {
        int to = Math.min(block.size(), from + USERS_PER_BLOCK);
        UserHistory[] hs = new UserHistory[to - from];
        int[] slot = new int[to - from];
        int nh = 0;
        boolean[] scored = new boolean[to - from];
        for (int i = from; i < to; i++) {
          try {
            Line l = parse(block.input(i), allowed, userRequired);
            l.bound = bind(l, -1);
            lines[i] = l;
            if (l.userId == null) {
              continue;
            }
            reads.history(d, l.userId, s.history);
            if (s.history.n > 0 && d.model.supports(ModelCapability.ITEMS_FOR_HISTORY)) {
              slot[nh] = i - from;
              hs[nh++] = s.history.events();
              scored[i - from] = true;
            } else {
              int user = d.userIndex.getInt(l.userId);
              scored[i - from] = Ranking.scoreForUser(d, s.history, user, buf[i - from]);
            }
          } catch (LineError | InvalidInputException e) {
            block.fail(i, e.getMessage());
          }
        }
        if (nh > 0) {
          float[][] out = new float[nh][];
          for (int h = 0; h < nh; h++) {
            out[h] = buf[slot[h]];
          }
          d.model.scoreItemsForHistories(hs, nh, out);
        }
        for (int i = from; i < to; i++) {
          if (lines[i] == null) {
            continue;
          }
          float[] row = buf[i - from];
          long[] allowedBits = lines[i].bound == null ? null : lines[i].bound.bits;
          Ranking.forUser(d, row, scored[i - from], n, allowedBits, s, s.main);
          block.answer(i, answer(Recommender.toItems(d, s.main, null)));
        }
      }
    }

    private void related(Block block) {
      Set<String> allowed = Set.of("itemId", "userId", "filterValues");
      Scratch s = Scratch.get();
      for (int i = 0; i < block.size(); i++) {
        try {
          Line l = parse(block.input(i), allowed, false);
          l.itemId = BatchLines.requiredString(block.input(i), "itemId");
          Check.length("itemId", l.itemId, 1, 256);
          int current = d.itemIndex.getInt(l.itemId);
          FilterBound.Bound bound = bind(l, current);
          float[] scores = recommender.score(d, d.view, l.userId, current, s);
          Recommender.select(
              d, d.view, scores, current, n, bound == null ? null : bound.bits, s, s.main);
          block.answer(i, answer(Recommender.toItems(d, s.main, null)));
        } catch (LineError | InvalidInputException e) {
          block.fail(i, e.getMessage());
        }
      }
    }

    private void ranking(Block block) {
      Set<String> allowed = Set.of("userId", "itemList", "filterValues");
      Scratch s = Scratch.get();
      for (int i = 0; i < block.size(); i++) {
        try {
          Line l = parse(block.input(i), allowed, true);
          l.itemList = itemList(block.input(i));
          FilterBound.Bound bound = bind(l, -1);
          block.answer(i, answer(recommender.rank(d, l.userId, l.itemList, bound, s)));
        } catch (LineError | InvalidInputException e) {
          block.fail(i, e.getMessage());
        }
      }
    }

    private List<String> itemList(ObjectNode in) {
      JsonNode v = in.get("itemList");
      if (v == null || !v.isArray()) {
        throw new LineError(
            "The line must have the field \"itemList\", an array of item IDs; got: " + v);
      }
      if (v.isEmpty() || v.size() > RequestCheck.MAX_RESULTS) {
        throw new LineError(
            "\"itemList\" must have 1-" + RequestCheck.MAX_RESULTS + " item IDs; got: " + v.size());
      }
      List<String> ids = new ArrayList<>(v.size());
      for (int k = 0; k < v.size(); k++) {
        JsonNode id = v.get(k);
        if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > 256) {
          throw new LineError(
              "\"itemList\"[" + k + "] must be an item ID of 1-256 characters; got: " + id);
        }
        ids.add(id.asText());
      }
      return ids;
    }

    /** The {@code output} object of a line from the items a request would return. */
    private ObjectNode answer(List<PredictedItem> items) {
      ObjectNode o = BatchLines.object();
      ArrayNode ids = o.putArray("recommendedItems");
      boolean withScores = false;
      for (PredictedItem p : items) {
        ids.add(p.itemId());
        withScores |= p.score() != null;
      }
      if (withScores) {
        ArrayNode scores = o.putArray("scores");
        for (PredictedItem p : items) {
          if (p.score() == null) {
            scores.addNull();
          } else {
            scores.add(p.score());
          }
        }
      }
      if (d.reasons) {
        // One list per item, empty when the item needs no reason (spec §7.1, UP-v2).
        ArrayNode reasons = o.putArray("reasons");
        for (PredictedItem p : items) {
          ArrayNode why = reasons.addArray();
          p.reason().forEach(why::add);
        }
      }
      return o;
    }
  }
}
