package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A dataset (spec §1.5): its type, its schema and the SQL table holding its rows.
 *
 * @param meta the shared columns; the parent is the dataset group
 * @param datasetType the type
 * @param schemaArn the schema
 * @param table the SQL table name (from a counter, never from user input)
 * @param hasBulk whether a FULL import has landed (INCREMENTAL imports need one first)
 * @param tags the tags given at creation
 */
public record DatasetRecord(
    Header meta,
    DatasetType datasetType,
    String schemaArn,
    String table,
    boolean hasBulk,
    List<Tag> tags)
    implements Resource {

  @Override
  public Kind<DatasetRecord> kind() {
    return Kinds.DATASET;
  }

  /** This dataset after its first bulk import, updated at {@code now}. */
  public DatasetRecord withBulk(Instant now) {
    return new DatasetRecord(meta.touched(now), datasetType, schemaArn, table, true, tags);
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("datasetType", datasetType.apiName());
    o.put("schemaArn", schemaArn);
    o.put("table", table);
    if (hasBulk) {
      o.put("hasBulk", true);
    }
    Resources.putTags(o, tags);
    return o;
  }

  /** The decoder of {@link Kinds#DATASET}. */
  public static DatasetRecord decode(Header meta, JsonNode a) {
    return new DatasetRecord(
        meta,
        DatasetType.fromApiName(Resources.text(a, "datasetType")),
        Resources.text(a, "schemaArn"),
        Resources.text(a, "table"),
        Boolean.TRUE.equals(Resources.bool(a, "hasBulk")),
        Resources.tags(a));
  }
}
