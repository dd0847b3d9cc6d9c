package org.openpersonalize.engine.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One SQLite connection of the store with its own compiled statements: a statement belongs to the
 * connection that prepared it, so each connection keeps its own cache. Used by one thread at a time
 * (the writer under the store's lock, a reader while it is borrowed from the pool).
 */
final class Session {
  final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  /** The store's statement generation this cache was filled under; older caches are dropped. */
  long generation;

  /** Set after a storage failure: the connection is closed instead of being reused. */
  boolean broken;

  Session(Connection connection, long generation) {
    this.connection = connection;
    this.generation = generation;
  }

  PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  /** Drops the cache if the store's statements were invalidated since it was filled. */
  void sync(long storeGeneration) {
    if (generation != storeGeneration) {
      forget();
      generation = storeGeneration;
    }
  }

  void forget() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // A statement on a dropped table may fail to finalize cleanly; it is gone either way.
      }
    }
    statements.clear();
  }

  void close() {
    forget();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing after a storage failure may fail again; the handle is released regardless.
    }
  }
}
