package org.openpersonalize.aws;

import static org.openpersonalize.aws.PersonalizeConversions.toOurs;
import static org.openpersonalize.aws.PersonalizeConversions.toSdk;

import org.openpersonalize.engine.OpenPersonalize;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.PersonalizeServiceClientConfiguration;
import software.amazon.awssdk.services.personalize.model.CreateBatchInferenceJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateBatchInferenceJobResponse;
import software.amazon.awssdk.services.personalize.model.CreateBatchSegmentJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateBatchSegmentJobResponse;
import software.amazon.awssdk.services.personalize.model.CreateCampaignRequest;
import software.amazon.awssdk.services.personalize.model.CreateCampaignResponse;
import software.amazon.awssdk.services.personalize.model.CreateDataDeletionJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateDataDeletionJobResponse;
import software.amazon.awssdk.services.personalize.model.CreateDatasetExportJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetExportJobResponse;
import software.amazon.awssdk.services.personalize.model.CreateDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetGroupResponse;
import software.amazon.awssdk.services.personalize.model.CreateDatasetImportJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetImportJobResponse;
import software.amazon.awssdk.services.personalize.model.CreateDatasetRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetResponse;
import software.amazon.awssdk.services.personalize.model.CreateEventTrackerRequest;
import software.amazon.awssdk.services.personalize.model.CreateEventTrackerResponse;
import software.amazon.awssdk.services.personalize.model.CreateFilterRequest;
import software.amazon.awssdk.services.personalize.model.CreateFilterResponse;
import software.amazon.awssdk.services.personalize.model.CreateMetricAttributionRequest;
import software.amazon.awssdk.services.personalize.model.CreateMetricAttributionResponse;
import software.amazon.awssdk.services.personalize.model.CreateRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.CreateRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.CreateSchemaRequest;
import software.amazon.awssdk.services.personalize.model.CreateSchemaResponse;
import software.amazon.awssdk.services.personalize.model.CreateSolutionRequest;
import software.amazon.awssdk.services.personalize.model.CreateSolutionResponse;
import software.amazon.awssdk.services.personalize.model.CreateSolutionVersionRequest;
import software.amazon.awssdk.services.personalize.model.CreateSolutionVersionResponse;
import software.amazon.awssdk.services.personalize.model.DeleteCampaignRequest;
import software.amazon.awssdk.services.personalize.model.DeleteCampaignResponse;
import software.amazon.awssdk.services.personalize.model.DeleteDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.DeleteDatasetGroupResponse;
import software.amazon.awssdk.services.personalize.model.DeleteDatasetRequest;
import software.amazon.awssdk.services.personalize.model.DeleteDatasetResponse;
import software.amazon.awssdk.services.personalize.model.DeleteEventTrackerRequest;
import software.amazon.awssdk.services.personalize.model.DeleteEventTrackerResponse;
import software.amazon.awssdk.services.personalize.model.DeleteFilterRequest;
import software.amazon.awssdk.services.personalize.model.DeleteFilterResponse;
import software.amazon.awssdk.services.personalize.model.DeleteMetricAttributionRequest;
import software.amazon.awssdk.services.personalize.model.DeleteMetricAttributionResponse;
import software.amazon.awssdk.services.personalize.model.DeleteRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.DeleteRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.DeleteSchemaRequest;
import software.amazon.awssdk.services.personalize.model.DeleteSchemaResponse;
import software.amazon.awssdk.services.personalize.model.DeleteSolutionRequest;
import software.amazon.awssdk.services.personalize.model.DeleteSolutionResponse;
import software.amazon.awssdk.services.personalize.model.DescribeAlgorithmRequest;
import software.amazon.awssdk.services.personalize.model.DescribeAlgorithmResponse;
import software.amazon.awssdk.services.personalize.model.DescribeBatchInferenceJobRequest;
import software.amazon.awssdk.services.personalize.model.DescribeBatchInferenceJobResponse;
import software.amazon.awssdk.services.personalize.model.DescribeBatchSegmentJobRequest;
import software.amazon.awssdk.services.personalize.model.DescribeBatchSegmentJobResponse;
import software.amazon.awssdk.services.personalize.model.DescribeCampaignRequest;
import software.amazon.awssdk.services.personalize.model.DescribeCampaignResponse;
import software.amazon.awssdk.services.personalize.model.DescribeDataDeletionJobRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDataDeletionJobResponse;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetExportJobRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetExportJobResponse;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetGroupResponse;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetImportJobRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetImportJobResponse;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetResponse;
import software.amazon.awssdk.services.personalize.model.DescribeEventTrackerRequest;
import software.amazon.awssdk.services.personalize.model.DescribeEventTrackerResponse;
import software.amazon.awssdk.services.personalize.model.DescribeFeatureTransformationRequest;
import software.amazon.awssdk.services.personalize.model.DescribeFeatureTransformationResponse;
import software.amazon.awssdk.services.personalize.model.DescribeFilterRequest;
import software.amazon.awssdk.services.personalize.model.DescribeFilterResponse;
import software.amazon.awssdk.services.personalize.model.DescribeMetricAttributionRequest;
import software.amazon.awssdk.services.personalize.model.DescribeMetricAttributionResponse;
import software.amazon.awssdk.services.personalize.model.DescribeRecipeRequest;
import software.amazon.awssdk.services.personalize.model.DescribeRecipeResponse;
import software.amazon.awssdk.services.personalize.model.DescribeRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.DescribeRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.DescribeSchemaRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSchemaResponse;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionResponse;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionVersionRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionVersionResponse;
import software.amazon.awssdk.services.personalize.model.GetSolutionMetricsRequest;
import software.amazon.awssdk.services.personalize.model.GetSolutionMetricsResponse;
import software.amazon.awssdk.services.personalize.model.ListBatchInferenceJobsRequest;
import software.amazon.awssdk.services.personalize.model.ListBatchInferenceJobsResponse;
import software.amazon.awssdk.services.personalize.model.ListBatchSegmentJobsRequest;
import software.amazon.awssdk.services.personalize.model.ListBatchSegmentJobsResponse;
import software.amazon.awssdk.services.personalize.model.ListCampaignsRequest;
import software.amazon.awssdk.services.personalize.model.ListCampaignsResponse;
import software.amazon.awssdk.services.personalize.model.ListDataDeletionJobsRequest;
import software.amazon.awssdk.services.personalize.model.ListDataDeletionJobsResponse;
import software.amazon.awssdk.services.personalize.model.ListDatasetExportJobsRequest;
import software.amazon.awssdk.services.personalize.model.ListDatasetExportJobsResponse;
import software.amazon.awssdk.services.personalize.model.ListDatasetGroupsRequest;
import software.amazon.awssdk.services.personalize.model.ListDatasetGroupsResponse;
import software.amazon.awssdk.services.personalize.model.ListDatasetImportJobsRequest;
import software.amazon.awssdk.services.personalize.model.ListDatasetImportJobsResponse;
import software.amazon.awssdk.services.personalize.model.ListDatasetsRequest;
import software.amazon.awssdk.services.personalize.model.ListDatasetsResponse;
import software.amazon.awssdk.services.personalize.model.ListEventTrackersRequest;
import software.amazon.awssdk.services.personalize.model.ListEventTrackersResponse;
import software.amazon.awssdk.services.personalize.model.ListFiltersRequest;
import software.amazon.awssdk.services.personalize.model.ListFiltersResponse;
import software.amazon.awssdk.services.personalize.model.ListMetricAttributionMetricsRequest;
import software.amazon.awssdk.services.personalize.model.ListMetricAttributionMetricsResponse;
import software.amazon.awssdk.services.personalize.model.ListMetricAttributionsRequest;
import software.amazon.awssdk.services.personalize.model.ListMetricAttributionsResponse;
import software.amazon.awssdk.services.personalize.model.ListRecipesRequest;
import software.amazon.awssdk.services.personalize.model.ListRecipesResponse;
import software.amazon.awssdk.services.personalize.model.ListRecommendersRequest;
import software.amazon.awssdk.services.personalize.model.ListRecommendersResponse;
import software.amazon.awssdk.services.personalize.model.ListSchemasRequest;
import software.amazon.awssdk.services.personalize.model.ListSchemasResponse;
import software.amazon.awssdk.services.personalize.model.ListSolutionVersionsRequest;
import software.amazon.awssdk.services.personalize.model.ListSolutionVersionsResponse;
import software.amazon.awssdk.services.personalize.model.ListSolutionsRequest;
import software.amazon.awssdk.services.personalize.model.ListSolutionsResponse;
import software.amazon.awssdk.services.personalize.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.personalize.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.personalize.model.StartRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.StartRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.StopRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.StopRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.StopSolutionVersionCreationRequest;
import software.amazon.awssdk.services.personalize.model.StopSolutionVersionCreationResponse;
import software.amazon.awssdk.services.personalize.model.TagResourceRequest;
import software.amazon.awssdk.services.personalize.model.TagResourceResponse;
import software.amazon.awssdk.services.personalize.model.UntagResourceRequest;
import software.amazon.awssdk.services.personalize.model.UntagResourceResponse;
import software.amazon.awssdk.services.personalize.model.UpdateCampaignRequest;
import software.amazon.awssdk.services.personalize.model.UpdateCampaignResponse;
import software.amazon.awssdk.services.personalize.model.UpdateDatasetRequest;
import software.amazon.awssdk.services.personalize.model.UpdateDatasetResponse;
import software.amazon.awssdk.services.personalize.model.UpdateMetricAttributionRequest;
import software.amazon.awssdk.services.personalize.model.UpdateMetricAttributionResponse;
import software.amazon.awssdk.services.personalize.model.UpdateRecommenderRequest;
import software.amazon.awssdk.services.personalize.model.UpdateRecommenderResponse;
import software.amazon.awssdk.services.personalize.model.UpdateSolutionRequest;
import software.amazon.awssdk.services.personalize.model.UpdateSolutionResponse;

/**
 * {@link PersonalizeClient} on the engine's control plane. Supported operations convert, call and
 * convert back; the others throw {@link UnsupportedOperationException} naming the operation, rather
 * than the SDK default's exception without a message. Operations added to the interface by a newer
 * SDK fall through to that default until they are listed here.
 */
final class EmbeddedPersonalizeClient implements PersonalizeClient {
  private final OpenPersonalize engine;
  private final Calls calls = new Calls("PersonalizeClient", Errors::personalize);

  EmbeddedPersonalizeClient(OpenPersonalize engine) {
    this.engine = engine;
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  /** The region is {@code local}, as in the engine's ARNs; there is no endpoint or credential. */
  @Override
  public PersonalizeServiceClientConfiguration serviceClientConfiguration() {
    return PersonalizeServiceClientConfiguration.builder().region(Region.of("local")).build();
  }

  /** Closes this client only; the engine belongs to the caller and stays open. */
  @Override
  public void close() {
    calls.close();
  }

  @Override
  public CreateDatasetGroupResponse createDatasetGroup(CreateDatasetGroupRequest request) {
    return calls.run(() -> toSdk(engine.personalize().createDatasetGroup(toOurs(request))));
  }

  @Override
  public DescribeDatasetGroupResponse describeDatasetGroup(DescribeDatasetGroupRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeDatasetGroup(toOurs(request))));
  }

  @Override
  public ListDatasetGroupsResponse listDatasetGroups(ListDatasetGroupsRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listDatasetGroups(toOurs(request))));
  }

  @Override
  public DeleteDatasetGroupResponse deleteDatasetGroup(DeleteDatasetGroupRequest request) {
    return calls.run(() -> toSdk(engine.personalize().deleteDatasetGroup(toOurs(request))));
  }

  @Override
  public CreateSchemaResponse createSchema(CreateSchemaRequest request) {
    return calls.run(() -> toSdk(engine.personalize().createSchema(toOurs(request))));
  }

  @Override
  public DescribeSchemaResponse describeSchema(DescribeSchemaRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeSchema(toOurs(request))));
  }

  @Override
  public ListSchemasResponse listSchemas(ListSchemasRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listSchemas(toOurs(request))));
  }

  @Override
  public DeleteSchemaResponse deleteSchema(DeleteSchemaRequest request) {
    return calls.run(() -> toSdk(engine.personalize().deleteSchema(toOurs(request))));
  }

  @Override
  public CreateDatasetResponse createDataset(CreateDatasetRequest request) {
    return calls.run(() -> toSdk(engine.personalize().createDataset(toOurs(request))));
  }

  @Override
  public DescribeDatasetResponse describeDataset(DescribeDatasetRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeDataset(toOurs(request))));
  }

  @Override
  public ListDatasetsResponse listDatasets(ListDatasetsRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listDatasets(toOurs(request))));
  }

  @Override
  public DeleteDatasetResponse deleteDataset(DeleteDatasetRequest request) {
    return calls.run(() -> toSdk(engine.personalize().deleteDataset(toOurs(request))));
  }

  @Override
  public CreateDatasetImportJobResponse createDatasetImportJob(
      CreateDatasetImportJobRequest request) {
    return calls.run(() -> toSdk(engine.personalize().createDatasetImportJob(toOurs(request))));
  }

  @Override
  public DescribeDatasetImportJobResponse describeDatasetImportJob(
      DescribeDatasetImportJobRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeDatasetImportJob(toOurs(request))));
  }

  @Override
  public ListDatasetImportJobsResponse listDatasetImportJobs(ListDatasetImportJobsRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listDatasetImportJobs(toOurs(request))));
  }

  @Override
  public CreateEventTrackerResponse createEventTracker(CreateEventTrackerRequest request) {
    return calls.run(() -> toSdk(engine.personalize().createEventTracker(toOurs(request))));
  }

  @Override
  public DescribeEventTrackerResponse describeEventTracker(DescribeEventTrackerRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeEventTracker(toOurs(request))));
  }

  @Override
  public ListEventTrackersResponse listEventTrackers(ListEventTrackersRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listEventTrackers(toOurs(request))));
  }

  @Override
  public DeleteEventTrackerResponse deleteEventTracker(DeleteEventTrackerRequest request) {
    return calls.run(() -> toSdk(engine.personalize().deleteEventTracker(toOurs(request))));
  }

  @Override
  public ListRecipesResponse listRecipes(ListRecipesRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listRecipes(toOurs(request))));
  }

  @Override
  public DescribeRecipeResponse describeRecipe(DescribeRecipeRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeRecipe(toOurs(request))));
  }

  @Override
  public CreateSolutionResponse createSolution(CreateSolutionRequest request) {
    return calls.run(() -> toSdk(engine.personalize().createSolution(toOurs(request))));
  }

  @Override
  public DescribeSolutionResponse describeSolution(DescribeSolutionRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeSolution(toOurs(request))));
  }

  @Override
  public ListSolutionsResponse listSolutions(ListSolutionsRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listSolutions(toOurs(request))));
  }

  @Override
  public DeleteSolutionResponse deleteSolution(DeleteSolutionRequest request) {
    return calls.run(() -> toSdk(engine.personalize().deleteSolution(toOurs(request))));
  }

  @Override
  public CreateSolutionVersionResponse createSolutionVersion(CreateSolutionVersionRequest request) {
    return calls.run(() -> toSdk(engine.personalize().createSolutionVersion(toOurs(request))));
  }

  @Override
  public DescribeSolutionVersionResponse describeSolutionVersion(
      DescribeSolutionVersionRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeSolutionVersion(toOurs(request))));
  }

  @Override
  public ListSolutionVersionsResponse listSolutionVersions(ListSolutionVersionsRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listSolutionVersions(toOurs(request))));
  }

  @Override
  public StopSolutionVersionCreationResponse stopSolutionVersionCreation(
      StopSolutionVersionCreationRequest request) {
    return calls.run(
        () -> toSdk(engine.personalize().stopSolutionVersionCreation(toOurs(request))));
  }

  @Override
  public GetSolutionMetricsResponse getSolutionMetrics(GetSolutionMetricsRequest request) {
    return calls.run(() -> toSdk(engine.personalize().getSolutionMetrics(toOurs(request))));
  }

  @Override
  public CreateCampaignResponse createCampaign(CreateCampaignRequest request) {
    return calls.run(() -> toSdk(engine.personalize().createCampaign(toOurs(request))));
  }

  @Override
  public DescribeCampaignResponse describeCampaign(DescribeCampaignRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeCampaign(toOurs(request))));
  }

  @Override
  public ListCampaignsResponse listCampaigns(ListCampaignsRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listCampaigns(toOurs(request))));
  }

  @Override
  public UpdateCampaignResponse updateCampaign(UpdateCampaignRequest request) {
    return calls.run(() -> toSdk(engine.personalize().updateCampaign(toOurs(request))));
  }

  @Override
  public DeleteCampaignResponse deleteCampaign(DeleteCampaignRequest request) {
    return calls.run(() -> toSdk(engine.personalize().deleteCampaign(toOurs(request))));
  }

  @Override
  public CreateFilterResponse createFilter(CreateFilterRequest request) {
    return calls.run(() -> toSdk(engine.personalize().createFilter(toOurs(request))));
  }

  @Override
  public DescribeFilterResponse describeFilter(DescribeFilterRequest request) {
    return calls.run(() -> toSdk(engine.personalize().describeFilter(toOurs(request))));
  }

  @Override
  public ListFiltersResponse listFilters(ListFiltersRequest request) {
    return calls.run(() -> toSdk(engine.personalize().listFilters(toOurs(request))));
  }

  @Override
  public DeleteFilterResponse deleteFilter(DeleteFilterRequest request) {
    return calls.run(() -> toSdk(engine.personalize().deleteFilter(toOurs(request))));
  }

  // ---- batch inference jobs (local paths or file: URIs; s3:// is refused) ---------------------

  @Override
  public CreateBatchInferenceJobResponse createBatchInferenceJob(
      CreateBatchInferenceJobRequest request) {
    return calls.run(
        () ->
            BatchConversions.toSdk(
                engine.personalize().createBatchInferenceJob(BatchConversions.toOurs(request))));
  }

  @Override
  public DescribeBatchInferenceJobResponse describeBatchInferenceJob(
      DescribeBatchInferenceJobRequest request) {
    return calls.run(
        () ->
            BatchConversions.toSdk(
                engine.personalize().describeBatchInferenceJob(BatchConversions.toOurs(request))));
  }

  @Override
  public ListBatchInferenceJobsResponse listBatchInferenceJobs(
      ListBatchInferenceJobsRequest request) {
    return calls.run(
        () ->
            BatchConversions.toSdk(
                engine.personalize().listBatchInferenceJobs(BatchConversions.toOurs(request))));
  }

  // ---- not supported yet (docs/aws-compatibility.md) -----------------------------------------

  @Override
  public CreateBatchSegmentJobResponse createBatchSegmentJob(CreateBatchSegmentJobRequest request) {
    return calls.run(
        () ->
            SegmentJobConversions.toSdk(
                engine.personalize().createBatchSegmentJob(SegmentJobConversions.toOurs(request))));
  }

  @Override
  public CreateDataDeletionJobResponse createDataDeletionJob(CreateDataDeletionJobRequest request) {
    throw Calls.unsupported("CreateDataDeletionJob");
  }

  @Override
  public CreateDatasetExportJobResponse createDatasetExportJob(
      CreateDatasetExportJobRequest request) {
    throw Calls.unsupported("CreateDatasetExportJob");
  }

  @Override
  public CreateMetricAttributionResponse createMetricAttribution(
      CreateMetricAttributionRequest request) {
    throw Calls.unsupported("CreateMetricAttribution");
  }

  @Override
  public DeleteMetricAttributionResponse deleteMetricAttribution(
      DeleteMetricAttributionRequest request) {
    throw Calls.unsupported("DeleteMetricAttribution");
  }

  @Override
  public DescribeAlgorithmResponse describeAlgorithm(DescribeAlgorithmRequest request) {
    return calls.run(
        () ->
            CatalogConversions.toSdk(
                engine.personalize().describeAlgorithm(CatalogConversions.toOurs(request))));
  }

  @Override
  public DescribeBatchSegmentJobResponse describeBatchSegmentJob(
      DescribeBatchSegmentJobRequest request) {
    return calls.run(
        () ->
            SegmentJobConversions.toSdk(
                engine
                    .personalize()
                    .describeBatchSegmentJob(SegmentJobConversions.toOurs(request))));
  }

  @Override
  public DescribeDataDeletionJobResponse describeDataDeletionJob(
      DescribeDataDeletionJobRequest request) {
    throw Calls.unsupported("DescribeDataDeletionJob");
  }

  @Override
  public DescribeDatasetExportJobResponse describeDatasetExportJob(
      DescribeDatasetExportJobRequest request) {
    throw Calls.unsupported("DescribeDatasetExportJob");
  }

  @Override
  public DescribeFeatureTransformationResponse describeFeatureTransformation(
      DescribeFeatureTransformationRequest request) {
    return calls.run(
        () ->
            CatalogConversions.toSdk(
                engine
                    .personalize()
                    .describeFeatureTransformation(CatalogConversions.toOurs(request))));
  }

  @Override
  public DescribeMetricAttributionResponse describeMetricAttribution(
      DescribeMetricAttributionRequest request) {
    throw Calls.unsupported("DescribeMetricAttribution");
  }

  @Override
  public ListBatchSegmentJobsResponse listBatchSegmentJobs(ListBatchSegmentJobsRequest request) {
    return calls.run(
        () ->
            SegmentJobConversions.toSdk(
                engine.personalize().listBatchSegmentJobs(SegmentJobConversions.toOurs(request))));
  }

  @Override
  public ListDataDeletionJobsResponse listDataDeletionJobs(ListDataDeletionJobsRequest request) {
    throw Calls.unsupported("ListDataDeletionJobs");
  }

  @Override
  public ListDatasetExportJobsResponse listDatasetExportJobs(ListDatasetExportJobsRequest request) {
    throw Calls.unsupported("ListDatasetExportJobs");
  }

  @Override
  public ListMetricAttributionMetricsResponse listMetricAttributionMetrics(
      ListMetricAttributionMetricsRequest request) {
    throw Calls.unsupported("ListMetricAttributionMetrics");
  }

  @Override
  public ListMetricAttributionsResponse listMetricAttributions(
      ListMetricAttributionsRequest request) {
    throw Calls.unsupported("ListMetricAttributions");
  }

  @Override
  public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
    return calls.run(
        () ->
            CatalogConversions.toSdk(
                engine.personalize().listTagsForResource(CatalogConversions.toOurs(request))));
  }

  @Override
  public TagResourceResponse tagResource(TagResourceRequest request) {
    return calls.run(
        () ->
            CatalogConversions.toSdk(
                engine.personalize().tagResource(CatalogConversions.toOurs(request))));
  }

  @Override
  public UntagResourceResponse untagResource(UntagResourceRequest request) {
    return calls.run(
        () ->
            CatalogConversions.toSdk(
                engine.personalize().untagResource(CatalogConversions.toOurs(request))));
  }

  @Override
  public UpdateDatasetResponse updateDataset(UpdateDatasetRequest request) {
    throw Calls.unsupported("UpdateDataset");
  }

  @Override
  public UpdateMetricAttributionResponse updateMetricAttribution(
      UpdateMetricAttributionRequest request) {
    throw Calls.unsupported("UpdateMetricAttribution");
  }

  @Override
  public UpdateSolutionResponse updateSolution(UpdateSolutionRequest request) {
    return calls.run(() -> toSdk(engine.personalize().updateSolution(toOurs(request))));
  }

  @Override
  public CreateRecommenderResponse createRecommender(CreateRecommenderRequest request) {
    return calls.run(
        () ->
            RecommenderConversions.toSdk(
                engine.personalize().createRecommender(RecommenderConversions.toOurs(request))));
  }

  @Override
  public DescribeRecommenderResponse describeRecommender(DescribeRecommenderRequest request) {
    return calls.run(
        () ->
            RecommenderConversions.toSdk(
                engine.personalize().describeRecommender(RecommenderConversions.toOurs(request))));
  }

  @Override
  public ListRecommendersResponse listRecommenders(ListRecommendersRequest request) {
    return calls.run(
        () ->
            RecommenderConversions.toSdk(
                engine.personalize().listRecommenders(RecommenderConversions.toOurs(request))));
  }

  @Override
  public UpdateRecommenderResponse updateRecommender(UpdateRecommenderRequest request) {
    return calls.run(
        () ->
            RecommenderConversions.toSdk(
                engine.personalize().updateRecommender(RecommenderConversions.toOurs(request))));
  }

  @Override
  public StopRecommenderResponse stopRecommender(StopRecommenderRequest request) {
    return calls.run(
        () ->
            RecommenderConversions.toSdk(
                engine.personalize().stopRecommender(RecommenderConversions.toOurs(request))));
  }

  @Override
  public StartRecommenderResponse startRecommender(StartRecommenderRequest request) {
    return calls.run(
        () ->
            RecommenderConversions.toSdk(
                engine.personalize().startRecommender(RecommenderConversions.toOurs(request))));
  }

  @Override
  public DeleteRecommenderResponse deleteRecommender(DeleteRecommenderRequest request) {
    return calls.run(
        () ->
            RecommenderConversions.toSdk(
                engine.personalize().deleteRecommender(RecommenderConversions.toOurs(request))));
  }
}
