package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DeleteFilterRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.Item;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.Promotion;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.api.model.PutUsersRequest;
import org.openpersonalize.api.model.User;
import org.openpersonalize.engine.sample.SampleData;

/**
 * For random catalogues (genres and years rewritten with PutItems), users (attributes with
 * PutUsers, histories with PutEvents), filter expressions and parameter values, the items
 * GetRecommendations returns are exactly those a slow, obviously-correct evaluator of the same
 * expression admits — asked for more results than there are items, so every passing item must come
 * back (backfill), and nothing else may.
 */
class FilterReferenceProperties {
  static final List<String> GENRES = List.of("Action", "Comedy", "Drama", "Horror");
  static final List<String> TYPES = List.of("watch", "click", "Click", "buy");

  static OpenPersonalize engine;
  static Personalize p;
  static String group;
  static String itemsDataset;
  static String usersDataset;
  static String trackingId;
  static String campaign;
  static List<String> catalogue;
  static Set<String> modelItems;
  static int tries;

  @BeforeContainer
  static void train() throws Exception {
    Path dir = Files.createTempDirectory("filters");
    SampleData sample = SampleData.generate(11, 120, 60, 15);
    SampleData.Files files = sample.writeTo(dir.resolve("data"));
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    String interactions =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", SampleData.INTERACTIONS_SCHEMA));
    itemsDataset =
        Fixtures.dataset(p, group, "Items", Fixtures.schema(p, "m", SampleData.ITEMS_SCHEMA));
    usersDataset =
        Fixtures.dataset(p, group, "Users", Fixtures.schema(p, "u", SampleData.USERS_SCHEMA));
    Fixtures.importAndWait(engine, "i", interactions, files.interactions(), ImportMode.FULL);
    Fixtures.importAndWait(engine, "m", itemsDataset, files.items(), ImportMode.FULL);
    trackingId =
        p.createEventTracker(
                CreateEventTrackerRequest.builder().name("t").datasetGroupArn(group).build())
            .trackingId();
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("up")
                    .datasetGroupArn(group)
                    .recipeArn("arn:aws:personalize:::recipe/aws-user-personalization")
                    .build())
            .solutionArn();
    String version =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    engine.awaitCompletion(version, Duration.ofMinutes(5));
    campaign =
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name("c")
                    .solutionVersionArn(version)
                    .campaignConfig(c -> c.itemExplorationConfig(Map.of("explorationWeight", "0")))
                    .build())
            .campaignArn();
    catalogue = new ArrayList<>();
    for (int i = 0; i < sample.items(); i++) {
      catalogue.add(SampleData.itemId(i));
    }
    modelItems = ids(recommend(SampleData.userId(0), null, Map.of()));
  }

  @AfterContainer
  static void close() {
    engine.close();
  }

  static List<PredictedItem> recommend(String user, String filter, Map<String, String> values) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId(user)
                .numResults(500)
                .filterArn(filter)
                .filterValues(values)
                .build())
        .itemList();
  }

  static Set<String> ids(List<PredictedItem> items) {
    return items.stream().map(PredictedItem::itemId).collect(Collectors.toCollection(TreeSet::new));
  }

  // ---- the reference model ----------------------------------------------------------------------

  record Cond(String field, String op, List<String> values, String param) {}

  record Expr(boolean include, boolean interactions, List<List<Cond>> anyOf, Cond ifCond) {}

  record World(
      Map<String, Set<String>> genres,
      Map<String, Integer> years,
      List<String[]> events, // {itemId, type}, oldest first
      Integer age,
      String membership) {}

  /** Null when an INCLUDE parameter is missing (the request must fail). */
  static Set<String> reference(List<Expr> exprs, World w, Map<String, String> values) {
    Set<String> included = new HashSet<>();
    Set<String> excluded = new HashSet<>();
    boolean anyInclude = false;
    for (Expr e : exprs) {
      boolean missing = false;
      for (List<Cond> g : e.anyOf()) {
        for (Cond c : g) {
          missing |= c.param() != null && !values.containsKey(c.param());
        }
      }
      if (e.ifCond() != null && e.ifCond().param() != null) {
        missing |= !values.containsKey(e.ifCond().param());
      }
      if (missing) {
        if (e.include()) {
          return null;
        }
        continue;
      }
      if (e.ifCond() != null && !userMatches(e.ifCond(), w, values)) {
        continue;
      }
      Set<String> matched = new HashSet<>();
      for (String item : catalogue) {
        for (List<Cond> g : e.anyOf()) {
          boolean all = true;
          for (Cond c : g) {
            all &=
                e.interactions() ? interacted(item, c, w, values) : itemMatches(item, c, w, values);
          }
          if (all) {
            matched.add(item);
          }
        }
      }
      if (e.include()) {
        anyInclude = true;
        included.addAll(matched);
      } else {
        excluded.addAll(matched);
      }
    }
    Set<String> out = new TreeSet<>(anyInclude ? included : new HashSet<>(catalogue));
    out.removeAll(excluded);
    return out;
  }

  static List<String> valuesOf(Cond c, Map<String, String> values) {
    if (c.param() == null) {
      return c.values();
    }
    List<String> out = new ArrayList<>();
    for (String part : values.get(c.param()).split(",")) {
      out.add(part.replace("\"", ""));
    }
    return out;
  }

  static boolean itemMatches(String item, Cond c, World w, Map<String, String> values) {
    List<String> vs = valuesOf(c, values);
    if (c.field().equals("YEAR")) {
      int y = w.years().get(item);
      double t = Double.parseDouble(vs.get(0));
      return switch (c.op()) {
        case "<" -> y < t;
        case ">=" -> y >= t;
        case "IN" -> vs.stream().anyMatch(v -> Double.parseDouble(v) == y);
        default -> throw new AssertionError(c.op());
      };
    }
    boolean any = false;
    for (String v : vs) {
      any |= w.genres().get(item).contains(v);
    }
    return c.op().equals("IN") == any;
  }

  static boolean interacted(String item, Cond c, World w, Map<String, String> values) {
    List<String> vs = valuesOf(c, values);
    for (String[] ev : w.events()) {
      if (!ev[0].equals(item)) {
        continue;
      }
      boolean in = vs.contains("*") || vs.stream().anyMatch(v -> v.equalsIgnoreCase(ev[1]));
      if (in == c.op().equals("IN")) {
        return true;
      }
    }
    return false;
  }

  static boolean userMatches(Cond c, World w, Map<String, String> values) {
    List<String> vs = valuesOf(c, values);
    if (c.field().equals("AGE")) {
      return w.age() != null && w.age() > Double.parseDouble(vs.get(0));
    }
    return w.membership() != null && vs.contains(w.membership());
  }

  // ---- rendering --------------------------------------------------------------------------------

  static String render(List<Expr> exprs) {
    List<String> parts = new ArrayList<>();
    for (Expr e : exprs) {
      StringBuilder sb = new StringBuilder(e.include() ? "INCLUDE" : "EXCLUDE");
      sb.append(" ItemID WHERE ");
      for (int g = 0; g < e.anyOf().size(); g++) {
        if (g > 0) {
          sb.append(" OR ");
        }
        List<Cond> group = e.anyOf().get(g);
        for (int k = 0; k < group.size(); k++) {
          if (k > 0) {
            sb.append(" AND ");
          }
          sb.append(e.interactions() ? "Interactions." : "Items.").append(cond(group.get(k)));
        }
      }
      if (e.ifCond() != null) {
        sb.append(" IF CurrentUser.").append(cond(e.ifCond()));
      }
      parts.add(sb.toString());
    }
    return String.join(" | ", parts);
  }

  static String cond(Cond c) {
    String rhs;
    if (c.param() != null) {
      rhs = c.op().endsWith("IN") ? "($" + c.param() + ")" : "$" + c.param();
    } else if (c.values().equals(List.of("*"))) {
      rhs = "(*)";
    } else if (c.op().endsWith("IN")) {
      rhs =
          "("
              + c.values().stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "))
              + ")";
    } else {
      rhs = c.values().get(0);
    }
    return c.field() + " " + c.op() + " " + rhs;
  }

  // ---- generation -------------------------------------------------------------------------------

  static <T> T pick(SplittableRandom r, List<T> xs) {
    return xs.get(r.nextInt(xs.size()));
  }

  static List<String> some(SplittableRandom r, List<String> xs) {
    List<String> out = new ArrayList<>();
    for (String x : xs) {
      if (r.nextInt(3) == 0) {
        out.add(x);
      }
    }
    if (out.isEmpty()) {
      out.add(pick(r, xs));
    }
    return out;
  }

  static Cond itemCond(SplittableRandom r, Map<String, String> params) {
    boolean useParam = r.nextBoolean();
    if (r.nextBoolean()) {
      String op = pick(r, List.of("<", ">=", "IN"));
      String year = Integer.toString(1990 + r.nextInt(12));
      if (useParam) {
        String name = "Y" + params.size();
        params.put(name, r.nextBoolean() ? year : "\"" + year + "\"");
        return new Cond("YEAR", op, null, name);
      }
      return new Cond("YEAR", op, List.of(year), null);
    }
    List<String> gs = some(r, GENRES);
    if (useParam) {
      String name = "G" + params.size();
      params.put(name, gs.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",")));
      return new Cond("GENRES", "IN", null, name);
    }
    return new Cond("GENRES", r.nextBoolean() ? "IN" : "NOT IN", gs, null);
  }

  static Cond eventCond(SplittableRandom r, Map<String, String> params) {
    int k = r.nextInt(4);
    if (k == 0) {
      return new Cond("EVENT_TYPE", "IN", List.of("*"), null);
    }
    List<String> ts = some(r, List.of("WATCH", "click", "buy", "rate"));
    if (k == 1) {
      String name = "E" + params.size();
      params.put(name, ts.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",")));
      return new Cond("EVENT_TYPE", "IN", null, name);
    }
    return new Cond("EVENT_TYPE", k == 2 ? "IN" : "NOT IN", ts, null);
  }

  @Example
  void promotionsFillTheirShareAndMetadataComesBack() {
    String filter =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("promo")
                    .datasetGroupArn(group)
                    .filterExpression("INCLUDE ItemID WHERE Items.YEAR >= $Y")
                    .build())
            .filterArn();
    List<PredictedItem> items =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .userId(SampleData.userId(3))
                    .numResults(10)
                    .promotions(
                        Promotion.builder()
                            .name("recent")
                            .percentPromotedItems(25)
                            .filterArn(filter)
                            .filterValues(Map.of("Y", "\"0\""))
                            .build())
                    .build())
            .itemList();
    assertEquals(10, items.size());
    assertEquals(3, items.stream().filter(i -> "recent".equals(i.promotionName())).count());
    assertEquals(10, ids(items).size());
    InvalidInputException off =
        assertThrows(
            InvalidInputException.class,
            () ->
                engine
                    .runtime()
                    .getRecommendations(
                        GetRecommendationsRequest.builder()
                            .campaignArn(campaign)
                            .userId(SampleData.userId(3))
                            .numResults(10)
                            .metadataColumns(Map.of("ITEMS", List.of("YEAR")))
                            .build()));
    assertTrue(off.getMessage().contains("enableMetadataWithRecommendations"), off.getMessage());
    p.deleteFilter(DeleteFilterRequest.builder().filterArn(filter).build());
  }

  @Property(tries = 30)
  void filteredRecommendationsEqualTheReference(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = tries++;
    // A random catalogue.
    Map<String, Set<String>> genres = new HashMap<>();
    Map<String, Integer> years = new HashMap<>();
    List<Item> batch = new ArrayList<>();
    for (String id : catalogue) {
      Set<String> gs = new TreeSet<>(some(r, GENRES));
      int year = 1990 + r.nextInt(12);
      genres.put(id, gs);
      years.put(id, year);
      batch.add(
          Item.builder()
              .itemId(id)
              .properties(
                  String.format(
                      Locale.ROOT,
                      "{\"title\":\"t\",\"genres\":\"%s\",\"year\":%d,\"creationTimestamp\":1}",
                      String.join("|", gs),
                      year))
              .build());
      if (batch.size() == 10) {
        engine
            .events()
            .putItems(PutItemsRequest.builder().datasetArn(itemsDataset).items(batch).build());
        batch.clear();
      }
    }
    // A random user: attributes or none, and a history.
    String user = "prop-" + n;
    Integer age = r.nextBoolean() ? 10 + r.nextInt(60) : null;
    String membership = age == null ? null : pick(r, List.of("gold", "basic"));
    if (age != null) {
      engine
          .events()
          .putUsers(
              PutUsersRequest.builder()
                  .datasetArn(usersDataset)
                  .users(
                      User.builder()
                          .userId(user)
                          .properties(
                              String.format(
                                  Locale.ROOT,
                                  "{\"age\":%d,\"membership\":\"%s\"}",
                                  age,
                                  membership))
                          .build())
                  .build());
    }
    List<String[]> events = new ArrayList<>();
    List<Event> evs = new ArrayList<>();
    int count = 1 + r.nextInt(10);
    for (int k = 0; k < count; k++) {
      String item = pick(r, catalogue);
      String type = pick(r, TYPES);
      events.add(new String[] {item, type});
      evs.add(
          Event.builder()
              .eventType(type)
              .itemId(item)
              .sentAt(Instant.ofEpochSecond(1_800_000_000L + k))
              .build());
    }
    engine
        .events()
        .putEvents(
            PutEventsRequest.builder()
                .trackingId(trackingId)
                .userId(user)
                .sessionId("s")
                .eventList(evs)
                .build());
    // A random filter and parameter values, some of them missing.
    Map<String, String> params = new LinkedHashMap<>();
    List<Expr> exprs = new ArrayList<>();
    int ne = 1 + r.nextInt(3);
    for (int k = 0; k < ne; k++) {
      boolean interactions = r.nextInt(3) == 0;
      List<List<Cond>> anyOf = new ArrayList<>();
      int groups = 1 + r.nextInt(2);
      for (int g = 0; g < groups; g++) {
        List<Cond> conds = new ArrayList<>();
        int nc = 1 + r.nextInt(2);
        for (int c = 0; c < nc; c++) {
          conds.add(interactions ? eventCond(r, params) : itemCond(r, params));
        }
        anyOf.add(conds);
      }
      Cond ifCond = null;
      if (r.nextInt(4) == 0) {
        ifCond =
            r.nextBoolean()
                ? new Cond("AGE", ">", List.of(Integer.toString(r.nextInt(70))), null)
                : new Cond("MEMBERSHIP", "IN", List.of("gold"), null);
      }
      exprs.add(new Expr(r.nextBoolean(), interactions, anyOf, ifCond));
    }
    Map<String, String> given = new LinkedHashMap<>();
    params.forEach(
        (k, v) -> {
          if (r.nextInt(5) != 0) {
            given.put(k, v);
          }
        });
    World world = new World(genres, years, events, age, membership);
    String expression = render(exprs);
    String filter =
        p.createFilter(
                CreateFilterRequest.builder()
                    .name("prop" + n)
                    .datasetGroupArn(group)
                    .filterExpression(expression)
                    .build())
            .filterArn();
    try {
      Set<String> expected = reference(exprs, world, given);
      if (expected == null) {
        InvalidInputException e =
            assertThrows(InvalidInputException.class, () -> recommend(user, filter, given));
        assertTrue(e.getMessage().contains("used by an INCLUDE expression"), e.getMessage());
        return;
      }
      expected.retainAll(modelItems);
      List<PredictedItem> got = recommend(user, filter, given);
      assertEquals(expected, ids(got), expression + " with " + given);
      assertEquals(expected.size(), got.size(), "no duplicates");
    } finally {
      p.deleteFilter(DeleteFilterRequest.builder().filterArn(filter).build());
    }
  }
}
