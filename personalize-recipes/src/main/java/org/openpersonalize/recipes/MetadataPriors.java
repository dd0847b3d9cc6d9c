package org.openpersonalize.recipes;

import java.util.List;
import org.openpersonalize.spi.TrainingData.CategoricalColumn;

/**
 * Vectors for rows (items or users) with too little interaction data to have learned their own,
 * taken from rows that share their categorical metadata: the centroid of each categorical value is
 * the mean vector of the well-trained rows carrying it, and a row's prior is the mean of the
 * centroids of its values. A cold comedy thus lands where comedies are, which is the behaviour
 * Amazon describes for cold items with metadata (spec §9.9) without a separate model.
 */
final class MetadataPriors {
  private MetadataPriors() {}

  /**
   * Computes priors for the rows marked in {@code need}.
   *
   * @param columns categorical columns with one row per factor row
   * @param factors one vector of {@code k} floats per row
   * @param k vector length
   * @param warm rows whose vectors are trusted to form centroids
   * @param need rows to compute priors for
   * @return a prior per row, {@code null} for rows not needed or without any supported value
   */
  static float[][] compute(
      List<CategoricalColumn> columns, float[][] factors, int k, boolean[] warm, boolean[] need) {
    return compute(columns, Rows.of(factors), k, warm, need);
  }

  /**
   * The same for factors in one row-major array (how {@code personalize-spark}'s driver holds them:
   * a {@code float[][]} copy of a large user side would double its memory).
   */
  static float[][] compute(
      List<CategoricalColumn> columns, float[] factors, int k, boolean[] warm, boolean[] need) {
    return compute(columns, Rows.flat(factors, k), k, warm, need);
  }

  static float[][] compute(
      List<CategoricalColumn> columns, Rows factors, int k, boolean[] warm, boolean[] need) {
    int rows = warm.length;
    float[][] priors = new float[rows][];
    if (columns.isEmpty()) {
      return priors;
    }
    double[][] sums = new double[rows][];
    int[] contributions = new int[rows];
    for (CategoricalColumn col : columns) {
      int values = col.numValues();
      double[] centroid = new double[values * k];
      int[] count = new int[values];
      for (int r = 0; r < rows; r++) {
        if (warm[r]) {
          for (int e = col.start(r); e < col.end(r); e++) {
            int v = col.value(e);
            count[v]++;
            float[] f = factors.array(r);
            int o = factors.offset(r);
            for (int j = 0; j < k; j++) {
              centroid[v * k + j] += f[o + j];
            }
          }
        }
      }
      for (int r = 0; r < rows; r++) {
        if (!need[r]) {
          continue;
        }
        for (int e = col.start(r); e < col.end(r); e++) {
          int v = col.value(e);
          if (count[v] == 0) {
            continue;
          }
          if (sums[r] == null) {
            sums[r] = new double[k];
          }
          for (int j = 0; j < k; j++) {
            sums[r][j] += centroid[v * k + j] / count[v];
          }
          contributions[r]++;
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      if (sums[r] != null) {
        priors[r] = new float[k];
        for (int j = 0; j < k; j++) {
          priors[r][j] = (float) (sums[r][j] / contributions[r]);
        }
      }
    }
    return priors;
  }

  /**
   * Where row {@code r}'s vector lives: {@code array(r)[offset(r) .. offset(r) + k)}, so one loop
   * serves rows held as {@code float[][]} (training) and as one flat array (Spark's driver).
   */
  abstract static class Rows {
    abstract float[] array(int row);

    abstract int offset(int row);

    static Rows of(float[][] rows) {
      return new Rows() {
        @Override
        float[] array(int row) {
          return rows[row];
        }

        @Override
        int offset(int row) {
          return 0;
        }
      };
    }

    static Rows flat(float[] flat, int k) {
      return new Rows() {
        @Override
        float[] array(int row) {
          return flat;
        }

        @Override
        int offset(int row) {
          return row * k;
        }
      };
    }
  }
}
