package org.openpersonalize.engine.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.PersonalizeEvents;
import org.openpersonalize.api.PersonalizeRuntime;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetPersonalizedRankingResponse;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.PutEventsResponse;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.api.model.PutItemsResponse;
import org.openpersonalize.api.model.PutUsersRequest;
import org.openpersonalize.api.model.PutUsersResponse;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.engine.ImportSolutionVersionRequest;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.TrainingProgressListener;
import org.openpersonalize.engine.internal.batch.BatchJobRunner;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.data.TrainingDataLoader;
import org.openpersonalize.engine.internal.imports.ImportJobRunner;
import org.openpersonalize.engine.internal.schedule.Scheduler;
import org.openpersonalize.engine.internal.serving.BatchRecommendations;
import org.openpersonalize.engine.internal.serving.Deployments;
import org.openpersonalize.engine.internal.serving.Recommender;
import org.openpersonalize.engine.internal.store.Store;
import org.openpersonalize.engine.internal.training.ModelImports;
import org.openpersonalize.engine.internal.training.ModelStore;
import org.openpersonalize.engine.internal.training.TrainingJobs;

/**
 * The parts of one engine and how they connect: the one place where the engine is wired. The public
 * façade ({@link org.openpersonalize.engine.OpenPersonalize}) holds one of these.
 */
public final class Engine implements AutoCloseable {
  /** How internal callers reach the engine behind a façade; the façade installs it once. */
  private static volatile Function<OpenPersonalize, Engine> access;

  private final Store store;
  private final ExecutorService executor;
  private final EngineContext ctx;
  private final ImportJobRunner imports;
  private final TrainingJobs training;
  private final ControlPlane personalize;
  private final PersonalizeEvents events;
  private final PersonalizeRuntime runtime;
  private final ModelImports modelImports;
  private final RecommenderTraining recommenderTraining;
  private final Scheduler scheduler;
  private final BatchJobRunner batchJobs;

  /** How often the scheduler looks for due work unless the builder says otherwise. */
  public static final Duration DEFAULT_SCHEDULER_INTERVAL = Duration.ofMinutes(1);

  /** How often campaigns take in new items unless the builder says otherwise: Amazon's 2 hours. */
  public static final Duration DEFAULT_AUTOMATIC_UPDATE_INTERVAL = Duration.ofHours(2);

  /**
   * Wires an engine with the default scheduler, automatic-update and recommender intervals.
   *
   * @param store the open store; closed by {@link #close()}
   * @param clock the clock for resource timestamps and schedules
   * @param executor runs import and training jobs; shut down by {@link #close()}
   * @param progress receives training progress, or null
   */
  public Engine(
      Store store, Clock clock, ExecutorService executor, TrainingProgressListener progress) {
    this(
        store,
        clock,
        executor,
        progress,
        DEFAULT_SCHEDULER_INTERVAL,
        DEFAULT_AUTOMATIC_UPDATE_INTERVAL,
        "openpersonalize-scheduler",
        RecommenderTraining.DEFAULT_FULL_INTERVAL);
  }

  /**
   * Wires an engine on an open store, fails the jobs a previous engine left unfinished, and starts
   * the scheduler (whose first pass catches up on work that fell due while the engine was closed).
   *
   * @param store the open store; closed by {@link #close()}
   * @param clock the clock for resource timestamps and schedules
   * @param executor runs import and training jobs; shut down by {@link #close()}
   * @param progress receives training progress, or null
   * @param schedulerInterval how often the scheduler's thread looks for due work; zero for no
   *     thread (due work then runs only through {@link #runScheduledWork()})
   * @param automaticUpdateInterval how often campaigns take in new items (automatic updates)
   * @param schedulerThread the scheduler thread's name
   * @param recommenderTrainingInterval the full retraining interval of recommenders (Amazon: 7
   *     days)
   */
  public Engine(
      Store store,
      Clock clock,
      ExecutorService executor,
      TrainingProgressListener progress,
      Duration schedulerInterval,
      Duration automaticUpdateInterval,
      String schedulerThread,
      Duration recommenderTrainingInterval) {
    this.store = store;
    this.scheduler = new Scheduler(clock, schedulerInterval, schedulerThread);
    this.executor = executor;
    this.ctx = new EngineContext(store, clock, executor);
    this.imports = new ImportJobRunner(ctx);
    RecipeCatalog recipes = new RecipeCatalog();
    ModelStore models = new ModelStore(store.directory());
    this.training = new TrainingJobs(ctx, recipes, models, progress);
    Deployments deployments = new Deployments(ctx, recipes, models);
    this.batchJobs = new BatchJobRunner(ctx, progress);
    BatchInferenceJobOps batchInference =
        new BatchInferenceJobOps(
            ctx, recipes, batchJobs, new BatchRecommendations(ctx, deployments));
    this.recommenderTraining =
        new RecommenderTraining(ctx, recipes, training, recommenderTrainingInterval);
    scheduler.register(this.recommenderTraining);
    BatchSegmentJobOps segmentJobs = new BatchSegmentJobOps(ctx, recipes, models, batchJobs);
    this.personalize =
        new ControlPlane(
            new DatasetGroupOps(ctx),
            new SchemaOps(ctx),
            new DatasetOps(ctx),
            new ImportJobOps(ctx, imports),
            new EventTrackerOps(ctx),
            new FilterOps(ctx),
            new RecipeOps(recipes),
            new SolutionOps(ctx, recipes, models),
            new SolutionVersionOps(ctx, recipes, training),
            new CampaignOps(ctx, recipes, deployments),
            batchInference,
            new RecommenderOps(ctx, recipes, recommenderTraining, deployments, models),
            segmentJobs,
            new AlgorithmOps(recipes),
            new TagOps(ctx));
    this.events = new CheckedEvents(new Events(ctx));
    this.runtime = new CheckedRuntime(new Recommender(ctx, deployments));
    this.modelImports = new ModelImports(ctx, recipes, models);
    imports.failAbandonedJobs();
    training.failAbandoned();
    scheduler.register(new AutomaticTraining(ctx, training));
    scheduler.register(new AutomaticUpdates(ctx, recipes, automaticUpdateInterval, training));
    batchInference.failAbandoned();
    segmentJobs.failAbandoned();
    // Last: every task is registered and abandoned jobs are failed before the first pass.
    scheduler.start();
  }

  /**
   * The scheduler, on which parts of the engine register their recurring work (automatic training,
   * automatic updates, recommender retraining) while the engine is wired.
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Runs the scheduled work due by the engine clock now, on the calling thread (the façade's {@code
   * runScheduledWork}).
   *
   * @return how many pieces of work ran
   */
  public int runScheduledWork() {
    return scheduler.runDue();
  }

  /** The store this engine runs on (fault-injection tests reach it through the façade). */
  public Store store() {
    return store;
  }

  /**
   * Lets the façade hand its engine to internal callers. Called once, by the façade's class
   * initializer; a second call is refused, so nothing else can take this over.
   */
  public static synchronized void installAccess(Function<OpenPersonalize, Engine> f) {
    if (access != null) {
      throw new IllegalStateException("engine access is already installed");
    }
    access = f;
  }

  /**
   * The engine behind a façade. For benchmarks, tests and the bundled examples, which run on the
   * class path; this package is not exported, so applications on the module path cannot use it.
   */
  public static Engine of(OpenPersonalize facade) {
    return access.apply(facade);
  }

  /** The control plane. */
  public Personalize personalize() {
    return personalize;
  }

  /** The recommendation runtime. */
  public PersonalizeRuntime runtime() {
    return runtime;
  }

  /** The real-time data client. */
  public PersonalizeEvents events() {
    return events;
  }

  /**
   * Registers a model file trained elsewhere as an ACTIVE solution version (the façade's {@code
   * importSolutionVersion}).
   *
   * @param request the solution, the file, hyperparameters and metrics
   * @return the new version's ARN
   */
  public String importSolutionVersion(ImportSolutionVersionRequest request) {
    return modelImports.importVersion(Check.request(request));
  }

  /**
   * The trials of a version's hyperparameter search so far, by trial number (the façade's {@code
   * listHpoTrials}).
   *
   * @param solutionVersionArn the version
   * @return the trials; empty when the version's solution does not tune
   */
  public java.util.List<org.openpersonalize.engine.HpoTrial> hpoTrials(String solutionVersionArn) {
    Check.arn("solutionVersionArn", solutionVersionArn);
    return store.read(
        c -> {
          ctx.require(c, Kinds.SOLUTION_VERSION, "solutionVersionArn", solutionVersionArn);
          return org.openpersonalize.engine.internal.hpo.HpoTrials.list(c, solutionVersionArn);
        });
  }

  /** A dataset group's data in primitive columns: for tests, benchmarks and examples. */
  public DatasetGroupData trainingData(String datasetGroupArn) {
    return TrainingDataLoader.load(ctx, datasetGroupArn);
  }

  /** The stored status of any resource, or a ResourceNotFoundException. */
  public String status(String arn) {
    return store.read(
        c -> {
          try (var ps = c.prepareStatement("SELECT status FROM resources WHERE arn = ?")) {
            ps.setString(1, arn);
            try (var rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new ResourceNotFoundException("No resource with ARN " + arn);
              }
              return rs.getString(1);
            }
          }
        });
  }

  /** Stops background work (running jobs end failed) and closes the store. */
  @Override
  public void close() {
    // First: no new scheduled work may start on an engine that is closing.
    scheduler.close();
    imports.close();
    training.close();
    batchJobs.close();
    executor.shutdown();
    try {
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    ctx.shutdown();
    store.close();
  }

  /** The runtime behind the API boundary: a null request is refused before it reaches serving. */
  private record CheckedRuntime(PersonalizeRuntime runtime) implements PersonalizeRuntime {
    @Override
    public GetRecommendationsResponse getRecommendations(GetRecommendationsRequest request) {
      return runtime.getRecommendations(Check.request(request));
    }

    @Override
    public GetPersonalizedRankingResponse getPersonalizedRanking(
        GetPersonalizedRankingRequest request) {
      return runtime.getPersonalizedRanking(Check.request(request));
    }
  }

  /** The events client behind the API boundary: a null request is refused before any write. */
  private record CheckedEvents(PersonalizeEvents events) implements PersonalizeEvents {
    @Override
    public PutEventsResponse putEvents(PutEventsRequest request) {
      return events.putEvents(Check.request(request));
    }

    @Override
    public PutItemsResponse putItems(PutItemsRequest request) {
      return events.putItems(Check.request(request));
    }

    @Override
    public PutUsersResponse putUsers(PutUsersRequest request) {
      return events.putUsers(Check.request(request));
    }
  }
}
