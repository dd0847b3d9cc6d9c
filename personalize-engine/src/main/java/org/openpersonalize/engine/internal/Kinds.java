package org.openpersonalize.engine.internal;

/** The resource kinds stored in the {@code resources} table; also the ARN resource-type segment. */
public final class Kinds {
  /** Dataset group. */
  public static final String DATASET_GROUP = "dataset-group";

  /** Schema. */
  public static final String SCHEMA = "schema";

  /** Dataset. */
  public static final String DATASET = "dataset";

  /** Dataset import job. */
  public static final String DATASET_IMPORT_JOB = "dataset-import-job";

  /** Event tracker. */
  public static final String EVENT_TRACKER = "event-tracker";

  /** Solution. */
  public static final String SOLUTION = "solution";

  /** Solution version; its ARN is {@code solution/<name>/<versionId>}. */
  public static final String SOLUTION_VERSION = "solution-version";

  /** Campaign. */
  public static final String CAMPAIGN = "campaign";

  /** Filter. */
  public static final String FILTER = "filter";

  private Kinds() {}
}
