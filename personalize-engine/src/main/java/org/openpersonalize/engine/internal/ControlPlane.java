package org.openpersonalize.engine.internal;

import org.openpersonalize.api.model.CreateBatchInferenceJobRequest;
import org.openpersonalize.api.model.CreateBatchInferenceJobResponse;
import org.openpersonalize.api.model.CreateBatchSegmentJobRequest;
import org.openpersonalize.api.model.CreateBatchSegmentJobResponse;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateCampaignResponse;
import org.openpersonalize.api.model.CreateRecommenderRequest;
import org.openpersonalize.api.model.CreateRecommenderResponse;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionResponse;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionResponse;
import org.openpersonalize.api.model.DeleteCampaignRequest;
import org.openpersonalize.api.model.DeleteCampaignResponse;
import org.openpersonalize.api.model.DeleteRecommenderRequest;
import org.openpersonalize.api.model.DeleteRecommenderResponse;
import org.openpersonalize.api.model.DeleteSolutionRequest;
import org.openpersonalize.api.model.DeleteSolutionResponse;
import org.openpersonalize.api.model.DescribeBatchInferenceJobRequest;
import org.openpersonalize.api.model.DescribeBatchInferenceJobResponse;
import org.openpersonalize.api.model.DescribeBatchSegmentJobRequest;
import org.openpersonalize.api.model.DescribeBatchSegmentJobResponse;
import org.openpersonalize.api.model.DescribeCampaignRequest;
import org.openpersonalize.api.model.DescribeCampaignResponse;
import org.openpersonalize.api.model.DescribeRecipeRequest;
import org.openpersonalize.api.model.DescribeRecipeResponse;
import org.openpersonalize.api.model.DescribeRecommenderRequest;
import org.openpersonalize.api.model.DescribeRecommenderResponse;
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
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.ListRecipesResponse;
import org.openpersonalize.api.model.ListRecommendersRequest;
import org.openpersonalize.api.model.ListRecommendersResponse;
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
 * The control plane: routes each operation of {@link org.openpersonalize.api.Personalize} to the
 * operations class of its resource kind, after refusing a null request. It holds no logic of its
 * own: validation, quotas and the mapping to API types live in one small class per kind ({@code
 * *Ops}). The data-side kinds (dataset groups to filters) are routed by {@link DatasetRoutes}; this
 * class routes recipes, solutions and their versions, campaigns, batch jobs, recommenders and tags.
 */
final class ControlPlane extends DatasetRoutes {
  private final RecipeOps recipes;
  private final SolutionOps solutions;
  private final SolutionVersionOps versions;
  private final CampaignOps campaigns;
  private final BatchInferenceJobOps batchInferenceJobs;
  private final RecommenderOps recommenders;
  private final BatchSegmentJobOps segmentJobs;
  private final AlgorithmOps algorithms;
  private final TagOps tags;

  ControlPlane(
      DatasetGroupOps groups,
      SchemaOps schemas,
      DatasetOps datasets,
      ImportJobOps importJobs,
      EventTrackerOps trackers,
      FilterOps filters,
      RecipeOps recipes,
      SolutionOps solutions,
      SolutionVersionOps versions,
      CampaignOps campaigns,
      BatchInferenceJobOps batchInferenceJobs,
      RecommenderOps recommenders,
      BatchSegmentJobOps segmentJobs,
      AlgorithmOps algorithms,
      TagOps tags) {
    super(groups, schemas, datasets, importJobs, trackers, filters);
    this.recipes = recipes;
    this.solutions = solutions;
    this.versions = versions;
    this.campaigns = campaigns;
    this.batchInferenceJobs = batchInferenceJobs;
    this.recommenders = recommenders;
    this.segmentJobs = segmentJobs;
    this.algorithms = algorithms;
    this.tags = tags;
  }

  @Override
  public ListRecipesResponse listRecipes(ListRecipesRequest request) {
    return recipes.list(Check.request(request));
  }

  @Override
  public DescribeRecipeResponse describeRecipe(DescribeRecipeRequest request) {
    return recipes.describe(Check.request(request));
  }

  @Override
  public CreateSolutionResponse createSolution(CreateSolutionRequest request) {
    return solutions.create(Check.request(request));
  }

  @Override
  public DescribeSolutionResponse describeSolution(DescribeSolutionRequest request) {
    return solutions.describe(Check.request(request));
  }

  @Override
  public ListSolutionsResponse listSolutions(ListSolutionsRequest request) {
    return solutions.list(Check.request(request));
  }

  @Override
  public DeleteSolutionResponse deleteSolution(DeleteSolutionRequest request) {
    return solutions.delete(Check.request(request));
  }

  @Override
  public UpdateSolutionResponse updateSolution(UpdateSolutionRequest request) {
    return solutions.update(Check.request(request));
  }

  @Override
  public CreateSolutionVersionResponse createSolutionVersion(CreateSolutionVersionRequest request) {
    return versions.create(Check.request(request));
  }

  @Override
  public DescribeSolutionVersionResponse describeSolutionVersion(
      DescribeSolutionVersionRequest request) {
    return versions.describe(Check.request(request));
  }

  @Override
  public ListSolutionVersionsResponse listSolutionVersions(ListSolutionVersionsRequest request) {
    return versions.list(Check.request(request));
  }

  @Override
  public StopSolutionVersionCreationResponse stopSolutionVersionCreation(
      StopSolutionVersionCreationRequest request) {
    return versions.stop(Check.request(request));
  }

  @Override
  public GetSolutionMetricsResponse getSolutionMetrics(GetSolutionMetricsRequest request) {
    return versions.metrics(Check.request(request));
  }

  @Override
  public CreateCampaignResponse createCampaign(CreateCampaignRequest request) {
    return campaigns.create(Check.request(request));
  }

  @Override
  public DescribeCampaignResponse describeCampaign(DescribeCampaignRequest request) {
    return campaigns.describe(Check.request(request));
  }

  @Override
  public ListCampaignsResponse listCampaigns(ListCampaignsRequest request) {
    return campaigns.list(Check.request(request));
  }

  @Override
  public UpdateCampaignResponse updateCampaign(UpdateCampaignRequest request) {
    return campaigns.update(Check.request(request));
  }

  @Override
  public DeleteCampaignResponse deleteCampaign(DeleteCampaignRequest request) {
    return campaigns.delete(Check.request(request));
  }

  @Override
  public CreateBatchInferenceJobResponse createBatchInferenceJob(
      CreateBatchInferenceJobRequest request) {
    return batchInferenceJobs.create(Check.request(request));
  }

  @Override
  public DescribeBatchInferenceJobResponse describeBatchInferenceJob(
      DescribeBatchInferenceJobRequest request) {
    return batchInferenceJobs.describe(Check.request(request));
  }

  @Override
  public ListBatchInferenceJobsResponse listBatchInferenceJobs(
      ListBatchInferenceJobsRequest request) {
    return batchInferenceJobs.list(Check.request(request));
  }

  @Override
  public CreateRecommenderResponse createRecommender(CreateRecommenderRequest request) {
    return recommenders.create(Check.request(request));
  }

  @Override
  public DescribeRecommenderResponse describeRecommender(DescribeRecommenderRequest request) {
    return recommenders.describe(Check.request(request));
  }

  @Override
  public ListRecommendersResponse listRecommenders(ListRecommendersRequest request) {
    return recommenders.list(Check.request(request));
  }

  @Override
  public UpdateRecommenderResponse updateRecommender(UpdateRecommenderRequest request) {
    return recommenders.update(Check.request(request));
  }

  @Override
  public StopRecommenderResponse stopRecommender(StopRecommenderRequest request) {
    return recommenders.stop(Check.request(request));
  }

  @Override
  public StartRecommenderResponse startRecommender(StartRecommenderRequest request) {
    return recommenders.start(Check.request(request));
  }

  @Override
  public DeleteRecommenderResponse deleteRecommender(DeleteRecommenderRequest request) {
    return recommenders.delete(Check.request(request));
  }

  @Override
  public CreateBatchSegmentJobResponse createBatchSegmentJob(CreateBatchSegmentJobRequest request) {
    return segmentJobs.create(Check.request(request));
  }

  @Override
  public DescribeBatchSegmentJobResponse describeBatchSegmentJob(
      DescribeBatchSegmentJobRequest request) {
    return segmentJobs.describe(Check.request(request));
  }

  @Override
  public ListBatchSegmentJobsResponse listBatchSegmentJobs(ListBatchSegmentJobsRequest request) {
    return segmentJobs.list(Check.request(request));
  }

  @Override
  public org.openpersonalize.api.model.DescribeAlgorithmResponse describeAlgorithm(
      org.openpersonalize.api.model.DescribeAlgorithmRequest request) {
    return algorithms.describeAlgorithm(Check.request(request));
  }

  @Override
  public org.openpersonalize.api.model.DescribeFeatureTransformationResponse
      describeFeatureTransformation(
          org.openpersonalize.api.model.DescribeFeatureTransformationRequest request) {
    return algorithms.describeFeatureTransformation(Check.request(request));
  }

  @Override
  public org.openpersonalize.api.model.TagResourceResponse tagResource(
      org.openpersonalize.api.model.TagResourceRequest request) {
    return tags.tag(Check.request(request));
  }

  @Override
  public org.openpersonalize.api.model.UntagResourceResponse untagResource(
      org.openpersonalize.api.model.UntagResourceRequest request) {
    return tags.untag(Check.request(request));
  }

  @Override
  public org.openpersonalize.api.model.ListTagsForResourceResponse listTagsForResource(
      org.openpersonalize.api.model.ListTagsForResourceRequest request) {
    return tags.list(Check.request(request));
  }
}
