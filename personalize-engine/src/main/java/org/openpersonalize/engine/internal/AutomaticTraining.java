package org.openpersonalize.engine.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openpersonalize.api.model.LimitExceededException;
import org.openpersonalize.api.model.TrainingMode;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.schedule.PeriodicTask;
import org.openpersonalize.engine.internal.store.Header;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.training.TrainingJobs;

/**
 * Automatic training (spec §1.10, §9.6): for every solution with {@code performAutoTraining}, a new
 * solution version ({@code trainingMode AUTOTRAIN}, {@code trainingType AUTOMATIC}, trained FULL)
 * every {@code rate(N days)}.
 *
 * <p>Amazon's rules, all read from stored state: the first training falls due one hour after the
 * schedule starts (the solution's creation, or the UpdateSolution that turned it on or changed the
 * frequency), and a version created within that hour — by hand — takes its place; after that a
 * training falls due N days after the newest version's start. A due training is skipped (and the
 * next one falls due N days later) when no interactions arrived since the last automatic training
 * and the newest version is ACTIVE (a failed training is retried at the next due time). A solution
 * with a version pending or training gets no second one: the automatic training waits for it.
 * Campaigns with {@code syncWithLatestSolutionVersion} serve the new version once it is ACTIVE; a
 * failed one leaves them on the version they served.
 */
final class AutomaticTraining implements PeriodicTask {
  /** Amazon starts the first automatic training within an hour of the schedule's start. */
  static final Duration FIRST_DELAY = Duration.ofHours(1);

  private final EngineContext ctx;
  private final TrainingJobs training;

  AutomaticTraining(EngineContext ctx, TrainingJobs training) {
    this.ctx = ctx;
    this.training = training;
  }

  @Override
  public String name() {
    return "automatic-training";
  }

  @Override
  public List<Due> due(Instant now) {
    return ctx.store()
        .read(
            c -> {
              List<Due> due = new ArrayList<>();
              for (SolutionRecord s : Resources.children(c, Kinds.SOLUTION, null)) {
                if (s.performAutoTraining() && dueAt(c, s, now) != null) {
                  String arn = s.arn();
                  due.add(new Due(arn, () -> start(arn)));
                }
              }
              return due;
            });
  }

  /**
   * When the solution's next automatic training fell due, if it has by {@code now} and no version
   * of the solution is pending or training; else null.
   */
  static Instant dueAt(Connection c, SolutionRecord s, Instant now) throws SQLException {
    SolutionRecord.AutoTraining state = s.autoTraining();
    Instant newest = null;
    for (SolutionVersionRecord v : Resources.children(c, Kinds.SOLUTION_VERSION, s.arn())) {
      if (!v.status().terminal()) {
        return null; // never two trainings of one solution at once
      }
      if (!v.created().isBefore(state.since()) && (newest == null || v.created().isAfter(newest))) {
        newest = v.created();
      }
    }
    Instant anchor = newest;
    if (state.skipped() != null && (anchor == null || state.skipped().isAfter(anchor))) {
      anchor = state.skipped();
    }
    Instant at =
        anchor == null
            ? state.since().plus(FIRST_DELAY)
            : anchor.plus(SchedulingExpression.period("schedulingExpression", expression(s)));
    return now.isBefore(at) ? null : at;
  }

  /**
   * Whether the solution's newest version is ACTIVE: a run is skipped for want of new data only
   * then, so a failed training is retried at the next due time.
   */
  private static boolean newestIsActive(Connection c, String solutionArn) throws SQLException {
    SolutionVersionRecord newest = null;
    for (SolutionVersionRecord v : Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn)) {
      if (newest == null || v.created().isAfter(newest.created())) {
        newest = v;
      }
    }
    return newest != null && newest.status() == Status.ACTIVE;
  }

  private static String expression(SolutionRecord s) {
    String e = s.schedulingExpression();
    return e == null ? SchedulingExpression.DEFAULT : e;
  }

  /**
   * Starts the due training, or records the skip; re-checks everything in the transaction, since a
   * call (UpdateSolution, CreateSolutionVersion, DeleteSolution) may have landed meanwhile.
   */
  private void start(String solutionArn) {
    String versionArn =
        ctx.store()
            .inTransaction(
                c -> {
                  SolutionRecord s = Resources.find(c, Kinds.SOLUTION, solutionArn);
                  Instant now = ctx.now();
                  Instant at = s == null || !s.performAutoTraining() ? null : dueAt(c, s, now);
                  if (at == null) {
                    return null;
                  }
                  SolutionRecord.AutoTraining state = s.autoTraining();
                  String mark = CatalogueMarks.interactionsMark(c, s.datasetGroupArn());
                  if (state.dataMark() != null
                      && state.dataMark().equals(mark)
                      && newestIsActive(c, solutionArn)) {
                    Resources.update(
                        c,
                        s.withAutoTraining(
                            new SolutionRecord.AutoTraining(state.since(), at, mark)));
                    return null;
                  }
                  int running =
                      Resources.countWithStatus(
                          c,
                          Kinds.SOLUTION_VERSION,
                          Status.CREATE_PENDING,
                          Status.CREATE_IN_PROGRESS);
                  if (running >= SolutionVersionOps.MAX_TRAINING_VERSIONS) {
                    // Stays due: the next pass tries again once a training has finished.
                    throw new LimitExceededException(
                        "Automatic training of "
                            + solutionArn
                            + " waits: more than "
                            + SolutionVersionOps.MAX_TRAINING_VERSIONS
                            + " resources with PENDING or IN_PROGRESS status.");
                  }
                  String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
                  String arn = solutionArn + "/" + id;
                  Header h = Header.created(arn, id, solutionArn, Status.CREATE_PENDING, now);
                  Resources.insert(
                      c,
                      new SolutionVersionRecord(
                          h, TrainingMode.AUTOTRAIN, TrainingType.AUTOMATIC, null));
                  Resources.update(
                      c,
                      s.withAutoTraining(
                          new SolutionRecord.AutoTraining(state.since(), state.skipped(), mark)));
                  return arn;
                });
    if (versionArn != null) {
      training.submit(versionArn);
    }
  }
}
