package org.openpersonalize.bench.recipes;

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

/**
 * Reproduces why the ALS trainer keeps one {@code float[]} per factor row: the CG update {@code y
 * += a·x} over the factor rows of a user's items, written on one flat row-major matrix with offsets
 * ({@link #flatWithOffsets}) against separate zero-based rows ({@link #zeroBasedRows}). HotSpot C2
 * on Java 17 vectorizes only the second, because with two offsets into arrays that might be the
 * same it cannot rule out overlap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RowLayoutBenchmark {
  private static final int ROWS = 2048;

  /** Factors per row. */
  @Param({"64", "149"})
  public int k;

  private float[] flat;
  private float[][] rows;
  private float[] acc;
  private int[] order;

  /** Random rows and a random visiting order, as a user's items are. */
  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(5);
    flat = new float[ROWS * k];
    rows = new float[ROWS][k];
    for (int r = 0; r < ROWS; r++) {
      for (int j = 0; j < k; j++) {
        rows[r][j] = flat[r * k + j] = (float) rng.nextDouble();
      }
    }
    acc = new float[k];
    order = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      order[r] = rng.nextInt(ROWS);
    }
  }

  /**
   * {@code acc += 1e-6 · row} over all rows of the flat matrix.
   *
   * @return one element, so the work is not dead
   */
  @Benchmark
  public float flatWithOffsets() {
    float[] m = flat;
    float[] y = acc;
    int kk = k;
    for (int r : order) {
      axpy(1e-6f, m, r * kk, y, 0, kk);
    }
    return y[0];
  }

  /**
   * The same updates on zero-based row arrays.
   *
   * @return one element, so the work is not dead
   */
  @Benchmark
  public float zeroBasedRows() {
    float[] y = acc;
    int kk = k;
    for (int r : order) {
      axpy(1e-6f, rows[r], y, kk);
    }
    return y[0];
  }

  private static void axpy(float a, float[] x, int xo, float[] y, int yo, int k) {
    for (int j = 0; j < k; j++) {
      y[yo + j] += a * x[xo + j];
    }
  }

  private static void axpy(float a, float[] x, float[] y, int k) {
    for (int j = 0; j < k; j++) {
      y[j] += a * x[j];
    }
  }
}
