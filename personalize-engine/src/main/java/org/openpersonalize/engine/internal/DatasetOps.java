package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateDatasetResponse;
import org.openpersonalize.api.model.Dataset;
import org.openpersonalize.api.model.DatasetSummary;
import org.openpersonalize.api.model.DeleteDatasetRequest;
import org.openpersonalize.api.model.DeleteDatasetResponse;
import org.openpersonalize.api.model.DescribeDatasetRequest;
import org.openpersonalize.api.model.DescribeDatasetResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.ListDatasetsResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.resource.DatasetGroupRecord;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.ImportJobRecord;
import org.openpersonalize.engine.internal.resource.SchemaRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.schema.ParsedSchema;
import org.openpersonalize.engine.internal.schema.SchemaParser;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * CreateDataset, DescribeDataset, ListDatasets and DeleteDataset (spec §1.5). A dataset is one SQL
 * table, created and dropped in the same transaction as its resource row.
 */
record DatasetOps(EngineContext ctx) {

  CreateDatasetResponse create(CreateDatasetRequest request) {
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
    Check.arn("datasetGroupArn", request.datasetGroupArn());
    Check.arn("schemaArn", request.schemaArn());
    return ctx.store()
        .inTransaction(
            c -> {
              DatasetGroupRecord group =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              SchemaRecord schema = ctx.require(c, Kinds.SCHEMA, "schemaArn", request.schemaArn());
              ParsedSchema parsed = ctx.schema(schema);
              SchemaParser.checkFitsDataset(parsed, type, group.domain(), schema.domain());
              String arn = Arns.dataset(group.arn(), type);
              if (Resources.find(c, Kinds.DATASET, arn) != null) {
                throw new ResourceAlreadyExistsException(
                    "Dataset group "
                        + group.arn()
                        + " already has a "
                        + type.apiName()
                        + " dataset: "
                        + arn);
              }
              // Table names come from a counter, not the user's names: always valid identifiers,
              // and a dataset re-created after a delete never sees the old table.
              String table = "ds" + nextId(c) + "_" + type.arnSuffix().toLowerCase(Locale.ROOT);
              new DatasetTable(table, parsed).create(c);
              Header h = Header.created(arn, name, group.arn(), Status.ACTIVE, ctx.now());
              Resources.insert(
                  c, new DatasetRecord(h, type, schema.arn(), table, false, request.tags()));
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

  DescribeDatasetResponse describe(DescribeDatasetRequest request) {
    DatasetRecord r = ctx.get(Kinds.DATASET, "datasetArn", request.datasetArn());
    return DescribeDatasetResponse.builder().dataset(toModel(r)).build();
  }

  ListDatasetsResponse list(ListDatasetsRequest request) {
    Resources.Page<DatasetSummary> page =
        ctx.list(
            Kinds.DATASET,
            "datasetGroupArn",
            request.datasetGroupArn(),
            request.nextToken(),
            request.maxResults(),
            DatasetOps::toSummary);
    return ListDatasetsResponse.builder()
        .datasets(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  DeleteDatasetResponse delete(DeleteDatasetRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              DatasetRecord d = ctx.require(c, Kinds.DATASET, "datasetArn", request.datasetArn());
              List<ImportJobRecord> jobs = Resources.children(c, Kinds.DATASET_IMPORT_JOB, d.arn());
              for (ImportJobRecord job : jobs) {
                if (!job.status().terminal()) {
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
              String training = RecommenderOps.training(c, d.parentArn());
              if (training != null) {
                // Amazon: no associated recommender may be CREATE PENDING or IN PROGRESS.
                throw new ResourceInUseException(
                    "Dataset "
                        + d.arn()
                        + " is in use by recommender "
                        + training
                        + ", which is training; wait until it is ACTIVE");
              }
              ctx.table(c, d).drop(c);
              // Import jobs of a deleted dataset go with it, as in Amazon Personalize.
              for (ImportJobRecord job : jobs) {
                Resources.delete(c, job.arn());
              }
              Resources.delete(c, d.arn());
              ctx.resourcesDeleted();
              ctx.store().forgetStatements();
              return null;
            });
    return DeleteDatasetResponse.builder().build();
  }

  static Dataset toModel(DatasetRecord r) {
    return Dataset.builder()
        .name(r.name())
        .datasetArn(r.arn())
        .datasetGroupArn(r.parentArn())
        .datasetType(r.datasetType().apiName())
        .schemaArn(r.schemaArn())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .build();
  }

  static DatasetSummary toSummary(DatasetRecord r) {
    return DatasetSummary.builder()
        .name(r.name())
        .datasetArn(r.arn())
        .datasetType(r.datasetType().apiName())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .build();
  }
}
