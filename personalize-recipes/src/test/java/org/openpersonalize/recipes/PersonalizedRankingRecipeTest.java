package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.Scores;

class PersonalizedRankingRecipeTest extends RecipeConformanceTest {

  @Override
  protected Recipe recipe() {
    return new PersonalizedRankingRecipe();
  }

  @Override
  protected Map<String, String> fastHyperparameters() {
    return Map.of("hidden_dimension", "32", "num_iterations", "6");
  }

  @Test
  void ranksAGivenListWithTheScoresOfTheFullModel() {
    assertEquals(RecipeType.PERSONALIZED_RANKING, recipe().recipeType());
    Model m = train(TestData.zipf(80, 50, 12, 211));
    int[] list = {7, 3, 49, 3, 0};
    float[] all = new float[50];
    float[] some = new float[list.length];
    m.scoreItemsForUser(11, all);
    m.scoreCandidatesForUser(11, list, list.length, some);
    for (int c = 0; c < list.length; c++) {
      assertEquals(all[list[c]], some[c]);
    }
    int[] history = {4, 9, 9, 2};
    m.scoreItemsForHistory(history, null, 4, all);
    m.scoreCandidatesForHistory(history, null, 4, list, list.length, some);
    for (int c = 0; c < list.length; c++) {
      assertEquals(all[list[c]], some[c]);
    }
    Scores.softmaxInPlace(some, some.length);
    double sum = 0;
    for (float p : some) {
      sum += p;
    }
    assertEquals(1.0, sum, 1e-5);
    assertEquals(
        "candidates[1] must be in [0, 50); got: 50",
        assertThrows(
                IllegalArgumentException.class,
                () -> m.scoreCandidatesForUser(0, new int[] {1, 50}, 2, new float[2]))
            .getMessage());
  }

  @Test
  void readsOnlyItsOwnModels() throws IOException {
    Model m = train(TestData.zipf(20, 10, 5, 223));
    byte[] payload = bytes(m);
    IOException e =
        assertThrows(
            IOException.class,
            () -> new UserPersonalizationRecipe().readModel(new ByteArrayInputStream(payload)));
    assertEquals(
        "model payload must be of recipe aws-user-personalization; got: a model of recipe"
            + " aws-personalized-ranking",
        e.getMessage());
    assertArrayEquals(payload, bytes(recipe().readModel(new ByteArrayInputStream(payload))));
  }
}
