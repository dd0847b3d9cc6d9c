package org.openpersonalize.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.BatchInferenceJobSummary;
import org.openpersonalize.api.model.BatchSegmentJobSummary;
import org.openpersonalize.api.model.CreateBatchInferenceJobRequest;
import org.openpersonalize.api.model.CreateBatchSegmentJobRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DatasetImportJobSummary;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListBatchInferenceJobsRequest;
import org.openpersonalize.api.model.ListBatchInferenceJobsResponse;
import org.openpersonalize.api.model.ListBatchSegmentJobsRequest;
import org.openpersonalize.api.model.ListBatchSegmentJobsResponse;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.api.model.ListDatasetImportJobsResponse;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.ListSolutionVersionsResponse;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionVersionSummary;
import org.openpersonalize.engine.internal.data.DatasetGroupData;
import org.openpersonalize.engine.internal.store.Store;

/**
 * kill -9 trials (issue 12), shared by the engine's {@code CrashRecoveryTest} (a dozen in CI) and
 * {@code personalize-bench}'s {@code CrashTrials} (100 or more; the bench module depends on this
 * module's test jar for it). No JUnit here, so the bench jar can run it: a trial records what it
 * found wrong in {@link Tally#losses} and the caller decides how to fail.
 *
 * <p>Each trial starts a child JVM ({@link #main}) on one durable directory that does five kinds of
 * work at once, each on its own thread, printing an acknowledgement after each piece the engine
 * acknowledged: PutEvents calls ({@code ACK E items}), INCREMENTAL imports ({@code ACK I job}),
 * trainings ({@code ACK T version}), batch inference jobs ({@code ACK B job}) and batch segment
 * jobs ({@code ACK S job}). The parent waits until the child acknowledged its first event and, by
 * the trial's number, its first piece of one kind of work (so that the kills land inside every kind
 * whatever the machine's load), sleeps a random delay and kills the child with SIGKILL ({@code
 * destroyForcibly}). It then counts the temporary files the kill left (evidence of where it
 * landed), reopens the store and checks:
 *
 * <ul>
 *   <li>{@code PRAGMA integrity_check} is ok;
 *   <li>every acknowledged event is stored; every import job is ACTIVE with all its rows or {@code
 *       CREATE FAILED} with none, and acknowledged ones are ACTIVE;
 *   <li>every solution version is ACTIVE, CREATE FAILED or CREATE STOPPED, acknowledged ones are
 *       ACTIVE, and the model folder holds exactly one {@code .opm} per ACTIVE version and no
 *       {@code .tmp};
 *   <li>every batch job is ACTIVE or {@code CREATE FAILED} with the reason {@link
 *       #ABANDONED_REASON}; acknowledged ones are ACTIVE; an ACTIVE job has every output file, and
 *       every output file that exists is whole (one JSON line per input line, in input order);
 *   <li>no temporary output file is left in any output folder.
 * </ul>
 */
public final class KillTrials {
  /** The failure reason of a batch job that a killed (or closed) engine left unfinished. */
  public static final String ABANDONED_REASON =
      "The engine stopped before the job finished; output files it had not completed were removed."
          + " Create the job again.";

  static final int ROWS_PER_IMPORT = 1500;
  static final int ITEMS_PER_IMPORT = 100;

  /** Lines of each batch inference input file; two files per job, so a kill can fall between. */
  static final int INFERENCE_LINES = 2000;

  /** Lines of the segment job's input: Item-Affinity's limit. */
  static final int SEGMENT_LINES = 500;

  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String AFFINITY = "arn:aws:personalize:::recipe/aws-item-affinity";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the trials so far acknowledged, found and lost. */
  public static final class Tally {
    /** Kill trials run. */
    public int trials;

    /** Reopenings whose {@code integrity_check} said ok. */
    public int integrityOk;

    /** Import jobs (not counting the seed) that ended failed: the kill fell inside them. */
    public int failedImports;

    /** Solution versions of the trained solution that ended failed or stopped. */
    public int failedVersions;

    /** Batch inference jobs a kill left unfinished, failed at the next open. */
    public int failedInferenceJobs;

    /** Batch segment jobs a kill left unfinished, failed at the next open. */
    public int failedSegmentJobs;

    /** Complete {@code .out} files checked whole, over every trial. */
    public int outputFilesChecked;

    /** Temporary output files found right after a kill (a kill in the middle of a file). */
    public int tempOutputsAfterKill;

    /** Temporary model files found right after a kill (a kill while a model was written). */
    public int tempModelsAfterKill;

    /** Every violation found, one line each; empty when nothing was lost. */
    public final List<String> losses = new ArrayList<>();
  }

  private final Path dir;
  private final String group;
  private final String dataset;
  private final String trackingId;
  private final String solution;
  private final String inferenceVersion;
  private final String segmentVersion;
  final Set<String> events = ConcurrentHashMap.newKeySet();
  final Set<String> imports = ConcurrentHashMap.newKeySet();
  final Set<String> versions = ConcurrentHashMap.newKeySet();
  final Set<String> inferenceJobs = ConcurrentHashMap.newKeySet();
  final Set<String> segmentJobs = ConcurrentHashMap.newKeySet();
  private final Tally tally = new Tally();
  private volatile boolean ready;

  /**
   * Sets up the directory every trial starts from: an interactions dataset with a seed import, an
   * event tracker, the solution the child trains (of {@code trainingRecipe}), and one ACTIVE
   * version each of User-Personalization and Item-Affinity that the batch jobs use, with their
   * input files.
   *
   * @param dir an empty directory
   * @param trainingRecipe the recipe ARN of the solution the child trains over and over
   * @param hyperParameters that solution's algorithm hyperparameters
   * @throws IOException if the input files cannot be written
   */
  public KillTrials(Path dir, String trainingRecipe, Map<String, String> hyperParameters)
      throws IOException {
    this.dir = dir;
    Path data = Files.createDirectories(dir.resolve("data"));
    try (OpenPersonalize engine = OpenPersonalize.open(dir.resolve("store"))) {
      Personalize p = engine.personalize();
      group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("crash").build())
              .datasetGroupArn();
      dataset =
          Fixtures.dataset(
              p,
              group,
              "Interactions",
              Fixtures.schema(p, "interactions", Fixtures.INTERACTIONS_SCHEMA));
      trackingId =
          p.createEventTracker(
                  CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
              .trackingId();
      Path seed = Fixtures.interactionsCsv(data, "seed.csv", 3000, 11);
      String status =
          Fixtures.importAndWait(engine, "seed", dataset, seed, ImportMode.FULL).status();
      if (!"ACTIVE".equals(status)) {
        throw new IllegalStateException("seed import ended " + status);
      }
      solution = solution(p, "trained", trainingRecipe, hyperParameters);
      Map<String, String> small = Map.of("hidden_dimension", "32", "num_iterations", "2");
      inferenceVersion = activeVersion(engine, solution(p, "batch-up", UP, small));
      segmentVersion = activeVersion(engine, solution(p, "batch-affinity", AFFINITY, small));
    }
    // Two input files, so a kill can fall after the first output file was completed.
    Path in = Files.createDirectories(dir.resolve("batch-in"));
    for (String file : new String[] {"a.json", "b.json"}) {
      try (BufferedWriter w = Files.newBufferedWriter(in.resolve(file), StandardCharsets.UTF_8)) {
        for (int i = 0; i < INFERENCE_LINES; i++) {
          w.write("{\"userId\": \"u" + (i % 50) + "\"}\n");
        }
      }
    }
    Path seg = Files.createDirectories(dir.resolve("segment-in"));
    try (BufferedWriter w =
        Files.newBufferedWriter(seg.resolve("items.json"), StandardCharsets.UTF_8)) {
      for (int i = 0; i < SEGMENT_LINES; i++) {
        w.write("{\"itemId\": \"i" + (i % 200) + "\"}\n");
      }
    }
  }

  private String solution(
      Personalize p, String name, String recipe, Map<String, String> hyperParameters) {
    return p.createSolution(
            CreateSolutionRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .recipeArn(recipe)
                .solutionConfig(
                    SolutionConfig.builder().algorithmHyperParameters(hyperParameters).build())
                .build())
        .solutionArn();
  }

  private static String activeVersion(OpenPersonalize engine, String solutionArn) {
    String v =
        engine
            .personalize()
            .createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solutionArn).build())
            .solutionVersionArn();
    String status = engine.awaitCompletion(v, Duration.ofMinutes(10));
    if (!"ACTIVE".equals(status)) {
      throw new IllegalStateException(v + " ended " + status);
    }
    return v;
  }

  /** What the trials so far found. */
  public Tally tally() {
    return tally;
  }

  /** Acknowledged events, imports, versions, batch inference jobs and segment jobs, in order. */
  public int[] acknowledged() {
    return new int[] {
      events.size(), imports.size(), versions.size(), inferenceJobs.size(), segmentJobs.size()
    };
  }

  /**
   * The child: five threads, each printing an acknowledgement after each piece of work the engine
   * acknowledged. Never returns; the parent kills it.
   *
   * @param args store, tracking ID, dataset, solution, inference version, segment version, round,
   *     trial directory
   * @throws Exception if the engine cannot be opened (the parent sees the child die early)
   */
  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    String trackingId = args[1];
    String datasetArn = args[2];
    String solutionArn = args[3];
    String inference = args[4];
    String segment = args[5];
    int round = Integer.parseInt(args[6]);
    Path dir = Path.of(args[7]);
    // One background thread per kind of job, so that imports, trainings and both batch jobs run
    // at the same time instead of queueing behind each other.
    OpenPersonalize engine = OpenPersonalize.builder().directory(store).threads(4).build();
    System.out.println("READY");
    System.out.flush();
    List<Thread> threads =
        List.of(
            new Thread(() -> putEvents(engine, trackingId, round)),
            new Thread(() -> imports(engine, datasetArn, round, dir.resolve("data"))),
            new Thread(() -> train(engine, solutionArn)),
            new Thread(() -> inferenceJobs(engine, inference, round, dir)),
            new Thread(() -> segmentJobs(engine, segment, round, dir)));
    for (Thread t : threads) {
      t.start();
    }
    threads.get(0).join();
  }

  private static void putEvents(OpenPersonalize engine, String trackingId, int round) {
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
  }

  private static void imports(OpenPersonalize engine, String datasetArn, int round, Path data) {
    try {
      for (int k = 0; ; k++) {
        String name = "r" + round + "-k" + k;
        Path csv = importFile(data, name);
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
        if ("ACTIVE".equals(engine.awaitCompletion(job, Duration.ofMinutes(10)))) {
          System.out.println("ACK I " + name);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void train(OpenPersonalize engine, String solutionArn) {
    while (true) {
      String version =
          engine
              .personalize()
              .createSolutionVersion(
                  CreateSolutionVersionRequest.builder().solutionArn(solutionArn).build())
              .solutionVersionArn();
      if ("ACTIVE".equals(engine.awaitCompletion(version, Duration.ofMinutes(10)))) {
        System.out.println("ACK T " + version);
      }
    }
  }

  private static void inferenceJobs(OpenPersonalize engine, String version, int round, Path dir) {
    for (int k = 0; ; k++) {
      String name = "r" + round + "-bi" + k;
      Path out = dir.resolve("out").resolve(name);
      String job =
          engine
              .personalize()
              .createBatchInferenceJob(
                  CreateBatchInferenceJobRequest.builder()
                      .jobName(name)
                      .solutionVersionArn(version)
                      .numResults(10)
                      .jobInput(
                          i -> i.s3DataSource(s -> s.path(dir.resolve("batch-in").toString())))
                      .jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))
                      .build())
              .batchInferenceJobArn();
      if ("ACTIVE".equals(engine.awaitCompletion(job, Duration.ofMinutes(10)))) {
        System.out.println("ACK B " + name);
      }
    }
  }

  private static void segmentJobs(OpenPersonalize engine, String version, int round, Path dir) {
    for (int k = 0; ; k++) {
      String name = "r" + round + "-bs" + k;
      Path out = dir.resolve("out").resolve(name);
      String job =
          engine
              .personalize()
              .createBatchSegmentJob(
                  CreateBatchSegmentJobRequest.builder()
                      .jobName(name)
                      .solutionVersionArn(version)
                      .numResults(20)
                      .jobInput(
                          i -> i.s3DataSource(s -> s.path(dir.resolve("segment-in").toString())))
                      .jobOutput(o -> o.s3DataDestination(s -> s.path(out.toString())))
                      .build())
              .batchSegmentJobArn();
      if ("ACTIVE".equals(engine.awaitCompletion(job, Duration.ofMinutes(10)))) {
        System.out.println("ACK S " + name);
      }
    }
  }

  /** An import file whose items ({@code <job>-i<n>}) appear in no other job. */
  static Path importFile(Path data, String job) throws IOException {
    Path csv = data.resolve(job + ".csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write(Fixtures.INTERACTIONS_HEADER + "\n");
      for (int i = 0; i < ROWS_PER_IMPORT; i++) {
        w.write(
            "u"
                + (i % 50)
                + ","
                + job
                + "-i"
                + (i % ITEMS_PER_IMPORT)
                + ","
                + (1_600_000_000L + i)
                + ",watch,1.0\n");
      }
    }
    return csv;
  }

  /**
   * Runs one trial: starts the child, kills it {@code killAfterMs} after it acknowledged its first
   * event and, for {@code round % 5} = 1, 2, 3 or 4, its first import, version, batch inference job
   * or batch segment job of this trial; then checks the store (violations go to the tally).
   *
   * @param round the trial's number (names its work, picks the kind waited for)
   * @param killAfterMs the delay before the kill
   * @throws Exception if the child cannot be started, dies early or acknowledges nothing for 10
   *     minutes
   */
  public void trial(int round, long killAfterMs) throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                KillTrials.class.getName(),
                dir.resolve("store").toString(),
                trackingId,
                dataset,
                solution,
                inferenceVersion,
                segmentVersion,
                Integer.toString(round),
                dir.toString())
            .redirectError(dir.resolve("child-" + round + ".err").toFile())
            .start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  acknowledge(line);
                }
              } catch (IOException e) {
                // The pipe breaks when the child dies: what was read is what was acknowledged.
              }
            });
    reader.start();
    waitForFirst(child, round % 5);
    Thread.sleep(killAfterMs);
    child.destroyForcibly();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("child did not die");
    }
    reader.join();
    tally.trials++;
    verify(round);
  }

  private void acknowledge(String line) {
    if (line.equals("READY")) {
      ready = true;
    } else if (line.length() > 6 && line.startsWith("ACK ")) {
      String what = line.substring(6);
      switch (line.charAt(4)) {
        case 'E' -> events.addAll(List.of(what.split(" ")));
        case 'I' -> imports.add(what);
        case 'T' -> versions.add(what);
        case 'B' -> inferenceJobs.add(what);
        case 'S' -> segmentJobs.add(what);
        default -> throw new IllegalStateException("unknown acknowledgement: " + line);
      }
    }
  }

  private void waitForFirst(Process child, int kind) throws InterruptedException {
    int[] before = acknowledged();
    // A hang guard, not a speed limit: a child that acknowledges nothing for this long is stuck.
    long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (true) {
      int[] now = acknowledged();
      if (ready && now[0] > before[0] && now[kind] > before[kind]) {
        break;
      }
      if (System.nanoTime() > giveUp) {
        child.destroyForcibly();
        throw new IllegalStateException(
            "child acknowledged no work of kind " + kind + " in 10 min");
      }
      if (!child.isAlive()) {
        throw new IllegalStateException(
            "child died early: exit " + child.exitValue() + "; see " + dir + "/child-*.err");
      }
      Thread.sleep(5);
    }
    ready = false;
  }

  /** The checks after one kill; violations go to the tally's losses. */
  private void verify(int round) throws Exception {
    Path store = dir.resolve("store");
    Path out = dir.resolve("out");
    // What the kill left before any engine cleaned up: where it landed.
    tally.tempModelsAfterKill += count(store.resolve("models"), ".tmp");
    tally.tempOutputsAfterKill += countTempOutputs(out);
    String integrity = integrityCheck(store.resolve(Store.DB_FILE));
    if ("ok".equals(integrity)) {
      tally.integrityOk++;
    } else {
      lose(round, "integrity_check " + integrity);
    }
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      checkData(round, engine);
      checkVersions(round, engine);
      checkInferenceJobs(round, engine);
      checkSegmentJobs(round, engine);
    }
    if (countTempOutputs(out) != 0) {
      lose(round, countTempOutputs(out) + " temporary output files left after reopening");
    }
  }

  private void lose(int round, String what) {
    tally.losses.add("round " + round + ": " + what);
  }

  private void checkData(int round, OpenPersonalize engine) {
    DatasetGroupData d = engine.trainingData(group);
    Set<String> stored = new HashSet<>();
    for (int i = 0; i < d.interactions().size(); i++) {
      stored.add(d.items().id(d.interactions().item()[i]));
    }
    for (String item : events) {
      if (!stored.contains(item)) {
        lose(round, "acknowledged event lost: " + item);
      }
    }
    int failed = 0;
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
        failed++;
        if (!"CREATE FAILED".equals(job.status())) {
          lose(round, "import " + job.jobName() + " left " + job.status());
        }
        if (imports.contains(job.jobName())) {
          lose(round, "acknowledged import " + job.jobName() + " now " + job.status());
        }
      }
      if (active ? present != ITEMS_PER_IMPORT : present != 0) {
        lose(
            round,
            "import "
                + job.jobName()
                + " "
                + job.status()
                + " with "
                + present
                + " of "
                + ITEMS_PER_IMPORT
                + " items");
      }
    }
    tally.failedImports = failed;
  }

  private void checkVersions(int round, OpenPersonalize engine) throws IOException {
    int active = 0;
    int failed = 0;
    Map<String, String> status = new HashMap<>();
    for (String s : List.of(solution, solutionOf(inferenceVersion), solutionOf(segmentVersion))) {
      for (SolutionVersionSummary v : versions(engine, s)) {
        status.put(v.solutionVersionArn(), v.status());
        switch (v.status()) {
          case "ACTIVE" -> active++;
          case "CREATE FAILED", "CREATE STOPPED" -> failed++;
          default ->
              lose(
                  round,
                  "version unfinished after reopen: " + v.solutionVersionArn() + " " + v.status());
        }
      }
    }
    tally.failedVersions = failed;
    for (String v : versions) {
      if (!"ACTIVE".equals(status.get(v))) {
        lose(round, "acknowledged version " + v + " now " + status.get(v));
      }
    }
    Path models = dir.resolve("store").resolve("models");
    long tmp = count(models, ".tmp");
    long files = count(models, ".opm");
    if (tmp != 0 || files != active) {
      lose(
          round,
          "model folder holds "
              + files
              + " .opm files for "
              + active
              + " ACTIVE versions and "
              + tmp
              + " .tmp files");
    }
  }

  private static String solutionOf(String versionArn) {
    // A version's ARN is its solution's ARN followed by "/<version id>".
    return versionArn.substring(0, versionArn.lastIndexOf('/'));
  }

  private void checkInferenceJobs(int round, OpenPersonalize engine) throws IOException {
    int failed = 0;
    for (BatchInferenceJobSummary job : inferenceJobs(engine)) {
      boolean ok =
          checkJob(
              round,
              job.jobName(),
              job.status(),
              job.failureReason(),
              inferenceJobs.contains(job.jobName()),
              dir.resolve("batch-in"),
              "userId");
      failed += ok ? 0 : 1;
    }
    tally.failedInferenceJobs = failed;
  }

  private void checkSegmentJobs(int round, OpenPersonalize engine) throws IOException {
    int failed = 0;
    for (BatchSegmentJobSummary job : segmentJobs(engine)) {
      boolean ok =
          checkJob(
              round,
              job.jobName(),
              job.status(),
              job.failureReason(),
              segmentJobs.contains(job.jobName()),
              dir.resolve("segment-in"),
              "itemId");
      failed += ok ? 0 : 1;
    }
    tally.failedSegmentJobs = failed;
  }

  /**
   * Checks one batch job after the reopening; returns whether it is ACTIVE. Output files are read
   * only for this round's jobs (earlier rounds' were read in their own trial and nothing writes to
   * them since).
   */
  private boolean checkJob(
      int round,
      String name,
      String status,
      String reason,
      boolean acknowledged,
      Path input,
      String key)
      throws IOException {
    boolean active = "ACTIVE".equals(status);
    if (!active && !("CREATE FAILED".equals(status) && ABANDONED_REASON.equals(reason))) {
      lose(round, "batch job " + name + " ended " + status + ": " + reason);
    }
    if (acknowledged && !active) {
      lose(round, "acknowledged batch job " + name + " now " + status);
    }
    if (!name.startsWith("r" + round + "-")) {
      return active;
    }
    Path folder = dir.resolve("out").resolve(name);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(input)) {
      for (Path in : files) {
        Path result = folder.resolve(in.getFileName() + ".out");
        if (Files.exists(result)) {
          String why = whole(in, result, key);
          if (why != null) {
            lose(
                round, "output " + result + " of " + name + " " + status + " is not whole: " + why);
          }
          tally.outputFilesChecked++;
        } else if (active) {
          lose(round, "ACTIVE batch job " + name + " has no " + result.getFileName());
        }
      }
    }
    return active;
  }

  /** Null if {@code result} answers every line of {@code input} in order, else what is wrong. */
  static String whole(Path input, Path result, String key) throws IOException {
    List<String> in = Files.readAllLines(input, StandardCharsets.UTF_8);
    List<String> out = Files.readAllLines(result, StandardCharsets.UTF_8);
    if (in.size() != out.size()) {
      return out.size() + " lines for " + in.size() + " input lines";
    }
    for (int k = 0; k < in.size(); k++) {
      JsonNode line;
      try {
        line = JSON.readTree(out.get(k));
      } catch (IOException e) {
        return "line " + (k + 1) + " is not JSON: " + out.get(k);
      }
      String expected = JSON.readTree(in.get(k)).path(key).asText();
      // A line answers with an output or, for an input the model cannot answer, an error.
      boolean answered = line.path("output").isObject() || line.path("error").isTextual();
      if (!expected.equals(line.path("input").path(key).asText()) || !answered) {
        return "line " + (k + 1) + " does not answer its input: " + out.get(k);
      }
    }
    return null;
  }

  /** Files directly in {@code folder} whose names end with {@code suffix}. */
  private static long count(Path folder, String suffix) throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    long n = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path f : files) {
        n += f.getFileName().toString().endsWith(suffix) ? 1 : 0;
      }
    }
    return n;
  }

  /** Temporary files in the output folders of every job, of every round. */
  private static int countTempOutputs(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return 0;
    }
    int n = 0;
    try (DirectoryStream<Path> jobs = Files.newDirectoryStream(out)) {
      for (Path job : jobs) {
        n += (int) count(job, ".tmp");
      }
    }
    return n;
  }

  static String integrityCheck(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
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

  private static List<SolutionVersionSummary> versions(OpenPersonalize engine, String solution) {
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

  private List<BatchInferenceJobSummary> inferenceJobs(OpenPersonalize engine) {
    List<BatchInferenceJobSummary> all = new ArrayList<>();
    String token = null;
    do {
      ListBatchInferenceJobsResponse page =
          engine
              .personalize()
              .listBatchInferenceJobs(
                  ListBatchInferenceJobsRequest.builder()
                      .solutionVersionArn(inferenceVersion)
                      .nextToken(token)
                      .build());
      all.addAll(page.batchInferenceJobs());
      token = page.nextToken();
    } while (token != null);
    return all;
  }

  private List<BatchSegmentJobSummary> segmentJobs(OpenPersonalize engine) {
    List<BatchSegmentJobSummary> all = new ArrayList<>();
    String token = null;
    do {
      ListBatchSegmentJobsResponse page =
          engine
              .personalize()
              .listBatchSegmentJobs(
                  ListBatchSegmentJobsRequest.builder()
                      .solutionVersionArn(segmentVersion)
                      .nextToken(token)
                      .build());
      all.addAll(page.batchSegmentJobs());
      token = page.nextToken();
    } while (token != null);
    return all;
  }

  /**
   * One line of figures for a report.
   *
   * @return the tally as "name value" pairs
   */
  public String summary() {
    int[] a = acknowledged();
    return String.format(
        Locale.ROOT,
        "trials %d, integrity_check ok %d, acknowledged: events %d, imports %d, versions %d,"
            + " batch inference jobs %d, segment jobs %d; failed by a kill: imports %d, versions %d,"
            + " batch inference jobs %d, segment jobs %d; output files checked whole %d; temporary"
            + " files right after a kill: outputs %d, models %d; lost %d",
        tally.trials,
        tally.integrityOk,
        a[0],
        a[1],
        a[2],
        a[3],
        a[4],
        tally.failedImports,
        tally.failedVersions,
        tally.failedInferenceJobs,
        tally.failedSegmentJobs,
        tally.outputFilesChecked,
        tally.tempOutputsAfterKill,
        tally.tempModelsAfterKill,
        tally.losses.size());
  }
}
