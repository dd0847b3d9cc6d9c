package org.openpersonalize.bench.accuracy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Rows of a MovieLens 100K ratings file ({@code user \t item \t rating \t timestamp}), and the
 * item-stratified split the benchmark uses, so that a validation split can be carved out of the
 * training file with the same procedure.
 *
 * @param lines the rows, as read
 * @param users each row's user
 * @param items each row's item
 */
record Ratings(List<String> lines, String[] users, String[] items) {

  static Ratings read(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    String[] users = new String[lines.size()];
    String[] items = new String[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t", -1);
      if (f.length != 4) {
        throw new IllegalArgumentException(
            file
                + ": line "
                + (i + 1)
                + ": expected 4 tab-separated fields; found \""
                + lines.get(i)
                + "\"");
      }
      users[i] = f[0];
      items[i] = f[1];
    }
    return new Ratings(lines, users, items);
  }

  int size() {
    return lines.size();
  }

  /** Each user's items, in file order. */
  Map<String, Set<String>> itemsByUser() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < size(); i++) {
      m.computeIfAbsent(users[i], u -> new LinkedHashSet<>()).add(items[i]);
    }
    return m;
  }

  /**
   * The Recommenders library's {@code python_stratified_split(filter_by="item")}: one uniform draw
   * per row in file order, rows sorted by (item, draw), and each item's first round-half-even(ratio
   * × n) rows go to the first part. The draws come from {@link SplittableRandom}, not numpy, so the
   * procedure is the same and the partition is not.
   *
   * @param ratio the first part's share
   * @param seed the draws' seed
   * @return the two parts
   */
  Ratings[] stratifiedByItem(double ratio, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] draw = new double[size()];
    for (int i = 0; i < draw.length; i++) {
      draw[i] = rnd.nextDouble();
    }
    Integer[] order = new Integer[size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order,
        Comparator.<Integer, Integer>comparing(i -> Integer.parseInt(items[i]))
            .thenComparingDouble(i -> draw[i]));
    boolean[] first = new boolean[size()];
    for (int start = 0; start < order.length; ) {
      int end = start;
      while (end < order.length && items[order[end]].equals(items[order[start]])) {
        end++;
      }
      long take = (long) Math.rint(ratio * (end - start));
      for (int j = start; j < start + take; j++) {
        first[order[j]] = true;
      }
      start = end;
    }
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      (first[i] ? a : b).add(i);
    }
    return new Ratings[] {subset(a), subset(b)};
  }

  private Ratings subset(List<Integer> rows) {
    List<String> l = new ArrayList<>(rows.size());
    String[] u = new String[rows.size()];
    String[] it = new String[rows.size()];
    for (int j = 0; j < rows.size(); j++) {
      l.add(lines.get(rows.get(j)));
      u[j] = users[rows.get(j)];
      it[j] = items[rows.get(j)];
    }
    return new Ratings(l, u, it);
  }

  void write(Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
      for (String line : lines) {
        w.write(line);
        w.write('\n');
      }
    }
  }
}
