package org.openpersonalize.bench.accuracy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The split of {@link RelatedItemsHarness}: ratings as {@code long[] {user, item, rating, time}}.
 * Each user's ratings are ordered by (time, item); the last is held out as the target of the
 * "latest item" case, whose query is the user's last training rating. Then {@value #COLD_ITEMS}
 * items with at least {@value #MIN_RATINGS} remaining ratings are drawn with the seed and keep only
 * their {@value #KEPT} earliest ratings; each removed rating whose user rated something after it
 * becomes a cold case (query: the cold item; target: that next item; excluded: what the user rated
 * before). Applied to its own {@link #train()} part, it gives the validation split.
 *
 * @param train the training ratings
 * @param latest one case per user: query = latest training item, target = held-out item
 * @param coldItems the items made cold
 * @param coldCases the cold-item cases
 */
record RelatedItemsProtocol(
    List<long[]> train, List<Case> latest, List<String> coldItems, List<Case> coldCases) {
  static final int COLD_ITEMS = 100;
  static final int MIN_RATINGS = 30;
  static final int KEPT = 3;

  /**
   * One query.
   *
   * @param user the user whose history the case comes from
   * @param query the itemId asked about
   * @param target the item that should be recommended
   * @param exclude items removed from the list before scoring (the user's earlier items)
   */
  record Case(String user, String query, String target, Set<String> exclude) {}

  static List<long[]> readUData(Path file) throws IOException {
    List<long[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      if (!line.isEmpty()) {
        String[] f = line.split("\t", -1);
        rows.add(
            new long[] {
              Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])
            });
      }
    }
    return rows;
  }

  static RelatedItemsProtocol of(List<long[]> all, long seed) {
    Map<Long, List<long[]>> byUser = new LinkedHashMap<>();
    List<long[]> sorted = new ArrayList<>(all);
    sorted.sort(
        Comparator.<long[]>comparingLong(r -> r[0])
            .thenComparingLong(r -> r[3])
            .thenComparingLong(r -> r[1]));
    for (long[] r : sorted) {
      byUser.computeIfAbsent(r[0], u -> new ArrayList<>()).add(r);
    }
    List<long[]> rest = new ArrayList<>();
    Map<Long, long[]> heldOut = new LinkedHashMap<>();
    for (Map.Entry<Long, List<long[]>> e : byUser.entrySet()) {
      List<long[]> h = e.getValue();
      if (h.size() < 2) {
        rest.addAll(h);
        continue;
      }
      heldOut.put(e.getKey(), h.get(h.size() - 1));
      rest.addAll(h.subList(0, h.size() - 1));
    }
    // Cold items: drawn among items with enough ratings, in item order, with the seed.
    Map<Long, List<long[]>> byItem = new LinkedHashMap<>();
    List<long[]> byTime = new ArrayList<>(rest);
    byTime.sort(
        Comparator.<long[]>comparingLong(r -> r[3])
            .thenComparingLong(r -> r[0])
            .thenComparingLong(r -> r[1]));
    for (long[] r : byTime) {
      byItem.computeIfAbsent(r[1], i -> new ArrayList<>()).add(r);
    }
    long[] candidates =
        byItem.entrySet().stream()
            .filter(e -> e.getValue().size() >= MIN_RATINGS)
            .mapToLong(Map.Entry::getKey)
            .sorted()
            .toArray();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int k = candidates.length - 1; k > 0; k--) {
      int j = rnd.nextInt(k + 1);
      long tmp = candidates[k];
      candidates[k] = candidates[j];
      candidates[j] = tmp;
    }
    Set<Long> cold = new HashSet<>();
    for (int k = 0; k < Math.min(COLD_ITEMS, candidates.length); k++) {
      cold.add(candidates[k]);
    }
    Set<long[]> removed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (long item : cold) {
      List<long[]> r = byItem.get(item);
      removed.addAll(r.subList(KEPT, r.size()));
    }
    List<long[]> train = new ArrayList<>();
    for (long[] r : rest) {
      if (!removed.contains(r)) {
        train.add(r);
      }
    }
    // Latest-item cases, from each user's training history.
    Map<Long, List<long[]>> trainByUser = new LinkedHashMap<>();
    for (long[] r : train) {
      trainByUser.computeIfAbsent(r[0], u -> new ArrayList<>()).add(r);
    }
    List<Case> latest = new ArrayList<>();
    for (Map.Entry<Long, long[]> e : heldOut.entrySet()) {
      List<long[]> h = trainByUser.get(e.getKey());
      if (h == null || h.isEmpty()) {
        continue;
      }
      Set<String> seen = new HashSet<>();
      for (long[] r : h) {
        seen.add(Long.toString(r[1]));
      }
      latest.add(
          new Case(
              Long.toString(e.getKey()),
              Long.toString(h.get(h.size() - 1)[1]),
              Long.toString(e.getValue()[1]),
              seen));
    }
    // Cold cases: each removed rating followed by another rating of the same user.
    List<Case> coldCases = new ArrayList<>();
    for (List<long[]> h : byUser.values()) {
      for (int k = 0; k + 1 < h.size(); k++) {
        if (removed.contains(h.get(k))) {
          Set<String> before = new HashSet<>();
          for (int b = 0; b < k; b++) {
            before.add(Long.toString(h.get(b)[1]));
          }
          coldCases.add(
              new Case(
                  Long.toString(h.get(k)[0]),
                  Long.toString(h.get(k)[1]),
                  Long.toString(h.get(k + 1)[1]),
                  before));
        }
      }
    }
    List<String> coldItems = new ArrayList<>();
    long[] c = cold.stream().mapToLong(Long::longValue).sorted().toArray();
    for (long item : c) {
      coldItems.add(Long.toString(item));
    }
    return new RelatedItemsProtocol(train, latest, coldItems, coldCases);
  }
}
