package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openpersonalize.recipes.sequence.HrnnColdstartRecipe;
import org.openpersonalize.recipes.sequence.HrnnRecipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.UserHistory;

class HrnnColdstartRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new HrnnColdstartRecipe();
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
    return TestData.withItemGenres(data, 3);
  }

  @Test
  void documentsAmazonsColdStartParametersAndExplores() {
    Recipe r = recipe();
    assertTrue(r.requiredDatasets().contains(Recipe.ITEMS));
    assertEquals(Set.of(RecipeCapability.ITEM_EXPLORATION), r.capabilities());
    var hp = r.resolveHyperparameters(Map.of());
    assertEquals(43, hp.intValue("hidden_dimension"));
    assertEquals(15, hp.intValue("cold_start_max_interactions"));
    assertEquals(5.0, hp.doubleValue("cold_start_max_duration"));
    assertEquals("latestItem", hp.stringValue("cold_start_relative_from"));
  }

  /**
   * Twenty new items (no interactions, five per genre) are placed by their genre: a history of one
   * genre ranks that genre's new items above the others'. Plain HRNN, with only random vectors for
   * items it never saw, has no reason to.
   */
  @Test
  void newItemsGetVectorsFromTheirMetadata() {
    TestData.GenreData g = TestData.genres(300, 120, 4, 20, 0, 0.9, 5, 71);
    int cold = 20;
    int sameGenre = coldOfSameGenre(recipe(), g, cold);
    int plain = coldOfSameGenre(new HrnnRecipe(), g, cold);
    assertTrue(
        sameGenre >= 18,
        sameGenre + " of 20 top new items share the history's genre; plain " + plain);
  }

  /** For each genre, how many of the 5 best-scored new items are of it (sum over 4 genres). */
  private static int coldOfSameGenre(Recipe r, TestData.GenreData g, int cold) {
    Model m =
        r.train(
            g.data(),
            r.resolveHyperparameters(
                Map.of("hidden_dimension", "32", "num_epochs", "10", "learning_rate", "0.005")),
            TrainingContext.builder().seed(6).parallelism(1).build());
    int total = 0;
    for (int genre = 0; genre < 4; genre++) {
      int[] history = new int[5];
      for (int e = 0; e < 5; e++) {
        history[e] = genre + 4 * e;
      }
      float[] s = new float[m.numItems()];
      m.scoreItemsForHistory(history, null, history.length, s);
      TopK top = new TopK(5);
      top.offerAll(s, g.warmItems(), g.warmItems() + cold);
      int[] best = new int[5];
      top.drainTo(best, new float[5]);
      for (int item : best) {
        if (g.itemGenre()[item] == genre) {
          total++;
        }
      }
    }
    return total;
  }

  /** As in HRNN-Metadata, the Users dataset's TIER decides what follows the same history. */
  @Test
  void usersMetadataDecidesWhatComesNextAsInHrnnMetadata() {
    Recipe r = recipe();
    Model m =
        r.train(
            HrnnMetadataRecipeTest.tiers(5),
            r.resolveHyperparameters(
                Map.of(
                    "hidden_dimension", "32",
                    "num_epochs", "15",
                    "max_history_length", "8",
                    "learning_rate", "0.01",
                    "dropout_rate", "0.0")),
            TrainingContext.builder().seed(3).parallelism(1).build());
    UserHistory h = UserHistory.of(new int[] {7, 0}, null, null, null, 2);
    assertEquals(1, HrnnRecipeTest.top1(m, h.withUserIdx(200)));
    assertEquals(2, HrnnRecipeTest.top1(m, h.withUserIdx(201)));
  }
}
