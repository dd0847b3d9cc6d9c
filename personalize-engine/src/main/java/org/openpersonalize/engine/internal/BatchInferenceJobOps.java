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
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListBatchInferenceJobsRequest;
import org.openpersonalize.api.model.ListBatchInferenceJobsResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.S3DataConfig;
import org.openpersonalize.engine.internal.batch.BatchJob;
import org.openpersonalize.engine.internal.batch.BatchJobRunner;
import org.openpersonalize.engine.internal.batch.BatchLocation;
import org.openpersonalize.engine.internal.batch.LineScorer;
import org.openpersonalize.engine.internal.resource.BatchInferenceJobRecord;
import org.openpersonalize.engine.internal.resource.CampaignRecord;
import org.openpersonalize.engine.internal.resource.FilterRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.serving.BatchRecommendations;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.store.Store;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;
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
    checkExplorationValues(exploration);
    String arn = Arns.of(Kinds.BATCH_INFERENCE_JOB, name);
    BatchInferenceJobRecord job =
        ctx.store()
            .inTransaction(
                c -> {
                  SolutionVersionRecord v =
                      ctx.require(
                          c, Kinds.SOLUTION_VERSION, "solutionVersionArn", r.solutionVersionArn());
                  if (v.status() != Status.ACTIVE) {
                    throw new ResourceInUseException(
                        "Solution version "
                            + v.arn()
                            + " is "
                            + v.status()
                            + "; a batch inference job needs an ACTIVE version");
                  }
                  SolutionRecord solution =
                      ctx.require(c, Kinds.SOLUTION, "solutionArn", v.solutionArn());
                  Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
                  checkRecipe(recipe);
                  boolean explores = explores(recipe, exploration);
                  checkFilter(c, r.filterArn(), solution.datasetGroupArn());
                  if (Resources.findByName(c, Kinds.BATCH_INFERENCE_JOB, name) != null) {
                    throw new ResourceAlreadyExistsException(
                        "A batch inference job named " + name + " already exists");
                  }
                  int running =
                      Resources.countWithStatus(
                          c,
                          Kinds.BATCH_INFERENCE_JOB,
                          Status.CREATE_PENDING,
                          Status.CREATE_IN_PROGRESS);
                  if (running >= MAX_RUNNING) {
                    throw new LimitExceededException(
                        "More than "
                            + MAX_RUNNING
                            + " resources with PENDING or IN_PROGRESS status.");
                  }
                  BatchInferenceJobRecord rec =
                      new BatchInferenceJobRecord(
                          Header.created(arn, name, v.arn(), Status.CREATE_PENDING, ctx.now()),
                          input,
                          output,
                          r.filterArn(),
                          n,
                          explores
                              ? setting(
                                  exploration,
                                  "explorationWeight",
                                  CampaignRecord.DEFAULT_EXPLORATION_WEIGHT)
                              : 0,
                          setting(
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
    runner.submit(new Job(job));
    return CreateBatchInferenceJobResponse.builder().batchInferenceJobArn(arn).build();
  }

  /** An exploration setting as given, or Amazon's campaign default (spec §9.7). */
  private static double setting(Map<String, String> m, String key, double dflt) {
    String v = m.get(key);
    return v == null ? dflt : Double.parseDouble(v);
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

  private static void checkExplorationValues(Map<String, String> exploration) {
    for (Map.Entry<String, String> e : exploration.entrySet()) {
      double v;
      try {
        v = Double.parseDouble(e.getValue());
      } catch (NumberFormatException | NullPointerException ex) {
        v = Double.NaN;
      }
      switch (e.getKey()) {
        case "explorationWeight" -> {
          if (!(v >= 0 && v <= 1)) {
            throw new InvalidInputException(
                EXPLORATION
                    + ".explorationWeight must be a number from 0 to 1; got: "
                    + Check.show(e.getValue()));
          }
        }
        case "explorationItemAgeCutOff" -> {
          if (!(v >= 1) || Double.isInfinite(v)) {
            throw new InvalidInputException(
                EXPLORATION
                    + ".explorationItemAgeCutOff must be a number of days, at least 1; got: "
                    + Check.show(e.getValue()));
          }
        }
        default ->
            throw new InvalidInputException(
                EXPLORATION
                    + " keys must be explorationWeight or explorationItemAgeCutOff; got: "
                    + Check.show(e.getKey()));
      }
    }
  }

  /** Whether the recipe explores; exploration settings it would not honour are refused. */
  private static boolean explores(Recipe recipe, Map<String, String> exploration) {
    if (recipe.capabilities().contains(RecipeCapability.ITEM_EXPLORATION)) {
      return true;
    }
    String weight = exploration.get("explorationWeight");
    if (weight != null && Double.parseDouble(weight) != 0) {
      throw new InvalidInputException(
          EXPLORATION
              + ".explorationWeight must be 0 for "
              + recipe.recipeArn()
              + ", which does not explore new items; got: "
              + Check.show(weight));
    }
    if (exploration.containsKey("explorationItemAgeCutOff")) {
      throw new InvalidInputException(
          EXPLORATION
              + ".explorationItemAgeCutOff must not be given for "
              + recipe.recipeArn()
              + ", which does not explore new items; got: "
              + Check.show(exploration.get("explorationItemAgeCutOff")));
    }
    return false;
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
    Check.optionalArn("solutionVersionArn", request.solutionVersionArn());
    Resources.Page<BatchInferenceJobRecord> page =
        ctx.page(
            Kinds.BATCH_INFERENCE_JOB,
            request.solutionVersionArn(),
            request.nextToken(),
            request.maxResults());
    return ListBatchInferenceJobsResponse.builder()
        .batchInferenceJobs(Check.map(page.items(), BatchInferenceJobOps::toSummary))
        .nextToken(page.nextToken())
        .build();
  }

  /** Fails the jobs a previous engine left unfinished; called when the engine opens. */
  void failAbandoned() {
    List<Job> open = new ArrayList<>();
    for (BatchInferenceJobRecord r :
        ctx.store().read(c -> Resources.children(c, Kinds.BATCH_INFERENCE_JOB, null))) {
      if (!r.status().terminal()) {
        open.add(new Job(r));
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

  /** A stored job as the runner sees it. */
  private final class Job implements BatchJob {
    private final BatchInferenceJobRecord r;

    Job(BatchInferenceJobRecord r) {
      this.r = r;
    }

    @Override
    public String arn() {
      return r.arn();
    }

    @Override
    public String name() {
      return r.name();
    }

    @Override
    public String input() {
      return r.input();
    }

    @Override
    public String output() {
      return r.output();
    }

    @Override
    public LineScorer open() {
      return scoring.open(
          r.arn(),
          r.solutionVersionArn(),
          r.filterArn(),
          r.numResults(),
          r.explorationWeight(),
          r.explorationItemAgeCutOff());
    }

    @Override
    public Store.Work<Void> update(Status status, String reason, Counts counts) {
      return c -> {
        BatchInferenceJobRecord now = Resources.find(c, Kinds.BATCH_INFERENCE_JOB, r.arn());
        if (now != null) {
          boolean none = counts == Counts.NONE;
          Resources.update(
              c,
              now.withStatus(
                  status,
                  reason,
                  none ? null : counts.done(),
                  none || counts.total() < 0 ? null : counts.total(),
                  none ? null : counts.failed(),
                  ctx.now()));
        }
        return null;
      };
    }
  }
}
