package org.openpersonalize.engine.internal;

import java.util.List;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetGroupResponse;
import org.openpersonalize.api.model.DatasetGroup;
import org.openpersonalize.api.model.DatasetGroupSummary;
import org.openpersonalize.api.model.DeleteDatasetGroupRequest;
import org.openpersonalize.api.model.DeleteDatasetGroupResponse;
import org.openpersonalize.api.model.DescribeDatasetGroupRequest;
import org.openpersonalize.api.model.DescribeDatasetGroupResponse;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListDatasetGroupsResponse;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.resource.DatasetGroupRecord;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resource;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * CreateDatasetGroup, DescribeDatasetGroup, ListDatasetGroups and DeleteDatasetGroup (spec §1.3). A
 * dataset group is ACTIVE when the create call returns.
 */
record DatasetGroupOps(EngineContext ctx) {
  /** Amazon's quota of dataset groups per region (spec §10); adjustable there, fixed here. */
  static final int MAX_DATASET_GROUPS = 5;

  /** What a dataset group may hold; it can be deleted once it holds none of them. */
  private static final List<Kind<?>> CHILDREN =
      List.of(Kinds.DATASET, Kinds.EVENT_TRACKER, Kinds.RECOMMENDER, Kinds.SOLUTION, Kinds.FILTER);

  CreateDatasetGroupResponse create(CreateDatasetGroupRequest request) {
    String name = Check.name("name", request.name());
    Domain domain = Check.domain(request.domainAsString());
    Check.tags(request.tags());
    Check.roleArn("roleArn", request.roleArn());
    Check.kmsKeyArn("kmsKeyArn", request.kmsKeyArn());
    String arn = Arns.of(Kinds.DATASET_GROUP, name);
    ctx.store()
        .inTransaction(
            c -> {
              if (Resources.findByName(c, Kinds.DATASET_GROUP, name) != null) {
                throw new ResourceAlreadyExistsException(
                    "A dataset group named " + name + " already exists");
              }
              if (Resources.countWithStatus(c, Kinds.DATASET_GROUP, Status.ACTIVE)
                  >= MAX_DATASET_GROUPS) {
                throw new LimitExceededException(
                    "At most "
                        + MAX_DATASET_GROUPS
                        + " dataset groups can be ACTIVE; delete one before creating "
                        + name);
              }
              Header h = Header.created(arn, name, null, Status.ACTIVE, ctx.now());
              Resources.insert(
                  c,
                  new DatasetGroupRecord(
                      h, request.roleArn(), request.kmsKeyArn(), domain, request.tags()));
              return null;
            });
    return CreateDatasetGroupResponse.builder().datasetGroupArn(arn).domain(domain).build();
  }

  DescribeDatasetGroupResponse describe(DescribeDatasetGroupRequest request) {
    DatasetGroupRecord r =
        ctx.get(Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
    return DescribeDatasetGroupResponse.builder().datasetGroup(toModel(r)).build();
  }

  ListDatasetGroupsResponse list(ListDatasetGroupsRequest request) {
    Resources.Page<DatasetGroupSummary> page =
        ctx.list(
            Kinds.DATASET_GROUP,
            null,
            null,
            request.nextToken(),
            request.maxResults(),
            DatasetGroupOps::toSummary);
    return ListDatasetGroupsResponse.builder()
        .datasetGroups(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  DeleteDatasetGroupResponse delete(DeleteDatasetGroupRequest request) {
    ctx.store()
        .inTransaction(
            c -> {
              DatasetGroupRecord g =
                  ctx.require(c, Kinds.DATASET_GROUP, "datasetGroupArn", request.datasetGroupArn());
              for (Kind<?> kind : CHILDREN) {
                List<? extends Resource> held = Resources.children(c, kind, g.arn());
                if (!held.isEmpty()) {
                  throw new ResourceInUseException(
                      "Dataset group "
                          + g.arn()
                          + " still holds "
                          + held.size()
                          + " "
                          + kind
                          + "(s), e.g. "
                          + held.get(0).arn()
                          + "; delete its datasets, event trackers, solutions and filters first");
                }
              }
              Resources.delete(c, g.arn());
              ctx.resourcesDeleted();
              return null;
            });
    return DeleteDatasetGroupResponse.builder().build();
  }

  static DatasetGroup toModel(DatasetGroupRecord r) {
    return DatasetGroup.builder()
        .name(r.name())
        .datasetGroupArn(r.arn())
        .status(r.status().toString())
        .roleArn(r.roleArn())
        .kmsKeyArn(r.kmsKeyArn())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .failureReason(r.failureReason())
        .domain(r.domain())
        .build();
  }

  static DatasetGroupSummary toSummary(DatasetGroupRecord r) {
    return DatasetGroupSummary.builder()
        .name(r.name())
        .datasetGroupArn(r.arn())
        .status(r.status().toString())
        .creationDateTime(r.created())
        .lastUpdatedDateTime(r.updated())
        .failureReason(r.failureReason())
        .domain(r.domain())
        .build();
  }
}
