package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A solution version (spec §1.11): one training run and, once ACTIVE, its model.
 *
 * @param meta the shared columns; the parent is the solution
 * @param trainingMode FULL or UPDATE
 * @param trainingType MANUAL (AUTOMATIC once automatic training exists)
 * @param result what training produced, or null until it is ACTIVE
 */
public record SolutionVersionRecord(
    Header meta, TrainingMode trainingMode, TrainingType trainingType, Trained result)
    implements Resource {

  /**
   * What a finished training stored.
   *
   * @param modelFile the model file's name in the model directory
   * @param metrics offline metrics (empty for UPDATE training)
   * @param tunedHyperParameters the resolved hyperparameters the model was trained with
   * @param trainingHours the wall time of training, in hours
   * @param numInteractions the interactions training kept, or null for UPDATE training
   * @param updatedFrom the FULL version an UPDATE version reuses the model of, or null
   * @param tunedAt when the hyperparameter search that chose {@code tunedHyperParameters} ran (in
   *     this training, or in an earlier one whose values this one reused), or null when no search
   *     chose them
   */
  public record Trained(
      String modelFile,
      Map<String, Double> metrics,
      Map<String, String> tunedHyperParameters,
      double trainingHours,
      Long numInteractions,
      String updatedFrom,
      Instant tunedAt) {

    /** A result whose hyperparameters no search chose. */
    public Trained(
        String modelFile,
        Map<String, Double> metrics,
        Map<String, String> tunedHyperParameters,
        double trainingHours,
        Long numInteractions,
        String updatedFrom) {
      this(
          modelFile,
          metrics,
          tunedHyperParameters,
          trainingHours,
          numInteractions,
          updatedFrom,
          null);
    }
  }

  @Override
  public Kind<SolutionVersionRecord> kind() {
    return Kinds.SOLUTION_VERSION;
  }

  /** The version's solution. */
  public String solutionArn() {
    return meta.parentArn();
  }

  /** This version in another status. */
  public SolutionVersionRecord withStatus(Status s, String reason, Instant now) {
    return new SolutionVersionRecord(
        meta.withStatus(s, reason, now), trainingMode, trainingType, result);
  }

  /** This version ACTIVE with its training result. */
  public SolutionVersionRecord trained(Trained t, Instant now) {
    return new SolutionVersionRecord(
        meta.withStatus(Status.ACTIVE, null, now), trainingMode, trainingType, t);
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("trainingMode", trainingMode.toString());
    o.put("trainingType", trainingType.toString());
    o.put("solutionArn", meta.parentArn());
    if (result != null) {
      o.put("modelFile", result.modelFile());
      ObjectNode m = o.putObject("metrics");
      result.metrics().forEach(m::put);
      o.set("tunedHyperParameters", Resources.objectOf(result.tunedHyperParameters()));
      o.put("trainingHours", result.trainingHours());
      Resources.putIfPresent(o, "numInteractions", result.numInteractions());
      Resources.putIfPresent(o, "updatedFrom", result.updatedFrom());
      if (result.tunedAt() != null) {
        o.put("tunedAtMs", result.tunedAt().toEpochMilli());
      }
    }
    return o;
  }

  /** The decoder of {@link Kinds#SOLUTION_VERSION}. */
  public static SolutionVersionRecord decode(Header meta, JsonNode a) {
    Trained t = null;
    if (a.hasNonNull("modelFile")) {
      Map<String, Double> metrics = new LinkedHashMap<>();
      a.path("metrics")
          .fields()
          .forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
      t =
          new Trained(
              a.get("modelFile").asText(),
              metrics,
              Resources.stringMap(a.path("tunedHyperParameters")),
              a.path("trainingHours").asDouble(0),
              a.hasNonNull("numInteractions") ? a.get("numInteractions").asLong() : null,
              Resources.text(a, "updatedFrom"),
              a.hasNonNull("tunedAtMs") ? Instant.ofEpochMilli(a.get("tunedAtMs").asLong()) : null);
    }
    return new SolutionVersionRecord(
        meta,
        TrainingMode.fromValue(Resources.text(a, "trainingMode")),
        TrainingType.fromValue(Resources.text(a, "trainingType")),
        t);
  }
}
