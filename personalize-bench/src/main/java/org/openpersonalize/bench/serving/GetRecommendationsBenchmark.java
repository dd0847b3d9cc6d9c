package org.openpersonalize.bench.serving;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
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
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * GetRecommendations through the public API on a user-personalization campaign with 64 factors, for
 * catalogues of 10 k, 100 k and 1 M items, beside a plain scan of the same number of factor bytes
 * (one dot product per item) measured in the same run. Report {@code getRecommendations /
 * plainScan} per size (TARGETS.md: at most 1.5 at 100 k items).
 *
 * <p>What a call does beyond the scan: read the user's recent history from SQLite, fold the user's
 * vector in from it, score every item, compute the softmax normaliser, and select the top 25 with a
 * primitive heap. The model is trained with two iterations only: latency does not depend on
 * quality.
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

  Path dir;
  OpenPersonalize engine;
  String campaign;
  GetRecommendationsRequest request;
  float[] itemFactors;
  float[] userVector;
  float[] scores;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("bench-recs");
    int users = 20_000;
    int interactions = 500_000;
    Path data = Files.createDirectories(dir.resolve("data"));
    writeData(data, users, items, interactions);
    engine = OpenPersonalize.open(dir.resolve("store"));
    Personalize p = engine.personalize();
    String group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("bench").build())
            .datasetGroupArn();
    String interactionsDs =
        dataset(
            p,
            group,
            "Interactions",
            "{\"type\":\"record\",\"name\":\"Interactions\",\"fields\":["
                + "{\"name\":\"USER_ID\",\"type\":\"string\"},{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
                + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"}]}");
    String itemsDs =
        dataset(
            p,
            group,
            "Items",
            "{\"type\":\"record\",\"name\":\"Items\",\"fields\":["
                + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
                + "{\"name\":\"GENRE\",\"type\":\"string\",\"categorical\":true}]}");
    load(p, "items", itemsDs, data.resolve("items.csv"));
    load(p, "interactions", interactionsDs, data.resolve("interactions.csv"));
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("up")
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/aws-user-personalization")
                    .solutionConfig(
                        SolutionConfig.builder()
                            .algorithmHyperParameters(
                                Map.of("hidden_dimension", "64", "num_iterations", "2"))
                            .build())
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    String status = engine.awaitCompletion(version, Duration.ofHours(1));
    if (!"ACTIVE".equals(status)) {
      throw new IllegalStateException("training failed: " + status);
    }
    campaign =
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name("bench")
                    .solutionVersionArn(version)
                    .campaignConfig(c -> c.itemExplorationConfig(Map.of("explorationWeight", "0")))
                    .build())
            .campaignArn();
    request =
        GetRecommendationsRequest.builder()
            .campaignArn(campaign)
            .userId("u42")
            .numResults(25)
            .build();
    GetRecommendationsResponse warm = engine.runtime().getRecommendations(request);
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

  private static String dataset(Personalize p, String group, String type, String schema) {
    String schemaArn =
        p.createSchema(
                CreateSchemaRequest.builder().name(type.toLowerCase()).schema(schema).build())
            .schemaArn();
    return p.createDataset(
            CreateDatasetRequest.builder()
                .name(type.toLowerCase())
                .datasetGroupArn(group)
                .datasetType(type)
                .schemaArn(schemaArn)
                .build())
        .datasetArn();
  }

  private void load(Personalize p, String name, String dataset, Path file) {
    String job =
        p.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName(name)
                    .datasetArn(dataset)
                    .dataSource(d -> d.dataLocation(file.toString()))
                    .build())
            .datasetImportJobArn();
    String status = engine.awaitCompletion(job, Duration.ofHours(1));
    if (!"ACTIVE".equals(status)) {
      throw new IllegalStateException("import " + name + " failed: " + status);
    }
  }

  /**
   * Writes {@code items.csv} and {@code interactions.csv}: power-law item popularity, every item in
   * the catalogue (so the model has all of them). Shared with the filter benchmark so both measure
   * the same catalogue.
   *
   * @param dir the folder to write into
   * @param users the number of users
   * @param items the number of items
   * @param interactions the number of interactions
   * @throws IOException if writing fails
   */
  public static void writeData(Path dir, int users, int items, int interactions)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    try (BufferedWriter w =
        Files.newBufferedWriter(dir.resolve("items.csv"), StandardCharsets.UTF_8)) {
      w.write("ITEM_ID,GENRE\n");
      for (int i = 0; i < items; i++) {
        w.write("i" + i + ",g" + (i % 50) + "\n");
      }
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(dir.resolve("interactions.csv"), StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP\n");
      for (int k = 0; k < interactions; k++) {
        int u = rnd.nextInt(users);
        // Inverse-CDF sample of a Zipf-like law over item ranks.
        int item =
            (int) Math.min(items - 1, Math.floor(Math.pow(items + 1.0, rnd.nextDouble()) - 1));
        w.write("u" + u + ",i" + item + "," + (1_700_000_000L + k) + "\n");
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    engine.close();
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The public call, end to end. */
  @Benchmark
  public GetRecommendationsResponse getRecommendations() {
    return engine.runtime().getRecommendations(request);
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
