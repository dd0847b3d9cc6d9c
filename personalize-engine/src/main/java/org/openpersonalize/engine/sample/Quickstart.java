package org.openpersonalize.engine.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.DescribeDatasetImportJobRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.GetSolutionMetricsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionVersion;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.internal.Engine;

/**
 * The getting-started flow on generated sample data, end to end through the public API: create a
 * dataset group, schemas and datasets, bulk-import movies, users and events, record live events for
 * a new user, close the engine and reopen it, train user-personalization and popularity-count,
 * print their offline metrics side by side, deploy a campaign and print a few users'
 * recommendations. Run it with the README's quickstart command, which then runs the Domain workflow
 * ({@link DomainQuickstart}) too; the optional argument is the data directory (default: a new
 * temporary one).
 */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Runs the quickstart.
   *
   * @param args optional: the engine's data directory
   * @throws IOException if the sample files cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("openpersonalize-");
    run(dir, System.out);
    // The README's main-job command shows both workflows: custom, then Domain (recommenders).
    DomainQuickstart.run(dir.resolve("domain"), System.out);
  }

  /**
   * Runs the quickstart in {@code dir}, printing what happens.
   *
   * @param dir an empty or new directory
   * @param out where to print
   * @throws IOException if the sample files cannot be written
   */
  public static void run(Path dir, PrintStream out) throws IOException {
    SampleData sample = SampleData.generate(42, 1_000, 2_000, 40);
    SampleData.Files files = sample.writeTo(dir.resolve("sample-data"));
    out.printf(
        Locale.ROOT,
        "Generated %,d users, %,d movies and %,d events in %s%n",
        sample.users(),
        sample.items(),
        sample.events(),
        dir.resolve("sample-data"));

    Path store = dir.resolve("personalize-data");
    String group;
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      Personalize p = engine.personalize();
      group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("movies").build())
              .datasetGroupArn();
      out.println("Created dataset group " + group);
      String interactions =
          dataset(p, group, "Interactions", SampleData.INTERACTIONS_SCHEMA, "movie-interactions");
      String items = dataset(p, group, "Items", SampleData.ITEMS_SCHEMA, "movie-items");
      String users = dataset(p, group, "Users", SampleData.USERS_SCHEMA, "movie-users");
      importFile(engine, out, "import-items", items, files.items());
      importFile(engine, out, "import-users", users, files.users());
      importFile(engine, out, "import-interactions", interactions, files.interactions());

      String trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder()
                      .name("movie-tracker")
                      .datasetGroupArn(group)
                      .build())
              .trackingId();
      Instant now = Instant.now();
      int[] horror = sample.itemsOfGenre("Horror");
      for (int k = 0; k < 5; k++) {
        engine
            .events()
            .putEvents(
                PutEventsRequest.builder()
                    .trackingId(trackingId)
                    .userId("new-viewer")
                    .sessionId("session-1")
                    .eventList(
                        Event.builder()
                            .eventType("watch")
                            .itemId(SampleData.itemId(horror[k % horror.length]))
                            .eventValue(5f)
                            .sentAt(now.plusSeconds(k))
                            .build())
                    .build());
      }
      out.println("Recorded 5 live events for new-viewer with tracking ID " + trackingId);
    }

    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      Personalize p = engine.personalize();
      out.println("Reopened " + store);
      p.listDatasetGroups(ListDatasetGroupsRequest.builder().build())
          .datasetGroups()
          .forEach(g -> out.println("  dataset group " + g.name() + ": " + g.status()));
      p.listDatasets(ListDatasetsRequest.builder().datasetGroupArn(group).build())
          .datasets()
          .forEach(d -> out.println("  dataset " + d.datasetType() + ": " + d.status()));
      var data = Engine.of(engine).trainingData(group);
      out.printf(
          Locale.ROOT,
          "  training data: %,d interactions, %,d users, %,d items, event types %s%n",
          data.interactions().size(),
          data.users().size(),
          data.items().size(),
          eventTypes(data.interactions().eventTypes()));

      String up = train(engine, out, group, "movies-up", "aws-user-personalization");
      String pop = train(engine, out, group, "movies-popular", "aws-popularity-count");
      out.println(
          "Offline metrics (spec §8: 10 % of users held out), user-personalization vs popularity:");
      Map<String, Double> upMetrics = metrics(p, up);
      Map<String, Double> popMetrics = metrics(p, pop);
      for (String key : upMetrics.keySet()) {
        out.printf(
            Locale.ROOT, "  %-45s %.4f   %.4f%n", key, upMetrics.get(key), popMetrics.get(key));
      }
      String campaign =
          p.createCampaign(
                  CreateCampaignRequest.builder().name("movies").solutionVersionArn(up).build())
              .campaignArn();
      out.println("Campaign " + campaign + " is ACTIVE");
      for (int u = 0; u < 3; u++) {
        show(engine, out, campaign, SampleData.userId(u), "likes " + sample.tastesOf(u), sample);
      }
      show(engine, out, campaign, "new-viewer", "5 live Horror events, never trained on", sample);
    }
  }

  private static String train(
      OpenPersonalize engine, PrintStream out, String group, String name, String recipe) {
    Personalize p = engine.personalize();
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/" + recipe)
                    .build())
            .solutionArn();
    long t0 = System.nanoTime();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    String status = engine.awaitCompletion(version, Duration.ofMinutes(30));
    SolutionVersion v =
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(version).build())
            .solutionVersion();
    out.printf(
        Locale.ROOT,
        "Solution version %s: %s in %.2f s%s%n",
        version,
        status,
        (System.nanoTime() - t0) / 1e9,
        v.failureReason() == null ? "" : " — " + v.failureReason());
    if (!"ACTIVE".equals(status)) {
      throw new IllegalStateException("Training " + name + " failed: " + v.failureReason());
    }
    return version;
  }

  private static Map<String, Double> metrics(Personalize p, String version) {
    return p.getSolutionMetrics(
            GetSolutionMetricsRequest.builder().solutionVersionArn(version).build())
        .metrics();
  }

  private static void show(
      OpenPersonalize engine,
      PrintStream out,
      String campaign,
      String user,
      String about,
      SampleData sample) {
    List<PredictedItem> items =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .userId(user)
                    .numResults(5)
                    .build())
            .itemList();
    out.println("Top 5 for " + user + " (" + about + "):");
    for (PredictedItem item : items) {
      String genres = "";
      if (item.itemId().startsWith("movie-")) {
        genres = " " + sample.genresOf(Integer.parseInt(item.itemId().substring(6)));
      }
      out.printf(Locale.ROOT, "  %-12s score %.4f%s%n", item.itemId(), item.score(), genres);
    }
  }

  private static String eventTypes(org.openpersonalize.engine.internal.data.IdDictionary d) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < d.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(d.id(i));
    }
    return sb.append(']').toString();
  }

  private static String dataset(
      Personalize p, String group, String type, String schemaJson, String name) {
    String schema =
        p.createSchema(CreateSchemaRequest.builder().name(name).schema(schemaJson).build())
            .schemaArn();
    return p.createDataset(
            CreateDatasetRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .datasetType(type)
                .schemaArn(schema)
                .build())
        .datasetArn();
  }

  private static void importFile(
      OpenPersonalize engine, PrintStream out, String job, String datasetArn, Path file) {
    long t0 = System.nanoTime();
    String arn =
        engine
            .personalize()
            .createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName(job)
                    .datasetArn(datasetArn)
                    .dataSource(d -> d.dataLocation(file.toString()))
                    .importMode(ImportMode.FULL)
                    .build())
            .datasetImportJobArn();
    engine.awaitCompletion(arn, Duration.ofMinutes(10));
    DatasetImportJob j =
        engine
            .personalize()
            .describeDatasetImportJob(
                DescribeDatasetImportJobRequest.builder().datasetImportJobArn(arn).build())
            .datasetImportJob();
    out.printf(
        Locale.ROOT,
        "Import job %s: %s in %.2f s%s%n",
        job,
        j.status(),
        (System.nanoTime() - t0) / 1e9,
        j.failureReason() == null ? "" : " — " + j.failureReason());
    if (!"ACTIVE".equals(j.status())) {
      throw new IllegalStateException("Import job " + job + " failed: " + j.failureReason());
    }
  }
}
