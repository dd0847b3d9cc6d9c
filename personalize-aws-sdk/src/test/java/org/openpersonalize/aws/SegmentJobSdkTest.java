package org.openpersonalize.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpersonalize.engine.OpenPersonalize;
import software.amazon.awssdk.services.personalize.PersonalizeClient;
import software.amazon.awssdk.services.personalize.model.BatchSegmentJob;
import software.amazon.awssdk.services.personalize.model.CreateBatchSegmentJobRequest;
import software.amazon.awssdk.services.personalize.model.InvalidInputException;

/**
 * Batch segment jobs through the AWS SDK client: local paths run the job and write {@code
 * <input>.out}; an {@code s3://} location is refused with the SDK's InvalidInputException naming
 * the field.
 */
class SegmentJobSdkTest {
  static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"}"
          + "],\"version\":\"1.0\"}";

  @TempDir Path dir;

  @Test
  void aSegmentJobRunsOnLocalPathsAndRefusesS3() throws IOException {
    try (OpenPersonalize engine = OpenPersonalize.inMemory()) {
      PersonalizeClient p = OpenPersonalizeAws.personalizeClient(engine);
      String group = p.createDatasetGroup(b -> b.name("g")).datasetGroupArn();
      String schema = p.createSchema(b -> b.name("i").schema(SCHEMA)).schemaArn();
      String dataset =
          p.createDataset(
                  b ->
                      b.name("i")
                          .datasetGroupArn(group)
                          .datasetType("Interactions")
                          .schemaArn(schema))
              .datasetArn();
      StringBuilder csv = new StringBuilder("USER_ID,ITEM_ID,TIMESTAMP\n");
      SplittableRandom rnd = new SplittableRandom(3);
      for (int u = 0; u < 80; u++) {
        for (int e = 0; e < 15; e++) {
          // Users of even index watch even items, odd users odd items.
          csv.append("u" + u + ",i" + (2 * rnd.nextInt(20) + u % 2) + "," + (1_700_000_000L + e));
          csv.append('\n');
        }
      }
      Path data = dir.resolve("i.csv");
      Files.writeString(data, csv, StandardCharsets.UTF_8);
      String importJob =
          p.createDatasetImportJob(
                  b ->
                      b.jobName("i")
                          .datasetArn(dataset)
                          .dataSource(d -> d.dataLocation(data.toString())))
              .datasetImportJobArn();
      engine.awaitCompletion(importJob, Duration.ofMinutes(2));
      String solution =
          p.createSolution(
                  b ->
                      b.name("s")
                          .datasetGroupArn(group)
                          .recipeArn("arn:aws:personalize:::recipe/aws-item-affinity")
                          .solutionConfig(
                              c ->
                                  c.algorithmHyperParameters(
                                      Map.of("hidden_dimension", "32", "num_iterations", "4"))))
              .solutionArn();
      String version = p.createSolutionVersion(b -> b.solutionArn(solution)).solutionVersionArn();
      assertEquals("ACTIVE", engine.awaitCompletion(version, Duration.ofMinutes(2)));
      Path in = Files.createDirectories(dir.resolve("in")).resolve("items.json");
      Files.write(in, List.of("{\"itemId\": \"i4\"}", "{\"itemId\": \"i7\"}"));
      Path out = dir.resolve("out");

      InvalidInputException s3 =
          assertThrows(
              InvalidInputException.class,
              () ->
                  p.createBatchSegmentJob(
                      CreateBatchSegmentJobRequest.builder()
                          .jobName("s3")
                          .solutionVersionArn(version)
                          .jobInput(i -> i.s3DataSource(d -> d.path("s3://bucket/items.json")))
                          .jobOutput(o -> o.s3DataDestination(d -> d.path(out.toString())))
                          .build()));
      assertTrue(
          s3.awsErrorDetails()
              .errorMessage()
              .startsWith("Invalid S3 input path. jobInput.s3DataSource.path must be a local"),
          s3.awsErrorDetails().errorMessage());

      String job =
          p.createBatchSegmentJob(
                  CreateBatchSegmentJobRequest.builder()
                      .jobName("local")
                      .solutionVersionArn(version)
                      .numResults(10)
                      .jobInput(i -> i.s3DataSource(d -> d.path(in.toUri().toString())))
                      .jobOutput(o -> o.s3DataDestination(d -> d.path(out.toString())))
                      .build())
              .batchSegmentJobArn();
      engine.awaitCompletion(job, Duration.ofMinutes(2));
      BatchSegmentJob described =
          p.describeBatchSegmentJob(b -> b.batchSegmentJobArn(job)).batchSegmentJob();
      assertEquals("ACTIVE", described.status(), described.failureReason());
      assertEquals(10, described.numResults());
      assertEquals(
          job,
          p.listBatchSegmentJobsPaginator(b -> b.solutionVersionArn(version))
              .batchSegmentJobs()
              .iterator()
              .next()
              .batchSegmentJobArn());
      List<String> lines = Files.readAllLines(out.resolve("items.json.out"));
      assertEquals(2, lines.size());
      assertTrue(
          lines
              .get(0)
              .startsWith("{\"input\":{\"itemId\":\"i4\"},\"output\":{\"recommendedUsers\":[\"u"),
          lines.get(0));
    }
  }
}
