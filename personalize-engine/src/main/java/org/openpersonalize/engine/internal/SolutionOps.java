package org.openpersonalize.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.openpersonalize.api.model.Campaign;
import org.openpersonalize.api.model.CampaignConfig;
import org.openpersonalize.api.model.CampaignSummary;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateCampaignResponse;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionResponse;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionResponse;
import org.openpersonalize.api.model.DeleteCampaignRequest;
import org.openpersonalize.api.model.DeleteCampaignResponse;
import org.openpersonalize.api.model.DeleteSolutionRequest;
import org.openpersonalize.api.model.DeleteSolutionResponse;
import org.openpersonalize.api.model.DescribeCampaignRequest;
import org.openpersonalize.api.model.DescribeCampaignResponse;
import org.openpersonalize.api.model.DescribeRecipeRequest;
import org.openpersonalize.api.model.DescribeRecipeResponse;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionResponse;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionResponse;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.GetSolutionMetricsResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListCampaignsRequest;
import org.openpersonalize.api.model.ListCampaignsResponse;
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.ListRecipesResponse;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.ListSolutionVersionsResponse;
import org.openpersonalize.api.model.ListSolutionsRequest;
import org.openpersonalize.api.model.ListSolutionsResponse;
import org.openpersonalize.api.model.RecipeProvider;
import org.openpersonalize.api.model.RecipeSummary;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.Solution;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionSummary;
import org.openpersonalize.api.model.SolutionVersion;
import org.openpersonalize.api.model.SolutionVersionSummary;
import org.openpersonalize.api.model.StopSolutionVersionCreationRequest;
import org.openpersonalize.api.model.StopSolutionVersionCreationResponse;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.api.model.TunedHPOParams;
import org.openpersonalize.engine.internal.serving.Deployments;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.engine.internal.training.ModelStore;
import org.openpersonalize.engine.internal.training.TrainingJobs;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;

/**
 * Recipes, solutions, solution versions and campaigns (spec §1.10-1.12, §1.17). Solutions and
 * campaigns are {@code ACTIVE} when the create call returns; solution versions train in the
 * background.
 */
public final class SolutionOps {
  static final int MAX_SOLUTIONS_PER_GROUP = 10;
  static final int MAX_TRAINING_VERSIONS = 20;
  static final int MAX_CAMPAIGNS_PER_GROUP = 5;
  static final String LATEST = "$LATEST";

  /** When the built-in recipes became available, as DescribeRecipe reports it. */
  private static final Instant RECIPES_RELEASED = Instant.parse("2026-11-22T00:00:00Z");

  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final TrainingJobs training;
  private final ModelStore models;
  private final Deployments deployments;

  SolutionOps(
      EngineContext ctx,
      RecipeCatalog recipes,
      TrainingJobs training,
      ModelStore models,
      Deployments deployments) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.training = training;
    this.models = models;
    this.deployments = deployments;
  }

  // ---- recipes ----------------------------------------------------------------------------------

  ListRecipesResponse listRecipes(ListRecipesRequest request) {
    int max = Check.maxResults(request.maxResults());
    if (request.recipeProvider() == RecipeProvider.UNKNOWN_TO_SDK_VERSION) {
      throw new InvalidInputException(
          "recipeProvider must be SERVICE; got: " + Check.show(request.recipeProviderAsString()));
    }
    List<Recipe> all = request.domain() != null ? List.of() : recipes.all();
    int from = 0;
    if (request.nextToken() != null) {
      try {
        from = Integer.parseInt(request.nextToken());
      } catch (NumberFormatException e) {
        from = -1;
      }
      if (from < 0 || from > all.size()) {
        throw new org.openpersonalize.api.model.InvalidNextTokenException(
            "nextToken must be a token returned by ListRecipes; got: " + request.nextToken());
      }
    }
    List<RecipeSummary> page = new ArrayList<>();
    for (int i = from; i < Math.min(all.size(), from + max); i++) {
      Recipe r = all.get(i);
      page.add(
          RecipeSummary.builder()
              .name(r.name())
              .recipeArn(r.recipeArn())
              .status(Status.ACTIVE)
              .creationDateTime(RECIPES_RELEASED)
              .lastUpdatedDateTime(RECIPES_RELEASED)
              .build());
    }
    int next = from + max;
    return ListRecipesResponse.builder()
        .recipes(page)
        .nextToken(next < all.size() ? Integer.toString(next) : null)
        .build();
  }

  DescribeRecipeResponse describeRecipe(DescribeRecipeRequest request) {
    Check.arn("recipeArn", request.recipeArn());
    Recipe r = recipes.find(request.recipeArn());
    if (r == null) {
      throw new ResourceNotFoundException("No recipe with recipeArn " + request.recipeArn());
    }
    return DescribeRecipeResponse.builder()
        .recipe(
            org.openpersonalize.api.model.Recipe.builder()
                .name(r.name())
                .recipeArn(r.recipeArn())
                .algorithmArn(r.algorithmArn())
                .featureTransformationArn(
                    "arn:aws:personalize:::feature-transformation/" + r.name())
                .status(Status.ACTIVE)
                .description(r.description())
                .recipeType(r.recipeType().toString())
                .creationDateTime(RECIPES_RELEASED)
                .lastUpdatedDateTime(RECIPES_RELEASED)
                .build())
        .build();
  }

  // ---- solutions --------------------------------------------------------------------------------

  CreateSolutionResponse createSolution(CreateSolutionRequest request) {
    String name = Check.name("name", request.name());
    Check.tags(request.tags());
    if (Boolean.TRUE.equals(request.performAutoML())) {
      throw new InvalidInputException(
          "performAutoML must be false: AutoML chooses among legacy HRNN recipes, which are not"
              + " available; give a recipeArn");
    }
    Recipe recipe = recipes.require("recipeArn", Check.required("recipeArn", request.recipeArn()));
    Check.length("eventType", request.eventType(), 1, 256);
    SolutionConfig config = request.solutionConfig();
    Map<String, String> params = new LinkedHashMap<>();
    if (config != null) {
      params.putAll(config.algorithmHyperParameters());
      for (Map.Entry<String, String> e : config.featureTransformationParameters().entrySet()) {
        if (params.put(e.getKey(), e.getValue()) != null) {
          throw new InvalidInputException(
              "solutionConfig must give " + e.getKey() + " once; got it in both maps");
        }
      }
      Featurizer.Selection.of(request.eventType(), config.eventValueThreshold());
    }
    try {
      recipe.resolveHyperparameters(params);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("solutionConfig: " + e.getMessage(), e);
    }
    return ctx.store()
        .inTransaction(
            c -> {
              Resource group =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              if (Resources.findByName(c, Kinds.SOLUTION, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "A solution named " + name + " already exists");
              }
              if (Resources.children(c, Kinds.SOLUTION, group.arn()).size()
                  >= MAX_SOLUTIONS_PER_GROUP) {
                throw new LimitExceededException(
                    "At most "
                        + MAX_SOLUTIONS_PER_GROUP
                        + " solutions per dataset group; delete one of "
                        + group.arn());
              }
              String arn = Arns.of(Kinds.SOLUTION, name);
              ObjectNode attrs = Resources.JSON.createObjectNode();
              attrs.put("recipeArn", recipe.recipeArn());
              attrs.put("datasetGroupArn", group.arn());
              attrs.put("eventType", request.eventType());
              putBool(attrs, "performHPO", request.performHPO(), false);
              putBool(attrs, "performAutoML", request.performAutoML(), false);
              putBool(attrs, "performAutoTraining", request.performAutoTraining(), true);
              putBool(attrs, "performIncrementalUpdate", request.performIncrementalUpdate(), false);
              attrs.set("solutionConfig", configJson(config));
              // The training seed: stable per solution name, so retraining the same solution on
              // the same data gives the same model (spec: determinism).
              attrs.put("seed", (long) arn.hashCode() * 0x9E3779B97F4A7C15L);
              Instant now = ctx.now();
              Resources.insert(
                  c,
                  new Resource(
                      arn,
                      Kinds.SOLUTION,
                      name,
                      group.arn(),
                      Status.ACTIVE,
                      null,
                      now,
                      now,
                      attrs));
              return CreateSolutionResponse.builder().solutionArn(arn).build();
            });
  }

  DescribeSolutionResponse describeSolution(DescribeSolutionRequest request) {
    return ctx.store()
        .read(
            c -> {
              Resource r = ctx.require(c, Kinds.SOLUTION, "solutionArn", request.solutionArn());
              List<Resource> versions =
                  Resources.list(c, Kinds.SOLUTION_VERSION, r.arn(), null, 1).items();
              return DescribeSolutionResponse.builder()
                  .solution(
                      Solution.builder()
                          .name(r.name())
                          .solutionArn(r.arn())
                          .performHPO(r.bool("performHPO", false))
                          .performAutoML(r.bool("performAutoML", false))
                          .performAutoTraining(r.bool("performAutoTraining", true))
                          .performIncrementalUpdate(r.bool("performIncrementalUpdate", false))
                          .recipeArn(r.text("recipeArn"))
                          .datasetGroupArn(r.parentArn())
                          .eventType(r.text("eventType"))
                          .solutionConfig(config(r.attrs().path("solutionConfig")))
                          .status(r.status())
                          .creationDateTime(r.created())
                          .lastUpdatedDateTime(r.updated())
                          .latestSolutionVersion(
                              versions.isEmpty() ? null : versionSummary(versions.get(0)))
                          .build())
                  .build();
            });
  }

  ListSolutionsResponse listSolutions(ListSolutionsRequest request) {
    Resources.Page page =
        ctx.page(
            Kinds.SOLUTION, request.datasetGroupArn(), request.nextToken(), request.maxResults());
    List<SolutionSummary> out = new ArrayList<>();
    for (Resource r : page.items()) {
      out.add(
          SolutionSummary.builder()
              .name(r.name())
              .solutionArn(r.arn())
              .status(r.status())
              .creationDateTime(r.created())
              .lastUpdatedDateTime(r.updated())
              .recipeArn(r.text("recipeArn"))
              .build());
    }
    return ListSolutionsResponse.builder().solutions(out).nextToken(page.nextToken()).build();
  }

  DeleteSolutionResponse deleteSolution(DeleteSolutionRequest request) {
    List<String> files =
        ctx.store()
            .inTransaction(
                c -> {
                  Resource s = ctx.require(c, Kinds.SOLUTION, "solutionArn", request.solutionArn());
                  Resource campaign =
                      Resources.findByAttr(c, Kinds.CAMPAIGN, "solutionArn", s.arn());
                  if (campaign != null) {
                    throw new ResourceInUseException(
                        "Solution "
                            + s.arn()
                            + " is used by campaign "
                            + campaign.arn()
                            + "; delete it first");
                  }
                  List<String> names = new ArrayList<>();
                  for (Resource v : Resources.children(c, Kinds.SOLUTION_VERSION, s.arn())) {
                    if (!Status.isTerminal(v.status())) {
                      throw new ResourceInUseException(
                          "Solution version "
                              + v.arn()
                              + " is "
                              + v.status()
                              + "; stop it or wait for it first");
                    }
                    if (v.text("modelFile") != null) {
                      names.add(v.text("modelFile"));
                    }
                    Resources.delete(c, v.arn());
                  }
                  Resources.delete(c, s.arn());
                  return names;
                });
    // Files go after the commit: a crash in between leaves an orphan file, never a dangling row.
    files.forEach(models::delete);
    return DeleteSolutionResponse.builder().build();
  }

  // ---- solution versions ------------------------------------------------------------------------

  CreateSolutionVersionResponse createSolutionVersion(CreateSolutionVersionRequest request) {
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
    String arn =
        ctx.store()
            .inTransaction(
                c -> {
                  Resource s = ctx.require(c, Kinds.SOLUTION, "solutionArn", request.solutionArn());
                  if (mode == TrainingMode.UPDATE) {
                    Recipe recipe = recipes.require("recipeArn", s.text("recipeArn"));
                    if (recipe.recipeType() != RecipeType.USER_PERSONALIZATION
                        || !recipe.name().equals("aws-user-personalization")) {
                      throw new InvalidInputException(
                          "trainingMode UPDATE is only for aws-user-personalization solutions; "
                              + s.arn()
                              + " uses "
                              + recipe.recipeArn());
                    }
                    if (latestActiveFull(c, s.arn()) == null) {
                      throw new InvalidInputException(
                          "trainingMode UPDATE needs an ACTIVE FULL solution version of "
                              + s.arn()
                              + " first");
                    }
                  }
                  int running =
                      Resources.countWithStatus(
                          c,
                          Kinds.SOLUTION_VERSION,
                          Status.CREATE_PENDING,
                          Status.CREATE_IN_PROGRESS);
                  if (running >= MAX_TRAINING_VERSIONS) {
                    throw new LimitExceededException(
                        "More than "
                            + MAX_TRAINING_VERSIONS
                            + " resources with PENDING or IN_PROGRESS status.");
                  }
                  String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
                  String versionArn = s.arn() + "/" + id;
                  ObjectNode attrs = Resources.JSON.createObjectNode();
                  attrs.put("trainingMode", mode.toString());
                  attrs.put("trainingType", TrainingType.MANUAL.toString());
                  attrs.put("solutionArn", s.arn());
                  Instant now = ctx.now();
                  Resources.insert(
                      c,
                      new Resource(
                          versionArn,
                          Kinds.SOLUTION_VERSION,
                          request.name() == null ? id : request.name(),
                          s.arn(),
                          Status.CREATE_PENDING,
                          null,
                          now,
                          now,
                          attrs));
                  return versionArn;
                });
    training.submit(arn);
    return CreateSolutionVersionResponse.builder().solutionVersionArn(arn).build();
  }

  private static Resource latestActiveFull(Connection c, String solutionArn) throws SQLException {
    for (Resource v : Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn)) {
      if (Status.ACTIVE.equals(v.status()) && "FULL".equals(v.text("trainingMode"))) {
        return v;
      }
    }
    return null;
  }

  DescribeSolutionVersionResponse describeSolutionVersion(DescribeSolutionVersionRequest request) {
    return ctx.store()
        .read(
            c -> {
              Resource v =
                  ctx.require(
                      c,
                      Kinds.SOLUTION_VERSION,
                      "solutionVersionArn",
                      request.solutionVersionArn());
              Resource s = Resources.find(c, Kinds.SOLUTION, v.parentArn());
              SolutionVersion.Builder b =
                  SolutionVersion.builder()
                      .name(v.name())
                      .solutionVersionArn(v.arn())
                      .solutionArn(v.parentArn())
                      .trainingMode(v.text("trainingMode"))
                      .trainingType(v.text("trainingType"))
                      .status(v.status())
                      .failureReason(v.failureReason())
                      .creationDateTime(v.created())
                      .lastUpdatedDateTime(v.updated());
              if (v.attrs().has("trainingHours")) {
                b.trainingHours(v.attrs().get("trainingHours").asDouble());
              }
              if (v.attrs().has("tunedHyperParameters")) {
                b.tunedHPOParams(
                    TunedHPOParams.builder()
                        .algorithmHyperParameters(
                            Resources.stringMap(v.attrs().get("tunedHyperParameters")))
                        .build());
              }
              if (s != null) {
                b.performHPO(s.bool("performHPO", false))
                    .performAutoML(s.bool("performAutoML", false))
                    .performIncrementalUpdate(s.bool("performIncrementalUpdate", false))
                    .recipeArn(s.text("recipeArn"))
                    .eventType(s.text("eventType"))
                    .datasetGroupArn(s.parentArn())
                    .solutionConfig(config(s.attrs().path("solutionConfig")));
              }
              return DescribeSolutionVersionResponse.builder().solutionVersion(b.build()).build();
            });
  }

  ListSolutionVersionsResponse listSolutionVersions(ListSolutionVersionsRequest request) {
    Resources.Page page =
        ctx.page(
            Kinds.SOLUTION_VERSION,
            request.solutionArn(),
            request.nextToken(),
            request.maxResults());
    List<SolutionVersionSummary> out = new ArrayList<>();
    for (Resource r : page.items()) {
      out.add(versionSummary(r));
    }
    return ListSolutionVersionsResponse.builder()
        .solutionVersions(out)
        .nextToken(page.nextToken())
        .build();
  }

  StopSolutionVersionCreationResponse stopSolutionVersionCreation(
      StopSolutionVersionCreationRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              Resource v =
                  ctx.require(
                      c,
                      Kinds.SOLUTION_VERSION,
                      "solutionVersionArn",
                      request.solutionVersionArn());
              String next;
              if (Status.CREATE_PENDING.equals(v.status())) {
                next = Status.CREATE_STOPPED;
              } else if (Status.CREATE_IN_PROGRESS.equals(v.status())) {
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

  GetSolutionMetricsResponse getSolutionMetrics(GetSolutionMetricsRequest request) {
    Resource v =
        ctx.store()
            .read(
                c ->
                    ctx.require(
                        c,
                        Kinds.SOLUTION_VERSION,
                        "solutionVersionArn",
                        request.solutionVersionArn()));
    if (!Status.ACTIVE.equals(v.status())) {
      throw new ResourceInUseException(
          "Solution version "
              + v.arn()
              + " is "
              + v.status()
              + "; metrics exist once it is ACTIVE");
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.attrs().path("metrics").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      metrics.put(e.getKey(), e.getValue().asDouble());
    }
    return GetSolutionMetricsResponse.builder()
        .solutionVersionArn(v.arn())
        .metrics(metrics)
        .build();
  }

  // ---- campaigns --------------------------------------------------------------------------------

  CreateCampaignResponse createCampaign(CreateCampaignRequest request) {
    String name = Check.name("name", request.name());
    Check.tags(request.tags());
    int tps = checkTps(request.minProvisionedTPS());
    CampaignConfig config = request.campaignConfig();
    checkConfig(config, request.solutionVersionArn());
    String arn =
        ctx.store()
            .inTransaction(
                c -> {
                  Resource version = resolveVersion(c, request.solutionVersionArn());
                  Resource solution = Resources.find(c, Kinds.SOLUTION, version.parentArn());
                  if (Resources.findByName(c, Kinds.CAMPAIGN, name) != null) {
                    throw new ResourceAlreadyExistsException(
                        "A campaign named " + name + " already exists");
                  }
                  int inGroup = 0;
                  for (Resource other : Resources.children(c, Kinds.CAMPAIGN, null)) {
                    if (solution.parentArn().equals(other.text("datasetGroupArn"))) {
                      inGroup++;
                    }
                  }
                  if (inGroup >= MAX_CAMPAIGNS_PER_GROUP) {
                    throw new LimitExceededException(
                        "Cannot create a campaign. More than 5 resources in ACTIVE state. Please delete some and try again.");
                  }
                  String campaignArn = Arns.of(Kinds.CAMPAIGN, name);
                  ObjectNode attrs = Resources.JSON.createObjectNode();
                  attrs.put("solutionVersionArn", request.solutionVersionArn());
                  attrs.put("deployedVersionArn", version.arn());
                  attrs.put("solutionArn", solution.arn());
                  attrs.put("datasetGroupArn", solution.parentArn());
                  attrs.put("minProvisionedTPS", tps);
                  attrs.set("campaignConfig", campaignConfigJson(config));
                  Instant now = ctx.now();
                  Resources.insert(
                      c,
                      new Resource(
                          campaignArn,
                          Kinds.CAMPAIGN,
                          name,
                          solution.arn(),
                          Status.ACTIVE,
                          null,
                          now,
                          now,
                          attrs));
                  return campaignArn;
                });
    return CreateCampaignResponse.builder().campaignArn(arn).build();
  }

  /** The ACTIVE version an ARN (or {@code <solutionArn>/$LATEST}) names. */
  Resource resolveVersion(Connection c, String versionArn) throws SQLException {
    Check.arn("solutionVersionArn", versionArn);
    if (versionArn.endsWith("/" + LATEST)) {
      String solutionArn = versionArn.substring(0, versionArn.length() - LATEST.length() - 1);
      ctx.require(c, Kinds.SOLUTION, "solutionArn", solutionArn);
      for (Resource v : Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn)) {
        if (Status.ACTIVE.equals(v.status())) {
          return v;
        }
      }
      throw new ResourceInUseException(
          "Solution " + solutionArn + " has no ACTIVE solution version yet");
    }
    Resource v = ctx.require(c, Kinds.SOLUTION_VERSION, "solutionVersionArn", versionArn);
    if (!Status.ACTIVE.equals(v.status())) {
      throw new ResourceInUseException(
          "Solution version "
              + v.arn()
              + " is "
              + v.status()
              + "; a campaign needs an ACTIVE version");
    }
    return v;
  }

  private static int checkTps(Integer tps) {
    if (tps == null) {
      return 1;
    }
    if (tps < 1) {
      throw new InvalidInputException("minProvisionedTPS must be at least 1; got: " + tps);
    }
    return tps;
  }

  private static void checkConfig(CampaignConfig config, String versionArn) {
    if (config == null) {
      return;
    }
    for (Map.Entry<String, String> e : config.itemExplorationConfig().entrySet()) {
      double v;
      try {
        v = Double.parseDouble(e.getValue());
      } catch (NumberFormatException | NullPointerException ex) {
        v = Double.NaN;
      }
      switch (e.getKey()) {
        case "explorationWeight":
          if (!(v >= 0 && v <= 1)) {
            throw new InvalidInputException(
                "campaignConfig.itemExplorationConfig.explorationWeight must be a number from 0 to 1; got: "
                    + Check.show(e.getValue()));
          }
          break;
        case "explorationItemAgeCutOff":
          if (!(v >= 1) || Double.isInfinite(v)) {
            throw new InvalidInputException(
                "campaignConfig.itemExplorationConfig.explorationItemAgeCutOff must be a number of days, at least 1; got: "
                    + Check.show(e.getValue()));
          }
          break;
        default:
          throw new InvalidInputException(
              "campaignConfig.itemExplorationConfig keys must be explorationWeight or explorationItemAgeCutOff; got: "
                  + Check.show(e.getKey()));
      }
    }
    if (Boolean.TRUE.equals(config.syncWithLatestSolutionVersion())
        && (versionArn == null || !versionArn.endsWith("/" + LATEST))) {
      throw new InvalidInputException(
          "campaignConfig.syncWithLatestSolutionVersion needs solutionVersionArn <solutionArn>/$LATEST; got: "
              + Check.show(versionArn));
    }
  }

  DescribeCampaignResponse describeCampaign(DescribeCampaignRequest request) {
    Resource r =
        ctx.store().read(c -> ctx.require(c, Kinds.CAMPAIGN, "campaignArn", request.campaignArn()));
    return DescribeCampaignResponse.builder()
        .campaign(
            Campaign.builder()
                .name(r.name())
                .campaignArn(r.arn())
                .solutionVersionArn(r.text("solutionVersionArn"))
                .minProvisionedTPS((int) r.longValue("minProvisionedTPS", 1))
                .campaignConfig(campaignConfig(r.attrs().path("campaignConfig")))
                .status(r.status())
                .failureReason(r.failureReason())
                .creationDateTime(r.created())
                .lastUpdatedDateTime(r.updated())
                .build())
        .build();
  }

  ListCampaignsResponse listCampaigns(ListCampaignsRequest request) {
    Resources.Page page =
        ctx.page(Kinds.CAMPAIGN, request.solutionArn(), request.nextToken(), request.maxResults());
    List<CampaignSummary> out = new ArrayList<>();
    for (Resource r : page.items()) {
      out.add(
          CampaignSummary.builder()
              .name(r.name())
              .campaignArn(r.arn())
              .status(r.status())
              .creationDateTime(r.created())
              .lastUpdatedDateTime(r.updated())
              .failureReason(r.failureReason())
              .build());
    }
    return ListCampaignsResponse.builder().campaigns(out).nextToken(page.nextToken()).build();
  }

  org.openpersonalize.api.model.UpdateCampaignResponse updateCampaign(
      org.openpersonalize.api.model.UpdateCampaignRequest request) {
    Integer tps =
        request.minProvisionedTPS() == null ? null : checkTps(request.minProvisionedTPS());
    ctx.store()
        .inTransaction(
            c -> {
              Resource r = ctx.require(c, Kinds.CAMPAIGN, "campaignArn", request.campaignArn());
              String versionArn =
                  request.solutionVersionArn() != null
                      ? request.solutionVersionArn()
                      : r.text("solutionVersionArn");
              checkConfig(request.campaignConfig(), versionArn);
              if (request.solutionVersionArn() != null) {
                Resource v = resolveVersion(c, request.solutionVersionArn());
                if (!v.parentArn().equals(r.text("solutionArn"))) {
                  throw new InvalidInputException(
                      "solutionVersionArn must be a version of the campaign's solution "
                          + r.text("solutionArn")
                          + "; got: "
                          + request.solutionVersionArn());
                }
                r.attrs().put("solutionVersionArn", request.solutionVersionArn());
                r.attrs().put("deployedVersionArn", v.arn());
              }
              if (tps != null) {
                r.attrs().put("minProvisionedTPS", tps);
              }
              if (request.campaignConfig() != null) {
                r.attrs().set("campaignConfig", campaignConfigJson(request.campaignConfig()));
              }
              Resources.update(c, r.withStatus(Status.ACTIVE, null, ctx.now()));
              return null;
            });
    deployments.invalidate(request.campaignArn());
    return org.openpersonalize.api.model.UpdateCampaignResponse.builder()
        .campaignArn(request.campaignArn())
        .build();
  }

  DeleteCampaignResponse deleteCampaign(DeleteCampaignRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              Resource r = ctx.require(c, Kinds.CAMPAIGN, "campaignArn", request.campaignArn());
              Resources.delete(c, r.arn());
              return null;
            });
    deployments.invalidate(request.campaignArn());
    return DeleteCampaignResponse.builder().build();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static SolutionVersionSummary versionSummary(Resource r) {
    return SolutionVersionSummary.builder()
        .solutionVersionArn(r.arn())
        .status(r.status())
        .trainingMode(r.text("trainingMode"))
        .trainingType(r.text("trainingType"))
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .failureReason(r.failureReason())
        .build();
  }

  private static void putBool(ObjectNode attrs, String field, Boolean value, boolean dflt) {
    attrs.put(field, value == null ? dflt : value);
  }

  private static ObjectNode configJson(SolutionConfig config) {
    ObjectNode o = Resources.JSON.createObjectNode();
    if (config == null) {
      return o;
    }
    if (config.eventValueThreshold() != null) {
      o.put("eventValueThreshold", config.eventValueThreshold());
    }
    ObjectNode a = o.putObject("algorithmHyperParameters");
    config.algorithmHyperParameters().forEach(a::put);
    ObjectNode f = o.putObject("featureTransformationParameters");
    config.featureTransformationParameters().forEach(f::put);
    return o;
  }

  private static SolutionConfig config(JsonNode o) {
    return SolutionConfig.builder()
        .eventValueThreshold(
            o.hasNonNull("eventValueThreshold") ? o.get("eventValueThreshold").asText() : null)
        .algorithmHyperParameters(Resources.stringMap(o.path("algorithmHyperParameters")))
        .featureTransformationParameters(
            Resources.stringMap(o.path("featureTransformationParameters")))
        .build();
  }

  private static ObjectNode campaignConfigJson(CampaignConfig config) {
    ObjectNode o = Resources.JSON.createObjectNode();
    if (config == null) {
      return o;
    }
    ObjectNode e = o.putObject("itemExplorationConfig");
    config.itemExplorationConfig().forEach(e::put);
    if (config.enableMetadataWithRecommendations() != null) {
      o.put("enableMetadataWithRecommendations", config.enableMetadataWithRecommendations());
    }
    if (config.syncWithLatestSolutionVersion() != null) {
      o.put("syncWithLatestSolutionVersion", config.syncWithLatestSolutionVersion());
    }
    return o;
  }

  private static CampaignConfig campaignConfig(JsonNode o) {
    CampaignConfig.Builder b =
        CampaignConfig.builder()
            .itemExplorationConfig(Resources.stringMap(o.path("itemExplorationConfig")));
    if (o.has("enableMetadataWithRecommendations")) {
      b.enableMetadataWithRecommendations(o.get("enableMetadataWithRecommendations").asBoolean());
    }
    if (o.has("syncWithLatestSolutionVersion")) {
      b.syncWithLatestSolutionVersion(o.get("syncWithLatestSolutionVersion").asBoolean());
    }
    return b.build();
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
