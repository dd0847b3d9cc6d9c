package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

class SimilarItemsRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new SimilarItemsRecipe();
  }

  @Test
  void catalogueEntryFollowsAmazon() {
    Recipe r = recipe();
    assertEquals("arn:aws:personalize:::recipe/aws-similar-items", r.recipeArn());
    assertEquals(RecipeType.RELATED_ITEMS, r.recipeType());
    assertEquals(Set.of(Recipe.ITEMS), r.optionalDatasets());
    assertEquals(
        "0.0", r.resolveHyperparameters(Map.of()).stringValue("popularity_discount_factor"));
    // Amazon's embedding sizes have no meaning here: refused by name, not ignored.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> r.resolveHyperparameters(Map.of("item_id_hidden_dim", "100")));
    assertTrue(e.getMessage().contains("item_id_hidden_dim"), e.getMessage());
  }

  /**
   * Items with fewer than five interactions (here two, from random users, so their co-occurrence is
   * noise) get neighbours of their own genre from metadata; SIMS on the same data cannot.
   */
  @Test
  void coldItemsGetGenreConsistentNeighboursFromMetadata() {
    TestData.GenreData g = withFewRandomEvents(TestData.genres(300, 80, 4, 12, 0, 0.9, 6, 401), 2);
    Model similar = train(g.data());
    assertEquals(ScoreKind.RANK_ONLY, similar.scoreKind());
    Model sims =
        new SimsRecipe()
            .train(
                g.data(),
                new SimsRecipe().resolveHyperparameters(Map.of()),
                TrainingContext.builder().build());
    double mine = coldGenreAgreement(similar, g, 10);
    double baseline = coldGenreAgreement(sims, g, 10);
    assertTrue(mine >= 0.8, "similar-items genre agreement " + mine);
    assertTrue(mine > baseline + 0.3, "similar-items " + mine + " vs sims " + baseline);
  }

  /** Warm items follow co-occurrence: two items always taken together are each other's best. */
  @Test
  void warmItemsFollowCoOccurrenceOverMetadata() {
    TestData.GenreData g = TestData.genres(300, 80, 4, 12, 0, 0.9, 2, 409);
    // Items 80 and 81 (no events in the genre data) have different genres; 60 new users take both.
    TrainingData base = g.data();
    int n = base.numInteractions();
    int extra = 120;
    int[] u = new int[n + extra];
    int[] i = new int[n + extra];
    long[] t = new long[n + extra];
    float[] w = new float[n + extra];
    for (int k = 0; k < n; k++) {
      u[k] = base.userIdx(k);
      i[k] = base.itemIdx(k);
      t[k] = base.timestamp(k);
      w[k] = 1;
    }
    for (int k = 0; k < 60; k++) {
      for (int item = 80; item <= 81; item++) {
        int at = n + 2 * k + item - 80;
        u[at] = 200 + k;
        i[at] = item;
        t[at] = TestData.T0 + k;
        w[at] = 1;
      }
    }
    TrainingData data = withGenres(u, i, t, w, base, g.itemGenre(), 4);
    Model m = train(data);
    assertEquals(81, top(m, 80, 1)[0]);
    assertEquals(80, top(m, 81, 1)[0]);
  }

  /** Without categorical fields, the text's shared words find neighbours. */
  @Test
  void textualFieldsAloneGiveNeighbours() {
    String[][] vocab = {
      {"space", "alien", "planet", "starship", "galaxy"},
      {"love", "wedding", "romance", "heart", "kiss"},
      {"detective", "murder", "clue", "crime", "police"}
    };
    int numItems = 30;
    SplittableRandom rng = new SplittableRandom(5);
    // Token dictionary: index = group * 5 + word, plus shared filler word 15 in every text.
    int[] offsets = new int[numItems + 1];
    int[] tokens = new int[numItems * 5];
    int p = 0;
    for (int item = 0; item < numItems; item++) {
      int group = item % 3;
      for (int k = 0; k < 4; k++) {
        tokens[p++] = group * 5 + rng.nextInt(5);
      }
      tokens[p++] = 15;
      offsets[item + 1] = p;
    }
    assertEquals(3, vocab.length);
    // Interactions: random users on random items, each item at most a couple of times.
    int[] u = new int[40];
    int[] i = new int[40];
    long[] t = new long[40];
    float[] w = new float[40];
    for (int k = 0; k < 40; k++) {
      u[k] = rng.nextInt(20);
      i[k] = rng.nextInt(numItems);
      t[k] = TestData.T0 + k;
      w[k] = 1;
    }
    TrainingData data =
        TrainingData.builder(20, numItems)
            .interactions(u, i, t, w)
            .itemText("DESCRIPTION", 16, offsets, Arrays.copyOf(tokens, p))
            .build();
    Model m = train(data);
    int agree = 0;
    int total = 0;
    for (int item = 0; item < numItems; item++) {
      for (int j : top(m, item, 5)) {
        agree += j % 3 == item % 3 ? 1 : 0;
        total++;
      }
    }
    assertTrue(agree >= 0.85 * total, agree + " of " + total);
  }

  @Test
  void theDiscountFactorTradesPopularityForSpecificity() {
    // Item 0 co-occurs with popular item 1 (every user) and niche item 2 (its only 5 users).
    int[][] pairs = new int[3 * 40][];
    int p = 0;
    for (int user = 0; user < 40; user++) {
      pairs[p++] = new int[] {user, 1};
      if (user < 10) {
        pairs[p++] = new int[] {user, 0};
      }
      if (user < 5) {
        pairs[p++] = new int[] {user, 2};
      }
    }
    TrainingData data = TestData.pairs(40, 3, Arrays.copyOf(pairs, p));
    Model popular = train(data);
    Model specific =
        recipe()
            .train(
                data,
                recipe().resolveHyperparameters(Map.of("popularity_discount_factor", "1.0")),
                TrainingContext.builder().build());
    assertEquals(1, top(popular, 0, 1)[0]);
    assertEquals(2, top(specific, 0, 1)[0]);
  }

  private static double coldGenreAgreement(Model m, TestData.GenreData g, int k) {
    int agree = 0;
    int total = 0;
    for (int item = g.warmItems(); item < g.itemGenre().length; item++) {
      for (int j : top(m, item, k)) {
        agree += g.itemGenre()[j] == g.itemGenre()[item] ? 1 : 0;
        total++;
      }
    }
    return agree / (double) total;
  }

  static int[] top(Model m, int item, int k) {
    float[] s = new float[m.numItems()];
    m.scoreItemsForItem(item, s);
    TopK top = new TopK(k);
    top.offerAll(s, 0, s.length);
    int[] idx = new int[k];
    int n = top.drainTo(idx, new float[k]);
    return Arrays.copyOf(idx, n);
  }

  /** The genre data plus {@code perCold} events on each cold item from random users. */
  private static TestData.GenreData withFewRandomEvents(TestData.GenreData g, int perCold) {
    TrainingData base = g.data();
    int n = base.numInteractions();
    int cold = g.itemGenre().length - g.warmItems();
    int m = n + cold * perCold;
    int[] u = new int[m];
    int[] i = new int[m];
    long[] t = new long[m];
    float[] w = new float[m];
    for (int k = 0; k < n; k++) {
      u[k] = base.userIdx(k);
      i[k] = base.itemIdx(k);
      t[k] = base.timestamp(k);
      w[k] = 1;
    }
    SplittableRandom rng = new SplittableRandom(11);
    int at = n;
    for (int item = g.warmItems(); item < g.itemGenre().length; item++) {
      for (int e = 0; e < perCold; e++) {
        u[at] = rng.nextInt(base.numUsers());
        i[at] = item;
        t[at] = TestData.T0 + 1_000_000 + at;
        w[at] = 1;
        at++;
      }
    }
    TrainingData data = withGenres(u, i, t, w, base, g.itemGenre(), 4);
    return new TestData.GenreData(data, g.userGenre(), g.itemGenre(), g.heldOut(), g.warmItems());
  }

  private static TrainingData withGenres(
      int[] u, int[] i, long[] t, float[] w, TrainingData base, int[] itemGenre, int genres) {
    int numItems = itemGenre.length;
    int[] offsets = new int[numItems + 1];
    for (int item = 0; item < numItems; item++) {
      offsets[item + 1] = item + 1;
    }
    int numUsers = base.numUsers();
    for (int user : u) {
      numUsers = Math.max(numUsers, user + 1);
    }
    return TrainingData.builder(numUsers, numItems)
        .interactions(u, i, t, w)
        .itemCategorical("GENRES", genres, offsets, itemGenre.clone())
        .build();
  }
}
