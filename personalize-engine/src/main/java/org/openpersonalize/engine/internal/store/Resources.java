package org.openpersonalize.engine.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.InvalidNextTokenException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.Tag;

/**
 * Reads and writes rows of the {@code resources} table; every method runs on a caller's
 * transaction.
 */
public final class Resources {
  /** Shared JSON mapper for attrs; thread-safe once configured. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private static final String COLUMNS =
      "arn, kind, name, parent_arn, status, failure_reason, created_ms, updated_ms, attrs, seq";

  private Resources() {}

  /** A page of a list call. */
  public record Page(List<Resource> items, String nextToken) {}

  /** Inserts a new resource. */
  public static void insert(Connection c, Resource r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO resources (arn, kind, name, parent_arn, status, failure_reason,"
                + " created_ms, updated_ms, attrs) VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, r.arn());
      ps.setString(2, r.kind());
      ps.setString(3, r.name());
      ps.setString(4, r.parentArn());
      ps.setString(5, r.status());
      ps.setString(6, r.failureReason());
      ps.setLong(7, r.created().toEpochMilli());
      ps.setLong(8, r.updated().toEpochMilli());
      ps.setString(9, write(r.attrs()));
      ps.executeUpdate();
    }
  }

  /** Replaces status, failure reason, update time and attrs of an existing resource. */
  public static void update(Connection c, Resource r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE resources SET status = ?, failure_reason = ?, updated_ms = ?, attrs = ?"
                + " WHERE arn = ?")) {
      ps.setString(1, r.status());
      ps.setString(2, r.failureReason());
      ps.setLong(3, r.updated().toEpochMilli());
      ps.setString(4, write(r.attrs()));
      ps.setString(5, r.arn());
      ps.executeUpdate();
    }
  }

  /** Deletes a resource row. */
  public static void delete(Connection c, String arn) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM resources WHERE arn = ?")) {
      ps.setString(1, arn);
      ps.executeUpdate();
    }
  }

  /** The resource with this ARN and kind, or null. */
  public static Resource find(Connection c, String kind, String arn) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM resources WHERE arn = ? AND kind = ?")) {
      ps.setString(1, arn);
      ps.setString(2, kind);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read(rs) : null;
      }
    }
  }

  /** The resource of this kind with this name, or null. */
  public static Resource findByName(Connection c, String kind, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM resources WHERE kind = ? AND name = ?")) {
      ps.setString(1, kind);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read(rs) : null;
      }
    }
  }

  /** The resource of this kind whose attribute {@code field} equals {@code value}, or null. */
  public static Resource findByAttr(Connection c, String kind, String field, String value)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM resources WHERE kind = ? AND json_extract(attrs, ?) = ? LIMIT 1")) {
      ps.setString(1, kind);
      ps.setString(2, "$." + field);
      ps.setString(3, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read(rs) : null;
      }
    }
  }

  /**
   * All resources of a kind under a parent (or all of the kind when parent is null), newest first.
   */
  public static List<Resource> children(Connection c, String kind, String parentArn)
      throws SQLException {
    return list(c, kind, parentArn, null, Integer.MAX_VALUE).items();
  }

  /** Counts resources of a kind with one of the given statuses. */
  public static int countWithStatus(Connection c, String kind, String... statuses)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT count(*) FROM resources WHERE kind = ? AND (");
    for (int i = 0; i < statuses.length; i++) {
      sql.append(i == 0 ? "status = ?" : " OR status = ?");
    }
    sql.append(')');
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.setString(1, kind);
      for (int i = 0; i < statuses.length; i++) {
        ps.setString(i + 2, statuses[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * One page of resources of a kind, newest first, optionally under one parent.
   *
   * @param nextToken the token of the previous page, or null for the first
   * @param maxResults the page size
   */
  public static Page list(
      Connection c, String kind, String parentArn, String nextToken, int maxResults)
      throws SQLException {
    long before = Long.MAX_VALUE;
    if (nextToken != null) {
      before = decodeToken(kind, parentArn, nextToken);
    }
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM resources WHERE kind = ? AND seq < ?"
            + (parentArn != null ? " AND parent_arn = ?" : "")
            + " ORDER BY seq DESC LIMIT ?";
    List<Resource> out = new ArrayList<>();
    long lastSeq = 0;
    boolean more = false;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, kind);
      ps.setLong(i++, before);
      if (parentArn != null) {
        ps.setString(i++, parentArn);
      }
      ps.setLong(i, maxResults == Integer.MAX_VALUE ? -1 : maxResults + 1L);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (out.size() == maxResults) {
            more = true;
            break;
          }
          out.add(read(rs));
          lastSeq = rs.getLong(10);
        }
      }
    }
    return new Page(out, more ? encodeToken(kind, parentArn, lastSeq) : null);
  }

  private static String encodeToken(String kind, String parentArn, long seq) {
    String raw = kind + "\n" + (parentArn == null ? "" : parentArn) + "\n" + seq;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static long decodeToken(String kind, String parentArn, String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split("\n", -1);
      if (parts.length == 3
          && parts[0].equals(kind)
          && parts[1].equals(parentArn == null ? "" : parentArn)) {
        return Long.parseLong(parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below: a token we did not issue.
    }
    throw new InvalidNextTokenException(
        "nextToken must be a token returned by the previous page of this same list; got: " + token);
  }

  /** Stores a request's tags under {@code tags}, if there are any. */
  public static void putTags(ObjectNode attrs, List<Tag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    ArrayNode a = attrs.putArray("tags");
    for (Tag t : tags) {
      a.addObject().put("tagKey", t.tagKey()).put("tagValue", t.tagValue());
    }
  }

  /** A JSON object of scalars as a string map in field order; a missing node gives an empty map. */
  public static java.util.Map<String, String> stringMap(com.fasterxml.jackson.databind.JsonNode o) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (var it = o.fields(); it.hasNext(); ) {
      var e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

  private static Resource read(ResultSet rs) throws SQLException {
    try {
      return new Resource(
          rs.getString(1),
          rs.getString(2),
          rs.getString(3),
          rs.getString(4),
          rs.getString(5),
          rs.getString(6),
          Instant.ofEpochMilli(rs.getLong(7)),
          Instant.ofEpochMilli(rs.getLong(8)),
          (ObjectNode) JSON.readTree(rs.getString(9)));
    } catch (JsonProcessingException | ClassCastException e) {
      throw new PersonalizeException(
          "The store is damaged: resource " + rs.getString(1) + " has unreadable attributes", e);
    }
  }

  private static String write(ObjectNode attrs) {
    try {
      return JSON.writeValueAsString(attrs);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("Cannot store attributes: " + e.getMessage(), e);
    }
  }
}
