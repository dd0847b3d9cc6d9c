package org.openpersonalize.engine.internal.serving;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.Arns;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.data.MetadataColumns;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.engine.internal.training.ModelStore;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;

/**
 * Loaded campaigns, by ARN. A campaign's model is read and verified on its first request (also
 * after the engine reopens — no retraining), and reloaded when the campaign is updated, when its
 * {@code $LATEST} version changes, or when the item catalogue grows (new items to explore).
 */
public final class Deployments {
  private final EngineContext ctx;
  private final RecipeCatalog recipes;
  private final ModelStore models;
  private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

  private record Entry(Deployment deployment, long modelGeneration) {}

  /**
   * Creates the cache.
   *
   * @param ctx the engine context
   * @param recipes the recipe catalogue
   * @param models the model store
   */
  public Deployments(EngineContext ctx, RecipeCatalog recipes, ModelStore models) {
    this.ctx = ctx;
    this.recipes = recipes;
    this.models = models;
  }

  /** Forgets a campaign's loaded model (it was updated or deleted). */
  public void invalidate(String campaignArn) {
    cache.remove(campaignArn);
  }

  /** The campaign's deployment, loading it if needed. */
  Deployment get(String campaignArn) {
    Entry e = cache.get(campaignArn);
    if (e != null
        && e.deployment().catalogueGeneration == ctx.catalogueGeneration()
        && e.modelGeneration() == ctx.modelGeneration()) {
      return e.deployment();
    }
    long generation = ctx.modelGeneration();
    Deployment d = load(campaignArn, e == null ? null : e.deployment());
    cache.put(campaignArn, new Entry(d, generation));
    return d;
  }

  private Deployment load(String campaignArn, Deployment previous) {
    long catalogue = ctx.catalogueGeneration();
    return ctx.store()
        .read(
            c -> {
              Resource campaign = ctx.require(c, Kinds.CAMPAIGN, "campaignArn", campaignArn);
              if (!Status.ACTIVE.equals(campaign.status())) {
                throw new ResourceInUseException(
                    "Campaign "
                        + campaignArn
                        + " is "
                        + campaign.status()
                        + "; it serves once ACTIVE");
              }
              String versionArn = campaign.text("deployedVersionArn");
              if (campaign
                  .attrs()
                  .path("campaignConfig")
                  .path("syncWithLatestSolutionVersion")
                  .asBoolean(false)) {
                versionArn = latestActive(c, campaign.text("solutionArn"), versionArn);
              }
              Resource version =
                  ctx.require(c, Kinds.SOLUTION_VERSION, "solutionVersionArn", versionArn);
              Resource solution =
                  ctx.require(c, Kinds.SOLUTION, "solutionArn", version.parentArn());
              Recipe recipe = recipes.require("recipeArn", solution.text("recipeArn"));
              ModelArtifact artifact;
              Model model;
              if (previous != null && previous.versionArn.equals(version.arn())) {
                artifact = previous.artifact;
                model = previous.model;
              } else {
                artifact = models.read(version.text("modelFile"));
                try {
                  model = recipe.readModel(new java.io.ByteArrayInputStream(artifact.payload()));
                } catch (java.io.IOException | RuntimeException ex) {
                  throw new PersonalizeException(
                      "Model file "
                          + version.text("modelFile")
                          + " of "
                          + version.arn()
                          + " is damaged and will not be served: "
                          + ex.getMessage(),
                      ex);
                }
              }
              var config = solution.attrs().path("solutionConfig");
              Featurizer.Selection selection =
                  Featurizer.Selection.of(
                      solution.text("eventType"),
                      config.hasNonNull("eventValueThreshold")
                          ? config.get("eventValueThreshold").asText()
                          : null);
              String group = solution.text("datasetGroupArn");
              DatasetTable interactions = table(c, group, DatasetType.INTERACTIONS);
              var exploration =
                  campaign.attrs().path("campaignConfig").path("itemExplorationConfig");
              double weight = exploration.path("explorationWeight").asDouble(0.3);
              double cutoff = exploration.path("explorationItemAgeCutOff").asDouble(30);
              List<String> newItems = new ArrayList<>();
              List<Long> created = new ArrayList<>();
              DatasetTable items = table(c, group, DatasetType.ITEMS);
              if (items != null) {
                newItems(c, items, artifact, newItems, created);
              }
              long[] createdArr = new long[created.size()];
              for (int i = 0; i < createdArr.length; i++) {
                createdArr[i] = created.get(i);
              }
              return new Deployment(
                  version.arn(),
                  recipe,
                  model,
                  artifact,
                  selection,
                  interactions,
                  weight,
                  cutoff,
                  newItems,
                  createdArr,
                  catalogue,
                  group,
                  items,
                  table(c, group, DatasetType.USERS),
                  campaign
                      .attrs()
                      .path("campaignConfig")
                      .path("enableMetadataWithRecommendations")
                      .asBoolean(false));
            });
  }

  private static String latestActive(Connection c, String solutionArn, String fallback)
      throws SQLException {
    for (Resource v : Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn)) {
      if (Status.ACTIVE.equals(v.status())) {
        return v.arn();
      }
    }
    return fallback;
  }

  private DatasetTable table(Connection c, String groupArn, DatasetType type) throws SQLException {
    Resource dataset =
        Resources.find(
            c, Kinds.DATASET, Arns.of(Kinds.DATASET, Arns.name(groupArn) + "/" + type.arnSuffix()));
    return dataset == null ? null : ctx.table(c, dataset);
  }

  private static void newItems(
      Connection c,
      DatasetTable items,
      ModelArtifact artifact,
      List<String> ids,
      List<Long> created)
      throws SQLException {
    Set<String> known = new HashSet<>(List.of(artifact.itemIds()));
    boolean hasCreation = items.schema().indexOf("CREATION_TIMESTAMP") >= 0;
    String sql =
        "SELECT ITEM_ID" + (hasCreation ? ", CREATION_TIMESTAMP" : "") + " FROM " + items.table();
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String id = rs.getString(1);
        if (!known.contains(id)) {
          ids.add(id);
          long t = hasCreation ? MetadataColumns.clampStored(rs.getLong(2)) : Long.MIN_VALUE;
          // NO_TIMESTAMP marks "no creation time" (created now); clampStored keeps a real, very
          // old creation time from being taken for the marker.
          created.add(hasCreation && rs.wasNull() ? MetadataColumns.NO_TIMESTAMP : t);
        }
      }
    }
  }
}
