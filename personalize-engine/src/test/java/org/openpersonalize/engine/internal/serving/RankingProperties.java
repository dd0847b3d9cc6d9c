package org.openpersonalize.engine.internal.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.ModelCapability;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.Scores;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * The ranking step against slow, obviously-correct references that sort boxed lists: top-K with a
 * filter, the exploration merge (spec §9.7), popular items, and personalized ranking's stable order
 * and probabilities. Scores are drawn from a few values so that ties are common, and each try runs
 * several requests on one thread so that reused buffers must be reset correctly.
 */
class RankingProperties {

  /** What the ranking step reads of a model: its size and score kind. */
  record FakeModel(int numItems, ScoreKind scoreKind) implements Model {
    @Override
    public int numUsers() {
      return 0;
    }

    @Override
    public Set<ModelCapability> capabilities() {
      return Set.of();
    }

    @Override
    public void writeTo(OutputStream out) {
      throw new UnsupportedOperationException();
    }
  }

  /** A user-personalization recipe that is never trained. */
  static final class FakeRecipe implements Recipe {
    @Override
    public String recipeArn() {
      return "arn:aws:personalize:::recipe/fake";
    }

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public RecipeType recipeType() {
      return RecipeType.USER_PERSONALIZATION;
    }

    @Override
    public String description() {
      return "fake";
    }

    @Override
    public Set<String> requiredDatasets() {
      return Set.of();
    }

    @Override
    public Set<String> optionalDatasets() {
      return Set.of();
    }

    @Override
    public List<HyperparameterSpec> hyperparameters() {
      return List.of();
    }

    @Override
    public Model train(
        TrainingData data, org.openpersonalize.spi.Hyperparameters h, TrainingContext c) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Model readModel(InputStream in) {
      throw new UnsupportedOperationException();
    }
  }

  /** A random deployment: model items, new catalogue items, popularity and creation times. */
  record World(
      Deployment d, float[] scores, int m, int k, long[] newCreated, long since, double weight) {}

  static World world(SplittableRandom r) {
    int m = 1 + r.nextInt(300);
    int k = r.nextInt(3) == 0 ? 0 : r.nextInt(20);
    boolean logits = r.nextBoolean();
    double weight = r.nextInt(3) == 0 ? 0 : 0.05 + r.nextDouble();
    int cutoffDays = 1 + r.nextInt(30);
    long trainedUntil = 1_700_000_000L;
    String[] itemIds = new String[m];
    int[] popularity = new int[m];
    long[] created = new long[m];
    for (int i = 0; i < m; i++) {
      itemIds[i] = "i" + i;
      popularity[i] = r.nextInt(8);
      created[i] = trainedUntil - r.nextInt(60) * 86_400L;
    }
    Integer[] byPopularity = new Integer[m];
    for (int i = 0; i < m; i++) {
      byPopularity[i] = i;
    }
    java.util.Arrays.sort(
        byPopularity,
        Comparator.<Integer>comparingInt(i -> -popularity[i]).thenComparingInt(i -> i));
    int[] popular = new int[Math.min(m, ModelArtifact.MAX_POPULAR)];
    for (int j = 0; j < popular.length; j++) {
      popular[j] = byPopularity[j];
    }
    List<String> newItems = new ArrayList<>();
    long[] newCreated = new long[k];
    for (int j = 0; j < k; j++) {
      newItems.add("new" + j);
      newCreated[j] = r.nextInt(4) == 0 ? Long.MIN_VALUE : trainedUntil - r.nextInt(60) * 86_400L;
    }
    ModelArtifact artifact =
        new ModelArtifact(
            "version",
            "group",
            "arn:aws:personalize:::recipe/fake",
            trainedUntil,
            new String[0],
            itemIds,
            popular,
            popularity,
            created,
            new byte[0]);
    CampaignView view =
        new CampaignView(
            "campaign",
            "version",
            "file",
            new FakeRecipe(),
            "group",
            Featurizer.Selection.of(null, null),
            null,
            null,
            null,
            new CampaignView.Settings(
                "solution",
                "version",
                false,
                weight,
                cutoffDays,
                false,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                false));
    Deployment d =
        new Deployment(
            view,
            new FakeModel(m, logits ? ScoreKind.SOFTMAX_LOGITS : ScoreKind.RANK_ONLY),
            artifact,
            newItems,
            newCreated,
            null);
    float[] scores = d.scores();
    for (int i = 0; i < m; i++) {
      // Few distinct values, so that ties are common; logits may be negative, counts may not.
      scores[i] = logits ? (r.nextInt(12) - 6) * 0.5f : r.nextInt(12);
    }
    return new World(d, scores, m, k, newCreated, trainedUntil - cutoffDays * 86_400L, weight);
  }

  static long[] allowed(SplittableRandom r, int n) {
    if (r.nextBoolean()) {
      return null;
    }
    long[] bits = new long[(n + 63) >>> 6];
    double density = r.nextDouble();
    for (int i = 0; i < n; i++) {
      if (r.nextDouble() < density) {
        bits[i >>> 6] |= 1L << i;
      }
    }
    return bits;
  }

  static boolean allows(long[] allowed, int i) {
    return allowed == null || (allowed[i >>> 6] & (1L << i)) != 0;
  }

  /** Item, score and exploration mark of one entry, for comparison. */
  record Entry(int item, double score, boolean explored) {}

  static List<Entry> entries(Ranked r) {
    List<Entry> out = new ArrayList<>();
    for (int k = 0; k < r.size; k++) {
      out.add(new Entry(r.items[k], r.scores[k], r.explored[k]));
    }
    return out;
  }

  /** Spec §9.7 by sorting lists: relevance top-n, then merge with every explorable item. */
  static List<Entry> referenceForUser(World w, int n, long[] allowed) {
    Deployment d = w.d();
    int m = w.m();
    float[] s = w.scores();
    boolean logits = d.model.scoreKind() == ScoreKind.SOFTMAX_LOGITS;
    double lse = logits ? Scores.logSumExp(s, m) : 0;
    List<Integer> explorable = new ArrayList<>();
    if (w.weight() > 0) {
      for (int i = 0; i < m; i++) {
        if (d.artifact.itemCreated()[i] >= w.since()) {
          explorable.add(i);
        }
      }
      for (int j = 0; j < w.k(); j++) {
        long c = w.newCreated()[j];
        if (c == Long.MIN_VALUE || c >= w.since()) {
          explorable.add(m + j);
        }
      }
    }
    List<Integer> relevance = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      if (allows(allowed, i) && !explorable.contains(i)) {
        relevance.add(i);
      }
    }
    relevance.sort(Comparator.<Integer>comparingDouble(i -> -s[i]).thenComparingInt(i -> i));
    relevance = relevance.subList(0, Math.min(n, relevance.size()));
    List<Entry> out = new ArrayList<>();
    if (explorable.isEmpty()) {
      for (int i : relevance) {
        out.add(new Entry(i, logits ? Math.exp(s[i] - lse) : s[i], false));
      }
      return out;
    }
    float best = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      best = Math.max(best, s[i]);
    }
    Map<Integer, Float> key = new java.util.HashMap<>();
    Map<Integer, Boolean> explored = new java.util.HashMap<>();
    for (int i : relevance) {
      key.put(i, (float) relative(s[i], best, logits));
      explored.put(i, false);
    }
    for (int i : explorable) {
      if (!allows(allowed, i)) {
        continue;
      }
      double rel = i < m ? relative(s[i], best, logits) : 0;
      double bonus = w.weight() / (1.0 + (i < m ? d.artifact.popularity()[i] : 0));
      // The merge ranks by relevance-plus-bonus at float precision, ties to the lower index.
      key.put(i, (float) (rel + bonus));
      explored.put(i, bonus > rel);
    }
    List<Integer> all = new ArrayList<>(key.keySet());
    all.sort(Comparator.<Integer>comparingDouble(i -> -key.get(i)).thenComparingInt(i -> i));
    for (int i : all.subList(0, Math.min(n, all.size()))) {
      double score = i >= m ? 0 : logits ? Math.exp(s[i] - lse) : s[i];
      out.add(new Entry(i, score, explored.get(i)));
    }
    return out;
  }

  static double relative(float score, float best, boolean logits) {
    if (logits) {
      return Math.exp((double) score - best);
    }
    return best <= 0 ? 0 : Math.max(0, score / (double) best);
  }

  static void assertSame(List<Entry> expected, List<Entry> got) {
    assertEquals(expected.size(), got.size(), expected + " vs " + got);
    for (int k = 0; k < expected.size(); k++) {
      Entry e = expected.get(k);
      Entry g = got.get(k);
      assertEquals(e.item(), g.item(), "position " + k + ": " + expected + " vs " + got);
      assertEquals(e.explored(), g.explored(), "position " + k);
      assertEquals(e.score(), g.score(), 1e-12 * Math.max(1, Math.abs(e.score())), "pos " + k);
    }
  }

  @Property(tries = 100)
  void forUserEqualsTheSortingReference(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Scratch s = Scratch.get();
    for (int request = 0; request < 3; request++) {
      World w = world(r.split());
      int n = 1 + r.nextInt(60);
      long[] allowed = allowed(r, w.d().numCandidates());
      Ranking.forUser(w.d(), w.scores(), true, n, allowed, s, s.main);
      assertSame(referenceForUser(w, n, allowed), entries(s.main));
    }
  }

  @Property(tries = 100)
  void popularEqualsTheSortingReference(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Scratch s = Scratch.get();
    for (int request = 0; request < 3; request++) {
      World w = world(r.split());
      int n = 1 + r.nextInt(60);
      long[] allowed = allowed(r, w.d().numCandidates());
      int exclude = r.nextBoolean() ? -1 : r.nextInt(w.m());
      Ranking.popular(w.d(), n, exclude, allowed, s, s.main);
      int[] pop = w.d().artifact.popularity();
      List<Integer> items = new ArrayList<>();
      for (int i = 0; i < w.m(); i++) {
        if (i != exclude && allows(allowed, i)) {
          items.add(i);
        }
      }
      items.sort(Comparator.<Integer>comparingInt(i -> -pop[i]).thenComparingInt(i -> i));
      List<Entry> expected = new ArrayList<>();
      for (int i : items.subList(0, Math.min(n, items.size()))) {
        expected.add(new Entry(i, pop[i] / (double) w.d().popularityTotal, false));
      }
      assertSame(expected, entries(s.main));
    }
  }

  @Property(tries = 100)
  void rankKeepsInputOrderOnTiesAndSumsToOne(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Scratch s = Scratch.get();
    for (int request = 0; request < 3; request++) {
      World w = world(r.split());
      List<Integer> pool = new ArrayList<>();
      for (int i = 0; i < w.m(); i++) {
        pool.add(i);
      }
      java.util.Collections.shuffle(pool, new java.util.Random(r.nextLong()));
      int nc = Math.min(pool.size(), 1 + r.nextInt(80));
      int[] cand = new int[nc];
      float[] candScores = new float[nc];
      for (int c = 0; c < nc; c++) {
        cand[c] = pool.get(c);
        candScores[c] = (r.nextInt(10) - 5) * 0.5f;
      }
      boolean scored = r.nextBoolean();
      Ranking.rank(w.d(), cand, nc, candScores, scored, s, s.main);
      boolean logits = scored && w.d().model.scoreKind() == ScoreKind.SOFTMAX_LOGITS;
      double[] key = new double[nc];
      for (int c = 0; c < nc; c++) {
        key[c] = scored ? candScores[c] : w.d().popularity(cand[c]);
      }
      List<Integer> order = new ArrayList<>();
      for (int c = 0; c < nc; c++) {
        order.add(c);
      }
      order.sort(Comparator.comparingDouble(c -> -key[c])); // stable: input order on ties
      double[] p = new double[nc];
      double sum = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : key) {
        max = Math.max(max, v);
      }
      for (int c = 0; c < nc; c++) {
        p[c] = logits ? Math.exp(key[c] - max) : Math.max(0, key[c]);
        sum += p[c];
      }
      List<Entry> expected = new ArrayList<>();
      for (int c : order) {
        expected.add(new Entry(cand[c], sum == 0 ? 1.0 / nc : p[c] / sum, false));
      }
      assertSame(expected, entries(s.main));
      double total = 0;
      for (int k = 0; k < s.main.size; k++) {
        total += s.main.scores[k];
      }
      assertEquals(1.0, total, 1e-9);
    }
  }
}
