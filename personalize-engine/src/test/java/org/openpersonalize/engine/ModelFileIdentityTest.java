package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateCampaignRequest;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateSolutionRequest;
import org.openpersonalize.api.model.CreateSolutionVersionRequest;
import org.openpersonalize.api.model.DescribeSolutionVersionRequest;
import org.openpersonalize.api.model.GetRecommendationsRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.PredictedItem;

/**
 * Model files are tied to their solution version: a valid file of another version (here of another
 * dataset group, whose items would be served) is refused naming both, and leftovers — a temporary
 * file, a complete file no ACTIVE version references — are removed when the engine opens.
 */
class ModelFileIdentityTest {
  private static final String POP = "arn:aws:personalize:::recipe/aws-popularity-count";

  /** Interactions of 40 users over 60 items whose IDs start with {@code prefix}. */
  private static Path csv(Path dir, String prefix, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(Fixtures.INTERACTIONS_HEADER).append('\n');
    for (int i = 0; i < 1500; i++) {
      sb.append('u').append(rnd.nextInt(40)).append(',').append(prefix).append(rnd.nextInt(60));
      sb.append(',').append(1_600_000_000L + i).append(",click,1.0\n");
    }
    Path p = dir.resolve(prefix + ".csv");
    Files.writeString(p, sb, StandardCharsets.UTF_8);
    return p;
  }

  private record Deployed(String version, String campaign) {}

  private static Deployed deploy(OpenPersonalize engine, Path dir, String name, String prefix)
      throws IOException {
    Personalize p = engine.personalize();
    String group =
        p.createDatasetGroup(CreateDatasetGroupRequest.builder().name(name).build())
            .datasetGroupArn();
    String schema = Fixtures.schema(p, name + "-schema", Fixtures.INTERACTIONS_SCHEMA);
    String dataset = Fixtures.dataset(p, group, "Interactions", schema);
    Fixtures.importAndWait(engine, name + "-import", dataset, csv(dir, prefix, 3), ImportMode.FULL);
    String solution =
        p.createSolution(
                CreateSolutionRequest.builder()
                    .name(name)
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
                CreateCampaignRequest.builder().name(name).solutionVersionArn(version).build())
            .campaignArn();
    return new Deployed(version, campaign);
  }

  private static List<PredictedItem> recommend(OpenPersonalize engine, String campaign) {
    return engine
        .runtime()
        .getRecommendations(
            GetRecommendationsRequest.builder()
                .campaignArn(campaign)
                .userId("u1")
                .numResults(5)
                .build())
        .itemList();
  }

  /** The version's model file: its ARN's last two segments (TrainingJobs.fileName). */
  private static Path modelFile(Path store, String version) {
    String[] parts = version.split("/");
    return store
        .resolve("models")
        .resolve(parts[parts.length - 2] + "-" + parts[parts.length - 1] + ".opm");
  }

  @Test
  void aModelFileCopiedOverAnotherVersionsFileIsRefusedNamingBoth(@TempDir Path dir)
      throws IOException {
    Path store = dir.resolve("store");
    Deployed a;
    Deployed b;
    Path fileA;
    Path fileB;
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      a = deploy(engine, dir, "alpha", "a");
      b = deploy(engine, dir, "beta", "b");
      assertTrue(recommend(engine, b.campaign()).get(0).itemId().startsWith("b"));
      fileA = modelFile(store, a.version());
      fileB = modelFile(store, b.version());
    }
    assertTrue(Files.exists(fileA) && Files.exists(fileB), fileA + ", " + fileB);
    Files.copy(fileA, fileB, StandardCopyOption.REPLACE_EXISTING);
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      InternalFailureException e =
          assertThrows(InternalFailureException.class, () -> recommend(engine, b.campaign()));
      assertTrue(
          e.getMessage().contains("belongs to solution version " + a.version()), e.getMessage());
      assertTrue(e.getMessage().contains("not to " + b.version()), e.getMessage());
      assertTrue(e.getMessage().contains(fileB.getFileName().toString()), e.getMessage());
      // The version whose own file is intact still serves its own group's items.
      assertTrue(recommend(engine, a.campaign()).get(0).itemId().startsWith("a"));
    }
  }

  @Test
  void temporaryAndUnreferencedModelFilesAreRemovedAtOpen(@TempDir Path dir) throws IOException {
    Path store = dir.resolve("store");
    Deployed a;
    Path fileA;
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      a = deploy(engine, dir, "alpha", "a");
      fileA = modelFile(store, a.version());
    }
    Path models = store.resolve("models");
    // What a kill during a write, or between writing a model and recording it, leaves.
    Files.write(models.resolve("alpha-deadbeef.opm.tmp"), new byte[] {1, 2, 3});
    Files.copy(fileA, models.resolve("alpha-0badf00d.opm"));
    Files.writeString(models.resolve("NOTES.txt"), "not a model file");
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      List<String> left;
      try (Stream<Path> s = Files.list(models)) {
        left = s.map(f -> f.getFileName().toString()).sorted().toList();
      }
      assertEquals(List.of("NOTES.txt", fileA.getFileName().toString()), left);
      assertFalse(recommend(engine, a.campaign()).isEmpty());
    }
  }

  /**
   * A kill after the model file was written but before the version was recorded ACTIVE leaves a
   * complete file and a version in progress; the next open fails the version and removes its file.
   * The kill is reproduced by setting the stored status back, as the killed engine left it.
   */
  @Test
  void theCompleteModelOfAVersionFailedAtOpenIsRemoved(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("store");
    Deployed a;
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      a = deploy(engine, dir, "alpha", "a");
    }
    Path fileA = modelFile(store, a.version());
    assertTrue(Files.exists(fileA));
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + store.resolve("personalize.db"));
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE resources SET status = 'CREATE IN_PROGRESS' WHERE arn = ?")) {
      ps.setString(1, a.version());
      assertEquals(1, ps.executeUpdate());
    }
    try (OpenPersonalize engine = OpenPersonalize.open(store)) {
      assertEquals(
          "CREATE FAILED",
          engine
              .personalize()
              .describeSolutionVersion(
                  DescribeSolutionVersionRequest.builder().solutionVersionArn(a.version()).build())
              .solutionVersion()
              .status());
      assertFalse(Files.exists(fileA), fileA + " outlived its failed version");
    }
  }
}
