package org.openpersonalize.bench.sequence;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openpersonalize.bench.recipes.PowerLawData;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * Training time of recipes with their defaults on generated power-law data (the 1 M
 * interactions, 6 k users, 3.7 k items; with {@code --metadata}, also a GENRE column of one to
 * three of 20 values per item, item creation times, and GENDER and AGE_GROUP columns per user, as
 * aws-hrnn-metadata and aws-hrnn-coldstart need), two threads, one recipe after another in one JVM
 * so that their ratios share the machine's load. Prints wall seconds, process CPU seconds (all
 * threads) and the load average before and after each run: on a shared machine the CPU seconds are
 * the figure to compare, and wall time on an idle two-core machine is roughly CPU seconds / 2.
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar \
 *   org.openpersonalize.bench.sequence.SequenceTrainingTime aws-user-personalization,aws-hrnn \
 *   6000 3700 1000000 [--metadata] [name=value ...]
 * </pre>
 */
public final class SequenceTrainingTime {
  private SequenceTrainingTime() {}

  /**
   * Arguments: recipe names separated by commas, users, items, interactions, then {@code
   * name=value} hyperparameters applied to every recipe that declares them.
   */
  public static void main(String[] args) {
    String[] names = args[0].split(",");
    int users = Integer.parseInt(args[1]);
    int items = Integer.parseInt(args[2]);
    int interactions = Integer.parseInt(args[3]);
    Map<String, String> hp = new LinkedHashMap<>();
    boolean metadata = false;
    for (int a = 4; a < args.length; a++) {
      if (args[a].equals("--metadata")) {
        metadata = true;
        continue;
      }
      String[] kv = args[a].split("=", 2);
      hp.put(kv[0], kv[1]);
    }
    TrainingData data = PowerLawData.generate(users, items, interactions, 42);
    if (metadata) {
      data = withMetadata(data, 43);
    }
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      for (String name : names) {
        Recipe recipe = NextItemEval.find(name);
        Map<String, String> own = new LinkedHashMap<>();
        recipe
            .hyperparameters()
            .forEach(
                spec -> {
                  if (hp.containsKey(spec.name())) {
                    own.put(spec.name(), hp.get(spec.name()));
                  }
                });
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        long cpu0 = NextItemEval.processCpuNanos();
        recipe.train(
            data,
            recipe.resolveHyperparameters(own),
            TrainingContext.builder().seed(42).parallelism(2).executor(pool).build());
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (NextItemEval.processCpuNanos() - cpu0) / 1e9;
        double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(
            Locale.ROOT,
            "%s %s users %d items %d interactions %d: %.1f s wall, %.1f s CPU, load %.1f -> %.1f%n",
            name,
            own,
            users,
            items,
            data.numInteractions(),
            wall,
            cpu,
            load0,
            load1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same interactions with generated Items and Users metadata. */
  static TrainingData withMetadata(TrainingData d, long seed) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    int n = d.numInteractions();
    int[] u = new int[n];
    int[] i = new int[n];
    long[] t = new long[n];
    float[] w = new float[n];
    long newest = Long.MIN_VALUE;
    for (int k = 0; k < n; k++) {
      u[k] = d.userIdx(k);
      i[k] = d.itemIdx(k);
      t[k] = d.timestamp(k);
      w[k] = d.weight(k);
      newest = Math.max(newest, t[k]);
    }
    int ni = d.numItems();
    int[] offsets = new int[ni + 1];
    int[] genres = new int[ni * 3];
    long[] created = new long[ni];
    int c = 0;
    for (int item = 0; item < ni; item++) {
      int first = rng.nextInt(20);
      int count = 1 + rng.nextInt(3);
      for (int g = 0; g < count; g++) {
        genres[c++] = (first + 7 * g) % 20;
      }
      offsets[item + 1] = c;
      created[item] = newest - (long) rng.nextInt(400) * 86_400L;
    }
    int nu = d.numUsers();
    int[] userOffsets = new int[nu + 1];
    int[] gender = new int[nu];
    int[] age = new int[nu];
    for (int user = 0; user < nu; user++) {
      userOffsets[user + 1] = user + 1;
      gender[user] = rng.nextInt(2);
      age[user] = rng.nextInt(7);
    }
    return TrainingData.builder(nu, ni)
        .interactions(u, i, t, w)
        .itemCategorical("GENRE", 20, offsets, java.util.Arrays.copyOf(genres, c))
        .itemCreationTimestamps(created)
        .userCategorical("GENDER", 2, userOffsets, gender)
        .userCategorical("AGE_GROUP", 7, userOffsets.clone(), age)
        .build();
  }
}
