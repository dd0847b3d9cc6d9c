package org.openpersonalize.engine.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * How the store opens and ends its SQLite connections: the writer's and the readers' settings, and
 * the quiet rollbacks that must not hide the failure that caused them.
 */
final class Connections {
  private Connections() {}

  /**
   * Opens the writer connection.
   *
   * @param url the JDBC URL
   * @param durable whether the database is a file (WAL, {@code synchronous=FULL}) or in memory
   */
  static Connection openWriter(String url, boolean durable) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(Store.BUSY_TIMEOUT_MS);
    Connection c = config.createConnection(url);
    try (Statement s = c.createStatement()) {
      if (durable) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
      }
      s.execute("PRAGMA foreign_keys=ON");
      // 64 MiB page cache: bulk imports insert into B-trees keyed by user; a small cache thrashes.
      s.execute("PRAGMA cache_size=-65536");
      // Temporary B-trees of large statements (sorts, FULL imports' deletes) go to an unsynced
      // file rather than memory, so a large dataset does not have to fit in memory. Imports stage
      // in files of their own (StagingFile), not here.
      s.execute(durable ? "PRAGMA temp_store=FILE" : "PRAGMA temp_store=MEMORY");
      s.execute("PRAGMA temp.cache_size=-65536");
    } catch (SQLException | RuntimeException e) {
      closeAfter(c, e);
      throw e;
    }
    // Transactions are explicit (BEGIN IMMEDIATE / COMMIT / ROLLBACK) rather than the driver's
    // implicit ones: after SQLite rolls a transaction back by itself (SQLITE_FULL), the driver's
    // own bookkeeping would believe it still open and fail every later commit.
    return c;
  }

  /** Opens a read-only connection of a durable store. */
  static Connection openReader(String url) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(Store.BUSY_TIMEOUT_MS);
    Connection c = config.createConnection(url);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA cache_size=-8192");
      s.execute("PRAGMA temp_store=MEMORY");
      // One transaction per read(): the statements of one piece of work see one snapshot.
      c.setAutoCommit(false);
    } catch (SQLException | RuntimeException e) {
      closeAfter(c, e);
      throw e;
    }
    return c;
  }

  /** Imposes (or lifts) a simulated storage fault on the writer connection. */
  static void applyFault(Statement s, Store.Fault f) throws SQLException {
    // max_page_count below the current size is raised to it: no page can be added.
    s.execute("PRAGMA max_page_count=" + (f == Store.Fault.DISK_FULL ? 1 : 1073741823));
    s.execute("PRAGMA query_only=" + (f == Store.Fault.READ_ONLY ? 1 : 0));
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      execute(c, "ROLLBACK");
    } catch (SQLException e) {
      // SQLite already rolled back by itself (SQLITE_FULL, SQLITE_IOERR, ...): nothing is open.
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        cause.addSuppressed(e);
      }
    }
  }

  static void endReadQuietly(Session s, Throwable cause) {
    try {
      s.connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
      s.broken = true;
    }
  }

  private static void closeAfter(Connection c, Throwable cause) {
    try {
      c.close();
    } catch (SQLException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }
}
