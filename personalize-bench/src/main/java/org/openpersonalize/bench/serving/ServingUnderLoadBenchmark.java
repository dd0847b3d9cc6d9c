package org.openpersonalize.bench.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
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
 * The JMH form of {@link ServingUnderLoad} (issue 9): 4 threads call GetRecommendations and 1 calls
 * PutEvents on a durable engine, in one asymmetric group, with latencies sampled per call ({@link
 * Mode#SampleTime}: JMH prints p50, p99 and max per method). {@link #phase} picks what runs in the
 * background for the whole trial, started by the trial's set-up after the campaign is ready:
 *
 * <ul>
 *   <li>{@code idle}: nothing;
 *   <li>{@code import}: INCREMENTAL import jobs of {@link #importRows} new interactions, one after
 *       another (each file has new timestamps, so every job writes new rows);
 *   <li>{@code training}: solution versions of aws-user-personalization (64 factors, 5 iterations)
 *       trained one after another on the campaign's dataset group.
 * </ul>
 *
 * <p>Compare each busy phase's p99 with the idle phase's p99 of the same run (the goal: at most
 * 5×). A call that fails is counted instead of aborting the iteration; the trial's tear-down prints
 * the count and the background jobs finished, and fails the trial if any call failed.
 *
 * <pre>
 * java -jar personalize-bench/target/benchmarks.jar ServingUnderLoadBenchmark \
 *     -p phase=idle,import,training
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 15)
@Measurement(iterations = 6, time = 30)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class ServingUnderLoadBenchmark {

  /** The engine, its campaign and what runs behind the calls. */
  @State(Scope.Benchmark)
  public static class Load {
    /** What runs in the background: {@code idle}, {@code import} or {@code training}. */
    @Param({"idle", "import", "training"})
    public String phase;

    /** Users of the trained campaign. */
    @Param({"10000"})
    public int users;

    /** Items of the trained campaign. */
    @Param({"10000"})
    public int items;

    /** Interactions the campaign is trained on. */
    @Param({"300000"})
    public int interactions;

    /** Rows per import job of the {@code import} phase. */
    @Param({"1000000"})
    public int importRows;

    ServingCampaign serving;
    OpenPersonalize engine;
    String campaign;
    String trackingId;

    private Thread background;
    private volatile boolean stopping;
    private final AtomicInteger jobsFinished = new AtomicInteger();
    private volatile String lastJob = "none";
    final AtomicLong failedCalls = new AtomicLong();
    volatile String firstFailure;

    /** Builds the campaign and starts the phase's background work. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
      serving = ServingCampaign.create(users, items, interactions);
      engine = serving.engine();
      Personalize p = engine.personalize();
      trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder()
                      .name("load")
                      .datasetGroupArn(serving.datasetGroupArn())
                      .build())
              .trackingId();
      campaign = serving.campaignArn();
      switch (phase) {
        case "idle" -> background = null;
        case "import" -> background = new Thread(this::importLoop, "background-imports");
        case "training" -> background = new Thread(this::trainingLoop, "background-training");
        default -> throw new IllegalArgumentException("phase must be idle, import or training");
      }
      if (background != null) {
        background.setDaemon(true);
        background.start();
      }
    }

    private void importLoop() {
      Personalize p = engine.personalize();
      String dataset = interactionsDataset(p);
      for (int job = 0; !stopping; job++) {
        try {
          Path csv = Files.createTempFile("load-import", ".csv");
          ServingUnderLoad.writeImport(
              csv, users, items, importRows, 1_750_000_000L + (long) job * importRows);
          long t0 = System.nanoTime();
          String arn =
              p.createDatasetImportJob(
                      CreateDatasetImportJobRequest.builder()
                          .jobName("load-import-" + job)
                          .datasetArn(dataset)
                          .dataSource(d -> d.dataLocation(csv.toString()))
                          .importMode(ImportMode.INCREMENTAL)
                          .build())
                  .datasetImportJobArn();
          String status = engine.awaitCompletion(arn, Duration.ofHours(1));
          Files.deleteIfExists(csv);
          finished("import " + job, status, t0);
        } catch (IOException | RuntimeException e) {
          if (!stopping) {
            throw new IllegalStateException("background import failed", e);
          }
        }
      }
    }

    private void trainingLoop() {
      Personalize p = engine.personalize();
      String solution =
          p.createSolution(
                  CreateSolutionRequest.builder()
                      .name("load-train")
                      .datasetGroupArn(serving.datasetGroupArn())
                      .recipeArn("arn:aws:personalize:::recipe/aws-user-personalization")
                      .solutionConfig(
                          SolutionConfig.builder()
                              .algorithmHyperParameters(
                                  Map.of("hidden_dimension", "64", "num_iterations", "5"))
                              .build())
                      .build())
              .solutionArn();
      for (int v = 0; !stopping; v++) {
        try {
          long t0 = System.nanoTime();
          String arn =
              p.createSolutionVersion(
                      CreateSolutionVersionRequest.builder().solutionArn(solution).build())
                  .solutionVersionArn();
          finished("training " + v, engine.awaitCompletion(arn, Duration.ofHours(1)), t0);
        } catch (RuntimeException e) {
          if (!stopping) {
            throw new IllegalStateException("background training failed", e);
          }
        }
      }
    }

    private void finished(String what, String status, long t0) {
      jobsFinished.incrementAndGet();
      lastJob =
          String.format(
              Locale.ROOT, "%s %s in %.1f s", what, status, (System.nanoTime() - t0) / 1e9);
      System.out.println("[background] " + lastJob);
    }

    private String interactionsDataset(Personalize p) {
      for (DatasetSummary d :
          p.listDatasets(
                  ListDatasetsRequest.builder().datasetGroupArn(serving.datasetGroupArn()).build())
              .datasets()) {
        if ("Interactions".equalsIgnoreCase(d.datasetType())) {
          return d.datasetArn();
        }
      }
      throw new IllegalStateException("the campaign's dataset group has no Interactions dataset");
    }

    void failed(RuntimeException e) {
      if (failedCalls.getAndIncrement() == 0) {
        firstFailure = e.toString();
      }
    }

    /** Stops the background work, closes the engine and reports failed calls. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
      stopping = true;
      System.out.printf(
          Locale.ROOT,
          "%n[%s] background jobs finished: %d (last: %s); failed calls: %d%n",
          phase,
          jobsFinished.get(),
          lastJob,
          failedCalls.get());
      // Closing fails a running import or training; the loop sees stopping and ends.
      serving.close();
      if (background != null) {
        background.join(TimeUnit.MINUTES.toMillis(2));
      }
      if (failedCalls.get() > 0) {
        throw new IllegalStateException(
            failedCalls.get() + " calls failed during " + phase + "; first: " + firstFailure);
      }
    }
  }

  /** One calling thread's random users and items, seeded by the order threads arrive in. */
  @State(Scope.Thread)
  public static class Caller {
    private static final AtomicInteger SEEDS = new AtomicInteger(100);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    SplittableRandom rnd;

    /** Seeds the thread's random numbers. */
    @Setup(Level.Trial)
    public void setUp() {
      rnd = new SplittableRandom(SEEDS.getAndIncrement());
    }
  }

  /**
   * GetRecommendations for a random user, 25 items.
   *
   * @return the response, or null if the call failed (counted in the trial)
   */
  @Benchmark
  @Group("serving")
  @GroupThreads(4)
  public Object getRecommendations(Load load, Caller caller) {
    try {
      return load.engine
          .runtime()
          .getRecommendations(
              GetRecommendationsRequest.builder()
                  .campaignArn(load.campaign)
                  .userId("u" + caller.rnd.nextInt(load.users))
                  .numResults(25)
                  .build());
    } catch (RuntimeException e) {
      load.failed(e);
      return null;
    }
  }

  /**
   * PutEvents of one new event of a random user and item.
   *
   * @return the number of events sent, or 0 if the call failed (counted in the trial)
   */
  @Benchmark
  @Group("serving")
  @GroupThreads(1)
  public int putEvents(Load load, Caller caller) {
    long k = Caller.SEQUENCE.incrementAndGet();
    PutEventsRequest request =
        PutEventsRequest.builder()
            .trackingId(load.trackingId)
            .userId("u" + caller.rnd.nextInt(load.users))
            .sessionId("load")
            .eventList(
                Event.builder()
                    .eventType("watch")
                    .itemId("i" + caller.rnd.nextInt(load.items))
                    .sentAt(Instant.ofEpochSecond(1_800_000_000L + k))
                    .build())
            .build();
    try {
      load.engine.events().putEvents(request);
      return 1;
    } catch (RuntimeException e) {
      load.failed(e);
      return 0;
    }
  }
}
