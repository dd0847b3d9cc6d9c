package org.openpersonalize.recipes;

import org.openpersonalize.spi.TrainingData;

/** Argument checks shared by recipes and models, with messages in the house style. */
public final class Checks {
  private Checks() {}

  /**
   * Rejects data no recipe here can learn from. The engine enforces Amazon's minimum (1000
   * interactions, spec §2.1) before training; this is the floor below which there is nothing to
   * learn at all.
   *
   * @return the number of events with positive weight
   */
  public static int requireTrainable(TrainingData data) {
    if (data.numUsers() < 1) {
      throw new IllegalArgumentException("numUsers must be >= 1; got: " + data.numUsers());
    }
    if (data.numItems() < 1) {
      throw new IllegalArgumentException("numItems must be >= 1; got: " + data.numItems());
    }
    int positive = 0;
    for (int k = 0, n = data.numInteractions(); k < n; k++) {
      if (data.weight(k) > 0) {
        positive++;
      }
    }
    if (positive < 1) {
      throw new IllegalArgumentException(
          "interactions with positive weight must be >= 1; got: 0 of "
              + data.numInteractions()
              + " interactions");
    }
    return positive;
  }

  /** Rejects a percentile band whose lower end lies above its upper end. */
  public static void percentileBand(String minName, double min, String maxName, double max) {
    if (min > max) {
      throw new IllegalArgumentException(
          minName + " must be <= " + maxName + " = " + max + "; got: " + min);
    }
  }

  /**
   * Rejects factor matrices too large for one Java array, the storage models use so that scoring is
   * one sequential pass.
   */
  public static void factorStorage(String rowsName, int rows, int k) {
    long size = (long) rows * k;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          rowsName
              + " * hidden_dimension must be <= "
              + (Integer.MAX_VALUE - 8)
              + " (one float array); got: "
              + size);
    }
  }

  /** Rejects an index outside {@code [0, size)}, naming the field. */
  public static void index(String field, int value, int size) {
    if (value < 0 || value >= size) {
      throw new IllegalArgumentException(field + " must be in [0, " + size + "); got: " + value);
    }
  }

  /** Rejects an output buffer shorter than {@code needed}. */
  public static void buffer(String field, float[] out, int needed) {
    if (out.length < needed) {
      throw new IllegalArgumentException(
          field + ".length must be >= " + needed + "; got: " + out.length);
    }
  }

  /** Rejects a count outside {@code [0, max]}. */
  public static void count(String field, int n, int max) {
    if (n < 0 || n > max) {
      throw new IllegalArgumentException(field + " must be in [0, " + max + "]; got: " + n);
    }
  }
}
