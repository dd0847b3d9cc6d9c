package org.openpersonalize.engine.internal.serving;

import java.util.Arrays;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.UserHistory;

/**
 * One thread's working memory for serving: the history buffer, the ranked lists, top-K heaps and
 * primitive arrays that ranking, promotions and personalized ranking reuse from request to request.
 * Serving threads are the caller's, so the buffers are per thread; they grow to the largest request
 * seen and stay, which keeps a request's garbage down to its response objects and what JDBC
 * allocates (the {@code GetRecommendationsBenchmark} run with {@code -prof gc} shows the
 * difference, docs/benchmarks.md).
 */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  /** A user's recent history, as the model's fold-in reads it. */
  static final class History {
    final int[] items = new int[Recommender.HISTORY];

    /** Every event weighs 1 today; the array is shared by all requests of the thread. */
    final float[] weights = new float[Recommender.HISTORY];

    /** Each event's time (epoch seconds), oldest first like {@link #items}. */
    final long[] times = new long[Recommender.HISTORY];

    /** Each event's {@code EVENT_TYPE} (null without the column). */
    final String[] types = new String[Recommender.HISTORY];

    int n;

    /**
     * The requesting user's index in the deployed model, -1 when the user is not in it (anonymous,
     * or first seen after training); carried into the {@link UserHistory} so a model with per-user
     * features (HRNN-Metadata's Users metadata) can add them.
     */
    int user = -1;

    /**
     * The history as the SPI's time- and type-aware scoring reads it (repeat-awareness). It copies
     * the first {@link #n} entries: a few kilobytes per request, the price of an immutable SPI
     * type.
     */
    UserHistory events() {
      return UserHistory.of(items, weights, times, types, n).withUserIdx(user);
    }

    /**
     * The history over this thread's buffers, not copied: for one request, which scores it before
     * the buffers are filled again. A block of lines (batch) needs {@link #events()} instead.
     */
    UserHistory view() {
      return UserHistory.view(items, weights, times, types, n).withUserIdx(user);
    }

    History() {
      Arrays.fill(weights, 1f);
    }
  }

  final History history = new History();

  /** The list a request returns (or its non-promoted part). */
  final Ranked main = new Ranked();

  /** The promoted part of a request with a promotion. */
  final Ranked promoted = new Ranked();

  /** Popular items that top up a short related-items list. */
  final Ranked backfill = new Ranked();

  private TopK[] heaps = new TopK[64];
  private int[] ints = new int[64];
  private int[] ints2 = new int[64];
  private float[] floats = new float[64];
  private float[] floats2 = new float[64];
  private double[] doubles = new double[64];
  private long[] words = new long[64];
  private long[] words2 = new long[64];

  private Scratch() {}

  /** The calling thread's scratch. */
  static Scratch get() {
    return LOCAL.get();
  }

  /** An empty heap of capacity {@code k}, one per size: requests ask for a few distinct sizes. */
  TopK heap(int k) {
    if (k >= heaps.length) {
      heaps = Arrays.copyOf(heaps, Math.max(k + 1, heaps.length * 2));
    }
    TopK h = heaps[k];
    if (h == null) {
      h = new TopK(k);
      heaps[k] = h;
    }
    h.clear();
    return h;
  }

  int[] ints(int n) {
    if (ints.length < n) {
      ints = new int[Math.max(n, ints.length * 2)];
    }
    return ints;
  }

  int[] ints2(int n) {
    if (ints2.length < n) {
      ints2 = new int[Math.max(n, ints2.length * 2)];
    }
    return ints2;
  }

  float[] floats(int n) {
    if (floats.length < n) {
      floats = new float[Math.max(n, floats.length * 2)];
    }
    return floats;
  }

  float[] floats2(int n) {
    if (floats2.length < n) {
      floats2 = new float[Math.max(n, floats2.length * 2)];
    }
    return floats2;
  }

  double[] doubles(int n) {
    if (doubles.length < n) {
      doubles = new double[Math.max(n, doubles.length * 2)];
    }
    return doubles;
  }

  /** A bit set of at least {@code n} words; its contents are left from the last use. */
  long[] words(int n) {
    if (words.length < n) {
      words = new long[Math.max(n, words.length * 2)];
    }
    return words;
  }

  /** A second bit set, for when two are live at once. */
  long[] words2(int n) {
    if (words2.length < n) {
      words2 = new long[Math.max(n, words2.length * 2)];
    }
    return words2;
  }
}
