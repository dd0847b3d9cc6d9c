package org.openpersonalize.engine.internal;

import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetGroupResponse;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobResponse;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateDatasetResponse;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateEventTrackerResponse;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateFilterResponse;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSchemaResponse;
import org.openpersonalize.api.model.DeleteDatasetGroupRequest;
import org.openpersonalize.api.model.DeleteDatasetGroupResponse;
import org.openpersonalize.api.model.DeleteDatasetRequest;
import org.openpersonalize.api.model.DeleteDatasetResponse;
import org.openpersonalize.api.model.DeleteEventTrackerRequest;
import org.openpersonalize.api.model.DeleteEventTrackerResponse;
import org.openpersonalize.api.model.DeleteFilterRequest;
import org.openpersonalize.api.model.DeleteFilterResponse;
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
import org.openpersonalize.api.model.DescribeFilterRequest;
import org.openpersonalize.api.model.DescribeFilterResponse;
import org.openpersonalize.api.model.DescribeSchemaRequest;
import org.openpersonalize.api.model.DescribeSchemaResponse;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListDatasetGroupsResponse;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.api.model.ListDatasetImportJobsResponse;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.ListDatasetsResponse;
import org.openpersonalize.api.model.ListEventTrackersRequest;
import org.openpersonalize.api.model.ListEventTrackersResponse;
import org.openpersonalize.api.model.ListFiltersRequest;
import org.openpersonalize.api.model.ListFiltersResponse;
import org.openpersonalize.api.model.ListSchemasRequest;
import org.openpersonalize.api.model.ListSchemasResponse;

/**
 * The data side of the control plane: routes the operations on dataset groups, schemas, datasets,
 * import jobs, event trackers and filters to the operations class of their kind, after refusing a
 * null request. {@link ControlPlane} routes the rest; the two are one class split by the resource
 * kinds they route to, so that neither grows past what a reader takes in at once.
 */
abstract class DatasetRoutes implements Personalize {
  private final DatasetGroupOps groups;
  private final SchemaOps schemas;
  private final DatasetOps datasets;
  private final ImportJobOps importJobs;
  private final EventTrackerOps trackers;
  private final FilterOps filters;

  DatasetRoutes(
      DatasetGroupOps groups,
      SchemaOps schemas,
      DatasetOps datasets,
      ImportJobOps importJobs,
      EventTrackerOps trackers,
      FilterOps filters) {
    this.groups = groups;
    this.schemas = schemas;
    this.datasets = datasets;
    this.importJobs = importJobs;
    this.trackers = trackers;
    this.filters = filters;
  }

  @Override
  public CreateDatasetGroupResponse createDatasetGroup(CreateDatasetGroupRequest request) {
    return groups.create(Check.request(request));
  }

  @Override
  public DescribeDatasetGroupResponse describeDatasetGroup(DescribeDatasetGroupRequest request) {
    return groups.describe(Check.request(request));
  }

  @Override
  public ListDatasetGroupsResponse listDatasetGroups(ListDatasetGroupsRequest request) {
    return groups.list(Check.request(request));
  }

  @Override
  public DeleteDatasetGroupResponse deleteDatasetGroup(DeleteDatasetGroupRequest request) {
    return groups.delete(Check.request(request));
  }

  @Override
  public CreateSchemaResponse createSchema(CreateSchemaRequest request) {
    return schemas.create(Check.request(request));
  }

  @Override
  public DescribeSchemaResponse describeSchema(DescribeSchemaRequest request) {
    return schemas.describe(Check.request(request));
  }

  @Override
  public ListSchemasResponse listSchemas(ListSchemasRequest request) {
    return schemas.list(Check.request(request));
  }

  @Override
  public DeleteSchemaResponse deleteSchema(DeleteSchemaRequest request) {
    return schemas.delete(Check.request(request));
  }

  @Override
  public CreateDatasetResponse createDataset(CreateDatasetRequest request) {
    return datasets.create(Check.request(request));
  }

  @Override
  public DescribeDatasetResponse describeDataset(DescribeDatasetRequest request) {
    return datasets.describe(Check.request(request));
  }

  @Override
  public ListDatasetsResponse listDatasets(ListDatasetsRequest request) {
    return datasets.list(Check.request(request));
  }

  @Override
  public DeleteDatasetResponse deleteDataset(DeleteDatasetRequest request) {
    return datasets.delete(Check.request(request));
  }

  @Override
  public CreateDatasetImportJobResponse createDatasetImportJob(
      CreateDatasetImportJobRequest request) {
    return importJobs.create(Check.request(request));
  }

  @Override
  public DescribeDatasetImportJobResponse describeDatasetImportJob(
      DescribeDatasetImportJobRequest request) {
    return importJobs.describe(Check.request(request));
  }

  @Override
  public ListDatasetImportJobsResponse listDatasetImportJobs(ListDatasetImportJobsRequest request) {
    return importJobs.list(Check.request(request));
  }

  @Override
  public CreateEventTrackerResponse createEventTracker(CreateEventTrackerRequest request) {
    return trackers.create(Check.request(request));
  }

  @Override
  public DescribeEventTrackerResponse describeEventTracker(DescribeEventTrackerRequest request) {
    return trackers.describe(Check.request(request));
  }

  @Override
  public ListEventTrackersResponse listEventTrackers(ListEventTrackersRequest request) {
    return trackers.list(Check.request(request));
  }

  @Override
  public DeleteEventTrackerResponse deleteEventTracker(DeleteEventTrackerRequest request) {
    return trackers.delete(Check.request(request));
  }

  @Override
  public CreateFilterResponse createFilter(CreateFilterRequest request) {
    return filters.create(Check.request(request));
  }

  @Override
  public DescribeFilterResponse describeFilter(DescribeFilterRequest request) {
    return filters.describe(Check.request(request));
  }

  @Override
  public ListFiltersResponse listFilters(ListFiltersRequest request) {
    return filters.list(Check.request(request));
  }

  @Override
  public DeleteFilterResponse deleteFilter(DeleteFilterRequest request) {
    return filters.delete(Check.request(request));
  }
}
