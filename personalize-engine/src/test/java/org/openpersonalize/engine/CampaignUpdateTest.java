package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.Campaign;
import org.openpersonalize.api.model.CampaignUpdateSummary;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DeleteCampaignRequest;
import org.openpersonalize.api.model.DescribeCampaignRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.PredictedItem;
import org.openpersonalize.api.model.UpdateCampaignRequest;

/**
 * UpdateCampaign and {@code syncWithLatestSolutionVersion}: a campaign pinned to a version keeps
 * serving it until updated; a campaign on {@code $LATEST} with sync on serves each new ACTIVE
 * version as soon as it trains; Describe reports the last update. Popularity-count makes the
 * versions tell apart: the second one is trained after an import that makes one item the most
 * popular.
 */
class CampaignUpdateTest {
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  static final String HOT = "hot-item";

  static OpenPersonalize engine;
  static Personalize p;
  static Path dir;
  static String group;
  static String dataset;

  @BeforeAll
  static void setUp() throws IOException {
    dir = Files.createTempDirectory("campaign-update");
    engine = OpenPersonalize.inMemory();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    dataset =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
    Fixtures.importAndWait(
        engine,
        "bulk",
        dataset,
        Fixtures.interactionsCsv(dir, "bulk.csv", 1500, 7),
        ImportMode.FULL);
  }

  @AfterAll
  static void tearDown() {
    engine.close();
  }

  static String solution(String name) {
    return p.createSolution(
            CreateSolutionRequest.builder()
                .name(name)
                .datasetGroupArn(group)
                .recipeArn(POP)
                .build())
        .solutionArn();
  }

  static String train(String solution) {
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    assertEquals("ACTIVE", engine.awaitCompletion(v, Duration.ofMinutes(2)));
    return v;
  }

  static String campaign(String name, String version, Boolean sync) {
    return p.createCampaign(
            CreateCampaignRequest.builder()
                .name(name)
                .solutionVersionArn(version)
                .campaignConfig(c -> c.syncWithLatestSolutionVersion(sync))
                .build())
        .campaignArn();
  }

  static String top(String campaign) {
    List<PredictedItem> items =
        engine
            .runtime()
            .getRecommendations(
                GetRecommendationsRequest.builder()
                    .campaignArn(campaign)
                    .userId("someone-new")
                    .numResults(3)
                    .build())
            .itemList();
    return items.get(0).itemId();
  }

  static Campaign describe(String campaign) {
    return p.describeCampaign(DescribeCampaignRequest.builder().campaignArn(campaign).build())
        .campaign();
  }

  /** 1,000 interactions of one item by 200 users, after every row of the bulk file. */
  static Path hotItemCsv() throws IOException {
    StringBuilder sb = new StringBuilder(Fixtures.INTERACTIONS_HEADER).append('\n');
    for (int i = 0; i < 1000; i++) {
      sb.append("h").append(i % 200).append(',').append(HOT).append(',');
      sb.append(1_700_000_000L + i).append(",watch,1.0\n");
    }
    Path path = dir.resolve("hot.csv");
    Files.writeString(path, sb, StandardCharsets.UTF_8);
    return path;
  }

  @Test
  void syncedCampaignFollowsNewVersionsAndUpdateMovesAPinnedOne() throws IOException {
    String solution = solution("pop");
    String v1 = train(solution);
    String pinned = campaign("pinned", v1, null);
    String synced = campaign("synced", solution + "/$LATEST", true);
    assertEquals(top(pinned), top(synced));
    assertNotEquals(HOT, top(pinned));
    assertNull(describe(pinned).latestCampaignUpdate());

    Fixtures.importAndWait(engine, "hot", dataset, hotItemCsv(), ImportMode.INCREMENTAL);
    String v2 = train(solution);

    assertEquals(HOT, top(synced), "the synced campaign serves the new version");
    assertNotEquals(HOT, top(pinned), "the pinned campaign keeps its version");
    // DescribeCampaign names the version the campaign serves, not the $LATEST form it was given.
    assertEquals(v2, describe(synced).solutionVersionArn());
    assertTrue(describe(synced).campaignConfig().syncWithLatestSolutionVersion());

    p.updateCampaign(
        UpdateCampaignRequest.builder()
            .campaignArn(pinned)
            .solutionVersionArn(v2)
            .minProvisionedTPS(3)
            .build());
    Campaign c = describe(pinned);
    assertEquals(v2, c.solutionVersionArn());
    assertEquals(3, c.minProvisionedTPS());
    assertEquals("ACTIVE", c.status());
    CampaignUpdateSummary u = c.latestCampaignUpdate();
    assertEquals(v2, u.solutionVersionArn());
    assertEquals(3, u.minProvisionedTPS());
    assertEquals("ACTIVE", u.status());
    assertEquals(c.lastUpdatedDateTime(), u.lastUpdatedDateTime());
    assertEquals(HOT, top(pinned), "the updated campaign serves the version it was moved to");
    for (String arn : List.of(pinned, synced)) {
      p.deleteCampaign(DeleteCampaignRequest.builder().campaignArn(arn).build());
    }
  }

  @Test
  void updateRefusesAVersionOfAnotherSolutionAndKeepsTheCampaign() {
    String mine = train(solution("mine"));
    String theirs = train(solution("theirs"));
    String campaign = campaign("keep", mine, null);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.updateCampaign(
                    UpdateCampaignRequest.builder()
                        .campaignArn(campaign)
                        .solutionVersionArn(theirs)
                        .build()));
    assertTrue(
        e.getMessage().startsWith("solutionVersionArn must be a version of"), e.getMessage());
    assertEquals(mine, describe(campaign).solutionVersionArn());
    assertNull(describe(campaign).latestCampaignUpdate());
    p.deleteCampaign(DeleteCampaignRequest.builder().campaignArn(campaign).build());
  }

  @Test
  void explorationSettingsAreRefusedForARecipeThatDoesNotExplore() {
    String version = train(solution("no-explore"));
    for (Map<String, String> config :
        List.of(Map.of("explorationWeight", "0.5"), Map.of("explorationItemAgeCutOff", "10"))) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () ->
                  p.createCampaign(
                      CreateCampaignRequest.builder()
                          .name("explore")
                          .solutionVersionArn(version)
                          .campaignConfig(c -> c.itemExplorationConfig(config))
                          .build()));
      String field = config.keySet().iterator().next();
      assertTrue(
          e.getMessage().startsWith("campaignConfig.itemExplorationConfig." + field + " must "),
          e.getMessage());
      assertTrue(e.getMessage().contains(POP), e.getMessage());
    }
    // A weight of 0 asks for no exploration, which this recipe honours.
    String ok =
        p.createCampaign(
                CreateCampaignRequest.builder()
                    .name("explore")
                    .solutionVersionArn(version)
                    .campaignConfig(c -> c.itemExplorationConfig(Map.of("explorationWeight", "0")))
                    .build())
            .campaignArn();
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.updateCampaign(
                    UpdateCampaignRequest.builder()
                        .campaignArn(ok)
                        .campaignConfig(
                            c -> c.itemExplorationConfig(Map.of("explorationWeight", "1")))
                        .build()));
    assertTrue(e.getMessage().contains("explorationWeight must be 0"), e.getMessage());
    p.deleteCampaign(DeleteCampaignRequest.builder().campaignArn(ok).build());
  }
}
