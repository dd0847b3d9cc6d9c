package org.openpersonalize.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the storage benchmarks with JMH and prints one line per metric: {@code metric ours baseline
 * ratio}, where ours and baseline are rates (rows/s or events/s) and the ratio is ours/baseline. On
 * shared, noisy machines only the ratio is a headline; the rates are there to read it by.
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar org.openpersonalize.bench.BenchReport \
 *     [--quick] [--rounds N] [--only import,putevents,trainingdata] [--training-rows N]
 * </pre>
 *
 * <p>Load from other processes drifts over minutes, so each side of a pair is run right next to the
 * other, in its own JMH fork, and the order alternates between rounds (ours then baseline, then
 * baseline then ours): a drift then hits both sides alike instead of one. The headline is the
 * median over the rounds of each round's ratio; every round is printed too. Defaults suit the
 * project's 2-core machines: 3 rounds, the warm-up and measurement counts of each benchmark's
 * annotations, 500 k rows per import, 10 M interactions for the training-data load (built once,
 * then reused from {@link BenchFiles#root()}). {@code --quick} checks the set-up and gives no
 * numbers worth keeping: 1 round, 1 M interactions, one warm-up and two measurements, short
 * PutEvents iterations.
 */
public final class BenchReport {
  private static final String PACKAGE = BenchReport.class.getPackageName() + ".";
  private static final String OURS = "engine";
  private static final String BASELINE = "rawSqlite";

  /** How long to wait for another JMH run on the machine before giving up. */
  private static final int LOCK_WAIT_MINUTES = 60;

  /**
   * One benchmark class in the report.
   *
   * @param option its name for {@code --only}
   * @param cls the class's simple name
   * @param metric the metric's name in the report
   * @param unitsParam the parameter that says how many units (rows, events) one operation moves
   */
  private record Bench(String option, String cls, String metric, String unitsParam) {}

  private static final List<Bench> BENCHES =
      List.of(
          new Bench("import", "ImportBenchmark", "import_rows_per_s", "rows"),
          new Bench("putevents", "PutEventsBenchmark", "putevents_events_per_s", "eventsPerCall"),
          new Bench(
              "trainingdata", "TrainingDataLoadBenchmark", "trainingdata_rows_per_s", "rows"));

  /**
   * One parameter combination of one benchmark: the unit a pair is measured on.
   *
   * @param bench the benchmark
   * @param params parameter name → value, in the order shown
   */
  private record Cell(Bench bench, Map<String, String> params) {
    String name() {
      StringBuilder sb = new StringBuilder(bench.metric()).append('[');
      boolean first = true;
      for (Map.Entry<String, String> e : params.entrySet()) {
        sb.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
        first = false;
      }
      return sb.append(']').toString();
    }
  }

  private BenchReport() {}

  /**
   * Runs the benchmarks and prints the report.
   *
   * @param args {@code --quick}, {@code --rounds N}, {@code --only a,b}, {@code --training-rows N}
   * @throws RunnerException if JMH cannot run
   */
  public static void main(String[] args) throws RunnerException {
    boolean quick = false;
    Integer rounds = null;
    List<String> only = List.of("import", "putevents", "trainingdata");
    Integer trainingRows = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick" -> quick = true;
          case "--rounds" -> rounds = positive("--rounds", value(args, ++i, "--rounds"));
          case "--only" -> only = List.of(value(args, ++i, "--only").split(","));
          case "--training-rows" ->
              trainingRows = positive("--training-rows", value(args, ++i, "--training-rows"));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      for (String name : only) {
        if (BENCHES.stream().noneMatch(b -> b.option().equals(name))) {
          throw new IllegalArgumentException(
              "--only must list import, putevents or trainingdata; got: " + name);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: BenchReport [--quick] [--rounds N] [--only import,putevents,trainingdata]"
              + " [--training-rows N]");
      System.exit(2);
      return;
    }
    if (rounds == null) {
      rounds = quick ? 1 : 3;
    }
    if (trainingRows == null) {
      trainingRows = quick ? 1_000_000 : 10_000_000;
    }
    List<Cell> cells = cells(only, trainingRows);
    String loadBefore = loadAverage();
    Instant start = Instant.now();
    // rates.get(cell)[round] = {ours, baseline}; details alike, as text.
    Map<Cell, double[][]> rates = new LinkedHashMap<>();
    Map<Cell, String[][]> details = new LinkedHashMap<>();
    for (Cell cell : cells) {
      double[][] perRound = new double[rounds][2];
      for (double[] pair : perRound) {
        Arrays.fill(pair, Double.NaN);
      }
      rates.put(cell, perRound);
      details.put(cell, new String[rounds][2]);
    }
    for (int round = 0; round < rounds; round++) {
      for (Cell cell : cells) {
        String[] order =
            round % 2 == 0 ? new String[] {OURS, BASELINE} : new String[] {BASELINE, OURS};
        for (String method : order) {
          Result<?> r = run(cell, method, quick);
          int side = method.equals(OURS) ? 0 : 1;
          double units = Double.parseDouble(cell.params().get(cell.bench().unitsParam()));
          rates.get(cell)[round][side] = units * opsPerSecond(r.getScore(), r.getScoreUnit());
          details.get(cell)[round][side] =
              String.format(
                  Locale.ROOT,
                  "%s %.1f ± %.1f %s",
                  method,
                  r.getScore(),
                  r.getScoreError(),
                  r.getScoreUnit());
        }
      }
    }
    print(rates, details, System.out, start, loadBefore);
  }

  /** The parameter combinations the report measures, per benchmark chosen. */
  private static List<Cell> cells(List<String> only, int trainingRows) {
    List<Cell> cells = new ArrayList<>();
    for (Bench b : BENCHES) {
      if (!only.contains(b.option())) {
        continue;
      }
      switch (b.option()) {
        case "import" -> {
          for (String order : List.of("user", "time")) {
            cells.add(new Cell(b, ordered("rows", "500000", "order", order)));
          }
        }
        case "putevents" -> {
          for (String n : List.of("1", "10")) {
            cells.add(new Cell(b, ordered("eventsPerCall", n)));
          }
        }
        case "trainingdata" ->
            cells.add(new Cell(b, ordered("rows", Integer.toString(trainingRows))));
        default -> throw new IllegalStateException("unknown benchmark " + b.option());
      }
    }
    return cells;
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** Runs one side of one cell in its own JMH fork and returns its primary result. */
  private static Result<?> run(Cell cell, String method, boolean quick) throws RunnerException {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(PACKAGE + cell.bench().cls() + "." + method) + "$")
            .forks(1)
            .shouldFailOnError(true);
    cell.params().forEach(options::param);
    if (quick) {
      options
          .warmupIterations(1)
          .measurementIterations(2)
          .warmupTime(TimeValue.seconds(1))
          .measurementTime(TimeValue.seconds(2));
    }
    List<RunResult> results = new ArrayList<>(runWhenFree(new Runner(options.build())));
    if (results.size() != 1) {
      throw new IllegalStateException(
          "expected one result for " + cell.name() + " " + method + "; got " + results.size());
    }
    return results.get(0).getPrimaryResult();
  }

  /**
   * Runs JMH, waiting while another JMH run holds its machine-wide lock. Other sessions benchmark
   * on the same machine; running beside them would spoil both measurements, and failing would lose
   * the rounds already done.
   */
  private static Collection<RunResult> runWhenFree(Runner runner) throws RunnerException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(LOCK_WAIT_MINUTES);
    while (true) {
      try {
        return runner.run();
      } catch (RunnerException e) {
        if (e.getMessage() == null
            || !e.getMessage().contains("JMH lock")
            || System.nanoTime() > deadline) {
          throw e;
        }
        System.out.println("# another JMH run holds the lock; waiting 30 s");
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static void print(
      Map<Cell, double[][]> rates,
      Map<Cell, String[][]> details,
      PrintStream out,
      Instant start,
      String loadBefore) {
    out.println();
    out.printf(
        Locale.ROOT,
        "# OpenPersonalize storage benchmarks, %s to %s, Java %s, %d cores%n",
        start.truncatedTo(ChronoUnit.SECONDS),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    out.printf(Locale.ROOT, "# load average before: %s; after: %s%n", loadBefore, loadAverage());
    out.printf(Locale.ROOT, "# files: %s%n", describeRoot());
    for (Map.Entry<Cell, double[][]> e : rates.entrySet()) {
      double[][] perRound = e.getValue();
      for (int round = 0; round < perRound.length; round++) {
        String[] d = details.get(e.getKey())[round];
        out.printf(
            Locale.ROOT,
            "# round %d %s: %.0f / %.0f = %.2f (%s; %s)%n",
            round + 1,
            e.getKey().name(),
            perRound[round][0],
            perRound[round][1],
            perRound[round][0] / perRound[round][1],
            d[0],
            d[1]);
      }
    }
    out.println("metric ours baseline ratio");
    for (Map.Entry<Cell, double[][]> e : rates.entrySet()) {
      double[][] perRound = e.getValue();
      double[] ours = new double[perRound.length];
      double[] baseline = new double[perRound.length];
      double[] ratio = new double[perRound.length];
      for (int round = 0; round < perRound.length; round++) {
        ours[round] = perRound[round][0];
        baseline[round] = perRound[round][1];
        ratio[round] = ours[round] / baseline[round];
      }
      out.printf(
          Locale.ROOT,
          "%s %.0f %.0f %.2f%n",
          e.getKey().name(),
          median(ours),
          median(baseline),
          median(ratio));
    }
  }

  /** The median; the mean of the middle two for an even count. */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String option, String value) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be a positive integer; got: " + value);
    }
    return n;
  }

  /** Converts a JMH score to operations per second. */
  static double opsPerSecond(double score, String unit) {
    String[] parts = unit.split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("unit must be ops/<time> or <time>/op; got: " + unit);
    }
    if (parts[0].equals("ops")) {
      return score / seconds(parts[1]);
    }
    return 1 / (score * seconds(parts[0]));
  }

  private static double seconds(String unit) {
    TimeUnit u =
        switch (unit) {
          case "s" -> TimeUnit.SECONDS;
          case "ms" -> TimeUnit.MILLISECONDS;
          case "us" -> TimeUnit.MICROSECONDS;
          case "ns" -> TimeUnit.NANOSECONDS;
          case "min" -> TimeUnit.MINUTES;
          default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    return u.toNanos(1) / 1e9;
  }

  /** The 1, 5 and 15 minute load averages, where the system tells them. */
  static String loadAverage() {
    try {
      String[] f =
          Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
              .trim()
              .split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String describeRoot() {
    Path root = BenchFiles.root();
    try {
      return root + " (" + Files.getFileStore(root).type() + ")";
    } catch (IOException e) {
      return root.toString();
    }
  }
}
