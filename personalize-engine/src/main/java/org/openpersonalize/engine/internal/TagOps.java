package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListTagsForResourceRequest;
import org.openpersonalize.api.model.ListTagsForResourceResponse;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.api.model.TagResourceRequest;
import org.openpersonalize.api.model.TagResourceResponse;
import org.openpersonalize.api.model.TooManyTagKeysException;
import org.openpersonalize.api.model.TooManyTagsException;
import org.openpersonalize.api.model.UntagResourceRequest;
import org.openpersonalize.api.model.UntagResourceResponse;
import org.openpersonalize.engine.internal.store.TagTable;

/**
 * TagResource, UntagResource and ListTagsForResource (spec §1.1) on any stored resource whose
 * create operation takes tags. The rule is by kind, not by a list of taggable kinds, so a kind
 * added later (recommenders, batch jobs) is taggable as soon as it is stored: only the kinds whose
 * create call has no {@code tags} field are refused.
 */
record TagOps(EngineContext ctx) {
  /** Kinds Amazon does not tag: their create operation takes no tags. */
  private static final Set<String> UNTAGGABLE = Set.of(Kinds.SCHEMA.name());

  TagResourceResponse tag(TagResourceRequest request) {
    Check.arn("resourceArn", request.resourceArn());
    if (request.tags().isEmpty()) {
      throw new InvalidInputException("tags must hold 1-" + Check.MAX_TAGS + " tags; got: []");
    }
    Check.tags(request.tags());
    ctx.store()
        .inTransaction(
            c -> {
              taggable(c, request.resourceArn());
              Set<String> keys = new HashSet<>();
              for (Tag t : TagTable.list(c, request.resourceArn())) {
                keys.add(t.tagKey());
              }
              for (Tag t : request.tags()) {
                keys.add(t.tagKey());
              }
              if (keys.size() > Check.MAX_TAGS) {
                throw new TooManyTagsException(
                    "tags must be at most "
                        + Check.MAX_TAGS
                        + " per resource; "
                        + request.resourceArn()
                        + " would have "
                        + keys.size());
              }
              TagTable.put(c, request.resourceArn(), request.tags());
              return null;
            });
    return TagResourceResponse.builder().build();
  }

  UntagResourceResponse untag(UntagResourceRequest request) {
    Check.arn("resourceArn", request.resourceArn());
    List<String> keys = request.tagKeys();
    if (keys.isEmpty()) {
      throw new InvalidInputException(
          "tagKeys must hold 1-" + Check.MAX_TAGS + " tag keys; got: []");
    }
    if (keys.size() > Check.MAX_TAGS) {
      throw new TooManyTagKeysException(
          "tagKeys must hold at most " + Check.MAX_TAGS + " tag keys; got: " + keys.size());
    }
    for (int i = 0; i < keys.size(); i++) {
      Check.tagKey("tagKeys[" + i + "]", keys.get(i));
    }
    ctx.store()
        .inTransaction(
            c -> {
              taggable(c, request.resourceArn());
              TagTable.remove(c, request.resourceArn(), keys);
              return null;
            });
    return UntagResourceResponse.builder().build();
  }

  ListTagsForResourceResponse list(ListTagsForResourceRequest request) {
    Check.arn("resourceArn", request.resourceArn());
    List<Tag> tags =
        ctx.store()
            .read(
                c -> {
                  taggable(c, request.resourceArn());
                  return TagTable.list(c, request.resourceArn());
                });
    return ListTagsForResourceResponse.builder().tags(tags).build();
  }

  /** The resource exists and its kind takes tags. */
  private static void taggable(Connection c, String arn) throws SQLException {
    String kind = TagTable.kindOf(c, arn);
    if (kind == null) {
      throw new ResourceNotFoundException("No resource with resourceArn " + arn);
    }
    if (UNTAGGABLE.contains(kind)) {
      throw new InvalidInputException(
          "resourceArn must name a resource that takes tags; a " + kind + " does not; got: " + arn);
    }
  }
}
