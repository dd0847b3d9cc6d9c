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
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.engine.internal.store.DatasetTable;
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

  /**
   * The campaign's view without loading its model: the loaded deployment's when it is current,
   * otherwise read from the store. Requests are checked against it before the model is touched.
   */
  CampaignView view(String campaignArn) {
    Entry e = cache.get(campaignArn);
    if (e != null
        && e.deployment().catalogueGeneration == ctx.catalogueGeneration()
        && e.modelGeneration() == ctx.modelGeneration()) {
      return e.deployment().view;
    }
    return ctx.store().read(c -> CampaignView.read(ctx, recipes, c, campaignArn));
  }

  private Deployment load(String campaignArn, Deployment previous) {
    long catalogue = ctx.catalogueGeneration();
    return ctx.store()
        .read(
            c -> {
              CampaignView view = CampaignView.read(ctx, recipes, c, campaignArn);
              ModelArtifact artifact;
              Model model;
              if (previous != null && previous.versionArn.equals(view.versionArn())) {
                artifact = previous.artifact;
                model = previous.model;
              } else {
                artifact = models.read(view.modelFile());
                try {
                  model =
                      view.recipe().readModel(new java.io.ByteArrayInputStream(artifact.payload()));
                } catch (java.io.IOException | RuntimeException ex) {
                  throw new PersonalizeException(
                      "Model file "
                          + view.modelFile()
                          + " of "
                          + view.versionArn()
                          + " is damaged and will not be served: "
                          + ex.getMessage(),
                      ex);
                }
              }
              List<String> newItems = new ArrayList<>();
              List<Long> created = new ArrayList<>();
              if (view.items() != null) {
                newItems(c, view.items(), artifact, newItems, created);
              }
              long[] createdArr = new long[created.size()];
              for (int i = 0; i < createdArr.length; i++) {
                createdArr[i] = created.get(i);
              }
              return new Deployment(view, model, artifact, newItems, createdArr, catalogue);
            });
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
          long t = hasCreation ? rs.getLong(2) : Long.MIN_VALUE;
          created.add(hasCreation && rs.wasNull() ? Long.MIN_VALUE : t);
        }
      }
    }
  }
}
