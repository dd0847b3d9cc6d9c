package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionResponse;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionResponse;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.GetSolutionMetricsResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.ListSolutionVersionsResponse;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.SolutionVersion;
import org.openpersonalize.api.model.SolutionVersionSummary;
import org.openpersonalize.api.model.StopSolutionVersionCreationRequest;
import org.openpersonalize.api.model.StopSolutionVersionCreationResponse;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.api.model.TunedHPOParams;
import org.openpersonalize.engine.internal.resource.RecommenderRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.TrainingJobs;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;

/**
 * CreateSolutionVersion, DescribeSolutionVersion, ListSolutionVersions, StopSolutionVersionCreation
 * and GetSolutionMetrics (spec §1.11). A version is stored CREATE PENDING and trains on the
 * engine's executor ({@link TrainingJobs}).
 */
record SolutionVersionOps(EngineContext ctx, RecipeCatalog recipes, TrainingJobs training) {
  /** Amazon's quota of versions pending or training at once (spec §10). */
  static final int MAX_TRAINING_VERSIONS = 20;

  CreateSolutionVersionResponse create(CreateSolutionVersionRequest request) {
    if (request.name() != null) {
      Check.name("name", request.name());
    }
    Check.tags(request.tags());
    TrainingMode mode = request.trainingMode() == null ? TrainingMode.FULL : request.trainingMode();
    if (mode != TrainingMode.FULL && mode != TrainingMode.UPDATE) {
      throw new InvalidInputException(
          "trainingMode must be FULL or UPDATE; got: "
              + Check.show(request.trainingModeAsString()));
    }
    Check.arn("solutionArn", request.solutionArn());
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String arn = request.solutionArn() + "/" + id;
    ctx.store()
        .inTransaction(
            c -> {
              SolutionRecord s =
                  ctx.require(c, Kinds.SOLUTION, "solutionArn", request.solutionArn());
              if (mode == TrainingMode.UPDATE && s.recipeArn() == null) {
                throw new InvalidInputException(
                    "trainingMode UPDATE needs an ACTIVE FULL solution version of "
                        + s.arn()
                        + " first (its AutoML training chooses the recipe)");
              }
              if (mode == TrainingMode.UPDATE) {
                Recipe recipe = recipes.require("recipeArn", s.recipeArn());
                if (!recipe.capabilities().contains(RecipeCapability.UPDATE_TRAINING)) {
                  throw new InvalidInputException(
                      "trainingMode UPDATE needs a recipe that supports UPDATE training (such as"
                          + " aws-user-personalization); "
                          + s.arn()
                          + " uses "
                          + recipe.recipeArn());
                }
                if (SolutionVersions.latestActiveFull(c, s.arn()) == null) {
                  throw new InvalidInputException(
                      "trainingMode UPDATE needs an ACTIVE FULL solution version of "
                          + s.arn()
                          + " first");
                }
              }
              int running =
                  Resources.countWithStatus(
                      c, Kinds.SOLUTION_VERSION, Status.CREATE_PENDING, Status.CREATE_IN_PROGRESS);
              if (running >= MAX_TRAINING_VERSIONS) {
                throw new LimitExceededException(
                    "More than "
                        + MAX_TRAINING_VERSIONS
                        + " resources with PENDING or IN_PROGRESS status.");
              }
              String name = request.name() == null ? id : request.name();
              Header h = Header.created(arn, name, s.arn(), Status.CREATE_PENDING, ctx.now());
              Resources.insert(
                  c, new SolutionVersionRecord(h, mode, TrainingType.MANUAL, null), request.tags());
              return null;
            });
    training.submit(arn);
    return CreateSolutionVersionResponse.builder().solutionVersionArn(arn).build();
  }

  DescribeSolutionVersionResponse describe(DescribeSolutionVersionRequest request) {
    return ctx.store()
        .read(
            c -> {
              SolutionVersionRecord v = version(c, request.solutionVersionArn());
              SolutionRecord s = Resources.find(c, Kinds.SOLUTION, v.solutionArn());
              return DescribeSolutionVersionResponse.builder()
                  .solutionVersion(toModel(v, s))
                  .build();
            });
  }

  ListSolutionVersionsResponse list(ListSolutionVersionsRequest request) {
    Check.optionalArn("solutionArn", request.solutionArn());
    Resources.Page<SolutionVersionRecord> page =
        ctx.page(
            Kinds.SOLUTION_VERSION,
            request.solutionArn(),
            request.nextToken(),
            request.maxResults());
    return ListSolutionVersionsResponse.builder()
        .solutionVersions(
            Check.map(
                // A recommender's models are its own (spec §1.13), not the user's versions.
                page.items().stream()
                    .filter(v -> !RecommenderRecord.isBackingArn(v.solutionArn()))
                    .toList(),
                SolutionVersionOps::toSummary))
        .nextToken(page.nextToken())
        .build();
  }

  StopSolutionVersionCreationResponse stop(StopSolutionVersionCreationRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              SolutionVersionRecord v = version(c, request.solutionVersionArn());
              Status next;
              if (v.status() == Status.CREATE_PENDING) {
                next = Status.CREATE_STOPPED;
              } else if (v.status() == Status.CREATE_IN_PROGRESS) {
                next = Status.CREATE_STOPPING;
              } else {
                throw new ResourceInUseException(
                    "Solution version "
                        + v.arn()
                        + " is "
                        + v.status()
                        + "; only CREATE PENDING or CREATE IN_PROGRESS versions can be stopped");
              }
              Resources.update(c, v.withStatus(next, null, ctx.now()));
              return null;
            });
    training.requestStop(request.solutionVersionArn());
    return StopSolutionVersionCreationResponse.builder().build();
  }

  GetSolutionMetricsResponse metrics(GetSolutionMetricsRequest request) {
    SolutionVersionRecord v =
        ctx.get(Kinds.SOLUTION_VERSION, "solutionVersionArn", request.solutionVersionArn());
    if (v.status() != Status.ACTIVE) {
      throw new ResourceInUseException(
          "Solution version "
              + v.arn()
              + " is "
              + v.status()
              + "; metrics exist once it is ACTIVE");
    }
    return GetSolutionMetricsResponse.builder()
        .solutionVersionArn(v.arn())
        .metrics(v.result().metrics())
        .build();
  }

  private SolutionVersionRecord version(Connection c, String arn) throws SQLException {
    return ctx.require(c, Kinds.SOLUTION_VERSION, "solutionVersionArn", arn);
  }

  static SolutionVersion toModel(SolutionVersionRecord v, SolutionRecord s) {
    SolutionVersion.Builder b =
        SolutionVersion.builder()
            .name(v.name())
            .solutionVersionArn(v.arn())
            .solutionArn(v.solutionArn())
            .trainingMode(v.trainingMode())
            .trainingType(v.trainingType())
            .status(v.status().toString())
            .failureReason(v.failureReason())
            .creationDateTime(v.created())
            .lastUpdatedDateTime(v.updated());
    if (v.result() != null) {
      b.trainingHours(v.result().trainingHours())
          .tunedHPOParams(
              TunedHPOParams.builder()
                  .algorithmHyperParameters(v.result().tunedHyperParameters())
                  .build());
    }
    if (s != null) {
      b.performHPO(s.performHPO())
          .performAutoML(s.performAutoML())
          .performIncrementalUpdate(s.performIncrementalUpdate())
          .recipeArn(s.recipeArn())
          .eventType(s.eventType())
          .datasetGroupArn(s.datasetGroupArn())
          .solutionConfig(s.config());
    }
    return b.build();
  }

  static SolutionVersionSummary toSummary(SolutionVersionRecord r) {
    return SolutionVersionSummary.builder()
        .solutionVersionArn(r.arn())
        .status(r.status().toString())
        .trainingMode(r.trainingMode())
        .trainingType(r.trainingType())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .failureReason(r.failureReason())
        .build();
  }
}
