package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaParser;
import org.openpersonalize.engine.internal.store.DatasetTable;
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

  /** Now, by the engine's clock, at millisecond precision (what the store keeps). */
  public Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  /** The resource of a kind, or a ResourceNotFoundException naming the field and ARN. */
  public Resource require(Connection c, String kind, String field, String arn) throws SQLException {
    Check.arn(field, arn);
    Resource r = Resources.find(c, kind, arn);
    if (r == null) {
      throw new ResourceNotFoundException("No " + kind + " with " + field + " " + arn);
    }
    return r;
  }

  /** The parsed schema of a schema resource. */
  public ParsedSchema schema(Resource schema) {
    return schemas.computeIfAbsent(
        schema.arn(),
        arn -> {
          String domain = schema.text("domain");
          return SchemaParser.parse(
              schema.text("schema"), domain == null ? null : Domain.fromValue(domain));
        });
  }

  /** The table of a dataset resource. */
  public DatasetTable table(Connection c, Resource dataset) throws SQLException {
    Resource schema = require(c, Kinds.SCHEMA, "schemaArn", dataset.text("schemaArn"));
    return new DatasetTable(dataset.text("table"), schema(schema));
  }
}
