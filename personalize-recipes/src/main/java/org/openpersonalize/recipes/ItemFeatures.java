package org.openpersonalize.recipes;

import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.spi.TrainingData;
import org.openpersonalize.spi.TrainingData.CategoricalColumn;

/**
 * Items as sparse, weighted metadata vectors whose dot product is a cosine similarity: one block
 * per categorical column (each distinct value weighted by its inverse document frequency) and one
 * per textual column (TF-IDF: {@code (1 + ln tf) · idf} per token). Each block of an item is scaled
 * to norm {@code √w_b}, the block's share of the total weight, so that an item with every block has
 * norm 1 and two items' dot product is {@code Σ_b w_b · cos_b}; a missing block (no text) simply
 * contributes nothing. Categorical blocks share {@code 1 − textWeight} equally and textual blocks
 * {@code textWeight}; with only one kind, it gets everything.
 *
 * <p>Stored twice in compressed-row form: by item (features of an item) and by feature (items with
 * a feature, the postings walked to find an item's metadata neighbours).
 */
final class ItemFeatures {
  final int numItems;
  final int numFeatures;
  final int[] itemPtr;
  final int[] itemFeature;
  final float[] itemValue;
  final int[] featurePtr;
  final int[] featureItem;
  final float[] featureValue;

  private ItemFeatures(
      int numItems, int numFeatures, int[] itemPtr, int[] itemFeature, float[] itemValue) {
    this.numItems = numItems;
    this.numFeatures = numFeatures;
    this.itemPtr = itemPtr;
    this.itemFeature = itemFeature;
    this.itemValue = itemValue;
    featurePtr = new int[numFeatures + 1];
    for (int f : itemFeature) {
      featurePtr[f + 1]++;
    }
    for (int f = 0; f < numFeatures; f++) {
      featurePtr[f + 1] += featurePtr[f];
    }
    featureItem = new int[itemFeature.length];
    featureValue = new float[itemFeature.length];
    int[] fill = featurePtr.clone();
    for (int i = 0; i < numItems; i++) {
      for (int e = itemPtr[i]; e < itemPtr[i + 1]; e++) {
        int at = fill[itemFeature[e]]++;
        featureItem[at] = i;
        featureValue[at] = itemValue[e];
      }
    }
  }

  /** Whether any item has any metadata feature. */
  boolean isEmpty() {
    return itemFeature.length == 0;
  }

  /**
   * Builds the vectors of the data's categorical and textual item columns.
   *
   * @param data the training data
   * @param textWeight the textual blocks' share of the weight when both kinds exist
   */
  static ItemFeatures of(TrainingData data, double textWeight) {
    List<CategoricalColumn> blocks = new ArrayList<>(data.itemCategoricalColumns());
    int numCategorical = blocks.size();
    blocks.addAll(data.itemTextColumns());
    int numText = blocks.size() - numCategorical;
    int n = data.numItems();
    int[] base = new int[blocks.size() + 1];
    for (int b = 0; b < blocks.size(); b++) {
      base[b + 1] = base[b] + blocks.get(b).numValues();
    }
    // Per item and block: distinct values with counts, weighted, scaled to the block's norm.
    int[][] feats = new int[n][];
    float[][] vals = new float[n][];
    for (int i = 0; i < n; i++) {
      feats[i] = new int[0];
      vals[i] = new float[0];
    }
    for (int b = 0; b < blocks.size(); b++) {
      boolean text = b >= numCategorical;
      double share =
          numCategorical > 0 && numText > 0
              ? (text ? textWeight / numText : (1 - textWeight) / numCategorical)
              : 1.0 / blocks.size();
      if (share <= 0) {
        continue;
      }
      addBlock(blocks.get(b), base[b], text, Math.sqrt(share), feats, vals);
    }
    int[] ptr = new int[n + 1];
    for (int i = 0; i < n; i++) {
      ptr[i + 1] = ptr[i] + feats[i].length;
    }
    int[] f = new int[ptr[n]];
    float[] v = new float[ptr[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(feats[i], 0, f, ptr[i], feats[i].length);
      System.arraycopy(vals[i], 0, v, ptr[i], vals[i].length);
    }
    return new ItemFeatures(n, base[blocks.size()], ptr, f, v);
  }

  private static void addBlock(
      CategoricalColumn c, int base, boolean text, double norm, int[][] feats, float[][] vals) {
    int n = feats.length;
    int numValues = c.numValues();
    int[] count = new int[numValues];
    int[] touched = new int[numValues];
    int[] df = new int[numValues];
    int docs = 0;
    for (int i = 0; i < n; i++) {
      int t = distinct(c, i, count, touched);
      for (int k = 0; k < t; k++) {
        df[touched[k]]++;
        count[touched[k]] = 0;
      }
      docs += t > 0 ? 1 : 0;
    }
    double[] w = new double[numValues];
    for (int i = 0; i < n; i++) {
      int t = distinct(c, i, count, touched);
      if (t == 0) {
        continue;
      }
      double sq = 0;
      for (int k = 0; k < t; k++) {
        int value = touched[k];
        // Smoothed IDF, at least 1: a value every item has still says the items share it.
        double idf = Math.log((docs + 1.0) / (df[value] + 1.0)) + 1;
        w[k] = (text ? 1 + Math.log(count[value]) : 1) * idf;
        sq += w[k] * w[k];
        count[value] = 0;
      }
      double scale = norm / Math.sqrt(sq);
      int[] f = java.util.Arrays.copyOf(feats[i], feats[i].length + t);
      float[] v = java.util.Arrays.copyOf(vals[i], vals[i].length + t);
      for (int k = 0; k < t; k++) {
        f[feats[i].length + k] = base + touched[k];
        v[feats[i].length + k] = (float) (w[k] * scale);
      }
      feats[i] = f;
      vals[i] = v;
    }
  }

  /** Counts row {@code i}'s values into {@code count}; returns how many distinct, in touched. */
  private static int distinct(CategoricalColumn c, int i, int[] count, int[] touched) {
    int t = 0;
    for (int p = c.start(i); p < c.end(i); p++) {
      int value = c.value(p);
      if (count[value]++ == 0) {
        touched[t++] = value;
      }
    }
    return t;
  }
}
