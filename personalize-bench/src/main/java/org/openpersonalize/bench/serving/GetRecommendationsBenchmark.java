package org.openpersonalize.bench.serving;

import java.io.IOException;
import java.util.SplittableRandom;
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
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;

/**
 * GetRecommendations through the public API on a user-personalization campaign with 64 factors, for
 * catalogues of 10 k, 100 k and 1 M items, beside a plain scan of the same number of factor bytes
 * (one dot product per item) measured in the same run. Report {@code getRecommendations /
 * plainScan} per size (TARGETS.md: at most 1.5 at 100 k items).
 *
 * <p>What a call does beyond the scan: read the user's recent history from SQLite, fold the user's
 * vector in from it, score every item, compute the softmax normaliser, and select the top 25 with a
 * primitive heap; with {@code -p explorationWeight=0.3}, also merge every item into the exploration
 * ranking. Run with {@code -prof gc} to see the garbage per call. The model is trained with two
 * iterations only: latency does not depend on quality.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx8g"})
public class GetRecommendationsBenchmark {
  static final int FACTORS = 64;

  @Param({"10000", "100000", "1000000"})
  public int items;

  /**
   * The campaign's exploration weight: {@code 0} scores and selects only; above 0 every item is an
   * exploration candidate and competes with its bonus (the worst case of the exploration merge).
   */
  @Param({"0"})
  public String explorationWeight;

  ServingCampaign serving;
  GetRecommendationsRequest request;
  float[] itemFactors;
  float[] userVector;
  float[] scores;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    serving = ServingCampaign.create(20_000, items, 500_000, explorationWeight);
    request =
        GetRecommendationsRequest.builder()
            .campaignArn(serving.campaignArn())
            .userId("u42")
            .numResults(25)
            .build();
    GetRecommendationsResponse warm = serving.engine().runtime().getRecommendations(request);
    if (warm.itemList().size() != 25) {
      throw new IllegalStateException("expected 25 items, got " + warm.itemList().size());
    }
    SplittableRandom rnd = new SplittableRandom(1);
    itemFactors = new float[items * FACTORS];
    for (int i = 0; i < itemFactors.length; i++) {
      itemFactors[i] = (float) (rnd.nextDouble() - 0.5);
    }
    userVector = new float[FACTORS];
    for (int f = 0; f < FACTORS; f++) {
      userVector[f] = (float) (rnd.nextDouble() - 0.5);
    }
    scores = new float[items];
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    serving.close();
  }

  /** The public call, end to end. */
  @Benchmark
  public GetRecommendationsResponse getRecommendations() {
    return serving.engine().runtime().getRecommendations(request);
  }

  /** The baseline: one dot product per item over the same number of factor bytes. */
  @Benchmark
  public float[] plainScan() {
    float[] f = itemFactors;
    float[] u = userVector;
    float[] out = scores;
    for (int i = 0, base = 0; i < out.length; i++, base += FACTORS) {
      float s = 0;
      for (int k = 0; k < FACTORS; k++) {
        s += f[base + k] * u[k];
      }
      out[i] = s;
    }
    return out;
  }
}
