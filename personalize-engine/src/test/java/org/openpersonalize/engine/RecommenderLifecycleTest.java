package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.model.DeleteRecommenderRequest;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ListRecommendersRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Recommender;
import org.openpersonalize.api.model.RecommenderConfig;
import org.openpersonalize.api.model.ResourceInUseException;
import org.openpersonalize.api.model.ResourceNotFoundException;
import org.openpersonalize.api.model.StartRecommenderRequest;
import org.openpersonalize.api.model.StopRecommenderRequest;
import org.openpersonalize.api.model.TrainingDataConfig;
import org.openpersonalize.api.model.UpdateRecommenderRequest;

/**
 * A recommender's life (spec §1.13): create → ACTIVE → serve → stop (STOP PENDING > STOP
 * IN_PROGRESS, halting its running retraining > INACTIVE; refused, not retrained) → start (START
 * PENDING > START IN_PROGRESS > ACTIVE) → update (the old model and settings serve until the new
 * model is ACTIVE) → scheduled full retraining on a shortened interval by the engine clock →
 * delete.
 */
class RecommenderLifecycleTest {
  @TempDir Path dir;

  /** Trainings that reached ACTIVE, by version ARN. */
  final Set<String> finished = ConcurrentHashMap.newKeySet();

  /** While set, a training waits on it before it finishes. */
  final AtomicReference<CountDownLatch> gate = new AtomicReference<>();

  /** Per recommender name: while present, that recommender's trainings wait on it. */
  final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

  /** Trainings that reached a hold. */
  final Set<String> arrived = ConcurrentHashMap.newKeySet();

  @Test
  void createServeStopStartUpdateRetrainDelete() throws Exception {
    DomainFixture.MovableClock clock = new DomainFixture.MovableClock();
    try (OpenPersonalize engine =
        OpenPersonalize.builder()
            .clock(clock)
            .threads(2)
            .schedulerInterval(Duration.ZERO)
            .recommenderTrainingInterval(Duration.ofDays(1))
            .trainingProgress(
                (arn, fraction, message) -> {
                  CountDownLatch g = gate.get();
                  if (fraction == 0.5 && g != null) {
                    await(g);
                  }
                  for (Map.Entry<String, CountDownLatch> h : holds.entrySet()) {
                    if (fraction == 0.5 && arn.contains("/" + h.getKey() + ".recommender/")) {
                      arrived.add(arn);
                      await(h.getValue());
                    }
                  }
                  if (fraction == 1.0) {
                    finished.add(arn);
                  }
                })
            .build()) {
      DomainFixture f = new DomainFixture(engine, dir);
      String group = f.group("vod", Domain.VIDEO_ON_DEMAND);
      f.interactions(group, Domain.VIDEO_ON_DEMAND, DomainFixture.vodEvents(1));
      f.items(group, Domain.VIDEO_ON_DEMAND, DomainFixture.vodItems());

      // create → ACTIVE, with metrics of held-out users
      Recommender r = f.recommender("picks", group, "aws-vod-top-picks", null);
      String arn = r.recommenderArn();
      assertEquals("ACTIVE", r.status(), r.failureReason());
      assertEquals(1, finished.size());
      assertTrue(r.modelMetrics().containsKey("precision_at_10"), r.modelMetrics().toString());
      List<String> served = serve(engine, arn);
      assertEquals(10, served.size());

      // stop, as Amazon sequences it: STOP PENDING > STOP IN_PROGRESS > INACTIVE. A second
      // recommender's retraining and this one's are both held, so the stop waits in the queue
      // (STOP PENDING); freeing one worker lets it halt this recommender's retraining (STOP
      // IN_PROGRESS); once that training ends the recommender is INACTIVE.
      Recommender popular = f.recommender("popular", group, "aws-vod-most-popular", null);
      assertEquals("ACTIVE", popular.status(), popular.failureReason());
      CountDownLatch holdPicks = hold("picks");
      CountDownLatch holdPopular = hold("popular");
      clock.advance(Duration.ofDays(1));
      assertEquals(2, engine.runScheduledWork(), "both recommenders' full retraining is due");
      waitFor(() -> arrived.size() == 2);
      engine
          .personalize()
          .stopRecommender(StopRecommenderRequest.builder().recommenderArn(arn).build());
      assertEquals("STOP PENDING", f.describe(arn).status());
      ResourceInUseException refused =
          assertThrows(ResourceInUseException.class, () -> serve(engine, arn));
      assertTrue(refused.getMessage().contains("StartRecommender"), refused.getMessage());
      holdPopular.countDown();
      waitFor(() -> f.describe(arn).status().equals("STOP IN_PROGRESS"));
      assertThrows(ResourceInUseException.class, () -> serve(engine, arn));
      holdPicks.countDown();
      assertEquals("INACTIVE", engine.awaitCompletion(arn, Duration.ofMinutes(1)));
      refused = assertThrows(ResourceInUseException.class, () -> serve(engine, arn));
      assertTrue(refused.getMessage().contains("INACTIVE"), refused.getMessage());
      assertFalse(
          finishedOf("picks").size() > 1, "the stop halted the retraining: " + finishedOf("picks"));
      engine.awaitCompletion(popular.recommenderArn(), Duration.ofMinutes(1));
      engine
          .personalize()
          .deleteRecommender(
              DeleteRecommenderRequest.builder().recommenderArn(popular.recommenderArn()).build());

      // stopped: no retraining even when one falls due, and a second stop is refused
      clock.advance(Duration.ofDays(2));
      assertEquals(0, engine.runScheduledWork());
      assertThrows(
          ResourceInUseException.class,
          () ->
              engine
                  .personalize()
                  .stopRecommender(StopRecommenderRequest.builder().recommenderArn(arn).build()));

      // start: START PENDING > START IN_PROGRESS > ACTIVE; the same model serves again, no new
      // training (workers are free here, so the call may return at any step of the sequence)
      engine
          .personalize()
          .startRecommender(StartRecommenderRequest.builder().recommenderArn(arn).build());
      assertTrue(
          Set.of("START PENDING", "START IN_PROGRESS", "ACTIVE")
              .contains(f.describe(arn).status()));
      assertEquals("ACTIVE", engine.awaitCompletion(arn, Duration.ofMinutes(1)));
      assertEquals(served, serve(engine, arn));
      assertEquals(1, finishedOf("picks").size());
      assertThrows(
          ResourceInUseException.class,
          () ->
              engine
                  .personalize()
                  .startRecommender(StartRecommenderRequest.builder().recommenderArn(arn).build()));
      finished.removeIf(v -> !v.contains("/picks."));

      // update the training columns: a retraining, during which the old model and settings serve
      CountDownLatch hold = new CountDownLatch(1);
      gate.set(hold);
      RecommenderConfig excluding =
          RecommenderConfig.builder()
              .trainingDataConfig(
                  TrainingDataConfig.builder()
                      .excludedDatasetColumns(Map.of("Items", List.of("CONTENT_OWNER")))
                      .build())
              .build();
      engine
          .personalize()
          .updateRecommender(
              UpdateRecommenderRequest.builder()
                  .recommenderArn(arn)
                  .recommenderConfig(excluding)
                  .build());
      Recommender during = f.describe(arn);
      assertEquals("ACTIVE", during.status());
      assertEquals("UPDATE IN_PROGRESS", during.latestRecommenderUpdate().status());
      assertNull(during.recommenderConfig().trainingDataConfig(), "old settings in effect");
      assertEquals(served, serve(engine, arn), "the old model serves meanwhile");
      assertThrows(
          ResourceInUseException.class,
          () ->
              engine
                  .personalize()
                  .updateRecommender(
                      UpdateRecommenderRequest.builder()
                          .recommenderArn(arn)
                          .recommenderConfig(RecommenderConfig.builder().build())
                          .build()));
      // Stopping now would halt the update's training and drop the update: refused.
      String busy =
          assertThrows(
                  ResourceInUseException.class,
                  () ->
                      engine
                          .personalize()
                          .stopRecommender(
                              StopRecommenderRequest.builder().recommenderArn(arn).build()))
              .getMessage();
      assertTrue(busy.contains("latestRecommenderUpdate"), busy);
      gate.set(null);
      hold.countDown();
      Recommender after = waitForUpdate(f, arn);
      assertEquals("ACTIVE", after.latestRecommenderUpdate().status());
      assertEquals(excluding, after.recommenderConfig());
      assertEquals(2, finished.size());

      // the scheduled full retraining: due one (shortened) day after the update's training
      assertEquals(0, engine.runScheduledWork());
      clock.advance(Duration.ofDays(1));
      assertEquals(1, engine.runScheduledWork());
      assertEquals(0, engine.runScheduledWork(), "one training at a time");
      waitFor(() -> finished.size() == 3);
      assertEquals(10, serve(engine, arn).size());

      // delete: gone from Describe, List and serving
      engine
          .personalize()
          .deleteRecommender(DeleteRecommenderRequest.builder().recommenderArn(arn).build());
      assertThrows(ResourceNotFoundException.class, () -> f.describe(arn));
      assertThrows(ResourceNotFoundException.class, () -> serve(engine, arn));
      assertTrue(
          engine
              .personalize()
              .listRecommenders(ListRecommendersRequest.builder().datasetGroupArn(group).build())
              .recommenders()
              .isEmpty());
      assertFalse(finished.isEmpty());
    }
  }

  /** Holds the named recommender's next trainings at half way until the latch is counted down. */
  private CountDownLatch hold(String recommender) {
    CountDownLatch l = new CountDownLatch(1);
    holds.put(recommender, l);
    return l;
  }

  /** The finished trainings of one recommender. */
  private Set<String> finishedOf(String recommender) {
    return finished.stream()
        .filter(v -> v.contains("/" + recommender + ".recommender/"))
        .collect(Collectors.toSet());
  }

  private static List<String> serve(OpenPersonalize engine, String arn) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .recommenderArn(arn)
                .userId("u2")
                .numResults(10)
                .build())
        .itemList()
        .stream()
        .map(PredictedItem::itemId)
        .collect(Collectors.toList());
  }

  private static Recommender waitForUpdate(DomainFixture f, String arn) throws Exception {
    Recommender[] last = new Recommender[1];
    waitFor(
        () -> {
          last[0] = f.describe(arn);
          return !last[0].latestRecommenderUpdate().status().equals("UPDATE IN_PROGRESS");
        });
    return last[0];
  }

  /** Polls a condition that a background training makes true (no timing is asserted). */
  private static void waitFor(java.util.function.BooleanSupplier done) throws Exception {
    for (int i = 0; i < 6000 && !done.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertTrue(done.getAsBoolean(), "the training did not finish within a minute");
  }

  private static void await(CountDownLatch g) {
    try {
      g.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
