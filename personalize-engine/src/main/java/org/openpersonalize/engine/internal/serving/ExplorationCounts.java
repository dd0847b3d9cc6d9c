package org.openpersonalize.engine.internal.serving;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The user counts behind a campaign's exploration bonus, as of its last automatic update (spec
 * §9.7: the bonus of an item is inverse to its interactions, and Amazon refreshes these statistics
 * at its two-hourly update). Without them a new item kept the bonus of an item nobody had touched
 * for as long as the model served, however many users it gathered after training.
 *
 * <p>One row per (campaign, item): the distinct users of the item in the Interactions dataset, bulk
 * and streamed, when the update ran. Interactions are {@code WITHOUT ROWID} tables, so there is no
 * row ID to count "up to"; the counts are stored instead, and serving reads them when it loads the
 * campaign.
 */
public final class ExplorationCounts {
  private static final String TABLE = "exploration_counts";

  private ExplorationCounts() {}

  /**
   * Creates the table if needed and drops the rows of deleted campaigns (at engine open).
   *
   * @param c the writer connection, in a transaction
   * @throws SQLException on a storage error
   */
  public static void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (campaign_arn TEXT NOT NULL, item_id TEXT NOT NULL, users INTEGER NOT NULL,"
              + " PRIMARY KEY (campaign_arn, item_id)) WITHOUT ROWID");
      s.execute("DELETE FROM " + TABLE + " WHERE campaign_arn NOT IN (SELECT arn FROM resources)");
    }
  }

  /**
   * Replaces a campaign's counts with the interactions as they are now.
   *
   * @param c the writer connection, in the update's transaction
   * @param campaignArn the campaign
   * @param interactionsTable the dataset group's Interactions table
   * @throws SQLException on a storage error
   */
  public static void refresh(Connection c, String campaignArn, String interactionsTable)
      throws SQLException {
    try (PreparedStatement del =
        c.prepareStatement("DELETE FROM " + TABLE + " WHERE campaign_arn = ?")) {
      del.setString(1, campaignArn);
      del.executeUpdate();
    }
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (campaign_arn, item_id, users) SELECT ?, ITEM_ID, count(DISTINCT USER_ID)"
                + " FROM "
                + interactionsTable
                + " GROUP BY ITEM_ID")) {
      ins.setString(1, campaignArn);
      ins.executeUpdate();
    }
  }

  /**
   * A campaign's counts by item ID (0 for an item without a row).
   *
   * @param c a connection
   * @param campaignArn the campaign
   * @return the counts
   * @throws SQLException on a storage error
   */
  static Object2IntOpenHashMap<String> read(Connection c, String campaignArn) throws SQLException {
    Object2IntOpenHashMap<String> m = new Object2IntOpenHashMap<>();
    m.defaultReturnValue(0);
    try (PreparedStatement ps =
        c.prepareStatement("SELECT item_id, users FROM " + TABLE + " WHERE campaign_arn = ?")) {
      ps.setString(1, campaignArn);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          m.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return m;
  }
}
