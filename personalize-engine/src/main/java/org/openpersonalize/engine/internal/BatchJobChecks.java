package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.ResourceAlreadyExistsException;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.store.Kind;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * What CreateBatchInferenceJob and CreateBatchSegmentJob check alike inside their transaction (spec
 * §7): the solution version exists and is ACTIVE, the job name is free, and fewer than the quota of
 * jobs of the kind are pending or in progress. Written once so that the two kinds cannot drift
 * apart in rule or wording.
 */
final class BatchJobChecks {
  private BatchJobChecks() {}

  /**
   * The ACTIVE solution version a job names.
   *
   * @param job the kind of job in the message, e.g. {@code "a batch inference job"}
   */
  static SolutionVersionRecord activeVersion(
      EngineContext ctx, Connection c, String versionArn, String job) throws SQLException {
    SolutionVersionRecord v =
        ctx.require(c, Kinds.SOLUTION_VERSION, "solutionVersionArn", versionArn);
    if (v.status() != Status.ACTIVE) {
      throw new ResourceInUseException(
          "Solution version "
              + v.arn()
              + " is "
              + v.status()
              + "; "
              + job
              + " needs an ACTIVE version");
    }
    return v;
  }

  /**
   * Refuses a name already taken by a job of the kind, then a job beyond the quota of pending or
   * in-progress jobs of the kind.
   *
   * @param what the kind in the message, e.g. {@code "batch inference job"}
   */
  static void nameAndQuota(Connection c, Kind<?> kind, String what, String name, int maxRunning)
      throws SQLException {
    if (Resources.findByName(c, kind, name) != null) {
      throw new ResourceAlreadyExistsException("A " + what + " named " + name + " already exists");
    }
    int running =
        Resources.countWithStatus(c, kind, Status.CREATE_PENDING, Status.CREATE_IN_PROGRESS);
    if (running >= maxRunning) {
      throw new LimitExceededException(
          "More than " + maxRunning + " resources with PENDING or IN_PROGRESS status.");
    }
  }
}
