package org.openpersonalize.recipes;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.openpersonalize.spi.TrainingData;

/** Small generated datasets for recipe tests; every generator is seeded. */
final class TestData {
  private TestData() {}

  static final long T0 = 1_704_067_200L; // 2024-01-01T00:00:00Z

  /** Data from explicit (user, item) pairs with weight 1 and increasing timestamps. */
  static TrainingData pairs(int numUsers, int numItems, int[][] userItem) {
    int n = userItem.length;
    int[] u = new int[n];
    int[] i = new int[n];
    long[] t = new long[n];
    float[] w = new float[n];
    for (int k = 0; k < n; k++) {
      u[k] = userItem[k][0];
      i[k] = userItem[k][1];
      t[k] = T0 + k;
      w[k] = 1f;
    }
    return TrainingData.builder(numUsers, numItems).interactions(u, i, t, w).build();
  }

  /**
   * The same interactions (and event types) with an Items column {@code GENRES}: item {@code i} has
   * genre {@code i % genres}. For recipes that need item metadata.
   */
  static TrainingData withItemGenres(TrainingData d, int genres) {
    int[] genre = new int[d.numItems()];
    for (int item = 0; item < genre.length; item++) {
      genre[item] = item % genres;
    }
    return withItemGenres(d, genres, genre);
  }

  /** {@code d} with one GENRES value per item: item {@code i} has {@code genre[i]}. */
  static TrainingData withItemGenres(TrainingData d, int genres, int[] genre) {
    int n = d.numInteractions();
    int[] u = new int[n];
    int[] i = new int[n];
    long[] t = new long[n];
    float[] w = new float[n];
    for (int k = 0; k < n; k++) {
      u[k] = d.userIdx(k);
      i[k] = d.itemIdx(k);
      t[k] = d.timestamp(k);
      w[k] = d.weight(k);
    }
    int numItems = d.numItems();
    int[] offsets = new int[numItems + 1];
    for (int item = 0; item < numItems; item++) {
      offsets[item + 1] = item + 1;
    }
    return TrainingData.builder(d.numUsers(), numItems)
        .interactions(u, i, t, w)
        .itemCategorical("GENRES", genres, offsets, genre.clone())
        .build();
  }

  /** No events at all over a non-empty index space. */
  static TrainingData empty(int numUsers, int numItems) {
    return TrainingData.builder(numUsers, numItems)
        .interactions(new int[0], new int[0], new long[0], new float[0])
        .build();
  }

  /**
   * Heavy-tailed data: item popularity follows a Zipf law (the head item is chosen about {@code
   * H(numItems)} times more often than average), users draw 1 to {@code maxPerUser} distinct items.
   */
  static TrainingData zipf(int numUsers, int numItems, int maxPerUser, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] cdf = zipfCdf(numItems, 1.0);
    int[] mark = new int[numItems];
    int cap = numUsers * maxPerUser;
    int[] u = new int[cap];
    int[] i = new int[cap];
    long[] t = new long[cap];
    float[] w = new float[cap];
    int n = 0;
    for (int user = 0; user < numUsers; user++) {
      int want = 1 + rng.nextInt(Math.min(maxPerUser, numItems));
      for (int got = 0, tries = 0; got < want && tries < 50 * want; tries++) {
        int item = draw(cdf, rng);
        if (mark[item] != user + 1) {
          mark[item] = user + 1;
          u[n] = user;
          i[n] = item;
          t[n] = T0 + rng.nextInt(86_400 * 30);
          w[n] = 1f;
          n++;
          got++;
        }
      }
    }
    return TrainingData.builder(numUsers, numItems)
        .interactions(
            Arrays.copyOf(u, n), Arrays.copyOf(i, n), Arrays.copyOf(t, n), Arrays.copyOf(w, n))
        .build();
  }

  static double[] zipfCdf(int n, double exponent) {
    double[] cdf = new double[n];
    double acc = 0;
    for (int r = 0; r < n; r++) {
      acc += 1 / Math.pow(r + 1, exponent);
      cdf[r] = acc;
    }
    for (int r = 0; r < n; r++) {
      cdf[r] /= acc;
    }
    return cdf;
  }

  static int draw(double[] cdf, SplittableRandom rng) {
    int r = Arrays.binarySearch(cdf, rng.nextDouble());
    return Math.min(cdf.length - 1, r < 0 ? -r - 1 : r);
  }

  /**
   * Users with one favourite genre each and items with one genre each: most of a user's events are
   * items of the favourite genre, the rest any item, and within either the choice follows a global
   * Zipf popularity, so popularity alone is a fair baseline. Each user also has held-out items:
   * further items of the favourite genre, drawn the same way but not in the training events.
   *
   * @param coldPerGenre extra items per genre with metadata but no events
   */
  static GenreData genres(
      int numUsers,
      int warmItems,
      int genres,
      int perUser,
      int heldOutPerUser,
      double inGenre,
      int coldPerGenre,
      long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int numItems = warmItems + coldPerGenre * genres;
    int[] itemGenre = new int[numItems];
    for (int item = 0; item < numItems; item++) {
      itemGenre[item] = item % genres;
    }
    // Global popularity ranks, shuffled so that genres get a fair share of the head.
    int[] byRank = new int[warmItems];
    for (int r = 0; r < warmItems; r++) {
      byRank[r] = r;
    }
    for (int r = warmItems - 1; r > 0; r--) {
      int j = rng.nextInt(r + 1);
      int tmp = byRank[r];
      byRank[r] = byRank[j];
      byRank[j] = tmp;
    }
    double[] weight = new double[warmItems];
    for (int r = 0; r < warmItems; r++) {
      weight[byRank[r]] = 1 / Math.pow(r + 1, 0.8);
    }
    double[][] genreCdf = new double[genres][];
    int[][] genreItems = new int[genres][];
    for (int g = 0; g < genres; g++) {
      int count = 0;
      for (int item = g; item < warmItems; item += genres) {
        count++;
      }
      genreItems[g] = new int[count];
      genreCdf[g] = new double[count];
      double acc = 0;
      for (int item = g, c = 0; item < warmItems; item += genres, c++) {
        genreItems[g][c] = item;
        acc += weight[item];
        genreCdf[g][c] = acc;
      }
      for (int c = 0; c < count; c++) {
        genreCdf[g][c] /= acc;
      }
    }
    double[] allCdf = new double[warmItems];
    double acc = 0;
    for (int item = 0; item < warmItems; item++) {
      acc += weight[item];
      allCdf[item] = acc;
    }
    for (int item = 0; item < warmItems; item++) {
      allCdf[item] /= acc;
    }

    int[] userGenre = new int[numUsers];
    int[][] heldOut = new int[numUsers][heldOutPerUser];
    int cap = numUsers * perUser;
    int[] u = new int[cap];
    int[] i = new int[cap];
    long[] t = new long[cap];
    float[] w = new float[cap];
    int n = 0;
    int[] mark = new int[numItems];
    for (int user = 0; user < numUsers; user++) {
      int g = user % genres;
      userGenre[user] = g;
      for (int got = 0, tries = 0; got < perUser && tries < 100 * perUser; tries++) {
        int item =
            rng.nextDouble() < inGenre ? genreItems[g][draw(genreCdf[g], rng)] : draw(allCdf, rng);
        if (mark[item] != user + 1) {
          mark[item] = user + 1;
          u[n] = user;
          i[n] = item;
          t[n] = T0 + 3600L * got;
          w[n] = 1f;
          n++;
          got++;
        }
      }
      for (int h = 0, tries = 0; h < heldOutPerUser && tries < 1000; tries++) {
        int item = genreItems[g][draw(genreCdf[g], rng)];
        if (mark[item] != user + 1) {
          mark[item] = user + 1;
          heldOut[user][h++] = item;
        }
      }
    }
    int[] offsets = new int[numItems + 1];
    for (int item = 0; item < numItems; item++) {
      offsets[item + 1] = item + 1;
    }
    TrainingData data =
        TrainingData.builder(numUsers, numItems)
            .interactions(
                Arrays.copyOf(u, n), Arrays.copyOf(i, n), Arrays.copyOf(t, n), Arrays.copyOf(w, n))
            .itemCategorical("GENRES", genres, offsets, itemGenre.clone())
            .build();
    return new GenreData(data, userGenre, itemGenre, heldOut, warmItems);
  }

  /** Generated genre data with what the tests need to judge recommendations. */
  record GenreData(
      TrainingData data, int[] userGenre, int[] itemGenre, int[][] heldOut, int warmItems) {}
}
