package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A dataset import job (spec §1.6).
 *
 * @param meta the shared columns; the parent is the dataset
 * @param dataLocation the file or folder to import
 * @param roleArn the role given, kept for Describe
 * @param importMode FULL or INCREMENTAL (FULL when not given)
 * @param publishAttributionMetricsToS3 as given (null when not given)
 * @param recordCount the rows imported, once ACTIVE; else null
 * @param tags the tags given at creation
 */
public record ImportJobRecord(
    Header meta,
    String dataLocation,
    String roleArn,
    ImportMode importMode,
    Boolean publishAttributionMetricsToS3,
    Long recordCount,
    List<Tag> tags)
    implements Resource {

  @Override
  public Kind<ImportJobRecord> kind() {
    return Kinds.DATASET_IMPORT_JOB;
  }

  /** This job in another status. */
  public ImportJobRecord withStatus(Status s, String reason, Instant now) {
    return new ImportJobRecord(
        meta.withStatus(s, reason, now),
        dataLocation,
        roleArn,
        importMode,
        publishAttributionMetricsToS3,
        recordCount,
        tags);
  }

  /** This job finished: ACTIVE with the number of rows it imported. */
  public ImportJobRecord finished(long rows, Instant now) {
    return new ImportJobRecord(
        meta.withStatus(Status.ACTIVE, null, now),
        dataLocation,
        roleArn,
        importMode,
        publishAttributionMetricsToS3,
        rows,
        tags);
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("dataLocation", dataLocation);
    o.put("roleArn", roleArn);
    o.put("importMode", importMode.toString());
    Resources.putIfPresent(o, "publishAttributionMetricsToS3", publishAttributionMetricsToS3);
    Resources.putIfPresent(o, "recordCount", recordCount);
    Resources.putTags(o, tags);
    return o;
  }

  /** The decoder of {@link Kinds#DATASET_IMPORT_JOB}. */
  public static ImportJobRecord decode(Header meta, JsonNode a) {
    String mode = Resources.text(a, "importMode");
    return new ImportJobRecord(
        meta,
        Resources.text(a, "dataLocation"),
        Resources.text(a, "roleArn"),
        mode == null ? ImportMode.FULL : ImportMode.fromValue(mode),
        Resources.bool(a, "publishAttributionMetricsToS3"),
        a.hasNonNull("recordCount") ? a.get("recordCount").asLong() : null,
        Resources.tags(a));
  }
}
