package org.openpersonalize.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.PersonalizeEvents;
import org.openpersonalize.api.PersonalizeRuntime;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.engine.internal.Engine;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.store.Store;

/**
 * Amazon Personalize, embedded: one engine per data directory, holding the three clients an
 * application uses — {@link #personalize()} (control plane), {@link #runtime()} (recommendations)
 * and {@link #events()} (real-time data) — backed by an embedded SQLite database.
 *
 * <pre>{@code
 * try (OpenPersonalize engine = OpenPersonalize.open(Path.of("personalize-data"))) {
 *   String group = engine.personalize()
 *       .createDatasetGroup(CreateDatasetGroupRequest.builder().name("movies").build())
 *       .datasetGroupArn();
 * }
 * }</pre>
 *
 * <p>Everything created survives {@link #close()} and a later {@link #open(Path)}; a write that
 * returned survives a killed process. The engine is thread-safe. Long operations (import jobs,
 * training) run on the engine's own background threads; {@link #awaitCompletion(String, Duration)}
 * waits for one.
 */
public final class OpenPersonalize implements AutoCloseable {
  static {
    Engine.installAccess(facade -> facade.engine);
  }

  private final Engine engine;

  private OpenPersonalize(
      Store store,
      Clock clock,
      int threads,
      TrainingProgressListener progress,
      Duration schedulerInterval,
      Duration automaticUpdateInterval,
      Duration recommenderTraining) {
    WorkerFactory workers = new WorkerFactory();
    this.engine =
        new Engine(
            store,
            clock,
            Executors.newFixedThreadPool(threads, workers),
            progress,
            schedulerInterval,
            automaticUpdateInterval,
            "openpersonalize-" + workers.engine + "-scheduler",
            recommenderTraining);
  }

  /**
   * Opens the durable engine stored in {@code directory}, creating it if needed.
   *
   * @param directory where the database ({@code personalize.db}) and model files live
   * @return the engine; close it when done
   * @throws PersonalizeException if another engine (in this or another process) holds the
   *     directory, or the database cannot be opened
   */
  public static OpenPersonalize open(Path directory) {
    return builder().directory(directory).build();
  }

  /**
   * Opens an engine on an in-memory database: the same engine and SQL as {@link #open(Path)}, for
   * tests and notebooks. Its data is gone when it is closed.
   *
   * @return the engine
   */
  public static OpenPersonalize inMemory() {
    return builder().build();
  }

  /**
   * Starts a builder for an engine with non-default settings.
   *
   * @return a builder; without a directory it builds an in-memory engine
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The control plane: dataset groups, schemas, datasets, import jobs and event trackers.
   *
   * @return the client, valid until the engine is closed
   */
  public Personalize personalize() {
    return engine.personalize();
  }

  /**
   * Recommendations: {@code GetRecommendations} and {@code GetPersonalizedRanking} from campaigns.
   *
   * @return the client, valid until the engine is closed
   */
  public PersonalizeRuntime runtime() {
    return engine.runtime();
  }

  /**
   * Real-time data: {@code PutEvents}, {@code PutItems} and {@code PutUsers}.
   *
   * @return the client, valid until the engine is closed
   */
  public PersonalizeEvents events() {
    return engine.events();
  }

  /**
   * Waits until a resource created in the background (an import job, a solution version) leaves
   * {@code CREATE PENDING} and {@code CREATE IN_PROGRESS}.
   *
   * @param arn the resource's ARN
   * @param timeout the longest wait
   * @return the final status, e.g. {@code ACTIVE} or {@code CREATE FAILED}
   * @throws ResourceNotFoundException if there is no such resource
   * @throws PersonalizeException if the timeout passes first, or the wait is interrupted
   */
  public String awaitCompletion(String arn, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long sleepMs = 1;
    while (true) {
      String status = engine.status(arn);
      if (Status.isTerminal(status)) {
        return status;
      }
      if (System.nanoTime() > deadline) {
        throw new PersonalizeException(
            arn
                + " is still "
                + status
                + " after "
                + timeout
                + "; wait longer or check its progress");
      }
      try {
        Thread.sleep(sleepMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PersonalizeException("Interrupted while waiting for " + arn, e);
      }
      sleepMs = Math.min(50, sleepMs * 2);
    }
  }

  /**
   * Runs the scheduled work that is due by the engine's clock now — automatic training of solutions
   * ({@code performAutoTraining}) and automatic campaign updates — on the calling thread, and
   * returns once it has started (a training it starts runs in the background; wait for it with
   * {@link #awaitCompletion}). The engine's scheduler thread does the same every {@link
   * Builder#schedulerInterval scheduler interval}; this is for an engine built with a zero interval
   * and a clock the caller moves, as tests do, and for running due work without waiting for the
   * next interval. Amazon has no such operation: its schedules run in the service.
   *
   * @return how many pieces of scheduled work ran (0 when nothing was due or the engine is closed)
   */
  public int runScheduledWork() {
    return engine.runScheduledWork();
  }

  /**
   * A dataset group's data in primitive columns, for this package's tests. Not part of the API:
   * benchmarks and the examples reach it through the internal engine.
   */
  DatasetGroupData trainingData(String datasetGroupArn) {
    return engine.trainingData(datasetGroupArn);
  }

  /** The engine's store, for the fault-injection tests in this package. */
  Store store() {
    return engine.store();
  }

  /**
   * Registers a model trained outside the engine — by {@code personalize-spark} on a cluster, for
   * one — as an {@code ACTIVE} solution version of an existing solution, as if {@code
   * CreateSolutionVersion} had trained it (Amazon has no import operation; docs/scale-out.md). The
   * file is verified and copied into the engine before the version exists; campaigns, filters,
   * promotions and real-time events then work on it unchanged.
   *
   * @param request the solution, the model file, and the hyperparameters and metrics to report
   * @return the new solution version's ARN
   * @throws org.openpersonalize.api.model.InvalidInputException if the request is null, the file is
   *     missing, damaged, of another recipe or inconsistent, or a field is invalid
   * @throws ResourceNotFoundException if there is no such solution
   */
  public String importSolutionVersion(ImportSolutionVersionRequest request) {
    return engine.importSolutionVersion(request);
  }

  /**
   * The trials of a solution version's hyperparameter search ({@code performHPO} with {@code
   * solutionConfig.hpoConfig}, spec §9.4), by trial number: each trial's values and its validation
   * metrics. Amazon Personalize has no such operation — it reports only the winning values, in
   * DescribeSolutionVersion's {@code tunedHPOParams} — so this is an engine-level read beside the
   * API (docs/decisions.md, HPO). The list grows while the version trains; a version of a solution
   * without a search has none. Trials are also pushed to {@link
   * TrainingProgressListener#onHpoTrial} as they finish.
   *
   * @param solutionVersionArn the version
   * @return the trials so far, unmodifiable
   * @throws ResourceNotFoundException if there is no such version
   * @throws org.openpersonalize.api.model.InvalidInputException if the ARN is malformed
   */
  public java.util.List<HpoTrial> listHpoTrials(String solutionVersionArn) {
    return java.util.List.copyOf(engine.hpoTrials(solutionVersionArn));
  }

  /**
   * Stops background work and closes the database. A job still running is rolled back and marked
   * {@code CREATE FAILED}; data it had not committed is not in the store.
   */
  @Override
  public void close() {
    engine.close();
  }

  /** Settings of an engine; build with {@link #build()}. */
  public static final class Builder {
    private Path directory;
    private Clock clock = Clock.systemUTC();
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private TrainingProgressListener progress;
    private Duration schedulerInterval = Engine.DEFAULT_SCHEDULER_INTERVAL;
    private Duration automaticUpdateInterval = Engine.DEFAULT_AUTOMATIC_UPDATE_INTERVAL;
    private Duration recommenderTraining = Duration.ofDays(7);

    private Builder() {}

    /**
     * Stores the engine durably in this directory; without it the engine is in-memory.
     *
     * @param directory the data directory
     * @return this builder
     */
    public Builder directory(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * How often the engine looks for scheduled work that is due by its clock: automatic training
     * ({@code performAutoTraining}, every N days) and automatic campaign updates. Defaults to one
     * minute, so due work starts within a minute of falling due. {@link Duration#ZERO} runs no
     * scheduler thread: due work then runs only when {@link OpenPersonalize#runScheduledWork()} is
     * called (deterministic tests with a moved clock). Work that fell due while the engine was
     * closed runs at the first pass after it opens.
     *
     * @param interval zero or positive
     * @return this builder
     */
    public Builder schedulerInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException(
            "schedulerInterval must not be negative; got: " + interval);
      }
      this.schedulerInterval = interval;
      return this;
    }

    /**
     * How often campaigns update themselves (spec §9.6): a campaign of a recipe that supports
     * trainingMode UPDATE (User-Personalization), serving its solution's latest fully trained
     * version, takes in the items added to the catalogue since its last update — they become
     * candidates, explored per the campaign's {@code itemExplorationConfig} — without retraining
     * and without a new solution version. Until then a new item is not recommended by the campaign.
     * Defaults to two hours, as Amazon's; a recipe may set its own interval ({@code
     * Recipe.automaticUpdateInterval}). Checked at every scheduler pass, see {@link
     * #schedulerInterval}.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder automaticUpdateInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "automaticUpdateInterval must be positive; got: " + interval);
      }
      this.automaticUpdateInterval = interval;
      return this;
    }

    /**
     * How often a recommender is fully retrained (spec §1.13): Amazon retrains every 7 days,
     * counted from the last full training (creation, an update that retrains, or the previous
     * retraining), and that is the default. Tests and demos shorten it; the retraining starts at
     * the first scheduler pass after it falls due (see {@link #schedulerInterval}), and the old
     * model serves until the new one is ACTIVE.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder recommenderTrainingInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "recommenderTrainingInterval must be positive; got: " + interval);
      }
      this.recommenderTraining = interval;
      return this;
    }

    /**
     * The clock for resource timestamps and schedules (automatic training, automatic updates);
     * tests inject a fixed or movable one.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The number of background threads for jobs; defaults to the number of cores.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1; got: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Receives the progress of every training run of the engine.
     *
     * @param listener the listener, called from training threads
     * @return this builder
     */
    public Builder trainingProgress(TrainingProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Opens the engine.
     *
     * @return the engine
     */
    public OpenPersonalize build() {
      Store store = directory == null ? Store.inMemory() : Store.open(directory);
      try {
        return new OpenPersonalize(
            store,
            clock,
            threads,
            progress,
            schedulerInterval,
            automaticUpdateInterval,
            recommenderTraining);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }
  }

  private static final class WorkerFactory implements ThreadFactory {
    private static final AtomicInteger ENGINES = new AtomicInteger();
    private final int engine = ENGINES.incrementAndGet();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "openpersonalize-" + engine + "-worker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
