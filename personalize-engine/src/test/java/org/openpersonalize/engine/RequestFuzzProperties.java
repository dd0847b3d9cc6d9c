package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.PersonalizeEvents;
import org.openpersonalize.api.PersonalizeRuntime;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PersonalizeException;

/**
 * Hostile requests through the public API: every public request type (found by reflection, so a new
 * operation is covered without editing this class), every field set at random — nulls, nulls inside
 * lists and maps, huge strings, unicode including lone surrogates and NUL, the ARNs of real
 * resources and near misses, extreme numbers and instants — against a durable engine holding a
 * dataset group with data, a trained solution version, a campaign, a filter and an event tracker.
 *
 * <p>Properties: a request either succeeds or fails with a documented exception — a subclass of
 * {@link PersonalizeException} with a message, never a NullPointerException, an
 * IllegalArgumentException or the bare base type; and a request that fails writes nothing: the
 * database's {@code PRAGMA data_version}, read on a separate connection, is unchanged (it changes
 * whenever another connection commits).
 *
 * <p>Budgets: {@link #anyRequestFailsOnlyWithDocumentedErrorsAndWritesNothing} runs 1,500 inputs in
 * every build; {@link #fullRun} runs 100,000, tagged {@code full-fuzz} and run only with {@code mvn
 * -Pfull-fuzz -pl personalize-engine -am test -Dtest=RequestFuzzProperties}.
 */
class RequestFuzzProperties {
  private static final String MODEL = "org.openpersonalize.api.model.";
  private static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";

  private static Path dir;
  private static OpenPersonalize engine;
  private static Connection probe;
  private static final List<String> POOL = new ArrayList<>();
  private static final Map<Class<?>, Method> OPERATIONS = new TreeMap<>(byName());
  private static final AtomicLong inputs = new AtomicLong();
  private static final AtomicLong succeeded = new AtomicLong();
  private static final AtomicLong refusedByBuilder = new AtomicLong();
  private static final Map<String, AtomicLong> errors = new TreeMap<>();

  private static Comparator<Class<?>> byName() {
    return Comparator.comparing(Class::getName);
  }

  @BeforeContainer
  static void deploy() throws Exception {
    dir = Files.createTempDirectory("request-fuzz");
    engine = OpenPersonalize.open(dir.resolve("store"));
    Personalize p = engine.personalize();
    String group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("fuzz").build())
            .datasetGroupArn();
    String schema = Fixtures.schema(p, "fuzz-interactions", Fixtures.INTERACTIONS_SCHEMA);
    String itemsSchema = Fixtures.schema(p, "fuzz-items", Fixtures.ITEMS_SCHEMA);
    String dataset = Fixtures.dataset(p, group, "Interactions", schema);
    String items = Fixtures.dataset(p, group, "Items", itemsSchema);
    Path csv = Fixtures.interactionsCsv(dir, "interactions.csv", 1500, 11);
    String job =
        Fixtures.importAndWait(engine, "fuzz-import", dataset, csv, ImportMode.FULL)
            .datasetImportJobArn();
    StringBuilder itemCsv = new StringBuilder(Fixtures.ITEMS_HEADER).append('\n');
    for (int i = 0; i < 200; i++) {
      itemCsv
          .append('i')
          .append(i)
          .append(i % 2 == 0 ? ",Drama," : ",Comedy,")
          .append(1990 + i % 30);
      itemCsv.append(",Title ").append(i).append('\n');
    }
    Path itemsCsv = dir.resolve("items.csv");
    Files.writeString(itemsCsv, itemCsv, StandardCharsets.UTF_8);
    Fixtures.importAndWait(engine, "fuzz-items", items, itemsCsv, ImportMode.FULL);
    var tracker =
        p.createEventTracker(
            CreateEventTrackerRequest.builder().name("fuzz").datasetGroupArn(group).build());
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("fuzz")
                    .datasetGroupArn(group)
                    .recipeArn(POP)
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    engine.awaitCompletion(version, Duration.ofMinutes(5));
    String campaign =
        p.createCampaign(
                CreateCampaignRequest.builder().name("fuzz").solutionVersionArn(version).build())
            .campaignArn();
    String filter =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("fuzz")
                    .datasetGroupArn(group)
                    .filterExpression("EXCLUDE ItemID WHERE Items.GENRES IN ($G)")
                    .build())
            .filterArn();
    POOL.addAll(
        List.of(
            group,
            schema,
            itemsSchema,
            dataset,
            items,
            job,
            tracker.eventTrackerArn(),
            tracker.trackingId(),
            solution,
            version,
            campaign,
            filter,
            POP,
            "arn:aws:personalize:::recipe/aws-user-personalization",
            "arn:aws:personalize:::recipe/aws-sims",
            "u1",
            "i7",
            "$LATEST",
            csv.toString(),
            dir.toString()));
    for (Class<?> client :
        List.of(Personalize.class, PersonalizeRuntime.class, PersonalizeEvents.class)) {
      for (Method m : client.getMethods()) {
        if (m.getParameterCount() == 1 && m.getParameterTypes()[0].getName().startsWith(MODEL)) {
          OPERATIONS.put(m.getParameterTypes()[0], m);
        }
      }
    }
    probe = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store/personalize.db"));
  }

  @AfterContainer
  static void close() throws Exception {
    System.out.printf(
        "RequestFuzzProperties: %d inputs over %d request types: %d succeeded, %d refused by the"
            + " builder, errors by type %s%n",
        inputs.get(), OPERATIONS.size(), succeeded.get(), refusedByBuilder.get(), errors);
    if (probe != null) {
      probe.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  @Provide
  Arbitrary<Class<?>> requestTypes() {
    return Arbitraries.of(new ArrayList<>(OPERATIONS.keySet()));
  }

  @Property(tries = 1_500)
  void anyRequestFailsOnlyWithDocumentedErrorsAndWritesNothing(
      @ForAll("requestTypes") Class<?> type, @ForAll long seed) throws Exception {
    check(type, seed);
  }

  @Property(tries = 100_000)
  @Tag("full-fuzz")
  void fullRun(@ForAll("requestTypes") Class<?> type, @ForAll long seed) throws Exception {
    check(type, seed);
  }

  @Example
  void everyRequestTypeOfTheThreeClientsIsFuzzed() {
    // 39 control-plane, 2 runtime and 3 event operations when this was written; more is fine.
    assertTrue(OPERATIONS.size() >= 44, "request types found: " + OPERATIONS.keySet());
  }

  private static void check(Class<?> type, long seed) throws Exception {
    inputs.incrementAndGet();
    SplittableRandom rnd = new SplittableRandom(seed);
    Object request;
    try {
      request = build(type, rnd, 0, type.getSimpleName().startsWith("Delete"));
    } catch (InvalidInputException e) {
      // A null inside a list or map: refused where it was given, as documented.
      assertTrue(
          e.getMessage().endsWith("must not be null") || e.getMessage().contains("null key"));
      refusedByBuilder.incrementAndGet();
      return;
    }
    Method op = OPERATIONS.get(type);
    Object client =
        op.getDeclaringClass() == Personalize.class
            ? engine.personalize()
            : op.getDeclaringClass() == PersonalizeRuntime.class
                ? engine.runtime()
                : engine.events();
    long before = dataVersion();
    Object response;
    try {
      response = op.invoke(client, request);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      if (!(t instanceof PersonalizeException) || t.getClass() == PersonalizeException.class) {
        throw new AssertionError(
            type.getSimpleName() + " threw an undocumented " + t + " for " + shorten(request), t);
      }
      assertNotNull(t.getMessage(), t.getClass().getSimpleName() + " without a message");
      synchronized (errors) {
        errors
            .computeIfAbsent(t.getClass().getSimpleName(), k -> new AtomicLong())
            .incrementAndGet();
      }
      assertEquals(
          before,
          dataVersion(),
          type.getSimpleName()
              + " failed with "
              + t
              + " but wrote to the store; request: "
              + shorten(request));
      return;
    }
    succeeded.incrementAndGet();
    settle(response);
  }

  /**
   * Waits for whatever a successful create started (an import, a training), so it cannot write
   * later.
   */
  private static void settle(Object response) throws Exception {
    for (Method m : response.getClass().getMethods()) {
      if (m.getParameterCount() == 0
          && m.getName().endsWith("Arn")
          && m.getReturnType() == String.class) {
        String arn = (String) m.invoke(response);
        if (arn != null) {
          try {
            engine.awaitCompletion(arn, Duration.ofMinutes(2));
          } catch (PersonalizeException e) {
            // Kinds without a status (or already gone) have nothing to wait for.
          }
        }
      }
    }
  }

  private static long dataVersion() throws SQLException {
    try (Statement s = probe.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA data_version")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String shorten(Object request) {
    String s = String.valueOf(request);
    return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
  }

  // ---- random requests
  // ---------------------------------------------------------------------------

  /** Builds a model object with every builder setter called (or not) with a random value. */
  static Object build(Class<?> type, SplittableRandom rnd, int depth, boolean noPool)
      throws Exception {
    Object builder = type.getMethod("builder").invoke(null);
    Map<String, Method> setters = new LinkedHashMap<>();
    for (Method m : builder.getClass().getMethods()) {
      if (m.getDeclaringClass() != builder.getClass() || m.getParameterCount() != 1) {
        continue;
      }
      Class<?> p = m.getParameterTypes()[0];
      if (p.isArray() || p.isEnum() || p == java.util.function.Consumer.class) {
        continue; // the Collection, String and built-value overloads cover the same fields
      }
      setters.put(m.getName(), m);
    }
    for (Method m : setters.values()) {
      if (rnd.nextInt(4) == 0) {
        continue; // unset
      }
      Object value = value(m.getName(), m.getGenericParameterTypes()[0], rnd, depth, noPool);
      try {
        m.invoke(builder, value);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
    return builder.getClass().getMethod("build").invoke(builder);
  }

  private static Object value(
      String field, Type type, SplittableRandom rnd, int depth, boolean noPool) throws Exception {
    if (rnd.nextInt(10) == 0) {
      return null;
    }
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      int size = size(rnd);
      if (Collection.class.isAssignableFrom(raw)) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          list.add(rnd.nextInt(40) == 0 ? null : value(field, args[0], rnd, depth + 1, noPool));
        }
        return list;
      }
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        Object k = rnd.nextInt(40) == 0 ? null : mapKey(field, rnd);
        map.put(k, rnd.nextInt(40) == 0 ? null : value(field, args[1], rnd, depth + 1, noPool));
      }
      return map;
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return string(field, rnd, noPool);
    }
    if (c == Integer.class) {
      return switch (rnd.nextInt(6)) {
        case 0 -> Integer.MIN_VALUE;
        case 1 -> Integer.MAX_VALUE;
        case 2 -> rnd.nextInt(-5, 5);
        default -> rnd.nextInt(0, 600);
      };
    }
    if (c == Long.class) {
      return rnd.nextBoolean() ? rnd.nextLong() : rnd.nextLong(-5, 2_000_000_000L);
    }
    if (c == Double.class || c == Float.class) {
      double d =
          switch (rnd.nextInt(6)) {
            case 0 -> Double.NaN;
            case 1 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2 -> -rnd.nextDouble() * 1e9;
            default -> rnd.nextDouble() * 10;
          };
      return c == Float.class ? (Object) (float) d : (Object) d;
    }
    if (c == Boolean.class) {
      return rnd.nextBoolean();
    }
    if (c == Instant.class) {
      return switch (rnd.nextInt(5)) {
        case 0 -> Instant.MIN;
        case 1 -> Instant.MAX;
        case 2 -> Instant.EPOCH;
        default -> Instant.ofEpochSecond(rnd.nextLong(-10_000_000_000L, 10_000_000_000L));
      };
    }
    if (c.getName().startsWith(MODEL) && depth < 3) {
      return build(c, rnd, depth + 1, noPool);
    }
    return null;
  }

  private static int size(SplittableRandom rnd) {
    return switch (rnd.nextInt(10)) {
      case 0 -> 0;
      case 1 -> 11 + rnd.nextInt(20);
      case 2 -> rnd.nextInt(40) == 0 ? 501 : 26;
      default -> 1 + rnd.nextInt(3);
    };
  }

  private static String mapKey(String field, SplittableRandom rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> "ITEMS";
      case 1 -> "G";
      case 2 -> "explorationWeight";
      case 3 -> "hpo_resource_config";
      case 4 -> unicode(rnd, 1 + rnd.nextInt(8));
      default -> field + rnd.nextInt(3);
    };
  }

  private static String string(String field, SplittableRandom rnd, boolean noPool) {
    switch (rnd.nextInt(12)) {
      case 0:
        return "";
      case 1:
        return " \t\n";
      case 2: // huge: beyond every length limit the API has
        return "x".repeat(rnd.nextBoolean() ? 20_001 : 300_000);
      case 3:
      case 4:
        return unicode(rnd, 1 + rnd.nextInt(40));
      case 5:
        return "\"a\",\"b\"";
      case 6:
        return field.equals("schema") ? Fixtures.INTERACTIONS_SCHEMA : "n" + rnd.nextInt(1000);
      case 7:
        return field.equals("filterExpression")
            ? "INCLUDE ItemID WHERE Items.GENRES IN (\"Drama\")"
            : "arn:aws:personalize:local:000000000000:" + unicode(rnd, 5);
      default:
        if (noPool) {
          return "arn:aws:personalize:local:000000000000:dataset-group/missing" + rnd.nextInt(5);
        }
        String s = POOL.get(rnd.nextInt(POOL.size()));
        return switch (rnd.nextInt(4)) {
          case 0 -> s + "x";
          case 1 -> s.substring(0, s.length() / 2);
          default -> s;
        };
    }
  }

  /** Random text: ASCII, controls (NUL included), accents, RTL, emoji, lone surrogates. */
  static String unicode(SplittableRandom rnd, int length) {
    StringBuilder sb = new StringBuilder(length * 2);
    for (int i = 0; i < length; i++) {
      switch (rnd.nextInt(8)) {
        case 0 -> sb.append((char) rnd.nextInt(0, 0x20));
        case 1 -> sb.append((char) rnd.nextInt(0xD800, 0xE000)); // lone surrogate
        case 2 -> sb.appendCodePoint(rnd.nextInt(0x1F300, 0x1FAFF));
        case 3 -> sb.append((char) rnd.nextInt(0x0590, 0x06FF));
        case 4 -> sb.append("éßçñ".charAt(rnd.nextInt(4)));
        case 5 -> sb.append(",|\"\\'$()".charAt(rnd.nextInt(8)));
        default -> sb.append((char) rnd.nextInt(0x21, 0x7F));
      }
    }
    return sb.toString();
  }
}
