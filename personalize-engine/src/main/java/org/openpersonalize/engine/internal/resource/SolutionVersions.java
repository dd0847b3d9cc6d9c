package org.openpersonalize.engine.internal.resource;

import java.sql.Connection;
import java.sql.SQLException;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.store.Resources;

/** Queries over a solution's versions that several parts of the engine ask. */
public final class SolutionVersions {
  private SolutionVersions() {}

  /**
   * The newest ACTIVE version of a solution, or null: what {@code $LATEST} and {@code
   * syncWithLatestSolutionVersion} serve.
   */
  public static SolutionVersionRecord latestActive(Connection c, String solutionArn)
      throws SQLException {
    return latest(c, solutionArn, false);
  }

  /**
   * The newest ACTIVE version trained on all data (trainingMode FULL, or AUTOTRAIN for automatic
   * training), or null: what UPDATE builds on.
   */
  public static SolutionVersionRecord latestActiveFull(Connection c, String solutionArn)
      throws SQLException {
    return latest(c, solutionArn, true);
  }

  private static SolutionVersionRecord latest(Connection c, String solutionArn, boolean fullOnly)
      throws SQLException {
    for (SolutionVersionRecord v : Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn)) {
      if (v.status() == Status.ACTIVE && (!fullOnly || v.trainingMode() != TrainingMode.UPDATE)) {
        return v;
      }
    }
    return null;
  }
}
