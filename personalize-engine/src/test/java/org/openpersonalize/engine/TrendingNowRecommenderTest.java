package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.Domain;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.PutEventsRequest;

/**
 * Trending now (spec §4, §9.6): it surfaces the video whose views jumped in the latest interval
 * where Most popular keeps the steady favourite, and a brand-new video picked up by the 2-hourly
 * refresh, without a full retraining.
 */
class TrendingNowRecommenderTest {
  @TempDir Path dir;

  @Test
  void surfacesAJumpAndABrandNewVideoWithoutFullRetraining() throws Exception {
    DomainFixture.MovableClock clock = new DomainFixture.MovableClock();
    try (OpenPersonalize engine =
        OpenPersonalize.builder()
            .clock(clock)
            .threads(2)
            .schedulerInterval(Duration.ZERO)
            .build()) {
      DomainFixture f = new DomainFixture(engine, dir);
      String group = f.group("vod", Domain.VIDEO_ON_DEMAND);
      long end = DomainFixture.NOW.getEpochSecond();
      List<DomainFixture.Event> events = new ArrayList<>();
      SplittableRandom rnd = new SplittableRandom(3);
      // Ten days of steady viewing: 60 viewers, 20 videos each; v0 is everyone's favourite.
      for (int u = 0; u < 60; u++) {
        events.add(new DomainFixture.Event("u" + u, "v0", end - 86_400L * (1 + u % 9), "Watch"));
        for (int k = 1; k < 20; k++) {
          long t = end - 4 * 3600 - rnd.nextLong(10 * 86_400L);
          events.add(new DomainFixture.Event("u" + u, "v" + (1 + rnd.nextInt(100)), t, "Watch"));
        }
      }
      // v77: two views in the interval before the last, thirty in the last two hours.
      for (int u = 0; u < 2; u++) {
        events.add(new DomainFixture.Event("u" + u, "v77", end - 3 * 3600 - u, "Watch"));
      }
      for (int u = 10; u < 40; u++) {
        events.add(new DomainFixture.Event("u" + u, "v77", end - 3600 - u, "Watch"));
      }
      f.interactions(group, Domain.VIDEO_ON_DEMAND, events);

      String trending =
          f.recommender("trending", group, "aws-vod-trending-now", null).recommenderArn();
      String popular =
          f.recommender("popular", group, "aws-vod-most-popular", null).recommenderArn();
      assertEquals("v77", top(engine, trending, null).get(0));
      assertEquals("v0", top(engine, popular, "u1").get(0));

      // A video nobody had seen is watched by 40 viewers within the next two hours (PutEvents).
      String tracking =
          engine
              .personalize()
              .createEventTracker(
                  CreateEventTrackerRequest.builder().name("player").datasetGroupArn(group).build())
              .trackingId();
      for (int u = 0; u < 40; u++) {
        engine
            .events()
            .putEvents(
                PutEventsRequest.builder()
                    .trackingId(tracking)
                    .userId("u" + u)
                    .sessionId("s" + u)
                    .eventList(
                        Event.builder()
                            .eventType("Watch")
                            .itemId("premiere")
                            .sentAt(DomainFixture.NOW.plusSeconds(600 + 60L * u))
                            .build())
                    .build());
      }
      clock.advance(Duration.ofHours(1));
      assertEquals(0, engine.runScheduledWork(), "no refresh is due yet");
      assertFalse(top(engine, trending, null).contains("premiere"));
      // Two hours after the recommender's training, the refresh recounts: the premiere leads.
      clock.advance(Duration.ofHours(1));
      assertEquals(1, engine.runScheduledWork(), "one refresh (a full retraining is 7 days away)");
      waitFor(() -> top(engine, trending, null).get(0).equals("premiere"));
      assertEquals("premiere", top(engine, trending, null).get(0));
    }
  }

  private static List<String> top(OpenPersonalize engine, String arn, String user) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .recommenderArn(arn)
                .userId(user)
                .numResults(5)
                .build())
        .itemList()
        .stream()
        .map(PredictedItem::itemId)
        .collect(Collectors.toList());
  }

  /** Polls until the refresh (a background training) is served; no timing is asserted. */
  private static void waitFor(java.util.function.BooleanSupplier done) throws Exception {
    for (int i = 0; i < 6000 && !done.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
  }
}
