package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateFilterRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.PredictedItem;

/**
 * Spec §5.2: users with no interactions in the last three months lose their filter history — three
 * months before the newest interaction of the data, not before the wall clock, so a catalogue whose
 * history ends in 2000 still filters for its recent users.
 */
class FilterHistoryAgeTest {
  static final long END_2000 = 978_220_800L; // 2000-12-31
  static final long DAY = 86_400;

  @TempDir Path dir;

  @Test
  void usersInactiveForThreeMonthsBeforeTheNewestInteractionLoseTheirFilterHistory()
      throws IOException {
    StringBuilder sb = new StringBuilder(Fixtures.INTERACTIONS_HEADER).append('\n');
    // 60 users over 30 items in the last weeks of 2000; item i0 is the most popular.
    for (int k = 0; k < 1500; k++) {
      int item = k % 3 == 0 ? 0 : 1 + k % 29;
      sb.append('u').append(k % 60).append(",i").append(item).append(',');
      sb.append(END_2000 - (k % 20) * DAY).append(",click,1.0\n");
    }
    // "recent" clicked i0 a month before the end; "lapsed" clicked it four months before.
    sb.append("recent,i0,").append(END_2000 - 30 * DAY).append(",click,1.0\n");
    sb.append("recent,i1,").append(END_2000 - 31 * DAY).append(",click,1.0\n");
    sb.append("lapsed,i0,").append(END_2000 - 120 * DAY).append(",click,1.0\n");
    sb.append("lapsed,i1,").append(END_2000 - 121 * DAY).append(",click,1.0\n");
    Path csv = dir.resolve("interactions.csv");
    Files.writeString(csv, sb, StandardCharsets.UTF_8);

    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
              .datasetGroupArn();
      String ix =
          Fixtures.dataset(
              p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
      assertEquals(
          "ACTIVE", Fixtures.importAndWait(engine, "i", ix, csv, ImportMode.FULL).status());
      String solution =
          p.createSolution(
                  CreateSolutionRequest.builder()
                      .name("pop")
                      .datasetGroupArn(group)
                      .recipeArn("arn:aws:personalize:::recipe/aws-popularity-count")
                      .build())
              .solutionArn();
      String version =
          p.createSolutionVersion(
                  CreateSolutionVersionRequest.builder().solutionArn(solution).build())
              .solutionVersionArn();
      assertEquals("ACTIVE", engine.awaitCompletion(version, Duration.ofMinutes(2)));
      String campaign =
          p.createCampaign(
                  CreateCampaignRequest.builder().name("c").solutionVersionArn(version).build())
              .campaignArn();
      engine.awaitCompletion(campaign, Duration.ofMinutes(1));
      String filter =
          p.createFilter(
                  CreateFilterRequest.builder()
                      .name("unseen")
                      .datasetGroupArn(group)
                      .filterExpression(
                          "EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (\"click\")")
                      .build())
              .filterArn();

      List<String> recent = recommend(engine, campaign, filter, "recent");
      List<String> lapsed = recommend(engine, campaign, filter, "lapsed");
      assertFalse(recent.contains("i0"), "a recent user's clicks are excluded: " + recent);
      assertFalse(recent.contains("i1"), "a recent user's clicks are excluded: " + recent);
      assertTrue(lapsed.contains("i0"), "a lapsed user has no filter history: " + lapsed);
      assertTrue(lapsed.contains("i1"), "a lapsed user has no filter history: " + lapsed);
    }
  }

  private static List<String> recommend(
      OpenPersonalize engine, String campaign, String filter, String user) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId(user)
                .filterArn(filter)
                .numResults(30)
                .build())
        .itemList()
        .stream()
        .map(PredictedItem::itemId)
        .toList();
  }
}
