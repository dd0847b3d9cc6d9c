package org.openpersonalize.engine.internal.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The staging tables of bulk imports. An import writes its rows into a table of its own in short
 * transactions, so PutEvents and other writes interleave with it, and publishes them into the
 * dataset's table in one transaction at the end. Nothing reads a staging table but its import, so a
 * failed or killed import leaves no visible row; its staging table is dropped when the import
 * fails, or when the engine next opens.
 */
public final class StagingTables {
  /** The name prefix of every staging table; dataset tables start with {@code ds}. */
  static final String PREFIX = "stage_";

  private StagingTables() {}

  /**
   * The staging table of one import job: the dataset's layout under a name derived from the job's
   * ARN, so a retried drop finds it again.
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

  /**
   * Drops the staging tables that imports left behind (the engine stopped while they ran). Call at
   * open, before any import runs.
   *
   * @param c the connection, in a write transaction
   * @return how many tables were dropped
   */
  public static int dropLeftovers(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, "
                    + PREFIX.length()
                    + ") = '"
                    + PREFIX
                    + "'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    try (Statement s = c.createStatement()) {
      for (String name : names) {
        s.execute("DROP TABLE IF EXISTS " + name);
      }
    }
    return names.size();
  }
}
