package org.openpersonalize.engine.internal.resource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openpersonalize.api.model.RecommenderConfig;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * Keeps a recommender's status in step with its models. Training knows only solution versions; each
 * time one of a backing solution's versions changes status, {@link #sync} runs in the same
 * transaction, so a recommender's stored status (what Describe and {@code awaitCompletion} read)
 * never disagrees with its models.
 */
public final class RecommenderSync {
  private RecommenderSync() {}

  /** The recommender a solution backs, or null for a user's solution. */
  public static RecommenderRecord of(Connection c, String solutionArn) throws SQLException {
    return Resources.findByAttr(c, Kinds.RECOMMENDER, "solutionArn", solutionArn);
  }

  /**
   * The columns a training of this solution leaves out: the pending update's when an update is
   * training, else the settings in effect; empty for a user's solution.
   */
  public static Map<String, List<String>> excluded(Connection c, String solutionArn)
      throws SQLException {
    RecommenderRecord r = of(c, solutionArn);
    if (r == null) {
      return Map.of();
    }
    RecommenderRecord.Update u = r.latestUpdate();
    return RecommenderRecord.excluded(
        u != null && u.status() == Status.UPDATE_IN_PROGRESS ? u.config() : r.config());
  }

  /**
   * Brings the recommender a solution backs (if any) up to date with that solution's versions:
   * {@code CREATE PENDING} / {@code CREATE IN_PROGRESS} while its first model trains, {@code
   * ACTIVE} once one is ACTIVE, {@code CREATE FAILED} with the training's reason otherwise; an
   * update's settings take effect when its model is ACTIVE; a recommender {@code STOP IN_PROGRESS}
   * becomes {@code INACTIVE} when the last of its trainings ends.
   */
  public static void sync(Connection c, String solutionArn, Instant now) throws SQLException {
    RecommenderRecord r = of(c, solutionArn);
    if (r == null) {
      return;
    }
    RecommenderConfig config = r.config();
    RecommenderRecord.Update u = r.latestUpdate();
    if (u != null && u.versionArn() != null && u.status() == Status.UPDATE_IN_PROGRESS) {
      SolutionVersionRecord v = Resources.find(c, Kinds.SOLUTION_VERSION, u.versionArn());
      if (v == null || v.status().terminal()) {
        boolean ok = v != null && v.status() == Status.ACTIVE;
        u =
            new RecommenderRecord.Update(
                u.config(),
                u.versionArn(),
                ok ? Status.ACTIVE : Status.UPDATE_FAILED,
                ok ? null : reason(v),
                u.created(),
                now);
        if (ok) {
          config = u.config();
        }
      }
    }
    Header h = r.meta();
    Status s = h.status();
    if (s == Status.CREATE_PENDING || s == Status.CREATE_IN_PROGRESS || s == Status.CREATE_FAILED) {
      List<SolutionVersionRecord> versions =
          Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn);
      SolutionVersionRecord active = SolutionVersions.latestActive(c, solutionArn);
      if (active != null) {
        h = h.withStatus(Status.ACTIVE, null, now);
      } else if (!versions.isEmpty()) {
        SolutionVersionRecord newest = versions.get(0);
        Status vs = newest.status();
        if (vs == Status.CREATE_PENDING) {
          h = h.withStatus(Status.CREATE_PENDING, null, now);
        } else if (vs.terminal()) {
          h = h.withStatus(Status.CREATE_FAILED, reason(newest), now);
        } else {
          h = h.withStatus(Status.CREATE_IN_PROGRESS, null, now);
        }
      }
    }
    if (s == Status.STOP_IN_PROGRESS) {
      // A stop waits for the retraining it halted; this is that training ending.
      boolean running = false;
      for (SolutionVersionRecord v : Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn)) {
        running |= !v.status().terminal();
      }
      if (!running) {
        h = h.withStatus(Status.INACTIVE, null, now);
      }
    }
    if (!h.equals(r.meta()) || !Objects.equals(u, r.latestUpdate()) || config != r.config()) {
      Resources.update(c, r.with(h.touched(now), config, u));
    }
  }

  private static String reason(SolutionVersionRecord v) {
    if (v == null) {
      return "The training was removed.";
    }
    return v.failureReason() != null ? v.failureReason() : "Training " + v.status() + ".";
  }
}
