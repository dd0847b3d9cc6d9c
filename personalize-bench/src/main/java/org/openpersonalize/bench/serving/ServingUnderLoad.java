package org.openpersonalize.bench.serving;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DatasetSummary;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * Serving while the store is busy (issue 9): 4 threads call GetRecommendations and 1 calls
 * PutEvents on a durable engine, first idle, then while a 1 M-row INCREMENTAL import runs, then
 * while a solution version trains. Prints p50 / p99 / max latency and failed calls per phase and
 * call, and each busy phase's p99 as a multiple of the idle p99 measured in the same run (the goal:
 * at most 5× for GetRecommendations, zero failed calls).
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar \
 *     org.openpersonalize.bench.serving.ServingUnderLoad [users items interactions importRows idleSeconds]
 * </pre>
 *
 * <p>Defaults: 20 k users, 20 k items, 500 k interactions in the trained campaign (64 factors), a 1
 * M-row import of new interactions for existing users and items, 15 s idle. Only the public API is
 * used, so the same class measures any engine build put on the class path (e.g. main before a
 * change).
 */
public final class ServingUnderLoad {
  private static final int READERS = 4;

  private final OpenPersonalize engine;
  private final String campaign;
  private final String trackingId;
  private final int users;
  private final int items;
  private volatile boolean stop;
  private volatile int phase = -1;
  private final Recorder[][] recs;
  private final AtomicLong sequence = new AtomicLong();

  /** Latencies of one thread in one phase, in nanoseconds, and its failures. */
  static final class Recorder {
    long[] nanos = new long[1 << 12];
    int n;
    long failures;
    String firstFailure;

    void add(long t) {
      if (n == nanos.length) {
        nanos = Arrays.copyOf(nanos, n * 2);
      }
      nanos[n++] = t;
    }
  }

  private ServingUnderLoad(
      OpenPersonalize engine, String campaign, String trackingId, int users, int items) {
    this.engine = engine;
    this.campaign = campaign;
    this.trackingId = trackingId;
    this.users = users;
    this.items = items;
    this.recs = new Recorder[3][READERS + 1];
    for (Recorder[] row : recs) {
      for (int t = 0; t < row.length; t++) {
        row[t] = new Recorder();
      }
    }
  }

  /**
   * Runs the three phases and prints the report.
   *
   * @param args optional: users, items, interactions, import rows, idle seconds, {@code
   *     import-only} to stop after the import
   * @throws Exception if set-up fails
   */
  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int items = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int interactions = args.length > 2 ? Integer.parseInt(args[2]) : 500_000;
    int importRows = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
    int idleSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 15;
    // "import-only" skips the training phase: the import's figures in a third of the time.
    boolean train = args.length <= 5 || !args[5].equals("import-only");
    long t0 = System.nanoTime();
    try (ServingCampaign serving = ServingCampaign.create(users, items, interactions)) {
      OpenPersonalize engine = serving.engine();
      Personalize p = engine.personalize();
      String group = serving.datasetGroupArn();
      String trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("load").datasetGroupArn(group).build())
              .trackingId();
      String interactionsDataset = null;
      for (DatasetSummary d :
          p.listDatasets(ListDatasetsRequest.builder().datasetGroupArn(group).build()).datasets()) {
        if ("Interactions".equalsIgnoreCase(d.datasetType())) {
          interactionsDataset = d.datasetArn();
        }
      }
      Path csv = Files.createTempFile("load-import", ".csv");
      writeImport(csv, users, items, importRows, 1_750_000_000L);
      System.out.printf(
          Locale.ROOT,
          "set-up: %d users, %d items, %d interactions trained, %d-row import file, %.0f s%n",
          users,
          items,
          interactions,
          importRows,
          (System.nanoTime() - t0) / 1e9);

      ServingUnderLoad load =
          new ServingUnderLoad(engine, serving.campaignArn(), trackingId, users, items);
      Thread[] threads = load.start();
      // Phase 0: idle.
      load.phase = 0;
      Thread.sleep(idleSeconds * 1000L);
      // Phase 1: a 1 M-row INCREMENTAL import.
      String job =
          p.createDatasetImportJob(
                  CreateDatasetImportJobRequest.builder()
                      .jobName("load-import")
                      .datasetArn(interactionsDataset)
                      .dataSource(d -> d.dataLocation(csv.toString()))
                      .importMode(ImportMode.INCREMENTAL)
                      .build())
              .datasetImportJobArn();
      long i0 = System.nanoTime();
      load.phase = 1;
      String importStatus = engine.awaitCompletion(job, Duration.ofHours(1));
      double importSeconds = (System.nanoTime() - i0) / 1e9;
      if (!train) {
        load.stop = true;
        for (Thread t : threads) {
          t.join();
        }
        Files.deleteIfExists(csv);
        System.out.printf(Locale.ROOT, "import %s in %.1f s%n", importStatus, importSeconds);
        load.report(2);
        return;
      }
      // Phase 2: a solution version trains (on everything, the import included).
      String solution =
          p.createSolution(
                  CreateSolutionRequest.builder()
                      .name("load-train")
                      .datasetGroupArn(group)
                      .recipeArn("arn:aws:personalize:::recipe/aws-user-personalization")
                      .solutionConfig(
                          SolutionConfig.builder()
                              .algorithmHyperParameters(
                                  Map.of("hidden_dimension", "64", "num_iterations", "5"))
                              .build())
                      .build())
              .solutionArn();
      String version =
          p.createSolutionVersion(
                  CreateSolutionVersionRequest.builder().solutionArn(solution).build())
              .solutionVersionArn();
      long v0 = System.nanoTime();
      load.phase = 2;
      String versionStatus = engine.awaitCompletion(version, Duration.ofHours(1));
      double trainSeconds = (System.nanoTime() - v0) / 1e9;
      load.stop = true;
      for (Thread t : threads) {
        t.join();
      }
      Files.deleteIfExists(csv);
      System.out.printf(
          Locale.ROOT,
          "import %s in %.1f s; training %s in %.1f s%n",
          importStatus,
          importSeconds,
          versionStatus,
          trainSeconds);
      load.report(3);
    }
  }

  private Thread[] start() {
    Thread[] threads = new Thread[READERS + 1];
    for (int t = 0; t < READERS; t++) {
      int id = t;
      threads[t] = new Thread(() -> recommend(id), "reader-" + t);
    }
    threads[READERS] = new Thread(this::putEvents, "put-events");
    for (Thread t : threads) {
      t.start();
    }
    return threads;
  }

  private void recommend(int id) {
    SplittableRandom rnd = new SplittableRandom(100 + id);
    while (!stop) {
      int ph = phase;
      String user = "u" + rnd.nextInt(users);
      long s = System.nanoTime();
      try {
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .userId(user)
                    .numResults(25)
                    .build());
        record(ph, id, System.nanoTime() - s, null);
      } catch (RuntimeException e) {
        record(ph, id, System.nanoTime() - s, e);
      }
    }
  }

  private void putEvents() {
    SplittableRandom rnd = new SplittableRandom(99);
    while (!stop) {
      int ph = phase;
      long k = sequence.incrementAndGet();
      PutEventsRequest request =
          PutEventsRequest.builder()
              .trackingId(trackingId)
              .userId("u" + rnd.nextInt(users))
              .sessionId("load")
              .eventList(
                  Event.builder()
                      .eventType("watch")
                      .itemId("i" + rnd.nextInt(items))
                      .sentAt(Instant.ofEpochSecond(1_800_000_000L + k))
                      .build())
              .build();
      long s = System.nanoTime();
      try {
        engine.events().putEvents(request);
        record(ph, READERS, System.nanoTime() - s, null);
      } catch (RuntimeException e) {
        record(ph, READERS, System.nanoTime() - s, e);
      }
    }
  }

  private void record(int ph, int thread, long nanos, RuntimeException failure) {
    if (ph < 0) {
      return; // warm-up before the idle phase starts
    }
    Recorder r = recs[ph][thread];
    if (failure == null) {
      r.add(nanos);
    } else {
      if (r.failures++ == 0) {
        r.firstFailure = failure.toString();
      }
    }
  }

  private void report(int phases) {
    String[] names = {"idle", "during 1 M-row import", "during training"};
    double[] idleP99 = new double[2];
    System.out.println();
    System.out.println(
        "| phase | call | calls | failed | p50 ms | p99 ms | max ms | p99 / idle p99 |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
    for (int ph = 0; ph < phases; ph++) {
      for (int kind = 0; kind < 2; kind++) {
        int from = kind == 0 ? 0 : READERS;
        int to = kind == 0 ? READERS : READERS + 1;
        int n = 0;
        long failures = 0;
        String first = null;
        for (int t = from; t < to; t++) {
          n += recs[ph][t].n;
          failures += recs[ph][t].failures;
          first = first == null ? recs[ph][t].firstFailure : first;
        }
        long[] all = new long[n];
        int k = 0;
        for (int t = from; t < to; t++) {
          System.arraycopy(recs[ph][t].nanos, 0, all, k, recs[ph][t].n);
          k += recs[ph][t].n;
        }
        Arrays.sort(all);
        double p50 = quantile(all, 0.50);
        double p99 = quantile(all, 0.99);
        double max = n == 0 ? Double.NaN : all[n - 1] / 1e6;
        if (ph == 0) {
          idleP99[kind] = p99;
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %s | %d | %d | %.1f | %.1f | %.1f | %.2f |%n",
            names[ph],
            kind == 0 ? "GetRecommendations (4 threads)" : "PutEvents (1 thread)",
            n,
            failures,
            p50,
            p99,
            max,
            p99 / idleP99[kind]);
        if (first != null) {
          System.out.println("  first failure: " + first);
        }
      }
    }
  }

  private static double quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  /**
   * New interactions of existing users and items, later than the trained ones: the {@code k}-th at
   * {@code firstTimestamp + k}, so files with distinct ranges of timestamps hold distinct rows.
   */
  static void writeImport(Path csv, int users, int items, int rows, long firstTimestamp)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(3);
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
      for (int k = 0; k < rows; k++) {
        int item =
            (int) Math.min(items - 1, Math.floor(Math.pow(items + 1.0, rnd.nextDouble()) - 1));
        w.write("u" + rnd.nextInt(users) + ",i" + item + "," + (firstTimestamp + k) + ",watch\n");
      }
    }
  }
}
