package org.openpersonalize.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.openpersonalize.engine.KillTrials;

/**
 * kill -9 trials at scale (issue 12): the engine test {@code CrashRecoveryTest} runs a dozen of
 * {@link KillTrials} in every build; this runs as many as asked (default 100) on one durable
 * directory and prints the tally as a table row for {@code docs/reliability.md}. Each trial kills a
 * child JVM that streams PutEvents, runs INCREMENTAL imports, trains solution versions and runs
 * batch inference and batch segment jobs at once, a random 0-3 s after its first acknowledged event
 * and, by the trial's number, its first import, version, batch inference or segment job; the checks
 * after each kill are {@link KillTrials}'s. Exits 1 if anything was lost.
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar org.openpersonalize.bench.CrashTrials [trials] [seed] [recipeArn]
 * </pre>
 *
 * <p>The child trains {@code aws-popularity-count} unless another recipe is named: the training
 * lifecycle (data scan, model file, status) is what a kill interrupts, and the fastest recipe fits
 * 100 trials in about an hour on a busy 2-core machine.
 */
public final class CrashTrials {
  private CrashTrials() {}

  /**
   * Runs the trials.
   *
   * @param args trials (default 100), seed (default 2026), recipe ARN of the trained solution
   * @throws Exception if a child cannot be started or hangs
   */
  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 2026;
    String recipe =
        args.length > 2 && !args[2].isEmpty()
            ? args[2]
            : "arn:aws:personalize:::recipe/aws-popularity-count";
    Path dir = BenchFiles.freshDir("crash-");
    long t0 = System.nanoTime();
    KillTrials run = new KillTrials(dir, recipe, Map.of());
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int round = 0; round < trials; round++) {
      run.trial(round, rnd.nextInt(3000));
      if ((round + 1) % 10 == 0) {
        System.out.println(run.summary());
      }
    }
    KillTrials.Tally t = run.tally();
    int[] a = run.acknowledged();
    System.out.printf(
        Locale.ROOT,
        "%n| kill trials | integrity_check ok | acknowledged events | imports | versions"
            + " | batch inference jobs | segment jobs | failed by a kill: imports | versions"
            + " | batch inference jobs | segment jobs | output files checked whole"
            + " | temp outputs right after a kill | temp models right after a kill | lost"
            + " | minutes |%n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"
            + "| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f |%n",
        t.trials,
        t.integrityOk,
        a[0],
        a[1],
        a[2],
        a[3],
        a[4],
        t.failedImports,
        t.failedVersions,
        t.failedInferenceJobs,
        t.failedSegmentJobs,
        t.outputFilesChecked,
        t.tempOutputsAfterKill,
        t.tempModelsAfterKill,
        t.losses.size(),
        (System.nanoTime() - t0) / 6e10);
    for (String loss : t.losses) {
      System.out.println("LOST: " + loss);
    }
    if (!t.losses.isEmpty()) {
      System.exit(1);
    }
  }
}
