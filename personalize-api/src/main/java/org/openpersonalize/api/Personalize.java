package org.openpersonalize.api;

import org.openpersonalize.api.model.CreateBatchInferenceJobRequest;
import org.openpersonalize.api.model.CreateBatchInferenceJobResponse;
import org.openpersonalize.api.model.CreateBatchSegmentJobRequest;
import org.openpersonalize.api.model.CreateBatchSegmentJobResponse;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateCampaignResponse;
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
import org.openpersonalize.api.model.CreateRecommenderRequest;
import org.openpersonalize.api.model.CreateRecommenderResponse;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSchemaResponse;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionResponse;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionResponse;
import org.openpersonalize.api.model.DeleteCampaignRequest;
import org.openpersonalize.api.model.DeleteCampaignResponse;
import org.openpersonalize.api.model.DeleteDatasetGroupRequest;
import org.openpersonalize.api.model.DeleteDatasetGroupResponse;
import org.openpersonalize.api.model.DeleteDatasetRequest;
import org.openpersonalize.api.model.DeleteDatasetResponse;
import org.openpersonalize.api.model.DeleteEventTrackerRequest;
import org.openpersonalize.api.model.DeleteEventTrackerResponse;
import org.openpersonalize.api.model.DeleteFilterRequest;
import org.openpersonalize.api.model.DeleteFilterResponse;
import org.openpersonalize.api.model.DeleteRecommenderRequest;
import org.openpersonalize.api.model.DeleteRecommenderResponse;
import org.openpersonalize.api.model.DeleteSchemaRequest;
import org.openpersonalize.api.model.DeleteSchemaResponse;
import org.openpersonalize.api.model.DeleteSolutionRequest;
import org.openpersonalize.api.model.DeleteSolutionResponse;
import org.openpersonalize.api.model.DescribeBatchInferenceJobRequest;
import org.openpersonalize.api.model.DescribeBatchInferenceJobResponse;
import org.openpersonalize.api.model.DescribeBatchSegmentJobRequest;
import org.openpersonalize.api.model.DescribeBatchSegmentJobResponse;
import org.openpersonalize.api.model.DescribeCampaignRequest;
import org.openpersonalize.api.model.DescribeCampaignResponse;
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
import org.openpersonalize.api.model.DescribeRecipeRequest;
import org.openpersonalize.api.model.DescribeRecipeResponse;
import org.openpersonalize.api.model.DescribeRecommenderRequest;
import org.openpersonalize.api.model.DescribeRecommenderResponse;
import org.openpersonalize.api.model.DescribeSchemaRequest;
import org.openpersonalize.api.model.DescribeSchemaResponse;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionResponse;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionResponse;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.GetSolutionMetricsResponse;
import org.openpersonalize.api.model.ListBatchInferenceJobsRequest;
import org.openpersonalize.api.model.ListBatchInferenceJobsResponse;
import org.openpersonalize.api.model.ListBatchSegmentJobsRequest;
import org.openpersonalize.api.model.ListBatchSegmentJobsResponse;
import org.openpersonalize.api.model.ListCampaignsRequest;
import org.openpersonalize.api.model.ListCampaignsResponse;
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
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.ListRecipesResponse;
import org.openpersonalize.api.model.ListRecommendersRequest;
import org.openpersonalize.api.model.ListRecommendersResponse;
import org.openpersonalize.api.model.ListSchemasRequest;
import org.openpersonalize.api.model.ListSchemasResponse;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.ListSolutionVersionsResponse;
import org.openpersonalize.api.model.ListSolutionsRequest;
import org.openpersonalize.api.model.ListSolutionsResponse;
import org.openpersonalize.api.model.StartRecommenderRequest;
import org.openpersonalize.api.model.StartRecommenderResponse;
import org.openpersonalize.api.model.StopRecommenderRequest;
import org.openpersonalize.api.model.StopRecommenderResponse;
import org.openpersonalize.api.model.StopSolutionVersionCreationRequest;
import org.openpersonalize.api.model.StopSolutionVersionCreationResponse;
import org.openpersonalize.api.model.UpdateCampaignRequest;
import org.openpersonalize.api.model.UpdateCampaignResponse;
import org.openpersonalize.api.model.UpdateRecommenderRequest;
import org.openpersonalize.api.model.UpdateRecommenderResponse;
import org.openpersonalize.api.model.UpdateSolutionRequest;
import org.openpersonalize.api.model.UpdateSolutionResponse;

/**
 * The control plane of Amazon Personalize, in-process: dataset groups, schemas, datasets, import
 * jobs, event trackers, recipes, solutions, solution versions and campaigns (and, as they arrive,
 * filters and batch jobs). Method names, requests and responses are those of the AWS SDK for Java
 * v2 {@code PersonalizeClient}. Implementations are thread-safe.
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

  /**
   * Creates a filter: a business rule, written in Amazon's filter expression language, that
   * GetRecommendations and GetPersonalizedRanking apply when given its ARN. The expression is
   * parsed and checked against the dataset group's schemas here, so the filter is {@code ACTIVE} as
   * soon as the call returns.
   *
   * <p>Amazon Personalize operation {@code CreateFilter}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for an expression that does not
   *     parse or names unknown, textual or boolean fields; the message gives the position
   * @throws org.openpersonalize.api.model.LimitExceededException beyond 30 filters per dataset
   *     group or 20 distinct fields across them
   * @throws org.openpersonalize.api.model.ResourceAlreadyExistsException for a duplicate name
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown group
   */
  CreateFilterResponse createFilter(CreateFilterRequest request);

  /**
   * Describes a filter.
   *
   * <p>Amazon Personalize operation {@code DescribeFilter}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such filter
   */
  DescribeFilterResponse describeFilter(DescribeFilterRequest request);

  /**
   * Lists filters, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListFilters}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListFiltersResponse listFilters(ListFiltersRequest request);

  /**
   * Deletes a filter; requests that name it afterwards fail with ResourceNotFoundException.
   *
   * <p>Amazon Personalize operation {@code DeleteFilter}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such filter
   */
  DeleteFilterResponse deleteFilter(DeleteFilterRequest request);

  /**
   * Lists the built-in recipes (those found on the class path by {@code ServiceLoader}).
   *
   * <p>Amazon Personalize operation {@code ListRecipes}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListRecipesResponse listRecipes(ListRecipesRequest request);

  /**
   * Describes a recipe.
   *
   * <p>Amazon Personalize operation {@code DescribeRecipe}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such recipe
   */
  DescribeRecipeResponse describeRecipe(DescribeRecipeRequest request);

  /**
   * Creates a solution: a recipe and training configuration for a dataset group. It is {@code
   * ACTIVE} when the call returns.
   *
   * <p>Amazon Personalize operation {@code CreateSolution}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for an unknown recipe, bad
   *     hyperparameters or event-value threshold
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown dataset group
   * @throws org.openpersonalize.api.model.ResourceAlreadyExistsException if the name is taken
   * @throws org.openpersonalize.api.model.LimitExceededException past 10 solutions per dataset
   *     group
   */
  CreateSolutionResponse createSolution(CreateSolutionRequest request);

  /**
   * Describes a solution and its latest version.
   *
   * <p>Amazon Personalize operation {@code DescribeSolution}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such solution
   */
  DescribeSolutionResponse describeSolution(DescribeSolutionRequest request);

  /**
   * Lists solutions, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListSolutions}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListSolutionsResponse listSolutions(ListSolutionsRequest request);

  /**
   * Deletes a solution and its versions.
   *
   * <p>Amazon Personalize operation {@code DeleteSolution}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such solution
   * @throws org.openpersonalize.api.model.ResourceInUseException while a campaign uses it or a
   *     version is training
   */
  DeleteSolutionResponse deleteSolution(DeleteSolutionRequest request);

  /**
   * Turns a solution's automatic training on or off, or changes its frequency ({@code
   * solutionUpdateConfig.autoTrainingConfig.schedulingExpression}, {@code rate(N days)} with N from
   * 1 to 30). Turning it on, or changing the frequency, starts a new schedule whose first training
   * falls due within the hour. The update is applied when the call returns; {@code
   * DescribeSolution} shows it as {@code latestSolutionUpdate}.
   *
   * <p>Amazon Personalize operation {@code UpdateSolution}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such solution
   * @throws org.openpersonalize.api.model.InvalidInputException for an invalid schedule, or {@code
   *     performIncrementalUpdate} true (Semantic-Similarity only, which is not available)
   */
  UpdateSolutionResponse updateSolution(UpdateSolutionRequest request);

  /**
   * Starts training a solution version on the engine's executor. Poll {@link
   * #describeSolutionVersion} (or use the engine's {@code awaitCompletion}) until {@code ACTIVE} or
   * {@code CREATE FAILED}.
   *
   * <p>Amazon Personalize operation {@code CreateSolutionVersion}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for a bad training mode
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown solution
   * @throws org.openpersonalize.api.model.LimitExceededException with 20 versions pending or in
   *     progress
   */
  CreateSolutionVersionResponse createSolutionVersion(CreateSolutionVersionRequest request);

  /**
   * Describes a solution version.
   *
   * <p>Amazon Personalize operation {@code DescribeSolutionVersion}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such version
   */
  DescribeSolutionVersionResponse describeSolutionVersion(DescribeSolutionVersionRequest request);

  /**
   * Lists solution versions, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListSolutionVersions}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListSolutionVersionsResponse listSolutionVersions(ListSolutionVersionsRequest request);

  /**
   * Stops a pending or training solution version; it ends {@code CREATE STOPPED}.
   *
   * <p>Amazon Personalize operation {@code StopSolutionVersionCreation}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such version
   * @throws org.openpersonalize.api.model.ResourceInUseException if it already finished
   */
  StopSolutionVersionCreationResponse stopSolutionVersionCreation(
      StopSolutionVersionCreationRequest request);

  /**
   * Returns the offline metrics of an {@code ACTIVE} solution version, computed on held-out users
   * (spec §8).
   *
   * <p>Amazon Personalize operation {@code GetSolutionMetrics}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such version
   * @throws org.openpersonalize.api.model.ResourceInUseException if it is not ACTIVE
   */
  GetSolutionMetricsResponse getSolutionMetrics(GetSolutionMetricsRequest request);

  /**
   * Deploys an {@code ACTIVE} solution version for real-time recommendations. It is {@code ACTIVE}
   * when the call returns.
   *
   * <p>Amazon Personalize operation {@code CreateCampaign}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for bad settings
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown version
   * @throws org.openpersonalize.api.model.ResourceInUseException if the version is not ACTIVE
   * @throws org.openpersonalize.api.model.ResourceAlreadyExistsException if the name is taken
   * @throws org.openpersonalize.api.model.LimitExceededException past 5 campaigns per dataset group
   */
  CreateCampaignResponse createCampaign(CreateCampaignRequest request);

  /**
   * Describes a campaign.
   *
   * <p>Amazon Personalize operation {@code DescribeCampaign}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such campaign
   */
  DescribeCampaignResponse describeCampaign(DescribeCampaignRequest request);

  /**
   * Lists campaigns, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListCampaigns}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListCampaignsResponse listCampaigns(ListCampaignsRequest request);

  /**
   * Deploys another solution version or changes a campaign's settings; the old deployment serves
   * until the new one is ready.
   *
   * <p>Amazon Personalize operation {@code UpdateCampaign}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for bad settings
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown campaign or
   *     version
   * @throws org.openpersonalize.api.model.ResourceInUseException if the version is not ACTIVE
   */
  UpdateCampaignResponse updateCampaign(UpdateCampaignRequest request);

  /**
   * Deletes a campaign.
   *
   * <p>Amazon Personalize operation {@code DeleteCampaign}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such campaign
   */
  DeleteCampaignResponse deleteCampaign(DeleteCampaignRequest request);

  // ---- algorithms, feature transformations and tags (issue 11) ----

  /**
   * Describes the algorithm a recipe trains with (DescribeRecipe's {@code algorithmArn}): its
   * hyperparameters' defaults and ranges, as the recipe declares them.
   *
   * <p>Amazon Personalize operation {@code DescribeAlgorithm}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if no recipe has that algorithm
   */
  org.openpersonalize.api.model.DescribeAlgorithmResponse describeAlgorithm(
      org.openpersonalize.api.model.DescribeAlgorithmRequest request);

  /**
   * Describes a recipe's feature transformation (DescribeRecipe's {@code
   * featureTransformationArn}): the defaults of its {@code featureTransformationParameters}.
   *
   * <p>Amazon Personalize operation {@code DescribeFeatureTransformation}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if no recipe has it
   */
  org.openpersonalize.api.model.DescribeFeatureTransformationResponse describeFeatureTransformation(
      org.openpersonalize.api.model.DescribeFeatureTransformationRequest request);

  /**
   * Adds tags to a resource of any kind whose create operation takes tags, replacing the value of a
   * key it already has. A resource carries at most 50 tags; keys starting with {@code aws:} are
   * reserved.
   *
   * <p>Amazon Personalize operation {@code TagResource}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such resource
   * @throws org.openpersonalize.api.model.TooManyTagsException if the resource would have more than
   *     50 tags
   */
  org.openpersonalize.api.model.TagResourceResponse tagResource(
      org.openpersonalize.api.model.TagResourceRequest request);

  /**
   * Removes tags from a resource by key; keys it does not have are ignored.
   *
   * <p>Amazon Personalize operation {@code UntagResource}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such resource
   * @throws org.openpersonalize.api.model.TooManyTagKeysException for more than 50 keys
   */
  org.openpersonalize.api.model.UntagResourceResponse untagResource(
      org.openpersonalize.api.model.UntagResourceRequest request);

  /**
   * Lists a resource's tags, those given at create included.
   *
   * <p>Amazon Personalize operation {@code ListTagsForResource}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such resource
   */
  org.openpersonalize.api.model.ListTagsForResourceResponse listTagsForResource(
      org.openpersonalize.api.model.ListTagsForResourceRequest request);

  /**
   * Starts a batch inference job: recommendations for every line of a JSON Lines file or folder
   * ({@code {"userId"}}, {@code {"itemId"}} or {@code {"userId", "itemList"}} by recipe type, each
   * with optional {@code filterValues}), written as {@code <input file>.out} files to an output
   * folder. Each line is answered as GetRecommendations or GetPersonalizedRanking would answer it;
   * a line that cannot be answered gets an {@code error} and the job goes on. Poll {@link
   * #describeBatchInferenceJob} until it is {@code ACTIVE} or {@code CREATE FAILED}.
   *
   * <p>Amazon Personalize operation {@code CreateBatchInferenceJob}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for a bad request: a remote or
   *     overlapping location, a field the engine does not honour, a recipe without batch inference
   *     (Trending-Now, Next-Best-Action, segmentation recipes)
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown version or
   *     filter
   * @throws org.openpersonalize.api.model.ResourceInUseException if the version is not ACTIVE
   * @throws org.openpersonalize.api.model.LimitExceededException with 5 jobs pending or in progress
   */
  CreateBatchInferenceJobResponse createBatchInferenceJob(CreateBatchInferenceJobRequest request);

  /**
   * Describes a batch inference job, with its progress (lines processed of the total).
   *
   * <p>Amazon Personalize operation {@code DescribeBatchInferenceJob}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such job
   */
  DescribeBatchInferenceJobResponse describeBatchInferenceJob(
      DescribeBatchInferenceJobRequest request);

  /**
   * Lists batch inference jobs, newest first, a page at a time, optionally of one solution version.
   *
   * <p>Amazon Personalize operation {@code ListBatchInferenceJobs}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListBatchInferenceJobsResponse listBatchInferenceJobs(ListBatchInferenceJobsRequest request);

  /**
   * Creates a recommender: a use case of a Domain dataset group (spec §1.13, §4). It trains in the
   * background ({@code CREATE PENDING}, {@code CREATE IN_PROGRESS}) and serves once {@code ACTIVE};
   * it then retrains fully on the engine's schedule (Amazon: every 7 days).
   *
   * <p>Amazon Personalize operation {@code CreateRecommender}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for bad settings, a use case of
   *     another domain, or a Custom dataset group
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown dataset group
   * @throws org.openpersonalize.api.model.ResourceAlreadyExistsException if the name is taken
   * @throws org.openpersonalize.api.model.LimitExceededException past 5 recommenders per dataset
   *     group
   */
  CreateRecommenderResponse createRecommender(CreateRecommenderRequest request);

  /**
   * Describes a recommender, with the offline metrics of the model it serves.
   *
   * <p>Amazon Personalize operation {@code DescribeRecommender}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such recommender
   */
  DescribeRecommenderResponse describeRecommender(DescribeRecommenderRequest request);

  /**
   * Lists recommenders, newest first, a page at a time.
   *
   * <p>Amazon Personalize operation {@code ListRecommenders}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException for a token this list did not
   *     issue
   */
  ListRecommendersResponse listRecommenders(ListRecommendersRequest request);

  /**
   * Changes a recommender's settings. New training columns retrain it; the old model and settings
   * serve until the new model is {@code ACTIVE}.
   *
   * <p>Amazon Personalize operation {@code UpdateRecommender}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for bad settings
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown recommender
   * @throws org.openpersonalize.api.model.ResourceInUseException if it is not ACTIVE or an update
   *     is still training
   */
  UpdateRecommenderResponse updateRecommender(UpdateRecommenderRequest request);

  /**
   * Stops an {@code ACTIVE} recommender: it becomes {@code INACTIVE}, serves nothing and is not
   * retrained until started.
   *
   * <p>Amazon Personalize operation {@code StopRecommender}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown recommender
   * @throws org.openpersonalize.api.model.ResourceInUseException if it is not ACTIVE
   */
  StopRecommenderResponse stopRecommender(StopRecommenderRequest request);

  /**
   * Starts an {@code INACTIVE} recommender again with the model it had.
   *
   * <p>Amazon Personalize operation {@code StartRecommender}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown recommender
   * @throws org.openpersonalize.api.model.ResourceInUseException if it is not INACTIVE
   */
  StartRecommenderResponse startRecommender(StartRecommenderRequest request);

  /**
   * Deletes a recommender and its models.
   *
   * <p>Amazon Personalize operation {@code DeleteRecommender}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown recommender
   */
  DeleteRecommenderResponse deleteRecommender(DeleteRecommenderRequest request);

  /**
   * Creates a batch segment job: for every line of a JSON Lines input (an item for
   * aws-item-affinity, an attribute query for aws-item-attribute-affinity), the users most likely
   * to interact with it, written to {@code <input file>.out} in the output folder. The job is
   * {@code CREATE PENDING} when the call returns and runs in the background; a line that cannot be
   * answered gets an {@code error} and the job goes on.
   *
   * <p>Amazon Personalize operation {@code CreateBatchSegmentJob}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidInputException for a malformed field, a location
   *     that is not local, a solution version of a recipe that is not USER_SEGMENTATION, or a
   *     filter a segment cannot apply
   * @throws org.openpersonalize.api.model.ResourceNotFoundException for an unknown solution version
   *     or filter
   * @throws org.openpersonalize.api.model.ResourceInUseException if the version is not ACTIVE
   * @throws org.openpersonalize.api.model.ResourceAlreadyExistsException if the name is taken
   * @throws org.openpersonalize.api.model.LimitExceededException past 5 jobs pending or in progress
   */
  CreateBatchSegmentJobResponse createBatchSegmentJob(CreateBatchSegmentJobRequest request);

  /**
   * Describes a batch segment job: its status, failure reason and line counts.
   *
   * <p>Amazon Personalize operation {@code DescribeBatchSegmentJob}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.ResourceNotFoundException if there is no such job
   */
  DescribeBatchSegmentJobResponse describeBatchSegmentJob(DescribeBatchSegmentJobRequest request);

  /**
   * Lists batch segment jobs, newest first, a page at a time; all of them or one solution
   * version's.
   *
   * <p>Amazon Personalize operation {@code ListBatchSegmentJobs}.
   *
   * @param request the request
   * @return the response
   * @throws org.openpersonalize.api.model.InvalidNextTokenException if the token is not from this
   *     list
   */
  ListBatchSegmentJobsResponse listBatchSegmentJobs(ListBatchSegmentJobsRequest request);
}
