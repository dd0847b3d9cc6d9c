package org.openpersonalize.engine.internal.store;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * Read-only connections to a durable store, lent to one reading thread at a time. SQLite's WAL
 * journal lets each of them read its own consistent snapshot while the writer writes, so reads
 * never wait for a write transaction, however long. At most {@code max} are open; a thread beyond
 * that waits for one to come back (reads are short, so the wait is too).
 */
final class ReaderPool {
  /** Opens a new reader connection. */
  interface Opener {
    Session open() throws SQLException;
  }

  private final Opener opener;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Session> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  ReaderPool(Opener opener, int max) {
    this.opener = opener;
    this.permits = new Semaphore(max);
  }

  /** A reader for the calling thread; give it back with {@link #release}. */
  Session borrow() throws SQLException {
    permits.acquireUninterruptibly();
    if (closed) {
      permits.release();
      throw new IllegalStateException("The store is closed");
    }
    // Most recently returned first: its statements and pages are the warmest.
    Session s = idle.pollFirst();
    if (s != null) {
      return s;
    }
    try {
      return opener.open();
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  void release(Session s) {
    if (closed || s.broken) {
      s.close();
    } else {
      idle.offerFirst(s);
      if (closed && idle.remove(s)) {
        s.close(); // close() ran between the check and the offer
      }
    }
    permits.release();
  }

  /** Closes idle readers now; readers still lent out close when they come back. */
  void close() {
    closed = true;
    Session s;
    while ((s = idle.pollFirst()) != null) {
      s.close();
    }
  }
}
