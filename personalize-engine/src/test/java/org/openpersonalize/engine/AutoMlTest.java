package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ServiceLoader;
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
import org.openpersonalize.engine.internal.training.ModelArtifact;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Recipe;

/**
 * AutoML (spec §9.5): {@code performAutoML} with {@code autoMLConfig} trains each listed recipe on
 * validation users carved from the training data, keeps the best by the metric, trains it on all
 * the data, and reports it as DescribeSolution's {@code autoMLResult.bestRecipeArn}. HPO is implied
 * (spec §9.5): unless {@code performHPO} is false, the chosen recipe's tunable hyperparameters are
 * searched near their defaults before the final training, and DescribeSolutionVersion's {@code
 * tunedHPOParams} reports the values trained. Tested with the catalogue's own recipes on data with
 * a clear answer: users in taste clusters, where a personalised recipe beats a same-for-everyone
 * popularity list.
 */
class AutoMlTest {
  static final String UP = "arn:aws:personalize:::recipe/aws-user-personalization";
  static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";
  static final String SIMS = "arn:aws:personalize:::recipe/aws-sims";

  @TempDir Path dir;
  OpenPersonalize engine;
  Personalize p;

  /** Every progress report, "arn fraction", in order. */
  final List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());

  String group;

  @BeforeEach
  void setUp() throws IOException {
    setUpIn("engine");
  }

  void setUpIn(String engineDir) throws IOException {
    engine =
        OpenPersonalize.builder()
            .directory(dir.resolve(engineDir))
            .trainingProgress((arn, fraction, message) -> progress.add(arn + " " + fraction))
            .build();
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

  static Recipe recipe(String arn) {
    for (Recipe r : ServiceLoader.load(Recipe.class)) {
      if (r.recipeArn().equals(arn)) {
        return r;
      }
    }
    throw new AssertionError("no recipe " + arn);
  }

  /**
   * Asserts that every tunable hyperparameter of the recipe was trained with a value inside its
   * declared range and inside AutoML's search space (half to twice the default), and returns how
   * many differ from the default.
   */
  static int assertTunedWithinRanges(Recipe recipe, Map<String, String> tuned) {
    int moved = 0;
    for (HyperparameterSpec spec : recipe.hyperparameters()) {
      if (!spec.tunable()) {
        continue;
      }
      String value = tuned.get(spec.name());
      assertTrue(value != null, spec.name() + " missing from " + tuned);
      if (spec.type() == HyperparameterSpec.Type.CATEGORICAL) {
        assertTrue(spec.allowedValues().contains(value), spec.name() + "=" + value);
      } else {
        double x = Double.parseDouble(value);
        double d = Double.parseDouble(spec.defaultValue());
        assertTrue(x >= spec.minValue() && x <= spec.maxValue(), spec + ": " + value);
        assertTrue(x >= Math.floor(d / 2) - 1e-12 && x <= 2 * d + 1e-12, spec + ": " + value);
      }
      moved += spec.validate(value).equals(spec.validate(spec.defaultValue())) ? 0 : 1;
    }
    return moved;
  }

  @Test
  void choosesThePersonalisedRecipeOnValidationThenTunesAndTrainsIt() {
    // Listed second, so that the choice is not merely the first recipe.
    String solution = p.createSolution(autoMl("auto", List.of(POP, UP)).build()).solutionArn();
    Solution before = describe(solution);
    assertTrue(before.performAutoML());
    assertTrue(before.performHPO(), "HPO is implied under AutoML when performHPO is omitted");
    assertNull(before.autoMLResult(), "nothing chosen before the first training");
    assertNull(before.recipeArn());

    SolutionVersion v = train(solution);
    assertProgressNeverGoesBack(v.solutionVersionArn());
    Solution after = describe(solution);
    assertEquals(UP, after.autoMLResult().bestRecipeArn());
    assertEquals(UP, after.recipeArn());
    assertEquals(UP, v.recipeArn(), "the version trained the chosen recipe");
    assertTrue(v.performAutoML());
    assertTrue(v.performHPO());
    Map<String, String> tuned = v.tunedHPOParams().algorithmHyperParameters();
    assertTunedWithinRanges(recipe(UP), tuned);

    // The search: AutoML's trial budget, trial 1 the chosen recipe's defaults (AutoML's own run on
    // the same folds), the trained values those of one of the trials.
    List<HpoTrial> trials = engine.listHpoTrials(v.solutionVersionArn());
    assertEquals(6, trials.size(), trials.toString());
    HpoTrial first = trials.get(0);
    assertEquals(HpoTrial.COMPLETED, first.status(), first.toString());
    assertEquals("normalized_discounted_cumulative_gain_at_10", first.objectiveMetricName());
    assertEquals(0, assertTunedWithinRanges(recipe(UP), first.algorithmHyperParameters()));
    int explored = 0;
    boolean trainedATrial = false;
    for (HpoTrial t : trials) {
      assertEquals(HpoTrial.COMPLETED, t.status(), t.toString());
      explored += assertTunedWithinRanges(recipe(UP), t.algorithmHyperParameters()) > 0 ? 1 : 0;
      boolean same = true;
      for (Map.Entry<String, String> e : t.algorithmHyperParameters().entrySet()) {
        same &= e.getValue().equals(tuned.get(e.getKey()));
      }
      trainedATrial |= same;
    }
    assertEquals(5, explored, "trials 2-6 try other values than the defaults: " + trials);
    assertTrue(trainedATrial, "tunedHPOParams " + tuned + " is one of the trials " + trials);

    // Later versions keep the solution's one AutoML result, and search again (a version created
    // by hand for a performHPO solution always searches).
    SolutionVersion again = train(solution);
    assertEquals(UP, again.recipeArn());
    List<HpoTrial> second = engine.listHpoTrials(again.solutionVersionArn());
    assertEquals(6, second.size());
    assertEquals(tuned, again.tunedHPOParams().algorithmHyperParameters());
    // This search trained its trial 1 (no AutoML run to take it from): the same scores as the
    // first version's trial 1, which was AutoML's run of the defaults.
    assertEquals(first.validationMetrics(), second.get(0).validationMetrics());
  }

  /**
   * The comparison, the search and the training report one rising fraction: AutoML's to 0.25, the
   * search's from there to 0.5, the training's to 1. (The last report, 1.0, may come after the
   * status this test waits for, so it is not required here.)
   */
  void assertProgressNeverGoesBack(String version) {
    List<Double> seen = new ArrayList<>();
    synchronized (progress) {
      for (String line : progress) {
        if (line.startsWith(version + " ")) {
          seen.add(Double.parseDouble(line.substring(version.length() + 1)));
        }
      }
    }
    assertTrue(seen.size() > 3, "progress reports " + seen);
    for (int k = 1; k < seen.size(); k++) {
      assertTrue(seen.get(k) >= seen.get(k - 1), "progress went back: " + seen);
    }
  }

  @Test
  void performHpoTrueIsAcceptedAndFalseTrainsTheChosenRecipesDefaults() {
    String tuned =
        p.createSolution(autoMl("tuned", List.of(POP, UP)).performHPO(true).build()).solutionArn();
    assertTrue(describe(tuned).performHPO());

    String plain =
        p.createSolution(autoMl("plain", List.of(POP, UP)).performHPO(false).build()).solutionArn();
    assertFalse(describe(plain).performHPO(), "an explicit false is kept and reported");
    SolutionVersion v = train(plain);
    assertEquals(UP, describe(plain).autoMLResult().bestRecipeArn());
    assertFalse(v.performHPO());
    assertTrue(engine.listHpoTrials(v.solutionVersionArn()).isEmpty(), "no search ran");
    assertEquals(
        0,
        assertTunedWithinRanges(recipe(UP), v.tunedHPOParams().algorithmHyperParameters()),
        "the chosen recipe trained with its defaults: " + v.tunedHPOParams());
  }

  @Test
  void aChosenRecipeWithNothingToTuneTrainsAsItIs() {
    // Popularity-count has no tunable hyperparameters: choosing it leaves nothing to search.
    String solution = p.createSolution(autoMl("pop", List.of(POP)).build()).solutionArn();
    SolutionVersion v = train(solution);
    assertEquals(POP, describe(solution).autoMLResult().bestRecipeArn());
    assertTrue(v.performHPO());
    assertTrue(engine.listHpoTrials(v.solutionVersionArn()).isEmpty());
  }

  @Test
  void theSameDataAndSeedGiveTheSameChoiceTunedValuesAndModelBytes() throws IOException {
    String a = p.createSolution(autoMl("a", List.of(UP, POP)).build()).solutionArn();
    SolutionVersion va = train(a);
    assertEquals(UP, describe(a).autoMLResult().bestRecipeArn());
    byte[] modelA = payload(dir.resolve("engine"), va.solutionVersionArn());

    // A second engine on the same data: the solution of the same name has the same ARN and seed.
    engine.close();
    setUpIn("engine-2");
    String b = p.createSolution(autoMl("a", List.of(UP, POP)).build()).solutionArn();
    assertEquals(a, b);
    SolutionVersion vb = train(b);
    assertEquals(UP, describe(b).autoMLResult().bestRecipeArn());
    assertEquals(
        va.tunedHPOParams().algorithmHyperParameters(),
        vb.tunedHPOParams().algorithmHyperParameters());
    assertArrayEquals(modelA, payload(dir.resolve("engine-2"), vb.solutionVersionArn()));
  }

  /** The recipe's serialized model inside a version's model file (TrainingJobs.fileName). */
  static byte[] payload(Path engineDir, String version) throws IOException {
    String[] parts = version.split("/");
    Path file =
        engineDir
            .resolve("models")
            .resolve(parts[parts.length - 2] + "-" + parts[parts.length - 1] + ".opm");
    return ModelArtifact.fromBytes(Files.readAllBytes(file), file.toString()).payload();
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
    assertRefused(
        "solutionConfig.hpoConfig must be omitted when performAutoML is true",
        b ->
            b.solutionConfig(
                SolutionConfig.builder()
                    .hpoConfig(org.openpersonalize.api.model.HPOConfig.builder().build())
                    .autoMLConfig(AutoMLConfig.builder().recipeList(UP).build())
                    .build()));
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
  void theDefaultHrnnListIsComparedThenTheChosenRecipeTuned() {
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name("hrnn")
                    .datasetGroupArn(group)
                    .performAutoML(true)
                    .performAutoTraining(false)
                    .build())
            .solutionArn();
    long t0 = System.nanoTime();
    SolutionVersion v = train(solution);
    System.out.printf("AutoML+HPO over the HRNN list: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    String chosen = describe(solution).autoMLResult().bestRecipeArn();
    assertTrue(chosen.startsWith("arn:aws:personalize:::recipe/aws-hrnn"), chosen);
    assertEquals(chosen, v.recipeArn());
    assertTunedWithinRanges(recipe(chosen), v.tunedHPOParams().algorithmHyperParameters());
    assertEquals(6, engine.listHpoTrials(v.solutionVersionArn()).size());
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
