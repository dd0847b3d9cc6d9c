package org.openpersonalize.engine.internal.store;

import static org.openpersonalize.engine.internal.store.Connections.applyFault;
import static org.openpersonalize.engine.internal.store.Connections.execute;
import static org.openpersonalize.engine.internal.store.Connections.rollbackQuietly;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The store's one writer connection and its lock: every write transaction ({@code BEGIN IMMEDIATE}
 * ... {@code COMMIT}), the replacement of the connection after a storage failure, and the storage
 * faults the tests impose on it. {@link Store} routes writes here and reads to its reader pool.
 */
final class StoreWriter {
  private final String url;
  private final Path directory;
  private final LongSupplier generation;
  private final ReentrantLock lock = new ReentrantLock();

  /** The writer; null after a storage failure until the next write reopens it. Under the lock. */
  private Session writer;

  /** How deep the lock holder is in nested {@link #inTransaction} calls. Under the lock. */
  private int depth;

  /**
   * The injected condition, the commits still let through before it applies, and what the current
   * writer connection has applied. Under the lock.
   */
  private Store.Fault fault = Store.Fault.NONE;

  private int faultDelay;
  private Store.Fault applied = Store.Fault.NONE;

  private final AtomicLong failedWrites = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param url the JDBC URL
   * @param directory the engine directory, null for an in-memory database
   * @param generation the store's current statement generation
   */
  StoreWriter(String url, Path directory, LongSupplier generation) {
    this.url = url;
    this.directory = directory;
    this.generation = generation;
  }

  /** Opens the writer connection and brings the schema up to date. */
  void start() throws SQLException {
    lock.lock();
    try {
      writer = new Session(openWriter(), generation.getAsLong());
      Connection c = writer.connection;
      execute(c, "BEGIN IMMEDIATE");
      try {
        Schema.migrate(c);
        execute(c, "COMMIT");
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private Connection openWriter() throws SQLException {
    return Connections.openWriter(url, directory != null);
  }

  /** See {@link Store#inTransaction}. */
  <T> T inTransaction(Store.Work<T> work) {
    lock.lock();
    try {
      if (depth > 0) {
        depth++;
        try {
          return work.run(writer.connection);
        } catch (SQLException e) {
          throw StoreErrors.translate(e, true, directory);
        } finally {
          depth--;
        }
      }
      Session w = writer();
      Connection c = w.connection;
      try {
        if (faultDelay == 0 && applied != fault) {
          try (Statement s = c.createStatement()) {
            applyFault(s, fault);
          }
          applied = fault;
        }
        execute(c, "BEGIN IMMEDIATE");
      } catch (SQLException e) {
        failedWrites.incrementAndGet();
        recover(w, e);
        throw StoreErrors.translate(e, true, directory);
      }
      depth = 1;
      try {
        T result = work.run(c);
        execute(c, "COMMIT");
        if (faultDelay > 0) {
          faultDelay--;
        }
        return result;
      } catch (SQLException e) {
        failedWrites.incrementAndGet();
        rollbackQuietly(c, e);
        recover(w, e);
        throw StoreErrors.translate(e, true, directory);
      } catch (RuntimeException | Error e) {
        rollbackQuietly(c, e);
        if (e.getCause() instanceof SQLException sql) {
          recover(w, sql);
        }
        throw e;
      } finally {
        depth = 0;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * See {@link Store#inTransactionWith}: SQLite attaches a database only outside a transaction, so
   * the file is attached before {@code BEGIN} and detached after the commit or rollback, all under
   * the lock, so no other write ever runs with it attached.
   */
  <T> T inTransactionWith(Path file, String schema, Store.Work<T> work) {
    lock.lock();
    try {
      if (depth > 0) {
        throw new IllegalStateException("A file cannot be attached inside a write transaction");
      }
      Session w = writer();
      try (PreparedStatement ps = w.connection.prepareStatement("ATTACH DATABASE ? AS " + schema)) {
        ps.setString(1, file.toAbsolutePath().toString());
        ps.execute();
      } catch (SQLException e) {
        throw StoreErrors.translate(e, true, directory);
      }
      try {
        return inTransaction(work);
      } finally {
        // A storage fault may have retired the connection; it took the attachment with it.
        if (writer == w) {
          try {
            execute(w.connection, "DETACH DATABASE " + schema);
          } catch (SQLException e) {
            // Left attached, the next publish's ATTACH would fail: retire the connection instead.
            w.close();
            writer = null;
          }
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether the calling thread is inside a write transaction. */
  boolean inTransactionOnThisThread() {
    return lock.isHeldByCurrentThread() && depth > 0;
  }

  /** The writer's session if {@code c} is its connection and this thread holds the lock. */
  Session sessionOf(Connection c) {
    return lock.isHeldByCurrentThread() && writer != null && writer.connection == c ? writer : null;
  }

  /** Drops the writer's cached statements; see {@link Store#forgetStatements}. */
  void forgetStatements(long newGeneration) {
    if (writer != null) {
      writer.forget();
      writer.generation = newGeneration;
    }
  }

  /** See {@link Store#simulateFault}. */
  void simulateFault(Store.Fault f, int afterCommits) {
    lock.lock();
    try {
      fault = f;
      faultDelay = afterCommits;
    } finally {
      lock.unlock();
    }
  }

  boolean writing() {
    return lock.isLocked();
  }

  long failedWrites() {
    return failedWrites.get();
  }

  boolean closed() {
    return closed;
  }

  /** The writer connection, reopened if a storage failure closed it. Under the lock. */
  private Session writer() {
    if (closed) {
      throw new IllegalStateException("The store is closed");
    }
    if (writer == null) {
      try {
        writer = new Session(openWriter(), generation.getAsLong());
        applied = Store.Fault.NONE;
      } catch (SQLException e) {
        throw StoreErrors.translate(e, true, directory);
      }
    }
    writer.sync(generation.getAsLong());
    return writer;
  }

  /**
   * After a failed write: a storage fault retires the writer connection (a file SQLite opened
   * read-only stays read-only for that connection), so the next write starts on a fresh one. The
   * in-memory database lives in its connection, so there the rollback alone must do.
   */
  private void recover(Session w, SQLException e) {
    if (directory != null && StoreErrors.isStorageFault(e) && writer == w) {
      w.close();
      writer = null;
    }
  }

  /**
   * Closes the writer connection once no write runs, after {@code first} (run under the lock).
   *
   * @return false if it was already closed (then {@code first} did not run)
   */
  boolean close(Runnable first) throws SQLException {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      first.run();
      Session w = writer;
      writer = null;
      if (w != null) {
        w.forget();
        w.connection.close();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
