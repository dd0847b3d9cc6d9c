package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpersonalize.api.model.AutoMLConfig;
import org.openpersonalize.api.model.AutoTrainingConfig;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
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
 * @param recipeArn the recipe; null for an AutoML solution until its first training chose one
 * @param eventType the event type training keeps, or null for all
 * @param performHPO as created: train each version after a hyperparameter search (spec §9.4)
 * @param performAutoML as created; the recipe is then chosen at the first training
 * @param performAutoTraining whether the engine trains new versions on a schedule (spec §1.10)
 * @param performIncrementalUpdate as created (always false)
 * @param config the solution config as given (empty when none was); an UpdateSolution replaces its
 *     {@code autoTrainingConfig}
 * @param seed the training seed (stable per solution ARN, so retraining is reproducible)
 * @param tags the tags given at creation
 * @param autoTraining where the automatic training schedule stands
 * @param latestUpdate the last UpdateSolution, or null if there was none
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
    List<Tag> tags,
    AutoTraining autoTraining,
    Update latestUpdate)
    implements Resource {

  /**
   * The stored state automatic training is scheduled from (spec §1.10): the scheduler derives what
   * is due from this and the solution's versions at every pass, never from timers, so a restarted
   * engine catches up.
   *
   * @param since when the schedule started: the solution's creation, or the UpdateSolution that
   *     turned automatic training on or changed its frequency
   * @param skipped the due time of the last run skipped for lack of new interactions, or null
   * @param dataMark the interactions seen by the last automatic training (count and newest
   *     timestamp), or null before the first
   */
  public record AutoTraining(Instant since, Instant skipped, String dataMark) {}

  /**
   * The last UpdateSolution (Amazon's {@code latestSolutionUpdate}). Updates apply within the call,
   * so an update is ACTIVE when recorded.
   *
   * @param schedulingExpression the {@code autoTrainingConfig} the update gave, or null
   * @param performAutoTraining automatic training after the update
   * @param performIncrementalUpdate incremental updates after the update
   * @param status the update's status
   * @param created when the update was asked for
   * @param updated when its status last changed
   */
  public record Update(
      String schedulingExpression,
      boolean performAutoTraining,
      boolean performIncrementalUpdate,
      Status status,
      Instant created,
      Instant updated) {}

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
        tags,
        autoTraining,
        latestUpdate);
  }

  /** This AutoML solution with the recipe its first AutoML training chose (spec §9.5). */
  public SolutionRecord withRecipe(String chosen) {
    return new SolutionRecord(
        meta,
        chosen,
        eventType,
        performHPO,
        performAutoML,
        performAutoTraining,
        performIncrementalUpdate,
        config,
        seed,
        tags,
        autoTraining,
        latestUpdate);
  }

  /** This solution with another automatic training state (not a change a user sees). */
  public SolutionRecord withAutoTraining(AutoTraining state) {
    return new SolutionRecord(
        meta,
        recipeArn,
        eventType,
        performHPO,
        performAutoML,
        performAutoTraining,
        performIncrementalUpdate,
        config,
        seed,
        tags,
        state,
        latestUpdate);
  }

  /** This solution after an UpdateSolution applied at {@code now}. */
  public SolutionRecord updated(
      boolean autoTraining, SolutionConfig newConfig, AutoTraining state, Update update) {
    return new SolutionRecord(
        meta.touched(update.updated()),
        recipeArn,
        eventType,
        performHPO,
        performAutoML,
        autoTraining,
        performIncrementalUpdate,
        newConfig,
        seed,
        tags,
        state,
        update);
  }

  /** The schedule in force: {@code solutionConfig.autoTrainingConfig}, or null for the default. */
  public String schedulingExpression() {
    return config.autoTrainingConfig() == null
        ? null
        : config.autoTrainingConfig().schedulingExpression();
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
    if (config.autoTrainingConfig() != null) {
      ObjectNode a = c.putObject("autoTrainingConfig");
      Resources.putIfPresent(
          a, "schedulingExpression", config.autoTrainingConfig().schedulingExpression());
    }
    if (config.hpoConfig() != null) {
      HpoConfigJson.encode(c.putObject("hpoConfig"), config.hpoConfig());
    }
    if (config.autoMLConfig() != null) {
      ObjectNode m = c.putObject("autoMLConfig");
      Resources.putIfPresent(m, "metricName", config.autoMLConfig().metricName());
      com.fasterxml.jackson.databind.node.ArrayNode list = m.putArray("recipeList");
      config.autoMLConfig().recipeList().forEach(list::add);
    }
    o.put("seed", seed);
    Resources.putTags(o, tags);
    if (autoTraining != null) {
      ObjectNode a = o.putObject("autoTraining");
      a.put("sinceMs", autoTraining.since().toEpochMilli());
      if (autoTraining.skipped() != null) {
        a.put("skippedMs", autoTraining.skipped().toEpochMilli());
      }
      Resources.putIfPresent(a, "dataMark", autoTraining.dataMark());
    }
    if (latestUpdate != null) {
      ObjectNode u = o.putObject("latestSolutionUpdate");
      Resources.putIfPresent(u, "schedulingExpression", latestUpdate.schedulingExpression());
      u.put("performAutoTraining", latestUpdate.performAutoTraining());
      u.put("performIncrementalUpdate", latestUpdate.performIncrementalUpdate());
      u.put("status", latestUpdate.status().toString());
      u.put("createdMs", latestUpdate.created().toEpochMilli());
      u.put("updatedMs", latestUpdate.updated().toEpochMilli());
    }
    return o;
  }

  private static AutoMLConfig autoMl(JsonNode m) {
    java.util.List<String> list = new java.util.ArrayList<>();
    m.path("recipeList").forEach(n -> list.add(n.asText()));
    return AutoMLConfig.builder()
        .metricName(Resources.text(m, "metricName"))
        .recipeList(list)
        .build();
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
            .autoTrainingConfig(
                c.has("autoTrainingConfig")
                    ? AutoTrainingConfig.builder()
                        .schedulingExpression(
                            Resources.text(c.get("autoTrainingConfig"), "schedulingExpression"))
                        .build()
                    : null)
            .hpoConfig(HpoConfigJson.decode(c.path("hpoConfig")))
            .autoMLConfig(c.has("autoMLConfig") ? autoMl(c.get("autoMLConfig")) : null)
            .build();
    JsonNode at = a.path("autoTraining");
    // Rows stored before automatic training existed had it refused, so they have no schedule.
    AutoTraining auto =
        at.isMissingNode()
            ? new AutoTraining(meta.created(), null, null)
            : new AutoTraining(
                Instant.ofEpochMilli(at.path("sinceMs").asLong()),
                at.hasNonNull("skippedMs")
                    ? Instant.ofEpochMilli(at.get("skippedMs").asLong())
                    : null,
                Resources.text(at, "dataMark"));
    JsonNode u = a.path("latestSolutionUpdate");
    Update update =
        u.isMissingNode()
            ? null
            : new Update(
                Resources.text(u, "schedulingExpression"),
                u.path("performAutoTraining").asBoolean(false),
                u.path("performIncrementalUpdate").asBoolean(false),
                Status.parse(Resources.text(u, "status")),
                Instant.ofEpochMilli(u.path("createdMs").asLong()),
                Instant.ofEpochMilli(u.path("updatedMs").asLong()));
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
        Resources.tags(a),
        auto,
        update);
  }
}
