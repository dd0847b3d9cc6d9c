package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.openpersonalize.api.model.Campaign;
import org.openpersonalize.api.model.CampaignConfig;
import org.openpersonalize.api.model.CampaignSummary;
import org.openpersonalize.api.model.CampaignUpdateSummary;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateCampaignResponse;
import org.openpersonalize.api.model.DeleteCampaignRequest;
import org.openpersonalize.api.model.DeleteCampaignResponse;
import org.openpersonalize.api.model.DescribeCampaignRequest;
import org.openpersonalize.api.model.DescribeCampaignResponse;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListCampaignsRequest;
import org.openpersonalize.api.model.ListCampaignsResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.UpdateCampaignRequest;
import org.openpersonalize.api.model.UpdateCampaignResponse;
import org.openpersonalize.engine.internal.resource.CampaignRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersions;
import org.openpersonalize.engine.internal.serving.Deployments;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;

/**
 * CreateCampaign, DescribeCampaign, ListCampaigns, UpdateCampaign and DeleteCampaign (spec §1.12).
 * A campaign is ACTIVE when the call returns; its exploration settings are resolved then.
 */
record CampaignOps(EngineContext ctx, RecipeCatalog recipes, Deployments deployments) {
  /** Amazon's quota of campaigns per dataset group (spec §10). */
  static final int MAX_CAMPAIGNS_PER_GROUP = 5;

  /** The version suffix that names a solution's latest ACTIVE version. */
  static final String LATEST = "$LATEST";

  private static final String EXPLORATION = "campaignConfig.itemExplorationConfig";

  CreateCampaignResponse create(CreateCampaignRequest request) {
    String name = Check.name("name", request.name());
    Check.tags(request.tags());
    int tps = checkTps(request.minProvisionedTPS());
    CampaignConfig config = checkConfig(request.campaignConfig(), request.solutionVersionArn());
    Check.arn("solutionVersionArn", request.solutionVersionArn());
    String arn = Arns.of(Kinds.CAMPAIGN, name);
    ctx.store()
        .inTransaction(
            c -> {
              SolutionVersionRecord version = resolveVersion(c, request.solutionVersionArn());
              SolutionRecord solution = Resources.find(c, Kinds.SOLUTION, version.solutionArn());
              boolean explores = explores(solution, config);
              if (Resources.findByName(c, Kinds.CAMPAIGN, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "A campaign named " + name + " already exists");
              }
              int inGroup = 0;
              for (CampaignRecord other : Resources.children(c, Kinds.CAMPAIGN, null)) {
                if (solution.datasetGroupArn().equals(other.datasetGroupArn())) {
                  inGroup++;
                }
              }
              if (inGroup >= MAX_CAMPAIGNS_PER_GROUP) {
                throw new LimitExceededException(
                    "Cannot create a campaign. More than 5 resources in ACTIVE state. Please delete some and try again.");
              }
              Instant now = ctx.now();
              Header h = Header.created(arn, name, solution.arn(), Status.ACTIVE, now);
              // The campaign serves the catalogue as it is now; later items wait for an update.
              CampaignRecord.AutomaticUpdate catalogue =
                  new CampaignRecord.AutomaticUpdate(
                      now,
                      version.arn(),
                      CatalogueMarks.itemWatermark(c, solution.datasetGroupArn()),
                      Long.MIN_VALUE,
                      false);
              Resources.insert(
                  c,
                  resolved(
                      h,
                      request.solutionVersionArn(),
                      version.arn(),
                      solution.datasetGroupArn(),
                      tps,
                      config,
                      explores,
                      null,
                      catalogue),
                  request.tags());
              return null;
            });
    return CreateCampaignResponse.builder().campaignArn(arn).build();
  }

  /**
   * A campaign record with its exploration settings resolved: from the config or Amazon's defaults
   * when the recipe explores, none when it does not.
   */
  private static CampaignRecord resolved(
      Header h,
      String given,
      String deployed,
      String group,
      int tps,
      CampaignConfig config,
      boolean explores,
      CampaignRecord.Update update,
      CampaignRecord.AutomaticUpdate automatic) {
    return new CampaignRecord(
        h,
        given,
        deployed,
        group,
        tps,
        config,
        explores
            ? CampaignRecord.exploration(
                config, "explorationWeight", CampaignRecord.DEFAULT_EXPLORATION_WEIGHT)
            : 0,
        CampaignRecord.exploration(
            config, "explorationItemAgeCutOff", CampaignRecord.DEFAULT_EXPLORATION_AGE_CUT_OFF),
        update,
        automatic);
  }

  /**
   * Whether the solution's recipe explores new items; refuses exploration settings it would not
   * honour. A weight of 0 asks for no exploration, which every recipe honours.
   */
  private boolean explores(SolutionRecord solution, CampaignConfig config) {
    Recipe recipe = recipes.require("recipeArn", solution.recipeArn());
    if (recipe.recipeType() == RecipeType.USER_SEGMENTATION) {
      // Spec §3.14: segmentation recipes have no runtime API, only batch segment jobs.
      throw new InvalidInputException(
          "solutionVersionArn must name a version of a recipe that serves recommendations; "
              + recipe.recipeArn()
              + " is USER_SEGMENTATION, whose versions are used by CreateBatchSegmentJob, not"
              + " campaigns");
    }
    return ExplorationConfig.explores(EXPLORATION, recipe, config.itemExplorationConfig());
  }

  /** The ACTIVE version an ARN (or {@code <solutionArn>/$LATEST}) names. */
  private SolutionVersionRecord resolveVersion(Connection c, String versionArn)
      throws SQLException {
    Check.arn("solutionVersionArn", versionArn);
    if (versionArn.endsWith("/" + LATEST)) {
      String solutionArn = versionArn.substring(0, versionArn.length() - LATEST.length() - 1);
      ctx.require(c, Kinds.SOLUTION, "solutionArn", solutionArn);
      SolutionVersionRecord v = SolutionVersions.latestActive(c, solutionArn);
      if (v == null) {
        throw new ResourceInUseException(
            "Solution " + solutionArn + " has no ACTIVE solution version yet");
      }
      return v;
    }
    return CreateChecks.activeVersion(ctx, c, versionArn, "a campaign");
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

  /** Checks a config; returns it, or an empty one when none was given. */
  private static CampaignConfig checkConfig(CampaignConfig config, String versionArn) {
    if (config == null) {
      return CampaignConfig.builder().build();
    }
    ExplorationConfig.checkValues(EXPLORATION, config.itemExplorationConfig());
    if (Boolean.TRUE.equals(config.syncWithLatestSolutionVersion())
        && (versionArn == null || !versionArn.endsWith("/" + LATEST))) {
      throw new InvalidInputException(
          "campaignConfig.syncWithLatestSolutionVersion needs solutionVersionArn"
              + " <solutionArn>/$LATEST; got: "
              + Check.show(versionArn));
    }
    return config;
  }

  DescribeCampaignResponse describe(DescribeCampaignRequest request) {
    return ctx.store()
        .read(
            c -> {
              CampaignRecord r =
                  ctx.require(c, Kinds.CAMPAIGN, "campaignArn", request.campaignArn());
              return DescribeCampaignResponse.builder()
                  .campaign(toModel(r, servedVersion(c, r)))
                  .build();
            });
  }

  /**
   * The version a campaign serves: with {@code syncWithLatestSolutionVersion}, its solution's
   * latest ACTIVE version (the one GetRecommendations uses, which Amazon's Campaign {@code
   * solutionVersionArn} names: "the solution version the campaign uses"); otherwise the version it
   * was created or last updated with. The {@code $LATEST} form given at create or update stays
   * visible in {@code campaignConfig} and {@code latestCampaignUpdate}.
   */
  private static String servedVersion(Connection c, CampaignRecord r) throws SQLException {
    if (r.syncWithLatestSolutionVersion()) {
      SolutionVersionRecord latest = SolutionVersions.latestActive(c, r.solutionArn());
      if (latest != null) {
        return latest.arn();
      }
    }
    return r.deployedVersionArn() != null ? r.deployedVersionArn() : r.solutionVersionArn();
  }

  ListCampaignsResponse list(ListCampaignsRequest request) {
    Resources.Page<CampaignSummary> page =
        ctx.list(
            Kinds.CAMPAIGN,
            "solutionArn",
            request.solutionArn(),
            request.nextToken(),
            request.maxResults(),
            CampaignOps::toSummary);
    return ListCampaignsResponse.builder()
        .campaigns(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  UpdateCampaignResponse update(UpdateCampaignRequest request) {
    Integer tps =
        request.minProvisionedTPS() == null ? null : checkTps(request.minProvisionedTPS());
    Check.arn("campaignArn", request.campaignArn());
    Check.optionalArn("solutionVersionArn", request.solutionVersionArn());
    ctx.store()
        .inTransaction(
            c -> {
              CampaignRecord r =
                  ctx.require(c, Kinds.CAMPAIGN, "campaignArn", request.campaignArn());
              String given =
                  request.solutionVersionArn() != null
                      ? request.solutionVersionArn()
                      : r.solutionVersionArn();
              CampaignConfig config =
                  request.campaignConfig() == null
                      ? checkConfig(r.config(), given)
                      : checkConfig(request.campaignConfig(), given);
              String deployed = r.deployedVersionArn();
              if (request.solutionVersionArn() != null) {
                SolutionVersionRecord v = resolveVersion(c, request.solutionVersionArn());
                if (!v.solutionArn().equals(r.solutionArn())) {
                  throw new InvalidInputException(
                      "solutionVersionArn must be a version of the campaign's solution "
                          + r.solutionArn()
                          + "; got: "
                          + request.solutionVersionArn());
                }
                deployed = v.arn();
              }
              boolean explores =
                  explores(Resources.find(c, Kinds.SOLUTION, r.solutionArn()), config);
              Instant now = ctx.now();
              Header h = r.meta().withStatus(Status.ACTIVE, null, now);
              int newTps = tps == null ? r.minProvisionedTPS() : tps;
              CampaignRecord.Update update =
                  new CampaignRecord.Update(given, newTps, config, Status.ACTIVE, now, now);
              Resources.update(
                  c,
                  resolved(
                      h,
                      given,
                      deployed,
                      r.datasetGroupArn(),
                      newTps,
                      config,
                      explores,
                      update,
                      r.automaticUpdate()));
              return null;
            });
    deployments.invalidate(request.campaignArn());
    return UpdateCampaignResponse.builder().campaignArn(request.campaignArn()).build();
  }

  DeleteCampaignResponse delete(DeleteCampaignRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              CampaignRecord r =
                  ctx.require(c, Kinds.CAMPAIGN, "campaignArn", request.campaignArn());
              Resources.delete(c, r.arn());
              return null;
            });
    deployments.invalidate(request.campaignArn());
    return DeleteCampaignResponse.builder().build();
  }

  static Campaign toModel(CampaignRecord r, String servedVersionArn) {
    return Campaign.builder()
        .name(r.name())
        .campaignArn(r.arn())
        .solutionVersionArn(servedVersionArn)
        .minProvisionedTPS(r.minProvisionedTPS())
        .campaignConfig(r.config())
        .status(r.status().toString())
        .failureReason(r.failureReason())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .latestCampaignUpdate(r.latestUpdate() == null ? null : toSummary(r.latestUpdate()))
        .build();
  }

  static CampaignUpdateSummary toSummary(CampaignRecord.Update u) {
    return CampaignUpdateSummary.builder()
        .solutionVersionArn(u.solutionVersionArn())
        .minProvisionedTPS(u.minProvisionedTPS())
        .campaignConfig(u.config())
        .status(u.status().toString())
        .creationDateTime(u.created())
        .lastUpdatedDateTime(u.updated())
        .build();
  }

  static CampaignSummary toSummary(CampaignRecord r) {
    return CampaignSummary.builder()
        .name(r.name())
        .campaignArn(r.arn())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .failureReason(r.failureReason())
        .build();
  }
}
