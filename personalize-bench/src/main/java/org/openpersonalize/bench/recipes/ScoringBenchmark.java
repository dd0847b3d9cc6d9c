package org.openpersonalize.bench.recipes;

import java.util.BitSet;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openpersonalize.recipes.UserPersonalizationRecipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * Scoring every item for one user with a 64-factor aws-user-personalization model, beside a plain
 * scan of the same number of float bytes in the same run, so that results read as ratios
 * (TARGETS.md: exact top-25 within 1.5× the scan).
 *
 * <ul>
 *   <li>{@link #plainScan}: the sum of the dot products of a user vector with every row of a {@code
 *       items × 64} float matrix, written as a straightforward loop with four accumulators; it
 *       reads what scoring reads and writes nothing.
 *   <li>{@link #scoreAllItems}: {@code Model.scoreItemsForUser} into a caller buffer.
 *   <li>{@link #scoreTop25SeenRemoved}: that plus {@code TopK} selection of 25 with the user's
 *       training items excluded through a bit set — GetRecommendations without a filter.
 *   <li>{@link #foldIn50Top25}: a real-time user: fold in a 50-event history, score, select 25.
 * </ul>
 *
 * <p>The model is trained in setup (two sweeps, enough to have real factors) on power-law data.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScoringBenchmark {
  private static final int FACTORS = 64;

  /** Catalogue size. */
  @Param({"10000", "100000", "1000000"})
  public int items;

  private Model model;
  private float[] scores;
  private float[] matrix;
  private float[] vector;
  private long[] seen;
  private int[] history;
  private final TopK top = new TopK(25);
  private final int[] topItems = new int[25];
  private int user;

  /** Trains the model and builds the scan's matrix. */
  @Setup
  public void setUp() {
    int users = 5000;
    TrainingData data = PowerLawData.generate(users, items, Math.max(250_000, 2 * items), 42);
    Recipe recipe = new UserPersonalizationRecipe();
    model =
        recipe.train(
            data,
            recipe.resolveHyperparameters(
                Map.of("hidden_dimension", "64", "num_iterations", "2", "recency_mask", "false")),
            TrainingContext.builder().seed(1).build());
    scores = new float[items];
    SplittableRandom rng = new SplittableRandom(3);
    matrix = new float[items * FACTORS];
    for (int j = 0; j < matrix.length; j++) {
      matrix[j] = (float) rng.nextDouble();
    }
    vector = new float[FACTORS];
    for (int j = 0; j < FACTORS; j++) {
      vector[j] = (float) rng.nextDouble();
    }
    user = 17;
    BitSet bits = new BitSet(items);
    int n = 0;
    int[] h = new int[data.numInteractions()];
    for (int k = 0; k < data.numInteractions(); k++) {
      if (data.userIdx(k) == user) {
        bits.set(data.itemIdx(k));
      }
      if (n < 50 && data.userIdx(k) == user + 1) {
        h[n++] = data.itemIdx(k);
      }
    }
    seen = bits.toLongArray();
    history = new int[50];
    for (int e = 0; e < 50; e++) {
      history[e] = e < n ? h[e] : rng.nextInt(items);
    }
  }

  /**
   * The baseline: a plain scan of {@code items × 64} floats.
   *
   * @return the sum of dot products
   */
  @Benchmark
  public float plainScan() {
    float[] m = matrix;
    float[] v = vector;
    float total = 0;
    for (int i = 0, o = 0; i < items; i++, o += FACTORS) {
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      for (int j = 0; j < FACTORS; j += 4) {
        s0 += m[o + j] * v[j];
        s1 += m[o + j + 1] * v[j + 1];
        s2 += m[o + j + 2] * v[j + 2];
        s3 += m[o + j + 3] * v[j + 3];
      }
      total += (s0 + s1) + (s2 + s3);
    }
    return total;
  }

  /**
   * Scores every item.
   *
   * @return one score, so the work is not dead
   */
  @Benchmark
  public float scoreAllItems() {
    model.scoreItemsForUser(user, scores);
    return scores[items - 1];
  }

  /**
   * Scores every item and keeps the best 25 the user has not seen.
   *
   * @return how many were selected
   */
  @Benchmark
  public int scoreTop25SeenRemoved() {
    model.scoreItemsForUser(user, scores);
    top.offerAll(scores, 0, items, seen);
    return top.drainTo(topItems, null);
  }

  /**
   * Folds in a 50-event history, scores every item and keeps the best 25.
   *
   * @return how many were selected
   */
  @Benchmark
  public int foldIn50Top25() {
    model.scoreItemsForHistory(history, null, history.length, scores);
    top.offerAll(scores, 0, items, seen);
    return top.drainTo(topItems, null);
  }
}
