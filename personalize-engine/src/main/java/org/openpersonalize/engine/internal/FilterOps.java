package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateFilterResponse;
import org.openpersonalize.api.model.DeleteFilterRequest;
import org.openpersonalize.api.model.DeleteFilterResponse;
import org.openpersonalize.api.model.DescribeFilterRequest;
import org.openpersonalize.api.model.DescribeFilterResponse;
import org.openpersonalize.api.model.Filter;
import org.openpersonalize.api.model.FilterSummary;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListFiltersRequest;
import org.openpersonalize.api.model.ListFiltersResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.filter.FilterAst;
import org.openpersonalize.engine.internal.filter.FilterParser;
import org.openpersonalize.engine.internal.filter.FilterRules;
import org.openpersonalize.engine.internal.resource.BatchInferenceJobRecord;
import org.openpersonalize.engine.internal.resource.DatasetGroupRecord;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.FilterRecord;
import org.openpersonalize.engine.internal.resource.SegmentJobRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * CreateFilter, DescribeFilter, ListFilters and DeleteFilter (spec §5.1). The expression is parsed
 * and checked against the group's schemas when the filter is created, so a filter is ACTIVE at once
 * and a request that uses it never meets a syntax error.
 */
record FilterOps(EngineContext ctx) {
  /** Spec §10: filters per dataset group (adjustable at Amazon; fixed here). */
  static final int MAX_FILTERS = 30;

  /** Spec §10: distinct fields across all the filters of a dataset group. */
  static final int MAX_GROUP_FIELDS = 20;

  /** The schema of each dataset the group has. */
  static Map<DatasetType, ParsedSchema> schemas(EngineContext ctx, Connection c, String groupArn)
      throws SQLException {
    Map<DatasetType, ParsedSchema> out = new EnumMap<>(DatasetType.class);
    for (DatasetRecord d : Resources.children(c, Kinds.DATASET, groupArn)) {
      out.put(
          d.datasetType(), ctx.schema(ctx.require(c, Kinds.SCHEMA, "schemaArn", d.schemaArn())));
    }
    return out;
  }

  CreateFilterResponse create(CreateFilterRequest request) {
    String name = Check.name("name", request.name());
    Check.tags(request.tags());
    Check.required("filterExpression", request.filterExpression());
    Check.arn("datasetGroupArn", request.datasetGroupArn());
    // Syntax first: it needs no lock and is the common error.
    FilterAst.Filter ast = FilterParser.parse(request.filterExpression());
    String arn = Arns.of(Kinds.FILTER, name);
    ctx.store()
        .inTransaction(
            c -> {
              DatasetGroupRecord group =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              Set<String> fields = FilterRules.check(ast, schemas(ctx, c, group.arn()));
              if (Resources.findByName(c, Kinds.FILTER, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "A filter named " + name + " already exists");
              }
              List<FilterRecord> existing = Resources.children(c, Kinds.FILTER, group.arn());
              if (existing.size() >= MAX_FILTERS) {
                throw new LimitExceededException(
                    "Dataset group "
                        + group.arn()
                        + " already has "
                        + existing.size()
                        + " filters; at most "
                        + MAX_FILTERS
                        + " are allowed. Delete one before creating "
                        + name);
              }
              Set<String> all = new TreeSet<>(fields);
              for (FilterRecord f : existing) {
                all.addAll(f.fields());
              }
              if (all.size() > MAX_GROUP_FIELDS) {
                throw new LimitExceededException(
                    "The filters of dataset group "
                        + group.arn()
                        + " must use at most "
                        + MAX_GROUP_FIELDS
                        + " distinct fields; got: "
                        + all.size()
                        + " "
                        + all);
              }
              Header h = Header.created(arn, name, group.arn(), Status.ACTIVE, ctx.now());
              Resources.insert(
                  c,
                  new FilterRecord(
                      h, request.filterExpression(), List.copyOf(fields), request.tags()));
              return null;
            });
    return CreateFilterResponse.builder().filterArn(arn).build();
  }

  DescribeFilterResponse describe(DescribeFilterRequest request) {
    FilterRecord r = ctx.get(Kinds.FILTER, "filterArn", request.filterArn());
    return DescribeFilterResponse.builder().filter(toModel(r)).build();
  }

  ListFiltersResponse list(ListFiltersRequest request) {
    Resources.Page<FilterSummary> page =
        ctx.list(
            Kinds.FILTER,
            "datasetGroupArn",
            request.datasetGroupArn(),
            request.nextToken(),
            request.maxResults(),
            FilterOps::toSummary);
    return ListFiltersResponse.builder().filters(page.items()).nextToken(page.nextToken()).build();
  }

  DeleteFilterResponse delete(DeleteFilterRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              FilterRecord f = ctx.require(c, Kinds.FILTER, "filterArn", request.filterArn());
              // Spec §1.2: not while a batch job that applies it is pending or in progress (a job
              // looks its filter up for every line: deleted mid-job, the rest of its lines fail).
              for (BatchInferenceJobRecord j :
                  Resources.children(c, Kinds.BATCH_INFERENCE_JOB, null)) {
                if (f.arn().equals(j.filterArn()) && !j.status().terminal()) {
                  throw inUse(f, "batch inference job", j.arn(), j.status());
                }
              }
              for (SegmentJobRecord j : Resources.children(c, Kinds.BATCH_SEGMENT_JOB, null)) {
                if (f.arn().equals(j.filterArn()) && !j.status().terminal()) {
                  throw inUse(f, "batch segment job", j.arn(), j.status());
                }
              }
              Resources.delete(c, f.arn());
              return null;
            });
    return DeleteFilterResponse.builder().build();
  }

  private static ResourceInUseException inUse(
      FilterRecord f, String kind, String jobArn, Status status) {
    return new ResourceInUseException(
        "Filter "
            + f.arn()
            + " is used by "
            + kind
            + " "
            + jobArn
            + ", which is "
            + status
            + "; delete the filter once the job has finished");
  }

  static Filter toModel(FilterRecord r) {
    return Filter.builder()
        .name(r.name())
        .filterArn(r.arn())
        .datasetGroupArn(r.parentArn())
        .filterExpression(r.filterExpression())
        .status(r.status().toString())
        .failureReason(r.failureReason())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .build();
  }

  static FilterSummary toSummary(FilterRecord r) {
    return FilterSummary.builder()
        .name(r.name())
        .filterArn(r.arn())
        .datasetGroupArn(r.parentArn())
        .status(r.status().toString())
        .failureReason(r.failureReason())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .build();
  }
}
