package org.openpersonalize.bench.filters;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
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
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetRecommendationsResponse;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.bench.serving.GetRecommendationsBenchmark;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * What a filter adds to GetRecommendations, on the same 64-factor user-personalization campaign as
 * {@link GetRecommendationsBenchmark} at 100 k items: the unfiltered call beside the same call with
 * an exclude-seen filter ({@code EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")}), with a
 * parameterised genre filter ({@code INCLUDE ItemID WHERE Items.GENRE IN ($G)}, one genre of 50, so
 * 2 % of the catalogue passes) and with both chained by {@code |}. Report each as a ratio to {@link
 * #unfiltered} of the same run (target: at most 1.3).
 *
 * <p>The data is {@link GetRecommendationsBenchmark}'s, written by its own helper; only an {@code
 * EVENT_TYPE} column ({@code watch}) is added to the interactions, since a filter on event types
 * needs that field in the schema. User {@code u42} has about 25 interactions, so exclude-seen
 * removes about 25 items, some of them among the best scored.
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

  Path dir;
  OpenPersonalize engine;
  GetRecommendationsRequest unfiltered;
  GetRecommendationsRequest excludeSeen;
  GetRecommendationsRequest includeGenre;
  GetRecommendationsRequest chained;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("bench-filters");
    Path data = Files.createDirectories(dir.resolve("data"));
    GetRecommendationsBenchmark.writeData(data, 20_000, items, 500_000);
    addEventType(data.resolve("interactions.csv"));
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
                + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
                + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}]}");
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
    await(version, "training");
    String campaign =
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name("bench")
                    .solutionVersionArn(version)
                    .campaignConfig(c -> c.itemExplorationConfig(Map.of("explorationWeight", "0")))
                    .build())
            .campaignArn();
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

  /** Appends an {@code EVENT_TYPE} column, {@code watch} on every row. */
  static void addEventType(Path csv) throws IOException {
    Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(r.readLine() + ",EVENT_TYPE\n");
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        w.write(line);
        w.write(",watch\n");
      }
    }
    Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING);
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
    await(job, "import " + name);
  }

  private void await(String arn, String what) {
    String status = engine.awaitCompletion(arn, Duration.ofHours(1));
    if (!"ACTIVE".equals(status)) {
      throw new IllegalStateException(what + " failed: " + status);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    engine.close();
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
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
