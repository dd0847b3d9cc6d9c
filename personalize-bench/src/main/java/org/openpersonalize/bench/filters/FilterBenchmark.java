package org.openpersonalize.bench.filters;

import java.io.IOException;
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
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;
import org.openpersonalize.bench.serving.GetRecommendationsBenchmark;
import org.openpersonalize.bench.serving.ServingCampaign;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * What a filter adds to GetRecommendations, on the same 64-factor user-personalization campaign as
 * {@link GetRecommendationsBenchmark} at 100 k items: the unfiltered call beside the same call with
 * an exclude-seen filter ({@code EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")}), with a
 * parameterised genre filter ({@code INCLUDE ItemID WHERE Items.GENRE IN ($G)}, one genre of 50, so
 * 2 % of the catalogue passes) and with both chained by {@code |}. Report each as a ratio to {@link
 * #unfiltered} of the same run (target: at most 1.3).
 *
 * <p>The campaign is {@link ServingCampaign}'s, as in {@link GetRecommendationsBenchmark}. User
 * {@code u42} has about 25 interactions, so exclude-seen removes about 25 items, some of them among
 * the best scored.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx8g"})
public class FilterBenchmark {
  @Param({"100000"})
  public int items;

  ServingCampaign serving;
  OpenPersonalize engine;
  GetRecommendationsRequest unfiltered;
  GetRecommendationsRequest excludeSeen;
  GetRecommendationsRequest includeGenre;
  GetRecommendationsRequest chained;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    serving = ServingCampaign.create(20_000, items, 500_000);
    engine = serving.engine();
    Personalize p = engine.personalize();
    String group = serving.datasetGroupArn();
    String campaign = serving.campaignArn();
    String seen = "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"*\")";
    String genre = "INCLUDE ItemID WHERE Items.GENRE IN ($G)";
    Map<String, String> g7 = Map.of("G", "\"g7\"");
    unfiltered = request(campaign).build();
    excludeSeen = request(campaign).filterArn(filter(p, group, "seen", seen)).build();
    includeGenre =
        request(campaign).filterArn(filter(p, group, "genre", genre)).filterValues(g7).build();
    chained =
        request(campaign)
            .filterArn(filter(p, group, "both", genre + " | " + seen))
            .filterValues(g7)
            .build();
    for (GetRecommendationsRequest r :
        new GetRecommendationsRequest[] {unfiltered, excludeSeen, includeGenre, chained}) {
      int n = engine.runtime().getRecommendations(r).itemList().size();
      if (n != 25) {
        throw new IllegalStateException("expected 25 items, got " + n + " for " + r);
      }
    }
  }

  static GetRecommendationsRequest.Builder request(String campaign) {
    return GetRecommendationsRequest.builder().campaignArn(campaign).userId("u42").numResults(25);
  }

  private static String filter(Personalize p, String group, String name, String expression) {
    return p.createFilter(
            CreateFilterRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .filterExpression(expression)
                .build())
        .filterArn();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    serving.close();
  }

  /** The baseline: the same call without a filter. */
  @Benchmark
  public GetRecommendationsResponse unfiltered() {
    return engine.runtime().getRecommendations(unfiltered);
  }

  /** Reads the user's interaction window and excludes those items. */
  @Benchmark
  public GetRecommendationsResponse excludeSeen() {
    return engine.runtime().getRecommendations(excludeSeen);
  }

  /** Admits one genre of 50; the top-K heap backfills from the scored list. */
  @Benchmark
  public GetRecommendationsResponse includeGenre() {
    return engine.runtime().getRecommendations(includeGenre);
  }

  /** Both, chained with {@code |}. */
  @Benchmark
  public GetRecommendationsResponse chained() {
    return engine.runtime().getRecommendations(chained);
  }
}
