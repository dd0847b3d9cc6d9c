package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.AutoMLConfig;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.ListRecipesRequest;
import org.openpersonalize.api.model.Solution;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.api.model.SolutionVersion;

/**
 * AutoML (spec §9.5): {@code performAutoML} with {@code autoMLConfig} trains each listed recipe on
 * validation users carved from the training data, keeps the best by the metric, trains it on all
 * the data, and reports it as DescribeSolution's {@code autoMLResult.bestRecipeArn}. Tested with
 * the catalogue's own recipes on data with a clear answer: users in taste clusters, where a
 * personalised recipe beats a same-for-everyone popularity list.
 */
class AutoMlTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  static final String SIMS = "arn:aws:personalize:::recipe/aws-sims";

  @TempDir Path dir;
  OpenPersonalize engine;
  Personalize p;
  String group;

  @BeforeEach
  void setUp() throws IOException {
    engine = OpenPersonalize.builder().directory(dir.resolve("engine")).build();
    p = engine.personalize();
    group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("g").build())
            .datasetGroupArn();
    String dataset =
        Fixtures.dataset(
            p, group, "Interactions", Fixtures.schema(p, "i", Fixtures.INTERACTIONS_SCHEMA));
    assertEquals(
        "ACTIVE",
        Fixtures.importAndWait(engine, "bulk", dataset, clusters(), ImportMode.FULL).status());
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  /**
   * 200 users in 10 taste clusters of 20 items each; every user interacts with 12 items of their
   * own cluster (and one random item), so the next items of a user are predictable from their
   * history and not from overall popularity.
   */
  Path clusters() throws IOException {
    SplittableRandom rnd = new SplittableRandom(5);
    StringBuilder sb = new StringBuilder(Fixtures.INTERACTIONS_HEADER).append('\n');
    long t = 1_700_000_000L;
    for (int u = 0; u < 200; u++) {
      int cluster = u % 10;
      for (int k = 0; k < 13; k++) {
        int item = k == 12 ? rnd.nextInt(200) : cluster * 20 + rnd.nextInt(20);
        sb.append("u").append(u).append(",i").append(item).append(',').append(t++);
        sb.append(",watch,1.0\n");
      }
    }
    Path path = dir.resolve("clusters.csv");
    Files.writeString(path, sb, StandardCharsets.UTF_8);
    return path;
  }

  CreateSolutionRequest.Builder autoMl(String name, List<String> recipes) {
    return CreateSolutionRequest.builder()
        .name(name)
        .datasetGroupArn(group)
        .performAutoML(true)
        .performAutoTraining(false)
        .solutionConfig(
            SolutionConfig.builder()
                .autoMLConfig(
                    AutoMLConfig.builder()
                        .metricName("normalized_discounted_cumulative_gain_at_10")
                        .recipeList(recipes)
                        .build())
                .build());
  }

  Solution describe(String solution) {
    return p.describeSolution(DescribeSolutionRequest.builder().solutionArn(solution).build())
        .solution();
  }

  SolutionVersion train(String solution) {
    String v =
        p.createSolutionVersion(
                CreateSolutionVersionRequest.builder().solutionArn(solution).build())
            .solutionVersionArn();
    engine.awaitCompletion(v, Duration.ofMinutes(3));
    SolutionVersion version =
        p.describeSolutionVersion(
                DescribeSolutionVersionRequest.builder().solutionVersionArn(v).build())
            .solutionVersion();
    assertEquals("ACTIVE", version.status(), version.failureReason());
    return version;
  }

  @Test
  void choosesThePersonalisedRecipeOnValidationAndTrainsIt() {
    // Listed second, so that the choice is not merely the first recipe.
    String solution = p.createSolution(autoMl("auto", List.of(POP, UP)).build()).solutionArn();
    Solution before = describe(solution);
    assertTrue(before.performAutoML());
    assertNull(before.autoMLResult(), "nothing chosen before the first training");
    assertNull(before.recipeArn());

    SolutionVersion v = train(solution);
    Solution after = describe(solution);
    assertEquals(UP, after.autoMLResult().bestRecipeArn());
    assertEquals(UP, after.recipeArn());
    assertEquals(UP, v.recipeArn(), "the version trained the chosen recipe");
    assertTrue(v.performAutoML());
    assertTrue(
        v.tunedHPOParams().algorithmHyperParameters().containsKey("hidden_dimension"),
        "the chosen recipe's hyperparameters: " + v.tunedHPOParams());

    // Later versions keep the solution's one AutoML result.
    assertEquals(UP, train(solution).recipeArn());
  }

  @Test
  void theSameDataAndSeedGiveTheSameChoice() {
    String a = p.createSolution(autoMl("a", List.of(UP, POP)).build()).solutionArn();
    train(a);
    assertEquals(UP, describe(a).autoMLResult().bestRecipeArn());
  }

  void assertRefused(String expectedStart, Consumer<CreateSolutionRequest.Builder> change) {
    CreateSolutionRequest.Builder b = autoMl("bad", List.of(UP, POP));
    change.accept(b);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> p.createSolution(b.build()));
    assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
  }

  static Consumer<CreateSolutionRequest.Builder> config(AutoMLConfig auto) {
    return b -> b.solutionConfig(SolutionConfig.builder().autoMLConfig(auto).build());
  }

  @Test
  void badRequestsAreRefusedNamingTheField() {
    assertRefused("recipeArn must be omitted when performAutoML is true", b -> b.recipeArn(UP));
    assertRefused("performHPO must be false when performAutoML is true", b -> b.performHPO(true));
    assertRefused(
        "solutionConfig.autoMLConfig.recipeList[1] must be a USER_PERSONALIZATION or POPULAR_ITEMS",
        config(AutoMLConfig.builder().recipeList(UP, SIMS).build()));
    assertRefused(
        "solutionConfig.autoMLConfig.recipeList[1] must not repeat a recipe",
        config(AutoMLConfig.builder().recipeList(UP, UP).build()));
    assertRefused(
        "solutionConfig.autoMLConfig.recipeList[0] must be the ARN of an available recipe",
        config(
            AutoMLConfig.builder()
                .recipeList("arn:aws:personalize:::recipe/aws-no-such-recipe")
                .build()));
    List<String> many = new ArrayList<>();
    for (int k = 0; k < 101; k++) {
      many.add(UP);
    }
    assertRefused(
        "solutionConfig.autoMLConfig.recipeList must name at most 100 recipes",
        config(AutoMLConfig.builder().recipeList(many).build()));
    assertRefused(
        "solutionConfig.autoMLConfig.metricName must be one of",
        config(AutoMLConfig.builder().metricName("accuracy").recipeList(UP).build()));
    assertRefused(
        "solutionConfig.algorithmHyperParameters must be omitted when performAutoML is true",
        b ->
            b.solutionConfig(
                SolutionConfig.builder()
                    .algorithmHyperParameters(Map.of("hidden_dimension", "40"))
                    .autoMLConfig(AutoMLConfig.builder().recipeList(UP).build())
                    .build()));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                p.createSolution(
                    CreateSolutionRequest.builder()
                        .name("plain")
                        .datasetGroupArn(group)
                        .recipeArn(UP)
                        .solutionConfig(
                            SolutionConfig.builder()
                                .autoMLConfig(AutoMLConfig.builder().recipeList(UP).build())
                                .build())
                        .build()));
    assertTrue(
        e.getMessage().startsWith("solutionConfig.autoMLConfig must be omitted unless"),
        e.getMessage());
  }

  @Test
  void withoutARecipeListAutoMlComparesTheHrnnFamilyOrSaysItHasNone() {
    boolean hasHrnn =
        p.listRecipes(ListRecipesRequest.builder().build()).recipes().stream()
            .anyMatch(r -> r.recipeArn().startsWith("arn:aws:personalize:::recipe/aws-hrnn"));
    CreateSolutionRequest request =
        CreateSolutionRequest.builder()
            .name("default-list")
            .datasetGroupArn(group)
            .performAutoML(true)
            .performAutoTraining(false)
            .build();
    if (hasHrnn) {
      String solution = p.createSolution(request).solutionArn();
      assertTrue(describe(solution).solutionConfig().autoMLConfig().recipeList().size() >= 1);
    } else {
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> p.createSolution(request));
      assertTrue(
          e.getMessage().startsWith("solutionConfig.autoMLConfig.recipeList must name 1-100"),
          e.getMessage());
    }
  }
}
