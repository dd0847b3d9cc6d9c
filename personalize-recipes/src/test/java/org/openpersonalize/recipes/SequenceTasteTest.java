package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openpersonalize.recipes.sequence.HrnnColdstartRecipe;
import org.openpersonalize.recipes.sequence.HrnnMetadataRecipe;
import org.openpersonalize.recipes.sequence.HrnnRecipe;
import org.openpersonalize.recipes.sequence.PersonalizedRankingV2Recipe;
import org.openpersonalize.recipes.sequence.UserPersonalizationV2Recipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

/**
 * The genre probe on generated data, for every sequence recipe: a new user's five events
 * for the five most popular items of one genre bring that genre up through the metadata taste lift
 * ({@code metadata_taste_weight}). The data are Zipf draws in no order and with no genre structure
 * (60 items, genre = item mod 3), so what follows any history is popular items of every genre; the
 * encoder alone gives a genre about its share of the top 10.
 */
class SequenceTasteTest {
  private static Recipe recipe(String name) {
    return switch (name) {
      case "aws-hrnn" -> new HrnnRecipe();
      case "aws-hrnn-metadata" -> new HrnnMetadataRecipe();
      case "aws-hrnn-coldstart" -> new HrnnColdstartRecipe();
      case "aws-user-personalization-v2" -> new UserPersonalizationV2Recipe();
      default -> new PersonalizedRankingV2Recipe();
    };
  }

  private static Model train(Recipe r, TrainingData data, String weight) {
    return train(r, data, weight, null);
  }

  private static Model train(Recipe r, TrainingData data, String weight, String rarity) {
    Map<String, String> hp = new HashMap<>();
    hp.put("hidden_dimension", "32");
    hp.put("num_epochs", "4");
    hp.put("max_history_length", "10");
    if (weight != null) {
      hp.put("metadata_taste_weight", weight);
    }
    if (rarity != null) {
      hp.put("metadata_taste_rarity", rarity);
    }
    return r.train(
        data,
        r.resolveHyperparameters(hp),
        TrainingContext.builder().seed(5).parallelism(1).build());
  }

  /** Per genre, its items among the top 10 after its five most popular items, seeds left out. */
  private static int[] probe(Model m, TrainingData data) {
    int[] hits = new int[3];
    for (int g = 0; g < 3; g++) {
      int genre = g;
      hits[g] = probe(m, data, i -> i % 3 == genre);
    }
    return hits;
  }

  /**
   * The probe for one genre ({@code inGenre}): its items among the top 10 after a history of its
   * five most popular items, seeds left out.
   */
  private static int probe(Model m, TrainingData data, IntPredicate inGenre) {
    int[] popularity = popularity(data);
    int[] seeds = new int[5];
    boolean[] taken = new boolean[data.numItems()];
    for (int s = 0; s < 5; s++) {
      int best = -1;
      for (int i = 0; i < data.numItems(); i++) {
        if (inGenre.test(i) && !taken[i] && (best < 0 || popularity[i] > popularity[best])) {
          best = i;
        }
      }
      taken[best] = true;
      seeds[s] = best;
    }
    float[] scores = new float[m.numItems()];
    m.scoreItemsForHistory(UserHistory.of(seeds, null, null, null, 5), scores);
    for (int i : seeds) {
      scores[i] = Float.NEGATIVE_INFINITY;
    }
    int hits = 0;
    for (int k = 0; k < 10; k++) {
      int top = 0;
      for (int i = 1; i < scores.length; i++) {
        if (scores[i] > scores[top]) {
          top = i;
        }
      }
      hits += inGenre.test(top) ? 1 : 0;
      scores[top] = Float.NEGATIVE_INFINITY;
    }
    return hits;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aws-hrnn",
        "aws-hrnn-metadata",
        "aws-hrnn-coldstart",
        "aws-user-personalization-v2",
        "aws-personalized-ranking-v2"
      })
  void fiveEventsOfOneGenreGiveAtLeastFiveOfItInTheTopTen(String name) throws IOException {
    Recipe r = recipe(name);
    TrainingData data = TestData.withItemGenres(TestData.zipf(300, 60, 15, 21), 3);
    Model lifted = train(r, data, null);
    Model plain = train(r, data, "0");
    int[] with = probe(lifted, data);
    int[] without = probe(plain, data);
    for (int g = 0; g < 3; g++) {
      assertTrue(
          with[g] >= 5, name + ": genre " + g + " has " + with[g] + " of the top 10 with the lift");
    }
    assertTrue(
        with[0] + with[1] + with[2] > without[0] + without[1] + without[2],
        name + ": the lift adds genre items; without it " + Arrays.toString(without));
    // the lift is part of the model: the same after a write and a read
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lifted.writeTo(out);
    Model read = r.readModel(new ByteArrayInputStream(out.toByteArray()));
    assertArrayEquals(with, probe(read, data));
  }

  /** Interactions per item. */
  private static int[] popularity(TrainingData d) {
    int[] popularity = new int[d.numItems()];
    for (int k = 0; k < d.numInteractions(); k++) {
      popularity[d.itemIdx(k)]++;
    }
    return popularity;
  }

  /**
   * {@code d} with the least popular sixth of its items as a genre of their own (1) and the rest
   * genre 0: the documentaries of this data.
   */
  private static TrainingData withRareTail(TrainingData d, boolean[] rare) {
    int[] popularity = popularity(d);
    int numItems = d.numItems();
    Integer[] byPopularity = new Integer[numItems];
    for (int item = 0; item < numItems; item++) {
      byPopularity[item] = item;
    }
    Arrays.sort(
        byPopularity,
        (x, y) -> popularity[y] != popularity[x] ? popularity[y] - popularity[x] : x - y);
    int[] genre = new int[numItems];
    for (int rank = numItems - numItems / 6; rank < numItems; rank++) {
      rare[byPopularity[rank]] = true;
      genre[byPopularity[rank]] = 1;
    }
    return TestData.withItemGenres(d, 2, genre);
  }

  /**
   * Documentaries: five of a genre nobody much watches bring that genre up because the lift weighs
   * a value by its rarity ({@code metadata_taste_rarity}); weighing every value alike, the same
   * weight leaves the much-watched films of the common genre ahead.
   */
  @ParameterizedTest
  @ValueSource(strings = {"aws-hrnn", "aws-user-personalization-v2"})
  void fiveEventsOfARareGenreBringItUpThroughItsRarity(String name) {
    Recipe r = recipe(name);
    boolean[] rare = new boolean[90];
    TrainingData data = withRareTail(TestData.zipf(300, 90, 15, 23), rare);
    int withRarity = probe(train(r, data, null, null), data, i -> rare[i]);
    int alike = probe(train(r, data, null, "0"), data, i -> rare[i]);
    assertTrue(withRarity >= 5, name + ": " + withRarity + " of the rare genre in the top 10");
    assertTrue(
        withRarity > alike, name + ": " + withRarity + " with the rarity, " + alike + " without");
  }
}
