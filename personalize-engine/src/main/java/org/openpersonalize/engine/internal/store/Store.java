package org.openpersonalize.engine.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.openpersonalize.api.model.PersonalizeException;

/**
 * The embedded SQLite database behind one engine: one file {@code personalize.db} under the
 * engine's directory (WAL journal, {@code synchronous=FULL}, so a commit that returned survives a
 * killed process and a power cut), or SQLite's in-memory database for {@code inMemory()} — the same
 * SQL either way.
 *
 * <p>SQLite has one writer at a time, so the engine uses one connection guarded by a lock: every
 * unit of work runs inside {@link #inTransaction} or {@link #read}. A file lock on {@code .lock}
 * keeps a second process (or a second engine in this JVM) from opening the same directory.
 */
public final class Store implements AutoCloseable {
  /** The database file name under the engine directory. */
  public static final String DB_FILE = "personalize.db";

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final FileChannel lockChannel;
  private final FileLock fileLock;
  private final Path directory;

  /** Prepared statements by SQL, reused across transactions; guarded by {@link #lock}. */
  private final java.util.Map<String, java.sql.PreparedStatement> statements =
      new java.util.HashMap<>();

  private Store(Connection connection, FileChannel lockChannel, FileLock fileLock, Path directory) {
    this.connection = connection;
    this.lockChannel = lockChannel;
    this.fileLock = fileLock;
    this.directory = directory;
  }

  /**
   * Opens (creating if needed) the store in {@code dir}.
   *
   * @param dir the engine directory
   * @return the open store
   * @throws PersonalizeException if another process or engine holds the directory
   */
  public static Store open(Path dir) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock;
      try {
        fileLock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        fileLock = null;
      }
      if (fileLock == null) {
        channel.close();
        throw new PersonalizeException(
            "Directory "
                + dir.toAbsolutePath()
                + " is already open in another OpenPersonalize engine (this process or another);"
                + " close that engine first, or open a different directory");
      }
      Connection c =
          DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(DB_FILE).toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
      }
      Store store = new Store(c, channel, fileLock, dir);
      store.configure();
      return store;
    } catch (IOException | SQLException e) {
      closeQuietly(channel);
      throw new PersonalizeException(
          "Cannot open the OpenPersonalize store in " + dir.toAbsolutePath() + ": " + e, e);
    }
  }

  /**
   * Opens a store on SQLite's in-memory database; its contents go when it is closed.
   *
   * @return the open store
   */
  public static Store inMemory() {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
      Store store = new Store(c, null, null, null);
      store.configure();
      return store;
    } catch (SQLException e) {
      throw new PersonalizeException("Cannot open an in-memory SQLite database: " + e, e);
    }
  }

  private void configure() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA foreign_keys=ON");
      // 64 MiB page cache: bulk imports insert into B-trees keyed by user; a small cache thrashes.
      s.execute("PRAGMA cache_size=-65536");
      s.execute("PRAGMA temp_store=MEMORY");
    }
    connection.setAutoCommit(false);
    Schema.migrate(connection);
    connection.commit();
  }

  /** The engine directory, or null for an in-memory store. */
  public Path directory() {
    return directory;
  }

  /** Work on the connection inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @param c the connection, in a transaction
     * @return the result
     * @throws SQLException on a database error
     */
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. A
   * {@link PersonalizeException} from the work passes through unchanged; a database error becomes a
   * {@link PersonalizeException}.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T inTransaction(Work<T> work) {
    lock.lock();
    try {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        rollback(e);
        throw e;
      } catch (SQLException e) {
        rollback(e);
        throw new PersonalizeException("Database error: " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs read-only work; the same lock as writes, since the connection is shared.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T read(Work<T> work) {
    return inTransaction(work);
  }

  /**
   * A prepared statement for {@code sql}, compiled once and reused: SQLite's prepare costs several
   * times a small insert. Call only inside {@link #inTransaction} (the lock guards the cache);
   * never close the statement.
   *
   * @param c the connection of the current transaction
   * @param sql the statement
   * @return the cached statement
   * @throws SQLException if it cannot be prepared
   */
  public java.sql.PreparedStatement prepared(Connection c, String sql) throws SQLException {
    java.sql.PreparedStatement ps = statements.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = c.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Closes cached statements, e.g. after a table they use was dropped. Call under the lock. */
  public void forgetStatements() {
    for (java.sql.PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // A statement on a dropped table may fail to finalize cleanly; it is gone either way.
      }
    }
    statements.clear();
  }

  private void rollback(Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      forgetStatements();
      try {
        connection.close();
      } catch (SQLException e) {
        throw new PersonalizeException("Cannot close the database: " + e.getMessage(), e);
      } finally {
        if (fileLock != null) {
          try {
            fileLock.release();
          } catch (IOException ignored) {
            // The channel close below releases it too.
          }
        }
        closeQuietly(lockChannel);
      }
    } finally {
      lock.unlock();
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // Nothing useful to do: the lock dies with the process anyway.
      }
    }
  }
}
