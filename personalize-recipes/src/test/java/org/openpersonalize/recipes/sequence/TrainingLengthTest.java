package org.openpersonalize.recipes.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * How many passes the sequence recipes make: an explicit {@code num_epochs} as given, and 0 (the
 * default) enough passes for about 6,000 Adam steps within 20 and 80, reported as {@code
 * learned.epochs} and kept in the model file.
 */
class TrainingLengthTest {
  private static SequenceTrainer.Config config(int epochs, int batch) {
    return new SequenceTrainer.Config(
        32,
        50,
        epochs,
        HrnnRecipes.AUTO_STEPS,
        HrnnRecipes.AUTO_MIN_EPOCHS,
        HrnnRecipes.AUTO_MAX_EPOCHS,
        0.002,
        256,
        0.2,
        batch,
        true,
        0,
        1,
        0.5,
        0,
        5,
        0.25);
  }

  @Test
  void anExplicitNumberOfPassesIsHonoured() {
    assertEquals(3, SequenceTrainer.epochs(config(3, 32), 100_000));
    assertEquals(500, SequenceTrainer.epochs(config(500, 32), 10));
  }

  @Test
  void theDefaultAimsAtSixThousandStepsWithinTwentyAndEighty() {
    // MovieLens 100K: about 2,400 windows of 50 events, 76 steps of 32 a pass
    assertEquals(79, SequenceTrainer.epochs(config(0, 32), 2_420));
    // 1 M interactions of 6,000 users: about 25,500 windows, 800 steps a pass
    assertEquals(20, SequenceTrainer.epochs(config(0, 32), 25_500));
    // a handful of users: capped
    assertEquals(80, SequenceTrainer.epochs(config(0, 32), 40));
    // 6,000 steps of 1,000 windows each: between the bounds
    assertEquals(30, SequenceTrainer.epochs(config(0, 1_000), 200_000));
  }

  @Test
  void theChosenNumberIsReportedAndKept() throws IOException {
    Recipe r = new HrnnRecipe();
    TrainingData data = org.openpersonalize.recipes.sequence.TrainingLengthTest.small();
    Model m =
        r.train(
            data,
            r.resolveHyperparameters(Map.of("hidden_dimension", "32")),
            TrainingContext.builder().seed(1).parallelism(1).build());
    assertEquals("80", m.learnedParameters().get("learned.epochs"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    Model read = r.readModel(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(m.learnedParameters(), read.learnedParameters());
    Model three =
        r.train(
            data,
            r.resolveHyperparameters(Map.of("hidden_dimension", "32", "num_epochs", "3")),
            TrainingContext.builder().seed(1).parallelism(1).build());
    assertEquals("3", three.learnedParameters().get("learned.epochs"));
  }

  /** 20 users of 6 events each over 15 items. */
  static TrainingData small() {
    int n = 120;
    int[] u = new int[n];
    int[] i = new int[n];
    long[] t = new long[n];
    float[] w = new float[n];
    for (int k = 0; k < n; k++) {
      u[k] = k / 6;
      i[k] = (k * 7) % 15;
      t[k] = 1_700_000_000L + 60L * k;
      w[k] = 1f;
    }
    return TrainingData.builder(20, 15).interactions(u, i, t, w).build();
  }
}
