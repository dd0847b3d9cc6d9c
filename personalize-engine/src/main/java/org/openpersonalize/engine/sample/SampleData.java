package org.openpersonalize.engine.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic, generated movie-streaming dataset for the quickstart, examples and tests: a
 * catalogue of movies with genres and release years, users with one or two favourite genres, and
 * watch/click events in which users mostly pick popular movies of the genres they like. The same
 * seed and sizes always give the same files.
 *
 * <p>The data is made to be learnable: a recommender that models tastes should beat one that
 * recommends the most popular movies to everyone, as on real data.
 */
public final class SampleData {
  /** The genres of the catalogue. */
  public static final List<String> GENRES =
      List.of(
          "Action",
          "Adventure",
          "Animation",
          "Comedy",
          "Crime",
          "Documentary",
          "Drama",
          "Fantasy",
          "Horror",
          "Romance",
          "Sci-Fi",
          "Thriller");

  /** The Interactions schema of the generated data. */
  public static final String INTERACTIONS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"},"
          + "{\"name\":\"EVENT_VALUE\",\"type\":[\"null\",\"float\"]}"
          + "],\"version\":\"1.0\"}";

  /** The Items schema of the generated data. */
  public static final String ITEMS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TITLE\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"YEAR\",\"type\":\"int\"},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}"
          + "],\"version\":\"1.0\"}";

  /** The Users schema of the generated data. */
  public static final String USERS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Users\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"AGE\",\"type\":[\"null\",\"int\"]},"
          + "{\"name\":\"MEMBERSHIP\",\"type\":\"string\",\"categorical\":true}"
          + "],\"version\":\"1.0\"}";

  /** The first event timestamp: 2024-01-01T00:00:00Z. */
  static final long START = 1_704_067_200L;

  private static final String[] WORDS = {
    "Midnight", "Silver", "Last", "Hidden", "Broken", "Golden", "Silent", "Lost", "Red", "Winter",
    "River", "Empire", "Garden", "Signal", "Harbor", "Machine", "Promise", "Shadow", "Echo", "Storm"
  };

  private final int users;
  private final int items;
  private final int[][] itemGenres;
  private final int[] itemYear;
  private final long[] itemCreated;
  private final int[][] userTastes;
  private final int[] eventUser;
  private final int[] eventItem;
  private final long[] eventTime;
  private final boolean[] eventWatch;
  private final float[] eventRating;

  private SampleData(
      int users,
      int items,
      int[][] itemGenres,
      int[] itemYear,
      long[] itemCreated,
      int[][] userTastes,
      int[] eventUser,
      int[] eventItem,
      long[] eventTime,
      boolean[] eventWatch,
      float[] eventRating) {
    this.users = users;
    this.items = items;
    this.itemGenres = itemGenres;
    this.itemYear = itemYear;
    this.itemCreated = itemCreated;
    this.userTastes = userTastes;
    this.eventUser = eventUser;
    this.eventItem = eventItem;
    this.eventTime = eventTime;
    this.eventWatch = eventWatch;
    this.eventRating = eventRating;
  }

  /**
   * Generates a dataset.
   *
   * @param seed the seed; the same seed and sizes give the same data
   * @param users the number of users, at least 1
   * @param items the number of movies, at least 1
   * @param meanEventsPerUser the average number of events of a user, at least 1
   * @return the data
   */
  public static SampleData generate(long seed, int users, int items, int meanEventsPerUser) {
    if (users < 1 || items < 1 || meanEventsPerUser < 1) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "users, items and meanEventsPerUser must be at least 1; got: %d, %d, %d",
              users,
              items,
              meanEventsPerUser));
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int g = GENRES.size();
    int[][] itemGenres = new int[items][];
    int[] year = new int[items];
    long[] created = new long[items];
    // Popularity follows a power law, as it does in every real catalogue.
    double[] popularity = new double[items];
    int[][] byGenre = new int[g][];
    int[] byGenreCount = new int[g];
    for (int i = 0; i < items; i++) {
      int n = 1 + (rnd.nextInt(10) < 6 ? 0 : rnd.nextInt(10) < 7 ? 1 : 2);
      int[] gs = new int[n];
      for (int k = 0; k < n; k++) {
        int pick;
        do {
          pick = rnd.nextInt(g);
        } while (contains(gs, k, pick));
        gs[k] = pick;
        byGenreCount[pick]++;
      }
      Arrays.sort(gs);
      itemGenres[i] = gs;
      year[i] = 1950 + rnd.nextInt(76);
      // When the movie joined the catalogue (not its release): up to three years before the first
      // event, and a tenth of the catalogue added during the period the events cover.
      created[i] =
          rnd.nextInt(10) == 0
              ? START + rnd.nextInt(86_400 * 200)
              : START - rnd.nextInt(86_400 * 365 * 3);
      popularity[i] = 1.0 / Math.pow(1 + rnd.nextInt(items), 0.8);
    }
    for (int k = 0; k < g; k++) {
      byGenre[k] = new int[byGenreCount[k]];
      byGenreCount[k] = 0;
    }
    for (int i = 0; i < items; i++) {
      for (int k : itemGenres[i]) {
        byGenre[k][byGenreCount[k]++] = i;
      }
    }
    double[][] genreCdf = new double[g][];
    for (int k = 0; k < g; k++) {
      genreCdf[k] = cdf(byGenre[k], popularity);
    }
    int[] all = new int[items];
    for (int i = 0; i < items; i++) {
      all[i] = i;
    }
    double[] allCdf = cdf(all, popularity);

    int[][] tastes = new int[users][];
    int cap = users * meanEventsPerUser * 3;
    int[] eu = new int[cap];
    int[] ei = new int[cap];
    long[] et = new long[cap];
    boolean[] ew = new boolean[cap];
    float[] er = new float[cap];
    int n = 0;
    for (int u = 0; u < users; u++) {
      int first = rnd.nextInt(g);
      int second = rnd.nextInt(3) == 0 ? (first + 1 + rnd.nextInt(g - 1)) % g : -1;
      tastes[u] = second < 0 ? new int[] {first} : new int[] {first, second};
      // Activity is skewed too: a few heavy users, many light ones.
      int count =
          (int) Math.max(2, Math.round(meanEventsPerUser * -Math.log(1 - rnd.nextDouble())));
      count = Math.min(count, meanEventsPerUser * 3);
      long t = START + rnd.nextInt(86_400 * 200);
      for (int e = 0; e < count && n < cap; e++) {
        int item;
        boolean liked;
        // 85 % of choices follow the user's taste; the rest are popular picks from anywhere.
        if (rnd.nextInt(100) < 85) {
          int genre = tastes[u][rnd.nextInt(tastes[u].length)];
          if (byGenre[genre].length == 0) {
            item = pick(all, allCdf, rnd);
          } else {
            item = pick(byGenre[genre], genreCdf[genre], rnd);
          }
          liked = true;
        } else {
          item = pick(all, allCdf, rnd);
          liked = false;
        }
        t += 60 + rnd.nextInt(86_400);
        eu[n] = u;
        ei[n] = item;
        et[n] = t;
        ew[n] = rnd.nextInt(4) != 0;
        er[n] = liked ? 3 + rnd.nextInt(3) : 1 + rnd.nextInt(4);
        n++;
      }
    }
    return new SampleData(
        users,
        items,
        itemGenres,
        year,
        created,
        tastes,
        Arrays.copyOf(eu, n),
        Arrays.copyOf(ei, n),
        Arrays.copyOf(et, n),
        Arrays.copyOf(ew, n),
        Arrays.copyOf(er, n));
  }

  private static boolean contains(int[] a, int n, int v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }

  private static double[] cdf(int[] members, double[] weight) {
    double[] c = new double[members.length];
    double acc = 0;
    for (int i = 0; i < members.length; i++) {
      acc += weight[members[i]];
      c[i] = acc;
    }
    return c;
  }

  private static int pick(int[] members, double[] cdf, SplittableRandom rnd) {
    double x = rnd.nextDouble() * cdf[cdf.length - 1];
    int i = Arrays.binarySearch(cdf, x);
    if (i < 0) {
      i = -i - 1;
    }
    return members[Math.min(i, members.length - 1)];
  }

  /** The number of users. */
  public int users() {
    return users;
  }

  /** The number of movies. */
  public int items() {
    return items;
  }

  /** The number of events. */
  public int events() {
    return eventUser.length;
  }

  /** The ID of user {@code u}: {@code user-<u>}. */
  public static String userId(int u) {
    return "user-" + u;
  }

  /** The ID of movie {@code i}: {@code movie-<i>}. */
  public static String itemId(int i) {
    return "movie-" + i;
  }

  /** The genres of movie {@code i}, as names. */
  public List<String> genresOf(int i) {
    String[] names = new String[itemGenres[i].length];
    for (int k = 0; k < names.length; k++) {
      names[k] = GENRES.get(itemGenres[i][k]);
    }
    return List.of(names);
  }

  /** The release year of movie {@code i}. */
  public int yearOf(int i) {
    return itemYear[i];
  }

  /** The favourite genres of user {@code u}, as names. */
  public List<String> tastesOf(int u) {
    String[] names = new String[userTastes[u].length];
    for (int k = 0; k < names.length; k++) {
      names[k] = GENRES.get(userTastes[u][k]);
    }
    return List.of(names);
  }

  /** The movies that have {@code genre}, by index. */
  public int[] itemsOfGenre(String genre) {
    int k = GENRES.indexOf(genre);
    return java.util.stream.IntStream.range(0, items)
        .filter(i -> Arrays.binarySearch(itemGenres[i], k) >= 0)
        .toArray();
  }

  /** Where {@link #writeTo} put the three files. */
  public record Files(Path interactions, Path items, Path users) {}

  /**
   * Writes {@code interactions.csv}, {@code items.csv} and {@code users.csv} in Amazon
   * Personalize's CSV format (header row, one record per line) into {@code dir}.
   *
   * @param dir the folder, created if needed
   * @return the three files
   * @throws IOException if writing fails
   */
  public Files writeTo(Path dir) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    Path ip = dir.resolve("interactions.csv");
    try (BufferedWriter w = java.nio.file.Files.newBufferedWriter(ip, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n");
      for (int e = 0; e < eventUser.length; e++) {
        w.write(userId(eventUser[e]));
        w.write(',');
        w.write(itemId(eventItem[e]));
        w.write(',');
        w.write(Long.toString(eventTime[e]));
        w.write(eventWatch[e] ? ",watch," : ",click,");
        w.write(Float.toString(eventRating[e]));
        w.write('\n');
      }
    }
    Path mp = dir.resolve("items.csv");
    try (BufferedWriter w = java.nio.file.Files.newBufferedWriter(mp, StandardCharsets.UTF_8)) {
      w.write("ITEM_ID,TITLE,GENRES,YEAR,CREATION_TIMESTAMP\n");
      SplittableRandom names = new SplittableRandom(items * 31L + users);
      for (int i = 0; i < items; i++) {
        String title =
            WORDS[names.nextInt(WORDS.length)] + " " + WORDS[names.nextInt(WORDS.length)];
        w.write(itemId(i));
        // Titles are quoted, as Personalize's CSV wants free text to be.
        w.write(",\"" + title + " (" + itemYear[i] + ")\",");
        w.write(String.join("|", genresOf(i)));
        w.write(',');
        w.write(Integer.toString(itemYear[i]));
        w.write(',');
        w.write(Long.toString(itemCreated[i]));
        w.write('\n');
      }
    }
    Path up = dir.resolve("users.csv");
    try (BufferedWriter w = java.nio.file.Files.newBufferedWriter(up, StandardCharsets.UTF_8)) {
      w.write("USER_ID,AGE,MEMBERSHIP\n");
      SplittableRandom meta = new SplittableRandom(users * 17L + items);
      for (int u = 0; u < users; u++) {
        w.write(userId(u));
        w.write(',');
        int age = 16 + meta.nextInt(60);
        w.write(meta.nextInt(10) == 0 ? "" : Integer.toString(age));
        w.write(meta.nextInt(3) == 0 ? ",premium\n" : ",basic\n");
      }
    }
    return new Files(ip, mp, up);
  }
}
