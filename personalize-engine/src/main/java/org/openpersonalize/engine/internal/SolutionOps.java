package org.openpersonalize.engine.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.api.model.AutoMLResult;
import org.openpersonalize.api.model.AutoTrainingConfig;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionResponse;
import org.openpersonalize.api.model.DeleteSolutionRequest;
import org.openpersonalize.api.model.DeleteSolutionResponse;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListSolutionsRequest;
import org.openpersonalize.api.model.ListSolutionsResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.Solution;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionSummary;
import org.openpersonalize.api.model.SolutionVersionSummary;
import org.openpersonalize.api.model.UpdateSolutionRequest;
import org.openpersonalize.api.model.UpdateSolutionResponse;
import org.openpersonalize.engine.internal.hpo.HpoPlan;
import org.openpersonalize.engine.internal.resource.CampaignRecord;
import org.openpersonalize.engine.internal.resource.DatasetGroupRecord;
import org.openpersonalize.engine.internal.resource.RecommenderRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.ModelStore;
import org.openpersonalize.spi.Recipe;

/**
 * CreateSolution, DescribeSolution, ListSolutions, UpdateSolution and DeleteSolution (spec §1.10).
 * A solution is ACTIVE when the create call returns; its settings and training seed are resolved
 * then. Automatic training is {@link AutomaticTraining}; UpdateSolution is {@link SolutionUpdates}.
 */
record SolutionOps(EngineContext ctx, RecipeCatalog recipes, ModelStore models) {
  /** Amazon's quota of solutions per dataset group (spec §10). */
  static final int MAX_SOLUTIONS_PER_GROUP = 10;

  CreateSolutionResponse create(CreateSolutionRequest request) {
    SolutionRecord solution = checkCreate(request);
    ctx.store()
        .inTransaction(
            c -> {
              DatasetGroupRecord group =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              if (Resources.findByName(c, Kinds.SOLUTION, solution.name()) != null) {
                throw new ResourceAlreadyExistsException(
                    "A solution named " + solution.name() + " already exists");
              }
              // A recommender's backing solution is not the user's: it does not count.
              if (Resources.children(c, Kinds.SOLUTION, group.arn()).stream()
                      .filter(s -> !RecommenderRecord.isBacking(s))
                      .count()
                  >= MAX_SOLUTIONS_PER_GROUP) {
                throw new LimitExceededException(
                    "At most "
                        + MAX_SOLUTIONS_PER_GROUP
                        + " solutions per dataset group; delete one of "
                        + group.arn());
              }
              Resources.insert(c, solution);
              return null;
            });
    return CreateSolutionResponse.builder().solutionArn(solution.arn()).build();
  }

  /** Checks the whole request and resolves it into the record to store. */
  private SolutionRecord checkCreate(CreateSolutionRequest request) {
    String name = Check.name("name", request.name());
    Check.tags(request.tags());
    refuse(
        "performIncrementalUpdate",
        request.performIncrementalUpdate(),
        "incremental updates"
            + " are not implemented; campaigns already fold in new events at request time");
    boolean autoMl = Boolean.TRUE.equals(request.performAutoML());
    SolutionConfig config =
        request.solutionConfig() == null
            ? SolutionConfig.builder().build()
            : request.solutionConfig();
    // With AutoML the recipe is chosen at the first training (AutoMlSelection); until then the
    // solution has none, as on Amazon, where DescribeSolution shows autoMLResult once chosen.
    Recipe recipe = null;
    if (autoMl) {
      config = config.toBuilder().autoMLConfig(AutoMlCheck.check(request, config, recipes)).build();
    } else {
      if (config.autoMLConfig() != null) {
        throw new InvalidInputException(
            "solutionConfig.autoMLConfig must be omitted unless performAutoML is true; got: an"
                + " autoMLConfig with performAutoML false");
      }
      recipe = recipes.require("recipeArn", Check.arn("recipeArn", request.recipeArn()));
    }
    Check.length("eventType", request.eventType(), 1, 256);
    if (config.autoTrainingConfig() != null) {
      SchedulingExpression.period(
          "solutionConfig.autoTrainingConfig.schedulingExpression",
          config.autoTrainingConfig().schedulingExpression());
    }
    // Amazon's default is on (spec §1.10): a solution keeps itself fresh unless asked not to.
    boolean autoTraining = !Boolean.FALSE.equals(request.performAutoTraining());
    for (String key : config.featureTransformationParameters().keySet()) {
      if (config.algorithmHyperParameters().containsKey(key)) {
        throw new InvalidInputException(
            "solutionConfig must give " + key + " once; got it in both maps");
      }
    }
    String arn = Arns.of(Kinds.SOLUTION, name);
    Instant now = ctx.now();
    SolutionRecord solution =
        new SolutionRecord(
            Header.created(arn, name, request.datasetGroupArn(), Status.ACTIVE, now),
            recipe == null ? null : recipe.recipeArn(),
            request.eventType(),
            // Amazon: under AutoML performHPO "is always true"; an explicit false is honoured
            // (docs/decisions.md, "AutoML implies HPO").
            autoMl
                ? !Boolean.FALSE.equals(request.performHPO())
                : Boolean.TRUE.equals(request.performHPO()),
            autoMl,
            autoTraining,
            false,
            config,
            SolutionRecord.seedFor(arn),
            request.tags(),
            new SolutionRecord.AutoTraining(now, null, null),
            null);
    solution.selection();
    if (recipe != null) {
      try {
        recipe.resolveHyperparameters(solution.hyperparameters());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("solutionConfig: " + e.getMessage(), e);
      }
      HpoPlan.of(solution.performHPO(), config, recipe);
    }
    Check.arn("datasetGroupArn", request.datasetGroupArn());
    return solution;
  }

  /**
   * Refuses a flag asking for something the engine does not do: accepting it would report a
   * behaviour that never happens (house rule: refused, never dropped).
   */
  private static void refuse(String field, Boolean value, String why) {
    if (Boolean.TRUE.equals(value)) {
      throw new InvalidInputException(field + " must be false: " + why + "; got: true");
    }
  }

  UpdateSolutionResponse update(UpdateSolutionRequest request) {
    return SolutionUpdates.update(ctx, request);
  }

  DescribeSolutionResponse describe(DescribeSolutionRequest request) {
    return ctx.store()
        .read(
            c -> {
              SolutionRecord r =
                  ctx.require(c, Kinds.SOLUTION, "solutionArn", request.solutionArn());
              List<SolutionVersionRecord> versions =
                  Resources.list(c, Kinds.SOLUTION_VERSION, r.arn(), null, 1).items();
              SolutionVersionSummary latest =
                  versions.isEmpty() ? null : SolutionVersionOps.toSummary(versions.get(0));
              return DescribeSolutionResponse.builder().solution(toModel(r, latest)).build();
            });
  }

  ListSolutionsResponse list(ListSolutionsRequest request) {
    Check.optionalArn("datasetGroupArn", request.datasetGroupArn());
    Resources.Page<SolutionRecord> page =
        ctx.page(
            Kinds.SOLUTION, request.datasetGroupArn(), request.nextToken(), request.maxResults());
    return ListSolutionsResponse.builder()
        .solutions(
            Check.map(
                // A recommender's models are its own (spec §1.13), not the user's solutions.
                page.items().stream().filter(s -> !RecommenderRecord.isBacking(s)).toList(),
                SolutionOps::toSummary))
        .nextToken(page.nextToken())
        .build();
  }

  DeleteSolutionResponse delete(DeleteSolutionRequest request) {
    List<String> files =
        ctx.store()
            .inTransaction(
                c -> {
                  SolutionRecord s =
                      ctx.require(c, Kinds.SOLUTION, "solutionArn", request.solutionArn());
                  List<CampaignRecord> campaigns = Resources.children(c, Kinds.CAMPAIGN, s.arn());
                  if (!campaigns.isEmpty()) {
                    throw new ResourceInUseException(
                        "Solution "
                            + s.arn()
                            + " is used by campaign "
                            + campaigns.get(0).arn()
                            + "; delete it first");
                  }
                  List<SolutionVersionRecord> versions =
                      Resources.children(c, Kinds.SOLUTION_VERSION, s.arn());
                  List<String> names = new ArrayList<>();
                  for (SolutionVersionRecord v : versions) {
                    if (!v.status().terminal()) {
                      throw new ResourceInUseException(
                          "Solution version "
                              + v.arn()
                              + " is "
                              + v.status()
                              + "; stop it or wait for it first");
                    }
                    if (v.result() != null) {
                      names.add(v.result().modelFile());
                    }
                  }
                  for (SolutionVersionRecord v : versions) {
                    Resources.delete(c, v.arn());
                  }
                  Resources.delete(c, s.arn());
                  return names;
                });
    // Files go after the commit: a crash in between leaves an orphan file, never a dangling row.
    files.forEach(models::delete);
    return DeleteSolutionResponse.builder().build();
  }

  static Solution toModel(SolutionRecord r, SolutionVersionSummary latest) {
    SolutionConfig config = r.config();
    if (r.performAutoTraining() && r.schedulingExpression() == null) {
      // Report the schedule in force, not a blank that reads as "no schedule".
      config =
          config.toBuilder()
              .autoTrainingConfig(
                  AutoTrainingConfig.builder()
                      .schedulingExpression(SchedulingExpression.DEFAULT)
                      .build())
              .build();
    }
    return Solution.builder()
        .name(r.name())
        .solutionArn(r.arn())
        .performHPO(r.performHPO())
        .performAutoML(r.performAutoML())
        .performAutoTraining(r.performAutoTraining())
        .performIncrementalUpdate(r.performIncrementalUpdate())
        .recipeArn(r.recipeArn())
        .datasetGroupArn(r.datasetGroupArn())
        .eventType(r.eventType())
        .solutionConfig(config)
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .latestSolutionVersion(latest)
        .latestSolutionUpdate(
            r.latestUpdate() == null ? null : SolutionUpdates.toSummary(r.latestUpdate()))
        .autoMLResult(
            r.performAutoML() && r.recipeArn() != null
                ? AutoMLResult.builder().bestRecipeArn(r.recipeArn()).build()
                : null)
        .build();
  }

  static SolutionSummary toSummary(SolutionRecord r) {
    return SolutionSummary.builder()
        .name(r.name())
        .solutionArn(r.arn())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .recipeArn(r.recipeArn())
        .build();
  }
}
