package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.openpersonalize.api.model.CampaignConfig;
import org.openpersonalize.engine.internal.Kinds;
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
 */
public record CampaignRecord(
    Header meta,
    String solutionVersionArn,
    String deployedVersionArn,
    String datasetGroupArn,
    int minProvisionedTPS,
    CampaignConfig config,
    double explorationWeight,
    double explorationItemAgeCutOff)
    implements Resource {

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
    ObjectNode c = o.putObject("campaignConfig");
    c.set("itemExplorationConfig", Resources.objectOf(config.itemExplorationConfig()));
    Resources.putIfPresent(
        c, "enableMetadataWithRecommendations", config.enableMetadataWithRecommendations());
    Resources.putIfPresent(
        c, "syncWithLatestSolutionVersion", config.syncWithLatestSolutionVersion());
    o.put("explorationWeight", explorationWeight);
    o.put("explorationItemAgeCutOff", explorationItemAgeCutOff);
    return o;
  }

  /** The decoder of {@link Kinds#CAMPAIGN}. */
  public static CampaignRecord decode(Header meta, JsonNode a) {
    JsonNode c = a.path("campaignConfig");
    Map<String, String> exploration = Resources.stringMap(c.path("itemExplorationConfig"));
    CampaignConfig config =
        CampaignConfig.builder()
            .itemExplorationConfig(exploration)
            .enableMetadataWithRecommendations(
                Resources.bool(c, "enableMetadataWithRecommendations"))
            .syncWithLatestSolutionVersion(Resources.bool(c, "syncWithLatestSolutionVersion"))
            .build();
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
            : exploration(config, "explorationItemAgeCutOff", DEFAULT_EXPLORATION_AGE_CUT_OFF));
  }
}
