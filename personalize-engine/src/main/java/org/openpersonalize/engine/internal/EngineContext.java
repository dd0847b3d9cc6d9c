package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.SchemaRecord;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaParser;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.store.Store;

/**
 * What the parts of one engine share: the store, the clock, the background executor, and parsed
 * schemas (schemas are immutable, so each is parsed once).
 */
public final class EngineContext {
  private final Store store;
  private final Clock clock;
  private final ExecutorService executor;
  private final ConcurrentHashMap<String, ParsedSchema> schemas = new ConcurrentHashMap<>();
  private final int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());

  // Helpers of training loops get their own pool, so a long import never starves them and they
  // never occupy the job threads (a training job waits on its helpers).
  private final ForkJoinPool trainingPool =
      new ForkJoinPool(
          parallelism,
          pool -> {
            ForkJoinWorkerThread t =
                ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setDaemon(true);
            t.setName("openpersonalize-training-" + t.getPoolIndex());
            return t;
          },
          null,
          false);

  /**
   * Creates the context.
   *
   * @param store the open store
   * @param clock the clock for timestamps of resources
   * @param executor runs import jobs (and later training) in the background
   */
  public EngineContext(Store store, Clock clock, ExecutorService executor) {
    this.store = store;
    this.clock = clock;
    this.executor = executor;
  }

  /** The store. */
  public Store store() {
    return store;
  }

  /** The executor for background jobs. */
  public ExecutorService executor() {
    return executor;
  }

  /** Bumped by {@link #modelsChanged()}: every dataset group's deployments reload. */
  private final AtomicLong allGroupsChanged = new AtomicLong();

  private final AtomicLong resourceGeneration = new AtomicLong();

  /** Per interactions table, the newest event timestamp PutEvents wrote since the engine opened. */
  private final ConcurrentHashMap<String, Long> newestStreamed = new ConcurrentHashMap<>();

  /** Notes a PutEvents timestamp written to an interactions table. */
  public void noteStreamed(String table, long timestamp) {
    newestStreamed.merge(table, timestamp, Math::max);
  }

  /** The newest PutEvents timestamp in a table since the engine opened, else Long.MIN_VALUE. */
  public long newestStreamed(String table) {
    Long t = newestStreamed.get(table);
    return t == null ? Long.MIN_VALUE : t;
  }

  /**
   * Bumped when a dataset group, dataset or event tracker is deleted; caches of them re-resolve.
   */
  public long resourceGeneration() {
    return resourceGeneration.get();
  }

  /** Records a deletion; call inside the deleting transaction, under the store's lock. */
  public void resourcesDeleted() {
    resourceGeneration.incrementAndGet();
  }

  /**
   * Records a change whose dataset group is unknown (a version of a solution deleted meanwhile):
   * every deployment reloads, as before changes were scoped to one group.
   */
  public void modelsChanged() {
    allGroupsChanged.incrementAndGet();
  }

  private final ConcurrentHashMap<String, AtomicLong> groupChanges = new ConcurrentHashMap<>();

  /**
   * Records that one dataset group's items changed (an import, PutItems): only that group's
   * deployments reload.
   */
  public void catalogueChanged(String datasetGroupArn) {
    groupChanges.computeIfAbsent(datasetGroupArn, k -> new AtomicLong()).incrementAndGet();
  }

  /** Records that a solution version of one dataset group became ACTIVE. */
  public void modelsChanged(String datasetGroupArn) {
    catalogueChanged(datasetGroupArn);
  }

  /**
   * What a deployment of the dataset group was loaded against: changes when that group's items or
   * models change, or when the engine-wide {@link #modelsChanged()} is called. Never decreases.
   */
  public long datasetGroupGeneration(String datasetGroupArn) {
    AtomicLong own = groupChanges.get(datasetGroupArn);
    return allGroupsChanged.get() + (own == null ? 0 : own.get());
  }

  /** The executor for the parallel loops inside training. */
  public ForkJoinPool trainingExecutor() {
    return trainingPool;
  }

  /** How many threads a training loop may use: the number of cores. */
  public int parallelism() {
    return parallelism;
  }

  /** Stops the training pool; called when the engine closes. */
  public void shutdown() {
    trainingPool.shutdownNow();
  }

  /** Now, by the engine's clock, at millisecond precision (what the store keeps). */
  public Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  /** The resource of a kind, or a ResourceNotFoundException naming the field and ARN. */
  public <T extends Resource> T require(Connection c, Kind<T> kind, String field, String arn)
      throws SQLException {
    Check.arn(field, arn);
    T r = Resources.find(c, kind, arn);
    if (r == null) {
      throw new ResourceNotFoundException("No " + kind + " with " + field + " " + arn);
    }
    return r;
  }

  /** The resource of a kind read in its own read transaction, or a ResourceNotFoundException. */
  public <T extends Resource> T get(Kind<T> kind, String field, String arn) {
    return store.read(c -> require(c, kind, field, arn));
  }

  /**
   * One page of a List operation: checks {@code maxResults} (1-100, default 100) and {@code
   * nextToken}, then reads the page, newest first.
   */
  public <T extends Resource> Resources.Page<T> page(
      Kind<T> kind, String parentArn, String nextToken, Integer maxResults) {
    int max = Check.maxResults(maxResults);
    Check.length("nextToken", nextToken, 1, 1500);
    return store.read(c -> Resources.list(c, kind, parentArn, nextToken, max));
  }

  /**
   * One page of a List operation as the API returns it: checks the optional parent filter (named
   * {@code parentField}, as the request names it), then {@code maxResults} and {@code nextToken},
   * reads the page newest first and maps each resource with the kind's {@code toSummary}. Every
   * List operation goes through here, so the order of its checks and its paging are written once.
   */
  public <T extends Resource, S> Resources.Page<S> list(
      Kind<T> kind,
      String parentField,
      String parentArn,
      String nextToken,
      Integer maxResults,
      Function<T, S> toSummary) {
    if (parentField != null) {
      Check.optionalArn(parentField, parentArn);
    }
    Resources.Page<T> page = page(kind, parentArn, nextToken, maxResults);
    return new Resources.Page<>(Check.map(page.items(), toSummary), page.nextToken());
  }

  /** The parsed schema of a schema resource. */
  public ParsedSchema schema(SchemaRecord schema) {
    return schemas.computeIfAbsent(
        schema.arn(), arn -> SchemaParser.parse(schema.schema(), schema.domain()));
  }

  /** The table of a dataset resource. */
  public DatasetTable table(Connection c, DatasetRecord dataset) throws SQLException {
    SchemaRecord schema = require(c, Kinds.SCHEMA, "schemaArn", dataset.schemaArn());
    return new DatasetTable(dataset.table(), schema(schema));
  }
}
