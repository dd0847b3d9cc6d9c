package org.openpersonalize.engine.internal;

import java.util.List;
import java.util.UUID;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateEventTrackerResponse;
import org.openpersonalize.api.model.DeleteEventTrackerRequest;
import org.openpersonalize.api.model.DeleteEventTrackerResponse;
import org.openpersonalize.api.model.DescribeEventTrackerRequest;
import org.openpersonalize.api.model.DescribeEventTrackerResponse;
import org.openpersonalize.api.model.EventTracker;
import org.openpersonalize.api.model.EventTrackerSummary;
import org.openpersonalize.api.model.ListEventTrackersRequest;
import org.openpersonalize.api.model.ListEventTrackersResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.engine.internal.resource.DatasetGroupRecord;
import org.openpersonalize.engine.internal.resource.EventTrackerRecord;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * CreateEventTracker, DescribeEventTracker, ListEventTrackers and DeleteEventTracker (spec §1.7):
 * at most one tracker per dataset group, ACTIVE when the create call returns.
 */
record EventTrackerOps(EngineContext ctx) {

  CreateEventTrackerResponse create(CreateEventTrackerRequest request) {
    String name = Check.name("name", request.name());
    Check.tags(request.tags());
    Check.arn("datasetGroupArn", request.datasetGroupArn());
    String arn = Arns.of(Kinds.EVENT_TRACKER, name);
    // A tracking ID is a credential-like handle, not model state, so it needs uniqueness rather
    // than a reproducible seed.
    String trackingId = UUID.randomUUID().toString();
    ctx.store()
        .inTransaction(
            c -> {
              DatasetGroupRecord group =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              List<EventTrackerRecord> existing =
                  Resources.children(c, Kinds.EVENT_TRACKER, group.arn());
              if (!existing.isEmpty()) {
                throw new ResourceAlreadyExistsException(
                    "Dataset group "
                        + group.arn()
                        + " already has event tracker "
                        + existing.get(0).arn()
                        + "; a dataset group has at most one");
              }
              if (Resources.findByName(c, Kinds.EVENT_TRACKER, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "An event tracker named " + name + " already exists");
              }
              Header h = Header.created(arn, name, group.arn(), Status.ACTIVE, ctx.now());
              Resources.insert(c, new EventTrackerRecord(h, trackingId, request.tags()));
              return null;
            });
    return CreateEventTrackerResponse.builder().eventTrackerArn(arn).trackingId(trackingId).build();
  }

  DescribeEventTrackerResponse describe(DescribeEventTrackerRequest request) {
    EventTrackerRecord r =
        ctx.get(Kinds.EVENT_TRACKER, "eventTrackerArn", request.eventTrackerArn());
    return DescribeEventTrackerResponse.builder().eventTracker(toModel(r)).build();
  }

  ListEventTrackersResponse list(ListEventTrackersRequest request) {
    Resources.Page<EventTrackerSummary> page =
        ctx.list(
            Kinds.EVENT_TRACKER,
            "datasetGroupArn",
            request.datasetGroupArn(),
            request.nextToken(),
            request.maxResults(),
            EventTrackerOps::toSummary);
    return ListEventTrackersResponse.builder()
        .eventTrackers(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  DeleteEventTrackerResponse delete(DeleteEventTrackerRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              EventTrackerRecord t =
                  ctx.require(c, Kinds.EVENT_TRACKER, "eventTrackerArn", request.eventTrackerArn());
              Resources.delete(c, t.arn());
              ctx.resourcesDeleted();
              return null;
            });
    return DeleteEventTrackerResponse.builder().build();
  }

  static EventTracker toModel(EventTrackerRecord r) {
    return EventTracker.builder()
        .name(r.name())
        .eventTrackerArn(r.arn())
        .accountId(Arns.ACCOUNT)
        .trackingId(r.trackingId())
        .datasetGroupArn(r.parentArn())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .build();
  }

  static EventTrackerSummary toSummary(EventTrackerRecord r) {
    return EventTrackerSummary.builder()
        .name(r.name())
        .eventTrackerArn(r.arn())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .build();
  }
}
