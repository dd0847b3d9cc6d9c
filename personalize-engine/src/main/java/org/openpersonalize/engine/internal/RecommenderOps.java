package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openpersonalize.api.model.CreateRecommenderRequest;
import org.openpersonalize.api.model.CreateRecommenderResponse;
import org.openpersonalize.api.model.DeleteRecommenderRequest;
import org.openpersonalize.api.model.DeleteRecommenderResponse;
import org.openpersonalize.api.model.DescribeRecommenderRequest;
import org.openpersonalize.api.model.DescribeRecommenderResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListRecommendersRequest;
import org.openpersonalize.api.model.ListRecommendersResponse;
import org.openpersonalize.api.model.RecommenderConfig;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.StartRecommenderRequest;
import org.openpersonalize.api.model.StartRecommenderResponse;
import org.openpersonalize.api.model.StopRecommenderRequest;
import org.openpersonalize.api.model.StopRecommenderResponse;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.api.model.UpdateRecommenderRequest;
import org.openpersonalize.api.model.UpdateRecommenderResponse;
import org.openpersonalize.engine.internal.resource.DatasetGroupRecord;
import org.openpersonalize.engine.internal.resource.RecommenderRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.serving.Deployments;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.ModelStore;

/**
 * CreateRecommender, DescribeRecommender, ListRecommenders, UpdateRecommender, StopRecommender,
 * StartRecommender and DeleteRecommender (spec §1.13). A recommender's models are versions of a
 * backing solution that only it uses ({@link RecommenderRecord}); {@link RecommenderTraining}
 * starts them and {@link org.openpersonalize.engine.internal.resource.RecommenderSync} keeps the
 * recommender's status in step with them.
 */
record RecommenderOps(
    EngineContext ctx,
    RecipeCatalog recipes,
    RecommenderTraining training,
    Deployments deployments,
    ModelStore models) {
  /** Amazon's quota of recommenders per dataset group (spec §1.13). */
  static final int MAX_PER_GROUP = 5;

  CreateRecommenderResponse create(CreateRecommenderRequest request) {
    String name = Check.name("name", request.name());
    Check.tags(request.tags());
    Check.arn("datasetGroupArn", request.datasetGroupArn());
    UseCase useCase = useCase(request.recipeArn());
    RecommenderConfig config = RecommenderConfigCheck.check(request.recommenderConfig(), useCase);
    String arn = Arns.of(Kinds.RECOMMENDER, name);
    String solutionArn = Arns.of(Kinds.SOLUTION, RecommenderRecord.backingName(name));
    String version =
        ctx.store()
            .inTransaction(
                c -> {
                  DatasetGroupRecord group =
                      ctx.require(
                          c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
                  checkGroup(c, group, useCase);
                  RecommenderConfigCheck.checkColumns(ctx, c, group.arn(), config);
                  if (Resources.findByName(c, Kinds.RECOMMENDER, name) != null) {
                    throw new ResourceAlreadyExistsException(
                        "A recommender named " + name + " already exists");
                  }
                  if (Resources.children(c, Kinds.RECOMMENDER, group.arn()).size()
                      >= MAX_PER_GROUP) {
                    throw new LimitExceededException(
                        "Cannot create a recommender. More than "
                            + MAX_PER_GROUP
                            + " recommenders in dataset group "
                            + group.arn()
                            + ". Please delete some and try again.");
                  }
                  Instant now = ctx.now();
                  Resources.insert(
                      c,
                      new SolutionRecord(
                          Header.created(
                              solutionArn,
                              RecommenderRecord.backingName(name),
                              group.arn(),
                              Status.ACTIVE,
                              now),
                          useCase.recipeArn(),
                          useCase.eventType(),
                          false,
                          false,
                          false,
                          false,
                          SolutionConfig.builder()
                              .algorithmHyperParameters(useCase.hyperparameters())
                              .build(),
                          SolutionRecord.seedFor(solutionArn),
                          List.of(),
                          new SolutionRecord.AutoTraining(now, null, null),
                          null));
                  Resources.insert(
                      c,
                      new RecommenderRecord(
                          Header.created(arn, name, group.arn(), Status.CREATE_PENDING, now),
                          useCase.arn(),
                          solutionArn,
                          config,
                          null,
                          now,
                          null,
                          request.tags()));
                  return training.newVersion(c, solutionArn, TrainingMode.FULL);
                });
    training.submit(version);
    return CreateRecommenderResponse.builder().recommenderArn(arn).build();
  }

  private static UseCase useCase(String recipeArn) {
    Check.arn("recipeArn", recipeArn);
    UseCase useCase = UseCase.of(recipeArn);
    if (useCase == null) {
      List<String> arns = new ArrayList<>();
      for (UseCase u : UseCase.values()) {
        arns.add(u.arn());
      }
      throw new InvalidInputException(
          "recipeArn must be the ARN of a domain use case " + arns + "; got: " + recipeArn);
    }
    return useCase;
  }

  /** The group must be a Domain group of the use case's domain, with the datasets it trains on. */
  private static void checkGroup(Connection c, DatasetGroupRecord group, UseCase useCase)
      throws SQLException {
    if (group.domain() == null) {
      throw new InvalidInputException(
          "datasetGroupArn must name a Domain dataset group to create a recommender; "
              + group.arn()
              + " is a Custom dataset group (use solutions and campaigns there)");
    }
    if (group.domain() != useCase.domain()) {
      throw new InvalidInputException(
          "recipeArn must be a use case of the dataset group's domain "
              + group.domain()
              + "; got: "
              + useCase.arn()
              + " of "
              + useCase.domain());
    }
    List<DatasetType> needed = new ArrayList<>(List.of(DatasetType.INTERACTIONS));
    for (String d : useCase.requiredDatasets()) {
      needed.add(DatasetType.fromApiName(d));
    }
    for (DatasetType t : needed) {
      if (Resources.find(c, Kinds.DATASET, Arns.dataset(group.arn(), t)) == null) {
        throw new InvalidInputException(
            "Use case "
                + useCase.suffix()
                + " needs the "
                + t.apiName()
                + " dataset; dataset group "
                + group.arn()
                + " has none");
      }
    }
  }

  /**
   * A recommender of the dataset group that is being created or has a training running, or null.
   * DeleteDataset refuses while there is one (Amazon: "No associated Recommender ... can have a
   * status of CREATE PENDING or IN PROGRESS"); an ACTIVE or stopped one does not block it, and it
   * is not retrained afterwards ({@link RecommenderTraining}).
   */
  static String training(Connection c, String datasetGroupArn) throws SQLException {
    for (RecommenderRecord r : Resources.children(c, Kinds.RECOMMENDER, datasetGroupArn)) {
      if (r.status() == Status.CREATE_PENDING || r.status() == Status.CREATE_IN_PROGRESS) {
        return r.arn();
      }
      for (SolutionVersionRecord v :
          Resources.children(c, Kinds.SOLUTION_VERSION, r.solutionArn())) {
        if (!v.status().terminal()) {
          return r.arn();
        }
      }
    }
    return null;
  }

  DescribeRecommenderResponse describe(DescribeRecommenderRequest request) {
    return ctx.store()
        .read(
            c -> {
              RecommenderRecord r =
                  ctx.require(c, Kinds.RECOMMENDER, "recommenderArn", request.recommenderArn());
              SolutionVersionRecord full = SolutionVersions.latestActiveFull(c, r.solutionArn());
              Map<String, Double> metrics =
                  full == null || full.result() == null ? Map.of() : full.result().metrics();
              return DescribeRecommenderResponse.builder()
                  .recommender(RecommenderModels.toModel(r, metrics))
                  .build();
            });
  }

  ListRecommendersResponse list(ListRecommendersRequest request) {
    Check.optionalArn("datasetGroupArn", request.datasetGroupArn());
    Resources.Page<RecommenderRecord> page =
        ctx.page(
            Kinds.RECOMMENDER,
            request.datasetGroupArn(),
            request.nextToken(),
            request.maxResults());
    return ListRecommendersResponse.builder()
        .recommenders(Check.map(page.items(), RecommenderModels::toSummary))
        .nextToken(page.nextToken())
        .build();
  }

  UpdateRecommenderResponse update(UpdateRecommenderRequest request) {
    Check.arn("recommenderArn", request.recommenderArn());
    Check.required("recommenderConfig", request.recommenderConfig());
    String version =
        ctx.store()
            .inTransaction(
                c -> {
                  RecommenderRecord r =
                      ctx.require(c, Kinds.RECOMMENDER, "recommenderArn", request.recommenderArn());
                  UseCase useCase = UseCase.of(r.recipeArn());
                  RecommenderConfig config =
                      RecommenderConfigCheck.check(request.recommenderConfig(), useCase);
                  if (r.status() != Status.ACTIVE) {
                    throw new ResourceInUseException(
                        "Recommender "
                            + r.arn()
                            + " is "
                            + r.status()
                            + "; it can be updated when ACTIVE");
                  }
                  if (r.latestUpdate() != null
                      && r.latestUpdate().status() == Status.UPDATE_IN_PROGRESS) {
                    throw new ResourceInUseException(
                        "Recommender "
                            + r.arn()
                            + " is still training its previous update; wait until it is ACTIVE");
                  }
                  RecommenderConfigCheck.checkColumns(ctx, c, r.datasetGroupArn(), config);
                  Instant now = ctx.now();
                  boolean retrain =
                      !RecommenderRecord.excluded(config)
                          .equals(RecommenderRecord.excluded(r.config()));
                  if (!retrain) {
                    // Nothing the model learned changes: the settings apply at once.
                    RecommenderRecord.Update u =
                        new RecommenderRecord.Update(config, null, Status.ACTIVE, null, now, now);
                    Resources.update(c, r.with(r.meta().touched(now), config, u));
                    return null;
                  }
                  String v = training.newVersion(c, r.solutionArn(), TrainingMode.FULL);
                  RecommenderRecord.Update u =
                      new RecommenderRecord.Update(
                          config, v, Status.UPDATE_IN_PROGRESS, null, now, now);
                  Resources.update(
                      c,
                      // A full training restarts the refresh interval as well, as a scheduled one
                      // does.
                      r.with(r.meta().touched(now), r.config(), u).trainedAt(now, now));
                  return v;
                });
    if (version != null) {
      training.submit(version);
    }
    deployments.invalidate(request.recommenderArn());
    return UpdateRecommenderResponse.builder().recommenderArn(request.recommenderArn()).build();
  }

  /**
   * Stops an ACTIVE recommender: {@code STOP PENDING} when this returns (it serves nothing from
   * then on), then {@code STOP IN_PROGRESS} while a running retraining is halted, then {@code
   * INACTIVE} ({@link RecommenderTraining#advance}).
   */
  StopRecommenderResponse stop(StopRecommenderRequest request) {
    String arn = request.recommenderArn();
    Check.arn("recommenderArn", arn);
    ctx.store()
        .inTransaction(
            c -> {
              RecommenderRecord r = ctx.require(c, Kinds.RECOMMENDER, "recommenderArn", arn);
              requireStatus(r, Status.ACTIVE, "stopped");
              if (r.latestUpdate() != null
                  && r.latestUpdate().status() == Status.UPDATE_IN_PROGRESS) {
                // Halting that training would silently drop the update the caller asked for.
                throw new ResourceInUseException(
                    "Recommender "
                        + arn
                        + " is training the update asked for at "
                        + r.latestUpdate().created()
                        + "; stop it once latestRecommenderUpdate is ACTIVE or UPDATE FAILED");
              }
              setStatus(c, r, Status.STOP_PENDING);
              return null;
            });
    deployments.invalidate(arn);
    training.transition(arn);
    return StopRecommenderResponse.builder().recommenderArn(arn).build();
  }

  /**
   * Starts an INACTIVE recommender with the model it had (no new training): {@code START PENDING}
   * when this returns, then {@code START IN_PROGRESS}, then {@code ACTIVE}.
   */
  StartRecommenderResponse start(StartRecommenderRequest request) {
    String arn = request.recommenderArn();
    Check.arn("recommenderArn", arn);
    ctx.store()
        .inTransaction(
            c -> {
              RecommenderRecord r = ctx.require(c, Kinds.RECOMMENDER, "recommenderArn", arn);
              requireStatus(r, Status.INACTIVE, "started");
              setStatus(c, r, Status.START_PENDING);
              return null;
            });
    training.transition(arn);
    return StartRecommenderResponse.builder().recommenderArn(arn).build();
  }

  private static void requireStatus(RecommenderRecord r, Status from, String verb) {
    if (r.status() != from) {
      throw new ResourceInUseException(
          "Recommender "
              + r.arn()
              + " is "
              + r.status()
              + "; only a "
              + from
              + " recommender can be "
              + verb);
    }
  }

  private void setStatus(Connection c, RecommenderRecord r, Status to) throws SQLException {
    Resources.update(
        c, r.with(r.meta().withStatus(to, null, ctx.now()), r.config(), r.latestUpdate()));
  }

  DeleteRecommenderResponse delete(DeleteRecommenderRequest request) {
    Check.arn("recommenderArn", request.recommenderArn());
    List<String> running = new ArrayList<>();
    List<String> files =
        ctx.store()
            .inTransaction(
                c -> {
                  RecommenderRecord r =
                      ctx.require(c, Kinds.RECOMMENDER, "recommenderArn", request.recommenderArn());
                  List<String> names = new ArrayList<>();
                  for (SolutionVersionRecord v :
                      Resources.children(c, Kinds.SOLUTION_VERSION, r.solutionArn())) {
                    if (!v.status().terminal()) {
                      running.add(v.arn());
                    }
                    if (v.result() != null) {
                      names.add(v.result().modelFile());
                    }
                    Resources.delete(c, v.arn());
                  }
                  Resources.delete(c, r.solutionArn());
                  Resources.delete(c, r.arn());
                  return names;
                });
    // A training still running finds its row gone and discards its model file.
    running.forEach(training::stop);
    files.forEach(models::delete);
    deployments.invalidate(request.recommenderArn());
    return DeleteRecommenderResponse.builder().build();
  }
}
