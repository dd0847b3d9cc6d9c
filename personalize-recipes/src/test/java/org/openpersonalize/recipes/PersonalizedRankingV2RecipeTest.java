package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.recipes.sequence.PersonalizedRankingV2Recipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;

class PersonalizedRankingV2RecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new PersonalizedRankingV2Recipe();
  }

  @Override
  protected Map<String, String> fastHyperparameters() {
    return Map.of(
        "hidden_dimension", "8",
        "num_epochs", "2",
        "max_history_length", "10",
        "num_blocks", "1",
        "num_negatives", "16");
  }

  @Test
  void ranksAGivenListWithTheScoresOfTheFullModel() {
    assertEquals(RecipeType.PERSONALIZED_RANKING, recipe().recipeType());
    Model m = train(TestData.zipf(50, 30, 8, 5));
    int[] history = {2, 0, 7};
    float[] all = new float[m.numItems()];
    m.scoreItemsForHistory(history, new float[] {1, 1, 1}, history.length, all);
    int[] list = {29, 3, 0};
    float[] some = new float[list.length];
    m.scoreCandidatesForHistory(history, new float[] {1, 1, 1}, 3, list, list.length, some);
    for (int c = 0; c < list.length; c++) {
      assertEquals(all[list[c]], some[c]);
    }
  }
}
