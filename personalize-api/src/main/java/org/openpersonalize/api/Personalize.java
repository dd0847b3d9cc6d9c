package org.openpersonalize.api;

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

/**
 * The control plane of Amazon Personalize, in-process: dataset groups, schemas, datasets, import
 * jobs and event trackers (and, as they arrive, solutions, campaigns, filters and batch jobs).
 * Method names, requests and responses are those of the AWS SDK for Java v2 {@code
 * PersonalizeClient}. Implementations are thread-safe.
 */
public interface Personalize {
  /**
   * Creates a dataset group, the container for datasets, solutions and campaigns. The group is
   * {@code ACTIVE} when the call returns.
   *
   * <p>Amazon Personalize operation {@code CreateDatasetGroup}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException if the name is malformed
   * @throws org.openpersonalize.api.model.ResourceAlreadyExistsException if the name is taken
   * @throws org.openpersonalize.api.model.LimitExceededException past the dataset-group quota
   */
  CreateDatasetGroupResponse createDatasetGroup(CreateDatasetGroupRequest request);

  /**
   * Describes a dataset group.
   *
   * <p>Amazon Personalize operation {@code DescribeDatasetGroup}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such group
   */
  DescribeDatasetGroupResponse describeDatasetGroup(DescribeDatasetGroupRequest request);

  /**
   * Lists dataset groups, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListDatasetGroups}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListDatasetGroupsResponse listDatasetGroups(ListDatasetGroupsRequest request);

  /**
   * Deletes a dataset group that holds no datasets, event trackers or solutions.
   *
   * <p>Amazon Personalize operation {@code DeleteDatasetGroup}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such group
   * @throws org.openpersonalize.api.model.ResourceInUseException while it still holds resources
   */
  DeleteDatasetGroupResponse deleteDatasetGroup(DeleteDatasetGroupRequest request);

  /**
   * Creates a schema from Avro JSON after checking every Amazon Personalize schema rule.
   *
   * <p>Amazon Personalize operation {@code CreateSchema}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException naming the field and rule broken
   * @throws org.openpersonalize.api.model.ResourceAlreadyExistsException if the name is taken
   */
  CreateSchemaResponse createSchema(CreateSchemaRequest request);

  /**
   * Describes a schema.
   *
   * <p>Amazon Personalize operation {@code DescribeSchema}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such schema
   */
  DescribeSchemaResponse describeSchema(DescribeSchemaRequest request);

  /**
   * Lists schemas, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListSchemas}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListSchemasResponse listSchemas(ListSchemasRequest request);

  /**
   * Deletes a schema that no dataset uses.
   *
   * <p>Amazon Personalize operation {@code DeleteSchema}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such schema
   * @throws org.openpersonalize.api.model.ResourceInUseException while a dataset uses it
   */
  DeleteSchemaResponse deleteSchema(DeleteSchemaRequest request);

  /**
   * Creates an empty dataset of a type in a dataset group, with a schema for that type.
   *
   * <p>Amazon Personalize operation {@code CreateDataset}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException if the type or schema does not fit
   * @throws org.openpersonalize.api.model.ResourceAlreadyExistsException if the group already has a
   *     dataset of that type
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown group or schema
   */
  CreateDatasetResponse createDataset(CreateDatasetRequest request);

  /**
   * Describes a dataset.
   *
   * <p>Amazon Personalize operation {@code DescribeDataset}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such dataset
   */
  DescribeDatasetResponse describeDataset(DescribeDatasetRequest request);

  /**
   * Lists datasets, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListDatasets}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListDatasetsResponse listDatasets(ListDatasetsRequest request);

  /**
   * Deletes a dataset and its data.
   *
   * <p>Amazon Personalize operation {@code DeleteDataset}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such dataset
   * @throws org.openpersonalize.api.model.ResourceInUseException while an import job into it is
   *     running
   */
  DeleteDatasetResponse deleteDataset(DeleteDatasetRequest request);

  /**
   * Starts a bulk import of CSV data into a dataset. The job runs on the engine's executor; poll
   * {@link #describeDatasetImportJob} until it is {@code ACTIVE} or {@code CREATE FAILED}. A failed
   * job changes nothing.
   *
   * <p>Amazon Personalize operation {@code CreateDatasetImportJob}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for a bad request (the data itself
   *     is checked by the job)
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown dataset
   * @throws org.openpersonalize.api.model.LimitExceededException with 5 jobs pending or in progress
   */
  CreateDatasetImportJobResponse createDatasetImportJob(CreateDatasetImportJobRequest request);

  /**
   * Describes a dataset import job.
   *
   * <p>Amazon Personalize operation {@code DescribeDatasetImportJob}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such job
   */
  DescribeDatasetImportJobResponse describeDatasetImportJob(
      DescribeDatasetImportJobRequest request);

  /**
   * Lists dataset import jobs, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListDatasetImportJobs}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListDatasetImportJobsResponse listDatasetImportJobs(ListDatasetImportJobsRequest request);

  /**
   * Creates the dataset group's event tracker, whose tracking ID {@code PutEvents} takes.
   *
   * <p>Amazon Personalize operation {@code CreateEventTracker}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceAlreadyExistsException if the group already has
   *     one
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown group
   */
  CreateEventTrackerResponse createEventTracker(CreateEventTrackerRequest request);

  /**
   * Describes an event tracker.
   *
   * <p>Amazon Personalize operation {@code DescribeEventTracker}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such tracker
   */
  DescribeEventTrackerResponse describeEventTracker(DescribeEventTrackerRequest request);

  /**
   * Lists event trackers, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListEventTrackers}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListEventTrackersResponse listEventTrackers(ListEventTrackersRequest request);

  /**
   * Deletes an event tracker; the events it recorded stay.
   *
   * <p>Amazon Personalize operation {@code DeleteEventTracker}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such tracker
   */
  DeleteEventTrackerResponse deleteEventTracker(DeleteEventTrackerRequest request);
}
