package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.DeleteDatasetGroupRequest;
import org.openpersonalize.api.model.DeleteDatasetRequest;
import org.openpersonalize.api.model.DeleteEventTrackerRequest;
import org.openpersonalize.api.model.DeleteFilterRequest;
import org.openpersonalize.api.model.DeleteSchemaRequest;
import org.openpersonalize.api.model.DeleteSolutionRequest;
import org.openpersonalize.api.model.DescribeDatasetGroupRequest;
import org.openpersonalize.api.model.DescribeDatasetRequest;
import org.openpersonalize.api.model.DescribeEventTrackerRequest;
import org.openpersonalize.api.model.DescribeFilterRequest;
import org.openpersonalize.api.model.DescribeSchemaRequest;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.ListEventTrackersRequest;
import org.openpersonalize.api.model.ListFiltersRequest;
import org.openpersonalize.api.model.ListSchemasRequest;
import org.openpersonalize.api.model.ListSolutionsRequest;
import org.openpersonalize.api.model.PersonalizeException;

/**
 * Any sequence of create, describe, list and delete calls over dataset groups, schemas, datasets,
 * event trackers, filters and solutions gives the same observable results through the engine as a
 * small in-memory model of Amazon's lifecycle rules: which calls succeed, which fail with
 * ResourceNotFound, ResourceAlreadyExists, ResourceInUse, LimitExceeded or InvalidInput, what
 * Describe names, and what each List holds.
 *
 * <p>Kinds that need training (solution versions, campaigns) or run in the background (import jobs)
 * are left to their own tests, which keeps this property to a few seconds.
 */
class LifecycleProperties {
  private static final String PREFIX = "arn:aws:personalize:local:000000000000:";
  private static final String[] TYPES = {"Interactions", "Items", "Users"};
  private static final String[] SCHEMAS = {
    Fixtures.INTERACTIONS_SCHEMA, Fixtures.ITEMS_SCHEMA, Fixtures.USERS_SCHEMA
  };
  private static final String FILTER = "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"buy\")";
  private static final String RECIPE = "arn:aws:personalize:::recipe/aws-popularity-count";
  private static final int GROUPS = 6; // one more than the quota of five, so the quota is met
  private static final int NAMES = 2;

  /** One call: what, on which kind, with which small-pool names. */
  record Op(Action action, Kind kind, int name, int group) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %s name=%d group=%d", action, kind, name, group);
    }
  }

  enum Action {
    CREATE,
    DESCRIBE,
    LIST,
    DELETE
  }

  enum Kind {
    GROUP,
    SCHEMA,
    DATASET,
    TRACKER,
    FILTER,
    SOLUTION
  }

  @Provide
  Arbitrary<List<Op>> calls() {
    Arbitrary<Op> op =
        net.jqwik.api.Combinators.combine(
                Arbitraries.of(Action.class),
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, GROUPS - 1))
            .as(Op::new);
    // Creates are weighted up so that sequences build up state worth deleting and listing.
    Arbitrary<Op> create =
        net.jqwik.api.Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, GROUPS - 1))
            .as((k, n, g) -> new Op(Action.CREATE, k, n, g));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, op), net.jqwik.api.Tuple.of(1, create))
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }

  @Property(tries = 60)
  void engineFollowsTheLifecycleRules(@ForAll("calls") List<Op> ops) {
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      Personalize p = engine.personalize();
      Model model = new Model();
      List<String> trace = new ArrayList<>();
      for (Op op : ops) {
        trace.add(op.toString());
        String expected = model.apply(op);
        String actual = outcome(() -> call(p, op));
        assertEquals(expected, actual, "after " + trace);
      }
      for (int g = 0; g < GROUPS; g++) {
        for (Kind k : Kind.values()) {
          Op list = new Op(Action.LIST, k, 0, g);
          assertEquals(model.apply(list), outcome(() -> call(p, list)), "final lists " + trace);
        }
      }
    }
  }

  /** "ok:<observation>" or the simple name of the exception thrown. */
  private static String outcome(Supplier<String> call) {
    try {
      return "ok:" + call.get();
    } catch (PersonalizeException e) {
      return e.getClass().getSimpleName();
    }
  }

  // ---- the engine side
  // ---------------------------------------------------------------------------

  private static String groupName(int g) {
    return "g" + g;
  }

  private static String groupArn(int g) {
    return PREFIX + "dataset-group/" + groupName(g);
  }

  private static String schemaArn(int s) {
    return PREFIX + "schema/s" + s;
  }

  private static String datasetArn(int g, int s) {
    return PREFIX + "dataset/" + groupName(g) + "/" + TYPES[s].toUpperCase(Locale.ROOT);
  }

  private static String arn(Kind kind, String name) {
    return PREFIX
        + kind.name().toLowerCase(Locale.ROOT).replace("tracker", "event-tracker")
        + "/"
        + name;
  }

  private static String call(Personalize p, Op op) {
    String g = groupArn(op.group());
    String n = op.kind().name().substring(0, 1).toLowerCase(Locale.ROOT) + op.name();
    switch (op.kind()) {
      case GROUP:
        return switch (op.action()) {
          case CREATE ->
              p.createDatasetGroup(
                      CreateDatasetGroupRequest.builder().name(groupName(op.group())).build())
                  .datasetGroupArn();
          case DESCRIBE -> {
            var d =
                p.describeDatasetGroup(
                        DescribeDatasetGroupRequest.builder().datasetGroupArn(g).build())
                    .datasetGroup();
            yield d.name() + " " + d.status();
          }
          case LIST ->
              names(
                  p.listDatasetGroups(ListDatasetGroupsRequest.builder().build()).datasetGroups(),
                  x -> x.name());
          case DELETE -> {
            p.deleteDatasetGroup(DeleteDatasetGroupRequest.builder().datasetGroupArn(g).build());
            yield "";
          }
        };
      case SCHEMA:
        return switch (op.action()) {
          case CREATE ->
              p.createSchema(
                      CreateSchemaRequest.builder()
                          .name("s" + op.name())
                          .schema(SCHEMAS[op.name()])
                          .build())
                  .schemaArn();
          case DESCRIBE ->
              p.describeSchema(
                      DescribeSchemaRequest.builder().schemaArn(schemaArn(op.name())).build())
                  .schema()
                  .name();
          case LIST ->
              names(p.listSchemas(ListSchemasRequest.builder().build()).schemas(), x -> x.name());
          case DELETE -> {
            p.deleteSchema(DeleteSchemaRequest.builder().schemaArn(schemaArn(op.name())).build());
            yield "";
          }
        };
      case DATASET:
        return switch (op.action()) {
          case CREATE ->
              p.createDataset(
                      CreateDatasetRequest.builder()
                          .name("d" + op.name())
                          .datasetGroupArn(g)
                          .datasetType(TYPES[op.name()])
                          .schemaArn(schemaArn(op.name()))
                          .build())
                  .datasetArn();
          case DESCRIBE -> {
            var d =
                p.describeDataset(
                        DescribeDatasetRequest.builder()
                            .datasetArn(datasetArn(op.group(), op.name()))
                            .build())
                    .dataset();
            yield d.datasetType() + " " + d.datasetGroupArn() + " " + d.schemaArn();
          }
          case LIST ->
              names(
                  p.listDatasets(ListDatasetsRequest.builder().datasetGroupArn(g).build())
                      .datasets(),
                  x -> x.datasetType());
          case DELETE -> {
            p.deleteDataset(
                DeleteDatasetRequest.builder()
                    .datasetArn(datasetArn(op.group(), op.name()))
                    .build());
            yield "";
          }
        };
      case TRACKER:
        return switch (op.action()) {
          case CREATE ->
              p.createEventTracker(
                      CreateEventTrackerRequest.builder().name(n).datasetGroupArn(g).build())
                  .eventTrackerArn();
          case DESCRIBE -> {
            var t =
                p.describeEventTracker(
                        DescribeEventTrackerRequest.builder()
                            .eventTrackerArn(arn(Kind.TRACKER, n))
                            .build())
                    .eventTracker();
            yield t.name() + " " + t.datasetGroupArn();
          }
          case LIST ->
              names(
                  p.listEventTrackers(ListEventTrackersRequest.builder().datasetGroupArn(g).build())
                      .eventTrackers(),
                  x -> x.name());
          case DELETE -> {
            p.deleteEventTracker(
                DeleteEventTrackerRequest.builder().eventTrackerArn(arn(Kind.TRACKER, n)).build());
            yield "";
          }
        };
      case FILTER:
        return switch (op.action()) {
          case CREATE ->
              p.createFilter(
                      CreateFilterRequest.builder()
                          .name(n)
                          .datasetGroupArn(g)
                          .filterExpression(FILTER)
                          .build())
                  .filterArn();
          case DESCRIBE -> {
            var f =
                p.describeFilter(
                        DescribeFilterRequest.builder().filterArn(arn(Kind.FILTER, n)).build())
                    .filter();
            yield f.name() + " " + f.datasetGroupArn();
          }
          case LIST ->
              names(
                  p.listFilters(ListFiltersRequest.builder().datasetGroupArn(g).build()).filters(),
                  x -> x.name());
          case DELETE -> {
            p.deleteFilter(DeleteFilterRequest.builder().filterArn(arn(Kind.FILTER, n)).build());
            yield "";
          }
        };
      case SOLUTION:
        return switch (op.action()) {
          case CREATE ->
              p.createSolution(
                      CreateSolutionRequest.builder()
                          .name(n)
                          .datasetGroupArn(g)
                          .recipeArn(RECIPE)
                          .build())
                  .solutionArn();
          case DESCRIBE -> {
            var s =
                p.describeSolution(
                        DescribeSolutionRequest.builder()
                            .solutionArn(arn(Kind.SOLUTION, n))
                            .build())
                    .solution();
            yield s.name() + " " + s.datasetGroupArn();
          }
          case LIST ->
              names(
                  p.listSolutions(ListSolutionsRequest.builder().datasetGroupArn(g).build())
                      .solutions(),
                  x -> x.name());
          case DELETE -> {
            p.deleteSolution(
                DeleteSolutionRequest.builder().solutionArn(arn(Kind.SOLUTION, n)).build());
            yield "";
          }
        };
      default:
        throw new AssertionError(op);
    }
  }

  private static <T> String names(List<T> xs, java.util.function.Function<T, String> f) {
    Set<String> out = new TreeSet<>();
    for (T x : xs) {
      out.add(f.apply(x));
    }
    assertEquals(xs.size(), out.size(), "a list repeats an entry: " + xs);
    return out.toString();
  }

  // ---- the reference model
  // -----------------------------------------------------------------------

  /**
   * Amazon's lifecycle rules for these kinds, written as plainly as possible: maps from names to
   * owners, checked in the order the service documents them.
   */
  static final class Model {
    final Set<Integer> groups = new HashSet<>();
    final Set<Integer> schemas = new HashSet<>();

    /** group → schema index (= dataset type) of each dataset it holds. */
    final Map<Integer, Set<Integer>> datasets = new HashMap<>();

    /** name → group, per kind that is named freely. */
    final Map<String, Integer> trackers = new HashMap<>();

    final Map<String, Integer> filters = new HashMap<>();
    final Map<String, Integer> solutions = new HashMap<>();

    String apply(Op op) {
      int g = op.group();
      String n = op.kind().name().substring(0, 1).toLowerCase(Locale.ROOT) + op.name();
      Set<Integer> held = datasets.computeIfAbsent(g, k -> new TreeSet<>());
      switch (op.kind()) {
        case GROUP:
          switch (op.action()) {
            case CREATE:
              if (groups.contains(g)) {
                return "ResourceAlreadyExistsException";
              }
              if (groups.size() >= 5) {
                return "LimitExceededException";
              }
              groups.add(g);
              return "ok:" + groupArn(g);
            case DESCRIBE:
              return groups.contains(g) ? "ok:" + groupName(g) + " ACTIVE" : notFound();
            case LIST:
              return ok(groups, LifecycleProperties::groupName);
            default:
              if (!groups.contains(g)) {
                return notFound();
              }
              if (!held.isEmpty()
                  || trackers.containsValue(g)
                  || filters.containsValue(g)
                  || solutions.containsValue(g)) {
                return "ResourceInUseException";
              }
              groups.remove(g);
              return "ok:";
          }
        case SCHEMA:
          int s = op.name();
          switch (op.action()) {
            case CREATE:
              if (schemas.contains(s)) {
                return "ResourceAlreadyExistsException";
              }
              schemas.add(s);
              return "ok:" + schemaArn(s);
            case DESCRIBE:
              return schemas.contains(s) ? "ok:s" + s : notFound();
            case LIST:
              return ok(schemas, x -> "s" + x);
            default:
              if (!schemas.contains(s)) {
                return notFound();
              }
              for (Set<Integer> types : datasets.values()) {
                if (types.contains(s)) {
                  return "ResourceInUseException";
                }
              }
              schemas.remove(s);
              return "ok:";
          }
        case DATASET:
          int t = op.name();
          switch (op.action()) {
            case CREATE:
              if (!groups.contains(g) || !schemas.contains(t)) {
                return notFound();
              }
              if (held.contains(t)) {
                return "ResourceAlreadyExistsException";
              }
              held.add(t);
              return "ok:" + datasetArn(g, t);
            case DESCRIBE:
              return held.contains(t)
                  ? "ok:" + TYPES[t] + " " + groupArn(g) + " " + schemaArn(t)
                  : notFound();
            case LIST:
              return ok(held, x -> TYPES[x]);
            default:
              if (!held.contains(t)) {
                return notFound();
              }
              held.remove(t);
              return "ok:";
          }
        case TRACKER:
          return named(op, n, trackers, () -> trackers.containsValue(g), null);
        case FILTER:
          // The expression reads Interactions, so the group needs that dataset (schema 0).
          return named(op, n, filters, () -> false, held.contains(0) ? null : "InvalidInput");
        default:
          return named(op, n, solutions, () -> false, null);
      }
    }

    /**
     * The rules of a kind named freely and owned by a group: create needs the group, the name must
     * be free (and {@code taken} says the group already has its one allowed), {@code invalid} names
     * a request the group's data cannot satisfy; describe and delete need the name.
     */
    private String named(
        Op op, String n, Map<String, Integer> byName, Supplier<Boolean> taken, String invalid) {
      int g = op.group();
      switch (op.action()) {
        case CREATE:
          if (!groups.contains(g)) {
            return notFound();
          }
          if (invalid != null) {
            return invalid + "Exception";
          }
          if (taken.get() || byName.containsKey(n)) {
            return "ResourceAlreadyExistsException";
          }
          byName.put(n, g);
          return "ok:" + arn(op.kind(), n);
        case DESCRIBE:
          return byName.containsKey(n) ? "ok:" + n + " " + groupArn(byName.get(n)) : notFound();
        case LIST:
          Set<String> in = new TreeSet<>();
          byName.forEach(
              (name, owner) -> {
                if (owner == g) {
                  in.add(name);
                }
              });
          return "ok:" + in;
        default:
          if (byName.remove(n) == null) {
            return notFound();
          }
          return "ok:";
      }
    }

    private static String notFound() {
      return "ResourceNotFoundException";
    }

    private static String ok(Set<Integer> xs, java.util.function.IntFunction<String> name) {
      Set<String> out = new TreeSet<>();
      for (int x : xs) {
        out.add(name.apply(x));
      }
      return "ok:" + out;
    }
  }
}
