package org.openpersonalize.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openpersonalize.engine.sample.SampleData;

/**
 * Interaction rows for the benchmarks, as the Personalize CSV an import job reads and as parsed
 * columns that the raw-SQLite baselines insert, so both sides write exactly the same rows.
 *
 * <p>The rows are the first {@code n} events of the engine's own {@link SampleData} generator
 * (power-law item popularity, skewed user activity; seed 42), so they are distinct and the same on
 * every run. The generator writes each user's history together, in time order. {@link Order#TIME}
 * re-sorts the rows by timestamp, as an event log exported from a live system would be: that is the
 * harder case for a table keyed by user, because every insert then lands somewhere else in the
 * B-tree.
 */
final class InteractionRows {
  /** The CSV header, which is the column order of every table in the benchmarks. */
  static final String HEADER = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE";

  /** The generator's seed. */
  static final long SEED = 42;

  private static final int MEAN_EVENTS_PER_USER = 40;

  /** The order of the rows in the CSV file. */
  enum Order {
    /** Each user's events together, in time order: what the generator writes. */
    USER,
    /** All events sorted by timestamp, like an exported event log. */
    TIME;

    static Order parse(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  final int size;
  final String[] user;
  final String[] item;
  final long[] timestamp;
  final String[] eventType;
  final float[] eventValue;

  private InteractionRows(
      String[] user, String[] item, long[] timestamp, String[] eventType, float[] eventValue) {
    this.size = user.length;
    this.user = user;
    this.item = item;
    this.timestamp = timestamp;
    this.eventType = eventType;
    this.eventValue = eventValue;
  }

  /**
   * The CSV of the first {@code rows} generated events in {@code order}, written once under {@link
   * BenchFiles#root()} and reused by later runs and JMH forks (the file is moved into place only
   * when complete, so a killed run leaves no half file behind).
   */
  static Path csv(int rows, Order order) {
    Path file =
        BenchFiles.root()
            .resolve(
                String.format(
                    Locale.ROOT,
                    "interactions-%d-%s-seed%d.csv",
                    rows,
                    order.name().toLowerCase(Locale.ROOT),
                    SEED));
    if (Files.exists(file)) {
      return file;
    }
    Path work = BenchFiles.freshDir("generate-");
    try {
      Path generated = generate(rows, work);
      Path tmp = work.resolve("out.csv");
      if (order == Order.USER) {
        copyFirst(generated, tmp, rows);
      } else {
        writeSortedByTime(generated, tmp, rows);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    } finally {
      BenchFiles.deleteTree(work);
    }
  }

  /** Runs the generator with enough users for at least {@code rows} events. */
  private static Path generate(int rows, Path dir) throws IOException {
    // Activity per user is exponential, capped at 3× the mean, so the mean is a little under
    // MEAN_EVENTS_PER_USER; 20 % more users than rows/mean leaves a margin.
    int users = (int) Math.min(Integer.MAX_VALUE, (long) rows * 12 / 10 / MEAN_EVENTS_PER_USER + 2);
    int items = Math.max(1_000, Math.min(50_000, rows / 200));
    while (true) {
      SampleData sample = SampleData.generate(SEED, users, items, MEAN_EVENTS_PER_USER);
      if (sample.events() >= rows) {
        return sample.writeTo(dir).interactions();
      }
      users = users * 2;
    }
  }

  private static void copyFirst(Path from, Path to, int rows) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(from, StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      requireHeader(header, from);
      w.write(header);
      w.write('\n');
      for (int i = 0; i < rows; i++) {
        w.write(r.readLine());
        w.write('\n');
      }
    }
  }

  private static void writeSortedByTime(Path from, Path to, int rows) throws IOException {
    String[] lines = new String[rows];
    long[] keys = new long[rows];
    try (BufferedReader r = Files.newBufferedReader(from, StandardCharsets.UTF_8)) {
      requireHeader(r.readLine(), from);
      for (int i = 0; i < rows; i++) {
        lines[i] = r.readLine();
        keys[i] = Long.parseLong(field(lines[i], 2));
      }
    }
    // Sort (timestamp, original position) pairs so ties keep the generator's order.
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> keys[a] != keys[b] ? Long.compare(keys[a], keys[b]) : Integer.compare(a, b));
    try (BufferedWriter w = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (Integer i : order) {
        w.write(lines[i]);
        w.write('\n');
      }
    }
  }

  private static void requireHeader(String header, Path file) {
    if (!HEADER.equals(header)) {
      throw new IllegalStateException(
          "header of " + file + " must be " + HEADER + "; got: " + header);
    }
  }

  /**
   * Parses a CSV written by {@link #csv} into columns. Repeated IDs share one {@code String}, as an
   * application holding its events in memory would have them; parsing is never timed.
   */
  static InteractionRows read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + csv, e);
    }
    requireHeader(lines.get(0), csv);
    int n = lines.size() - 1;
    String[] user = new String[n];
    String[] item = new String[n];
    long[] ts = new long[n];
    String[] type = new String[n];
    float[] value = new float[n];
    Map<String, String> strings = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String line = lines.get(i + 1);
      int a = line.indexOf(',');
      int b = line.indexOf(',', a + 1);
      int c = line.indexOf(',', b + 1);
      int d = line.indexOf(',', c + 1);
      user[i] = strings.computeIfAbsent(line.substring(0, a), s -> s);
      item[i] = strings.computeIfAbsent(line.substring(a + 1, b), s -> s);
      ts[i] = Long.parseLong(line, b + 1, c, 10);
      type[i] = strings.computeIfAbsent(line.substring(c + 1, d), s -> s);
      value[i] = Float.parseFloat(line.substring(d + 1));
    }
    return new InteractionRows(user, item, ts, type, value);
  }

  private static String field(String line, int index) {
    int start = 0;
    for (int k = 0; k < index; k++) {
      start = line.indexOf(',', start) + 1;
    }
    int end = line.indexOf(',', start);
    return end < 0 ? line.substring(start) : line.substring(start, end);
  }
}
