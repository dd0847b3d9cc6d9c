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
 * What several Create operations check alike inside their transaction: the solution version they
 * use exists and is ACTIVE (CreateCampaign, UpdateCampaign, CreateBatchInferenceJob,
 * CreateBatchSegmentJob), and for batch jobs (spec §7) the name is free and fewer than the quota of
 * jobs of the kind are pending or in progress. Written once so that the kinds cannot drift apart in
 * rule or wording.
 */
final class CreateChecks {
  private CreateChecks() {}

  /**
   * The ACTIVE solution version an operation names.
   *
   * @param user what needs the version, for the message, e.g. {@code "a campaign"}
   */
  static SolutionVersionRecord activeVersion(
      EngineContext ctx, Connection c, String versionArn, String user) throws SQLException {
    SolutionVersionRecord v =
        ctx.require(c, Kinds.SOLUTION_VERSION, "solutionVersionArn", versionArn);
    if (v.status() != Status.ACTIVE) {
      throw new ResourceInUseException(
          "Solution version "
              + v.arn()
              + " is "
              + v.status()
              + "; "
              + user
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
