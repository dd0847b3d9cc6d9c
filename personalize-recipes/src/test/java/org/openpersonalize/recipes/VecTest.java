package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VecTest {

  private static float[] random(SplittableRandom rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return a;
  }

  private static double naive(float[] a, int ao, float[] b, int k) {
    double s = 0;
    for (int j = 0; j < k; j++) {
      s += (double) a[ao + j] * b[j];
    }
    return s;
  }

  @Test
  void kernelsMatchANaiveDoubleSumForOddAndEvenSizes() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int k : new int[] {1, 2, 3, 7, 8, 9, 31, 64, 149}) {
      for (int n : new int[] {1, 3, 4, 5, 9}) {
        float[] flat = random(rng, n * k);
        float[][] rows = new float[n][];
        for (int r = 0; r < n; r++) {
          rows[r] = java.util.Arrays.copyOfRange(flat, r * k, r * k + k);
        }
        float[] v = random(rng, k);
        float[] viaRows = new float[n + 3];
        float[] viaFlat = new float[n];
        float[] four = new float[4];
        for (int r = 0; r + 3 < n; r += 4) {
          Vec.dot4(rows[r], rows[r + 1], rows[r + 2], rows[r + 3], v, four, k);
          System.arraycopy(four, 0, viaRows, r, 4);
        }
        for (int r = n & ~3; r < n; r++) {
          viaRows[r] = Vec.dot(rows[r], v, k);
        }
        Vec.matVec(flat, n, v, viaFlat, k);
        for (int r = 0; r < n; r++) {
          double expected = naive(flat, r * k, v, k);
          assertEquals(expected, viaRows[r], 1e-4, "dot4 k=" + k);
          assertEquals(expected, viaFlat[r], 1e-4, "matVec k=" + k);
          assertEquals(expected, Vec.dot(rows[r], v, k), 1e-4, "dot k=" + k);
          // Candidate scoring must reproduce full scoring bit for bit.
          assertEquals(viaFlat[r], Vec.rowDot(flat, r * k, v, k), "rowDot k=" + k);
        }
      }
    }
  }

  @Test
  void axpy4AddsFourScaledRows() {
    float[] y = {1, 2, 3};
    Vec.axpy4(
        1,
        new float[] {1, 0, 0},
        2,
        new float[] {0, 1, 0},
        3,
        new float[] {0, 0, 1},
        -1,
        new float[] {1, 1, 1},
        y,
        3);
    assertEquals(1f, y[0]);
    assertEquals(3f, y[1]);
    assertEquals(5f, y[2]);
  }

  @Test
  void symvMultipliesBySymmetricMatrix() {
    float[][] g = {{2, 1, 0}, {1, 3, 1}, {0, 1, 4}};
    float[] out = {9, 9, 9};
    Vec.symv(g, new float[] {1, 2, 3}, out, 3);
    assertEquals(4f, out[0]);
    assertEquals(10f, out[1]);
    assertEquals(14f, out[2]);
    float[] y = {1, 1};
    Vec.axpy(2, new float[] {3, 4}, y, 2);
    assertEquals(7f, y[0]);
    assertEquals(9f, y[1]);
  }
}
