package org.openpersonalize.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.api.model.BatchSegmentJob;
import org.openpersonalize.api.model.BatchSegmentJobInput;
import org.openpersonalize.api.model.BatchSegmentJobOutput;
import org.openpersonalize.api.model.BatchSegmentJobSummary;
import org.openpersonalize.api.model.CreateBatchSegmentJobRequest;
import org.openpersonalize.api.model.CreateBatchSegmentJobResponse;
import org.openpersonalize.api.model.DescribeBatchSegmentJobRequest;
import org.openpersonalize.api.model.DescribeBatchSegmentJobResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListBatchSegmentJobsRequest;
import org.openpersonalize.api.model.ListBatchSegmentJobsResponse;
import org.openpersonalize.api.model.S3DataConfig;
import org.openpersonalize.engine.internal.batch.BatchJob.Counts;
import org.openpersonalize.engine.internal.batch.BatchJobRunner;
import org.openpersonalize.engine.internal.batch.BatchLocation;
import org.openpersonalize.engine.internal.resource.SegmentJobRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.segment.SegmentJob;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.ModelStore;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;

/**
 * CreateBatchSegmentJob, DescribeBatchSegmentJob and ListBatchSegmentJobs (spec §7.2). A request is
 * checked completely — its own fields, then the solution version (ACTIVE, of a USER_SEGMENTATION
 * recipe), the filter ({@link SegmentFilterRules}), the name and the quota of {@value #MAX_RUNNING}
 * running jobs in one transaction — before the job is stored {@code CREATE PENDING} and handed to
 * the {@link BatchJobRunner}.
 */
final class BatchSegmentJobOps {
  /** Spec §10: batch segment jobs pending or in progress at once. */
  static final int MAX_RUNNING = 5;

  /** Spec §7.2: the console's default of users per segment (the API documents none). */
  static final int DEFAULT_NUM_RESULTS = 25;

  /** Spec §7.2, §10: users per segment. */
  static final int MAX_NUM_RESULTS = 5_000_000;

  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final ModelStore models;
  private final BatchJobRunner runner;

  BatchSegmentJobOps(
      EngineContext ctx, RecipeCatalog recipes, ModelStore models, BatchJobRunner runner) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.models = models;
    this.runner = runner;
  }

  CreateBatchSegmentJobResponse create(CreateBatchSegmentJobRequest request) {
    String name = Check.name("jobName", request.jobName());
    Check.tags(request.tags());
    Check.arn("solutionVersionArn", request.solutionVersionArn());
    if (request.filterArn() != null) {
      Check.arn("filterArn", request.filterArn());
    }
    Check.length("roleArn", request.roleArn(), 1, 256);
    int numResults = request.numResults() == null ? DEFAULT_NUM_RESULTS : request.numResults();
    if (numResults < 1 || numResults > MAX_NUM_RESULTS) {
      throw new InvalidInputException(
          "numResults must be 1-" + MAX_NUM_RESULTS + " users per segment; got: " + numResults);
    }
    BatchSegmentJobInput in = Check.required("jobInput", request.jobInput());
    BatchSegmentJobOutput out = Check.required("jobOutput", request.jobOutput());
    String input = location("jobInput.s3DataSource", in.s3DataSource());
    String output = location("jobOutput.s3DataDestination", out.s3DataDestination());
    BatchLocation.check(input, output);
    String arn = Arns.of(Kinds.BATCH_SEGMENT_JOB, name);
    SegmentJobRecord stored =
        ctx.store()
            .inTransaction(
                c -> {
                  SolutionVersionRecord version =
                      CreateChecks.activeVersion(
                          ctx, c, request.solutionVersionArn(), "a batch segment job");
                  SolutionRecord solution =
                      ctx.require(c, Kinds.SOLUTION, "solutionArn", version.solutionArn());
                  Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
                  if (recipe.recipeType() != RecipeType.USER_SEGMENTATION) {
                    throw new InvalidInputException(
                        "solutionVersionArn must name a version of a USER_SEGMENTATION recipe"
                            + " (aws-item-affinity, aws-item-attribute-affinity) for a batch"
                            + " segment job; got: "
                            + version.arn()
                            + " of "
                            + recipe.name()
                            + " ("
                            + recipe.recipeType()
                            + "). Use CreateBatchInferenceJob for item recommendations.");
                  }
                  if (request.filterArn() != null) {
                    SegmentFilterRules.check(
                        ctx.require(c, Kinds.FILTER, "filterArn", request.filterArn()),
                        solution.datasetGroupArn(),
                        recipe);
                  }
                  CreateChecks.nameAndQuota(
                      c, Kinds.BATCH_SEGMENT_JOB, "batch segment job", name, MAX_RUNNING);
                  SegmentJobRecord r =
                      new SegmentJobRecord(
                          Header.created(
                              arn, name, version.arn(), Status.CREATE_PENDING, ctx.now()),
                          request.filterArn(),
                          numResults,
                          input,
                          output,
                          request.roleArn(),
                          request.tags(),
                          Counts.NONE);
                  Resources.insert(c, r);
                  return r;
                });
    runner.submit(new SegmentJob(ctx, recipes, models, stored));
    return CreateBatchSegmentJobResponse.builder().batchSegmentJobArn(arn).build();
  }

  /** A location's path: {@link Check#localPath}, at most 256 characters as Amazon's. */
  private static String location(String field, S3DataConfig config) {
    String path = Check.localPath(field, config);
    Check.length(field + ".path", path, 1, 256);
    return path;
  }

  DescribeBatchSegmentJobResponse describe(DescribeBatchSegmentJobRequest request) {
    SegmentJobRecord r =
        ctx.get(Kinds.BATCH_SEGMENT_JOB, "batchSegmentJobArn", request.batchSegmentJobArn());
    return DescribeBatchSegmentJobResponse.builder().batchSegmentJob(toModel(r)).build();
  }

  ListBatchSegmentJobsResponse list(ListBatchSegmentJobsRequest request) {
    Resources.Page<BatchSegmentJobSummary> page =
        ctx.list(
            Kinds.BATCH_SEGMENT_JOB,
            "solutionVersionArn",
            request.solutionVersionArn(),
            request.nextToken(),
            request.maxResults(),
            BatchSegmentJobOps::toSummary);
    return ListBatchSegmentJobsResponse.builder()
        .batchSegmentJobs(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  /**
   * Fails the jobs a previous engine left pending or in progress and removes their temporary output
   * files; called once when the engine opens.
   */
  void failAbandoned() {
    List<SegmentJob> open = new ArrayList<>();
    for (SegmentJobRecord r :
        ctx.store().read(c -> Resources.children(c, Kinds.BATCH_SEGMENT_JOB, null))) {
      if (!r.status().terminal()) {
        open.add(new SegmentJob(ctx, recipes, models, r));
      }
    }
    runner.failAbandoned(open);
  }

  static BatchSegmentJob toModel(SegmentJobRecord r) {
    Counts c = r.counts();
    return BatchSegmentJob.builder()
        .jobName(r.name())
        .batchSegmentJobArn(r.arn())
        .filterArn(r.filterArn())
        .failureReason(r.failureReason())
        .solutionVersionArn(r.solutionVersionArn())
        .numResults(r.numResults())
        .jobInput(
            BatchSegmentJobInput.builder()
                .s3DataSource(S3DataConfig.builder().path(r.input()).build())
                .build())
        .jobOutput(
            BatchSegmentJobOutput.builder()
                .s3DataDestination(S3DataConfig.builder().path(r.output()).build())
                .build())
        .roleArn(r.roleArn())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .linesProcessed(c.done())
        .linesTotal(c.total() < 0 ? null : c.total())
        .linesFailed(c.failed())
        .build();
  }

  static BatchSegmentJobSummary toSummary(SegmentJobRecord r) {
    return BatchSegmentJobSummary.builder()
        .batchSegmentJobArn(r.arn())
        .jobName(r.name())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .failureReason(r.failureReason())
        .solutionVersionArn(r.solutionVersionArn())
        .build();
  }
}
