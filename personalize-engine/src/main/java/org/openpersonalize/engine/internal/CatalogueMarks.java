package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.openpersonalize.engine.internal.resource.DatasetRecord;
import org.openpersonalize.engine.internal.schema.DatasetType;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * Small measurements of a dataset group's data that scheduled work compares over time: how far the
 * Items table has grown (automatic campaign updates) and whether interactions arrived (automatic
 * training).
 */
final class CatalogueMarks {
  private CatalogueMarks() {}

  /**
   * The Items table's highest row ID: a new item (PutItems, an import) gets a higher one, so the
   * rows at or below it are the catalogue as of now. {@code 0} without an Items dataset.
   */
  static long itemWatermark(Connection c, String groupArn) throws SQLException {
    DatasetRecord d = dataset(c, groupArn, DatasetType.ITEMS);
    if (d == null) {
      return 0;
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT max(rowid) FROM " + d.table())) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * The Interactions table's row count and newest timestamp as {@code "count@newest"}; {@code
   * "none"} without an Interactions dataset. An import or PutEvents changes it; a table of the same
   * size whose newest event is the same is taken as unchanged.
   */
  static String interactionsMark(Connection c, String groupArn) throws SQLException {
    DatasetRecord d = dataset(c, groupArn, DatasetType.INTERACTIONS);
    if (d == null) {
      return "none";
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), max(TIMESTAMP) FROM " + d.table())) {
      rs.next();
      return rs.getLong(1) + "@" + rs.getLong(2);
    }
  }

  /** The newest interaction timestamp (epoch seconds), or {@code Long.MIN_VALUE} when none. */
  static long latestInteraction(Connection c, String groupArn) throws SQLException {
    DatasetRecord d = dataset(c, groupArn, DatasetType.INTERACTIONS);
    if (d == null) {
      return Long.MIN_VALUE;
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT max(TIMESTAMP) FROM " + d.table())) {
      if (!rs.next()) {
        return Long.MIN_VALUE;
      }
      long t = rs.getLong(1);
      return rs.wasNull() ? Long.MIN_VALUE : t;
    }
  }

  private static DatasetRecord dataset(Connection c, String groupArn, DatasetType type)
      throws SQLException {
    return Resources.find(c, Kinds.DATASET, Arns.dataset(groupArn, type));
  }
}
