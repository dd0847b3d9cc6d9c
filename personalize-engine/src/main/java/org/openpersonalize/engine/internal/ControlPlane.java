package org.openpersonalize.engine.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetGroupResponse;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobResponse;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateDatasetResponse;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateEventTrackerResponse;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSchemaResponse;
import org.openpersonalize.api.model.DataSource;
import org.openpersonalize.api.model.Dataset;
import org.openpersonalize.api.model.DatasetGroup;
import org.openpersonalize.api.model.DatasetGroupSummary;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.DatasetImportJobSummary;
import org.openpersonalize.api.model.DatasetSchema;
import org.openpersonalize.api.model.DatasetSchemaSummary;
import org.openpersonalize.api.model.DatasetSummary;
import org.openpersonalize.api.model.DeleteDatasetGroupRequest;
import org.openpersonalize.api.model.DeleteDatasetGroupResponse;
import org.openpersonalize.api.model.DeleteDatasetRequest;
import org.openpersonalize.api.model.DeleteDatasetResponse;
import org.openpersonalize.api.model.DeleteEventTrackerRequest;
import org.openpersonalize.api.model.DeleteEventTrackerResponse;
import org.openpersonalize.api.model.DeleteSchemaRequest;
import org.openpersonalize.api.model.DeleteSchemaResponse;
import org.openpersonalize.api.model.DescribeDatasetGroupRequest;
import org.openpersonalize.api.model.DescribeDatasetGroupResponse;
import org.openpersonalize.api.model.DescribeDatasetImportJobRequest;
import org.openpersonalize.api.model.DescribeDatasetImportJobResponse;
import org.openpersonalize.api.model.DescribeDatasetRequest;
import org.openpersonalize.api.model.DescribeDatasetResponse;
import org.openpersonalize.api.model.DescribeEventTrackerRequest;
import org.openpersonalize.api.model.DescribeEventTrackerResponse;
import org.openpersonalize.api.model.DescribeSchemaRequest;
import org.openpersonalize.api.model.DescribeSchemaResponse;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.EventTracker;
import org.openpersonalize.api.model.EventTrackerSummary;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListDatasetGroupsResponse;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.api.model.ListDatasetImportJobsResponse;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.ListDatasetsResponse;
import org.openpersonalize.api.model.ListEventTrackersRequest;
import org.openpersonalize.api.model.ListEventTrackersResponse;
import org.openpersonalize.api.model.ListSchemasRequest;
import org.openpersonalize.api.model.ListSchemasResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.imports.DataLocation;
import org.openpersonalize.engine.internal.imports.ImportJobRunner;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaParser;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * The control plane: dataset groups, schemas, datasets, import jobs and event trackers, each
 * operation one transaction on the store. Creations that Amazon runs asynchronously but that are
 * instant here (dataset groups, datasets, trackers) return already {@code ACTIVE}; import jobs run
 * on the engine's executor.
 */
public final class ControlPlane implements Personalize {
  /**
   * Amazon's quota of dataset groups per region (spec §10); adjustable there, fixed here for now.
   */
  static final int MAX_DATASET_GROUPS = 5;

  /** Amazon's quota of import jobs pending or in progress at once (spec §1.6). */
  static final int MAX_RUNNING_IMPORT_JOBS = 5;

  /** Amazon's quota of schemas (spec §1.4). */
  static final int MAX_SCHEMAS = 500;

  private final EngineContext ctx;
  private final ImportJobRunner imports;
  private final SolutionOps solutions;
  private final FilterOps filters;

  /**
   * Creates the control plane.
   *
   * @param ctx the engine's shared context
   * @param imports runs import jobs
   * @param recipes the recipe catalogue
   * @param training runs training jobs
   * @param models where trained models are stored
   * @param deployments loaded campaigns, invalidated on campaign changes
   */
  public ControlPlane(
      EngineContext ctx,
      ImportJobRunner imports,
      RecipeCatalog recipes,
      org.openpersonalize.engine.internal.training.TrainingJobs training,
      org.openpersonalize.engine.internal.training.ModelStore models,
      org.openpersonalize.engine.internal.serving.Deployments deployments) {
    this.ctx = ctx;
    this.imports = imports;
    this.solutions = new SolutionOps(ctx, recipes, training, models, deployments);
    this.filters = new FilterOps(ctx);
  }

  // ---- dataset groups ---------------------------------------------------------------------------

  @Override
  public CreateDatasetGroupResponse createDatasetGroup(CreateDatasetGroupRequest request) {
    String name = Check.name("name", request.name());
    Domain domain = checkDomain(request.domainAsString());
    Check.tags(request.tags());
    return ctx.store()
        .inTransaction(
            c -> {
              if (Resources.findByName(c, Kinds.DATASET_GROUP, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "A dataset group named " + name + " already exists");
              }
              if (Resources.countWithStatus(c, Kinds.DATASET_GROUP, Status.ACTIVE)
                  >= MAX_DATASET_GROUPS) {
                throw new LimitExceededException(
                    "At most "
                        + MAX_DATASET_GROUPS
                        + " dataset groups can be ACTIVE; delete one before creating "
                        + name);
              }
              ObjectNode attrs = Resources.JSON.createObjectNode();
              attrs.put("roleArn", request.roleArn());
              attrs.put("kmsKeyArn", request.kmsKeyArn());
              attrs.put("domain", domain == null ? null : domain.toString());
              Resources.putTags(attrs, request.tags());
              String arn = Arns.of(Kinds.DATASET_GROUP, name);
              Instant now = ctx.now();
              Resources.insert(
                  c,
                  new Resource(
                      arn, Kinds.DATASET_GROUP, name, null, Status.ACTIVE, null, now, now, attrs));
              return CreateDatasetGroupResponse.builder()
                  .datasetGroupArn(arn)
                  .domain(domain)
                  .build();
            });
  }

  @Override
  public DescribeDatasetGroupResponse describeDatasetGroup(DescribeDatasetGroupRequest request) {
    Resource r =
        ctx.store()
            .read(
                c ->
                    ctx.require(
                        c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn()));
    return DescribeDatasetGroupResponse.builder()
        .datasetGroup(
            DatasetGroup.builder()
                .name(r.name())
                .datasetGroupArn(r.arn())
                .status(r.status())
                .roleArn(r.text("roleArn"))
                .kmsKeyArn(r.text("kmsKeyArn"))
                .creationDateTime(r.created())
                .lastUpdatedDateTime(r.updated())
                .failureReason(r.failureReason())
                .domain(r.text("domain"))
                .build())
        .build();
  }

  @Override
  public ListDatasetGroupsResponse listDatasetGroups(ListDatasetGroupsRequest request) {
    Resources.Page page =
        ctx.page(Kinds.DATASET_GROUP, null, request.nextToken(), request.maxResults());
    return ListDatasetGroupsResponse.builder()
        .datasetGroups(
            map(
                page.items(),
                r ->
                    DatasetGroupSummary.builder()
                        .name(r.name())
                        .datasetGroupArn(r.arn())
                        .status(r.status())
                        .creationDateTime(r.created())
                        .lastUpdatedDateTime(r.updated())
                        .failureReason(r.failureReason())
                        .domain(r.text("domain"))
                        .build()))
        .nextToken(page.nextToken())
        .build();
  }

  @Override
  public DeleteDatasetGroupResponse deleteDatasetGroup(DeleteDatasetGroupRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              Resource g =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              for (String kind :
                  new String[] {Kinds.DATASET, Kinds.EVENT_TRACKER, Kinds.SOLUTION, Kinds.FILTER}) {
                List<Resource> held = Resources.children(c, kind, g.arn());
                if (!held.isEmpty()) {
                  throw new ResourceInUseException(
                      "Dataset group "
                          + g.arn()
                          + " still holds "
                          + held.size()
                          + " "
                          + kind
                          + "(s), e.g. "
                          + held.get(0).arn()
                          + "; delete its datasets, event trackers, solutions and filters first");
                }
              }
              Resources.delete(c, g.arn());
              ctx.resourcesDeleted();
              return null;
            });
    return DeleteDatasetGroupResponse.builder().build();
  }

  // ---- schemas ----------------------------------------------------------------------------------

  @Override
  public CreateSchemaResponse createSchema(CreateSchemaRequest request) {
    String name = Check.name("name", request.name());
    Domain domain = checkDomain(request.domainAsString());
    // Parse before touching the store: a bad schema is the common error and needs no lock.
    SchemaParser.parse(request.schema(), domain);
    return ctx.store()
        .inTransaction(
            c -> {
              if (Resources.findByName(c, Kinds.SCHEMA, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "A schema named " + name + " already exists");
              }
              if (Resources.countWithStatus(c, Kinds.SCHEMA, Status.ACTIVE) >= MAX_SCHEMAS) {
                throw new LimitExceededException(
                    "At most " + MAX_SCHEMAS + " schemas can exist; delete one first");
              }
              ObjectNode attrs = Resources.JSON.createObjectNode();
              attrs.put("schema", request.schema());
              attrs.put("domain", domain == null ? null : domain.toString());
              String arn = Arns.of(Kinds.SCHEMA, name);
              Instant now = ctx.now();
              // Schemas have no status in Amazon's API; ACTIVE here only serves the quota count.
              Resources.insert(
                  c,
                  new Resource(
                      arn, Kinds.SCHEMA, name, null, Status.ACTIVE, null, now, now, attrs));
              return CreateSchemaResponse.builder().schemaArn(arn).build();
            });
  }

  @Override
  public DescribeSchemaResponse describeSchema(DescribeSchemaRequest request) {
    Resource r =
        ctx.store().read(c -> ctx.require(c, Kinds.SCHEMA, "schemaArn", request.schemaArn()));
    return DescribeSchemaResponse.builder()
        .schema(
            DatasetSchema.builder()
                .name(r.name())
                .schemaArn(r.arn())
                .schema(r.text("schema"))
                .creationDateTime(r.created())
                .lastUpdatedDateTime(r.updated())
                .domain(r.text("domain"))
                .build())
        .build();
  }

  @Override
  public ListSchemasResponse listSchemas(ListSchemasRequest request) {
    Resources.Page page = ctx.page(Kinds.SCHEMA, null, request.nextToken(), request.maxResults());
    return ListSchemasResponse.builder()
        .schemas(
            map(
                page.items(),
                r ->
                    DatasetSchemaSummary.builder()
                        .name(r.name())
                        .schemaArn(r.arn())
                        .creationDateTime(r.created())
                        .lastUpdatedDateTime(r.updated())
                        .domain(r.text("domain"))
                        .build()))
        .nextToken(page.nextToken())
        .build();
  }

  @Override
  public DeleteSchemaResponse deleteSchema(DeleteSchemaRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              Resource s = ctx.require(c, Kinds.SCHEMA, "schemaArn", request.schemaArn());
              Resource user = Resources.findByAttr(c, Kinds.DATASET, "schemaArn", s.arn());
              if (user != null) {
                throw new ResourceInUseException(
                    "Schema "
                        + s.arn()
                        + " is used by dataset "
                        + user.arn()
                        + "; delete it first");
              }
              Resources.delete(c, s.arn());
              return null;
            });
    return DeleteSchemaResponse.builder().build();
  }

  // ---- datasets ---------------------------------------------------------------------------------

  @Override
  public CreateDatasetResponse createDataset(CreateDatasetRequest request) {
    String name = Check.name("name", request.name());
    Check.required("datasetType", request.datasetType());
    DatasetType type = DatasetType.fromApiName(request.datasetType());
    if (type == null) {
      throw new InvalidInputException(
          "datasetType must be one of Interactions, Items, Users, Actions, Action_Interactions"
              + " (any case); got: "
              + Check.show(request.datasetType()));
    }
    Check.tags(request.tags());
    return ctx.store()
        .inTransaction(
            c -> {
              Resource group =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              Resource schema = ctx.require(c, Kinds.SCHEMA, "schemaArn", request.schemaArn());
              ParsedSchema parsed = ctx.schema(schema);
              SchemaParser.checkFitsDataset(
                  parsed,
                  type,
                  Domain.fromValue(group.text("domain")),
                  Domain.fromValue(schema.text("domain")));
              String arn = Arns.of(Kinds.DATASET, group.name() + "/" + type.arnSuffix());
              if (Resources.find(c, Kinds.DATASET, arn) != null) {
                throw new ResourceAlreadyExistsException(
                    "Dataset group "
                        + group.arn()
                        + " already has a "
                        + type.apiName()
                        + " dataset: "
                        + arn);
              }
              ObjectNode attrs = Resources.JSON.createObjectNode();
              attrs.put("datasetType", type.apiName());
              attrs.put("schemaArn", schema.arn());
              Resources.putTags(attrs, request.tags());
              // Table names come from a counter, not the user's names: always valid identifiers,
              // and a dataset re-created after a delete never sees the old table.
              long id = nextId(c);
              String table = "ds" + id + "_" + type.arnSuffix().toLowerCase(Locale.ROOT);
              attrs.put("table", table);
              new DatasetTable(table, parsed).create(c);
              Instant now = ctx.now();
              Resources.insert(
                  c,
                  new Resource(
                      arn, Kinds.DATASET, name, group.arn(), Status.ACTIVE, null, now, now, attrs));
              return CreateDatasetResponse.builder().datasetArn(arn).build();
            });
  }

  private static long nextId(Connection c) throws SQLException {
    try (var s = c.createStatement();
        var rs = s.executeQuery("SELECT coalesce(max(seq), 0) + 1 FROM resources")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public DescribeDatasetResponse describeDataset(DescribeDatasetRequest request) {
    Resource r =
        ctx.store().read(c -> ctx.require(c, Kinds.DATASET, "datasetArn", request.datasetArn()));
    return DescribeDatasetResponse.builder()
        .dataset(
            Dataset.builder()
                .name(r.name())
                .datasetArn(r.arn())
                .datasetGroupArn(r.parentArn())
                .datasetType(r.text("datasetType"))
                .schemaArn(r.text("schemaArn"))
                .status(r.status())
                .creationDateTime(r.created())
                .lastUpdatedDateTime(r.updated())
                .build())
        .build();
  }

  @Override
  public ListDatasetsResponse listDatasets(ListDatasetsRequest request) {
    Resources.Page page =
        ctx.page(
            Kinds.DATASET, request.datasetGroupArn(), request.nextToken(), request.maxResults());
    return ListDatasetsResponse.builder()
        .datasets(
            map(
                page.items(),
                r ->
                    DatasetSummary.builder()
                        .name(r.name())
                        .datasetArn(r.arn())
                        .datasetType(r.text("datasetType"))
                        .status(r.status())
                        .creationDateTime(r.created())
                        .lastUpdatedDateTime(r.updated())
                        .build()))
        .nextToken(page.nextToken())
        .build();
  }

  @Override
  public DeleteDatasetResponse deleteDataset(DeleteDatasetRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              Resource d = ctx.require(c, Kinds.DATASET, "datasetArn", request.datasetArn());
              for (Resource job : Resources.children(c, Kinds.DATASET_IMPORT_JOB, d.arn())) {
                if (!Status.isTerminal(job.status())) {
                  throw new ResourceInUseException(
                      "Dataset "
                          + d.arn()
                          + " has import job "
                          + job.arn()
                          + " in status "
                          + job.status()
                          + "; wait for it to finish");
                }
              }
              ctx.table(c, d).drop(c);
              // Import jobs of a deleted dataset go with it, as in Amazon Personalize.
              for (Resource job : Resources.children(c, Kinds.DATASET_IMPORT_JOB, d.arn())) {
                Resources.delete(c, job.arn());
              }
              Resources.delete(c, d.arn());
              ctx.resourcesDeleted();
              ctx.store().forgetStatements();
              return null;
            });
    return DeleteDatasetResponse.builder().build();
  }

  // ---- import jobs ------------------------------------------------------------------------------

  @Override
  public CreateDatasetImportJobResponse createDatasetImportJob(
      CreateDatasetImportJobRequest request) {
    String name = Check.name("jobName", request.jobName());
    Check.tags(request.tags());
    DataSource source = Check.required("dataSource", request.dataSource());
    // Resolves now so that a wrong path is an error of the call, not a failed job later.
    DataLocation.resolve(source.dataLocation());
    ImportMode mode = request.importMode() == null ? ImportMode.FULL : request.importMode();
    if (mode == ImportMode.UNKNOWN_TO_SDK_VERSION) {
      throw new InvalidInputException(
          "importMode must be FULL or INCREMENTAL; got: "
              + Check.show(request.importModeAsString()));
    }
    String arn =
        ctx.store()
            .inTransaction(
                c -> {
                  Resource dataset =
                      ctx.require(c, Kinds.DATASET, "datasetArn", request.datasetArn());
                  if (Resources.findByName(c, Kinds.DATASET_IMPORT_JOB, name) != null) {
                    throw new ResourceAlreadyExistsException(
                        "A dataset import job named " + name + " already exists");
                  }
                  if (mode == ImportMode.INCREMENTAL && !dataset.bool("hasBulk", false)) {
                    throw new InvalidInputException(
                        "importMode INCREMENTAL needs earlier bulk data in "
                            + dataset.arn()
                            + "; the first import job of a dataset must be FULL");
                  }
                  int running =
                      Resources.countWithStatus(
                          c,
                          Kinds.DATASET_IMPORT_JOB,
                          Status.CREATE_PENDING,
                          Status.CREATE_IN_PROGRESS);
                  if (running >= MAX_RUNNING_IMPORT_JOBS) {
                    throw new LimitExceededException(
                        "More than "
                            + MAX_RUNNING_IMPORT_JOBS
                            + " resources with PENDING or IN_PROGRESS status.");
                  }
                  ObjectNode attrs = Resources.JSON.createObjectNode();
                  attrs.put("dataLocation", source.dataLocation());
                  attrs.put("roleArn", request.roleArn());
                  attrs.put("importMode", mode.toString());
                  if (request.publishAttributionMetricsToS3() != null) {
                    attrs.put(
                        "publishAttributionMetricsToS3", request.publishAttributionMetricsToS3());
                  }
                  Resources.putTags(attrs, request.tags());
                  String jobArn = Arns.of(Kinds.DATASET_IMPORT_JOB, name);
                  Instant now = ctx.now();
                  Resources.insert(
                      c,
                      new Resource(
                          jobArn,
                          Kinds.DATASET_IMPORT_JOB,
                          name,
                          dataset.arn(),
                          Status.CREATE_PENDING,
                          null,
                          now,
                          now,
                          attrs));
                  return jobArn;
                });
    imports.submit(arn);
    return CreateDatasetImportJobResponse.builder().datasetImportJobArn(arn).build();
  }

  @Override
  public DescribeDatasetImportJobResponse describeDatasetImportJob(
      DescribeDatasetImportJobRequest request) {
    Resource r =
        ctx.store()
            .read(
                c ->
                    ctx.require(
                        c,
                        Kinds.DATASET_IMPORT_JOB,
                        "datasetImportJobArn",
                        request.datasetImportJobArn()));
    return DescribeDatasetImportJobResponse.builder()
        .datasetImportJob(
            DatasetImportJob.builder()
                .jobName(r.name())
                .datasetImportJobArn(r.arn())
                .datasetArn(r.parentArn())
                .dataSource(DataSource.builder().dataLocation(r.text("dataLocation")).build())
                .roleArn(r.text("roleArn"))
                .status(r.status())
                .creationDateTime(r.created())
                .lastUpdatedDateTime(r.updated())
                .failureReason(r.failureReason())
                .importMode(r.text("importMode"))
                .publishAttributionMetricsToS3(
                    r.attrs().hasNonNull("publishAttributionMetricsToS3")
                        ? r.bool("publishAttributionMetricsToS3", false)
                        : null)
                .build())
        .build();
  }

  @Override
  public ListDatasetImportJobsResponse listDatasetImportJobs(ListDatasetImportJobsRequest request) {
    Resources.Page page =
        ctx.page(
            Kinds.DATASET_IMPORT_JOB,
            request.datasetArn(),
            request.nextToken(),
            request.maxResults());
    return ListDatasetImportJobsResponse.builder()
        .datasetImportJobs(
            map(
                page.items(),
                r ->
                    DatasetImportJobSummary.builder()
                        .datasetImportJobArn(r.arn())
                        .jobName(r.name())
                        .status(r.status())
                        .creationDateTime(r.created())
                        .lastUpdatedDateTime(r.updated())
                        .failureReason(r.failureReason())
                        .importMode(r.text("importMode"))
                        .build()))
        .nextToken(page.nextToken())
        .build();
  }

  // ---- event trackers ---------------------------------------------------------------------------

  @Override
  public CreateEventTrackerResponse createEventTracker(CreateEventTrackerRequest request) {
    String name = Check.name("name", request.name());
    Check.tags(request.tags());
    return ctx.store()
        .inTransaction(
            c -> {
              Resource group =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              List<Resource> existing = Resources.children(c, Kinds.EVENT_TRACKER, group.arn());
              if (!existing.isEmpty()) {
                throw new ResourceAlreadyExistsException(
                    "Dataset group "
                        + group.arn()
                        + " already has event tracker "
                        + existing.get(0).arn()
                        + "; a dataset group has at most one");
              }
              if (Resources.findByName(c, Kinds.EVENT_TRACKER, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "An event tracker named " + name + " already exists");
              }
              // A tracking ID is a credential-like handle, not model state, so it needs
              // uniqueness rather than a reproducible seed.
              String trackingId = java.util.UUID.randomUUID().toString();
              ObjectNode attrs = Resources.JSON.createObjectNode();
              attrs.put("trackingId", trackingId);
              Resources.putTags(attrs, request.tags());
              String arn = Arns.of(Kinds.EVENT_TRACKER, name);
              Instant now = ctx.now();
              Resources.insert(
                  c,
                  new Resource(
                      arn,
                      Kinds.EVENT_TRACKER,
                      name,
                      group.arn(),
                      Status.ACTIVE,
                      null,
                      now,
                      now,
                      attrs));
              return CreateEventTrackerResponse.builder()
                  .eventTrackerArn(arn)
                  .trackingId(trackingId)
                  .build();
            });
  }

  @Override
  public DescribeEventTrackerResponse describeEventTracker(DescribeEventTrackerRequest request) {
    Resource r =
        ctx.store()
            .read(
                c ->
                    ctx.require(
                        c, Kinds.EVENT_TRACKER, "eventTrackerArn", request.eventTrackerArn()));
    return DescribeEventTrackerResponse.builder()
        .eventTracker(
            EventTracker.builder()
                .name(r.name())
                .eventTrackerArn(r.arn())
                .accountId(Arns.ACCOUNT)
                .trackingId(r.text("trackingId"))
                .datasetGroupArn(r.parentArn())
                .status(r.status())
                .creationDateTime(r.created())
                .lastUpdatedDateTime(r.updated())
                .build())
        .build();
  }

  @Override
  public ListEventTrackersResponse listEventTrackers(ListEventTrackersRequest request) {
    Resources.Page page =
        ctx.page(
            Kinds.EVENT_TRACKER,
            request.datasetGroupArn(),
            request.nextToken(),
            request.maxResults());
    return ListEventTrackersResponse.builder()
        .eventTrackers(
            map(
                page.items(),
                r ->
                    EventTrackerSummary.builder()
                        .name(r.name())
                        .eventTrackerArn(r.arn())
                        .status(r.status())
                        .creationDateTime(r.created())
                        .lastUpdatedDateTime(r.updated())
                        .build()))
        .nextToken(page.nextToken())
        .build();
  }

  @Override
  public DeleteEventTrackerResponse deleteEventTracker(DeleteEventTrackerRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              Resource t =
                  ctx.require(c, Kinds.EVENT_TRACKER, "eventTrackerArn", request.eventTrackerArn());
              Resources.delete(c, t.arn());
              ctx.resourcesDeleted();
              return null;
            });
    return DeleteEventTrackerResponse.builder().build();
  }

  // ---- filters (FilterOps) ----------------------------------------------------------------------

  @Override
  public org.openpersonalize.api.model.CreateFilterResponse createFilter(
      org.openpersonalize.api.model.CreateFilterRequest request) {
    return filters.createFilter(request);
  }

  @Override
  public org.openpersonalize.api.model.DescribeFilterResponse describeFilter(
      org.openpersonalize.api.model.DescribeFilterRequest request) {
    return filters.describeFilter(request);
  }

  @Override
  public org.openpersonalize.api.model.ListFiltersResponse listFilters(
      org.openpersonalize.api.model.ListFiltersRequest request) {
    return filters.listFilters(request);
  }

  @Override
  public org.openpersonalize.api.model.DeleteFilterResponse deleteFilter(
      org.openpersonalize.api.model.DeleteFilterRequest request) {
    return filters.deleteFilter(request);
  }

  // ---- recipes, solutions, solution versions, campaigns (SolutionOps) ---------------------------

  @Override
  public org.openpersonalize.api.model.ListRecipesResponse listRecipes(
      org.openpersonalize.api.model.ListRecipesRequest request) {
    return solutions.listRecipes(request);
  }

  @Override
  public org.openpersonalize.api.model.DescribeRecipeResponse describeRecipe(
      org.openpersonalize.api.model.DescribeRecipeRequest request) {
    return solutions.describeRecipe(request);
  }

  @Override
  public org.openpersonalize.api.model.CreateSolutionResponse createSolution(
      org.openpersonalize.api.model.CreateSolutionRequest request) {
    return solutions.createSolution(request);
  }

  @Override
  public org.openpersonalize.api.model.DescribeSolutionResponse describeSolution(
      org.openpersonalize.api.model.DescribeSolutionRequest request) {
    return solutions.describeSolution(request);
  }

  @Override
  public org.openpersonalize.api.model.ListSolutionsResponse listSolutions(
      org.openpersonalize.api.model.ListSolutionsRequest request) {
    return solutions.listSolutions(request);
  }

  @Override
  public org.openpersonalize.api.model.DeleteSolutionResponse deleteSolution(
      org.openpersonalize.api.model.DeleteSolutionRequest request) {
    return solutions.deleteSolution(request);
  }

  @Override
  public org.openpersonalize.api.model.CreateSolutionVersionResponse createSolutionVersion(
      org.openpersonalize.api.model.CreateSolutionVersionRequest request) {
    return solutions.createSolutionVersion(request);
  }

  @Override
  public org.openpersonalize.api.model.DescribeSolutionVersionResponse describeSolutionVersion(
      org.openpersonalize.api.model.DescribeSolutionVersionRequest request) {
    return solutions.describeSolutionVersion(request);
  }

  @Override
  public org.openpersonalize.api.model.ListSolutionVersionsResponse listSolutionVersions(
      org.openpersonalize.api.model.ListSolutionVersionsRequest request) {
    return solutions.listSolutionVersions(request);
  }

  @Override
  public org.openpersonalize.api.model.StopSolutionVersionCreationResponse
      stopSolutionVersionCreation(
          org.openpersonalize.api.model.StopSolutionVersionCreationRequest request) {
    return solutions.stopSolutionVersionCreation(request);
  }

  @Override
  public org.openpersonalize.api.model.GetSolutionMetricsResponse getSolutionMetrics(
      org.openpersonalize.api.model.GetSolutionMetricsRequest request) {
    return solutions.getSolutionMetrics(request);
  }

  @Override
  public org.openpersonalize.api.model.CreateCampaignResponse createCampaign(
      org.openpersonalize.api.model.CreateCampaignRequest request) {
    return solutions.createCampaign(request);
  }

  @Override
  public org.openpersonalize.api.model.DescribeCampaignResponse describeCampaign(
      org.openpersonalize.api.model.DescribeCampaignRequest request) {
    return solutions.describeCampaign(request);
  }

  @Override
  public org.openpersonalize.api.model.ListCampaignsResponse listCampaigns(
      org.openpersonalize.api.model.ListCampaignsRequest request) {
    return solutions.listCampaigns(request);
  }

  @Override
  public org.openpersonalize.api.model.UpdateCampaignResponse updateCampaign(
      org.openpersonalize.api.model.UpdateCampaignRequest request) {
    return solutions.updateCampaign(request);
  }

  @Override
  public org.openpersonalize.api.model.DeleteCampaignResponse deleteCampaign(
      org.openpersonalize.api.model.DeleteCampaignRequest request) {
    return solutions.deleteCampaign(request);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static <T> List<T> map(List<Resource> rs, Function<Resource, T> f) {
    return rs.stream().map(f).collect(java.util.stream.Collectors.toList());
  }

  private static Domain checkDomain(String value) {
    if (value == null) {
      return null;
    }
    Domain d = Domain.fromValue(value);
    if (d == Domain.UNKNOWN_TO_SDK_VERSION) {
      throw new InvalidInputException(
          "domain must be ECOMMERCE or VIDEO_ON_DEMAND; got: " + Check.show(value));
    }
    return d;
  }
}
