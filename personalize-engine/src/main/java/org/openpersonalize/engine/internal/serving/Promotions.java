package org.openpersonalize.engine.internal.serving;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Spec §6.4: {@code ceil(numResults × percentPromotedItems / 100)} slots go to the best items the
 * promotion's filter admits (sorted among themselves); the request's filter applies only to the
 * rest. Promoted items take positions drawn with a seed from the request (campaign, user, item and
 * promotion name), so they are spread through the list yet the same request gives the same list.
 * Fewer qualifying items than slots: as many as there are are promoted.
 */
final class Promotions {
  private Promotions() {}

  /** The promoted slots for a list of {@code numResults}. */
  static int slots(int numResults, int percent) {
    return (int) Math.ceil(numResults * percent / 100.0);
  }

  /**
   * The request's filter minus the promoted items: what the rest of the list may hold.
   *
   * @param allowed the request filter's passing indices, or null for all
   * @param numCandidates the deployment's candidate count
   */
  static long[] rest(long[] allowed, int numCandidates, Ranked promoted, Scratch s) {
    int w = (numCandidates + 63) >>> 6;
    long[] rest = s.words2(w);
    if (allowed == null) {
      Arrays.fill(rest, 0, w, -1L);
      if ((numCandidates & 63) != 0) {
        rest[w - 1] = (1L << numCandidates) - 1;
      }
    } else {
      System.arraycopy(allowed, 0, rest, 0, w);
    }
    for (int k = 0; k < promoted.size; k++) {
      int i = promoted.items[k];
      rest[i >>> 6] &= ~(1L << i);
    }
    return rest;
  }

  /**
   * Which positions of the merged list hold promoted items: {@code promoted} of {@code total}
   * positions, drawn by a partial Fisher-Yates shuffle seeded from the request.
   */
  static boolean[] positions(
      String campaignArn, String userId, String itemId, String name, int promoted, int total) {
    long seed = (campaignArn + '\u0000' + userId + '\u0000' + itemId + '\u0000' + name).hashCode();
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] order = new int[total];
    for (int k = 0; k < total; k++) {
      order[k] = k;
    }
    for (int k = 0; k < promoted; k++) {
      int j = k + rnd.nextInt(total - k);
      int t = order[k];
      order[k] = order[j];
      order[j] = t;
    }
    boolean[] isPromoted = new boolean[total];
    for (int k = 0; k < promoted; k++) {
      isPromoted[order[k]] = true;
    }
    return isPromoted;
  }
}
