package org.openpersonalize.recipes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.TrainingData.CategoricalColumn;

/**
 * The item-metadata prior of a fold-in: what a short history says about taste beyond its items.
 *
 * <p>A fold-in from five films fits those five films, and with the implicit negatives of {@code
 * YᵀY} that mostly means "popular films like these": of the next ten only one or two share what the
 * five have in common (issue 10: five Horror films gave one more Horror film). The categorical
 * values the history shares carry that taste. Each value has a centroid, the mean vector of the
 * well-trained items carrying it (as {@link MetadataPriors} uses for cold items); the history's
 * prior is {@code p = Σ ω_v² c_v / Σ ω_v²}, where {@code ω_v} is the share of the history's
 * distinct items with value {@code v} (weighted by their recency-weighted event weights), so values
 * common to the whole history dominate. The fold-in then treats {@code p} as one more observed item
 * with confidence {@code 1 + α·weight}: a fixed pseudo-count, so it steers a new user strongly and
 * a long history hardly at all.
 *
 * <p>The weight ({@code metadata_prior_weight}) and the fold-in's regularisation were chosen on a
 * validation split carved out of the training part of MovieLens 100K (docs/accuracy.md §3).
 */
final class FoldInPrior {
  /** Per item, its values (all categorical columns, each column's values offset to be unique). */
  final int[] offsets;

  final int[] values;

  /** {@code numValues × k} centroids, row-major. */
  final float[] centroids;

  /** Per value, how many well-trained items formed its centroid; 0 means no centroid. */
  final int[] counts;

  /** The prior's confidence minus one, {@code α·metadata_prior_weight}. */
  final float cm1;

  FoldInPrior(int[] offsets, int[] values, float[] centroids, int[] counts, float cm1) {
    this.offsets = offsets;
    this.values = values;
    this.centroids = centroids;
    this.counts = counts;
    this.cm1 = cm1;
  }

  int numValues() {
    return counts.length;
  }

  /**
   * Builds the prior from the item columns and final item vectors; null without categorical item
   * metadata or with a weight of 0.
   *
   * @param warm items whose vectors are trusted to form centroids
   */
  static FoldInPrior build(TrainingData data, float[] y, int k, boolean[] warm, float cm1) {
    if (data.itemCategoricalColumns().isEmpty() || !(cm1 > 0)) {
      return null;
    }
    int numItems = data.numItems();
    int numValues = 0;
    int total = 0;
    for (CategoricalColumn c : data.itemCategoricalColumns()) {
      numValues += c.numValues();
      total += numItems == 0 ? 0 : c.end(numItems - 1);
    }
    int[] offsets = new int[numItems + 1];
    int[] values = new int[Math.max(0, total)];
    int at = 0;
    for (int i = 0; i < numItems; i++) {
      int base = 0;
      for (CategoricalColumn c : data.itemCategoricalColumns()) {
        for (int e = c.start(i); e < c.end(i); e++) {
          values[at++] = base + c.value(e);
        }
        base += c.numValues();
      }
      offsets[i + 1] = at;
    }
    double[] sum = new double[numValues * k];
    int[] counts = new int[numValues];
    for (int i = 0; i < numItems; i++) {
      if (!warm[i]) {
        continue;
      }
      for (int e = offsets[i]; e < offsets[i + 1]; e++) {
        int v = values[e];
        counts[v]++;
        for (int j = 0; j < k; j++) {
          sum[v * k + j] += y[i * k + j];
        }
      }
    }
    float[] centroids = new float[numValues * k];
    for (int v = 0; v < numValues; v++) {
      if (counts[v] > 0) {
        for (int j = 0; j < k; j++) {
          centroids[v * k + j] = (float) (sum[v * k + j] / counts[v]);
        }
      }
    }
    return new FoldInPrior(offsets, values, centroids, counts, cm1);
  }

  /**
   * Writes the prior of the distinct items {@code items[0 .. m-1]} into {@code out}. Shares are
   * weighted by the items' (recency-weighted) confidences, so a recent change of taste moves the
   * prior too.
   *
   * @param weights each item's weight, positive
   * @param acc per-value scratch, all zero on entry and on return
   * @param touched per-value scratch
   * @return false when no item of the history carries a value with a centroid
   */
  boolean compute(
      int[] items, float[] weights, int m, int k, double[] acc, int[] touched, float[] out) {
    int t = 0;
    double total = 0;
    for (int e = 0; e < m; e++) {
      total += weights[e];
    }
    for (int e = 0; e < m; e++) {
      int i = items[e];
      for (int q = offsets[i]; q < offsets[i + 1]; q++) {
        int v = values[q];
        if (counts[v] == 0) {
          continue;
        }
        if (acc[v] == 0) {
          touched[t++] = v;
        }
        acc[v] += weights[e];
      }
    }
    if (t == 0) {
      return false;
    }
    java.util.Arrays.fill(out, 0, k, 0f);
    double norm = 0;
    for (int q = 0; q < t; q++) {
      int v = touched[q];
      double w = (acc[v] / total) * (acc[v] / total);
      norm += w;
      for (int j = 0; j < k; j++) {
        out[j] += (float) (w * centroids[v * k + j]);
      }
      acc[v] = 0;
    }
    for (int j = 0; j < k; j++) {
      out[j] = (float) (out[j] / norm);
    }
    return true;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeFloat(cm1);
    ModelIO.writeInts(out, offsets);
    ModelIO.writeInts(out, values);
    ModelIO.writeFloats(out, centroids);
    ModelIO.writeInts(out, counts);
  }

  static FoldInPrior read(DataInputStream in, int k, int numItems) throws IOException {
    float cm1 = in.readFloat();
    int[] offsets = ModelIO.readInts(in, "priorOffsets");
    int[] values = ModelIO.readInts(in, "priorValues");
    float[] centroids = ModelIO.readFloats(in, "priorCentroids");
    int[] counts = ModelIO.readInts(in, "priorCounts");
    ModelIO.require(
        offsets.length == numItems + 1
            && offsets[numItems] == values.length
            && centroids.length == (long) counts.length * k,
        "metadata prior arrays do not match k=" + k + ", items=" + numItems);
    for (int v : values) {
      ModelIO.require(v >= 0 && v < counts.length, "metadata prior value out of range: " + v);
    }
    return new FoldInPrior(offsets, values, centroids, counts, cm1);
  }
}
