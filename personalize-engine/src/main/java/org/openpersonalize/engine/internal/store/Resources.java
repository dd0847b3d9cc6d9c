package org.openpersonalize.engine.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.InvalidNextTokenException;
import org.openpersonalize.api.model.PersonalizeException;
import org.openpersonalize.api.model.Tag;
import org.openpersonalize.engine.internal.Status;

/**
 * Reads and writes typed resources in the {@code resources} table: shared columns plus a JSON
 * object of the kind's own fields, encoded by the record and decoded by its {@link Kind}. Every
 * method runs on a caller's connection and transaction.
 */
public final class Resources {
  /** Shared JSON mapper for attributes; thread-safe once configured. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private static final String COLUMNS =
      "arn, kind, name, parent_arn, status, failure_reason, created_ms, updated_ms, attrs, seq";

  private Resources() {}

  /**
   * A page of a list call.
   *
   * @param items the resources, newest first
   * @param nextToken the token of the next page, or null on the last
   * @param <T> the kind's record
   */
  public record Page<T>(List<T> items, String nextToken) {}

  /** Inserts a new resource. */
  public static void insert(Connection c, Resource r) throws SQLException {
    Header h = r.meta();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO resources (arn, kind, name, parent_arn, status, failure_reason,"
                + " created_ms, updated_ms, attrs) VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, h.arn());
      ps.setString(2, r.kind().name());
      ps.setString(3, h.name());
      ps.setString(4, h.parentArn());
      ps.setString(5, h.status().toString());
      ps.setString(6, h.failureReason());
      ps.setLong(7, h.created().toEpochMilli());
      ps.setLong(8, h.updated().toEpochMilli());
      ps.setString(9, write(r.attributes()));
      ps.executeUpdate();
    }
    // Every kind that stores create-time tags with putTags gets them listed, by construction.
    List<Tag> tags = tags(r.attributes());
    if (!tags.isEmpty()) {
      TagTable.put(c, h.arn(), tags);
    }
  }

  /**
   * Inserts a new resource with the tags its create request gave, for a record that does not keep
   * them in its own attributes.
   */
  public static void insert(Connection c, Resource r, List<Tag> tags) throws SQLException {
    insert(c, r);
    if (!tags.isEmpty()) {
      TagTable.put(c, r.meta().arn(), tags);
    }
  }

  /** Replaces status, failure reason, update time and attributes of an existing resource. */
  public static void update(Connection c, Resource r) throws SQLException {
    Header h = r.meta();
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE resources SET status = ?, failure_reason = ?, updated_ms = ?, attrs = ?"
                + " WHERE arn = ?")) {
      ps.setString(1, h.status().toString());
      ps.setString(2, h.failureReason());
      ps.setLong(3, h.updated().toEpochMilli());
      ps.setString(4, write(r.attributes()));
      ps.setString(5, h.arn());
      ps.executeUpdate();
    }
  }

  /** Deletes a resource row. */
  public static void delete(Connection c, String arn) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM resources WHERE arn = ?")) {
      ps.setString(1, arn);
      ps.executeUpdate();
    }
    TagTable.removeAll(c, arn);
  }

  /** The resource of this kind with this ARN, or null. */
  public static <T extends Resource> T find(Connection c, Kind<T> kind, String arn)
      throws SQLException {
    return one(c, kind, "arn = ?", arn);
  }

  /** The resource of this kind with this name, or null. */
  public static <T extends Resource> T findByName(Connection c, Kind<T> kind, String name)
      throws SQLException {
    return one(c, kind, "name = ?", name);
  }

  /** A resource of this kind whose stored attribute {@code field} equals {@code value}, or null. */
  public static <T extends Resource> T findByAttr(
      Connection c, Kind<T> kind, String field, String value) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM resources WHERE kind = ? AND json_extract(attrs, ?) = ? LIMIT 1")) {
      ps.setString(1, kind.name());
      ps.setString(2, "$." + field);
      ps.setString(3, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read(kind, rs) : null;
      }
    }
  }

  private static <T extends Resource> T one(Connection c, Kind<T> kind, String where, String v)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM resources WHERE kind = ? AND " + where)) {
      ps.setString(1, kind.name());
      ps.setString(2, v);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? read(kind, rs) : null;
      }
    }
  }

  /** All resources of a kind under a parent (or all of the kind when null), newest first. */
  public static <T extends Resource> List<T> children(Connection c, Kind<T> kind, String parentArn)
      throws SQLException {
    return list(c, kind, parentArn, null, Integer.MAX_VALUE).items();
  }

  /** Counts resources of a kind with one of the given statuses. */
  public static int countWithStatus(Connection c, Kind<?> kind, Status... statuses)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT count(*) FROM resources WHERE kind = ? AND (");
    for (int i = 0; i < statuses.length; i++) {
      sql.append(i == 0 ? "status = ?" : " OR status = ?");
    }
    sql.append(')');
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.setString(1, kind.name());
      for (int i = 0; i < statuses.length; i++) {
        ps.setString(i + 2, statuses[i].toString());
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
  public static <T extends Resource> Page<T> list(
      Connection c, Kind<T> kind, String parentArn, String nextToken, int maxResults)
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
    List<T> out = new ArrayList<>();
    long lastSeq = 0;
    boolean more = false;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, kind.name());
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
          out.add(read(kind, rs));
          lastSeq = rs.getLong(10);
        }
      }
    }
    return new Page<>(out, more ? encodeToken(kind, parentArn, lastSeq) : null);
  }

  private static String encodeToken(Kind<?> kind, String parentArn, long seq) {
    String raw = kind.name() + "\n" + (parentArn == null ? "" : parentArn) + "\n" + seq;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static long decodeToken(Kind<?> kind, String parentArn, String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = raw.split("\n", -1);
      if (parts.length == 3
          && parts[0].equals(kind.name())
          && parts[1].equals(parentArn == null ? "" : parentArn)) {
        return Long.parseLong(parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below: a token we did not issue.
    }
    throw new InvalidNextTokenException(
        "nextToken must be a token returned by the previous page of this same list; got: " + token);
  }

  // ---- encoding helpers for the records
  // ----------------------------------------------------------

  /** A new, empty attribute object. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Stores tags under {@code tags}, if there are any. */
  public static void putTags(ObjectNode attrs, List<Tag> tags) {
    if (tags.isEmpty()) {
      return;
    }
    ArrayNode a = attrs.putArray("tags");
    for (Tag t : tags) {
      a.addObject().put("tagKey", t.tagKey()).put("tagValue", t.tagValue());
    }
  }

  /** The tags stored by {@link #putTags}. */
  public static List<Tag> tags(JsonNode attrs) {
    List<Tag> out = new ArrayList<>();
    for (JsonNode t : attrs.path("tags")) {
      out.add(
          Tag.builder()
              .tagKey(t.path("tagKey").asText())
              .tagValue(t.path("tagValue").asText())
              .build());
    }
    return List.copyOf(out);
  }

  /** A text attribute, or null when absent. */
  public static String text(JsonNode attrs, String field) {
    JsonNode n = attrs.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  /** A boolean attribute, or null when absent. */
  public static Boolean bool(JsonNode attrs, String field) {
    JsonNode n = attrs.get(field);
    return n == null || n.isNull() ? null : n.asBoolean();
  }

  /** Puts a value unless it is null. */
  public static void putIfPresent(ObjectNode o, String field, Object value) {
    if (value instanceof String s) {
      o.put(field, s);
    } else if (value instanceof Boolean b) {
      o.put(field, b);
    } else if (value instanceof Long l) {
      o.put(field, l);
    } else if (value instanceof Integer i) {
      o.put(field, i);
    } else if (value instanceof Double d) {
      o.put(field, d);
    } else if (value != null) {
      throw new IllegalArgumentException("unsupported attribute type: " + value.getClass());
    }
  }

  /** A JSON object of scalars as a string map in field order; a missing node gives an empty map. */
  public static Map<String, String> stringMap(JsonNode o) {
    Map<String, String> m = new LinkedHashMap<>();
    for (var it = o.fields(); it.hasNext(); ) {
      var e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

  /** A string map as a JSON object, in the map's order. */
  public static ObjectNode objectOf(Map<String, String> map) {
    ObjectNode o = object();
    map.forEach(o::put);
    return o;
  }

  private static <T extends Resource> T read(Kind<T> kind, ResultSet rs) throws SQLException {
    String arn = rs.getString(1);
    try {
      Header h =
          new Header(
              arn,
              rs.getString(3),
              rs.getString(4),
              Status.parse(rs.getString(5)),
              rs.getString(6),
              Instant.ofEpochMilli(rs.getLong(7)),
              Instant.ofEpochMilli(rs.getLong(8)));
      return kind.decode(h, JSON.readTree(rs.getString(9)));
    } catch (JsonProcessingException | RuntimeException e) {
      if (e instanceof PersonalizeException p) {
        throw p;
      }
      throw new InternalFailureException(
          "The store is damaged: resource "
              + arn
              + " has unreadable attributes ("
              + e
              + "); restore the database from a backup, or delete the resource and create it"
              + " again",
          false,
          e);
    }
  }

  private static String write(ObjectNode attrs) {
    try {
      return JSON.writeValueAsString(attrs);
    } catch (JsonProcessingException e) {
      throw new InternalFailureException(
          "Cannot encode a resource's attributes as JSON ("
              + e.getMessage()
              + "); nothing of this call was stored. This is a bug: please report it",
          false,
          e);
    }
  }
}
