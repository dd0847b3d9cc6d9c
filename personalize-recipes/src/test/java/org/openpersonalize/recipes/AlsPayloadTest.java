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

  @Test
  void extrasCountedUserByUserGiveTheRecipesOwnPayload() throws IOException {
    // Users who come back to items, two event types, a genre per item: the model learns a repeat
    // propensity and a metadata prior besides its factors.
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    int numUsers = 50;
    int numItems = 30;
    int perUser = 20;
    int n = numUsers * perUser;
    int[] u = new int[n];
    int[] i = new int[n];
    long[] t = new long[n];
    float[] w = new float[n];
    int[] type = new int[n];
    for (int k = 0; k < n; k++) {
      u[k] = k / perUser;
      boolean back = k % perUser > 0 && rng.nextInt(3) == 0;
      i[k] = back ? i[k - 1 - rng.nextInt(k % perUser)] : (u[k] % 3) * 10 + rng.nextInt(10);
      t[k] = 1_700_000_000L + rng.nextInt(3_000_000);
      w[k] = 1f;
      type[k] = rng.nextInt(2);
    }
    int[] offsets = new int[numItems + 1];
    int[] genres = new int[numItems];
    for (int item = 0; item < numItems; item++) {
      offsets[item + 1] = item + 1;
      genres[item] = item / 10;
    }
    org.openpersonalize.spi.TrainingData data =
        org.openpersonalize.spi.TrainingData.builder(numUsers, numItems)
            .interactions(u, i, t, w)
            .eventTypes(java.util.List.of("view", "buy"), type)
            .itemCategorical("GENRES", 3, offsets, genres)
            .build();
    Recipe r = new UserPersonalizationRecipe();
    AlsModel m =
        (AlsModel)
            r.train(
                data,
                r.resolveHyperparameters(
                    Map.of(
                        "hidden_dimension", "32",
                        "num_iterations", "3",
                        "max_user_history_length_percentile", "1.0")),
                TrainingContext.builder().build());
    assertTrue(m.repeat != null && m.prior != null, "the model has both extras");

    // Counted the way a cluster counts: users one at a time (oldest first, equal times in data
    // order), on two workers whose counts are then added.
    AlsPayload.RepeatCounts even = new AlsPayload.RepeatCounts(2, numItems);
    AlsPayload.RepeatCounts odd = new AlsPayload.RepeatCounts(2, numItems);
    int[] itemUsers = new int[numItems];
    for (int user = 0; user < numUsers; user++) {
      Integer[] order = new Integer[perUser];
      for (int e = 0; e < perUser; e++) {
        order[e] = user * perUser + e;
      }
      java.util.Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
      int[] items = new int[perUser];
      long[] times = new long[perUser];
      int[] types = new int[perUser];
      java.util.BitSet seen = new java.util.BitSet();
      for (int e = 0; e < perUser; e++) {
        items[e] = i[order[e]];
        times[e] = t[order[e]];
        types[e] = type[order[e]];
        if (!seen.get(items[e])) {
          seen.set(items[e]);
          itemUsers[items[e]]++;
        }
      }
      (user % 2 == 0 ? even : odd).addUser(items, times, types, perUser);
    }
    ByteArrayOutputStream own = new ByteArrayOutputStream();
    m.writeTo(own);
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    AlsPayload.write(
        written,
        UP,
        factors(m),
        new AlsPayload.Extras(
            java.util.List.of("view", "buy"), even.add(odd), data, itemUsers, 100f));
    assertArrayEquals(own.toByteArray(), written.toByteArray());

    IllegalArgumentException late =
        assertThrows(
            IllegalArgumentException.class,
            () -> even.addUser(new int[] {1, 2}, new long[] {5, 4}, new int[] {0, 0}, 2));
    assertTrue(late.getMessage().startsWith("timestamps must be oldest first"), late.getMessage());
  }
}
