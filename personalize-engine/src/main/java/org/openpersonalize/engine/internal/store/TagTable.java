package org.openpersonalize.engine.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.openpersonalize.api.model.Tag;

/**
 * The tags of every resource, in their own table keyed by ARN: TagResource, UntagResource and
 * ListTagsForResource work on any kind stored in {@code resources} without knowing its record, and
 * a background worker that rewrites a record it read earlier (a training job updating its version)
 * cannot undo a tag change made meanwhile. Tags given at create arrive through {@link
 * Resources#insert} and leave with {@link Resources#delete}.
 */
public final class TagTable {
  private TagTable() {}

  /** Store version 2: the table, filled from the tags records kept in their attributes. */
  static void create(Statement s) throws SQLException {
    s.execute(
        "CREATE TABLE IF NOT EXISTS resource_tags ("
            + " arn TEXT NOT NULL,"
            + " tag_key TEXT NOT NULL,"
            + " tag_value TEXT NOT NULL,"
            + " seq INTEGER NOT NULL,"
            + " PRIMARY KEY (arn, tag_key))");
    // Before version 2 the create-time tags lived only in attrs.tags; copy them so that a store
    // written by an older version lists them too.
    s.execute(
        "INSERT OR IGNORE INTO resource_tags (arn, tag_key, tag_value, seq)"
            + " SELECT r.arn, json_extract(t.value, '$.tagKey'), json_extract(t.value,"
            + " '$.tagValue'), t.key FROM resources r, json_each(r.attrs, '$.tags') t");
  }

  /** The tags of a resource, in the order their keys were first added. */
  public static List<Tag> list(Connection c, String arn) throws SQLException {
    List<Tag> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT tag_key, tag_value FROM resource_tags WHERE arn = ? ORDER BY seq, tag_key")) {
      ps.setString(1, arn);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Tag.builder().tagKey(rs.getString(1)).tagValue(rs.getString(2)).build());
        }
      }
    }
    return out;
  }

  /** Adds tags, replacing the value of a key the resource already has (keeping its place). */
  public static void put(Connection c, String arn, List<Tag> tags) throws SQLException {
    long next;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT coalesce(max(seq) + 1, 0) FROM resource_tags WHERE arn = ?")) {
      ps.setString(1, arn);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        next = rs.getLong(1);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO resource_tags (arn, tag_key, tag_value, seq) VALUES (?,?,?,?)"
                + " ON CONFLICT (arn, tag_key) DO UPDATE SET tag_value = excluded.tag_value")) {
      for (Tag t : tags) {
        ps.setString(1, arn);
        ps.setString(2, t.tagKey());
        ps.setString(3, t.tagValue());
        ps.setLong(4, next++);
        ps.executeUpdate();
      }
    }
  }

  /** Removes the tags with these keys; keys the resource does not have are ignored. */
  public static void remove(Connection c, String arn, List<String> keys) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM resource_tags WHERE arn = ? AND tag_key = ?")) {
      for (String k : keys) {
        ps.setString(1, arn);
        ps.setString(2, k);
        ps.executeUpdate();
      }
    }
  }

  /** Removes every tag of a resource (it is being deleted). */
  static void removeAll(Connection c, String arn) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM resource_tags WHERE arn = ?")) {
      ps.setString(1, arn);
      ps.executeUpdate();
    }
  }

  /** The kind of the stored resource with this ARN, or null when there is none. */
  public static String kindOf(Connection c, String arn) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT kind FROM resources WHERE arn = ?")) {
      ps.setString(1, arn);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
