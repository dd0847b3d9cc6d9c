package org.openpersonalize.engine.internal.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.openpersonalize.api.model.InternalFailureException;

/**
 * Turns SQLite's errors into the one documented exception for failures on the engine's side, {@link
 * InternalFailureException}, with a message that says what failed, what was kept and what to do;
 * SQLite's own text is kept as the cause and quoted at the end, never alone.
 */
final class StoreErrors {
  // SQLite primary result codes (https://sqlite.org/rescode.html); sqlite-jdbc reports the
  // primary code as the vendor code of its SQLException.
  static final int BUSY = 5;
  static final int LOCKED = 6;
  static final int NOMEM = 7;
  static final int READONLY = 8;
  static final int IOERR = 10;
  static final int CORRUPT = 11;
  static final int FULL = 13;
  static final int CANTOPEN = 14;
  static final int PROTOCOL = 15;
  static final int NOTADB = 26;

  private StoreErrors() {}

  /** The primary SQLite result code of an error, or -1 if it carries none. */
  static int code(SQLException e) {
    int code = e.getErrorCode();
    return code <= 0 ? -1 : code & 0xff;
  }

  /**
   * Whether the error comes from the storage under the connection (disk, file, permissions) rather
   * than from the SQL: after one the writer connection is replaced, so that a connection that
   * SQLite opened read-only, or left in a doubtful state, does not outlive the cause.
   */
  static boolean isStorageFault(SQLException e) {
    return switch (code(e)) {
      case NOMEM, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, PROTOCOL, NOTADB -> true;
      default -> false;
    };
  }

  /**
   * The exception for a failed read or write.
   *
   * @param e the SQLite error
   * @param write whether a write transaction failed (it was rolled back)
   * @param directory the engine directory, or null for an in-memory store
   */
  static InternalFailureException translate(SQLException e, boolean write, Path directory) {
    String where =
        directory == null ? "the in-memory database" : "the store in " + directory.toAbsolutePath();
    String what =
        write
            ? "Could not write to " + where + "; nothing of this call was stored"
            : "Could not read from " + where;
    String why;
    String todo;
    boolean retryable = false;
    switch (code(e)) {
      case FULL -> {
        why = "the disk (or the database's size limit) is full";
        todo =
            "free disk space and retry the call; the engine resumes writing by itself, no restart"
                + " needed";
      }
      case READONLY -> {
        why = "the database file or its directory is read-only";
        todo =
            "make the directory and its files writable by this process and retry; the engine"
                + " resumes writing by itself";
      }
      case BUSY, LOCKED -> {
        why =
            "another connection held a lock on the database for longer than "
                + Store.BUSY_TIMEOUT_MS
                + " ms (for example a sqlite3 shell inside a write transaction)";
        todo = "end that transaction and retry the call";
        retryable = true;
      }
      case IOERR, CANTOPEN -> {
        why = "the operating system reported an I/O error";
        todo = "check the disk, the file system and the permissions of the directory, then retry";
      }
      case CORRUPT, NOTADB -> {
        why = "the database file is damaged";
        todo =
            "restore the directory from a backup; `sqlite3 personalize.db \"PRAGMA"
                + " integrity_check\"` shows the damage";
      }
      case NOMEM -> {
        why = "SQLite ran out of memory";
        todo = "give the JVM process more memory and retry";
        retryable = true;
      }
      default -> {
        why = "the database refused the statement";
        todo = "this is a defect in OpenPersonalize; please report it with this message";
      }
    }
    return new InternalFailureException(
        what + ": " + why + ". To fix: " + todo + ". (SQLite: " + e.getMessage() + ")",
        retryable,
        e);
  }
}
