package org.openpersonalize.engine.internal;

import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSchemaResponse;
import org.openpersonalize.api.model.DatasetSchema;
import org.openpersonalize.api.model.DatasetSchemaSummary;
import org.openpersonalize.api.model.DeleteSchemaRequest;
import org.openpersonalize.api.model.DeleteSchemaResponse;
import org.openpersonalize.api.model.DescribeSchemaRequest;
import org.openpersonalize.api.model.DescribeSchemaResponse;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListSchemasRequest;
import org.openpersonalize.api.model.ListSchemasResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.SchemaRecord;
import org.openpersonalize.engine.internal.schema.SchemaParser;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;

/** CreateSchema, DescribeSchema, ListSchemas and DeleteSchema (spec §1.4). */
record SchemaOps(EngineContext ctx) {
  /** Amazon's quota of schemas (spec §1.4). */
  static final int MAX_SCHEMAS = 500;

  CreateSchemaResponse create(CreateSchemaRequest request) {
    String name = Check.name("name", request.name());
    Domain domain = Check.domain(request.domainAsString());
    // Parse before touching the store: a bad schema is the common error and needs no lock.
    SchemaParser.parse(request.schema(), domain);
    String arn = Arns.of(Kinds.SCHEMA, name);
    ctx.store()
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
              Header h = Header.created(arn, name, null, Status.ACTIVE, ctx.now());
              Resources.insert(c, new SchemaRecord(h, request.schema(), domain));
              return null;
            });
    return CreateSchemaResponse.builder().schemaArn(arn).build();
  }

  DescribeSchemaResponse describe(DescribeSchemaRequest request) {
    SchemaRecord r = ctx.get(Kinds.SCHEMA, "schemaArn", request.schemaArn());
    return DescribeSchemaResponse.builder().schema(toModel(r)).build();
  }

  ListSchemasResponse list(ListSchemasRequest request) {
    Resources.Page<DatasetSchemaSummary> page =
        ctx.list(
            Kinds.SCHEMA,
            null,
            null,
            request.nextToken(),
            request.maxResults(),
            SchemaOps::toSummary);
    return ListSchemasResponse.builder().schemas(page.items()).nextToken(page.nextToken()).build();
  }

  DeleteSchemaResponse delete(DeleteSchemaRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              SchemaRecord s = ctx.require(c, Kinds.SCHEMA, "schemaArn", request.schemaArn());
              DatasetRecord user = Resources.findByAttr(c, Kinds.DATASET, "schemaArn", s.arn());
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

  static DatasetSchema toModel(SchemaRecord r) {
    return DatasetSchema.builder()
        .name(r.name())
        .schemaArn(r.arn())
        .schema(r.schema())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .domain(r.domain())
        .build();
  }

  static DatasetSchemaSummary toSummary(SchemaRecord r) {
    return DatasetSchemaSummary.builder()
        .name(r.name())
        .schemaArn(r.arn())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .domain(r.domain())
        .build();
  }
}
