package org.openpersonalize.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.DatasetGroupSummary;
import org.openpersonalize.api.model.DatasetImportJobSummary;
import org.openpersonalize.api.model.DatasetSummary;
import org.openpersonalize.api.model.DescribeDatasetImportJobRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListDatasetGroupsResponse;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.api.model.ListDatasetImportJobsResponse;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.ListDatasetsResponse;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.internal.Engine;

/**
 * Imports MovieLens 100K into an engine through the public API only, then closes the engine,
 * reopens it and checks that everything is there — the path a user porting a Personalize workflow
 * takes with real data.
 *
 * <pre>
 * java -cp personalize-bench/target/benchmarks.jar org.openpersonalize.bench.MovieLensImport \
 *     [movielens-100k folder, default ../shared/data/movielens-100k] [work folder, default
 *     target/movielens-import]
 * </pre>
 *
 * <p>{@code u.data} (user, item, rating, timestamp, tab-separated) becomes an Interactions CSV with
 * event type {@code rating} and the rating as {@code EVENT_VALUE}; {@code u.item} an Items CSV with
 * the title, the genres flagged in it joined by {@code |} in {@code u.genre}'s order (categorical)
 * and the release year (empty when the release date is); {@code u.user} a Users CSV with age,
 * gender and occupation (categorical). The CSV files and the engine live in the work folder only:
 * the MovieLens licence forbids redistributing the data, so nothing of it may be copied into the
 * repository.
 *
 * <p>The exit status is 0 when every dataset, job and count is as expected, 1 when something is
 * missing or wrong, 2 when the input cannot be read.
 */
public final class MovieLensImport {
  /** Interactions: every MovieLens rating is an event of type {@code rating}. */
  public static final String INTERACTIONS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"},"
          + "{\"name\":\"EVENT_VALUE\",\"type\":\"float\"}"
          + "],\"version\":\"1.0\"}";

  /**
   * Items: a few movies have no release date, hence no year; a movie may have no genre flag. The
   * release date is the {@code CREATION_TIMESTAMP} (midnight UTC; 173 films are from before 1970,
   * so negative epoch seconds); the one movie without a date gets its first rating's time, which is
   * what Amazon substitutes for a missing creation time (spec §2.2), or the newest rating's time
   * when nobody rated it.
   */
  public static final String ITEMS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TITLE\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":[\"null\",\"string\"],\"categorical\":true},"
          + "{\"name\":\"YEAR\",\"type\":[\"null\",\"int\"]},"
          + "{\"name\":\"CREATION_TIMESTAMP\",\"type\":\"long\"}"
          + "],\"version\":\"1.0\"}";

  /** Users: u.user is complete, so nothing is nullable; the zip code is left out. */
  public static final String USERS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Users\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"AGE\",\"type\":\"int\"},"
          + "{\"name\":\"GENDER\",\"type\":\"string\",\"categorical\":true},"
          + "{\"name\":\"OCCUPATION\",\"type\":\"string\",\"categorical\":true}"
          + "],\"version\":\"1.0\"}";

  /** The dataset group the program creates. */
  static final String GROUP = "movielens-100k";

  private static final Pattern RELEASE_DATE = Pattern.compile("\\d{2}-[A-Za-z]{3}-(\\d{4})");
  private static final DateTimeFormatter RELEASE_DAY =
      DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH);
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

  private MovieLensImport() {}

  /**
   * Where {@link #convert} wrote the three files, with what they hold.
   *
   * @param interactions the Interactions CSV
   * @param items the Items CSV
   * @param users the Users CSV
   * @param interactionRows records in the Interactions CSV
   * @param itemRows records in the Items CSV
   * @param userRows records in the Users CSV
   * @param distinctUsers users in interactions or user metadata
   * @param distinctItems items in interactions or item metadata
   */
  public record Converted(
      Path interactions,
      Path items,
      Path users,
      int interactionRows,
      int itemRows,
      int userRows,
      int distinctUsers,
      int distinctItems) {}

  /**
   * What the reopened engine holds, and what was wrong.
   *
   * @param interactions interactions in the training data
   * @param users users in the training data
   * @param items items in the training data
   * @param problems what is missing or differs from the converted files; empty when all is well
   */
  record Outcome(int interactions, int users, int items, List<String> problems) {}

  /**
   * Runs the import.
   *
   * @param args optional: the MovieLens 100K folder, then the work folder
   */
  public static void main(String[] args) {
    Path movieLens = Path.of(args.length > 0 ? args[0] : "../shared/data/movielens-100k");
    Path work = Path.of(args.length > 1 ? args[1] : "target/movielens-import");
    Outcome outcome;
    try {
      outcome = run(movieLens, work, System.out);
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      System.err.println("Cannot import MovieLens 100K: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(outcome.problems().isEmpty() ? 0 : 1);
  }

  /**
   * Converts the files, imports them into a new engine in {@code work/engine}, reopens it and
   * reports what it holds.
   *
   * @param movieLens the folder with {@code u.data}, {@code u.item}, {@code u.user}, {@code
   *     u.genre}
   * @param work where the CSV files ({@code work/csv}) and the engine ({@code work/engine}) go; an
   *     engine left there by an earlier run is replaced
   * @param out where to print
   * @return what the reopened engine holds
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if a MovieLens file is malformed (naming file and line)
   */
  static Outcome run(Path movieLens, Path work, PrintStream out) throws IOException {
    Converted c = convert(movieLens, work.resolve("csv"));
    out.printf(
        Locale.ROOT,
        "Converted %s: %d interactions, %d items, %d users -> %s%n",
        movieLens,
        c.interactionRows(),
        c.itemRows(),
        c.userRows(),
        c.interactions().getParent());
    Path engineDir = work.resolve("engine");
    replaceEngineDir(engineDir);

    try (OpenPersonalize engine = OpenPersonalize.open(engineDir)) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name(GROUP).build())
              .datasetGroupArn();
      String interactions = dataset(p, group, "Interactions", INTERACTIONS_SCHEMA);
      String items = dataset(p, group, "Items", ITEMS_SCHEMA);
      String users = dataset(p, group, "Users", USERS_SCHEMA);
      // Submitted together: the engine runs them on its own threads, one write at a time.
      Map<String, String> jobs = new LinkedHashMap<>();
      jobs.put(importJob(p, "items", items, c.items()), "items");
      jobs.put(importJob(p, "users", users, c.users()), "users");
      jobs.put(importJob(p, "interactions", interactions, c.interactions()), "interactions");
      for (Map.Entry<String, String> job : jobs.entrySet()) {
        String status = engine.awaitCompletion(job.getKey(), JOB_TIMEOUT);
        String reason =
            p.describeDatasetImportJob(
                    DescribeDatasetImportJobRequest.builder()
                        .datasetImportJobArn(job.getKey())
                        .build())
                .datasetImportJob()
                .failureReason();
        out.printf(
            Locale.ROOT,
            "Import job %s-import: %s%s%n",
            job.getValue(),
            status,
            reason == null ? "" : " (" + reason + ")");
      }
    }
    out.println("Closed the engine; reopening " + engineDir);
    try (OpenPersonalize engine = OpenPersonalize.open(engineDir)) {
      return report(engine, c, out);
    }
  }

  private static Outcome report(OpenPersonalize engine, Converted c, PrintStream out) {
    Personalize p = engine.personalize();
    List<String> problems = new ArrayList<>();
    DatasetGroupSummary group = null;
    for (DatasetGroupSummary g : datasetGroups(p)) {
      if (g.name().equals(GROUP)) {
        group = g;
      }
    }
    if (group == null) {
      problems.add("dataset group " + GROUP + " is missing");
      return finish(out, new Outcome(0, 0, 0, problems));
    }
    out.printf(
        Locale.ROOT,
        "Dataset group %s: %s (%s)%n",
        group.name(),
        group.status(),
        group.datasetGroupArn());
    if (!"ACTIVE".equals(group.status())) {
      problems.add("dataset group " + GROUP + " is " + group.status());
    }
    Set<String> types = new HashSet<>();
    for (DatasetSummary d : datasets(p, group.datasetGroupArn())) {
      types.add(d.datasetType());
      out.printf(Locale.ROOT, "  dataset %s (%s): %s%n", d.name(), d.datasetType(), d.status());
      if (!"ACTIVE".equals(d.status())) {
        problems.add("dataset " + d.name() + " is " + d.status());
      }
      List<DatasetImportJobSummary> jobs = importJobs(p, d.datasetArn());
      if (jobs.isEmpty()) {
        problems.add("dataset " + d.name() + " has no import job");
      }
      for (DatasetImportJobSummary j : jobs) {
        out.printf(
            Locale.ROOT,
            "    import job %s: %s%s%n",
            j.jobName(),
            j.status(),
            j.failureReason() == null ? "" : " (" + j.failureReason() + ")");
        if (!"ACTIVE".equals(j.status())) {
          problems.add("import job " + j.jobName() + " is " + j.status());
        }
      }
    }
    for (String type : List.of("Interactions", "Items", "Users")) {
      if (!types.contains(type)) {
        problems.add("the " + type + " dataset is missing");
      }
    }
    var data = Engine.of(engine).trainingData(group.datasetGroupArn());
    int interactions = data.interactions().size();
    int users = data.users().size();
    int items = data.items().size();
    out.printf(
        Locale.ROOT,
        "Training data: %d interactions, %d users, %d items%n",
        interactions,
        users,
        items);
    long[] created = data.itemMetadata().creationTimestamp();
    int before1970 = 0;
    for (int i = 0; created != null && i < created.length; i++) {
      if (created[i] < 0 && created[i] != Long.MIN_VALUE) {
        before1970++;
      }
    }
    out.printf(
        Locale.ROOT, "Items created before 1970 (negative CREATION_TIMESTAMP): %d%n", before1970);
    expect(problems, "interactions", interactions, c.interactionRows());
    expect(problems, "users", users, c.distinctUsers());
    expect(problems, "items", items, c.distinctItems());
    return finish(out, new Outcome(interactions, users, items, problems));
  }

  private static Outcome finish(PrintStream out, Outcome o) {
    if (o.problems().isEmpty()) {
      out.println("OK: everything imported is there after reopening");
    } else {
      for (String problem : o.problems()) {
        out.println("MISSING: " + problem);
      }
    }
    return o;
  }

  private static void expect(List<String> problems, String what, int found, int expected) {
    if (found != expected) {
      problems.add(String.format(Locale.ROOT, "%s: expected %d; found %d", what, expected, found));
    }
  }

  private static String dataset(Personalize p, String group, String type, String schemaJson) {
    String name = GROUP + "-" + type.toLowerCase(Locale.ROOT);
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

  private static String importJob(Personalize p, String what, String datasetArn, Path csv) {
    return p.createDatasetImportJob(
            CreateDatasetImportJobRequest.builder()
                .jobName(what + "-import")
                .datasetArn(datasetArn)
                .dataSource(d -> d.dataLocation(csv.toAbsolutePath().toString()))
                .importMode(ImportMode.FULL)
                .build())
        .datasetImportJobArn();
  }

  private static List<DatasetGroupSummary> datasetGroups(Personalize p) {
    List<DatasetGroupSummary> all = new ArrayList<>();
    String token = null;
    do {
      ListDatasetGroupsResponse r =
          p.listDatasetGroups(ListDatasetGroupsRequest.builder().nextToken(token).build());
      all.addAll(r.datasetGroups());
      token = r.nextToken();
    } while (token != null);
    return all;
  }

  private static List<DatasetSummary> datasets(Personalize p, String group) {
    List<DatasetSummary> all = new ArrayList<>();
    String token = null;
    do {
      ListDatasetsResponse r =
          p.listDatasets(
              ListDatasetsRequest.builder().datasetGroupArn(group).nextToken(token).build());
      all.addAll(r.datasets());
      token = r.nextToken();
    } while (token != null);
    return all;
  }

  private static List<DatasetImportJobSummary> importJobs(Personalize p, String dataset) {
    List<DatasetImportJobSummary> all = new ArrayList<>();
    String token = null;
    do {
      ListDatasetImportJobsResponse r =
          p.listDatasetImportJobs(
              ListDatasetImportJobsRequest.builder().datasetArn(dataset).nextToken(token).build());
      all.addAll(r.datasetImportJobs());
      token = r.nextToken();
    } while (token != null);
    return all;
  }

  /**
   * Writes the three Personalize CSV files for a MovieLens 100K folder.
   *
   * @param movieLens the folder with {@code u.data}, {@code u.item}, {@code u.user}, {@code
   *     u.genre}
   * @param csvDir where to write {@code interactions.csv}, {@code items.csv}, {@code users.csv}
   * @return the files and their counts
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if a MovieLens file is malformed (naming file and line)
   */
  public static Converted convert(Path movieLens, Path csvDir) throws IOException {
    return convert(movieLens, movieLens.resolve("u.data"), csvDir);
  }

  /**
   * Writes the three Personalize CSV files for a MovieLens 100K folder, taking the ratings from
   * {@code ratings} instead of {@code u.data} — a split such as {@code
   * splits/msr-stratified-by-item-75-25-seed42/train.tsv}, which has u.data's format.
   *
   * @param movieLens the folder with {@code u.item}, {@code u.user}, {@code u.genre}
   * @param ratings a file in u.data's format
   * @param csvDir where to write {@code interactions.csv}, {@code items.csv}, {@code users.csv}
   * @return the files and their counts
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if a MovieLens file is malformed (naming file and line)
   */
  public static Converted convert(Path movieLens, Path ratings, Path csvDir) throws IOException {
    Files.createDirectories(csvDir);
    Set<String> users = new HashSet<>();
    Set<String> items = new HashSet<>();
    Path interactions = csvDir.resolve("interactions.csv");
    int interactionRows = writeInteractions(ratings, interactions, users, items);
    Map<String, Long> firstRated = new HashMap<>();
    long newestRating = firstRatings(ratings, firstRated);

    Path uGenre = movieLens.resolve("u.genre");
    Map<Integer, String> genres = new LinkedHashMap<>();
    List<String> genreLines = readLines(uGenre);
    for (int i = 0; i < genreLines.size(); i++) {
      String line = genreLines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int bar = line.lastIndexOf('|');
      if (bar <= 0) {
        throw malformed(uGenre, i, "name|index", line);
      }
      genres.put(parseInt(uGenre, i, line.substring(bar + 1), line), line.substring(0, bar));
    }
    int genreCount = genres.size();
    for (int g = 0; g < genreCount; g++) {
      if (!genres.containsKey(g)) {
        throw new IllegalArgumentException(
            uGenre + ": genre indices must be 0.." + (genreCount - 1) + "; missing " + g);
      }
    }

    Path uItem = movieLens.resolve("u.item");
    Path itemsCsv = csvDir.resolve("items.csv");
    int itemRows = 0;
    try (BufferedWriter w = Files.newBufferedWriter(itemsCsv, StandardCharsets.UTF_8)) {
      w.write("ITEM_ID,TITLE,GENRES,YEAR,CREATION_TIMESTAMP\n");
      List<String> lines = readLines(uItem);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\\|", -1);
        // id | title | release date | video release date | IMDb URL | one flag per genre
        int firstFlag = f.length - genreCount;
        if (firstFlag < 5) {
          throw malformed(uItem, i, (5 + genreCount) + " |-separated fields", line);
        }
        String title = String.join("|", List.of(f).subList(1, firstFlag - 3));
        StringBuilder names = new StringBuilder();
        for (int g = 0; g < genreCount; g++) {
          String flag = f[firstFlag + g];
          if (flag.equals("1")) {
            names.append(names.length() == 0 ? "" : "|").append(genres.get(g));
          } else if (!flag.equals("0")) {
            throw malformed(uItem, i, "genre flags of 0 or 1", line);
          }
        }
        var year = RELEASE_DATE.matcher(f[firstFlag - 3]);
        items.add(f[0]);
        w.write(f[0]);
        w.write(',');
        w.write(quote(title));
        w.write(',');
        w.write(names.toString());
        w.write(',');
        w.write(year.matches() ? year.group(1) : "");
        w.write(',');
        long created =
            year.matches()
                ? LocalDate.parse(f[firstFlag - 3], RELEASE_DAY)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toEpochSecond()
                : firstRated.getOrDefault(f[0], newestRating);
        w.write(Long.toString(created));
        w.write('\n');
        itemRows++;
      }
    }

    Path uUser = movieLens.resolve("u.user");
    Path usersCsv = csvDir.resolve("users.csv");
    int userRows = 0;
    try (BufferedWriter w = Files.newBufferedWriter(usersCsv, StandardCharsets.UTF_8)) {
      w.write("USER_ID,AGE,GENDER,OCCUPATION\n");
      List<String> lines = readLines(uUser);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isEmpty()) {
          continue;
        }
        // id | age | gender | occupation | zip code
        String[] f = line.split("\\|", -1);
        if (f.length != 5) {
          throw malformed(uUser, i, "5 |-separated fields", line);
        }
        parseInt(uUser, i, f[1], line);
        users.add(f[0]);
        w.write(f[0] + "," + f[1] + "," + quote(f[2]) + "," + quote(f[3]) + "\n");
        userRows++;
      }
    }
    return new Converted(
        interactions,
        itemsCsv,
        usersCsv,
        interactionRows,
        itemRows,
        userRows,
        users.size(),
        items.size());
  }

  /**
   * Writes an Interactions CSV (schema {@link #INTERACTIONS_SCHEMA}) from a file in u.data's
   * format: every rating becomes an event of type {@code rating} with the rating as {@code
   * EVENT_VALUE}.
   *
   * @param ratings tab-separated {@code user item rating timestamp}, no header
   * @param csv the Interactions CSV to write
   * @param users collects the user IDs seen
   * @param items collects the item IDs seen
   * @return the number of rows written
   * @throws IOException if a file cannot be read or written
   * @throws IllegalArgumentException if a line is malformed (naming file and line)
   */
  public static int writeInteractions(Path ratings, Path csv, Set<String> users, Set<String> items)
      throws IOException {
    int rows = 0;
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE\n");
      List<String> lines = readLines(ratings);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isEmpty()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 4) {
          throw malformed(
              ratings, i, "4 tab-separated fields (user, item, rating, timestamp)", line);
        }
        users.add(f[0]);
        items.add(f[1]);
        w.write(f[0] + "," + f[1] + "," + f[3] + ",rating," + f[2] + "\n");
        rows++;
      }
    }
    return rows;
  }

  /** Each item's first rating time into {@code first}; returns the newest rating time. */
  private static long firstRatings(Path ratings, Map<String, Long> first) throws IOException {
    long newest = 0;
    for (String line : readLines(ratings)) {
      String[] f = line.split("\t", -1);
      if (f.length == 4) {
        long t = Long.parseLong(f[3]);
        first.merge(f[1], t, Math::min);
        newest = Math.max(newest, t);
      }
    }
    return newest;
  }

  /**
   * Quotes a value for Personalize's CSV: inside quotes {@code ""} is a quote and {@code \\} a
   * backslash, so both are doubled and commas and bars need nothing.
   */
  static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\"\"") + '"';
  }

  /**
   * The lines of a MovieLens file. The original u.item is ISO-8859-1 (titles such as {@code
   * Misérables}); copies converted to UTF-8 exist too, so UTF-8 is tried first and must decode
   * cleanly.
   */
  private static List<String> readLines(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return text.lines().toList();
  }

  private static int parseInt(Path file, int index, String value, String line) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw malformed(file, index, "an integer where " + value + " is", line);
    }
  }

  private static IllegalArgumentException malformed(
      Path file, int index, String expected, String line) {
    String shown = line.length() > 100 ? line.substring(0, 100) + "…" : line;
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "%s: line %d: expected %s; found \"%s\"",
            file,
            index + 1,
            expected,
            shown));
  }

  /**
   * Makes {@code dir} a fresh engine directory: an engine an earlier run left there (it holds
   * {@code personalize.db}) is deleted; any other non-empty folder is refused rather than deleted.
   */
  private static void replaceEngineDir(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    boolean empty;
    try (Stream<Path> s = Files.list(dir)) {
      empty = s.findAny().isEmpty();
    }
    if (empty) {
      return;
    }
    if (!Files.exists(dir.resolve("personalize.db"))) {
      throw new IllegalArgumentException(
          dir + " is not empty and holds no engine; choose another work folder");
    }
    BenchFiles.deleteTree(dir);
  }
}
