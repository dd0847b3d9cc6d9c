package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

/**
 * What a campaign of aws-user-personalization serves next (issue 10): history items ranked by the
 * learned repeat propensity, and a new user's few events generalised through the metadata prior.
 */
class NextInteractionTest {
  private static final Map<String, String> FAST =
      Map.of("hidden_dimension", "32", "num_iterations", "8");

  private static Model train(Recipe recipe, TrainingData data, Map<String, String> hp) {
    return recipe.train(
        data, recipe.resolveHyperparameters(hp), TrainingContext.builder().seed(42).build());
  }

  private static int[] top(float[] scores, int k) {
    TopK heap = new TopK(k);
    heap.offerAll(scores, 0, scores.length);
    int[] out = new int[k];
    heap.drainTo(out, null);
    return out;
  }

  /** The five most interacted-with items of a genre. */
  private static int[] popularOfGenre(TestData.GenreData g, int genre, int count) {
    TrainingData d = g.data();
    int[] pop = new int[d.numItems()];
    for (int k = 0; k < d.numInteractions(); k++) {
      pop[d.itemIdx(k)]++;
    }
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < d.numItems(); i++) {
      if (g.itemGenre()[i] == genre) {
        items.add(i);
      }
    }
    items.sort((a, b) -> pop[b] != pop[a] ? Integer.compare(pop[b], pop[a]) : a - b);
    int[] out = new int[count];
    for (int e = 0; e < count; e++) {
      out[e] = items.get(e);
    }
    return out;
  }

  /** Served for a new user with five events: genre items among the top 10 without the seeds. */
  private static int genreInTop10(Model m, TestData.GenreData g, int genre) {
    int[] seeds = popularOfGenre(g, genre, 5);
    long[] times = new long[5];
    for (int e = 0; e < 5; e++) {
      times[e] = TestData.T0 + 100_000 + e;
    }
    float[] scores = new float[m.numItems()];
    m.scoreItemsForHistory(UserHistory.of(seeds, null, times, null, 5), scores);
    int inGenre = 0;
    int kept = 0;
    for (int i : top(scores, 15)) {
      boolean seed = false;
      for (int s : seeds) {
        seed |= s == i;
      }
      if (!seed && kept < 10) {
        kept++;
        inGenre += g.itemGenre()[i] == genre ? 1 : 0;
      }
    }
    return inGenre;
  }

  @Test
  void newUsersFiveEventsOfOneGenreGiveThatGenreNotJustPopularItems() {
    // Users mostly watch across genres (inGenre 0.5) under a shared popularity law, so popular
    // items of every genre are close to any history: the setting where a fold-in echoes
    // popularity instead of taste.
    TestData.GenreData g = TestData.genres(600, 300, 6, 25, 0, 0.5, 0, 211);
    Model with = train(new UserPersonalizationRecipe(), g.data(), FAST);
    Map<String, String> off = new java.util.HashMap<>(FAST);
    off.put("metadata_prior_weight", "0");
    Model without = train(new UserPersonalizationRecipe(), g.data(), off);
    for (int genre = 0; genre < 6; genre++) {
      int a = genreInTop10(with, g, genre);
      int b = genreInTop10(without, g, genre);
      System.out.printf(
          Locale.ROOT, "genre %d: %d of 10 with the metadata prior, %d without%n", genre, a, b);
      assertTrue(a >= 5, "genre " + genre + ": " + a + " of 10 in the seeds' genre");
    }
  }

  /**
   * Grocery-like data: every user buys a basket of five staples about weekly for ten weeks, and now
   * and then one new item; staples differ between users but follow one popularity law.
   */
  static TrainingData repurchases(int numUsers, int numItems, long seed, int[][] staples) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] cdf = TestData.zipfCdf(numItems, 0.9);
    List<long[]> rows = new ArrayList<>();
    for (int u = 0; u < numUsers; u++) {
      int[] basket = new int[5];
      for (int s = 0; s < 5; s++) {
        int item;
        do {
          item = TestData.draw(cdf, rng);
        } while (contains(basket, s, item));
        basket[s] = item;
      }
      staples[u] = basket;
      long t = TestData.T0 + rng.nextInt(86_400);
      for (int week = 0; week < 10; week++) {
        for (int s = 0; s < 5; s++) {
          if (rng.nextDouble() < 0.85) {
            rows.add(new long[] {u, basket[s], t + s * 60L});
          }
        }
        if (rng.nextDouble() < 0.5) {
          rows.add(new long[] {u, TestData.draw(cdf, rng), t + 600});
        }
        t += 7 * 86_400L + rng.nextInt(86_400) - 43_200;
      }
    }
    int n = rows.size();
    int[] users = new int[n];
    int[] items = new int[n];
    long[] times = new long[n];
    float[] weights = new float[n];
    for (int e = 0; e < n; e++) {
      users[e] = (int) rows.get(e)[0];
      items[e] = (int) rows.get(e)[1];
      times[e] = rows.get(e)[2];
      weights[e] = 1f;
    }
    return TrainingData.builder(numUsers, numItems)
        .interactions(users, items, times, weights)
        .eventTypes(List.of("purchase"), new int[n])
        .build();
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int e = 0; e < n; e++) {
      if (a[e] == v) {
        return true;
      }
    }
    return false;
  }

  /** A user's training events, oldest first, as serving would pass them. */
  private static UserHistory historyOf(TrainingData d, int user) {
    List<Integer> events = new ArrayList<>();
    for (int k = 0; k < d.numInteractions(); k++) {
      if (d.userIdx(k) == user) {
        events.add(k);
      }
    }
    events.sort((a, b) -> Long.compare(d.timestamp(a), d.timestamp(b)));
    int n = events.size();
    int[] items = new int[n];
    long[] times = new long[n];
    String[] types = new String[n];
    for (int e = 0; e < n; e++) {
      items[e] = d.itemIdx(events.get(e));
      times[e] = d.timestamp(events.get(e));
      types[e] = d.hasEventTypes() ? d.eventTypeNames().get(d.eventType(events.get(e))) : null;
    }
    return UserHistory.of(items, null, times, types, n);
  }

  @Test
  void whereUsersRebuyTheirStaplesStayOnTopAndWhereNobodyRewatchesHistoryIsNotEchoed() {
    int[][] staples = new int[200][];
    TrainingData grocery = repurchases(200, 400, 223, staples);
    Model g = train(new UserPersonalizationRecipe(), grocery, FAST);
    TestData.GenreData films = TestData.genres(300, 200, 5, 25, 0, 0.8, 0, 227);
    Model f = train(new UserPersonalizationRecipe(), films.data(), FAST);

    double groceryShare = Double.parseDouble(g.learnedParameters().get("learned.repeat_share"));
    double filmShare = Double.parseDouble(f.learnedParameters().get("learned.repeat_share"));
    System.out.println("grocery: " + g.learnedParameters());
    System.out.println("films:   " + f.learnedParameters());
    assertTrue(groceryShare > 0.7, "grocery repeat share " + groceryShare);
    assertEquals(0.0, filmShare, "films repeat share");
    assertTrue(
        g.learnedParameters().containsKey("learned.repeat_rate.purchase"),
        "per event type: " + g.learnedParameters());

    float[] scores = new float[grocery.numItems()];
    int staplesOnTop = 0;
    for (int u = 0; u < 200; u++) {
      g.scoreItemsForHistory(historyOf(grocery, u), scores);
      for (int i : top(scores, 10)) {
        staplesOnTop += contains(staples[u], 5, i) ? 1 : 0;
      }
    }
    assertTrue(staplesOnTop >= 0.9 * 5 * 200, staplesOnTop + " of 1000 staples in the top 10s");

    float[] fs = new float[films.data().numItems()];
    int echoed = 0;
    for (int u = 0; u < 300; u++) {
      UserHistory h = historyOf(films.data(), u);
      f.scoreItemsForHistory(h, fs);
      for (int i : top(fs, 10)) {
        for (int e = 0; e < h.size(); e++) {
          if (h.itemIdx(e) == i) {
            echoed++;
            break;
          }
        }
      }
    }
    assertEquals(0, echoed, "history items served to film users");
  }

  @Test
  void repeatRatesDecayWithTimeSinceTheLastPurchaseWhereRebuyingIsWeekly() {
    int[][] staples = new int[200][];
    Model g = train(new UserPersonalizationRecipe(), repurchases(200, 400, 229, staples), FAST);
    AlsModel m = (AlsModel) g;
    int t = m.repeat.typeIndex("purchase");
    // A staple bought under an hour ago is rarely bought again at the very next event (the basket
    // goes on), while one last bought about a week ago is due.
    float hour = m.repeat.hazard(t, 0);
    float week = m.repeat.hazard(t, 2);
    assertTrue(week > 2 * hour, "rate <1h " + hour + ", <7d " + week);
  }

  @Test
  void repeatAwarenessOffServesTheFoldInScoresUnchanged() {
    TestData.GenreData films = TestData.genres(200, 120, 4, 20, 0, 0.8, 0, 233);
    Map<String, String> off = new java.util.HashMap<>(FAST);
    off.put("repeat_awareness", "false");
    Model m = train(new UserPersonalizationRecipe(), films.data(), off);
    UserHistory h = historyOf(films.data(), 7);
    float[] a = new float[m.numItems()];
    float[] b = new float[m.numItems()];
    m.scoreItemsForHistory(h, a);
    m.scoreItemsForHistory(h.items(), null, h.size(), b);
    assertArrayEquals(b, a);
    assertTrue(m.learnedParameters().isEmpty(), "nothing learned: " + m.learnedParameters());
  }

  @Test
  void servedScoresAreSoftmaxLogitsOfOneDistribution() {
    int[][] staples = new int[100][];
    TrainingData grocery = repurchases(100, 300, 239, staples);
    Model g = train(new UserPersonalizationRecipe(), grocery, FAST);
    float[] s = new float[g.numItems()];
    g.scoreItemsForHistory(historyOf(grocery, 3), s);
    double sum = 0;
    for (float v : s) {
      assertTrue(Float.isFinite(v), "finite");
      sum += Math.exp(v);
    }
    assertEquals(1.0, sum, 1e-3);
  }

  @Test
  void modelWithRepeatRatesAndPriorRoundTripsAndTrainsDeterministically() throws IOException {
    int[][] staples = new int[100][];
    TrainingData grocery = repurchases(100, 300, 241, staples);
    TestData.GenreData films = TestData.genres(200, 120, 4, 20, 0, 0.8, 0, 243);
    for (TrainingData d : new TrainingData[] {grocery, films.data()}) {
      Recipe r = new UserPersonalizationRecipe();
      byte[] one = bytes(train(r, d, FAST));
      byte[] two = bytes(train(r, d, FAST));
      assertArrayEquals(one, two, "same seed, same bytes");
      Model back = r.readModel(new ByteArrayInputStream(one));
      assertArrayEquals(one, bytes(back));
      assertEquals(train(r, d, FAST).learnedParameters(), back.learnedParameters());
    }
  }

  private static byte[] bytes(Model m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void concurrentServingThreadsGetTheSameScoresAsOneThread() throws Exception {
    TestData.GenreData films = TestData.genres(300, 200, 5, 25, 0, 0.8, 0, 251);
    Model m = train(new UserPersonalizationRecipe(), films.data(), FAST);
    int users = 60;
    float[][] expected = new float[users][];
    for (int u = 0; u < users; u++) {
      expected[u] = new float[m.numItems()];
      m.scoreItemsForHistory(historyOf(films.data(), u), expected[u]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int offset = thread;
        results.add(
            pool.submit(
                () -> {
                  float[] s = new float[m.numItems()];
                  for (int rep = 0; rep < 5; rep++) {
                    for (int u = offset; u < users + offset; u++) {
                      int user = u % users;
                      m.scoreItemsForHistory(historyOf(films.data(), user), s);
                      if (!Arrays.equals(s, expected[user])) {
                        return false;
                      }
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get(), "a thread saw different scores");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
