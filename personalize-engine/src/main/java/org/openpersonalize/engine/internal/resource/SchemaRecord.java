package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A schema (spec §1.4). Schemas have no status in Amazon's API; the stored ACTIVE only serves the
 * quota count.
 *
 * @param meta the shared columns
 * @param schema the Avro schema JSON as given
 * @param domain the domain of a domain schema, or null
 */
public record SchemaRecord(Header meta, String schema, Domain domain) implements Resource {

  @Override
  public Kind<SchemaRecord> kind() {
    return Kinds.SCHEMA;
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("schema", schema);
    o.put("domain", domain == null ? null : domain.toString());
    return o;
  }

  /** The decoder of {@link Kinds#SCHEMA}. */
  public static SchemaRecord decode(Header meta, JsonNode a) {
    String domain = Resources.text(a, "domain");
    return new SchemaRecord(
        meta, Resources.text(a, "schema"), domain == null ? null : Domain.fromValue(domain));
  }
}
