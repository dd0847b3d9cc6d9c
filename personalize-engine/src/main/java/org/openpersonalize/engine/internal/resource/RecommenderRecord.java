package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpersonalize.api.model.RecommenderConfig;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.api.model.TrainingDataConfig;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A recommender (spec §1.13): a use case of a Domain dataset group. Its models are the versions of
 * one backing solution that only the recommender sees ({@link #solutionArn}); the newest ACTIVE one
 * serves, so the old model keeps serving while a new one trains.
 *
 * @param meta the shared columns; the parent is the dataset group
 * @param recipeArn the use case's ARN
 * @param solutionArn the backing solution, whose versions are the recommender's models
 * @param config the settings in effect (an update's once its model is ACTIVE)
 * @param latestUpdate the last UpdateRecommender, or null
 * @param lastFullTraining when the last full training was asked for (creation, update, schedule)
 * @param lastRefresh when the last refresh between full trainings was asked for, or null
 * @param tags the tags given at creation
 */
public record RecommenderRecord(
    Header meta,
    String recipeArn,
    String solutionArn,
    RecommenderConfig config,
    Update latestUpdate,
    Instant lastFullTraining,
    Instant lastRefresh,
    List<Tag> tags)
    implements Resource {

  /** The name suffix of backing solutions; a user's solution name cannot contain a dot. */
  static final String BACKING_SUFFIX = ".recommender";

  /**
   * The last UpdateRecommender (Amazon's {@code latestRecommenderUpdate}).
   *
   * @param config the settings asked for
   * @param versionArn the retraining the update started, or null when it needed none
   * @param status {@code UPDATE IN_PROGRESS}, {@code ACTIVE} or {@code UPDATE FAILED}
   * @param failureReason why it failed, or null
   * @param created when it was asked for
   * @param updated when it last changed
   */
  public record Update(
      RecommenderConfig config,
      String versionArn,
      Status status,
      String failureReason,
      Instant created,
      Instant updated) {}

  @Override
  public Kind<RecommenderRecord> kind() {
    return Kinds.RECOMMENDER;
  }

  /** The recommender's dataset group. */
  public String datasetGroupArn() {
    return meta.parentArn();
  }

  /** The name of the backing solution of a recommender called {@code name}. */
  public static String backingName(String name) {
    return name + BACKING_SUFFIX;
  }

  /** Whether a solution backs a recommender (and so is not listed as the user's). */
  public static boolean isBacking(SolutionRecord s) {
    return s.name().endsWith(BACKING_SUFFIX);
  }

  /** Whether a solution ARN names a recommender's backing solution. */
  public static boolean isBackingArn(String solutionArn) {
    return solutionArn != null && solutionArn.endsWith(BACKING_SUFFIX);
  }

  /** This recommender with other columns, settings and update. */
  public RecommenderRecord with(Header h, RecommenderConfig c, Update u) {
    return new RecommenderRecord(
        h, recipeArn, solutionArn, c, u, lastFullTraining, lastRefresh, tags);
  }

  /** This recommender with new training times. */
  public RecommenderRecord trainedAt(Instant full, Instant refresh) {
    return new RecommenderRecord(
        meta, recipeArn, solutionArn, config, latestUpdate, full, refresh, tags);
  }

  /** The columns training leaves out, by dataset type; empty when none. */
  public static Map<String, List<String>> excluded(RecommenderConfig c) {
    TrainingDataConfig t = c == null ? null : c.trainingDataConfig();
    return t == null ? Map.of() : t.excludedDatasetColumns();
  }

  /** Whether responses may carry item metadata. */
  public boolean metadataWithRecommendations() {
    return Boolean.TRUE.equals(config.enableMetadataWithRecommendations());
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("recipeArn", recipeArn);
    o.put("datasetGroupArn", meta.parentArn());
    o.put("solutionArn", solutionArn);
    o.set("recommenderConfig", encode(config));
    if (latestUpdate != null) {
      ObjectNode u = o.putObject("latestRecommenderUpdate");
      u.set("recommenderConfig", encode(latestUpdate.config()));
      u.put("versionArn", latestUpdate.versionArn());
      u.put("status", latestUpdate.status().toString());
      u.put("failureReason", latestUpdate.failureReason());
      u.put("createdMs", latestUpdate.created().toEpochMilli());
      u.put("updatedMs", latestUpdate.updated().toEpochMilli());
    }
    o.put("lastFullTrainingMs", lastFullTraining.toEpochMilli());
    if (lastRefresh != null) {
      o.put("lastRefreshMs", lastRefresh.toEpochMilli());
    }
    Resources.putTags(o, tags);
    return o;
  }

  private static ObjectNode encode(RecommenderConfig c) {
    ObjectNode o = Resources.object();
    if (c.hasItemExplorationConfig()) {
      o.set("itemExplorationConfig", Resources.objectOf(c.itemExplorationConfig()));
    }
    Resources.putIfPresent(
        o, "minRecommendationRequestsPerSecond", c.minRecommendationRequestsPerSecond());
    Resources.putIfPresent(
        o, "enableMetadataWithRecommendations", c.enableMetadataWithRecommendations());
    if (c.trainingDataConfig() != null) {
      ObjectNode ex = o.putObject("trainingDataConfig").putObject("excludedDatasetColumns");
      for (Map.Entry<String, List<String>> e :
          c.trainingDataConfig().excludedDatasetColumns().entrySet()) {
        ArrayNode a = ex.putArray(e.getKey());
        e.getValue().forEach(a::add);
      }
    }
    return o;
  }

  private static RecommenderConfig decodeConfig(JsonNode o) {
    RecommenderConfig.Builder b =
        RecommenderConfig.builder()
            .enableMetadataWithRecommendations(
                Resources.bool(o, "enableMetadataWithRecommendations"));
    if (o.has("itemExplorationConfig")) {
      // Kept apart from an absent one, so Describe returns the config as it was given.
      b.itemExplorationConfig(Resources.stringMap(o.path("itemExplorationConfig")));
    }
    if (o.hasNonNull("minRecommendationRequestsPerSecond")) {
      b.minRecommendationRequestsPerSecond(o.get("minRecommendationRequestsPerSecond").asInt());
    }
    JsonNode t = o.path("trainingDataConfig");
    if (!t.isMissingNode()) {
      Map<String, List<String>> ex = new LinkedHashMap<>();
      t.path("excludedDatasetColumns")
          .fields()
          .forEachRemaining(
              e -> {
                List<String> cols = new ArrayList<>();
                e.getValue().forEach(v -> cols.add(v.asText()));
                ex.put(e.getKey(), cols);
              });
      b.trainingDataConfig(TrainingDataConfig.builder().excludedDatasetColumns(ex).build());
    }
    return b.build();
  }

  /** The decoder of {@link Kinds#RECOMMENDER}. */
  public static RecommenderRecord decode(Header meta, JsonNode a) {
    JsonNode u = a.path("latestRecommenderUpdate");
    Update update =
        u.isMissingNode()
            ? null
            : new Update(
                decodeConfig(u.path("recommenderConfig")),
                Resources.text(u, "versionArn"),
                Status.parse(Resources.text(u, "status")),
                Resources.text(u, "failureReason"),
                Instant.ofEpochMilli(u.path("createdMs").asLong()),
                Instant.ofEpochMilli(u.path("updatedMs").asLong()));
    return new RecommenderRecord(
        meta,
        Resources.text(a, "recipeArn"),
        Resources.text(a, "solutionArn"),
        decodeConfig(a.path("recommenderConfig")),
        update,
        Instant.ofEpochMilli(a.path("lastFullTrainingMs").asLong()),
        a.hasNonNull("lastRefreshMs")
            ? Instant.ofEpochMilli(a.get("lastRefreshMs").asLong())
            : null,
        Resources.tags(a));
  }
}
