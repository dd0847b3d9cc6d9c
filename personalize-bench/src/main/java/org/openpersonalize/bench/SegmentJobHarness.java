package org.openpersonalize.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateBatchSegmentJobRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.DescribeBatchSegmentJobRequest;
import org.openpersonalize.bench.recipes.PowerLawData;
import org.openpersonalize.engine.ImportSolutionVersionRequest;
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.recipes.ItemAffinityRecipe;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * Times a batch segment job (CreateBatchSegmentJob, spec §7.2) of {@code items} Item-Affinity lines
 * over {@code users} users, end to end through the public API on a durable engine: JSON Lines in,
 * the solution version's model loaded from its file, segments of {@code numResults} users written
 * to the output file. Beside it, in the same run, two baselines over factors of the same shape:
 *
 * <ul>
 *   <li><b>plain scan</b>: for each item, one dot product per user with a straightforward
 *       four-accumulator loop over a {@code users × k} float matrix, keeping the best score — the
 *       arithmetic and the bytes read of the segments, single-threaded, with no selection and no
 *       I/O;
 *   <li><b>per-item API</b>: {@code Model.scoreUsersForItem} then a top-{@code numResults} per item
 *       on one thread — what a job would cost without blocks and cores.
 * </ul>
 *
 * The model is an aws-item-affinity model trained for one sweep on power-law data ({@link
 * PowerLawData}): real factors of the right shape (scoring time does not depend on their quality).
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar org.openpersonalize.bench.SegmentJobHarness \
 *     [users=100000] [catalogue=20000] [items=500] [factors=64] [numResults=100] [repeats=3]
 * </pre>
 */
public final class SegmentJobHarness {
  private SegmentJobHarness() {}

  /**
   * Runs the harness.
   *
   * @param args {@code name=value} settings as shown above
   * @throws IOException when the temporary engine cannot be written
   */
  public static void main(String[] args) throws IOException {
    Map<String, Integer> s =
        new java.util.LinkedHashMap<>(
            Map.of(
                "users", 100_000,
                "catalogue", 20_000,
                "items", 500,
                "factors", 64,
                "numResults", 100,
                "repeats", 3));
    for (String a : args) {
      String[] kv = a.split("=", 2);
      if (!s.containsKey(kv[0]) || kv.length != 2) {
        throw new IllegalArgumentException("expected one of " + s.keySet() + "=<n>; got: " + a);
      }
      s.put(kv[0], Integer.parseInt(kv[1]));
    }
    int users = s.get("users");
    int catalogue = s.get("catalogue");
    int items = s.get("items");
    int k = s.get("factors");
    int numResults = s.get("numResults");
    System.out.println("settings " + s);

    long t0 = System.nanoTime();
    TrainingData data = PowerLawData.generate(users, catalogue, 10 * users, 42);
    Recipe recipe = new ItemAffinityRecipe();
    Model model =
        recipe.train(
            data,
            recipe.resolveHyperparameters(
                Map.of(
                    "hidden_dimension",
                    Integer.toString(k),
                    "num_iterations",
                    "1",
                    "recency_mask",
                    "false")),
            TrainingContext.builder().seed(1).build());
    System.out.printf(Locale.ROOT, "model trained in %.1f s%n", seconds(t0));

    Path dir = BenchFiles.freshDir("segment-harness");
    try (BenchEngine bench = BenchEngine.create(dir.resolve("engine"))) {
      Personalize p = bench.engine.personalize();
      String solution =
          p.createSolution(
                  CreateSolutionRequest.builder()
                      .name("segments")
                      .datasetGroupArn(bench.datasetGroupArn)
                      .recipeArn(recipe.recipeArn())
                      .build())
              .solutionArn();
      Path file = dir.resolve("model.opm");
      Files.write(file, artifact(model, recipe, users, catalogue).toBytes());
      String version =
          bench.engine.importSolutionVersion(
              ImportSolutionVersionRequest.builder()
                  .solutionArn(solution)
                  .modelFile(file)
                  .trainingHyperParameters(Map.of("hidden_dimension", Integer.toString(k)))
                  .build());
      Path in = Files.createDirectories(dir.resolve("in")).resolve("items.json");
      int[] chosen = chosenItems(items, catalogue);
      List<String> lines = new ArrayList<>();
      for (int i : chosen) {
        lines.add("{\"itemId\": \"i" + i + "\"}");
      }
      Files.write(in, lines, StandardCharsets.UTF_8);
      float[] userMatrix = randomMatrix(users, k);
      float[] itemMatrix = randomMatrix(items, k);
      for (int r = 0; r < s.get("repeats"); r++) {
        double job = runJob(bench, p, version, in, dir.resolve("out" + r), numResults, r);
        double scan = plainScan(userMatrix, itemMatrix, users, items, k);
        double api = perItemApi(model, chosen, numResults);
        System.out.printf(
            Locale.ROOT,
            "run %d: job %.3f s | plain scan %.3f s | per-item API %.3f s | job/scan %.2f,"
                + " job/API %.2f%n",
            r + 1,
            job,
            scan,
            api,
            job / scan,
            job / api);
      }
    } finally {
      BenchFiles.deleteTree(dir);
    }
  }

  private static double runJob(
      BenchEngine bench, Personalize p, String version, Path in, Path out, int numResults, int r) {
    long t = System.nanoTime();
    String arn =
        p.createBatchSegmentJob(
                CreateBatchSegmentJobRequest.builder()
                    .jobName("segments-" + r)
                    .solutionVersionArn(version)
                    .numResults(numResults)
                    .jobInput(i -> i.s3DataSource(d -> d.path(in.toString())))
                    .jobOutput(o -> o.s3DataDestination(d -> d.path(out.toString())))
                    .build())
            .batchSegmentJobArn();
    String status = bench.engine.awaitCompletion(arn, Duration.ofMinutes(30));
    double elapsed = seconds(t);
    var job =
        p.describeBatchSegmentJob(
                DescribeBatchSegmentJobRequest.builder().batchSegmentJobArn(arn).build())
            .batchSegmentJob();
    if (!"ACTIVE".equals(status) || job.linesFailed() != 0) {
      throw new IllegalStateException("job ended " + status + ": " + job);
    }
    return elapsed;
  }

  /** The scan baseline: every (item, user) dot product, the best kept, on one thread. */
  static double plainScan(float[] users, float[] items, int numUsers, int numItems, int k) {
    long t = System.nanoTime();
    double sink = 0;
    for (int i = 0; i < numItems; i++) {
      int io = i * k;
      float best = Float.NEGATIVE_INFINITY;
      for (int u = 0; u < numUsers; u++) {
        int uo = u * k;
        float a = 0;
        float b = 0;
        float c = 0;
        float d = 0;
        int j = 0;
        for (; j + 3 < k; j += 4) {
          a += users[uo + j] * items[io + j];
          b += users[uo + j + 1] * items[io + j + 1];
          c += users[uo + j + 2] * items[io + j + 2];
          d += users[uo + j + 3] * items[io + j + 3];
        }
        for (; j < k; j++) {
          a += users[uo + j] * items[io + j];
        }
        best = Math.max(best, (a + b) + (c + d));
      }
      sink += best;
    }
    if (sink == 42.4242) {
      System.out.println(sink); // keeps the loop from being optimised away
    }
    return seconds(t);
  }

  /** The per-item baseline: the model's one-item scoring and a top-K, item after item. */
  static double perItemApi(Model model, int[] items, int numResults) {
    long t = System.nanoTime();
    float[] scores = new float[model.numUsers()];
    TopK top = new TopK(numResults);
    int[] best = new int[numResults];
    for (int i : items) {
      model.scoreUsersForItem(i, scores);
      top.offerAll(scores, 0, scores.length);
      top.drainTo(best, null);
    }
    return seconds(t);
  }

  private static ModelArtifact artifact(Model model, Recipe recipe, int users, int items)
      throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    model.writeTo(payload);
    String[] userIds = new String[users];
    for (int u = 0; u < users; u++) {
      userIds[u] = "u" + u;
    }
    String[] itemIds = new String[items];
    for (int i = 0; i < items; i++) {
      itemIds[i] = "i" + i;
    }
    return new ModelArtifact(
        "arn:aws:personalize:local:000000000000:solution/segments/harness",
        "arn:aws:personalize:local:000000000000:dataset-group/bench",
        recipe.recipeArn(),
        1_735_689_600L,
        userIds,
        itemIds,
        new int[0],
        new int[items],
        new long[items],
        payload.toByteArray());
  }

  private static int[] chosenItems(int n, int catalogue) {
    SplittableRandom rng = new SplittableRandom(5);
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      out[k] = rng.nextInt(catalogue);
    }
    return out;
  }

  private static float[] randomMatrix(int rows, int k) {
    SplittableRandom rng = new SplittableRandom(rows);
    float[] m = new float[rows * k];
    for (int e = 0; e < m.length; e++) {
      m[e] = (float) (rng.nextDouble() - 0.5);
    }
    return m;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
