package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A dataset group (spec §1.3).
 *
 * @param meta the shared columns
 * @param roleArn the role given at creation, kept for Describe
 * @param kmsKeyArn the key given at creation, kept for Describe
 * @param domain the domain of a domain dataset group, or null for a custom one
 * @param tags the tags given at creation
 */
public record DatasetGroupRecord(
    Header meta, String roleArn, String kmsKeyArn, Domain domain, List<Tag> tags)
    implements Resource {

  @Override
  public Kind<DatasetGroupRecord> kind() {
    return Kinds.DATASET_GROUP;
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("roleArn", roleArn);
    o.put("kmsKeyArn", kmsKeyArn);
    o.put("domain", domain == null ? null : domain.toString());
    Resources.putTags(o, tags);
    return o;
  }

  /** The decoder of {@link Kinds#DATASET_GROUP}. */
  public static DatasetGroupRecord decode(Header meta, JsonNode a) {
    String domain = Resources.text(a, "domain");
    return new DatasetGroupRecord(
        meta,
        Resources.text(a, "roleArn"),
        Resources.text(a, "kmsKeyArn"),
        domain == null ? null : Domain.fromValue(domain),
        Resources.tags(a));
  }
}
