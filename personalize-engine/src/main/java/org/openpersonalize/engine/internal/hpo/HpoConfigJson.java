package org.openpersonalize.engine.internal.hpo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.api.model.CategoricalHyperParameterRange;
import org.openpersonalize.api.model.ContinuousHyperParameterRange;
import org.openpersonalize.api.model.HPOConfig;
import org.openpersonalize.api.model.HPOObjective;
import org.openpersonalize.api.model.HPOResourceConfig;
import org.openpersonalize.api.model.HyperParameterRanges;
import org.openpersonalize.api.model.IntegerHyperParameterRange;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * The stored form of a solution's {@code hpoConfig}, inside the solution record's JSON: the
 * request's fields as given (checked at CreateSolution), so DescribeSolution returns them
 * unchanged.
 */
public final class HpoConfigJson {
  private HpoConfigJson() {}

  /**
   * Encodes a config.
   *
   * @param into the object to add the config's fields to
   * @param c the config
   */
  public static void encode(ObjectNode into, HPOConfig c) {
    if (c.hpoObjective() != null) {
      ObjectNode o = into.putObject("hpoObjective");
      Resources.putIfPresent(o, "type", c.hpoObjective().type());
      Resources.putIfPresent(o, "metricName", c.hpoObjective().metricName());
      Resources.putIfPresent(o, "metricRegex", c.hpoObjective().metricRegex());
    }
    if (c.hpoResourceConfig() != null) {
      ObjectNode o = into.putObject("hpoResourceConfig");
      HPOResourceConfig r = c.hpoResourceConfig();
      Resources.putIfPresent(o, "maxNumberOfTrainingJobs", r.maxNumberOfTrainingJobs());
      Resources.putIfPresent(o, "maxParallelTrainingJobs", r.maxParallelTrainingJobs());
    }
    HyperParameterRanges r = c.algorithmHyperParameterRanges();
    if (r != null) {
      ObjectNode o = into.putObject("algorithmHyperParameterRanges");
      ArrayNode ints =
          r.hasIntegerHyperParameterRanges() ? o.putArray("integerHyperParameterRanges") : null;
      for (IntegerHyperParameterRange x : r.integerHyperParameterRanges()) { // empty when unset
        ObjectNode e = ints.addObject();
        Resources.putIfPresent(e, "name", x.name());
        Resources.putIfPresent(e, "minValue", x.minValue());
        Resources.putIfPresent(e, "maxValue", x.maxValue());
      }
      ArrayNode reals =
          r.hasContinuousHyperParameterRanges()
              ? o.putArray("continuousHyperParameterRanges")
              : null;
      for (ContinuousHyperParameterRange x : r.continuousHyperParameterRanges()) {
        ObjectNode e = reals.addObject();
        Resources.putIfPresent(e, "name", x.name());
        Resources.putIfPresent(e, "minValue", x.minValue());
        Resources.putIfPresent(e, "maxValue", x.maxValue());
      }
      ArrayNode cats =
          r.hasCategoricalHyperParameterRanges()
              ? o.putArray("categoricalHyperParameterRanges")
              : null;
      for (CategoricalHyperParameterRange x : r.categoricalHyperParameterRanges()) {
        ObjectNode e = cats.addObject();
        Resources.putIfPresent(e, "name", x.name());
        if (x.hasValues()) {
          ArrayNode values = e.putArray("values");
          x.values().forEach(values::add);
        }
      }
    }
  }

  /**
   * Decodes a config written by {@link #encode}.
   *
   * @param a the object holding the fields, or a missing node
   * @return the config, or null when none was stored
   */
  public static HPOConfig decode(JsonNode a) {
    if (a == null || a.isMissingNode() || a.isNull()) {
      return null;
    }
    HPOConfig.Builder b = HPOConfig.builder();
    JsonNode o = a.path("hpoObjective");
    if (o.isObject()) {
      b.hpoObjective(
          HPOObjective.builder()
              .type(Resources.text(o, "type"))
              .metricName(Resources.text(o, "metricName"))
              .metricRegex(Resources.text(o, "metricRegex"))
              .build());
    }
    JsonNode r = a.path("hpoResourceConfig");
    if (r.isObject()) {
      b.hpoResourceConfig(
          HPOResourceConfig.builder()
              .maxNumberOfTrainingJobs(Resources.text(r, "maxNumberOfTrainingJobs"))
              .maxParallelTrainingJobs(Resources.text(r, "maxParallelTrainingJobs"))
              .build());
    }
    JsonNode g = a.path("algorithmHyperParameterRanges");
    if (g.isObject()) {
      List<IntegerHyperParameterRange> ints = new ArrayList<>();
      for (JsonNode e : g.path("integerHyperParameterRanges")) {
        ints.add(
            IntegerHyperParameterRange.builder()
                .name(Resources.text(e, "name"))
                .minValue(e.hasNonNull("minValue") ? e.get("minValue").asInt() : null)
                .maxValue(e.hasNonNull("maxValue") ? e.get("maxValue").asInt() : null)
                .build());
      }
      List<ContinuousHyperParameterRange> reals = new ArrayList<>();
      for (JsonNode e : g.path("continuousHyperParameterRanges")) {
        reals.add(
            ContinuousHyperParameterRange.builder()
                .name(Resources.text(e, "name"))
                .minValue(e.hasNonNull("minValue") ? e.get("minValue").asDouble() : null)
                .maxValue(e.hasNonNull("maxValue") ? e.get("maxValue").asDouble() : null)
                .build());
      }
      List<CategoricalHyperParameterRange> cats = new ArrayList<>();
      for (JsonNode e : g.path("categoricalHyperParameterRanges")) {
        List<String> values = e.has("values") ? new ArrayList<>() : null;
        e.path("values").forEach(v -> values.add(v.asText()));
        cats.add(
            CategoricalHyperParameterRange.builder()
                .name(Resources.text(e, "name"))
                .values(values)
                .build());
      }
      b.algorithmHyperParameterRanges(
          HyperParameterRanges.builder()
              .integerHyperParameterRanges(g.has("integerHyperParameterRanges") ? ints : null)
              .continuousHyperParameterRanges(
                  g.has("continuousHyperParameterRanges") ? reals : null)
              .categoricalHyperParameterRanges(
                  g.has("categoricalHyperParameterRanges") ? cats : null)
              .build());
    }
    return b.build();
  }
}
