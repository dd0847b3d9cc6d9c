package org.openpersonalize.recipes.sequence;

/**
 * The time-gap input of the recurrent encoder: the time since the user's previous event, on a fixed
 * log-like scale, so that the encoder can tell a binge (seconds apart) from a return after weeks —
 * the session boundaries a hierarchical RNN models explicitly (Quadrana et al., RecSys 2017) —
 * without a session id in the data. Fixed bounds need nothing persisted and mean the same in every
 * model.
 *
 * <p>Bucket {@link #NONE} is "no previous event in the window": the first event of every training
 * window and of every served history, and every event when the caller gave no timestamps. Training
 * sees it at every window start, so serving without times degrades gracefully instead of feeding
 * values the model never saw.
 */
final class TimeGaps {
  static final int NONE = 0;

  /** Upper bounds, in seconds, of buckets 1 .. 8; the last bucket is open. */
  private static final long[] UPPER = {
    0L, 60L, 3_600L, 86_400L, 7 * 86_400L, 30 * 86_400L, 365 * 86_400L
  };

  static final int COUNT = UPPER.length + 2;

  private TimeGaps() {}

  /** The bucket of an event at {@code time} whose predecessor was at {@code previous}. */
  static int bucket(long previous, long time) {
    // in double: the difference of two arbitrary longs can overflow
    double gap = (double) time - (double) previous;
    for (int b = 0; b < UPPER.length; b++) {
      if (gap <= UPPER[b]) {
        return b + 1;
      }
    }
    return UPPER.length + 1;
  }
}
