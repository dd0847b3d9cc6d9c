package org.openpersonalize.engine.internal;

import org.openpersonalize.engine.internal.batch.BatchJob;
import org.openpersonalize.engine.internal.batch.BatchJobRunner;
import org.openpersonalize.engine.internal.batch.LineScorer;
import org.openpersonalize.engine.internal.resource.BatchInferenceJobRecord;
import org.openpersonalize.engine.internal.serving.BatchRecommendations;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.engine.internal.store.Store;

/**
 * A stored batch inference job as the {@link BatchJobRunner} sees it: where its lines come from and
 * go, a scorer that answers each line as GetRecommendations would (through {@link
 * BatchRecommendations}), and how its status and line counts are written back.
 */
final class BatchInferenceRun implements BatchJob {
  private final EngineContext ctx;
  private final BatchRecommendations scoring;
  private final BatchInferenceJobRecord r;

  BatchInferenceRun(EngineContext ctx, BatchRecommendations scoring, BatchInferenceJobRecord r) {
    this.ctx = ctx;
    this.scoring = scoring;
    this.r = r;
  }

  @Override
  public String arn() {
    return r.arn();
  }

  @Override
  public String name() {
    return r.name();
  }

  @Override
  public String input() {
    return r.input();
  }

  @Override
  public String output() {
    return r.output();
  }

  @Override
  public LineScorer open() {
    return scoring.open(
        r.arn(),
        r.solutionVersionArn(),
        r.filterArn(),
        r.numResults(),
        r.explorationWeight(),
        r.explorationItemAgeCutOff());
  }

  @Override
  public Store.Work<Void> update(Status status, String reason, Counts counts) {
    return c -> {
      BatchInferenceJobRecord now = Resources.find(c, Kinds.BATCH_INFERENCE_JOB, r.arn());
      if (now != null) {
        boolean none = counts == Counts.NONE;
        Resources.update(
            c,
            now.withStatus(
                status,
                reason,
                none ? null : counts.done(),
                none || counts.total() < 0 ? null : counts.total(),
                none ? null : counts.failed(),
                ctx.now()));
      }
      return null;
    };
  }
}
