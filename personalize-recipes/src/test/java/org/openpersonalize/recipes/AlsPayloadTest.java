package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;

class AlsPayloadTest {
  private static final String UP = "aws-user-personalization";

  private static AlsModel trained() {
    Recipe r = new UserPersonalizationRecipe();
    // Without repeat-awareness and metadata the model is factors only, what Spark trains.
    return (AlsModel)
        r.train(
            TestData.zipf(60, 40, 8, 3),
            r.resolveHyperparameters(
                Map.of(
                    "hidden_dimension", "32", "num_iterations", "3", "repeat_awareness", "false")),
            TrainingContext.builder().build());
  }

  private static AlsPayload.Factors factors(AlsModel m) {
    return new AlsPayload.Factors(
        m.k,
        m.numUsers,
        m.numItems,
        m.alpha,
        m.recencyMask,
        m.bptt,
        m.userFactors,
        m.itemFactors,
        m.coldUser,
        m.gram);
  }

  @Test
  void writingFactorsGivesTheRecipesOwnPayloadAndReadsBack() throws IOException {
    AlsModel m = trained();
    ByteArrayOutputStream own = new ByteArrayOutputStream();
    m.writeTo(own);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    AlsPayload.write(written, UP, factors(m));
    assertArrayEquals(own.toByteArray(), written.toByteArray());

    Model served =
        new UserPersonalizationRecipe().readModel(new ByteArrayInputStream(written.toByteArray()));
    float[] a = new float[m.numItems()];
    float[] b = new float[m.numItems()];
    m.scoreItemsForUser(5, a);
    served.scoreItemsForUser(5, b);
    assertArrayEquals(a, b);

    AlsPayload.Factors back = AlsPayload.read(new ByteArrayInputStream(written.toByteArray()), UP);
    assertEquals(m.k, back.k());
    assertArrayEquals(m.itemFactors, back.itemFactors());
    assertArrayEquals(m.gram, back.gram());
  }

  @Test
  void mismatchedArraysAndForeignPayloadsAreRefused() throws IOException {
    AlsModel m = trained();
    AlsPayload.Factors f = factors(m);
    AlsPayload.Factors bad =
        new AlsPayload.Factors(
            f.k(),
            f.numUsers() + 1,
            f.numItems(),
            f.alpha(),
            f.recencyMask(),
            f.bptt(),
            f.userFactors(),
            f.itemFactors(),
            f.coldUser(),
            f.gram());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AlsPayload.write(new ByteArrayOutputStream(), UP, bad));
    assertTrue(e.getMessage().startsWith("factors must match"), e.getMessage());
    ByteArrayOutputStream other = new ByteArrayOutputStream();
    new PopularityModel("aws-popularity-count", 1, new int[] {1}).writeTo(other);
    IOException foreign =
        assertThrows(
            IOException.class,
            () -> AlsPayload.read(new ByteArrayInputStream(other.toByteArray()), UP));
    assertTrue(foreign.getMessage().contains("aws-popularity-count"), foreign.getMessage());
  }
}
