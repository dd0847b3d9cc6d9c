package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A batch inference job (spec §7.1), with its settings resolved at creation.
 *
 * @param meta the shared columns; the parent is the solution version
 * @param input the input file or folder, as given
 * @param output the output folder, as given
 * @param filterArn the filter applied to every line, or null
 * @param numResults items per line (25 when not given)
 * @param explorationWeight the exploration weight (0 when the recipe does not explore)
 * @param explorationItemAgeCutOff the exploration age cut-off in days
 * @param explorationConfig the {@code itemExplorationConfig} as given (empty when not given)
 * @param roleArn the role given, kept for Describe
 * @param linesProcessed lines answered so far, or null before the job counted them
 * @param linesTotal the input's non-blank lines, or null before they were counted
 * @param linesFailed lines answered with an error, or null
 * @param tags the tags given at creation
 */
public record BatchInferenceJobRecord(
    Header meta,
    String input,
    String output,
    String filterArn,
    int numResults,
    double explorationWeight,
    double explorationItemAgeCutOff,
    java.util.Map<String, String> explorationConfig,
    String roleArn,
    Long linesProcessed,
    Long linesTotal,
    Long linesFailed,
    List<Tag> tags)
    implements Resource {

  @Override
  public Kind<BatchInferenceJobRecord> kind() {
    return Kinds.BATCH_INFERENCE_JOB;
  }

  /** The job's solution version. */
  public String solutionVersionArn() {
    return meta.parentArn();
  }

  /**
   * This job in another status; the counts change only when given (a failure keeps the last ones
   * written).
   */
  public BatchInferenceJobRecord withStatus(
      Status s, String reason, Long done, Long total, Long failed, Instant now) {
    return new BatchInferenceJobRecord(
        meta.withStatus(s, reason, now),
        input,
        output,
        filterArn,
        numResults,
        explorationWeight,
        explorationItemAgeCutOff,
        explorationConfig,
        roleArn,
        done == null ? linesProcessed : done,
        total == null ? linesTotal : total,
        failed == null ? linesFailed : failed,
        tags);
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("input", input);
    o.put("output", output);
    Resources.putIfPresent(o, "filterArn", filterArn);
    o.put("numResults", numResults);
    o.put("explorationWeight", explorationWeight);
    o.put("explorationItemAgeCutOff", explorationItemAgeCutOff);
    o.set("explorationConfig", Resources.objectOf(explorationConfig));
    Resources.putIfPresent(o, "roleArn", roleArn);
    Resources.putIfPresent(o, "linesProcessed", linesProcessed);
    Resources.putIfPresent(o, "linesTotal", linesTotal);
    Resources.putIfPresent(o, "linesFailed", linesFailed);
    Resources.putTags(o, tags);
    return o;
  }

  /** The decoder of {@link Kinds#BATCH_INFERENCE_JOB}. */
  public static BatchInferenceJobRecord decode(Header meta, JsonNode a) {
    return new BatchInferenceJobRecord(
        meta,
        Resources.text(a, "input"),
        Resources.text(a, "output"),
        Resources.text(a, "filterArn"),
        a.path("numResults").asInt(25),
        a.path("explorationWeight").asDouble(0),
        a.path("explorationItemAgeCutOff").asDouble(30),
        Resources.stringMap(a.path("explorationConfig")),
        Resources.text(a, "roleArn"),
        longOrNull(a, "linesProcessed"),
        longOrNull(a, "linesTotal"),
        longOrNull(a, "linesFailed"),
        Resources.tags(a));
  }

  private static Long longOrNull(JsonNode a, String field) {
    return a.hasNonNull(field) ? a.get(field).asLong() : null;
  }
}
