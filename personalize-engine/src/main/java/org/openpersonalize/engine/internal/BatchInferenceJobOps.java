package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openpersonalize.api.model.BatchInferenceJob;
import org.openpersonalize.api.model.BatchInferenceJobConfig;
import org.openpersonalize.api.model.BatchInferenceJobInput;
import org.openpersonalize.api.model.BatchInferenceJobMode;
import org.openpersonalize.api.model.BatchInferenceJobOutput;
import org.openpersonalize.api.model.BatchInferenceJobSummary;
import org.openpersonalize.api.model.CreateBatchInferenceJobRequest;
import org.openpersonalize.api.model.CreateBatchInferenceJobResponse;
import org.openpersonalize.api.model.DescribeBatchInferenceJobRequest;
import org.openpersonalize.api.model.DescribeBatchInferenceJobResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListBatchInferenceJobsRequest;
import org.openpersonalize.api.model.ListBatchInferenceJobsResponse;
import org.openpersonalize.api.model.S3DataConfig;
import org.openpersonalize.engine.internal.batch.BatchJobRunner;
import org.openpersonalize.engine.internal.batch.BatchLocation;
import org.openpersonalize.engine.internal.resource.BatchInferenceJobRecord;
import org.openpersonalize.engine.internal.resource.CampaignRecord;
import org.openpersonalize.engine.internal.resource.FilterRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.serving.BatchRecommendations;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;

/**
 * CreateBatchInferenceJob, DescribeBatchInferenceJob and ListBatchInferenceJobs (spec §7.1). A job
 * is checked completely, stored {@code CREATE PENDING} and run by the {@link BatchJobRunner}; its
 * lines are answered by {@link BatchRecommendations} exactly as the runtime answers requests.
 */
final class BatchInferenceJobOps {
  /** Amazon's quota of batch inference jobs pending or in progress (spec §7.1). */
  static final int MAX_RUNNING = 5;

  /** Items per line when {@code numResults} is not given (the console's default, spec §7.1). */
  static final int DEFAULT_RESULTS = 25;

  private static final String EXPLORATION = "batchInferenceJobConfig.itemExplorationConfig";

  /** Recipes Amazon runs no batch inference for (spec §3.5, §3.11). */
  private static final List<String> NO_BATCH =
      List.of(
          "arn:aws:personalize:::recipe/aws-trending-now",
          "arn:aws:personalize:::recipe/aws-next-best-action");

  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final BatchJobRunner runner;
  private final BatchRecommendations scoring;

  BatchInferenceJobOps(
      EngineContext ctx,
      RecipeCatalog recipes,
      BatchJobRunner runner,
      BatchRecommendations scoring) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.runner = runner;
    this.scoring = scoring;
  }

  CreateBatchInferenceJobResponse create(CreateBatchInferenceJobRequest r) {
    String name = Check.name("jobName", r.jobName());
    Check.tags(r.tags());
    Check.arn("solutionVersionArn", Check.required("solutionVersionArn", r.solutionVersionArn()));
    Check.optionalArn("filterArn", r.filterArn());
    String input =
        Check.localPath(
            "jobInput.s3DataSource", r.jobInput() == null ? null : r.jobInput().s3DataSource());
    String output =
        Check.localPath(
            "jobOutput.s3DataDestination",
            r.jobOutput() == null ? null : r.jobOutput().s3DataDestination());
    BatchLocation.check(input, output);
    int n = r.numResults() == null ? DEFAULT_RESULTS : r.numResults();
    if (n < 1 || n > 500) {
      throw new InvalidInputException("numResults must be 1-500; got: " + n);
    }
    if (r.batchInferenceJobMode() != null
        && r.batchInferenceJobMode() != BatchInferenceJobMode.BATCH_INFERENCE) {
      throw new InvalidInputException(
          "batchInferenceJobMode must be BATCH_INFERENCE: theme generation (Content Generator)"
              + " is not available in the embedded engine; got: "
              + Check.show(r.batchInferenceJobModeAsString()));
    }
    if (r.themeGenerationConfig() != null) {
      throw new InvalidInputException(
          "themeGenerationConfig must not be given: theme generation is not available in the"
              + " embedded engine; got: "
              + r.themeGenerationConfig());
    }
    BatchInferenceJobConfig config =
        r.batchInferenceJobConfig() == null
            ? BatchInferenceJobConfig.builder().build()
            : r.batchInferenceJobConfig();
    if (!config.rankingInfluence().isEmpty()) {
      throw new InvalidInputException(
          "batchInferenceJobConfig.rankingInfluence applies to Semantic-Similarity, which the"
              + " embedded engine does not have; got: "
              + config.rankingInfluence());
    }
    Map<String, String> exploration = config.itemExplorationConfig();
    ExplorationConfig.checkValues(EXPLORATION, exploration);
    String arn = Arns.of(Kinds.BATCH_INFERENCE_JOB, name);
    BatchInferenceJobRecord job =
        ctx.store()
            .inTransaction(
                c -> {
                  SolutionVersionRecord v =
                      CreateChecks.activeVersion(
                          ctx, c, r.solutionVersionArn(), "a batch inference job");
                  SolutionRecord solution =
                      ctx.require(c, Kinds.SOLUTION, "solutionArn", v.solutionArn());
                  Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
                  checkRecipe(recipe);
                  boolean explores = ExplorationConfig.explores(EXPLORATION, recipe, exploration);
                  checkFilter(c, r.filterArn(), solution.datasetGroupArn());
                  CreateChecks.nameAndQuota(
                      c, Kinds.BATCH_INFERENCE_JOB, "batch inference job", name, MAX_RUNNING);
                  BatchInferenceJobRecord rec =
                      new BatchInferenceJobRecord(
                          Header.created(arn, name, v.arn(), Status.CREATE_PENDING, ctx.now()),
                          input,
                          output,
                          r.filterArn(),
                          n,
                          explores
                              ? ExplorationConfig.setting(
                                  exploration,
                                  "explorationWeight",
                                  CampaignRecord.DEFAULT_EXPLORATION_WEIGHT)
                              : 0,
                          ExplorationConfig.setting(
                              exploration,
                              "explorationItemAgeCutOff",
                              CampaignRecord.DEFAULT_EXPLORATION_AGE_CUT_OFF),
                          exploration,
                          r.roleArn(),
                          null,
                          null,
                          null,
                          r.tags());
                  Resources.insert(c, rec);
                  return rec;
                });
    runner.submit(new BatchInferenceRun(ctx, scoring, job));
    return CreateBatchInferenceJobResponse.builder().batchInferenceJobArn(arn).build();
  }

  /**
   * Spec §3.5, §3.11, §7.1: no batch inference for Trending-Now, Next-Best-Action or the
   * segmentation recipes; of the POPULAR_ITEMS recipes only Popularity-Count has it.
   */
  static void checkRecipe(Recipe recipe) {
    String arn = recipe.recipeArn();
    if (recipe.recipeType() == RecipeType.USER_SEGMENTATION) {
      throw new InvalidInputException(
          "Batch inference jobs are not supported for solution versions of "
              + arn
              + " (USER_SEGMENTATION); use CreateBatchSegmentJob");
    }
    boolean popularNotCount =
        recipe.recipeType() == RecipeType.POPULAR_ITEMS
            && !arn.equals("arn:aws:personalize:::recipe/aws-popularity-count");
    if (NO_BATCH.contains(arn) || popularNotCount) {
      throw new InvalidInputException(
          "Batch inference jobs are not supported for solution versions of "
              + arn
              + "; get its recommendations from a campaign with GetRecommendations");
    }
  }

  private void checkFilter(Connection c, String filterArn, String groupArn) throws SQLException {
    if (filterArn == null) {
      return;
    }
    FilterRecord f = ctx.require(c, Kinds.FILTER, "filterArn", filterArn);
    if (!f.parentArn().equals(groupArn)) {
      throw new InvalidInputException(
          "filterArn must name a filter of the solution version's dataset group "
              + groupArn
              + "; got: "
              + filterArn
              + " of "
              + f.parentArn());
    }
  }

  DescribeBatchInferenceJobResponse describe(DescribeBatchInferenceJobRequest request) {
    BatchInferenceJobRecord r =
        ctx.get(Kinds.BATCH_INFERENCE_JOB, "batchInferenceJobArn", request.batchInferenceJobArn());
    return DescribeBatchInferenceJobResponse.builder().batchInferenceJob(toModel(r)).build();
  }

  ListBatchInferenceJobsResponse list(ListBatchInferenceJobsRequest request) {
    Resources.Page<BatchInferenceJobSummary> page =
        ctx.list(
            Kinds.BATCH_INFERENCE_JOB,
            "solutionVersionArn",
            request.solutionVersionArn(),
            request.nextToken(),
            request.maxResults(),
            BatchInferenceJobOps::toSummary);
    return ListBatchInferenceJobsResponse.builder()
        .batchInferenceJobs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /** Fails the jobs a previous engine left unfinished; called when the engine opens. */
  void failAbandoned() {
    List<BatchInferenceRun> open = new ArrayList<>();
    for (BatchInferenceJobRecord r :
        ctx.store().read(c -> Resources.children(c, Kinds.BATCH_INFERENCE_JOB, null))) {
      if (!r.status().terminal()) {
        open.add(new BatchInferenceRun(ctx, scoring, r));
      }
    }
    runner.failAbandoned(open);
  }

  static BatchInferenceJob toModel(BatchInferenceJobRecord r) {
    return BatchInferenceJob.builder()
        .jobName(r.name())
        .batchInferenceJobArn(r.arn())
        .filterArn(r.filterArn())
        .failureReason(r.failureReason())
        .solutionVersionArn(r.solutionVersionArn())
        .numResults(r.numResults())
        .jobInput(
            BatchInferenceJobInput.builder()
                .s3DataSource(S3DataConfig.builder().path(r.input()).build())
                .build())
        .jobOutput(
            BatchInferenceJobOutput.builder()
                .s3DataDestination(S3DataConfig.builder().path(r.output()).build())
                .build())
        .batchInferenceJobConfig(
            BatchInferenceJobConfig.builder().itemExplorationConfig(r.explorationConfig()).build())
        .roleArn(r.roleArn())
        .batchInferenceJobMode(BatchInferenceJobMode.BATCH_INFERENCE)
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .linesProcessed(r.linesProcessed())
        .linesTotal(r.linesTotal())
        .linesFailed(r.linesFailed())
        .build();
  }

  static BatchInferenceJobSummary toSummary(BatchInferenceJobRecord r) {
    return BatchInferenceJobSummary.builder()
        .batchInferenceJobArn(r.arn())
        .jobName(r.name())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .failureReason(r.failureReason())
        .solutionVersionArn(r.solutionVersionArn())
        .batchInferenceJobMode(BatchInferenceJobMode.BATCH_INFERENCE)
        .build();
  }
}
