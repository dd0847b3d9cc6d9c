package org.openpersonalize.engine.internal.hpo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openpersonalize.engine.HpoTrial;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.store.Store;

/**
 * The trials of each version's hyperparameter search, in their own table {@code hpo_trials}
 * (version ARN, trial number, the trial as JSON). A trial is written when it finishes, so the list
 * grows while the search runs; rows whose version is gone are removed when the engine opens. Kept
 * apart from the version's record because a trial is not an Amazon resource and the record is
 * rewritten on every status change.
 */
public final class HpoTrials {
  private final Store store;

  /**
   * Creates the table if needed and drops the trials of deleted versions.
   *
   * @param store the engine's store
   */
  public HpoTrials(Store store) {
    this.store = store;
    store.inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.execute(
                "CREATE TABLE IF NOT EXISTS hpo_trials (version_arn TEXT NOT NULL,"
                    + " trial INTEGER NOT NULL, attrs TEXT NOT NULL,"
                    + " PRIMARY KEY (version_arn, trial))");
            s.execute(
                "DELETE FROM hpo_trials WHERE version_arn NOT IN (SELECT arn FROM resources)");
          }
          return null;
        });
  }

  /** Records a finished trial (replacing a row of the same number, if a retry wrote one). */
  void add(String versionArn, HpoTrial t) {
    String json = encode(t).toString();
    store.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO hpo_trials (version_arn, trial, attrs) VALUES (?, ?, ?)")) {
            ps.setString(1, versionArn);
            ps.setInt(2, t.trialNumber());
            ps.setString(3, json);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Removes a version's trials (a search that starts again writes them anew). */
  void clear(String versionArn) {
    store.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM hpo_trials WHERE version_arn = ?")) {
            ps.setString(1, versionArn);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * A version's trials by trial number; empty for a version without a search.
   *
   * @param c a connection of the store
   * @param versionArn the version
   * @return the trials so far
   */
  public static List<HpoTrial> list(Connection c, String versionArn) throws SQLException {
    List<HpoTrial> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT attrs FROM hpo_trials WHERE version_arn = ? ORDER BY trial")) {
      ps.setString(1, versionArn);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(decode(parse(rs.getString(1))));
        }
      }
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("no such table")) {
        return out; // a store no engine of this version has opened for writing yet
      }
      throw e;
    }
    return out;
  }

  private static JsonNode parse(String json) throws SQLException {
    try {
      return Resources.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new SQLException("damaged hpo_trials row: " + e.getMessage(), e);
    }
  }

  static ObjectNode encode(HpoTrial t) {
    ObjectNode o = Resources.object();
    o.put("trialNumber", t.trialNumber());
    o.set("algorithmHyperParameters", Resources.objectOf(t.algorithmHyperParameters()));
    ObjectNode m = o.putObject("validationMetrics");
    t.validationMetrics().forEach(m::put);
    o.put("objectiveMetricName", t.objectiveMetricName());
    Resources.putIfPresent(o, "objectiveValue", t.objectiveValue());
    o.put("status", t.status());
    Resources.putIfPresent(o, "failureReason", t.failureReason());
    o.put("trainingSeconds", t.trainingSeconds());
    return o;
  }

  static HpoTrial decode(JsonNode a) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    a.path("validationMetrics")
        .fields()
        .forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
    return HpoTrial.builder()
        .trialNumber(a.path("trialNumber").asInt())
        .algorithmHyperParameters(Resources.stringMap(a.path("algorithmHyperParameters")))
        .validationMetrics(metrics)
        .objectiveMetricName(Resources.text(a, "objectiveMetricName"))
        .objectiveValue(a.hasNonNull("objectiveValue") ? a.get("objectiveValue").asDouble() : null)
        .status(Resources.text(a, "status"))
        .failureReason(Resources.text(a, "failureReason"))
        .trainingSeconds(a.path("trainingSeconds").asDouble())
        .build();
  }
}
