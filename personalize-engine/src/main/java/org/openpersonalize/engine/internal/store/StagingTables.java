package org.openpersonalize.engine.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The staging tables of bulk imports. An import writes its rows into a temporary table of the
 * writer connection in short transactions, so PutEvents and other writes interleave with it, and
 * publishes them into the dataset's table in one transaction at the end. No other connection can
 * see a temporary table, and SQLite never syncs or checkpoints it, so staging costs no fsync and a
 * failed or killed import leaves no visible row: its table is dropped when the import fails, and
 * vanishes with the connection when the process dies (or when a storage fault replaces the writer
 * connection, which then fails the import).
 */
public final class StagingTables {
  /** The name prefix of every staging table; dataset tables start with {@code ds}. */
  static final String PREFIX = "stage_";

  private StagingTables() {}

  /**
   * The staging table of one import job: the dataset's layout under a name derived from the job's
   * ARN. Create it with {@link DatasetTable#createTemporary}.
   *
   * @param jobArn the import job's ARN
   * @param target the dataset's table
   * @return the staging table (not yet created)
   */
  public static DatasetTable forJob(String jobArn, DatasetTable target) {
    String id =
        UUID.nameUUIDFromBytes(jobArn.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    return new DatasetTable(PREFIX + id, target.schema());
  }
}
