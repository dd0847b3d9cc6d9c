package org.openpersonalize.bench.serving;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;
import org.openpersonalize.api.model.PutEventsRequest;

/**
 * GetRecommendations for a user with 200 stored events, per recipe, side by side in one JMH run
 * (issue 15: a sequence recipe's request-time encoder against {@code aws-user-personalization}'s
 * fold-in). Each trial builds a durable engine on the same generated data (2,000 users, 3,700
 * items, 100,000 power-law interactions), trains the recipe with its default network shape — only
 * the number of epochs or iterations is cut, since latency depends on the shape, not on quality —
 * and stores 200 events of a new user through PutEvents; the benchmark asks for that user's top 25.
 * Run: {@code java -jar benchmarks.jar SequenceServingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx4g"})
public class SequenceServingBenchmark {
  static final int HISTORY = 200;

  @Param({"aws-user-personalization", "aws-hrnn", "aws-user-personalization-v2"})
  public String recipe;

  ServingCampaign serving;
  GetRecommendationsRequest request;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Map<String, String> shortTraining =
        recipe.equals("aws-user-personalization")
            ? Map.of("num_iterations", "2")
            : Map.of("num_epochs", "1");
    serving =
        ServingCampaign.create(
            2_000,
            3_700,
            100_000,
            "arn:aws:personalize:::recipe/" + recipe,
            shortTraining,
            recipe.equals("aws-user-personalization") ? "0" : null);
    String tracking =
        serving
            .engine()
            .personalize()
            .createEventTracker(
                CreateEventTrackerRequest.builder()
                    .name("bench")
                    .datasetGroupArn(serving.datasetGroupArn())
                    .build())
            .trackingId();
    long start = 1_800_000_000L;
    for (int from = 0; from < HISTORY; from += 10) {
      List<Event> events = new ArrayList<>();
      for (int e = from; e < from + 10; e++) {
        events.add(
            Event.builder()
                .eventType("watch")
                .itemId("i" + ((e * 37) % 3_700))
                .sentAt(Instant.ofEpochSecond(start + e * 60L))
                .build());
      }
      serving
          .engine()
          .events()
          .putEvents(
              PutEventsRequest.builder()
                  .trackingId(tracking)
                  .userId("probe")
                  .sessionId("probe-session")
                  .eventList(events)
                  .build());
    }
    request =
        GetRecommendationsRequest.builder()
            .campaignArn(serving.campaignArn())
            .userId("probe")
            .numResults(25)
            .build();
    GetRecommendationsResponse warm = serving.engine().runtime().getRecommendations(request);
    if (warm.itemList().size() != 25) {
      throw new IllegalStateException("expected 25 items, got " + warm.itemList().size());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    serving.close();
  }

  /** The public call for the user with 200 stored events. */
  @Benchmark
  public GetRecommendationsResponse getRecommendations() {
    return serving.engine().runtime().getRecommendations(request);
  }
}
