package org.openpersonalize.bench.recipes;

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
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * Training time of aws-user-personalization (implicit ALS, conjugate gradient) on power-law data
 * with the settings of the speed targets: rank 64, regularisation 0.01, confidence alpha 40, no
 * recency weighting, every available core.
 *
 * <p>Data keep the shape of TARGETS.md's large set (100 k users × 20 k items × 5 M interactions):
 * {@code users = interactions / 50}, {@code items = interactions / 250}. Beside training, {@link
 * #gatherScan} times the memory traffic floor of one solver pass: a dot product of the two factor
 * rows of every interaction, in user order and in item order, on both cores, over flat arrays of
 * the same size. One ALS iteration does four such passes per side plus updates, so {@code train /
 * (iterations · gatherScan)} is a machine-neutral cost per iteration, and {@code train(10M) /
 * train(1M)} checks that cost grows linearly (target ≤ 11).
 *
 * <p>Run: {@code java -cp … org.openjdk.jmh.Main AlsTrainingBenchmark -f 1 -wi 1 -i 3}; add {@code
 * -p interactions=1000000} to skip the 10 M set (about 40 s per training on two cores, 3 GB heap).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx12g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class AlsTrainingBenchmark {
  private static final int FACTORS = 64;

  /** Distinct (user, item) pairs. */
  @Param({"1000000", "10000000"})
  public int interactions;

  /** ALS sweeps per training. */
  @Param({"15"})
  public int iterations;

  private TrainingData data;
  private Recipe recipe;
  private Hyperparameters hp;
  private int[] userPtr;
  private int[] userItems;
  private int[] itemPtr;
  private int[] itemUsers;
  private float[] x;
  private float[] y;

  /** Generates the data and the baseline's arrays. */
  @Setup
  public void setUp() {
    int users = interactions / 50;
    int items = interactions / 250;
    data = PowerLawData.generate(users, items, interactions, 42);
    recipe = new UserPersonalizationRecipe();
    hp =
        recipe.resolveHyperparameters(
            Map.of(
                "hidden_dimension", Integer.toString(FACTORS),
                "num_iterations", Integer.toString(iterations),
                "regularization", "0.01",
                "confidence_alpha", "40",
                "recency_mask", "false",
                "max_user_history_length_percentile", "1.0"));
    int n = data.numInteractions();
    userPtr = new int[users + 1];
    itemPtr = new int[items + 1];
    for (int k = 0; k < n; k++) {
      userPtr[data.userIdx(k) + 1]++;
      itemPtr[data.itemIdx(k) + 1]++;
    }
    for (int u = 0; u < users; u++) {
      userPtr[u + 1] += userPtr[u];
    }
    for (int i = 0; i < items; i++) {
      itemPtr[i + 1] += itemPtr[i];
    }
    userItems = new int[n];
    itemUsers = new int[n];
    int[] uf = userPtr.clone();
    int[] itf = itemPtr.clone();
    for (int k = 0; k < n; k++) {
      userItems[uf[data.userIdx(k)]++] = data.itemIdx(k);
      itemUsers[itf[data.itemIdx(k)]++] = data.userIdx(k);
    }
    SplittableRandom rng = new SplittableRandom(1);
    x = new float[users * FACTORS];
    y = new float[items * FACTORS];
    for (int j = 0; j < x.length; j++) {
      x[j] = (float) rng.nextDouble();
    }
    for (int j = 0; j < y.length; j++) {
      y[j] = (float) rng.nextDouble();
    }
  }

  /**
   * Trains a model.
   *
   * @return the model
   */
  @Benchmark
  public Model train() {
    return recipe.train(data, hp, TrainingContext.builder().seed(7).build());
  }

  /**
   * The baseline: one gathered dot product per interaction and side, on all cores.
   *
   * @return a checksum
   */
  @Benchmark
  public double gatherScan() throws InterruptedException {
    double[] partial = new double[2];
    Thread items =
        new Thread(() -> partial[1] = scan(itemPtr, itemUsers, y, x, itemPtr.length - 1));
    items.start();
    partial[0] = scan(userPtr, userItems, x, y, userPtr.length - 1);
    items.join();
    return partial[0] + partial[1];
  }

  private static double scan(int[] ptr, int[] idx, float[] rows, float[] other, int n) {
    double total = 0;
    for (int r = 0; r < n; r++) {
      int ro = r * FACTORS;
      int e = ptr[r];
      // Four gathered rows at a time, as the solver does, so that their cache misses overlap.
      for (; e + 3 < ptr[r + 1]; e += 4) {
        int o0 = idx[e] * FACTORS;
        int o1 = idx[e + 1] * FACTORS;
        int o2 = idx[e + 2] * FACTORS;
        int o3 = idx[e + 3] * FACTORS;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int j = 0; j < FACTORS; j++) {
          float v = rows[ro + j];
          s0 += other[o0 + j] * v;
          s1 += other[o1 + j] * v;
          s2 += other[o2 + j] * v;
          s3 += other[o3 + j] * v;
        }
        total += (s0 + s1) + (s2 + s3);
      }
      for (; e < ptr[r + 1]; e++) {
        int oo = idx[e] * FACTORS;
        float s = 0;
        for (int j = 0; j < FACTORS; j++) {
          s += rows[ro + j] * other[oo + j];
        }
        total += s;
      }
    }
    return total;
  }
}
