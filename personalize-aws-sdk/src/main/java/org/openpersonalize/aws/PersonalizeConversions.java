package org.openpersonalize.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.personalize.model.AutoTrainingConfig;
import software.amazon.awssdk.services.personalize.model.Campaign;
import software.amazon.awssdk.services.personalize.model.CampaignConfig;
import software.amazon.awssdk.services.personalize.model.CampaignSummary;
import software.amazon.awssdk.services.personalize.model.CampaignUpdateSummary;
import software.amazon.awssdk.services.personalize.model.CreateCampaignRequest;
import software.amazon.awssdk.services.personalize.model.CreateCampaignResponse;
import software.amazon.awssdk.services.personalize.model.CreateDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetGroupResponse;
import software.amazon.awssdk.services.personalize.model.CreateDatasetImportJobRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetImportJobResponse;
import software.amazon.awssdk.services.personalize.model.CreateDatasetRequest;
import software.amazon.awssdk.services.personalize.model.CreateDatasetResponse;
import software.amazon.awssdk.services.personalize.model.CreateEventTrackerRequest;
import software.amazon.awssdk.services.personalize.model.CreateEventTrackerResponse;
import software.amazon.awssdk.services.personalize.model.CreateFilterRequest;
import software.amazon.awssdk.services.personalize.model.CreateFilterResponse;
import software.amazon.awssdk.services.personalize.model.CreateSchemaRequest;
import software.amazon.awssdk.services.personalize.model.CreateSchemaResponse;
import software.amazon.awssdk.services.personalize.model.CreateSolutionRequest;
import software.amazon.awssdk.services.personalize.model.CreateSolutionResponse;
import software.amazon.awssdk.services.personalize.model.CreateSolutionVersionRequest;
import software.amazon.awssdk.services.personalize.model.CreateSolutionVersionResponse;
import software.amazon.awssdk.services.personalize.model.DataSource;
import software.amazon.awssdk.services.personalize.model.Dataset;
import software.amazon.awssdk.services.personalize.model.DatasetGroup;
import software.amazon.awssdk.services.personalize.model.DatasetGroupSummary;
import software.amazon.awssdk.services.personalize.model.DatasetImportJob;
import software.amazon.awssdk.services.personalize.model.DatasetImportJobSummary;
import software.amazon.awssdk.services.personalize.model.DatasetSchema;
import software.amazon.awssdk.services.personalize.model.DatasetSchemaSummary;
import software.amazon.awssdk.services.personalize.model.DatasetSummary;
import software.amazon.awssdk.services.personalize.model.DatasetUpdateSummary;
import software.amazon.awssdk.services.personalize.model.DeleteCampaignRequest;
import software.amazon.awssdk.services.personalize.model.DeleteCampaignResponse;
import software.amazon.awssdk.services.personalize.model.DeleteDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.DeleteDatasetGroupResponse;
import software.amazon.awssdk.services.personalize.model.DeleteDatasetRequest;
import software.amazon.awssdk.services.personalize.model.DeleteDatasetResponse;
import software.amazon.awssdk.services.personalize.model.DeleteEventTrackerRequest;
import software.amazon.awssdk.services.personalize.model.DeleteEventTrackerResponse;
import software.amazon.awssdk.services.personalize.model.DeleteFilterRequest;
import software.amazon.awssdk.services.personalize.model.DeleteFilterResponse;
import software.amazon.awssdk.services.personalize.model.DeleteSchemaRequest;
import software.amazon.awssdk.services.personalize.model.DeleteSchemaResponse;
import software.amazon.awssdk.services.personalize.model.DeleteSolutionRequest;
import software.amazon.awssdk.services.personalize.model.DeleteSolutionResponse;
import software.amazon.awssdk.services.personalize.model.DescribeCampaignRequest;
import software.amazon.awssdk.services.personalize.model.DescribeCampaignResponse;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetGroupRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetGroupResponse;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetImportJobRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetImportJobResponse;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetRequest;
import software.amazon.awssdk.services.personalize.model.DescribeDatasetResponse;
import software.amazon.awssdk.services.personalize.model.DescribeEventTrackerRequest;
import software.amazon.awssdk.services.personalize.model.DescribeEventTrackerResponse;
import software.amazon.awssdk.services.personalize.model.DescribeFilterRequest;
import software.amazon.awssdk.services.personalize.model.DescribeFilterResponse;
import software.amazon.awssdk.services.personalize.model.DescribeRecipeRequest;
import software.amazon.awssdk.services.personalize.model.DescribeRecipeResponse;
import software.amazon.awssdk.services.personalize.model.DescribeSchemaRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSchemaResponse;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionResponse;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionVersionRequest;
import software.amazon.awssdk.services.personalize.model.DescribeSolutionVersionResponse;
import software.amazon.awssdk.services.personalize.model.EventTracker;
import software.amazon.awssdk.services.personalize.model.EventTrackerSummary;
import software.amazon.awssdk.services.personalize.model.Filter;
import software.amazon.awssdk.services.personalize.model.FilterSummary;
import software.amazon.awssdk.services.personalize.model.GetSolutionMetricsRequest;
import software.amazon.awssdk.services.personalize.model.GetSolutionMetricsResponse;
import software.amazon.awssdk.services.personalize.model.ListCampaignsRequest;
import software.amazon.awssdk.services.personalize.model.ListCampaignsResponse;
import software.amazon.awssdk.services.personalize.model.ListDatasetGroupsRequest;
import software.amazon.awssdk.services.personalize.model.ListDatasetGroupsResponse;
import software.amazon.awssdk.services.personalize.model.ListDatasetImportJobsRequest;
import software.amazon.awssdk.services.personalize.model.ListDatasetImportJobsResponse;
import software.amazon.awssdk.services.personalize.model.ListDatasetsRequest;
import software.amazon.awssdk.services.personalize.model.ListDatasetsResponse;
import software.amazon.awssdk.services.personalize.model.ListEventTrackersRequest;
import software.amazon.awssdk.services.personalize.model.ListEventTrackersResponse;
import software.amazon.awssdk.services.personalize.model.ListFiltersRequest;
import software.amazon.awssdk.services.personalize.model.ListFiltersResponse;
import software.amazon.awssdk.services.personalize.model.ListRecipesRequest;
import software.amazon.awssdk.services.personalize.model.ListRecipesResponse;
import software.amazon.awssdk.services.personalize.model.ListSchemasRequest;
import software.amazon.awssdk.services.personalize.model.ListSchemasResponse;
import software.amazon.awssdk.services.personalize.model.ListSolutionVersionsRequest;
import software.amazon.awssdk.services.personalize.model.ListSolutionVersionsResponse;
import software.amazon.awssdk.services.personalize.model.ListSolutionsRequest;
import software.amazon.awssdk.services.personalize.model.ListSolutionsResponse;
import software.amazon.awssdk.services.personalize.model.Recipe;
import software.amazon.awssdk.services.personalize.model.RecipeSummary;
import software.amazon.awssdk.services.personalize.model.Solution;
import software.amazon.awssdk.services.personalize.model.SolutionConfig;
import software.amazon.awssdk.services.personalize.model.SolutionSummary;
import software.amazon.awssdk.services.personalize.model.SolutionUpdateConfig;
import software.amazon.awssdk.services.personalize.model.SolutionUpdateSummary;
import software.amazon.awssdk.services.personalize.model.SolutionVersion;
import software.amazon.awssdk.services.personalize.model.SolutionVersionSummary;
import software.amazon.awssdk.services.personalize.model.StopSolutionVersionCreationRequest;
import software.amazon.awssdk.services.personalize.model.StopSolutionVersionCreationResponse;
import software.amazon.awssdk.services.personalize.model.Tag;
import software.amazon.awssdk.services.personalize.model.TunedHPOParams;
import software.amazon.awssdk.services.personalize.model.UpdateCampaignRequest;
import software.amazon.awssdk.services.personalize.model.UpdateCampaignResponse;
import software.amazon.awssdk.services.personalize.model.UpdateSolutionRequest;
import software.amazon.awssdk.services.personalize.model.UpdateSolutionResponse;

/**
 * Control-plane requests from the SDK's model to ours ({@code toOurs}) and responses from ours to
 * the SDK's ({@code toSdk}), every field by name. The SDK types are imported; ours are written out
 * in full, since both use the same simple names.
 *
 * <p>Presence is kept: an unset list or map stays unset (the SDK's {@code hasX()} and ours agree),
 * and enums travel as their strings, so a value newer than either model still arrives. A request
 * field the engine does not carry yet is refused with an {@code InvalidInputException} naming it
 * ({@link Gaps}), never dropped; {@code ConversionRoundTripProperties} checks both directions over
 * every field the SDK declares.
 */
final class PersonalizeConversions {
  private PersonalizeConversions() {}

  static <A, B> List<B> each(List<A> in, Function<A, B> f) {
    List<B> out = new ArrayList<>(in.size());
    for (A a : in) {
      out.add(f.apply(a));
    }
    return out;
  }

  // ---- shared ---------------------------------------------------------------------------------

  static org.openpersonalize.api.model.Tag toOurs(Tag t) {
    return t == null
        ? null
        : org.openpersonalize.api.model.Tag.builder()
            .tagKey(t.tagKey())
            .tagValue(t.tagValue())
            .build();
  }

  static List<org.openpersonalize.api.model.Tag> tags(boolean has, List<Tag> tags) {
    return has ? each(tags, PersonalizeConversions::toOurs) : null;
  }

  // ---- dataset groups -------------------------------------------------------------------------

  static org.openpersonalize.api.model.CreateDatasetGroupRequest toOurs(
      CreateDatasetGroupRequest r) {
    return org.openpersonalize.api.model.CreateDatasetGroupRequest.builder()
        .name(r.name())
        .roleArn(r.roleArn())
        .kmsKeyArn(r.kmsKeyArn())
        .domain(r.domainAsString())
        .tags(tags(r.hasTags(), r.tags()))
        .build();
  }

  static CreateDatasetGroupResponse toSdk(
      org.openpersonalize.api.model.CreateDatasetGroupResponse r) {
    return CreateDatasetGroupResponse.builder()
        .datasetGroupArn(r.datasetGroupArn())
        .domain(r.domainAsString())
        .build();
  }

  static org.openpersonalize.api.model.DescribeDatasetGroupRequest toOurs(
      DescribeDatasetGroupRequest r) {
    return org.openpersonalize.api.model.DescribeDatasetGroupRequest.builder()
        .datasetGroupArn(r.datasetGroupArn())
        .build();
  }

  static DatasetGroup toSdk(org.openpersonalize.api.model.DatasetGroup g) {
    return g == null
        ? null
        : DatasetGroup.builder()
            .name(g.name())
            .datasetGroupArn(g.datasetGroupArn())
            .status(g.status())
            .roleArn(g.roleArn())
            .kmsKeyArn(g.kmsKeyArn())
            .creationDateTime(g.creationDateTime())
            .lastUpdatedDateTime(g.lastUpdatedDateTime())
            .failureReason(g.failureReason())
            .domain(g.domainAsString())
            .build();
  }

  static DescribeDatasetGroupResponse toSdk(
      org.openpersonalize.api.model.DescribeDatasetGroupResponse r) {
    return DescribeDatasetGroupResponse.builder().datasetGroup(toSdk(r.datasetGroup())).build();
  }

  static org.openpersonalize.api.model.ListDatasetGroupsRequest toOurs(ListDatasetGroupsRequest r) {
    return org.openpersonalize.api.model.ListDatasetGroupsRequest.builder()
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static DatasetGroupSummary toSdk(org.openpersonalize.api.model.DatasetGroupSummary g) {
    return g == null
        ? null
        : DatasetGroupSummary.builder()
            .name(g.name())
            .datasetGroupArn(g.datasetGroupArn())
            .status(g.status())
            .creationDateTime(g.creationDateTime())
            .lastUpdatedDateTime(g.lastUpdatedDateTime())
            .failureReason(g.failureReason())
            .domain(g.domainAsString())
            .build();
  }

  static ListDatasetGroupsResponse toSdk(
      org.openpersonalize.api.model.ListDatasetGroupsResponse r) {
    return ListDatasetGroupsResponse.builder()
        .datasetGroups(
            r.hasDatasetGroups() ? each(r.datasetGroups(), PersonalizeConversions::toSdk) : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.DeleteDatasetGroupRequest toOurs(
      DeleteDatasetGroupRequest r) {
    return org.openpersonalize.api.model.DeleteDatasetGroupRequest.builder()
        .datasetGroupArn(r.datasetGroupArn())
        .build();
  }

  static DeleteDatasetGroupResponse toSdk(
      org.openpersonalize.api.model.DeleteDatasetGroupResponse r) {
    return DeleteDatasetGroupResponse.builder().build();
  }

  // ---- schemas --------------------------------------------------------------------------------

  static org.openpersonalize.api.model.CreateSchemaRequest toOurs(CreateSchemaRequest r) {
    return org.openpersonalize.api.model.CreateSchemaRequest.builder()
        .name(r.name())
        .schema(r.schema())
        .domain(r.domainAsString())
        .build();
  }

  static CreateSchemaResponse toSdk(org.openpersonalize.api.model.CreateSchemaResponse r) {
    return CreateSchemaResponse.builder().schemaArn(r.schemaArn()).build();
  }

  static org.openpersonalize.api.model.DescribeSchemaRequest toOurs(DescribeSchemaRequest r) {
    return org.openpersonalize.api.model.DescribeSchemaRequest.builder()
        .schemaArn(r.schemaArn())
        .build();
  }

  static DatasetSchema toSdk(org.openpersonalize.api.model.DatasetSchema s) {
    return s == null
        ? null
        : DatasetSchema.builder()
            .name(s.name())
            .schemaArn(s.schemaArn())
            .schema(s.schema())
            .creationDateTime(s.creationDateTime())
            .lastUpdatedDateTime(s.lastUpdatedDateTime())
            .domain(s.domainAsString())
            .build();
  }

  static DescribeSchemaResponse toSdk(org.openpersonalize.api.model.DescribeSchemaResponse r) {
    return DescribeSchemaResponse.builder().schema(toSdk(r.schema())).build();
  }

  static org.openpersonalize.api.model.ListSchemasRequest toOurs(ListSchemasRequest r) {
    return org.openpersonalize.api.model.ListSchemasRequest.builder()
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static DatasetSchemaSummary toSdk(org.openpersonalize.api.model.DatasetSchemaSummary s) {
    return s == null
        ? null
        : DatasetSchemaSummary.builder()
            .name(s.name())
            .schemaArn(s.schemaArn())
            .creationDateTime(s.creationDateTime())
            .lastUpdatedDateTime(s.lastUpdatedDateTime())
            .domain(s.domainAsString())
            .build();
  }

  static ListSchemasResponse toSdk(org.openpersonalize.api.model.ListSchemasResponse r) {
    return ListSchemasResponse.builder()
        .schemas(r.hasSchemas() ? each(r.schemas(), PersonalizeConversions::toSdk) : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.DeleteSchemaRequest toOurs(DeleteSchemaRequest r) {
    return org.openpersonalize.api.model.DeleteSchemaRequest.builder()
        .schemaArn(r.schemaArn())
        .build();
  }

  static DeleteSchemaResponse toSdk(org.openpersonalize.api.model.DeleteSchemaResponse r) {
    return DeleteSchemaResponse.builder().build();
  }

  // ---- datasets -------------------------------------------------------------------------------

  static org.openpersonalize.api.model.CreateDatasetRequest toOurs(CreateDatasetRequest r) {
    return org.openpersonalize.api.model.CreateDatasetRequest.builder()
        .name(r.name())
        .schemaArn(r.schemaArn())
        .datasetGroupArn(r.datasetGroupArn())
        .datasetType(r.datasetType())
        .tags(tags(r.hasTags(), r.tags()))
        .build();
  }

  static CreateDatasetResponse toSdk(org.openpersonalize.api.model.CreateDatasetResponse r) {
    return CreateDatasetResponse.builder().datasetArn(r.datasetArn()).build();
  }

  static org.openpersonalize.api.model.DescribeDatasetRequest toOurs(DescribeDatasetRequest r) {
    return org.openpersonalize.api.model.DescribeDatasetRequest.builder()
        .datasetArn(r.datasetArn())
        .build();
  }

  static DatasetUpdateSummary toSdk(org.openpersonalize.api.model.DatasetUpdateSummary u) {
    return u == null
        ? null
        : DatasetUpdateSummary.builder()
            .schemaArn(u.schemaArn())
            .status(u.status())
            .failureReason(u.failureReason())
            .creationDateTime(u.creationDateTime())
            .lastUpdatedDateTime(u.lastUpdatedDateTime())
            .build();
  }

  static Dataset toSdk(org.openpersonalize.api.model.Dataset d) {
    return d == null
        ? null
        : Dataset.builder()
            .name(d.name())
            .datasetArn(d.datasetArn())
            .datasetGroupArn(d.datasetGroupArn())
            .datasetType(d.datasetType())
            .schemaArn(d.schemaArn())
            .status(d.status())
            .creationDateTime(d.creationDateTime())
            .lastUpdatedDateTime(d.lastUpdatedDateTime())
            .latestDatasetUpdate(toSdk(d.latestDatasetUpdate()))
            .trackingId(d.trackingId())
            .build();
  }

  static DescribeDatasetResponse toSdk(org.openpersonalize.api.model.DescribeDatasetResponse r) {
    return DescribeDatasetResponse.builder().dataset(toSdk(r.dataset())).build();
  }

  static org.openpersonalize.api.model.ListDatasetsRequest toOurs(ListDatasetsRequest r) {
    return org.openpersonalize.api.model.ListDatasetsRequest.builder()
        .datasetGroupArn(r.datasetGroupArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static DatasetSummary toSdk(org.openpersonalize.api.model.DatasetSummary d) {
    return d == null
        ? null
        : DatasetSummary.builder()
            .name(d.name())
            .datasetArn(d.datasetArn())
            .datasetType(d.datasetType())
            .status(d.status())
            .creationDateTime(d.creationDateTime())
            .lastUpdatedDateTime(d.lastUpdatedDateTime())
            .build();
  }

  static ListDatasetsResponse toSdk(org.openpersonalize.api.model.ListDatasetsResponse r) {
    return ListDatasetsResponse.builder()
        .datasets(r.hasDatasets() ? each(r.datasets(), PersonalizeConversions::toSdk) : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.DeleteDatasetRequest toOurs(DeleteDatasetRequest r) {
    return org.openpersonalize.api.model.DeleteDatasetRequest.builder()
        .datasetArn(r.datasetArn())
        .build();
  }

  static DeleteDatasetResponse toSdk(org.openpersonalize.api.model.DeleteDatasetResponse r) {
    return DeleteDatasetResponse.builder().build();
  }

  // ---- import jobs ----------------------------------------------------------------------------

  static org.openpersonalize.api.model.DataSource toOurs(DataSource d) {
    return d == null
        ? null
        : org.openpersonalize.api.model.DataSource.builder().dataLocation(d.dataLocation()).build();
  }

  static DataSource toSdk(org.openpersonalize.api.model.DataSource d) {
    return d == null ? null : DataSource.builder().dataLocation(d.dataLocation()).build();
  }

  static org.openpersonalize.api.model.CreateDatasetImportJobRequest toOurs(
      CreateDatasetImportJobRequest r) {
    return org.openpersonalize.api.model.CreateDatasetImportJobRequest.builder()
        .jobName(r.jobName())
        .datasetArn(r.datasetArn())
        .dataSource(toOurs(r.dataSource()))
        .roleArn(r.roleArn())
        .tags(tags(r.hasTags(), r.tags()))
        .importMode(r.importModeAsString())
        .publishAttributionMetricsToS3(r.publishAttributionMetricsToS3())
        .build();
  }

  static CreateDatasetImportJobResponse toSdk(
      org.openpersonalize.api.model.CreateDatasetImportJobResponse r) {
    return CreateDatasetImportJobResponse.builder()
        .datasetImportJobArn(r.datasetImportJobArn())
        .build();
  }

  static org.openpersonalize.api.model.DescribeDatasetImportJobRequest toOurs(
      DescribeDatasetImportJobRequest r) {
    return org.openpersonalize.api.model.DescribeDatasetImportJobRequest.builder()
        .datasetImportJobArn(r.datasetImportJobArn())
        .build();
  }

  static DatasetImportJob toSdk(org.openpersonalize.api.model.DatasetImportJob j) {
    return j == null
        ? null
        : DatasetImportJob.builder()
            .jobName(j.jobName())
            .datasetImportJobArn(j.datasetImportJobArn())
            .datasetArn(j.datasetArn())
            .dataSource(toSdk(j.dataSource()))
            .roleArn(j.roleArn())
            .status(j.status())
            .creationDateTime(j.creationDateTime())
            .lastUpdatedDateTime(j.lastUpdatedDateTime())
            .failureReason(j.failureReason())
            .importMode(j.importModeAsString())
            .publishAttributionMetricsToS3(j.publishAttributionMetricsToS3())
            .build();
  }

  static DescribeDatasetImportJobResponse toSdk(
      org.openpersonalize.api.model.DescribeDatasetImportJobResponse r) {
    return DescribeDatasetImportJobResponse.builder()
        .datasetImportJob(toSdk(r.datasetImportJob()))
        .build();
  }

  static org.openpersonalize.api.model.ListDatasetImportJobsRequest toOurs(
      ListDatasetImportJobsRequest r) {
    return org.openpersonalize.api.model.ListDatasetImportJobsRequest.builder()
        .datasetArn(r.datasetArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static DatasetImportJobSummary toSdk(org.openpersonalize.api.model.DatasetImportJobSummary j) {
    return j == null
        ? null
        : DatasetImportJobSummary.builder()
            .datasetImportJobArn(j.datasetImportJobArn())
            .jobName(j.jobName())
            .status(j.status())
            .creationDateTime(j.creationDateTime())
            .lastUpdatedDateTime(j.lastUpdatedDateTime())
            .failureReason(j.failureReason())
            .importMode(j.importModeAsString())
            .build();
  }

  static ListDatasetImportJobsResponse toSdk(
      org.openpersonalize.api.model.ListDatasetImportJobsResponse r) {
    return ListDatasetImportJobsResponse.builder()
        .datasetImportJobs(
            r.hasDatasetImportJobs()
                ? each(r.datasetImportJobs(), PersonalizeConversions::toSdk)
                : null)
        .nextToken(r.nextToken())
        .build();
  }

  // ---- event trackers -------------------------------------------------------------------------

  static org.openpersonalize.api.model.CreateEventTrackerRequest toOurs(
      CreateEventTrackerRequest r) {
    return org.openpersonalize.api.model.CreateEventTrackerRequest.builder()
        .name(r.name())
        .datasetGroupArn(r.datasetGroupArn())
        .tags(tags(r.hasTags(), r.tags()))
        .build();
  }

  static CreateEventTrackerResponse toSdk(
      org.openpersonalize.api.model.CreateEventTrackerResponse r) {
    return CreateEventTrackerResponse.builder()
        .eventTrackerArn(r.eventTrackerArn())
        .trackingId(r.trackingId())
        .build();
  }

  static org.openpersonalize.api.model.DescribeEventTrackerRequest toOurs(
      DescribeEventTrackerRequest r) {
    return org.openpersonalize.api.model.DescribeEventTrackerRequest.builder()
        .eventTrackerArn(r.eventTrackerArn())
        .build();
  }

  static EventTracker toSdk(org.openpersonalize.api.model.EventTracker t) {
    return t == null
        ? null
        : EventTracker.builder()
            .name(t.name())
            .eventTrackerArn(t.eventTrackerArn())
            .accountId(t.accountId())
            .trackingId(t.trackingId())
            .datasetGroupArn(t.datasetGroupArn())
            .status(t.status())
            .creationDateTime(t.creationDateTime())
            .lastUpdatedDateTime(t.lastUpdatedDateTime())
            .build();
  }

  static DescribeEventTrackerResponse toSdk(
      org.openpersonalize.api.model.DescribeEventTrackerResponse r) {
    return DescribeEventTrackerResponse.builder().eventTracker(toSdk(r.eventTracker())).build();
  }

  static org.openpersonalize.api.model.ListEventTrackersRequest toOurs(ListEventTrackersRequest r) {
    return org.openpersonalize.api.model.ListEventTrackersRequest.builder()
        .datasetGroupArn(r.datasetGroupArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static EventTrackerSummary toSdk(org.openpersonalize.api.model.EventTrackerSummary t) {
    return t == null
        ? null
        : EventTrackerSummary.builder()
            .name(t.name())
            .eventTrackerArn(t.eventTrackerArn())
            .status(t.status())
            .creationDateTime(t.creationDateTime())
            .lastUpdatedDateTime(t.lastUpdatedDateTime())
            .build();
  }

  static ListEventTrackersResponse toSdk(
      org.openpersonalize.api.model.ListEventTrackersResponse r) {
    return ListEventTrackersResponse.builder()
        .eventTrackers(
            r.hasEventTrackers() ? each(r.eventTrackers(), PersonalizeConversions::toSdk) : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.DeleteEventTrackerRequest toOurs(
      DeleteEventTrackerRequest r) {
    return org.openpersonalize.api.model.DeleteEventTrackerRequest.builder()
        .eventTrackerArn(r.eventTrackerArn())
        .build();
  }

  static DeleteEventTrackerResponse toSdk(
      org.openpersonalize.api.model.DeleteEventTrackerResponse r) {
    return DeleteEventTrackerResponse.builder().build();
  }

  // ---- filters -------------------------------------------------------------------------------

  static org.openpersonalize.api.model.CreateFilterRequest toOurs(CreateFilterRequest r) {
    return org.openpersonalize.api.model.CreateFilterRequest.builder()
        .name(r.name())
        .datasetGroupArn(r.datasetGroupArn())
        .filterExpression(r.filterExpression())
        .tags(tags(r.hasTags(), r.tags()))
        .build();
  }

  static CreateFilterResponse toSdk(org.openpersonalize.api.model.CreateFilterResponse r) {
    return CreateFilterResponse.builder().filterArn(r.filterArn()).build();
  }

  static org.openpersonalize.api.model.DescribeFilterRequest toOurs(DescribeFilterRequest r) {
    return org.openpersonalize.api.model.DescribeFilterRequest.builder()
        .filterArn(r.filterArn())
        .build();
  }

  static Filter toSdk(org.openpersonalize.api.model.Filter f) {
    return f == null
        ? null
        : Filter.builder()
            .name(f.name())
            .filterArn(f.filterArn())
            .datasetGroupArn(f.datasetGroupArn())
            .filterExpression(f.filterExpression())
            .status(f.status())
            .failureReason(f.failureReason())
            .creationDateTime(f.creationDateTime())
            .lastUpdatedDateTime(f.lastUpdatedDateTime())
            .build();
  }

  static DescribeFilterResponse toSdk(org.openpersonalize.api.model.DescribeFilterResponse r) {
    return DescribeFilterResponse.builder().filter(toSdk(r.filter())).build();
  }

  static org.openpersonalize.api.model.ListFiltersRequest toOurs(ListFiltersRequest r) {
    return org.openpersonalize.api.model.ListFiltersRequest.builder()
        .datasetGroupArn(r.datasetGroupArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static FilterSummary toSdk(org.openpersonalize.api.model.FilterSummary f) {
    return f == null
        ? null
        : FilterSummary.builder()
            .name(f.name())
            .filterArn(f.filterArn())
            .datasetGroupArn(f.datasetGroupArn())
            .status(f.status())
            .failureReason(f.failureReason())
            .creationDateTime(f.creationDateTime())
            .lastUpdatedDateTime(f.lastUpdatedDateTime())
            .build();
  }

  static ListFiltersResponse toSdk(org.openpersonalize.api.model.ListFiltersResponse r) {
    return ListFiltersResponse.builder()
        .filters(r.hasFilters() ? each(r.filters(), PersonalizeConversions::toSdk) : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.DeleteFilterRequest toOurs(DeleteFilterRequest r) {
    return org.openpersonalize.api.model.DeleteFilterRequest.builder()
        .filterArn(r.filterArn())
        .build();
  }

  static DeleteFilterResponse toSdk(org.openpersonalize.api.model.DeleteFilterResponse r) {
    return DeleteFilterResponse.builder().build();
  }

  // ---- recipes --------------------------------------------------------------------------------

  static org.openpersonalize.api.model.ListRecipesRequest toOurs(ListRecipesRequest r) {
    return org.openpersonalize.api.model.ListRecipesRequest.builder()
        .recipeProvider(r.recipeProviderAsString())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .domain(r.domainAsString())
        .build();
  }

  static RecipeSummary toSdk(org.openpersonalize.api.model.RecipeSummary s) {
    return s == null
        ? null
        : RecipeSummary.builder()
            .name(s.name())
            .recipeArn(s.recipeArn())
            .status(s.status())
            .creationDateTime(s.creationDateTime())
            .lastUpdatedDateTime(s.lastUpdatedDateTime())
            .domain(s.domainAsString())
            .build();
  }

  static ListRecipesResponse toSdk(org.openpersonalize.api.model.ListRecipesResponse r) {
    return ListRecipesResponse.builder()
        .recipes(r.hasRecipes() ? each(r.recipes(), PersonalizeConversions::toSdk) : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.DescribeRecipeRequest toOurs(DescribeRecipeRequest r) {
    return org.openpersonalize.api.model.DescribeRecipeRequest.builder()
        .recipeArn(r.recipeArn())
        .build();
  }

  static Recipe toSdk(org.openpersonalize.api.model.Recipe s) {
    return s == null
        ? null
        : Recipe.builder()
            .name(s.name())
            .recipeArn(s.recipeArn())
            .algorithmArn(s.algorithmArn())
            .featureTransformationArn(s.featureTransformationArn())
            .status(s.status())
            .description(s.description())
            .creationDateTime(s.creationDateTime())
            .recipeType(s.recipeType())
            .lastUpdatedDateTime(s.lastUpdatedDateTime())
            .build();
  }

  static DescribeRecipeResponse toSdk(org.openpersonalize.api.model.DescribeRecipeResponse r) {
    return DescribeRecipeResponse.builder().recipe(toSdk(r.recipe())).build();
  }

  // ---- solutions ------------------------------------------------------------------------------

  static org.openpersonalize.api.model.SolutionConfig toOurs(SolutionConfig c) {
    if (c == null) {
      return null;
    }
    Gaps.refuseIfSet("solutionConfig.eventsConfig", c.eventsConfig());
    Gaps.refuseIfSet("solutionConfig.optimizationObjective", c.optimizationObjective());
    Gaps.refuseIfSet("solutionConfig.trainingDataConfig", c.trainingDataConfig());
    return org.openpersonalize.api.model.SolutionConfig.builder()
        .autoTrainingConfig(toOurs(c.autoTrainingConfig()))
        .eventValueThreshold(c.eventValueThreshold())
        .algorithmHyperParameters(
            c.hasAlgorithmHyperParameters() ? c.algorithmHyperParameters() : null)
        .featureTransformationParameters(
            c.hasFeatureTransformationParameters() ? c.featureTransformationParameters() : null)
        .hpoConfig(HpoConversions.toOurs(c.hpoConfig()))
        .autoMLConfig(toOurs(c.autoMLConfig()))
        .build();
  }

  static org.openpersonalize.api.model.AutoMLConfig toOurs(
      software.amazon.awssdk.services.personalize.model.AutoMLConfig c) {
    return c == null
        ? null
        : org.openpersonalize.api.model.AutoMLConfig.builder()
            .metricName(c.metricName())
            .recipeList(c.hasRecipeList() ? c.recipeList() : null)
            .build();
  }

  static software.amazon.awssdk.services.personalize.model.AutoMLConfig toSdk(
      org.openpersonalize.api.model.AutoMLConfig c) {
    return c == null
        ? null
        : software.amazon.awssdk.services.personalize.model.AutoMLConfig.builder()
            .metricName(c.metricName())
            .recipeList(c.hasRecipeList() ? c.recipeList() : null)
            .build();
  }

  static SolutionConfig toSdk(org.openpersonalize.api.model.SolutionConfig c) {
    return c == null
        ? null
        : SolutionConfig.builder()
            .autoTrainingConfig(toSdk(c.autoTrainingConfig()))
            .eventValueThreshold(c.eventValueThreshold())
            .algorithmHyperParameters(
                c.hasAlgorithmHyperParameters() ? c.algorithmHyperParameters() : null)
            .featureTransformationParameters(
                c.hasFeatureTransformationParameters() ? c.featureTransformationParameters() : null)
            .hpoConfig(HpoConversions.toSdk(c.hpoConfig()))
            .autoMLConfig(toSdk(c.autoMLConfig()))
            .build();
  }

  static org.openpersonalize.api.model.CreateSolutionRequest toOurs(CreateSolutionRequest r) {
    return org.openpersonalize.api.model.CreateSolutionRequest.builder()
        .name(r.name())
        .performHPO(r.performHPO())
        .performAutoML(r.performAutoML())
        .performAutoTraining(r.performAutoTraining())
        .performIncrementalUpdate(r.performIncrementalUpdate())
        .recipeArn(r.recipeArn())
        .datasetGroupArn(r.datasetGroupArn())
        .eventType(r.eventType())
        .solutionConfig(toOurs(r.solutionConfig()))
        .tags(tags(r.hasTags(), r.tags()))
        .build();
  }

  static CreateSolutionResponse toSdk(org.openpersonalize.api.model.CreateSolutionResponse r) {
    return CreateSolutionResponse.builder().solutionArn(r.solutionArn()).build();
  }

  static org.openpersonalize.api.model.DescribeSolutionRequest toOurs(DescribeSolutionRequest r) {
    return org.openpersonalize.api.model.DescribeSolutionRequest.builder()
        .solutionArn(r.solutionArn())
        .build();
  }

  static SolutionVersionSummary toSdk(org.openpersonalize.api.model.SolutionVersionSummary v) {
    return v == null
        ? null
        : SolutionVersionSummary.builder()
            .solutionVersionArn(v.solutionVersionArn())
            .status(v.status())
            .trainingMode(v.trainingModeAsString())
            .trainingType(v.trainingTypeAsString())
            .creationDateTime(v.creationDateTime())
            .lastUpdatedDateTime(v.lastUpdatedDateTime())
            .failureReason(v.failureReason())
            .build();
  }

  static Solution toSdk(org.openpersonalize.api.model.Solution s) {
    return s == null
        ? null
        : Solution.builder()
            .name(s.name())
            .solutionArn(s.solutionArn())
            .performHPO(s.performHPO())
            .performAutoML(s.performAutoML())
            .performAutoTraining(s.performAutoTraining())
            .performIncrementalUpdate(s.performIncrementalUpdate())
            .recipeArn(s.recipeArn())
            .datasetGroupArn(s.datasetGroupArn())
            .eventType(s.eventType())
            .solutionConfig(toSdk(s.solutionConfig()))
            .status(s.status())
            .creationDateTime(s.creationDateTime())
            .lastUpdatedDateTime(s.lastUpdatedDateTime())
            .latestSolutionVersion(toSdk(s.latestSolutionVersion()))
            .latestSolutionUpdate(toSdk(s.latestSolutionUpdate()))
            .autoMLResult(
                s.autoMLResult() == null
                    ? null
                    : software.amazon.awssdk.services.personalize.model.AutoMLResult.builder()
                        .bestRecipeArn(s.autoMLResult().bestRecipeArn())
                        .build())
            .build();
  }

  static org.openpersonalize.api.model.AutoTrainingConfig toOurs(AutoTrainingConfig c) {
    return c == null
        ? null
        : org.openpersonalize.api.model.AutoTrainingConfig.builder()
            .schedulingExpression(c.schedulingExpression())
            .build();
  }

  static AutoTrainingConfig toSdk(org.openpersonalize.api.model.AutoTrainingConfig c) {
    return c == null
        ? null
        : AutoTrainingConfig.builder().schedulingExpression(c.schedulingExpression()).build();
  }

  static org.openpersonalize.api.model.UpdateSolutionRequest toOurs(UpdateSolutionRequest r) {
    SolutionUpdateConfig c = r.solutionUpdateConfig();
    if (c != null) {
      Gaps.refuseIfSet("solutionUpdateConfig.eventsConfig", c.eventsConfig());
    }
    return org.openpersonalize.api.model.UpdateSolutionRequest.builder()
        .solutionArn(r.solutionArn())
        .performAutoTraining(r.performAutoTraining())
        .performIncrementalUpdate(r.performIncrementalUpdate())
        .solutionUpdateConfig(
            c == null
                ? null
                : org.openpersonalize.api.model.SolutionUpdateConfig.builder()
                    .autoTrainingConfig(toOurs(c.autoTrainingConfig()))
                    .build())
        .build();
  }

  static UpdateSolutionResponse toSdk(org.openpersonalize.api.model.UpdateSolutionResponse r) {
    return UpdateSolutionResponse.builder().solutionArn(r.solutionArn()).build();
  }

  static SolutionUpdateSummary toSdk(org.openpersonalize.api.model.SolutionUpdateSummary u) {
    return u == null
        ? null
        : SolutionUpdateSummary.builder()
            .solutionUpdateConfig(
                u.solutionUpdateConfig() == null
                    ? null
                    : SolutionUpdateConfig.builder()
                        .autoTrainingConfig(toSdk(u.solutionUpdateConfig().autoTrainingConfig()))
                        .build())
            .status(u.status())
            .performAutoTraining(u.performAutoTraining())
            .performIncrementalUpdate(u.performIncrementalUpdate())
            .creationDateTime(u.creationDateTime())
            .lastUpdatedDateTime(u.lastUpdatedDateTime())
            .failureReason(u.failureReason())
            .build();
  }

  static DescribeSolutionResponse toSdk(org.openpersonalize.api.model.DescribeSolutionResponse r) {
    return DescribeSolutionResponse.builder().solution(toSdk(r.solution())).build();
  }

  static org.openpersonalize.api.model.ListSolutionsRequest toOurs(ListSolutionsRequest r) {
    return org.openpersonalize.api.model.ListSolutionsRequest.builder()
        .datasetGroupArn(r.datasetGroupArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static SolutionSummary toSdk(org.openpersonalize.api.model.SolutionSummary s) {
    return s == null
        ? null
        : SolutionSummary.builder()
            .name(s.name())
            .solutionArn(s.solutionArn())
            .status(s.status())
            .creationDateTime(s.creationDateTime())
            .lastUpdatedDateTime(s.lastUpdatedDateTime())
            .recipeArn(s.recipeArn())
            .build();
  }

  static ListSolutionsResponse toSdk(org.openpersonalize.api.model.ListSolutionsResponse r) {
    return ListSolutionsResponse.builder()
        .solutions(r.hasSolutions() ? each(r.solutions(), PersonalizeConversions::toSdk) : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.DeleteSolutionRequest toOurs(DeleteSolutionRequest r) {
    return org.openpersonalize.api.model.DeleteSolutionRequest.builder()
        .solutionArn(r.solutionArn())
        .build();
  }

  static DeleteSolutionResponse toSdk(org.openpersonalize.api.model.DeleteSolutionResponse r) {
    return DeleteSolutionResponse.builder().build();
  }

  // ---- solution versions ----------------------------------------------------------------------

  static org.openpersonalize.api.model.CreateSolutionVersionRequest toOurs(
      CreateSolutionVersionRequest r) {
    return org.openpersonalize.api.model.CreateSolutionVersionRequest.builder()
        .name(r.name())
        .solutionArn(r.solutionArn())
        .trainingMode(r.trainingModeAsString())
        .tags(tags(r.hasTags(), r.tags()))
        .build();
  }

  static CreateSolutionVersionResponse toSdk(
      org.openpersonalize.api.model.CreateSolutionVersionResponse r) {
    return CreateSolutionVersionResponse.builder()
        .solutionVersionArn(r.solutionVersionArn())
        .build();
  }

  static org.openpersonalize.api.model.DescribeSolutionVersionRequest toOurs(
      DescribeSolutionVersionRequest r) {
    return org.openpersonalize.api.model.DescribeSolutionVersionRequest.builder()
        .solutionVersionArn(r.solutionVersionArn())
        .build();
  }

  static TunedHPOParams toSdk(org.openpersonalize.api.model.TunedHPOParams p) {
    return p == null
        ? null
        : TunedHPOParams.builder()
            .algorithmHyperParameters(
                p.hasAlgorithmHyperParameters() ? p.algorithmHyperParameters() : null)
            .build();
  }

  static SolutionVersion toSdk(org.openpersonalize.api.model.SolutionVersion v) {
    return v == null
        ? null
        : SolutionVersion.builder()
            .name(v.name())
            .solutionVersionArn(v.solutionVersionArn())
            .solutionArn(v.solutionArn())
            .performHPO(v.performHPO())
            .performAutoML(v.performAutoML())
            .performIncrementalUpdate(v.performIncrementalUpdate())
            .recipeArn(v.recipeArn())
            .eventType(v.eventType())
            .datasetGroupArn(v.datasetGroupArn())
            .solutionConfig(toSdk(v.solutionConfig()))
            .trainingHours(v.trainingHours())
            .trainingMode(v.trainingModeAsString())
            .tunedHPOParams(toSdk(v.tunedHPOParams()))
            .status(v.status())
            .failureReason(v.failureReason())
            .creationDateTime(v.creationDateTime())
            .lastUpdatedDateTime(v.lastUpdatedDateTime())
            .trainingType(v.trainingTypeAsString())
            .build();
  }

  static DescribeSolutionVersionResponse toSdk(
      org.openpersonalize.api.model.DescribeSolutionVersionResponse r) {
    return DescribeSolutionVersionResponse.builder()
        .solutionVersion(toSdk(r.solutionVersion()))
        .build();
  }

  static org.openpersonalize.api.model.ListSolutionVersionsRequest toOurs(
      ListSolutionVersionsRequest r) {
    return org.openpersonalize.api.model.ListSolutionVersionsRequest.builder()
        .solutionArn(r.solutionArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static ListSolutionVersionsResponse toSdk(
      org.openpersonalize.api.model.ListSolutionVersionsResponse r) {
    return ListSolutionVersionsResponse.builder()
        .solutionVersions(
            r.hasSolutionVersions()
                ? each(r.solutionVersions(), PersonalizeConversions::toSdk)
                : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.StopSolutionVersionCreationRequest toOurs(
      StopSolutionVersionCreationRequest r) {
    return org.openpersonalize.api.model.StopSolutionVersionCreationRequest.builder()
        .solutionVersionArn(r.solutionVersionArn())
        .build();
  }

  static StopSolutionVersionCreationResponse toSdk(
      org.openpersonalize.api.model.StopSolutionVersionCreationResponse r) {
    return StopSolutionVersionCreationResponse.builder().build();
  }

  static org.openpersonalize.api.model.GetSolutionMetricsRequest toOurs(
      GetSolutionMetricsRequest r) {
    return org.openpersonalize.api.model.GetSolutionMetricsRequest.builder()
        .solutionVersionArn(r.solutionVersionArn())
        .build();
  }

  static GetSolutionMetricsResponse toSdk(
      org.openpersonalize.api.model.GetSolutionMetricsResponse r) {
    return GetSolutionMetricsResponse.builder()
        .solutionVersionArn(r.solutionVersionArn())
        .metrics(r.hasMetrics() ? r.metrics() : null)
        .build();
  }

  // ---- campaigns ------------------------------------------------------------------------------

  static org.openpersonalize.api.model.CampaignConfig toOurs(CampaignConfig c) {
    if (c == null) {
      return null;
    }
    Gaps.refuseIfSet("campaignConfig.rankingInfluence", c.rankingInfluenceAsStrings());
    return org.openpersonalize.api.model.CampaignConfig.builder()
        .itemExplorationConfig(c.hasItemExplorationConfig() ? c.itemExplorationConfig() : null)
        .enableMetadataWithRecommendations(c.enableMetadataWithRecommendations())
        .syncWithLatestSolutionVersion(c.syncWithLatestSolutionVersion())
        .build();
  }

  static CampaignConfig toSdk(org.openpersonalize.api.model.CampaignConfig c) {
    return c == null
        ? null
        : CampaignConfig.builder()
            .itemExplorationConfig(c.hasItemExplorationConfig() ? c.itemExplorationConfig() : null)
            .enableMetadataWithRecommendations(c.enableMetadataWithRecommendations())
            .syncWithLatestSolutionVersion(c.syncWithLatestSolutionVersion())
            .build();
  }

  static org.openpersonalize.api.model.CreateCampaignRequest toOurs(CreateCampaignRequest r) {
    return org.openpersonalize.api.model.CreateCampaignRequest.builder()
        .name(r.name())
        .solutionVersionArn(r.solutionVersionArn())
        .minProvisionedTPS(r.minProvisionedTPS())
        .campaignConfig(toOurs(r.campaignConfig()))
        .tags(tags(r.hasTags(), r.tags()))
        .build();
  }

  static CreateCampaignResponse toSdk(org.openpersonalize.api.model.CreateCampaignResponse r) {
    return CreateCampaignResponse.builder().campaignArn(r.campaignArn()).build();
  }

  static org.openpersonalize.api.model.DescribeCampaignRequest toOurs(DescribeCampaignRequest r) {
    return org.openpersonalize.api.model.DescribeCampaignRequest.builder()
        .campaignArn(r.campaignArn())
        .build();
  }

  static CampaignUpdateSummary toSdk(org.openpersonalize.api.model.CampaignUpdateSummary u) {
    return u == null
        ? null
        : CampaignUpdateSummary.builder()
            .solutionVersionArn(u.solutionVersionArn())
            .minProvisionedTPS(u.minProvisionedTPS())
            .campaignConfig(toSdk(u.campaignConfig()))
            .status(u.status())
            .failureReason(u.failureReason())
            .creationDateTime(u.creationDateTime())
            .lastUpdatedDateTime(u.lastUpdatedDateTime())
            .build();
  }

  static Campaign toSdk(org.openpersonalize.api.model.Campaign c) {
    return c == null
        ? null
        : Campaign.builder()
            .name(c.name())
            .campaignArn(c.campaignArn())
            .solutionVersionArn(c.solutionVersionArn())
            .minProvisionedTPS(c.minProvisionedTPS())
            .campaignConfig(toSdk(c.campaignConfig()))
            .status(c.status())
            .failureReason(c.failureReason())
            .creationDateTime(c.creationDateTime())
            .lastUpdatedDateTime(c.lastUpdatedDateTime())
            .latestCampaignUpdate(toSdk(c.latestCampaignUpdate()))
            .build();
  }

  static DescribeCampaignResponse toSdk(org.openpersonalize.api.model.DescribeCampaignResponse r) {
    return DescribeCampaignResponse.builder().campaign(toSdk(r.campaign())).build();
  }

  static org.openpersonalize.api.model.ListCampaignsRequest toOurs(ListCampaignsRequest r) {
    return org.openpersonalize.api.model.ListCampaignsRequest.builder()
        .solutionArn(r.solutionArn())
        .nextToken(r.nextToken())
        .maxResults(r.maxResults())
        .build();
  }

  static CampaignSummary toSdk(org.openpersonalize.api.model.CampaignSummary c) {
    return c == null
        ? null
        : CampaignSummary.builder()
            .name(c.name())
            .campaignArn(c.campaignArn())
            .status(c.status())
            .creationDateTime(c.creationDateTime())
            .lastUpdatedDateTime(c.lastUpdatedDateTime())
            .failureReason(c.failureReason())
            .build();
  }

  static ListCampaignsResponse toSdk(org.openpersonalize.api.model.ListCampaignsResponse r) {
    return ListCampaignsResponse.builder()
        .campaigns(r.hasCampaigns() ? each(r.campaigns(), PersonalizeConversions::toSdk) : null)
        .nextToken(r.nextToken())
        .build();
  }

  static org.openpersonalize.api.model.UpdateCampaignRequest toOurs(UpdateCampaignRequest r) {
    return org.openpersonalize.api.model.UpdateCampaignRequest.builder()
        .campaignArn(r.campaignArn())
        .solutionVersionArn(r.solutionVersionArn())
        .minProvisionedTPS(r.minProvisionedTPS())
        .campaignConfig(toOurs(r.campaignConfig()))
        .build();
  }

  static UpdateCampaignResponse toSdk(org.openpersonalize.api.model.UpdateCampaignResponse r) {
    return UpdateCampaignResponse.builder().campaignArn(r.campaignArn()).build();
  }

  static org.openpersonalize.api.model.DeleteCampaignRequest toOurs(DeleteCampaignRequest r) {
    return org.openpersonalize.api.model.DeleteCampaignRequest.builder()
        .campaignArn(r.campaignArn())
        .build();
  }

  static DeleteCampaignResponse toSdk(org.openpersonalize.api.model.DeleteCampaignResponse r) {
    return DeleteCampaignResponse.builder().build();
  }
}
