package org.openpersonalize.engine.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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
import org.openpersonalize.engine.internal.filter.FilterAst;
import org.openpersonalize.engine.internal.filter.FilterParser;
import org.openpersonalize.engine.internal.filter.FilterRules;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * CreateFilter, DescribeFilter, ListFilters and DeleteFilter (spec §5.1). The expression is parsed
 * and checked against the group's schemas when the filter is created, so a filter is ACTIVE at once
 * and a request that uses it never meets a syntax error.
 */
final class FilterOps {
  /** Spec §10: filters per dataset group (adjustable at Amazon; fixed here). */
  static final int MAX_FILTERS = 30;

  /** Spec §10: distinct fields across all the filters of a dataset group. */
  static final int MAX_GROUP_FIELDS = 20;

  private final EngineContext ctx;

  FilterOps(EngineContext ctx) {
    this.ctx = ctx;
  }

  /** The schema of each dataset the group has. */
  static Map<DatasetType, ParsedSchema> schemas(EngineContext ctx, Connection c, String groupArn)
      throws SQLException {
    Map<DatasetType, ParsedSchema> out = new EnumMap<>(DatasetType.class);
    for (Resource d : Resources.children(c, Kinds.DATASET, groupArn)) {
      Resource schema = ctx.require(c, Kinds.SCHEMA, "schemaArn", d.text("schemaArn"));
      out.put(DatasetType.fromApiName(d.text("datasetType")), ctx.schema(schema));
    }
    return out;
  }

  CreateFilterResponse createFilter(CreateFilterRequest request) {
    String name = Check.name("name", request.name());
    Check.tags(request.tags());
    Check.required("filterExpression", request.filterExpression());
    // Syntax first: it needs no lock and is the common error.
    FilterAst.Filter ast = FilterParser.parse(request.filterExpression());
    return ctx.store()
        .inTransaction(
            c -> {
              Resource group =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              Set<String> fields = FilterRules.check(ast, schemas(ctx, c, group.arn()));
              if (Resources.findByName(c, Kinds.FILTER, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "A filter named " + name + " already exists");
              }
              List<Resource> existing = Resources.children(c, Kinds.FILTER, group.arn());
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
              for (Resource f : existing) {
                f.attrs().path("fields").forEach(n -> all.add(n.asText()));
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
              ObjectNode attrs = Resources.JSON.createObjectNode();
              attrs.put("filterExpression", request.filterExpression());
              ArrayNode fa = attrs.putArray("fields");
              fields.forEach(fa::add);
              Resources.putTags(attrs, request.tags());
              String arn = Arns.of(Kinds.FILTER, name);
              Instant now = ctx.now();
              Resources.insert(
                  c,
                  new Resource(
                      arn, Kinds.FILTER, name, group.arn(), Status.ACTIVE, null, now, now, attrs));
              return CreateFilterResponse.builder().filterArn(arn).build();
            });
  }

  DescribeFilterResponse describeFilter(DescribeFilterRequest request) {
    Resource r =
        ctx.store().read(c -> ctx.require(c, Kinds.FILTER, "filterArn", request.filterArn()));
    return DescribeFilterResponse.builder()
        .filter(
            Filter.builder()
                .name(r.name())
                .filterArn(r.arn())
                .datasetGroupArn(r.parentArn())
                .filterExpression(r.text("filterExpression"))
                .status(r.status())
                .failureReason(r.failureReason())
                .creationDateTime(r.created())
                .lastUpdatedDateTime(r.updated())
                .build())
        .build();
  }

  ListFiltersResponse listFilters(ListFiltersRequest request) {
    Resources.Page page =
        ctx.page(
            Kinds.FILTER, request.datasetGroupArn(), request.nextToken(), request.maxResults());
    return ListFiltersResponse.builder()
        .filters(
            page.items().stream()
                .map(
                    r ->
                        FilterSummary.builder()
                            .name(r.name())
                            .filterArn(r.arn())
                            .datasetGroupArn(r.parentArn())
                            .status(r.status())
                            .failureReason(r.failureReason())
                            .creationDateTime(r.created())
                            .lastUpdatedDateTime(r.updated())
                            .build())
                .toList())
        .nextToken(page.nextToken())
        .build();
  }

  DeleteFilterResponse deleteFilter(DeleteFilterRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              Resource f = ctx.require(c, Kinds.FILTER, "filterArn", request.filterArn());
              Resources.delete(c, f.arn());
              return null;
            });
    return DeleteFilterResponse.builder().build();
  }
}
