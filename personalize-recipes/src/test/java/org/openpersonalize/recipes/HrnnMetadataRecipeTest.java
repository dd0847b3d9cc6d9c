package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openpersonalize.recipes.sequence.HrnnMetadataRecipe;
import org.openpersonalize.recipes.sequence.HrnnRecipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

class HrnnMetadataRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new HrnnMetadataRecipe();
  }

  @Override
  protected Map<String, String> fastHyperparameters() {
    return Map.of(
        "hidden_dimension", "32",
        "num_epochs", "2",
        "max_history_length", "10",
        "bptt", "4",
        "num_negatives", "16");
  }

  @Override
  protected TrainingData withRecipeData(TrainingData data) {
    // data that brings its own metadata (Items and Users, see tiers) is kept as it is
    return data.itemCategoricalColumns().isEmpty() ? TestData.withItemGenres(data, 3) : data;
  }

  @Test
  void needsCategoricalItemMetadata() {
    assertEquals(RecipeType.USER_PERSONALIZATION, recipe().recipeType());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                recipe()
                    .train(
                        TestData.zipf(30, 20, 5, 1),
                        hyperparameters(),
                        TrainingContext.builder().build()));
    assertEquals(
        "aws-hrnn-metadata needs an Items dataset with at least one categorical metadata column;"
            + " got: none",
        e.getMessage());
  }

  @Test
  void stillLearnsOrder() {
    Recipe r = recipe();
    Model m =
        r.train(
            TestData.withItemGenres(UserPersonalizationV2RecipeTest.ring(200, 30, 12, 5), 3),
            r.resolveHyperparameters(HrnnRecipeTest.ringSettings()),
            TrainingContext.builder().seed(3).parallelism(1).build());
    int right = 0;
    for (int start = 0; start < 30; start++) {
      if (HrnnRecipeTest.top1(m, start, (start + 1) % 30, (start + 2) % 30) == (start + 3) % 30) {
        right++;
      }
    }
    assertEquals(30, right, "next ring item ranked first for " + right + " of 30 histories");
  }

  /**
   * Users 0..199 of two tiers (even users A, odd users B) repeat "a filler item, item 0, their
   * tier's item" four times: after item 0, A users go on to item 1 and B users to item 2, which
   * only the Users dataset's {@code TIER} can tell apart. Users 200 and 201 (A and B) are in the
   * Users dataset only.
   */
  static TrainingData tiers(long seed) {
    int numUsers = 202;
    int trained = 200;
    int numItems = 23;
    SplittableRandom rng = new SplittableRandom(seed);
    int n = trained * 12;
    int[] u = new int[n];
    int[] i = new int[n];
    long[] t = new long[n];
    float[] w = new float[n];
    for (int user = 0, k = 0; user < trained; user++) {
      for (int e = 0; e < 12; e++, k++) {
        u[k] = user;
        i[k] = e % 3 == 0 ? 3 + rng.nextInt(20) : e % 3 == 1 ? 0 : 1 + user % 2;
        t[k] = TestData.T0 + 60L * e + user;
        w[k] = 1f;
      }
    }
    int[] offsets = new int[numUsers + 1];
    int[] tier = new int[numUsers];
    for (int user = 0; user < numUsers; user++) {
      offsets[user + 1] = user + 1;
      tier[user] = user % 2;
    }
    int[] genreOffsets = new int[numItems + 1];
    int[] genres = new int[numItems];
    for (int item = 0; item < numItems; item++) {
      genreOffsets[item + 1] = item + 1;
      genres[item] = item % 3;
    }
    return TrainingData.builder(numUsers, numItems)
        .interactions(u, i, t, w)
        .itemCategorical("GENRES", 3, genreOffsets, genres)
        .userCategorical("TIER", 2, offsets, tier)
        .build();
  }

  private static Map<String, String> tierSettings() {
    return Map.of(
        "hidden_dimension", "32",
        "num_epochs", "15",
        "max_history_length", "8",
        "learning_rate", "0.01",
        "dropout_rate", "0.0");
  }

  private static Model trainTiers(Recipe r) {
    return r.train(
        tiers(5),
        r.resolveHyperparameters(tierSettings()),
        TrainingContext.builder().seed(3).parallelism(1).build());
  }

  @Test
  void usersMetadataDecidesWhatComesNextForTheSameHistory() {
    Model m = trainTiers(recipe());
    int right = 0;
    int cases = 0;
    // Histories nobody trained on, named as users of each tier, including the two users known only
    // from the Users dataset (200: A, 201: B).
    for (int user : new int[] {0, 1, 10, 11, 50, 51, 198, 199, 200, 201}) {
      for (int filler = 3; filler < 23; filler += 4) {
        int[] items = {filler, 0};
        UserHistory h = UserHistory.of(items, null, null, null, 2).withUserIdx(user);
        if (HrnnRecipeTest.top1(m, h) == 1 + user % 2) {
          right++;
        }
        cases++;
      }
    }
    assertEquals(cases, right, "the tier's item ranked first for " + right + " of " + cases);
  }

  @Test
  void plainHrnnIgnoresTheUser() {
    Model m = trainTiers(new HrnnRecipe());
    float[] a = new float[m.numItems()];
    float[] b = new float[m.numItems()];
    UserHistory h = UserHistory.of(new int[] {5, 0}, null, null, null, 2);
    m.scoreItemsForHistory(h.withUserIdx(200), a);
    m.scoreItemsForHistory(h.withUserIdx(201), b);
    assertArrayEquals(a, b);
  }

  @Test
  void unknownUserGetsNoTermAndTrainedUsersStoredStateIncludesIt() {
    // Without the metadata taste lift, which a history adds and a stored state cannot: this
    // compares the two encodings of the same events.
    Map<String, String> hp = new java.util.HashMap<>(tierSettings());
    hp.put("metadata_taste_weight", "0");
    Model m =
        recipe()
            .train(
                tiers(5),
                recipe().resolveHyperparameters(hp),
                TrainingContext.builder().seed(3).parallelism(1).build());
    float[] none = new float[m.numItems()];
    float[] unknown = new float[m.numItems()];
    float[] a = new float[m.numItems()];
    UserHistory h = UserHistory.of(new int[] {5, 0}, null, null, null, 2);
    m.scoreItemsForHistory(h, none);
    m.scoreItemsForHistory(h.withUserIdx(-1), unknown);
    m.scoreItemsForHistory(h.withUserIdx(200), a);
    assertArrayEquals(none, unknown);
    assertFalse(Arrays.equals(none, a), "user 200's TIER changes the scores");
    // a trained user's stored state is their latest events plus their term
    float[] stored = new float[m.numItems()];
    float[] fromHistory = new float[m.numItems()];
    m.scoreItemsForUser(0, stored);
    int[] last8 = new int[8];
    long[] times = new long[8];
    TrainingData d = tiers(5);
    for (int k = 4, e = 0; k < 12; k++, e++) {
      last8[e] = d.itemIdx(k); // user 0's events are the first 12, in time order
      times[e] = d.timestamp(k);
    }
    m.scoreItemsForHistory(UserHistory.of(last8, null, times, null, 8).withUserIdx(0), fromHistory);
    // Serving a history mixes in the repeat propensity: the history's own items get their learned
    // return rate and every other item is shifted by one constant, so those keep the stored
    // state's scores up to that constant.
    boolean[] inHistory = new boolean[m.numItems()];
    for (int i : last8) {
      inHistory[i] = true;
    }
    float shift = Float.NaN;
    for (int i = 0; i < m.numItems(); i++) {
      if (!inHistory[i]) {
        if (Float.isNaN(shift)) {
          shift = stored[i] - fromHistory[i];
        }
        assertEquals(shift, stored[i] - fromHistory[i], 1e-4f, "item " + i);
      }
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> m.scoreItemsForHistory(h.withUserIdx(202), new float[m.numItems()]));
  }

  @Test
  void withUsersMetadataSameSeedGivesTheSameBytesAndReadsBackEqual() throws IOException {
    TrainingData data = tiers(9);
    byte[] once = bytes(train(data, 7, 1));
    assertArrayEquals(once, bytes(train(data, 7, 1)));
    assertArrayEquals(once, bytes(train(data, 7, 2)));
    Model m = train(data, 7, 2);
    Model read = recipe().readModel(new ByteArrayInputStream(once));
    assertArrayEquals(once, bytes(read));
    UserHistory h = UserHistory.of(new int[] {4, 0}, null, null, null, 2);
    for (int user : new int[] {-1, 0, 1, 200, 201}) {
      float[] a = new float[m.numItems()];
      float[] b = new float[m.numItems()];
      m.scoreItemsForHistory(h.withUserIdx(user), a);
      read.scoreItemsForHistory(h.withUserIdx(user), b);
      assertArrayEquals(a, b, "user " + user);
    }
    // with or without a Users dataset the model is written in the current format
    byte[] itemsOnly = bytes(train(TestData.withItemGenres(TestData.zipf(60, 40, 10, 13), 3)));
    assertEquals(
        5, java.nio.ByteBuffer.wrap(itemsOnly, 6 + "aws-hrnn-metadata".length(), 4).getInt());
    assertEquals(5, java.nio.ByteBuffer.wrap(once, 6 + "aws-hrnn-metadata".length(), 4).getInt());
  }
}
