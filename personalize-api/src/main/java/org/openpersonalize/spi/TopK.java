package org.openpersonalize.spi;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Keeps the {@code k} best (index, score) pairs of a stream of candidates, the way serving picks
 * recommendations out of a score buffer.
 *
 * <p>The idea is Lucene's: a binary min-heap of primitive {@code long}s, each the score and the
 * index packed together so that one {@code long} comparison orders by score and then by index. A
 * candidate costs one comparison against the worst kept score when it does not qualify and {@code
 * O(log k)} when it does; no object is created per candidate. Equal scores rank the lower index
 * first, so results never depend on the order candidates arrive in. {@code NaN} scores are ignored;
 * {@code -∞} is a valid, lowest score.
 *
 * <pre>{@code
 * TopK top = new TopK(25);
 * model.scoreItemsForUser(user, scores);
 * top.offerAll(scores, 0, model.numItems(), seenItems::contains);
 * int n = top.drainTo(itemIdx, itemScores); // best first
 * }</pre>
 *
 * <p>Reusable after {@link #drainTo} or {@link #clear}; not thread-safe (keep one per thread).
 */
public final class TopK {
  private final long[] heap;
  private int size;

  /**
   * Creates an empty selector.
   *
   * @param k how many candidates to keep, at least 0
   */
  public TopK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0; got: " + k);
    }
    this.heap = new long[k];
  }

  /**
   * The most candidates kept.
   *
   * @return k
   */
  public int capacity() {
    return heap.length;
  }

  /**
   * How many candidates are kept now.
   *
   * @return at most {@link #capacity()}
   */
  public int size() {
    return size;
  }

  /** Forgets all kept candidates. */
  public void clear() {
    size = 0;
  }

  /**
   * Offers one candidate.
   *
   * @param index the candidate's index, at least 0
   * @param score its score; {@code NaN} is ignored
   * @return true when the candidate is kept (for now)
   */
  public boolean offer(int index, float score) {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0; got: " + index);
    }
    if (score != score) {
      return false;
    }
    return insert(pack(score, index));
  }

  /**
   * Offers {@code scores[from .. to-1]}, each at its array index.
   *
   * @param scores the scores
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   */
  public void offerAll(float[] scores, int from, int to) {
    checkRange(scores, from, to);
    if (heap.length == 0) {
      return;
    }
    for (int i = from; i < to; i++) {
      float s = scores[i];
      // Cheap rejection on the float alone; ties and the not-yet-full heap go through the packed
      // comparison. The negated test also rejects NaN.
      if (size == heap.length && !(s >= worstScore())) {
        continue;
      }
      if (s == s) {
        insert(pack(s, i));
      }
    }
  }

  /**
   * Offers {@code scores[from .. to-1]} except the indices a predicate excludes (seen items, a
   * filter).
   *
   * @param scores the scores
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @param excluded returns true for indices to skip; called only for candidates that could be kept
   */
  public void offerAll(float[] scores, int from, int to, IntPredicate excluded) {
    checkRange(scores, from, to);
    if (heap.length == 0) {
      return;
    }
    for (int i = from; i < to; i++) {
      float s = scores[i];
      if (size == heap.length && !(s >= worstScore())) {
        continue;
      }
      if (s == s && !excluded.test(i)) {
        insert(pack(s, i));
      }
    }
  }

  /**
   * Offers {@code scores[from .. to-1]} except the indices set in a bit set laid out as {@link
   * java.util.BitSet#toLongArray()} (bit {@code i % 64} of word {@code i / 64}); indices beyond the
   * array are not excluded.
   *
   * @param scores the scores
   * @param from the first index, inclusive
   * @param to the last index, exclusive
   * @param excludedBits the excluded indices
   */
  public void offerAll(float[] scores, int from, int to, long[] excludedBits) {
    checkRange(scores, from, to);
    offerSlice(scores, from, to, 0, Objects.requireNonNull(excludedBits, "excludedBits"));
  }

  /**
   * Offers {@code scores[0 .. n-1]} as the indices {@code base .. base+n-1}, except those set in
   * {@code excludedBits} (indexed by the shifted index; {@code null} for none): how a blocked scan
   * offers one tile of a row without copying it into place.
   *
   * @param scores a tile of scores
   * @param n how many to offer
   * @param base the index of {@code scores[0]}, at least 0
   * @param excludedBits the excluded indices, or null
   */
  public void offerShifted(float[] scores, int n, int base, long[] excludedBits) {
    checkRange(scores, 0, n);
    if (base < 0) {
      throw new IllegalArgumentException("base must be >= 0; got: " + base);
    }
    offerSlice(scores, 0, n, base, excludedBits);
  }

  /**
   * Offers {@code scores[from .. to-1]} as the indices {@code base+from .. base+to-1}, except those
   * set in {@code excludedBits} ({@code null} for none). Unchecked: for the block kernels, which
   * offer the parts of a tile whose scores reach {@link #bar()}.
   */
  void offerSlice(float[] scores, int from, int to, int base, long[] excludedBits) {
    if (heap.length == 0) {
      return;
    }
    int limit = excludedBits == null ? 0 : excludedBits.length << 6;
    // The bar a score must reach, kept in a local and renewed only after an insert: a blocked
    // scan offers every item of every user, almost all of them below the bar, so this loop is a
    // load and a compare per score. Negative infinity while the heap is not full; the negated
    // test rejects NaN either way.
    float bar = bar();
    for (int t = from; t < to; t++) {
      float s = scores[t];
      if (!(s >= bar)) {
        continue;
      }
      int i = base + t;
      if (i >= limit || (excludedBits[i >>> 6] & (1L << i)) == 0) {
        insert(pack(s, i));
        bar = bar();
      }
    }
  }

  /**
   * Moves the kept candidates out, best first, and empties the selector.
   *
   * @param indices receives the indices; at least {@link #size()} long
   * @param scores receives the scores, or {@code null} when not wanted
   * @return how many were written
   */
  public int drainTo(int[] indices, float[] scores) {
    int n = size;
    if (indices.length < n || (scores != null && scores.length < n)) {
      throw new IllegalArgumentException("output arrays must hold size() = " + n + " entries");
    }
    // Popping the minimum fills the outputs from the back, so they end up best first.
    for (int pos = n - 1; pos >= 0; pos--) {
      long top = heap[0];
      indices[pos] = unpackIndex(top);
      if (scores != null) {
        scores[pos] = unpackScore(top);
      }
      heap[0] = heap[--size];
      siftDown(0);
    }
    return n;
  }

  /**
   * Packs a score and an index into one {@code long} that orders by score, then by lower index.
   *
   * @param score a non-NaN score
   * @param index an index, at least 0
   * @return the packed value
   */
  public static long pack(float score, int index) {
    // +0.0f folds -0.0 into 0.0 so that equal scores tie. Flipping the magnitude bits of negative
    // floats makes the int order match the float order.
    int bits = Float.floatToIntBits(score + 0.0f);
    bits ^= (bits >> 31) & 0x7fffffff;
    return ((long) bits << 32) | (~index & 0xffffffffL);
  }

  /**
   * The index of a packed value.
   *
   * @param packed a value from {@link #pack}
   * @return the index
   */
  public static int unpackIndex(long packed) {
    return ~(int) packed;
  }

  /**
   * The score of a packed value.
   *
   * @param packed a value from {@link #pack}
   * @return the score
   */
  public static float unpackScore(long packed) {
    int bits = (int) (packed >> 32);
    bits ^= (bits >> 31) & 0x7fffffff;
    return Float.intBitsToFloat(bits);
  }

  private float worstScore() {
    return unpackScore(heap[0]);
  }

  /**
   * The least score that may still enter: the worst kept one when full, negative infinity (any
   * score but NaN) before, positive infinity for a selector of size 0 (where even that is refused,
   * as nothing enters). A score below it is rejected by every offer method.
   */
  float bar() {
    if (heap.length == 0) {
      return Float.POSITIVE_INFINITY; // nothing enters; NaN-free, so a comparison just fails
    }
    return size == heap.length ? worstScore() : Float.NEGATIVE_INFINITY;
  }

  private boolean insert(long packed) {
    if (size < heap.length) {
      int pos = size++;
      while (pos > 0) {
        int parent = (pos - 1) >>> 1;
        if (heap[parent] <= packed) {
          break;
        }
        heap[pos] = heap[parent];
        pos = parent;
      }
      heap[pos] = packed;
      return true;
    }
    if (size == 0 || packed <= heap[0]) {
      return false;
    }
    heap[0] = packed;
    siftDown(0);
    return true;
  }

  private void siftDown(int pos) {
    long value = heap[pos];
    int half = size >>> 1;
    while (pos < half) {
      int child = 2 * pos + 1;
      int right = child + 1;
      if (right < size && heap[right] < heap[child]) {
        child = right;
      }
      if (value <= heap[child]) {
        break;
      }
      heap[pos] = heap[child];
      pos = child;
    }
    heap[pos] = value;
  }

  private void checkRange(float[] scores, int from, int to) {
    if (from < 0 || to > scores.length || from > to) {
      throw new IllegalArgumentException(
          "[from, to) must lie in [0, scores.length = "
              + scores.length
              + "]; got: ["
              + from
              + ", "
              + to
              + ")");
    }
  }
}
