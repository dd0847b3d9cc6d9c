package org.openpersonalize.engine.internal.training;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openpersonalize.engine.internal.EngineContext;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.resource.RecommenderSync;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * The status writes of solution-version trainings: a version moving to CREATE IN_PROGRESS, its
 * final status (with the training result when ACTIVE), the versions a previous engine left
 * unfinished, and the model files no ACTIVE version references. Each write also moves the
 * solution's update time and the recommenders that follow it, and tells serving when a dataset
 * group's models changed.
 */
final class VersionOutcomes {
  private final EngineContext ctx;
  private final ModelStore models;

  VersionOutcomes(EngineContext ctx, ModelStore models) {
    this.ctx = ctx;
    this.models = models;
  }

  /** Marks versions a previous engine left pending or training as failed. */
  void failAbandoned() {
    List<SolutionVersionRecord> open =
        ctx.store()
            .read(
                c -> {
                  List<SolutionVersionRecord> all =
                      new ArrayList<>(Resources.children(c, Kinds.SOLUTION_VERSION, null));
                  all.removeIf(r -> r.status().terminal());
                  return all;
                });
    for (SolutionVersionRecord r : open) {
      finish(
          r.arn(),
          r.status() == Status.CREATE_STOPPING ? Status.CREATE_STOPPED : Status.CREATE_FAILED,
          "The engine stopped before training finished. Create the version again.",
          null);
    }
    removeOrphanModels();
  }

  /**
   * Removes model files no ACTIVE solution version references: temporary files and complete files
   * of versions a crash or a failed status write left behind. Runs at open, after {@link
   * #failAbandoned}, before any training is submitted.
   */
  void removeOrphanModels() {
    Set<String> keep =
        ctx.store()
            .read(
                c -> {
                  Set<String> files = new HashSet<>();
                  for (SolutionVersionRecord v :
                      Resources.children(c, Kinds.SOLUTION_VERSION, null)) {
                    if (v.status() == Status.ACTIVE && v.result() != null) {
                      files.add(v.result().modelFile());
                    }
                  }
                  return files;
                });
    models.removeOrphans(keep);
  }

  void setStatus(String arn, Status status) {
    ctx.store()
        .inTransaction(
            c -> {
              SolutionVersionRecord r = Resources.find(c, Kinds.SOLUTION_VERSION, arn);
              if (r != null && r.status() != Status.CREATE_STOPPING) {
                Resources.update(c, r.withStatus(status, null, ctx.now()));
                RecommenderSync.sync(c, r.solutionArn(), ctx.now());
              }
              return null;
            });
  }

  /** Records a final status (and, when ACTIVE, the result); a stop that raced the end wins. */
  void finish(String arn, Status status, String reason, SolutionVersionRecord.Trained result) {
    String[] group = new String[1];
    boolean[] active = new boolean[1];
    if (status == Status.ACTIVE) {
      // Deployments reload when their group's generation moves. Moved only after the write, a
      // request that sees the new ACTIVE version before that move (awaitCompletion returns at the
      // write) would keep serving the cached previous model; moved before as well, it reloads.
      String g = ctx.store().read(c -> groupOfVersion(c, arn));
      if (g != null) {
        ctx.modelsChanged(g);
      }
    }
    // Retried through a passing storage failure and never throws, so the worker survives; if it
    // never lands, the version stays unfinished and the next open marks it failed.
    ctx.store()
        .writeWithRetry(
            c -> {
              SolutionVersionRecord r = Resources.find(c, Kinds.SOLUTION_VERSION, arn);
              if (r == null) {
                return null;
              }
              Instant now = ctx.now();
              boolean ok = status == Status.ACTIVE && r.status() != Status.CREATE_STOPPING;
              if (ok) {
                Resources.update(c, r.trained(result, now));
              } else {
                Status s = status == Status.ACTIVE ? Status.CREATE_STOPPED : status;
                Resources.update(c, r.withStatus(s, reason, now));
              }
              group[0] = touchSolution(c, r.solutionArn(), now);
              RecommenderSync.sync(c, r.solutionArn(), now);
              active[0] = ok;
              return null;
            },
            () -> false);
    if (active[0]) {
      // Only campaigns of this dataset group can follow the new version.
      if (group[0] != null) {
        ctx.modelsChanged(group[0]);
      } else {
        ctx.modelsChanged();
      }
    } else {
      // A version that did not become ACTIVE keeps no model file, complete or temporary.
      models.discard(TrainingJobs.fileName(arn));
    }
  }

  /** The dataset group of a version's solution, or null if either is gone. */
  private static String groupOfVersion(Connection c, String versionArn) throws SQLException {
    SolutionVersionRecord r = Resources.find(c, Kinds.SOLUTION_VERSION, versionArn);
    SolutionRecord sol = r == null ? null : Resources.find(c, Kinds.SOLUTION, r.solutionArn());
    return sol == null ? null : sol.datasetGroupArn();
  }

  /** Bumps the solution's update time; returns its dataset group, or null if it is gone. */
  private static String touchSolution(Connection c, String solutionArn, Instant now)
      throws SQLException {
    SolutionRecord sol = Resources.find(c, Kinds.SOLUTION, solutionArn);
    if (sol != null) {
      Resources.update(c, sol.touched(now));
      return sol.datasetGroupArn();
    }
    return null;
  }
}
