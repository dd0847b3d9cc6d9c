package org.openpersonalize.engine.internal.serving;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.List;
import org.openpersonalize.engine.internal.store.DatasetTable;
import org.openpersonalize.engine.internal.training.Featurizer;
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;

/**
 * A solution version loaded for serving by one campaign: the model, its ID maps, the popularity
 * fallback, the history selection of its solution, and the campaign's exploration settings. Items
 * the model does not know but the catalogue has (added with PutItems or an import after training)
 * sit after the model's items, so every index below {@link #numCandidates()} can be recommended.
 */
final class Deployment {
  /** The campaign's settings and tables, as read when the deployment was loaded. */
  final CampaignView view;

  final String versionArn;
  final Recipe recipe;

  /** Whether the recipe gives each item a reason list ({@code RecipeCapability.ITEM_REASONS}). */
  final boolean reasons;

  final Model model;
  final ModelArtifact artifact;
  final Object2IntOpenHashMap<String> userIndex;
  final Object2IntOpenHashMap<String> itemIndex;
  final String[] itemIds;
  final int numModelItems;
  final long popularityTotal;
  final Featurizer.Selection selection;
  final DatasetTable interactions;

  /** The history query of {@link ServingReads#history}, or null without interactions. */
  final String historySql;

  final double explorationWeight;
  final long explorationCutoffSeconds;

  /** The dataset group of the campaign's solution: filters must belong to it. */
  final String groupArn;

  /** The group's Items and Users tables, or null when it has none. */
  final DatasetTable items;

  final DatasetTable users;

  /** Whether the campaign allows {@code metadataColumns} (spec §9.11). */
  final boolean metadataEnabled;

  /**
   * Item attribute columns that filters read, by field name, built on first use. A deployment lives
   * for one catalogue generation (PutItems and imports make a new one), so the cache never serves
   * stale attributes.
   */
  final java.util.concurrent.ConcurrentHashMap<String, ItemColumn> columns =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Whether responses carry scores: not for rank-only models (SIMS, Popularity-Count), nor for
   * recommenders (spec §4: domain recommenders return no scores).
   */
  final boolean withScores;

  /** Indices (model items and new catalogue items) that exploration may favour. */
  final int[] explorable;

  /**
   * Distinct users of each candidate (model items, then new items) in the interactions as of the
   * campaign's last automatic update ({@link ExplorationCounts}), or null to use the training
   * counts: the exploration bonus shrinks as an explored item gathers users, refreshed at each
   * update (spec §9.7).
   */
  private final int[] explorationCounts;

  private final ThreadLocal<float[]> buffer;

  Deployment(
      CampaignView view,
      Model model,
      ModelArtifact artifact,
      List<String> newItems,
      long[] newItemCreated,
      Object2IntOpenHashMap<String> usersByItem) {
    this.view = view;
    this.groupArn = view.groupArn();
    this.items = view.items();
    this.users = view.users();
    this.metadataEnabled = view.settings().metadataEnabled();
    this.versionArn = view.versionArn();
    this.recipe = view.recipe();
    this.reasons =
        recipe.capabilities().contains(org.openpersonalize.spi.RecipeCapability.ITEM_REASONS);
    this.model = model;
    this.withScores =
        model.scoreKind() != org.openpersonalize.spi.ScoreKind.RANK_ONLY && view.useCase() == null;
    this.artifact = artifact;
    this.selection = view.selection();
    this.interactions = view.interactions();
    this.historySql = interactions == null ? null : ServingReads.historySql(interactions);
    this.explorationWeight = view.explorationWeight();
    this.explorationCutoffSeconds = (long) (view.settings().explorationCutoffDays() * 86_400);
    this.numModelItems = artifact.itemIds().length;
    userIndex = index(artifact.userIds());
    String[] ids = new String[numModelItems + newItems.size()];
    System.arraycopy(artifact.itemIds(), 0, ids, 0, numModelItems);
    for (int k = 0; k < newItems.size(); k++) {
      ids[numModelItems + k] = newItems.get(k);
    }
    itemIds = ids;
    itemIndex = index(ids);
    long total = 0;
    for (int p : artifact.popularity()) {
      total += p;
    }
    popularityTotal = Math.max(1, total);
    // The cut-off counts back from the newest interaction: the training data's, or the newer one
    // the campaign's last automatic update saw. Saturating: it may be any long (pre-1970 is <0).
    long reference = Math.max(artifact.trainedUntil(), view.settings().latestInteraction());
    long since =
        reference < Long.MIN_VALUE + explorationCutoffSeconds
            ? Long.MIN_VALUE
            : reference - explorationCutoffSeconds;
    IntArrayList eligible = new IntArrayList();
    if (explorationWeight > 0) {
      for (int i = 0; i < numModelItems; i++) {
        if (artifact.itemCreated()[i] >= since) {
          eligible.add(i);
        }
      }
      for (int k = 0; k < newItems.size(); k++) {
        // A new item without a creation time counts as created now, so it is always young enough.
        if (newItemCreated[k] == Long.MIN_VALUE || newItemCreated[k] >= since) {
          eligible.add(numModelItems + k);
        }
      }
    }
    explorable = eligible.toIntArray();
    if (usersByItem == null) {
      explorationCounts = null;
    } else {
      explorationCounts = new int[ids.length];
      for (int i = 0; i < ids.length; i++) {
        explorationCounts[i] = Math.max(0, usersByItem.getInt(ids[i]));
      }
    }
    int n = ids.length;
    buffer = ThreadLocal.withInitial(() -> new float[n]);
  }

  private static Object2IntOpenHashMap<String> index(String[] ids) {
    Object2IntOpenHashMap<String> m = new Object2IntOpenHashMap<>(ids.length);
    m.defaultReturnValue(-1);
    for (int i = 0; i < ids.length; i++) {
      m.put(ids[i], i);
    }
    return m;
  }

  /** Items that can be recommended: the model's, then new catalogue items. */
  int numCandidates() {
    return itemIds.length;
  }

  /** A per-thread score buffer of {@link #numCandidates()} floats. */
  float[] scores() {
    return buffer.get();
  }

  /** Distinct users of an item in the training data; 0 for new items. */
  int popularity(int item) {
    return item < numModelItems ? artifact.popularity()[item] : 0;
  }

  /**
   * The user count behind an item's exploration bonus: as of the campaign's last automatic update
   * when it recorded one, else the training data's ({@link #popularity}).
   */
  int explorationCount(int item) {
    return explorationCounts != null ? explorationCounts[item] : popularity(item);
  }
}
