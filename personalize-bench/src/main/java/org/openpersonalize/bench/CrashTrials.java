package org.openpersonalize.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DatasetImportJobSummary;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.api.model.ListDatasetImportJobsResponse;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.ListSolutionVersionsResponse;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionVersionSummary;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * kill -9 trials at scale (issue 12): the engine test {@code CrashRecoveryTest} runs a dozen in CI;
 * this runs as many as asked (default 100) and prints the tally. Each trial starts a child JVM that
 * streams PutEvents, runs INCREMENTAL imports and trains solution versions at once on one durable
 * directory, kills it ({@code destroyForcibly}, SIGKILL) a random 0-3 s after its first
 * acknowledged event (and, every second and third trial, import or version), and checks on
 * reopening: {@code PRAGMA integrity_check} is ok; every acknowledged event is stored; every import
 * job is ACTIVE with all its rows or failed with none; every acknowledged version is ACTIVE and
 * none is left unfinished. Temporary model files left in {@code models/} are counted and reported,
 * not failed on.
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar org.openpersonalize.bench.CrashTrials [trials] [seed] [recipeArn]
 * </pre>
 */
public final class CrashTrials {
  static final int ROWS_PER_IMPORT = 1500;
  static final int ITEMS_PER_IMPORT = 100;

  private final Path dir;
  private final String group;
  private final String dataset;
  private final String trackingId;
  private final String solution;
  private final Set<String> events = ConcurrentHashMap.newKeySet();
  private final Set<String> imports = ConcurrentHashMap.newKeySet();
  private final Set<String> versions = ConcurrentHashMap.newKeySet();
  private final List<String> losses = new ArrayList<>();
  private volatile boolean ready;
  private int integrityOk;
  private int failedImports;
  private int failedVersions;
  private long tempModelFiles;

  /**
   * The child process: three threads printing "ACK E items", "ACK I job", "ACK T version".
   *
   * @param args store, tracking ID, dataset, solution, round, data folder
   * @throws Exception on set-up errors (the parent sees the child die early)
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 6) {
      child(args);
      return;
    }
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 2026;
    Path dir = BenchFiles.freshDir("crash-");
    long t0 = System.nanoTime();
    CrashTrials run = new CrashTrials(dir, args);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int round = 0; round < trials; round++) {
      run.trial(round, rnd.nextInt(3000));
      if ((round + 1) % 10 == 0) {
        System.out.printf(
            Locale.ROOT, "%d trials, %d losses so far%n", round + 1, run.losses.size());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n| kill trials | integrity_check ok | acknowledged events | acknowledged imports"
            + " | imports failed by a kill | acknowledged versions | versions failed by a kill"
            + " | lost | temporary model files left | minutes |%n"
            + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"
            + "| %d | %d | %d | %d | %d | %d | %d | %d | %d | %.1f |%n",
        trials,
        run.integrityOk,
        run.events.size(),
        run.imports.size(),
        run.failedImports,
        run.versions.size(),
        run.failedVersions,
        run.losses.size(),
        run.tempModelFiles,
        (System.nanoTime() - t0) / 6e10);
    for (String loss : run.losses) {
      System.out.println("LOST: " + loss);
    }
    if (!run.losses.isEmpty()) {
      System.exit(1);
    }
  }

  private CrashTrials(Path dir, String[] args) throws IOException {
    this.dir = dir;
    try (OpenPersonalize engine = OpenPersonalize.open(dir.resolve("store"))) {
      Personalize p = engine.personalize();
      group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("crash").build())
              .datasetGroupArn();
      String schema =
          p.createSchema(
                  CreateSchemaRequest.builder()
                      .name("interactions")
                      .schema(
                          "{\"type\":\"record\",\"name\":\"Interactions\",\"fields\":["
                              + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
                              + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
                              + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
                              + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"}]}")
                      .build())
              .schemaArn();
      dataset =
          p.createDataset(
                  CreateDatasetRequest.builder()
                      .name("interactions")
                      .datasetGroupArn(group)
                      .datasetType("Interactions")
                      .schemaArn(schema)
                      .build())
              .datasetArn();
      trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
      Path seedFile = importFile(Files.createDirectories(dir.resolve("data")), "seed", 3000, 50);
      String job =
          p.createDatasetImportJob(
                  CreateDatasetImportJobRequest.builder()
                      .jobName("seed")
                      .datasetArn(dataset)
                      .dataSource(d -> d.dataLocation(seedFile.toString()))
                      .build())
              .datasetImportJobArn();
      if (!"ACTIVE".equals(engine.awaitCompletion(job, Duration.ofMinutes(5)))) {
        throw new IllegalStateException("the seed import failed");
      }
      solution =
          p.createSolution(
                  CreateSolutionRequest.builder()
                      .name("up")
                      .datasetGroupArn(group)
                      // The training lifecycle (data scan, featurization, model file, status)
                      // is what a kill interrupts; the fastest recipe fits 100 trials in an hour.
                      .recipeArn(
                          args.length > 2 && !args[2].isEmpty()
                              ? args[2]
                              : "arn:aws:personalize:::recipe/aws-popularity-count")
                      .build())
              .solutionArn();
    }
  }

  /** An import file whose items ({@code <job>-i<n>}) appear in no other job. */
  static Path importFile(Path data, String job, int rows, int items) throws IOException {
    Path csv = data.resolve(job + ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n");
      for (int i = 0; i < rows; i++) {
        w.write(
            "u"
                + (i % 50)
                + ","
                + job
                + "-i"
                + (i % items)
                + ","
                + (1_600_000_000L + i)
                + ",watch\n");
      }
    }
    return csv;
  }

  private static void child(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    String trackingId = args[1];
    String datasetArn = args[2];
    String solutionArn = args[3];
    int round = Integer.parseInt(args[4]);
    Path data = Path.of(args[5]);
    OpenPersonalize engine = OpenPersonalize.open(store);
    System.out.println("READY");
    System.out.flush();
    Thread events =
        new Thread(
            () -> {
              for (int batch = 0; ; batch++) {
                int n = 1 + batch % 10;
                List<Event> list = new ArrayList<>();
                StringBuilder ack = new StringBuilder("ACK E");
                for (int j = 0; j < n; j++) {
                  String item = "r" + round + "-b" + batch + "-e" + j;
                  list.add(
                      Event.builder()
                          .eventType("click")
                          .itemId(item)
                          .sentAt(Instant.ofEpochSecond(1_700_000_000L + batch))
                          .build());
                  ack.append(' ').append(item);
                }
                engine
                    .events()
                    .putEvents(
                        PutEventsRequest.builder()
                            .trackingId(trackingId)
                            .userId("live" + round)
                            .sessionId("s" + round)
                            .eventList(list)
                            .build());
                System.out.println(ack);
              }
            });
    Thread importer =
        new Thread(
            () -> {
              try {
                for (int k = 0; ; k++) {
                  String name = "r" + round + "-k" + k;
                  Path csv = importFile(data, name, ROWS_PER_IMPORT, ITEMS_PER_IMPORT);
                  String job =
                      engine
                          .personalize()
                          .createDatasetImportJob(
                              CreateDatasetImportJobRequest.builder()
                                  .jobName(name)
                                  .datasetArn(datasetArn)
                                  .dataSource(d -> d.dataLocation(csv.toString()))
                                  .importMode(ImportMode.INCREMENTAL)
                                  .build())
                          .datasetImportJobArn();
                  if ("ACTIVE".equals(engine.awaitCompletion(job, Duration.ofMinutes(5)))) {
                    System.out.println("ACK I " + name);
                  }
                }
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread trainer =
        new Thread(
            () -> {
              while (true) {
                String version =
                    engine
                        .personalize()
                        .createSolutionVersion(
                            CreateSolutionVersionRequest.builder().solutionArn(solutionArn).build())
                        .solutionVersionArn();
                if ("ACTIVE".equals(engine.awaitCompletion(version, Duration.ofMinutes(5)))) {
                  System.out.println("ACK T " + version);
                }
              }
            });
    events.start();
    importer.start();
    trainer.start();
    events.join();
  }

  private void trial(int round, long killAfterMs) throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                CrashTrials.class.getName(),
                dir.resolve("store").toString(),
                trackingId,
                dataset,
                solution,
                Integer.toString(round),
                dir.resolve("data").toString())
            .redirectError(dir.resolve("child.err").toFile())
            .start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.equals("READY")) {
                    ready = true;
                  } else if (line.startsWith("ACK E ")) {
                    events.addAll(List.of(line.substring(6).split(" ")));
                  } else if (line.startsWith("ACK I ")) {
                    imports.add(line.substring(6));
                  } else if (line.startsWith("ACK T ")) {
                    versions.add(line.substring(6));
                  }
                }
              } catch (IOException e) {
                // The pipe breaks when the child dies: what was read is what was acknowledged.
              }
            });
    reader.start();
    // Kill after the first acknowledged event and, every second and third trial, the first
    // import or trained version of this trial: the kills then land inside every kind of work
    // whatever the machine's load, at a random moment after that.
    int events0 = events.size();
    int imports0 = imports.size();
    int versions0 = versions.size();
    int kind = round % 3;
    while (!ready
        || events.size() == events0
        || (kind == 1 && imports.size() == imports0)
        || (kind == 2 && versions.size() == versions0)) {
      if (!child.isAlive()) {
        throw new IllegalStateException("child died early; see " + dir.resolve("child.err"));
      }
      Thread.sleep(5);
    }
    ready = false;
    Thread.sleep(killAfterMs);
    child.destroyForcibly();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child did not die");
    }
    reader.join();
    verify(round);
  }

  private void verify(int round) throws Exception {
    Path db = dir.resolve("store").resolve("personalize.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      if ("ok".equals(rs.getString(1))) {
        integrityOk++;
      } else {
        losses.add("round " + round + ": integrity_check " + rs.getString(1));
      }
    }
    try (Stream<Path> files = Files.list(dir.resolve("store").resolve("models"))) {
      tempModelFiles = files.filter(f -> f.toString().endsWith(".tmp")).count();
    } catch (IOException e) {
      tempModelFiles = 0; // no models folder yet
    }
    try (OpenPersonalize engine = OpenPersonalize.open(dir.resolve("store"))) {
      Set<String> stored = storedItems(db);
      for (String item : events) {
        if (!stored.contains(item)) {
          losses.add("round " + round + ": acknowledged event " + item);
        }
      }
      failedImports = 0;
      for (DatasetImportJobSummary job : importJobs(engine)) {
        if (job.jobName().equals("seed")) {
          continue;
        }
        int present = 0;
        for (int i = 0; i < ITEMS_PER_IMPORT; i++) {
          present += stored.contains(job.jobName() + "-i" + i) ? 1 : 0;
        }
        boolean active = "ACTIVE".equals(job.status());
        if (!active) {
          failedImports++;
        }
        if (active ? present != ITEMS_PER_IMPORT : present != 0) {
          losses.add(
              "round "
                  + round
                  + ": import "
                  + job.jobName()
                  + " "
                  + job.status()
                  + " with "
                  + present
                  + " of "
                  + ITEMS_PER_IMPORT
                  + " items");
        }
        if (!active && imports.contains(job.jobName())) {
          losses.add(
              "round " + round + ": acknowledged import " + job.jobName() + " now " + job.status());
        }
      }
      Map<String, String> status = new HashMap<>();
      failedVersions = 0;
      for (SolutionVersionSummary v : versions(engine)) {
        status.put(v.solutionVersionArn(), v.status());
        if (!v.status().equals("ACTIVE")) {
          failedVersions++;
        }
        if (v.status().contains("PENDING") || v.status().contains("IN_PROGRESS")) {
          losses.add("round " + round + ": version left " + v.status());
        }
      }
      for (String v : versions) {
        if (!"ACTIVE".equals(status.get(v))) {
          losses.add("round " + round + ": acknowledged version " + v + " now " + status.get(v));
        }
      }
    }
  }

  /**
   * The items of the stored interactions, read with plain SQL as a user of {@code sqlite3} would:
   * the dataset's table is named in its resource row.
   */
  private Set<String> storedItems(Path db) throws java.sql.SQLException {
    Set<String> stored = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.PreparedStatement ps =
            c.prepareStatement(
                "SELECT json_extract(attrs, '$.table') FROM resources WHERE arn = ?")) {
      ps.setString(1, dataset);
      String table;
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        table = rs.getString(1);
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT DISTINCT ITEM_ID FROM " + table)) {
        while (rs.next()) {
          stored.add(rs.getString(1));
        }
      }
    }
    return stored;
  }

  private List<DatasetImportJobSummary> importJobs(OpenPersonalize engine) {
    List<DatasetImportJobSummary> all = new ArrayList<>();
    String token = null;
    do {
      ListDatasetImportJobsResponse page =
          engine
              .personalize()
              .listDatasetImportJobs(
                  ListDatasetImportJobsRequest.builder()
                      .datasetArn(dataset)
                      .nextToken(token)
                      .build());
      all.addAll(page.datasetImportJobs());
      token = page.nextToken();
    } while (token != null);
    return all;
  }

  private List<SolutionVersionSummary> versions(OpenPersonalize engine) {
    List<SolutionVersionSummary> all = new ArrayList<>();
    String token = null;
    do {
      ListSolutionVersionsResponse page =
          engine
              .personalize()
              .listSolutionVersions(
                  ListSolutionVersionsRequest.builder()
                      .solutionArn(solution)
                      .nextToken(token)
                      .build());
      all.addAll(page.solutionVersions());
      token = page.nextToken();
    } while (token != null);
    return all;
  }
}
