package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * A filter (spec §5.1).
 *
 * @param meta the shared columns; the parent is the dataset group
 * @param filterExpression the expression as given
 * @param fields the dataset fields it uses (for the per-group quota of distinct fields)
 * @param tags the tags given at creation
 */
public record FilterRecord(
    Header meta, String filterExpression, List<String> fields, List<Tag> tags) implements Resource {

  @Override
  public Kind<FilterRecord> kind() {
    return Kinds.FILTER;
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put("filterExpression", filterExpression);
    ArrayNode fa = o.putArray("fields");
    fields.forEach(fa::add);
    Resources.putTags(o, tags);
    return o;
  }

  /** The decoder of {@link Kinds#FILTER}. */
  public static FilterRecord decode(Header meta, JsonNode a) {
    List<String> fields = new ArrayList<>();
    a.path("fields").forEach(n -> fields.add(n.asText()));
    return new FilterRecord(
        meta, Resources.text(a, "filterExpression"), List.copyOf(fields), Resources.tags(a));
  }
}
