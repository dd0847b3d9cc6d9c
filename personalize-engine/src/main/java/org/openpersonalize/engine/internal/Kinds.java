package org.openpersonalize.engine.internal;

import org.openpersonalize.engine.internal.resource.BatchInferenceJobRecord;
import org.openpersonalize.engine.internal.resource.CampaignRecord;
import org.openpersonalize.engine.internal.resource.DatasetGroupRecord;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.resource.EventTrackerRecord;
import org.openpersonalize.engine.internal.resource.FilterRecord;
import org.openpersonalize.engine.internal.resource.ImportJobRecord;
import org.openpersonalize.engine.internal.resource.RecommenderRecord;
import org.openpersonalize.engine.internal.resource.SchemaRecord;
import org.openpersonalize.engine.internal.resource.SegmentJobRecord;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.store.Kind;

/**
 * The resource kinds stored in the {@code resources} table, each with its record's decoder; the
 * kind's name is also the ARN resource-type segment.
 */
public final class Kinds {
  /** Dataset group. */
  public static final Kind<DatasetGroupRecord> DATASET_GROUP =
      new Kind<>("dataset-group", DatasetGroupRecord::decode);

  /** Schema. */
  public static final Kind<SchemaRecord> SCHEMA = new Kind<>("schema", SchemaRecord::decode);

  /** Dataset; its ARN is {@code dataset/<group name>/<TYPE>}. */
  public static final Kind<DatasetRecord> DATASET = new Kind<>("dataset", DatasetRecord::decode);

  /** Dataset import job. */
  public static final Kind<ImportJobRecord> DATASET_IMPORT_JOB =
      new Kind<>("dataset-import-job", ImportJobRecord::decode);

  /** Event tracker. */
  public static final Kind<EventTrackerRecord> EVENT_TRACKER =
      new Kind<>("event-tracker", EventTrackerRecord::decode);

  /** Solution. */
  public static final Kind<SolutionRecord> SOLUTION =
      new Kind<>("solution", SolutionRecord::decode);

  /** Solution version; its ARN is {@code solution/<name>/<versionId>}. */
  public static final Kind<SolutionVersionRecord> SOLUTION_VERSION =
      new Kind<>("solution-version", SolutionVersionRecord::decode);

  /** Campaign. */
  public static final Kind<CampaignRecord> CAMPAIGN =
      new Kind<>("campaign", CampaignRecord::decode);

  /** Filter. */
  public static final Kind<FilterRecord> FILTER = new Kind<>("filter", FilterRecord::decode);

  /** Batch inference job; its parent is the solution version. */
  public static final Kind<BatchInferenceJobRecord> BATCH_INFERENCE_JOB =
      new Kind<>("batch-inference-job", BatchInferenceJobRecord::decode);

  /** Recommender (a Domain dataset group's use case). */
  public static final Kind<RecommenderRecord> RECOMMENDER =
      new Kind<>("recommender", RecommenderRecord::decode);

  /** Batch segment job; its parent is the solution version. */
  public static final Kind<SegmentJobRecord> BATCH_SEGMENT_JOB =
      new Kind<>("batch-segment-job", SegmentJobRecord::decode);

  private Kinds() {}
}
