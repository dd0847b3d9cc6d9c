package org.openpersonalize.recipes.sequence;

import java.util.Arrays;

/**
 * Maps an event's weight to one of a few event-type buckets, the encoder's event-type input. The
 * engine turns each event type into a weight (spec §9.2: {@code eventsConfig}), so distinct weights
 * stand for distinct event types: with up to {@link #MAX} distinct weights in training each gets
 * its own bucket; with more (event values used as weights), buckets split the sorted distinct
 * weights into equal-count ranges. A weight is placed by binary search against the upper bounds, so
 * a value never seen in training falls in the nearest bucket.
 */
final class EventBuckets {
  static final int MAX = 8;

  /** {@code upper[b]} is the largest weight of bucket {@code b}; the last bucket is open. */
  final float[] upper;

  EventBuckets(float[] upper) {
    this.upper = upper;
  }

  static EventBuckets of(float[] positiveWeights, int n) {
    float[] w = Arrays.copyOf(positiveWeights, n);
    Arrays.sort(w);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || w[i] != w[i - 1]) {
        w[distinct++] = w[i];
      }
    }
    if (distinct == 0) {
      return new EventBuckets(new float[] {Float.MAX_VALUE});
    }
    int nb = Math.min(MAX, distinct);
    float[] upper = new float[nb];
    for (int b = 0; b < nb; b++) {
      // the midpoint between this bucket's largest weight and the next bucket's smallest
      int last = (int) (((long) (b + 1) * distinct) / nb) - 1;
      upper[b] = b + 1 < nb ? (w[last] + w[last + 1]) / 2 : Float.MAX_VALUE;
    }
    return new EventBuckets(upper);
  }

  int size() {
    return upper.length;
  }

  int bucket(float weight) {
    int lo = 0;
    int hi = upper.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (weight <= upper[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
