package org.openpersonalize.bench.serving;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * A durable engine with a user-personalization campaign at a chosen catalogue size, built through
 * the public API for the serving benchmarks: generated interactions with power-law item popularity
 * (event type {@code watch}), every item in an Items dataset with one of 50 genres ({@code g0} ..
 * {@code g49}), 64 factors, two training iterations (latency does not depend on quality),
 * exploration off unless asked for. Closing it closes the engine and deletes its folder.
 */
public final class ServingCampaign implements AutoCloseable {
  private final Path dir;
  private final OpenPersonalize engine;
  private final String group;
  private final String campaign;

  private ServingCampaign(Path dir, OpenPersonalize engine, String group, String campaign) {
    this.dir = dir;
    this.engine = engine;
    this.group = group;
    this.campaign = campaign;
  }

  /**
   * Builds the data, the datasets, the trained version and the campaign.
   *
   * @param users the number of users
   * @param items the number of items, all in the catalogue
   * @param interactions the number of interactions
   * @return the ready campaign
   * @throws IOException if the data cannot be written
   */
  public static ServingCampaign create(int users, int items, int interactions) throws IOException {
    return create(users, items, interactions, "0");
  }

  /**
   * Builds the data, the datasets, the trained version and a campaign with the given exploration
   * weight (every item is young enough to be explored: the interactions span under a week).
   *
   * @param users the number of users
   * @param items the number of items, all in the catalogue
   * @param interactions the number of interactions
   * @param explorationWeight the campaign's {@code explorationWeight}, e.g. {@code "0"} for none
   * @return the ready campaign
   * @throws IOException if the data cannot be written
   */
  public static ServingCampaign create(
      int users, int items, int interactions, String explorationWeight) throws IOException {
    return create(
        users,
        items,
        interactions,
        "arn:aws:personalize:::recipe/aws-user-personalization",
        Map.of("hidden_dimension", "64", "num_iterations", "2"),
        explorationWeight);
  }

  /**
   * Builds the data, the datasets, a version of the given recipe and a campaign.
   *
   * @param users the number of users
   * @param items the number of items, all in the catalogue
   * @param interactions the number of interactions
   * @param recipeArn the recipe
   * @param hyperparameters the solution's {@code algorithmHyperParameters}
   * @param explorationWeight the campaign's {@code explorationWeight}, or null to set no
   *     exploration config (recipes without exploration refuse one)
   * @return the ready campaign
   * @throws IOException if the data cannot be written
   */
  public static ServingCampaign create(
      int users,
      int items,
      int interactions,
      String recipeArn,
      Map<String, String> hyperparameters,
      String explorationWeight)
      throws IOException {
    Path dir = Files.createTempDirectory("bench-serving");
    Path data = Files.createDirectories(dir.resolve("data"));
    writeData(data, users, items, interactions);
    OpenPersonalize engine = OpenPersonalize.open(dir.resolve("store"));
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
    await(engine, load(p, "items", itemsDs, data.resolve("items.csv")));
    await(engine, load(p, "interactions", interactionsDs, data.resolve("interactions.csv")));
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("up")
                    .datasetGroupArn(group)
                    .recipeArn(recipeArn)
                    .performAutoTraining(false)
                    .solutionConfig(
                        SolutionConfig.builder().algorithmHyperParameters(hyperparameters).build())
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    await(engine, version);
    String campaign =
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name("bench")
                    .solutionVersionArn(version)
                    .campaignConfig(
                        c ->
                            c.itemExplorationConfig(
                                explorationWeight == null
                                    ? null
                                    : Map.of("explorationWeight", explorationWeight)))
                    .build())
            .campaignArn();
    return new ServingCampaign(dir, engine, group, campaign);
  }

  /** The engine. */
  public OpenPersonalize engine() {
    return engine;
  }

  /** The dataset group, e.g. to create filters in. */
  public String datasetGroupArn() {
    return group;
  }

  /** The campaign. */
  public String campaignArn() {
    return campaign;
  }

  private static String dataset(Personalize p, String group, String type, String schema) {
    String name = type.toLowerCase(Locale.ROOT);
    String schemaArn =
        p.createSchema(CreateSchemaRequest.builder().name(name).schema(schema).build()).schemaArn();
    return p.createDataset(
            CreateDatasetRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .datasetType(type)
                .schemaArn(schemaArn)
                .build())
        .datasetArn();
  }

  private static String load(Personalize p, String name, String dataset, Path file) {
    return p.createDatasetImportJob(
            CreateDatasetImportJobRequest.builder()
                .jobName(name)
                .datasetArn(dataset)
                .dataSource(d -> d.dataLocation(file.toString()))
                .build())
        .datasetImportJobArn();
  }

  private static void await(OpenPersonalize engine, String arn) {
    String status = engine.awaitCompletion(arn, Duration.ofHours(1));
    if (!"ACTIVE".equals(status)) {
      throw new IllegalStateException(arn + " ended " + status);
    }
  }

  /** Power-law item popularity; every item in the catalogue (so the model has all of them). */
  static void writeData(Path dir, int users, int items, int interactions) throws IOException {
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
      w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
      for (int k = 0; k < interactions; k++) {
        int u = rnd.nextInt(users);
        // Inverse-CDF sample of a log-uniform law over item ranks: a heavy head, a long tail.
        int item =
            (int) Math.min(items - 1, Math.floor(Math.pow(items + 1.0, rnd.nextDouble()) - 1));
        w.write("u" + u + ",i" + item + "," + (1_700_000_000L + k) + ",watch\n");
      }
    }
  }

  @Override
  public void close() throws IOException {
    engine.close();
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
