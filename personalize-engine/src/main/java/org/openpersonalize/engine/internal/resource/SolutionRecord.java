package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.hpo.HpoConfigJson;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.Featurizer;

/**
 * A solution (spec §1.10): a recipe, its settings and the training seed, all resolved at creation.
 *
 * @param meta the shared columns; the parent is the dataset group
 * @param recipeArn the recipe
 * @param eventType the event type training keeps, or null for all
 * @param performHPO as created: train each version after a hyperparameter search (spec §9.4)
 * @param performAutoML as created (always false)
 * @param performAutoTraining as created (false: automatic training is refused, not dropped)
 * @param performIncrementalUpdate as created (always false)
 * @param config the solution config as given (empty when none was)
 * @param seed the training seed (stable per solution ARN, so retraining is reproducible)
 * @param tags the tags given at creation
 */
public record SolutionRecord(
    Header meta,
    String recipeArn,
    String eventType,
    boolean performHPO,
    boolean performAutoML,
    boolean performAutoTraining,
    boolean performIncrementalUpdate,
    SolutionConfig config,
    long seed,
    List<Tag> tags)
    implements Resource {

  /** The seed of solutions stored before seeds were derived from the ARN. */
  static final long LEGACY_SEED = 42;

  @Override
  public Kind<SolutionRecord> kind() {
    return Kinds.SOLUTION;
  }

  /** This solution, updated at {@code now} (a version of it changed). */
  public SolutionRecord touched(Instant now) {
    return new SolutionRecord(
        meta.touched(now),
        recipeArn,
        eventType,
        performHPO,
        performAutoML,
        performAutoTraining,
        performIncrementalUpdate,
        config,
        seed,
        tags);
  }

  /** The solution's dataset group. */
  public String datasetGroupArn() {
    return meta.parentArn();
  }

  /**
   * The training seed of a new solution: derived from its ARN, so that retraining the same solution
   * on the same data gives the same model.
   */
  public static long seedFor(String solutionArn) {
    return (long) solutionArn.hashCode() * 0x9E3779B97F4A7C15L;
  }

  /** The event-type and event-value selection of training and serving: parsed here only. */
  public Featurizer.Selection selection() {
    return Featurizer.Selection.of(eventType, config.eventValueThreshold());
  }

  /** The merged algorithm and featurization parameters, as the recipe resolves them. */
  public Map<String, String> hyperparameters() {
    Map<String, String> out = new LinkedHashMap<>(config.algorithmHyperParameters());
    out.putAll(config.featureTransformationParameters());
    return out;
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("recipeArn", recipeArn);
    o.put("datasetGroupArn", meta.parentArn());
    o.put("eventType", eventType);
    o.put("performHPO", performHPO);
    o.put("performAutoML", performAutoML);
    o.put("performAutoTraining", performAutoTraining);
    o.put("performIncrementalUpdate", performIncrementalUpdate);
    ObjectNode c = o.putObject("solutionConfig");
    Resources.putIfPresent(c, "eventValueThreshold", config.eventValueThreshold());
    c.set("algorithmHyperParameters", Resources.objectOf(config.algorithmHyperParameters()));
    c.set(
        "featureTransformationParameters",
        Resources.objectOf(config.featureTransformationParameters()));
    if (config.hpoConfig() != null) {
      HpoConfigJson.encode(c.putObject("hpoConfig"), config.hpoConfig());
    }
    o.put("seed", seed);
    Resources.putTags(o, tags);
    return o;
  }

  /** The decoder of {@link Kinds#SOLUTION}. */
  public static SolutionRecord decode(Header meta, JsonNode a) {
    JsonNode c = a.path("solutionConfig");
    SolutionConfig config =
        SolutionConfig.builder()
            .eventValueThreshold(Resources.text(c, "eventValueThreshold"))
            .algorithmHyperParameters(Resources.stringMap(c.path("algorithmHyperParameters")))
            .featureTransformationParameters(
                Resources.stringMap(c.path("featureTransformationParameters")))
            .hpoConfig(HpoConfigJson.decode(c.path("hpoConfig")))
            .build();
    return new SolutionRecord(
        meta,
        Resources.text(a, "recipeArn"),
        Resources.text(a, "eventType"),
        a.path("performHPO").asBoolean(false),
        a.path("performAutoML").asBoolean(false),
        a.path("performAutoTraining").asBoolean(false),
        a.path("performIncrementalUpdate").asBoolean(false),
        config,
        a.hasNonNull("seed") ? a.get("seed").asLong() : LEGACY_SEED,
        Resources.tags(a));
  }
}
