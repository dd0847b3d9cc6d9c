package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.batch.BatchJob.Counts;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A batch segment job (spec §7.2).
 *
 * @param meta the shared columns; the parent is the solution version
 * @param filterArn the filter of UserID expressions, or null
 * @param numResults users per segment (25 when not given)
 * @param input the input file or folder as given
 * @param output the output folder as given
 * @param roleArn the role given, kept for Describe
 * @param tags the tags given at creation
 * @param counts the lines done, total and failed so far
 */
public record SegmentJobRecord(
    Header meta,
    String filterArn,
    int numResults,
    String input,
    String output,
    String roleArn,
    List<Tag> tags,
    Counts counts)
    implements Resource {

  @Override
  public Kind<SegmentJobRecord> kind() {
    return Kinds.BATCH_SEGMENT_JOB;
  }

  /** The solution version the job scores with. */
  public String solutionVersionArn() {
    return meta.parentArn();
  }

  /** This job in another status with new counts (kept when {@code c} is {@link Counts#NONE}). */
  public SegmentJobRecord with(Status s, String reason, Counts c, Instant now) {
    return new SegmentJobRecord(
        meta.withStatus(s, reason, now),
        filterArn,
        numResults,
        input,
        output,
        roleArn,
        tags,
        c == Counts.NONE ? counts : c);
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    Resources.putIfPresent(o, "filterArn", filterArn);
    o.put("numResults", numResults);
    o.put("input", input);
    o.put("output", output);
    Resources.putIfPresent(o, "roleArn", roleArn);
    Resources.putTags(o, tags);
    o.put("linesProcessed", counts.done());
    o.put("linesTotal", counts.total());
    o.put("linesFailed", counts.failed());
    return o;
  }

  /** The decoder of {@link Kinds#BATCH_SEGMENT_JOB}. */
  public static SegmentJobRecord decode(Header meta, JsonNode a) {
    return new SegmentJobRecord(
        meta,
        Resources.text(a, "filterArn"),
        a.path("numResults").asInt(25),
        Resources.text(a, "input"),
        Resources.text(a, "output"),
        Resources.text(a, "roleArn"),
        Resources.tags(a),
        new Counts(
            a.path("linesProcessed").asLong(0),
            a.path("linesTotal").asLong(-1),
            a.path("linesFailed").asLong(0)));
  }
}
