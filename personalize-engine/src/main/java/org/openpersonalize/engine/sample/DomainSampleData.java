package org.openpersonalize.engine.sample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A generated VIDEO_ON_DEMAND catalogue for the Domain workflow (spec §1.4, §4): videos with the
 * domain's required Items fields ({@code GENRES}, {@code CREATION_TIMESTAMP}), viewers with a
 * favourite genre, and {@code Watch} and {@code Click} events (the domain requires {@code
 * EVENT_TYPE} on every interaction). Deterministic for a seed; events lie in the 60 days before
 * {@code endSecond}, so filters that look at the last three months see them.
 */
public final class DomainSampleData {
  /** The VIDEO_ON_DEMAND Interactions schema: the four required fields. */
  public static final String VOD_INTERACTIONS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}"
          + "],\"version\":\"1.0\"}";

  /** The VIDEO_ON_DEMAND Items schema: required GENRES and CREATION_TIMESTAMP, a content owner. */
  public static final String VOD_ITEMS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"CONTENT_OWNER\",\"type\":[\"null\",\"string\"],\"categorical\":true}"
          + "],\"version\":\"1.0\"}";

  /** The genres, one per video, in turn. */
  public static final String[] GENRES = {
    "Action", "Comedy", "Drama", "Documentary", "Animation", "Thriller", "Romance", "Sci-Fi"
  };

  private final long seed;
  private final int users;
  private final int videos;
  private final int watchesPerUser;
  private final long endSecond;

  private DomainSampleData(long seed, int users, int videos, int watchesPerUser, long endSecond) {
    this.seed = seed;
    this.users = users;
    this.videos = videos;
    this.watchesPerUser = watchesPerUser;
    this.endSecond = endSecond;
  }

  /**
   * Describes a catalogue; nothing is generated until {@link #writeTo}.
   *
   * @param seed the random seed
   * @param users viewers ({@code user0 ...})
   * @param videos videos ({@code video0 ...}); a video's popularity falls with its number
   * @param watchesPerUser distinct videos each viewer watches; each also clicks half as many more
   * @param endSecond the epoch second the events end at
   * @return the catalogue
   */
  public static DomainSampleData generate(
      long seed, int users, int videos, int watchesPerUser, long endSecond) {
    if (watchesPerUser * 2 > videos) {
      throw new IllegalArgumentException("videos must be at least twice watchesPerUser");
    }
    return new DomainSampleData(seed, users, videos, watchesPerUser, endSecond);
  }

  /** The genre of a video. */
  public static String genreOf(int video) {
    return GENRES[video % GENRES.length];
  }

  /** A viewer's favourite genre. */
  public static String favouriteOf(int user) {
    return GENRES[user % GENRES.length];
  }

  /** The CSV files written. */
  public record Files(Path interactions, Path items) {}

  /**
   * Writes the interactions and items as CSV (header row first) into {@code dir}.
   *
   * @param dir the directory, created if needed
   * @return the files
   * @throws IOException if a file cannot be written
   */
  public Files writeTo(Path dir) throws IOException {
    java.nio.file.Files.createDirectories(dir);
    Path items = dir.resolve("videos.csv");
    try (Writer w = java.nio.file.Files.newBufferedWriter(items, StandardCharsets.UTF_8)) {
      w.write("ITEM_ID,GENRES,CREATION_TIMESTAMP,CONTENT_OWNER\n");
      for (int v = 0; v < videos; v++) {
        long created = endSecond - 400L * 86_400 + v * 3_600L;
        w.write("video" + v + "," + genreOf(v) + "," + created + ",studio" + (v % 5) + "\n");
      }
    }
    Path interactions = dir.resolve("viewing.csv");
    SplittableRandom rnd = new SplittableRandom(seed);
    long start = endSecond - 60L * 86_400;
    long span = endSecond - start;
    try (Writer w = java.nio.file.Files.newBufferedWriter(interactions, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
      for (int u = 0; u < users; u++) {
        int favourite = u % GENRES.length;
        boolean[] seen = new boolean[videos];
        int n = 0;
        while (n < watchesPerUser * 3 / 2) {
          // Popular videos first (a skewed pick), mostly of the favourite genre.
          int v = (int) (videos * Math.pow(rnd.nextDouble(), 2.2));
          if (rnd.nextInt(4) != 0) {
            v = v - v % GENRES.length + favourite;
            if (v >= videos) {
              continue;
            }
          }
          if (seen[v]) {
            continue;
          }
          seen[v] = true;
          String type = n < watchesPerUser ? "Watch" : "Click";
          long t = start + rnd.nextLong(span);
          w.write("user" + u + ",video" + v + "," + t + "," + type + "\n");
          n++;
        }
      }
    }
    return new Files(interactions, items);
  }
}
