package org.openpersonalize.engine.internal.serving;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.data.MetadataColumns;
import org.openpersonalize.engine.internal.resource.CampaignRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.engine.internal.training.ModelStore;
import org.openpersonalize.spi.Model;

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

  /** A loaded deployment and its dataset group's generation when it was loaded. */
  private record Entry(Deployment deployment, long generation) {}

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

  /**
   * The campaign's deployment, loading it if needed. It is reused until its dataset group changes
   * (an import or PutItems into that group, a new ACTIVE version of one of its solutions): a change
   * in another dataset group leaves it alone.
   */
  Deployment get(String campaignArn) {
    Entry e = current(campaignArn);
    if (e != null) {
      return e.deployment();
    }
    e = cache.get(campaignArn);
    // The generation is taken before the data is read: a change that lands while this loads
    // makes the next request load again rather than keep stale data.
    String group = e != null ? e.deployment().groupArn : groupOf(campaignArn);
    long generation = group == null ? -1 : ctx.datasetGroupGeneration(group);
    Deployment d = load(campaignArn, e == null ? null : e.deployment());
    cache.put(campaignArn, new Entry(d, group == null ? -1 : generation));
    return d;
  }

  /** The cached entry if its dataset group has not changed since it was loaded, else null. */
  private Entry current(String campaignArn) {
    Entry e = cache.get(campaignArn);
    return e != null && e.generation() == ctx.datasetGroupGeneration(e.deployment().groupArn)
        ? e
        : null;
  }

  /** The dataset group a campaign serves, or null if the campaign cannot be resolved. */
  private String groupOf(String campaignArn) {
    return ctx.store()
        .read(
            c -> {
              if (RecommenderView.isRecommender(campaignArn)) {
                var r = Resources.find(c, Kinds.RECOMMENDER, campaignArn);
                return r == null ? null : r.datasetGroupArn();
              }
              CampaignRecord campaign = Resources.find(c, Kinds.CAMPAIGN, campaignArn);
              String solutionArn = campaign == null ? null : campaign.solutionArn();
              SolutionRecord solution =
                  solutionArn == null ? null : Resources.find(c, Kinds.SOLUTION, solutionArn);
              return solution == null ? null : solution.datasetGroupArn();
            });
  }

  /**
   * The campaign's view without loading its model: the loaded deployment's when it is current,
   * otherwise read from the store. Requests are checked against it before the model is touched.
   */
  CampaignView view(String campaignArn) {
    Entry e = current(campaignArn);
    if (e != null) {
      return e.deployment().view;
    }
    return ctx.store().read(c -> CampaignView.read(ctx, recipes, c, campaignArn));
  }

  /**
   * A batch inference job's deployment: its solution version's model, loaded for the job alone (a
   * job reads the model once and keeps it for its run), with the job's exploration settings.
   */
  Deployment forJob(
      String jobArn, String versionArn, double explorationWeight, double explorationCutoffDays) {
    return ctx.store()
        .read(
            c ->
                build(
                    c,
                    CampaignView.forJob(
                        ctx,
                        recipes,
                        c,
                        jobArn,
                        versionArn,
                        explorationWeight,
                        explorationCutoffDays),
                    null));
  }

  private Deployment load(String campaignArn, Deployment previous) {
    return ctx.store()
        .read(c -> build(c, CampaignView.read(ctx, recipes, c, campaignArn), previous));
  }

  private Deployment build(Connection c, CampaignView view, Deployment previous)
      throws SQLException {
    ModelArtifact artifact;
    Model model;
    if (previous != null && previous.versionArn.equals(view.versionArn())) {
      artifact = previous.artifact;
      model = previous.model;
    } else {
      artifact = models.read(view.modelFile(), view.versionArn());
      try {
        model = view.recipe().readModel(new java.io.ByteArrayInputStream(artifact.payload()));
      } catch (java.io.IOException | RuntimeException ex) {
        throw new InternalFailureException(
            "Model file "
                + view.modelFile()
                + " of "
                + view.versionArn()
                + " is damaged and will not be served ("
                + ex.getMessage()
                + "); create a new solution version and update the campaign to it",
            false,
            ex);
      }
    }
    List<String> newItems = new ArrayList<>();
    List<Long> created = new ArrayList<>();
    if (view.items() != null) {
      newItems(c, view.items(), view.settings().itemWatermark(), artifact, newItems, created);
    }
    long[] createdArr = new long[created.size()];
    for (int i = 0; i < createdArr.length; i++) {
      createdArr[i] = created.get(i);
    }
    Object2IntOpenHashMap<String> counts = null;
    if (view.settings().explorationCounts() && view.explorationWeight() > 0) {
      counts = ExplorationCounts.read(c, view.campaignArn());
    }
    return new Deployment(view, model, artifact, newItems, createdArr, counts);
  }

  /**
   * The catalogue items the model does not know, up to the campaign's item watermark: an item added
   * after the campaign's last automatic update waits for the next one (spec §9.6).
   */
  private static void newItems(
      Connection c,
      DatasetTable items,
      long watermark,
      ModelArtifact artifact,
      List<String> ids,
      List<Long> created)
      throws SQLException {
    Set<String> known = new HashSet<>(List.of(artifact.itemIds()));
    boolean hasCreation = items.schema().indexOf("CREATION_TIMESTAMP") >= 0;
    String sql =
        "SELECT ITEM_ID"
            + (hasCreation ? ", CREATION_TIMESTAMP" : "")
            + " FROM "
            + items.table()
            + " WHERE rowid <= ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, watermark);
      try (ResultSet rs = ps.executeQuery()) {
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
}
