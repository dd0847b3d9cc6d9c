package org.openpersonalize.recipes;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * {@code openpersonalize-co-purchase}: items bought together, for the ECOMMERCE "Frequently bought
 * together" use case (spec §4) and for custom solutions (CreateSolution with this recipe; train on
 * purchases with the solution's {@code eventType}). OpenPersonalize's own recipe, not one of
 * Amazon's, hence no {@code aws-} prefix.
 *
 * <p>Two items are bought together when the same user interacted with both within {@code
 * co_purchase_window_seconds} of each other: a basket checked out at once shares one timestamp, and
 * the events of one shopping session lie within the session's span. (The training data carries no
 * session IDs, so the window stands for the session.) {@code n(i,j)} counts the distinct users who
 * did so at least once; pairs with fewer than {@code min_co_purchase_count} users are not
 * neighbours. Candidate {@code j} of item {@code i} scores {@code n(i,j) / p_j^d}, {@code p_j} the
 * distinct users of {@code j} and {@code d} the {@code popularity_discount_factor}: at the default
 * 0.5 an item everybody buys, but rarely with {@code i}, does not outrank {@code i}'s accessory.
 * Unlike co-occurrence over whole histories (SIMS), an item bought by the same users on other days
 * is no neighbour at all. Each item keeps its {@value SimsRecipe#MAX_NEIGHBORS} best neighbours;
 * popular items fill the rest of a list (a {@link SimsModel}); scores are rank-only.
 */
public final class CoPurchaseRecipe extends AbstractRecipe {
  static final String WINDOW = "co_purchase_window_seconds";
  static final String MIN_COUNT = "min_co_purchase_count";
  static final String POPULARITY_DISCOUNT = "popularity_discount_factor";

  private static final List<HyperparameterSpec> SPECS =
      List.of(
          HyperparameterSpec.integer(WINDOW)
              .defaultValue(1800)
              .range(0, 30L * 24 * 3600)
              .tunable(true)
              .description(
                  "Two items are bought together when one user interacted with both within this"
                      + " many seconds; 0 means at the same timestamp (one basket). The default"
                      + " is the usual 30-minute web session.")
              .build(),
          HyperparameterSpec.integer(MIN_COUNT)
              .defaultValue(2)
              .range(1, 100)
              .tunable(true)
              .description("Least number of users who bought both items together.")
              .build(),
          HyperparameterSpec.continuous(POPULARITY_DISCOUNT)
              .defaultValue(0.5)
              .range(0.0, 1.0)
              .tunable(true)
              .description(
                  "0 ranks co-purchased items by raw count, 1 by the share of the candidate's"
                      + " buyers who bought it with the item.")
              .build());

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public CoPurchaseRecipe() {
    super(
        "openpersonalize-co-purchase",
        RecipeType.RELATED_ITEMS,
        "Recommends the items bought together with an item: by the same user within a time"
            + " window (one basket or session), discounted for popularity.",
        Set.of(INTERACTIONS),
        Set.of(),
        SPECS);
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hp, TrainingContext ctx) {
    requireOwn(hp);
    Checks.requireTrainable(data);
    ctx.checkCancelled();
    ctx.reportProgress(0, "ordering each user's events by time");
    Baskets b = Baskets.of(data);
    long window = hp.longValue(WINDOW);
    int minCount = hp.intValue(MIN_COUNT);
    double d = hp.doubleValue(POPULARITY_DISCOUNT);
    int numItems = data.numItems();
    double[] discount = new double[numItems];
    for (int j = 0; j < numItems; j++) {
      discount[j] = Math.pow(Math.max(1, b.buyers[j]), -d);
    }
    int[][] nbr = new int[numItems][];
    float[][] sim = new float[numItems][];
    ctx.reportProgress(0.1, "counting co-purchases");
    Parallel.forRange(
        ctx,
        numItems,
        Math.max(1, numItems / 256),
        () -> new Scratch(numItems),
        (s, from, to) -> {
          for (int i = from; i < to; i++) {
            int nTouched = b.coPurchases(i, window, s.count, s.lastUser, s.touched);
            for (int t = 0; t < nTouched; t++) {
              int j = s.touched[t];
              if (s.count[j] >= minCount) {
                s.top.offer(j, (float) (s.count[j] * discount[j]));
              }
              s.count[j] = 0;
              s.lastUser[j] = -1;
            }
            int n = s.top.drainTo(s.outIdx, s.outScore);
            nbr[i] = Arrays.copyOf(s.outIdx, n);
            sim[i] = Arrays.copyOf(s.outScore, n);
          }
        });
    int[] ptr = new int[numItems + 1];
    for (int i = 0; i < numItems; i++) {
      ptr[i + 1] = ptr[i] + nbr[i].length;
    }
    int[] neighbors = new int[ptr[numItems]];
    float[] similarity = new float[ptr[numItems]];
    for (int i = 0; i < numItems; i++) {
      System.arraycopy(nbr[i], 0, neighbors, ptr[i], nbr[i].length);
      System.arraycopy(sim[i], 0, similarity, ptr[i], sim[i].length);
    }
    ctx.reportProgress(1, "trained");
    return new SimsModel(name(), data.numUsers(), b.buyers, ptr, neighbors, similarity);
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return SimsModel.read(in, name());
  }

  /**
   * Each user's positive events in time order (ties by item), and each item's occurrences in them,
   * so that an item's co-purchases are found by scanning its buyers' neighbouring events.
   */
  static final class Baskets {
    final int[] userPtr;
    final int[] item;
    final long[] time;
    final int[] itemPtr;
    final int[] occurrence;
    final int[] occurrenceUser;
    final int[] buyers;

    private Baskets(
        int[] userPtr,
        int[] item,
        long[] time,
        int[] itemPtr,
        int[] occurrence,
        int[] occurrenceUser,
        int[] buyers) {
      this.userPtr = userPtr;
      this.item = item;
      this.time = time;
      this.itemPtr = itemPtr;
      this.occurrence = occurrence;
      this.occurrenceUser = occurrenceUser;
      this.buyers = buyers;
    }

    static Baskets of(TrainingData data) {
      int numUsers = data.numUsers();
      int numItems = data.numItems();
      int n = data.numInteractions();
      int[] userPtr = new int[numUsers + 1];
      for (int k = 0; k < n; k++) {
        if (data.weight(k) > 0) {
          userPtr[data.userIdx(k) + 1]++;
        }
      }
      for (int u = 0; u < numUsers; u++) {
        userPtr[u + 1] += userPtr[u];
      }
      int m = userPtr[numUsers];
      int[] order = new int[m];
      int[] fill = Arrays.copyOf(userPtr, numUsers);
      for (int k = 0; k < n; k++) {
        if (data.weight(k) > 0) {
          order[fill[data.userIdx(k)]++] = k;
        }
      }
      for (int u = 0; u < numUsers; u++) {
        IntArrays.mergeSort(
            order,
            userPtr[u],
            userPtr[u + 1],
            (a, c) -> {
              int byTime = Long.compare(data.timestamp(a), data.timestamp(c));
              return byTime != 0 ? byTime : Integer.compare(data.itemIdx(a), data.itemIdx(c));
            });
      }
      int[] item = new int[m];
      long[] time = new long[m];
      int[] itemPtr = new int[numItems + 1];
      for (int e = 0; e < m; e++) {
        item[e] = data.itemIdx(order[e]);
        time[e] = data.timestamp(order[e]);
        itemPtr[item[e] + 1]++;
      }
      for (int i = 0; i < numItems; i++) {
        itemPtr[i + 1] += itemPtr[i];
      }
      int[] occurrence = new int[m];
      int[] occurrenceUser = new int[m];
      int[] at = Arrays.copyOf(itemPtr, numItems);
      int[] buyers = new int[numItems];
      int[] lastUser = new int[numItems];
      Arrays.fill(lastUser, -1);
      for (int u = 0; u < numUsers; u++) {
        for (int e = userPtr[u]; e < userPtr[u + 1]; e++) {
          int i = item[e];
          occurrence[at[i]] = e;
          occurrenceUser[at[i]++] = u;
          if (lastUser[i] != u) {
            lastUser[i] = u;
            buyers[i]++;
          }
        }
      }
      return new Baskets(userPtr, item, time, itemPtr, occurrence, occurrenceUser, buyers);
    }

    /**
     * Counts, per other item, the distinct users who bought it within {@code window} seconds of
     * buying item {@code i}; returns how many items were touched (listed in {@code touched}).
     * {@code lastUser} must be all −1 and {@code count} all 0 on entry; the caller resets them.
     */
    int coPurchases(int i, long window, int[] count, int[] lastUser, int[] touched) {
      int nTouched = 0;
      for (int o = itemPtr[i]; o < itemPtr[i + 1]; o++) {
        int e = occurrence[o];
        int u = occurrenceUser[o];
        long t = time[e];
        for (int f = e - 1; f >= userPtr[u] && within(time[f], t, window); f--) {
          nTouched = touch(item[f], i, u, count, lastUser, touched, nTouched);
        }
        for (int f = e + 1; f < userPtr[u + 1] && within(t, time[f], window); f++) {
          nTouched = touch(item[f], i, u, count, lastUser, touched, nTouched);
        }
      }
      return nTouched;
    }

    /**
     * Whether {@code later − earlier <= window} for {@code earlier <= later}; the difference is
     * read unsigned, which is exact even when it exceeds {@link Long#MAX_VALUE} (any long is a
     * timestamp).
     */
    private static boolean within(long earlier, long later, long window) {
      return Long.compareUnsigned(later - earlier, window) <= 0;
    }

    private static int touch(
        int j, int i, int u, int[] count, int[] lastUser, int[] touched, int nTouched) {
      if (j == i || lastUser[j] == u) {
        return nTouched;
      }
      if (lastUser[j] == -1 && count[j] == 0) {
        touched[nTouched++] = j;
      }
      lastUser[j] = u;
      count[j]++;
      return nTouched;
    }
  }

  /** One thread's counters, kept at zero (and users at −1) between items. */
  private static final class Scratch {
    final int[] count;
    final int[] lastUser;
    final int[] touched;
    final TopK top = new TopK(SimsRecipe.MAX_NEIGHBORS);
    final int[] outIdx = new int[SimsRecipe.MAX_NEIGHBORS];
    final float[] outScore = new float[SimsRecipe.MAX_NEIGHBORS];

    Scratch(int numItems) {
      count = new int[numItems];
      lastUser = new int[numItems];
      Arrays.fill(lastUser, -1);
      touched = new int[numItems];
    }
  }
}
