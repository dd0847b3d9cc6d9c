package org.openpersonalize.engine.internal.schedule;

import java.time.Instant;
import java.util.List;

/**
 * A kind of recurring engine work registered on the {@link Scheduler}: automatic training of
 * solutions, automatic campaign updates, recommender retraining.
 *
 * <p>A task keeps no timers. At every pass the scheduler asks it what is due at {@code now}, and
 * the task answers from stored resource state — for example "the solution's last automatic training
 * started 7 days ago or more". That is what makes a restarted engine catch up: work that fell due
 * while it was closed is due at its first pass.
 *
 * <pre>{@code
 * scheduler.register(new PeriodicTask() {
 *   public String name() { return "recommender-retraining"; }
 *   public List<Due> due(Instant now) {
 *     // read the store; one Due per recommender whose retraining is due
 *     return List.of(new Due(recommenderArn, () -> startRetraining(recommenderArn)));
 *   }
 * });
 * }</pre>
 */
public interface PeriodicTask {
  /**
   * A stable name for failure records and log lines, such as {@code "auto-training"}.
   *
   * @return the name
   */
  String name();

  /**
   * The work due at {@code now}, derived from stored state only. Called on the scheduler's pass
   * thread; may read the store. Returning nothing is the normal case.
   *
   * @param now the engine clock's time of this pass
   * @return the due work, in the order it should run
   */
  List<Due> due(Instant now);

  /**
   * One piece of due work.
   *
   * <p>The work runs on the pass thread, one piece at a time, so it should be short: it starts a
   * background job (stores a solution version {@code CREATE PENDING} and submits it) and returns.
   * Whatever it stores must make {@link PeriodicTask#due} stop returning the same work — for
   * example a solution with a version pending or in progress is not due — which is also what keeps
   * two trainings of one solution from running at once across passes and restarts.
   *
   * @param key what the work is about, usually a resource ARN; the scheduler never runs two pieces
   *     of work with the same key at the same time, and names the key when the work fails
   * @param work the work; an exception it throws is recorded and the scheduler carries on
   */
  record Due(String key, Runnable work) {
    /** Checks the fields. */
    public Due {
      if (key == null || work == null) {
        throw new IllegalArgumentException("key and work are required");
      }
    }
  }
}
