package org.openpersonalize.bench.accuracy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DeleteCampaignRequest;
import org.openpersonalize.api.model.DeleteSolutionRequest;
import org.openpersonalize.api.model.DescribeDatasetImportJobRequest;
import org.openpersonalize.api.model.DescribeRecipeRequest;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.RecipeSummary;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * One engine and one dataset group, driven only through the public API as a user would: schemas,
 * datasets and import jobs, then solutions, solution versions, campaigns, filters and
 * GetRecommendations. Everything the harness measures goes through here.
 */
final class ApiSession implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofMinutes(60);

  private final OpenPersonalize engine;
  private final Personalize p;
  private final String group;
  private int names;

  /**
   * A trained solution version.
   *
   * @param solution its solution's ARN
   * @param arn its ARN
   * @param seconds wall time of CreateSolutionVersion until ACTIVE, which includes the engine's
   *     offline-metrics training on 90 % of the users (spec §8) as well as the full model
   */
  record Version(String solution, String arn, double seconds) {}

  private ApiSession(OpenPersonalize engine, String groupName) {
    this.engine = engine;
    this.p = engine.personalize();
    this.group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name(groupName).build())
            .datasetGroupArn();
  }

  /** Opens a new engine in {@code dir} with one dataset group. */
  static ApiSession open(Path dir, String groupName) {
    return new ApiSession(OpenPersonalize.open(dir), groupName);
  }

  /** Creates a dataset of {@code type} and imports {@code csv} into it, failing loudly. */
  void importDataset(String type, String schemaJson, Path csv) {
    String name = "ds-" + type.toLowerCase(java.util.Locale.ROOT) + "-" + (++names);
    String schema =
        p.createSchema(CreateSchemaRequest.builder().name(name).schema(schemaJson).build())
            .schemaArn();
    String dataset =
        p.createDataset(
                CreateDatasetRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .datasetType(type)
                    .schemaArn(schema)
                    .build())
            .datasetArn();
    String job =
        p.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName(name + "-import")
                    .datasetArn(dataset)
                    .dataSource(d -> d.dataLocation(csv.toAbsolutePath().toString()))
                    .importMode(ImportMode.FULL)
                    .build())
            .datasetImportJobArn();
    String status = engine.awaitCompletion(job, TIMEOUT);
    if (!"ACTIVE".equals(status)) {
      throw new IllegalStateException(
          "import of "
              + csv
              + " is "
              + status
              + ": "
              + p.describeDatasetImportJob(
                      DescribeDatasetImportJobRequest.builder().datasetImportJobArn(job).build())
                  .datasetImportJob()
                  .failureReason());
    }
  }

  /** Trains a solution version of {@code recipe} (its short name) with the given overrides. */
  Version train(String recipe, Map<String, String> hyperparameters) {
    return train("sol-" + (++names), recipe, hyperparameters);
  }

  /**
   * Trains a solution version in a solution of the given name. The training seed follows the
   * solution's ARN, so a solution deleted and created again under the same name trains with the
   * same seed: two configurations can be compared without the seed's noise.
   */
  Version train(String solutionName, String recipe, Map<String, String> hyperparameters) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(solutionName)
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + recipe)
                    // Harness rows measure the configuration given: no schedule, and so no
                    // automatic tuning of the v2 recipes (spec §9.4).
                    .performAutoTraining(false)
                    .solutionConfig(c -> c.algorithmHyperParameters(hyperparameters))
                    .build())
            .solutionArn();
    return firstVersion(solution, "training " + recipe);
  }

  /**
   * Trains a solution version of {@code recipe} with {@code performHPO} and the given search.
   *
   * @param recipe the recipe's short name
   * @param fixed hyperparameters fixed during the search
   * @param hpo the search
   * @return the version, its wall time including the search
   */
  Version trainWithHpo(
      String recipe, Map<String, String> fixed, org.openpersonalize.api.model.HPOConfig hpo) {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("sol-" + (++names))
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + recipe)
                    // Harness rows measure the configuration given: no schedule, and so no
                    // automatic tuning of the v2 recipes (spec §9.4).
                    .performAutoTraining(false)
                    .performHPO(true)
                    .solutionConfig(c -> c.algorithmHyperParameters(fixed).hpoConfig(hpo))
                    .build())
            .solutionArn();
    return firstVersion(solution, "HPO training of " + recipe);
  }

  /**
   * Trains the first version of a solution with {@code performAutoML} and no {@code recipeArn} or
   * {@code autoMLConfig}: the engine compares its default list (the HRNN recipes) on validation
   * users, then, HPO being implied, tunes the chosen recipe before training it (spec §9.5).
   *
   * @return the version, its wall time including the comparison and the search
   */
  Version trainAutoMl() {
    return trainAutoMl(true);
  }

  /**
   * As {@link #trainAutoMl()}; with {@code performHpo} false the request says {@code
   * performHPO=false}, so AutoML only compares the recipes and trains the best with its defaults.
   */
  Version trainAutoMl(boolean performHpo) {
    CreateSolutionRequest.Builder request =
        CreateSolutionRequest.builder()
            .name("sol-" + (++names))
            .datasetGroupArn(group)
            .performAutoML(true)
            // Harness rows measure the configuration given: no schedule.
            .performAutoTraining(false);
    if (!performHpo) {
      request.performHPO(false);
    }
    String solution = p.createSolution(request.build()).solutionArn();
    return firstVersion(solution, "AutoML training");
  }

  /**
   * Creates a solution's version, waits for it and fails, naming {@code what} and the engine's
   * reason, unless it is ACTIVE.
   *
   * @return the version and its wall time until ACTIVE
   */
  private Version firstVersion(String solution, String what) {
    long t0 = System.nanoTime();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    String status = engine.awaitCompletion(version, TIMEOUT);
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (!"ACTIVE".equals(status)) {
      throw new IllegalStateException(
          what + " is " + status + ": " + describe(version).failureReason());
    }
    return new Version(solution, version, seconds);
  }

  /** DescribeSolution's {@code autoMLResult.bestRecipeArn}, or null before a choice. */
  String autoMlChoice(String solutionArn) {
    var result =
        p.describeSolution(DescribeSolutionRequest.builder().solutionArn(solutionArn).build())
            .solution()
            .autoMLResult();
    return result == null ? null : result.bestRecipeArn();
  }

  /** DescribeSolutionVersion. */
  org.openpersonalize.api.model.SolutionVersion describe(String versionArn) {
    return p.describeSolutionVersion(
            DescribeSolutionVersionRequest.builder().solutionVersionArn(versionArn).build())
        .solutionVersion();
  }

  /** The trials of a version's hyperparameter search (the engine's listHpoTrials). */
  List<org.openpersonalize.engine.HpoTrial> hpoTrials(String versionArn) {
    return engine.listHpoTrials(versionArn);
  }

  /** GetSolutionMetrics for a version. */
  Map<String, Double> metrics(String versionArn) {
    return p.getSolutionMetrics(
            GetSolutionMetricsRequest.builder().solutionVersionArn(versionArn).build())
        .metrics();
  }

  /** Deploys a version; campaigns are ACTIVE when the call returns. */
  String campaign(String versionArn) {
    return p.createCampaign(
            CreateCampaignRequest.builder()
                .name("campaign-" + (++names))
                .solutionVersionArn(versionArn)
                .build())
        .campaignArn();
  }

  /** Deletes a campaign: an engine holds at most 5 active ones, as Amazon's default quota. */
  void deleteCampaign(String campaignArn) {
    p.deleteCampaign(DeleteCampaignRequest.builder().campaignArn(campaignArn).build());
  }

  /** Deletes a solution: a dataset group holds at most 10. */
  void deleteSolution(String solutionArn) {
    p.deleteSolution(DeleteSolutionRequest.builder().solutionArn(solutionArn).build());
  }

  /** Creates a filter in the group. */
  String filter(String expression) {
    return p.createFilter(
            CreateFilterRequest.builder()
                .name("filter-" + (++names))
                .datasetGroupArn(group)
                .filterExpression(expression)
                .build())
        .filterArn();
  }

  /** GetRecommendations for a user (itemId null) or an item (userId null). */
  List<PredictedItem> recommend(
      String campaign, String userId, String itemId, int numResults, String filterArn) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId(userId)
                .itemId(itemId)
                .numResults(numResults)
                .filterArn(filterArn)
                .build())
        .itemList();
  }

  /**
   * The short names of every recipe ListRecipes returns whose DescribeRecipe type is {@code type}
   * (e.g. {@code USER_PERSONALIZATION}), in catalogue order, so new recipes join a table without
   * the harness naming them.
   */
  List<String> recipesOfType(String type) {
    List<String> out = new java.util.ArrayList<>();
    String token = null;
    do {
      var page =
          p.listRecipes(ListRecipesRequest.builder().nextToken(token).maxResults(100).build());
      for (RecipeSummary r : page.recipes()) {
        String recipeType =
            p.describeRecipe(DescribeRecipeRequest.builder().recipeArn(r.recipeArn()).build())
                .recipe()
                .recipeType();
        if (type.equals(recipeType)) {
          out.add(r.name());
        }
      }
      token = page.nextToken();
    } while (token != null);
    return out;
  }

  /** The algorithm hyperparameters DescribeSolutionVersion reports for a trained version. */
  Map<String, String> describedParameters(String versionArn) {
    var tuned =
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(versionArn).build())
            .solutionVersion()
            .tunedHPOParams();
    return tuned == null ? Map.of() : tuned.algorithmHyperParameters();
  }

  /** Creates an event tracker for the group and returns its tracking ID. */
  String eventTracker() {
    return p.createEventTracker(
            CreateEventTrackerRequest.builder()
                .name("tracker-" + (++names))
                .datasetGroupArn(group)
                .build())
        .trackingId();
  }

  /**
   * PutEvents: one event of {@code eventType} per item, value 5 (a top rating), one second apart
   * from {@code start}.
   */
  void putEvents(
      String trackingId, String userId, List<String> items, String eventType, long start) {
    List<Event> events = new java.util.ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      events.add(
          Event.builder()
              .eventType(eventType)
              .itemId(items.get(k))
              .eventValue(5f)
              .sentAt(java.time.Instant.ofEpochSecond(start + k))
              .build());
    }
    engine
        .events()
        .putEvents(
            PutEventsRequest.builder()
                .trackingId(trackingId)
                .userId(userId)
                .sessionId("session-" + userId)
                .eventList(events)
                .build());
  }

  @Override
  public void close() {
    engine.close();
  }
}
