package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.openpersonalize.api.model.CampaignConfig;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A campaign (spec §1.12): the version it serves and its settings, exploration resolved.
 *
 * @param meta the shared columns; the parent is the solution
 * @param solutionVersionArn the version as given (a version ARN or {@code <solution>/$LATEST})
 * @param deployedVersionArn the ACTIVE version it resolved to when created or updated
 * @param datasetGroupArn the solution's dataset group
 * @param minProvisionedTPS as given (1 when not given)
 * @param config the campaign config as given (empty when none was)
 * @param explorationWeight the exploration weight serving uses (from the config, or the default)
 * @param explorationItemAgeCutOff the item age cut-off in days serving uses
 * @param latestUpdate the last UpdateCampaign, or null if there was none
 * @param automaticUpdate the catalogue the campaign serves, as of its last automatic update (or its
 *     creation or UpdateCampaign); null for campaigns stored before automatic updates, which serve
 *     the whole catalogue
 */
public record CampaignRecord(
    Header meta,
    String solutionVersionArn,
    String deployedVersionArn,
    String datasetGroupArn,
    int minProvisionedTPS,
    CampaignConfig config,
    double explorationWeight,
    double explorationItemAgeCutOff,
    Update latestUpdate,
    AutomaticUpdate automaticUpdate)
    implements Resource {

  /**
   * Where the campaign's automatic updates stand (spec §9.6): items the model does not know are
   * recommended (explored) only once an update has taken them in, as Amazon's campaigns take new
   * items in at their two-hourly update.
   *
   * @param at when the catalogue was last taken in
   * @param versionArn the solution version served then
   * @param itemWatermark the Items table's highest row ID then: rows above it arrived later
   * @param latestInteraction the newest interaction timestamp then (epoch seconds), which moves the
   *     exploration age cut-off forward; {@code Long.MIN_VALUE} when not measured
   * @param explorationCounts whether the update stored each item's users then for the exploration
   *     bonus (spec §9.7: refreshed at each update); false before any update, when the model's
   *     training counts are used
   */
  public record AutomaticUpdate(
      Instant at,
      String versionArn,
      long itemWatermark,
      long latestInteraction,
      boolean explorationCounts) {}

  /** This campaign after an automatic update (not a change a user sees in its update time). */
  public CampaignRecord withAutomaticUpdate(AutomaticUpdate u) {
    return new CampaignRecord(
        meta,
        solutionVersionArn,
        deployedVersionArn,
        datasetGroupArn,
        minProvisionedTPS,
        config,
        explorationWeight,
        explorationItemAgeCutOff,
        latestUpdate,
        u);
  }

  /**
   * What the last UpdateCampaign asked for (Amazon's {@code latestCampaignUpdate}). Updates apply
   * within the call here, so an update is ACTIVE when recorded.
   *
   * @param solutionVersionArn the version as given in the update (or kept)
   * @param minProvisionedTPS the TPS after the update
   * @param config the config after the update
   * @param status the update's status
   * @param created when the update was asked for
   * @param updated when it last changed
   */
  public record Update(
      String solutionVersionArn,
      int minProvisionedTPS,
      CampaignConfig config,
      Status status,
      Instant created,
      Instant updated) {}

  /** Amazon's default exploration weight (spec §1.12). */
  public static final double DEFAULT_EXPLORATION_WEIGHT = 0.3;

  /** Amazon's default exploration item age cut-off, in days. */
  public static final double DEFAULT_EXPLORATION_AGE_CUT_OFF = 30;

  @Override
  public Kind<CampaignRecord> kind() {
    return Kinds.CAMPAIGN;
  }

  /** The campaign's solution. */
  public String solutionArn() {
    return meta.parentArn();
  }

  /** Whether the campaign follows the solution's latest ACTIVE version. */
  public boolean syncWithLatestSolutionVersion() {
    return Boolean.TRUE.equals(config.syncWithLatestSolutionVersion());
  }

  /** Whether responses may carry item metadata. */
  public boolean metadataWithRecommendations() {
    return Boolean.TRUE.equals(config.enableMetadataWithRecommendations());
  }

  /** An exploration setting of a config, or its default when the config does not give it. */
  public static double exploration(CampaignConfig config, String key, double dflt) {
    String v = config == null ? null : config.itemExplorationConfig().get(key);
    return v == null ? dflt : Double.parseDouble(v);
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("solutionVersionArn", solutionVersionArn);
    o.put("deployedVersionArn", deployedVersionArn);
    o.put("solutionArn", meta.parentArn());
    o.put("datasetGroupArn", datasetGroupArn);
    o.put("minProvisionedTPS", minProvisionedTPS);
    o.set("campaignConfig", encode(config));
    o.put("explorationWeight", explorationWeight);
    o.put("explorationItemAgeCutOff", explorationItemAgeCutOff);
    if (latestUpdate != null) {
      ObjectNode u = o.putObject("latestCampaignUpdate");
      u.put("solutionVersionArn", latestUpdate.solutionVersionArn());
      u.put("minProvisionedTPS", latestUpdate.minProvisionedTPS());
      u.set("campaignConfig", encode(latestUpdate.config()));
      u.put("status", latestUpdate.status().toString());
      u.put("createdMs", latestUpdate.created().toEpochMilli());
      u.put("updatedMs", latestUpdate.updated().toEpochMilli());
    }
    if (automaticUpdate != null) {
      ObjectNode a = o.putObject("automaticUpdate");
      a.put("atMs", automaticUpdate.at().toEpochMilli());
      a.put("versionArn", automaticUpdate.versionArn());
      a.put("itemWatermark", automaticUpdate.itemWatermark());
      a.put("latestInteraction", automaticUpdate.latestInteraction());
      a.put("explorationCounts", automaticUpdate.explorationCounts());
    }
    return o;
  }

  private static ObjectNode encode(CampaignConfig config) {
    ObjectNode c = Resources.object();
    c.set("itemExplorationConfig", Resources.objectOf(config.itemExplorationConfig()));
    Resources.putIfPresent(
        c, "enableMetadataWithRecommendations", config.enableMetadataWithRecommendations());
    Resources.putIfPresent(
        c, "syncWithLatestSolutionVersion", config.syncWithLatestSolutionVersion());
    return c;
  }

  private static CampaignConfig decodeConfig(JsonNode c) {
    return CampaignConfig.builder()
        .itemExplorationConfig(Resources.stringMap(c.path("itemExplorationConfig")))
        .enableMetadataWithRecommendations(Resources.bool(c, "enableMetadataWithRecommendations"))
        .syncWithLatestSolutionVersion(Resources.bool(c, "syncWithLatestSolutionVersion"))
        .build();
  }

  /** The decoder of {@link Kinds#CAMPAIGN}. */
  public static CampaignRecord decode(Header meta, JsonNode a) {
    CampaignConfig config = decodeConfig(a.path("campaignConfig"));
    JsonNode u = a.path("latestCampaignUpdate");
    Update update =
        u.isMissingNode()
            ? null
            : new Update(
                Resources.text(u, "solutionVersionArn"),
                u.path("minProvisionedTPS").asInt(1),
                decodeConfig(u.path("campaignConfig")),
                Status.parse(Resources.text(u, "status")),
                Instant.ofEpochMilli(u.path("createdMs").asLong()),
                Instant.ofEpochMilli(u.path("updatedMs").asLong()));
    JsonNode au = a.path("automaticUpdate");
    AutomaticUpdate automatic =
        au.isMissingNode()
            ? null
            : new AutomaticUpdate(
                Instant.ofEpochMilli(au.path("atMs").asLong()),
                Resources.text(au, "versionArn"),
                au.path("itemWatermark").asLong(Long.MAX_VALUE),
                au.path("latestInteraction").asLong(Long.MIN_VALUE),
                au.path("explorationCounts").asBoolean(false));
    // Rows written before exploration was resolved at creation resolve it here, the same way.
    return new CampaignRecord(
        meta,
        Resources.text(a, "solutionVersionArn"),
        Resources.text(a, "deployedVersionArn"),
        Resources.text(a, "datasetGroupArn"),
        a.path("minProvisionedTPS").asInt(1),
        config,
        a.hasNonNull("explorationWeight")
            ? a.get("explorationWeight").asDouble()
            : exploration(config, "explorationWeight", DEFAULT_EXPLORATION_WEIGHT),
        a.hasNonNull("explorationItemAgeCutOff")
            ? a.get("explorationItemAgeCutOff").asDouble()
            : exploration(config, "explorationItemAgeCutOff", DEFAULT_EXPLORATION_AGE_CUT_OFF),
        update,
        automatic);
  }
}
