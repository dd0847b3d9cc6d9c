package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.PersonalizeEvents;
import org.openpersonalize.api.PersonalizeRuntime;
import org.openpersonalize.api.model.CampaignConfig;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateEventTrackerRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.Event;
import org.openpersonalize.api.model.GetPersonalizedRankingRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.InvalidNextTokenException;
import org.openpersonalize.api.model.Item;
import org.openpersonalize.api.model.ListCampaignsRequest;
import org.openpersonalize.api.model.ListDatasetGroupsRequest;
import org.openpersonalize.api.model.ListDatasetImportJobsRequest;
import org.openpersonalize.api.model.ListDatasetsRequest;
import org.openpersonalize.api.model.ListEventTrackersRequest;
import org.openpersonalize.api.model.ListFiltersRequest;
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.ListSchemasRequest;
import org.openpersonalize.api.model.ListSolutionVersionsRequest;
import org.openpersonalize.api.model.ListSolutionsRequest;
import org.openpersonalize.api.model.Promotion;
import org.openpersonalize.api.model.PutEventsRequest;
import org.openpersonalize.api.model.PutItemsRequest;
import org.openpersonalize.api.model.PutUsersRequest;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.User;

/**
 * Invalid requests Amazon refuses with a validation error, probed through the public API (issue 12,
 * item 6): bounds of {@code numResults}, {@code inputList}, {@code eventList}, {@code items} and
 * {@code users}; empty strings and names with spaces or outside {@code [a-zA-Z0-9][a-zA-Z0-9\-_]*};
 * {@code maxResults} and {@code nextToken} of every List operation; filter value keys, counts and
 * lengths; promotions and metadata columns. Every case is refused with InvalidInputException (or
 * InvalidNextTokenException for a token that was never issued), before any lookup: the ARNs used
 * are well formed but name nothing. docs/reliability.md lists the cases.
 */
class LenientInputProbeTest {
  static final String ARN = "arn:aws:personalize:local:000000000000:";
  static final String CAMPAIGN = ARN + "campaign/absent";
  static final String GROUP = ARN + "dataset-group/absent";
  static final String FILTER = ARN + "filter/absent";
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";

  record Probe(String name, Class<? extends RuntimeException> expected, Runnable call) {}

  final List<Probe> probes = new ArrayList<>();

  void refused(String name, Runnable call) {
    probes.add(new Probe(name, InvalidInputException.class, call));
  }

  static List<String> strings(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("i" + i);
    }
    return out;
  }

  void runtime(PersonalizeRuntime r) {
    Consumer<Consumer<GetRecommendationsRequest.Builder>> rec =
        c -> {
          GetRecommendationsRequest.Builder b =
              GetRecommendationsRequest.builder().campaignArn(CAMPAIGN).userId("u");
          c.accept(b);
          r.getRecommendations(b.build());
        };
    refused("numResults -1", () -> rec.accept(b -> b.numResults(-1)));
    refused("numResults 501", () -> rec.accept(b -> b.numResults(501)));
    refused("userId empty", () -> rec.accept(b -> b.userId("")));
    refused("userId 257 chars", () -> rec.accept(b -> b.userId("u".repeat(257))));
    refused("itemId empty", () -> rec.accept(b -> b.itemId("")));
    refused(
        "filterValues without filterArn",
        () -> rec.accept(b -> b.filterValues(Map.of("A", "\"x\""))));
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 26; i++) {
      many.put("K" + i, "\"v\"");
    }
    refused("filterValues 26 keys", () -> rec.accept(b -> b.filterArn(FILTER).filterValues(many)));
    refused(
        "filterValues key with a space",
        () -> rec.accept(b -> b.filterArn(FILTER).filterValues(Map.of("BAD KEY", "\"v\""))));
    refused(
        "filterValues key of 51 chars",
        () -> rec.accept(b -> b.filterArn(FILTER).filterValues(Map.of("K".repeat(51), "\"v\""))));
    refused(
        "filterValues empty value",
        () -> rec.accept(b -> b.filterArn(FILTER).filterValues(Map.of("K", ""))));
    refused(
        "filterValues value of 1001 chars",
        () ->
            rec.accept(
                b -> b.filterArn(FILTER).filterValues(Map.of("K", "\"" + "v".repeat(999) + "\""))));
    Promotion ok = Promotion.builder().name("p").percentPromotedItems(10).filterArn(FILTER).build();
    refused("two promotions", () -> rec.accept(b -> b.promotions(ok, ok)));
    refused(
        "promotion percent 0",
        () -> rec.accept(b -> b.promotions(ok.toBuilder().percentPromotedItems(0).build())));
    refused(
        "promotion percent 101",
        () -> rec.accept(b -> b.promotions(ok.toBuilder().percentPromotedItems(101).build())));
    refused(
        "promotion name with a space",
        () -> rec.accept(b -> b.promotions(ok.toBuilder().name("my promo").build())));
    refused(
        "metadataColumns key USERS",
        () -> rec.accept(b -> b.metadataColumns(Map.of("USERS", List.of("AGE")))));
    refused(
        "metadataColumns 11 columns",
        () -> rec.accept(b -> b.metadataColumns(Map.of("ITEMS", strings(11)))));
    refused(
        "numResults 51 with metadataColumns",
        () ->
            rec.accept(b -> b.numResults(51).metadataColumns(Map.of("ITEMS", List.of("GENRES")))));
    refused(
        "metadataColumns empty column",
        () -> rec.accept(b -> b.metadataColumns(Map.of("ITEMS", List.of("")))));
    Consumer<Consumer<GetPersonalizedRankingRequest.Builder>> rank =
        c -> {
          GetPersonalizedRankingRequest.Builder b =
              GetPersonalizedRankingRequest.builder()
                  .campaignArn(CAMPAIGN)
                  .userId("u")
                  .inputList("i1");
          c.accept(b);
          r.getPersonalizedRanking(b.build());
        };
    refused("inputList empty", () -> rank.accept(b -> b.inputList(List.of())));
    refused("inputList 501 items", () -> rank.accept(b -> b.inputList(strings(501))));
    refused("inputList empty item", () -> rank.accept(b -> b.inputList("")));
    refused("inputList item of 257 chars", () -> rank.accept(b -> b.inputList("i".repeat(257))));
    refused(
        "inputList 51 items with metadataColumns",
        () ->
            rank.accept(
                b -> b.inputList(strings(51)).metadataColumns(Map.of("ITEMS", List.of("GENRES")))));
    refused("ranking without userId", () -> rank.accept(b -> b.userId(null)));
  }

  void events(PersonalizeEvents e) {
    Event ev = Event.builder().eventType("click").itemId("i").sentAt(Instant.EPOCH).build();
    Consumer<Consumer<PutEventsRequest.Builder>> put =
        c -> {
          PutEventsRequest.Builder b =
              PutEventsRequest.builder().trackingId("t").userId("u").sessionId("s").eventList(ev);
          c.accept(b);
          e.putEvents(b.build());
        };
    refused("eventList empty", () -> put.accept(b -> b.eventList(List.of())));
    List<Event> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(ev);
    }
    refused("eventList 11 events", () -> put.accept(b -> b.eventList(eleven)));
    refused("trackingId empty", () -> put.accept(b -> b.trackingId("")));
    refused("sessionId empty", () -> put.accept(b -> b.sessionId("")));
    refused("userId empty", () -> put.accept(b -> b.userId("")));
    refused(
        "eventType empty",
        () -> put.accept(b -> b.eventList(ev.toBuilder().eventType("").build())));
    refused(
        "eventValue NaN",
        () -> put.accept(b -> b.eventList(ev.toBuilder().eventValue(Float.NaN).build())));
    refused(
        "eventValue infinite",
        () ->
            put.accept(
                b -> b.eventList(ev.toBuilder().eventValue(Float.POSITIVE_INFINITY).build())));
    refused(
        "sentAt missing", () -> put.accept(b -> b.eventList(ev.toBuilder().sentAt(null).build())));
    refused(
        "impression empty item",
        () -> put.accept(b -> b.eventList(ev.toBuilder().impression("").build())));
    String items = ARN + "dataset/absent/ITEMS";
    refused(
        "items empty",
        () -> e.putItems(PutItemsRequest.builder().datasetArn(items).items(List.of()).build()));
    List<Item> elevenItems = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      elevenItems.add(Item.builder().itemId("i" + i).build());
    }
    refused(
        "items 11",
        () -> e.putItems(PutItemsRequest.builder().datasetArn(items).items(elevenItems).build()));
    refused(
        "itemId empty",
        () ->
            e.putItems(
                PutItemsRequest.builder()
                    .datasetArn(items)
                    .items(Item.builder().itemId("").build())
                    .build()));
    String users = ARN + "dataset/absent/USERS";
    refused(
        "users empty",
        () -> e.putUsers(PutUsersRequest.builder().datasetArn(users).users(List.of()).build()));
    refused(
        "user userId empty",
        () ->
            e.putUsers(
                PutUsersRequest.builder()
                    .datasetArn(users)
                    .users(User.builder().userId("").build())
                    .build()));
  }

  void names(Personalize p) {
    for (String bad :
        List.of("", " g", "g ", "my group", "-g", "_g", "g.h", "g/h", "ǵ", "g".repeat(64))) {
      refused(
          "dataset group name " + Check.show(bad),
          () -> p.createDatasetGroup(CreateDatasetGroupRequest.builder().name(bad).build()));
    }
    refused(
        "schema name with a space",
        () -> p.createSchema(CreateSchemaRequest.builder().name("a b").schema("{}").build()));
    refused(
        "schema empty",
        () -> p.createSchema(CreateSchemaRequest.builder().name("a").schema("").build()));
    refused(
        "schema over 10000 chars",
        () ->
            p.createSchema(
                CreateSchemaRequest.builder().name("a").schema(" ".repeat(10_001)).build()));
    refused(
        "dataset name with a space",
        () ->
            p.createDataset(
                CreateDatasetRequest.builder()
                    .name("a b")
                    .datasetGroupArn(GROUP)
                    .datasetType("Interactions")
                    .schemaArn(ARN + "schema/absent")
                    .build()));
    refused(
        "dataset type unknown",
        () ->
            p.createDataset(
                CreateDatasetRequest.builder()
                    .name("a")
                    .datasetGroupArn(GROUP)
                    .datasetType("Bogus")
                    .schemaArn(ARN + "schema/absent")
                    .build()));
    refused(
        "import job name with a space",
        () ->
            p.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName("a b")
                    .datasetArn(ARN + "dataset/absent/INTERACTIONS")
                    .dataSource(d -> d.dataLocation("/tmp/x.csv"))
                    .build()));
    refused(
        "import dataLocation empty",
        () ->
            p.createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName("a")
                    .datasetArn(ARN + "dataset/absent/INTERACTIONS")
                    .dataSource(d -> d.dataLocation(""))
                    .build()));
    refused(
        "event tracker name with a space",
        () ->
            p.createEventTracker(
                CreateEventTrackerRequest.builder().name("a b").datasetGroupArn(GROUP).build()));
    refused(
        "filter expression empty",
        () ->
            p.createFilter(
                CreateFilterRequest.builder()
                    .name("f")
                    .datasetGroupArn(GROUP)
                    .filterExpression("")
                    .build()));
    refused(
        "filter expression over 2500 chars",
        () ->
            p.createFilter(
                CreateFilterRequest.builder()
                    .name("f")
                    .datasetGroupArn(GROUP)
                    .filterExpression("E".repeat(2501))
                    .build()));
    CreateSolutionRequest sol =
        CreateSolutionRequest.builder().name("s").datasetGroupArn(GROUP).recipeArn(UP).build();
    refused(
        "solution name with a space", () -> p.createSolution(sol.toBuilder().name("a b").build()));
    refused(
        "solution eventType empty", () -> p.createSolution(sol.toBuilder().eventType("").build()));
    refused(
        "solution eventValueThreshold not a number",
        () ->
            p.createSolution(
                sol.toBuilder()
                    .solutionConfig(SolutionConfig.builder().eventValueThreshold("abc").build())
                    .build()));
    refused(
        "solution unknown hyperparameter",
        () ->
            p.createSolution(
                sol.toBuilder()
                    .solutionConfig(
                        SolutionConfig.builder()
                            .algorithmHyperParameters(Map.of("no_such_parameter", "1"))
                            .build())
                    .build()));
    refused(
        "solution unknown featurization parameter",
        () ->
            p.createSolution(
                sol.toBuilder()
                    .solutionConfig(
                        SolutionConfig.builder()
                            .featureTransformationParameters(Map.of("no_such_parameter", "1"))
                            .build())
                    .build()));
    refused(
        "solution version name with a space",
        () ->
            p.createSolutionVersion(
                CreateSolutionVersionRequest.builder()
                    .name("a b")
                    .solutionArn(ARN + "solution/absent")
                    .build()));
    CreateCampaignRequest camp =
        CreateCampaignRequest.builder()
            .name("c")
            .solutionVersionArn(ARN + "solution/absent/abc")
            .build();
    refused(
        "campaign name with a space", () -> p.createCampaign(camp.toBuilder().name("a b").build()));
    refused(
        "campaign minProvisionedTPS 0",
        () -> p.createCampaign(camp.toBuilder().minProvisionedTPS(0).build()));
    refused(
        "campaign unknown itemExplorationConfig key",
        () ->
            p.createCampaign(
                camp.toBuilder()
                    .campaignConfig(
                        CampaignConfig.builder()
                            .itemExplorationConfig(Map.of("explorationWait", "0.1"))
                            .build())
                    .build()));
    refused(
        "campaign explorationWeight 2",
        () ->
            p.createCampaign(
                camp.toBuilder()
                    .campaignConfig(
                        CampaignConfig.builder()
                            .itemExplorationConfig(Map.of("explorationWeight", "2"))
                            .build())
                    .build()));
  }

  void lists(Personalize p) {
    List<Consumer<Object[]>> ops = new ArrayList<>();
    // {maxResults, nextToken} for each List operation.
    Map<String, Consumer<Object[]>> list = new LinkedHashMap<>();
    list.put(
        "ListDatasetGroups",
        a ->
            p.listDatasetGroups(
                ListDatasetGroupsRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    list.put(
        "ListSchemas",
        a ->
            p.listSchemas(
                ListSchemasRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    list.put(
        "ListDatasets",
        a ->
            p.listDatasets(
                ListDatasetsRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    list.put(
        "ListDatasetImportJobs",
        a ->
            p.listDatasetImportJobs(
                ListDatasetImportJobsRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    list.put(
        "ListEventTrackers",
        a ->
            p.listEventTrackers(
                ListEventTrackersRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    list.put(
        "ListFilters",
        a ->
            p.listFilters(
                ListFiltersRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    list.put(
        "ListRecipes",
        a ->
            p.listRecipes(
                ListRecipesRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    list.put(
        "ListSolutions",
        a ->
            p.listSolutions(
                ListSolutionsRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    list.put(
        "ListSolutionVersions",
        a ->
            p.listSolutionVersions(
                ListSolutionVersionsRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    list.put(
        "ListCampaigns",
        a ->
            p.listCampaigns(
                ListCampaignsRequest.builder()
                    .maxResults((Integer) a[0])
                    .nextToken((String) a[1])
                    .build()));
    for (Map.Entry<String, Consumer<Object[]>> e : list.entrySet()) {
      Consumer<Object[]> call = e.getValue();
      refused(e.getKey() + " maxResults 0", () -> call.accept(new Object[] {0, null}));
      refused(e.getKey() + " maxResults -1", () -> call.accept(new Object[] {-1, null}));
      refused(e.getKey() + " maxResults 101", () -> call.accept(new Object[] {101, null}));
      refused(e.getKey() + " nextToken empty", () -> call.accept(new Object[] {null, ""}));
      refused(
          e.getKey() + " nextToken of 1501 chars",
          () -> call.accept(new Object[] {null, "t".repeat(1501)}));
      probes.add(
          new Probe(
              e.getKey() + " nextToken never issued",
              InvalidNextTokenException.class,
              () -> call.accept(new Object[] {null, "bm90LWEtdG9rZW4"})));
    }
  }

  @Test
  void everyProbedInvalidRequestIsRefused() {
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      runtime(engine.runtime());
      events(engine.events());
      names(engine.personalize());
      lists(engine.personalize());
      List<String> lenient = new ArrayList<>();
      for (Probe probe : probes) {
        try {
          probe.call().run();
          lenient.add(probe.name() + ": accepted");
        } catch (RuntimeException e) {
          if (!probe.expected().isInstance(e)) {
            lenient.add(probe.name() + ": " + e);
          }
        }
      }
      assertEquals(List.of(), lenient, lenient.size() + " of " + probes.size() + " probes");
    }
  }

  /** Quotes like the engine's messages, for probe names. */
  static final class Check {
    static String show(String s) {
      return '"' + (s.length() > 10 ? s.substring(0, 10) + "…" : s) + '"';
    }
  }
}
