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
 * interactions, 6 k users, 3.7 k items), two threads, one recipe after another in one JVM so that
 * their ratios share the machine's load. Prints wall seconds, process CPU seconds (all threads) and
 * the load average before and after each run: on a shared machine the CPU seconds are the figure to
 * compare, and wall time on an idle two-core machine is roughly CPU seconds / 2.
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar \
 *   org.openpersonalize.bench.sequence.SequenceTrainingTime aws-user-personalization,aws-hrnn \
 *   6000 3700 1000000 [name=value ...]
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
    for (int a = 4; a < args.length; a++) {
      String[] kv = args[a].split("=", 2);
      hp.put(kv[0], kv[1]);
    }
    TrainingData data = PowerLawData.generate(users, items, interactions, 42);
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
}
