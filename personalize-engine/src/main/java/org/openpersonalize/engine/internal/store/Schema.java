package org.openpersonalize.engine.internal.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.openpersonalize.api.model.InternalFailureException;

/**
 * The store's own tables and their version. Dataset tables are created per dataset by {@link
 * DatasetTables}; this class owns the fixed ones.
 */
final class Schema {
  /** Bumped whenever the fixed tables change; older databases are migrated in {@link #migrate}. */
  static final int VERSION = 2;

  private Schema() {}

  static void migrate(Connection c) throws SQLException {
    int version;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      version = rs.next() ? rs.getInt(1) : 0;
    }
    if (version > VERSION) {
      throw new InternalFailureException(
          "The database was written by a newer OpenPersonalize (store version "
              + version
              + "); this version reads store versions up to "
              + VERSION
              + ": open it with that newer version, or use another directory",
          false,
          null);
    }
    if (version == VERSION) {
      return;
    }
    try (Statement s = c.createStatement()) {
      if (version < 1) {
        createResources(s);
      }
      if (version < 2) {
        TagTable.create(s);
      }
      s.execute("PRAGMA user_version=" + VERSION);
    }
  }

  /** Version 1: the resources table. */
  private static void createResources(Statement s) throws SQLException {
    // Every resource (dataset group, schema, dataset, job, tracker, ...) is one row; the fields
    // that differ per kind live in attrs as JSON, so new kinds need no migration.
    s.execute(
        "CREATE TABLE IF NOT EXISTS resources ("
            + " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " arn TEXT NOT NULL UNIQUE,"
            + " kind TEXT NOT NULL,"
            + " name TEXT NOT NULL,"
            + " parent_arn TEXT,"
            + " status TEXT,"
            + " failure_reason TEXT,"
            + " created_ms INTEGER NOT NULL,"
            + " updated_ms INTEGER NOT NULL,"
            + " attrs TEXT NOT NULL)");
    s.execute("CREATE INDEX IF NOT EXISTS resources_kind ON resources(kind, seq)");
    s.execute("CREATE INDEX IF NOT EXISTS resources_parent ON resources(parent_arn, kind)");
  }
}
