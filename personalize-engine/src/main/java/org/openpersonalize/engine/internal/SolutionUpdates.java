package org.openpersonalize.engine.internal;

import java.time.Instant;
import java.util.Objects;
import org.openpersonalize.api.model.AutoTrainingConfig;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionUpdateConfig;
import org.openpersonalize.api.model.SolutionUpdateSummary;
import org.openpersonalize.api.model.UpdateSolutionRequest;
import org.openpersonalize.api.model.UpdateSolutionResponse;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.store.Resources;

/**
 * UpdateSolution (spec §1.10): turns automatic training on or off and changes its frequency. The
 * update applies within the call, so {@code latestSolutionUpdate} is ACTIVE when it returns (Amazon
 * passes through CREATE PENDING and CREATE IN_PROGRESS for a few minutes first).
 *
 * <p>Amazon's schedule rules: turning automatic training on starts a new schedule whose first
 * training falls due within the hour (skipped if a version is created by hand within it); changing
 * the frequency of a solution that trains automatically resets the schedule the same way, "day 1
 * being the day of the update". Turning it off stops it; a training already running finishes.
 */
final class SolutionUpdates {
  private static final String EXPRESSION =
      "solutionUpdateConfig.autoTrainingConfig.schedulingExpression";

  private SolutionUpdates() {}

  static UpdateSolutionResponse update(EngineContext ctx, UpdateSolutionRequest request) {
    Check.arn("solutionArn", request.solutionArn());
    if (Boolean.TRUE.equals(request.performIncrementalUpdate())) {
      throw new InvalidInputException(
          "performIncrementalUpdate must be false: incremental updates are for the"
              + " Semantic-Similarity recipe, which is not available; got: true");
    }
    SolutionUpdateConfig given = request.solutionUpdateConfig();
    AutoTrainingConfig schedule = given == null ? null : given.autoTrainingConfig();
    if (schedule != null) {
      SchedulingExpression.period(EXPRESSION, schedule.schedulingExpression());
    }
    ctx.store()
        .inTransaction(
            c -> {
              SolutionRecord s =
                  ctx.require(c, Kinds.SOLUTION, "solutionArn", request.solutionArn());
              Instant now = ctx.now();
              boolean on =
                  request.performAutoTraining() == null
                      ? s.performAutoTraining()
                      : request.performAutoTraining();
              SolutionConfig config = s.config();
              if (schedule != null) {
                config = config.toBuilder().autoTrainingConfig(schedule).build();
              }
              boolean turnedOn = on && !s.performAutoTraining();
              boolean newFrequency =
                  on
                      && s.performAutoTraining()
                      && !Objects.equals(inForce(s.config()), inForce(config));
              SolutionRecord.AutoTraining state = s.autoTraining();
              if (turnedOn || newFrequency) {
                state = new SolutionRecord.AutoTraining(now, null, state.dataMark());
              }
              SolutionRecord.Update update =
                  new SolutionRecord.Update(
                      schedule == null ? null : schedule.schedulingExpression(),
                      on,
                      false,
                      Status.ACTIVE,
                      now,
                      now);
              Resources.update(c, s.updated(on, config, state, update));
              return null;
            });
    return UpdateSolutionResponse.builder().solutionArn(request.solutionArn()).build();
  }

  /** The period in force of a config, as days (a null expression is the default). */
  private static long inForce(SolutionConfig config) {
    String e =
        config.autoTrainingConfig() == null
            ? null
            : config.autoTrainingConfig().schedulingExpression();
    return SchedulingExpression.period("schedulingExpression", e).toDays();
  }

  static SolutionUpdateSummary toSummary(SolutionRecord.Update u) {
    return SolutionUpdateSummary.builder()
        .solutionUpdateConfig(
            u.schedulingExpression() == null
                ? null
                : SolutionUpdateConfig.builder()
                    .autoTrainingConfig(
                        AutoTrainingConfig.builder()
                            .schedulingExpression(u.schedulingExpression())
                            .build())
                    .build())
        .status(u.status().toString())
        .performAutoTraining(u.performAutoTraining())
        .performIncrementalUpdate(u.performIncrementalUpdate())
        .creationDateTime(u.created())
        .lastUpdatedDateTime(u.updated())
        .build();
  }
}
