package org.openpersonalize.engine.internal.store;

import static org.openpersonalize.engine.internal.store.Connections.endReadQuietly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.PersonalizeException;

/**
 * The embedded SQLite database behind one engine: one file {@code personalize.db} under the
 * engine's directory (WAL journal, {@code synchronous=FULL}, so a commit that returned survives a
 * killed process and a power cut), or SQLite's in-memory database for {@code inMemory()} — the same
 * SQL either way.
 *
 * <p>Writes: SQLite has one writer at a time, so every write runs inside {@link #inTransaction} on
 * the one writer connection, guarded by a lock, as one {@code BEGIN IMMEDIATE} ... {@code COMMIT}
 * transaction that commits whole or leaves nothing — also when the disk is full or the file turned
 * read-only. After such a storage failure the writer connection is replaced at the next write, so
 * the engine resumes by itself once the cause is gone.
 *
 * <p>Reads: {@link #read} runs on one of a small pool of read-only connections (durable stores),
 * each reading its own WAL snapshot, so a read never waits for a write — not even a whole bulk
 * import. Work that reads inside a write transaction on the same thread reads the writer's own
 * connection (it sees its uncommitted rows). The in-memory store has only the writer connection
 * ({@code docs/decisions.md} says why).
 *
 * <p>A busy timeout of {@link #BUSY_TIMEOUT_MS} makes a short lock held by another process (a
 * {@code sqlite3} shell) wait instead of failing. A file lock on {@code .lock} keeps a second
 * process (or a second engine in this JVM) from opening the same directory. Database errors leave
 * the store as {@link InternalFailureException}s that say what failed and what to do.
 */
public final class Store implements AutoCloseable {
  /** The database file name under the engine directory. */
  public static final String DB_FILE = "personalize.db";

  /** How long a statement waits for a lock held by another connection before it fails. */
  public static final int BUSY_TIMEOUT_MS = 5000;

  /** Read connections of a durable store; more reading threads than this take turns. */
  static final int MAX_READERS = 8;

  /** A storage condition the fault-injection tests impose on the writer connection. */
  public enum Fault {
    /** No injected fault. */
    NONE,
    /** Writes that need a new database page fail with SQLite's {@code SQLITE_FULL}. */
    DISK_FULL,
    /** Every write fails with SQLite's {@code SQLITE_READONLY}. */
    READ_ONLY
  }

  private final String url;
  private final Path directory;
  private final DirectoryLock fileLock;
  private final ReaderPool readers;
  private final ThreadLocal<Session> currentReader = new ThreadLocal<>();
  private final StoreWriter writer;

  /** Bumped by {@link #forgetStatements}; reader caches older than this are dropped. */
  private volatile long statementGeneration;

  private Store(String url, Path directory, DirectoryLock fileLock) {
    this.url = url;
    this.directory = directory;
    this.fileLock = fileLock;
    this.readers = directory == null ? null : new ReaderPool(this::openReader, MAX_READERS);
    this.writer = new StoreWriter(url, directory, () -> statementGeneration);
  }

  /**
   * Opens (creating if needed) the store in {@code dir}.
   *
   * @param dir the engine directory
   * @return the open store
   * @throws PersonalizeException if another process or engine holds the directory
   */
  public static Store open(Path dir) {
    DirectoryLock fileLock = null;
    Store store = null;
    try {
      Files.createDirectories(dir);
      fileLock = DirectoryLock.acquire(dir);
      store = new Store("jdbc:sqlite:" + dir.resolve(DB_FILE).toAbsolutePath(), dir, fileLock);
      store.start();
      return store;
    } catch (IOException | SQLException | RuntimeException e) {
      // Nothing of a failed open may stay open: no connection, no lock, no file descriptor.
      if (store != null) {
        store.closeQuietly();
      } else if (fileLock != null) {
        fileLock.release();
      }
      if (e instanceof PersonalizeException pe) {
        throw pe;
      }
      throw new InternalFailureException(
          "Cannot open the OpenPersonalize store in "
              + dir.toAbsolutePath()
              + "; check that the directory exists or can be created, is writable by this process"
              + " and holds an OpenPersonalize database, then open it again: "
              + e,
          false,
          e);
    }
  }

  /**
   * Opens a store on SQLite's in-memory database; its contents go when it is closed.
   *
   * @return the open store
   */
  public static Store inMemory() {
    Store store = new Store("jdbc:sqlite::memory:", null, null);
    try {
      store.start();
      return store;
    } catch (SQLException e) {
      store.closeQuietly();
      throw new InternalFailureException(
          "Cannot open an in-memory SQLite database (is the JVM out of memory, or the SQLite"
              + " native library missing for this platform?): "
              + e,
          false,
          e);
    }
  }

  private void start() throws SQLException {
    writer.start();
  }

  private Session openReader() throws SQLException {
    return new Session(Connections.openReader(url), statementGeneration);
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
   * Runs {@code work} in one write transaction: committed if it returns, rolled back if it throws.
   * A {@link PersonalizeException} from the work passes through unchanged; a database error becomes
   * an {@link InternalFailureException}. A call made inside another {@code inTransaction} on the
   * same thread joins that transaction.
   *
   * @param work the work
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T inTransaction(Work<T> work) {
    return writer.inTransaction(work);
  }

  /**
   * Runs {@code work} in one write transaction, as {@link #inTransaction}, with a database file
   * attached to the writer connection under {@code schema} for the duration of that transaction
   * only (an import's {@link StagingFile}, which the work reads to publish). Reader connections
   * never see the file. Must not be called inside another write transaction.
   *
   * @param staged the staging file to attach
   * @param work the work; it names the file's tables through {@link StagingFile}
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T inTransactionWith(StagingFile staged, Work<T> work) {
    return writer.inTransactionWith(staged.file(), StagingFile.SCHEMA, work);
  }

  /**
   * Runs read-only work on a consistent snapshot without waiting for writers: on a read-only
   * connection of its own (durable store), or inside the caller's write transaction when called
   * from one, or under the writer's lock (in-memory store). A database error becomes an {@link
   * InternalFailureException}.
   *
   * @param work the work; it must not write
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T read(Work<T> work) {
    if (readers == null || writer.inTransactionOnThisThread()) {
      return inTransaction(work);
    }
    Session nested = currentReader.get();
    if (nested != null) {
      try {
        return work.run(nested.connection);
      } catch (SQLException e) {
        throw StoreErrors.translate(e, false, directory);
      }
    }
    Session s;
    try {
      s = readers.borrow();
    } catch (SQLException e) {
      throw StoreErrors.translate(e, false, directory);
    }
    s.sync(statementGeneration);
    currentReader.set(s);
    Connection c = s.connection;
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException e) {
      endReadQuietly(s, e);
      s.broken = StoreErrors.isStorageFault(e);
      throw StoreErrors.translate(e, false, directory);
    } catch (RuntimeException | Error e) {
      endReadQuietly(s, e);
      throw e;
    } finally {
      currentReader.remove();
      readers.release(s);
    }
  }

  /** Attempts of {@link #writeWithRetry}: pauses of 0.1 s doubling up to 5 s, about 40 s in all. */
  static final int RETRY_ATTEMPTS = 12;

  /**
   * Runs a write that must outlive a passing storage failure — the status a background job records
   * at its end — retrying it with growing pauses (0.1 s, doubling to 5 s; about 40 s in all) while
   * the store fails with an {@link InternalFailureException}. It never throws for a failure of the
   * store, so the worker that calls it survives.
   *
   * @param work the write
   * @param stop asked before each new attempt; true gives up (e.g. the engine is closing)
   * @return true if the write committed; false if it gave up, leaving the resource's earlier status
   *     (an unfinished job is then marked failed when the engine next opens)
   */
  public boolean writeWithRetry(Work<?> work, java.util.function.BooleanSupplier stop) {
    long pause = 100;
    for (int attempt = 1; ; attempt++) {
      try {
        inTransaction(work);
        return true;
      } catch (InternalFailureException | IllegalStateException e) {
        if (attempt >= RETRY_ATTEMPTS || writer.closed() || stop.getAsBoolean()) {
          return false;
        }
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      pause = Math.min(pause * 2, 5000);
    }
  }

  /**
   * A prepared statement for {@code sql} on {@code c}, compiled once per connection and reused:
   * SQLite's prepare costs several times a small insert. Call only inside {@link #inTransaction} or
   * {@link #read}, with the connection it passed; never close the statement.
   *
   * @param c the connection of the current transaction or read
   * @param sql the statement
   * @return the cached statement
   * @throws SQLException if it cannot be prepared
   */
  public PreparedStatement prepared(Connection c, String sql) throws SQLException {
    Session reader = currentReader.get();
    if (reader != null && reader.connection == c) {
      return reader.prepared(sql);
    }
    Session w = writer.sessionOf(c);
    if (w != null) {
      return w.prepared(sql);
    }
    throw new IllegalStateException(
        "prepared() needs the connection of the calling thread's current transaction");
  }

  /**
   * Closes cached statements of every connection, e.g. after a table they use was dropped. Call
   * inside {@link #inTransaction}; readers drop theirs when next lent out.
   */
  public void forgetStatements() {
    statementGeneration++;
    writer.forgetStatements(statementGeneration);
  }

  /**
   * Imposes a storage condition on the writer connection, from the start of the write transaction
   * after the next {@code afterCommits} commits, and on every reopened connection, until {@link
   * Fault#NONE} lifts it: the fault-injection tests' stand-in for a full disk or a read-only file,
   * failing with SQLite's own error codes on the real write path. Waits for a running write.
   *
   * @param f the condition
   * @param afterCommits how many write transactions may still commit before it applies
   */
  public void simulateFault(Fault f, int afterCommits) {
    writer.simulateFault(f, afterCommits);
  }

  /**
   * Whether a write transaction is running at this moment, e.g. a bulk import: lets the concurrency
   * tests show, by ordering rather than by clock, that reads complete meanwhile.
   *
   * @return true while the writer's lock is held
   */
  public boolean writing() {
    return writer.writing();
  }

  /**
   * How many write transactions failed on a database error since the store opened (they were rolled
   * back): a health figure, and how the fault tests know a failure happened.
   *
   * @return the count
   */
  public long failedWrites() {
    return writer.failedWrites();
  }

  @Override
  public void close() {
    boolean closedNow = false;
    try {
      closedNow =
          writer.close(
              () -> {
                if (readers != null) {
                  readers.close();
                }
              });
    } catch (SQLException e) {
      closedNow = true;
      throw new InternalFailureException(
          "Cannot close the database cleanly ("
              + e.getMessage()
              + "); everything acknowledged is stored, and the next open recovers the"
              + " write-ahead log",
          false,
          e);
    } finally {
      if (closedNow) {
        releaseFileLock();
      }
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException ignored) {
      // Only called on a failed open, whose own error is the one to report.
    }
  }

  private void releaseFileLock() {
    if (fileLock != null) {
      fileLock.release();
    }
  }
}
