package org.openpersonalize.engine.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * An event tracker (spec §1.7).
 *
 * @param meta the shared columns; the parent is the dataset group
 * @param trackingId the ID PutEvents callers pass
 * @param tags the tags given at creation
 */
public record EventTrackerRecord(Header meta, String trackingId, List<Tag> tags)
    implements Resource {

  /** The stored attribute that PutEvents looks trackers up by. */
  public static final String TRACKING_ID = "trackingId";

  @Override
  public Kind<EventTrackerRecord> kind() {
    return Kinds.EVENT_TRACKER;
  }

  @Override
  public ObjectNode attributes() {
    ObjectNode o = Resources.object();
    o.put(TRACKING_ID, trackingId);
    Resources.putTags(o, tags);
    return o;
  }

  /** The decoder of {@link Kinds#EVENT_TRACKER}. */
  public static EventTrackerRecord decode(Header meta, JsonNode a) {
    return new EventTrackerRecord(meta, Resources.text(a, TRACKING_ID), Resources.tags(a));
  }
}
