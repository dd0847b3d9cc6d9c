package org.openpersonalize.engine.internal;

import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobResponse;
import org.openpersonalize.api.model.DataSource;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.DatasetImportJobSummary;
import org.openpersonalize.api.model.DescribeDatasetImportJobRequest;
import org.openpersonalize.api.model.DescribeDatasetImportJobResponse;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.api.model.ListDatasetImportJobsResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.engine.internal.imports.DataLocation;
import org.openpersonalize.engine.internal.imports.ImportJobRunner;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.ImportJobRecord;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * CreateDatasetImportJob, DescribeDatasetImportJob and ListDatasetImportJobs (spec §1.6). The job
 * is stored CREATE PENDING and runs on the engine's executor ({@link ImportJobRunner}).
 */
record ImportJobOps(EngineContext ctx, ImportJobRunner runner) {
  /** Amazon's quota of import jobs pending or in progress at once (spec §1.6). */
  static final int MAX_RUNNING_IMPORT_JOBS = 5;

  CreateDatasetImportJobResponse create(CreateDatasetImportJobRequest request) {
    String name = Check.name("jobName", request.jobName());
    Check.tags(request.tags());
    if (Boolean.TRUE.equals(request.publishAttributionMetricsToS3())) {
      throw new InvalidInputException(
          "publishAttributionMetricsToS3 must be false: metric attributions are not implemented;"
              + " got: true");
    }
    DataSource source = Check.required("dataSource", request.dataSource());
    // Resolves now so that a wrong path is an error of the call, not a failed job later.
    DataLocation.resolve(source.dataLocation());
    ImportMode mode = request.importMode() == null ? ImportMode.FULL : request.importMode();
    if (mode == ImportMode.UNKNOWN_TO_SDK_VERSION) {
      throw new InvalidInputException(
          "importMode must be FULL or INCREMENTAL; got: "
              + Check.show(request.importModeAsString()));
    }
    Check.arn("datasetArn", request.datasetArn());
    Check.roleArn("roleArn", request.roleArn());
    String arn = Arns.of(Kinds.DATASET_IMPORT_JOB, name);
    ctx.store()
        .inTransaction(
            c -> {
              DatasetRecord dataset =
                  ctx.require(c, Kinds.DATASET, "datasetArn", request.datasetArn());
              if (Resources.findByName(c, Kinds.DATASET_IMPORT_JOB, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "A dataset import job named " + name + " already exists");
              }
              if (mode == ImportMode.INCREMENTAL && !dataset.hasBulk()) {
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
              Header h = Header.created(arn, name, dataset.arn(), Status.CREATE_PENDING, ctx.now());
              Resources.insert(
                  c,
                  new ImportJobRecord(
                      h,
                      source.dataLocation(),
                      request.roleArn(),
                      mode,
                      request.publishAttributionMetricsToS3(),
                      null,
                      request.tags()));
              return null;
            });
    runner.submit(arn);
    return CreateDatasetImportJobResponse.builder().datasetImportJobArn(arn).build();
  }

  DescribeDatasetImportJobResponse describe(DescribeDatasetImportJobRequest request) {
    ImportJobRecord r =
        ctx.get(Kinds.DATASET_IMPORT_JOB, "datasetImportJobArn", request.datasetImportJobArn());
    return DescribeDatasetImportJobResponse.builder().datasetImportJob(toModel(r)).build();
  }

  ListDatasetImportJobsResponse list(ListDatasetImportJobsRequest request) {
    Resources.Page<DatasetImportJobSummary> page =
        ctx.list(
            Kinds.DATASET_IMPORT_JOB,
            "datasetArn",
            request.datasetArn(),
            request.nextToken(),
            request.maxResults(),
            ImportJobOps::toSummary);
    return ListDatasetImportJobsResponse.builder()
        .datasetImportJobs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  static DatasetImportJob toModel(ImportJobRecord r) {
    return DatasetImportJob.builder()
        .jobName(r.name())
        .datasetImportJobArn(r.arn())
        .datasetArn(r.parentArn())
        .dataSource(DataSource.builder().dataLocation(r.dataLocation()).build())
        .roleArn(r.roleArn())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .failureReason(r.failureReason())
        .importMode(r.importMode())
        .publishAttributionMetricsToS3(r.publishAttributionMetricsToS3())
        .build();
  }

  static DatasetImportJobSummary toSummary(ImportJobRecord r) {
    return DatasetImportJobSummary.builder()
        .datasetImportJobArn(r.arn())
        .jobName(r.name())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .failureReason(r.failureReason())
        .importMode(r.importMode())
        .build();
  }
}
