package org.openpersonalize.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.DatasetImportJob;
import org.openpersonalize.api.model.DescribeDatasetImportJobRequest;
import org.openpersonalize.api.model.ImportMode;

/** Schemas, generated CSV data and a few steps every engine test repeats. */
final class Fixtures {
  static final String INTERACTIONS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Interactions\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"TIMESTAMP\",\"type\":\"long\"},"
          + "{\"name\":\"EVENT_TYPE\",\"type\":\"string\"},"
          + "{\"name\":\"EVENT_VALUE\",\"type\":[\"null\",\"float\"]}"
          + "],\"version\":\"1.0\"}";

  static final String INTERACTIONS_HEADER = "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE";

  static final String ITEMS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Items\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"ITEM_ID\",\"type\":\"string\"},"
          + "{\"name\":\"GENRES\",\"type\":[\"null\",\"string\"],\"categorical\":true},"
          + "{\"name\":\"YEAR\",\"type\":[\"null\",\"int\"]},"
          + "{\"name\":\"TITLE\",\"type\":[\"null\",\"string\"]}"
          + "],\"version\":\"1.0\"}";

  static final String ITEMS_HEADER = "ITEM_ID,GENRES,YEAR,TITLE";

  static final String USERS_SCHEMA =
      "{\"type\":\"record\",\"name\":\"Users\","
          + "\"namespace\":\"com.amazonaws.personalize.schema\",\"fields\":["
          + "{\"name\":\"USER_ID\",\"type\":\"string\"},"
          + "{\"name\":\"AGE\",\"type\":[\"null\",\"int\"]},"
          + "{\"name\":\"GENDER\",\"type\":[\"null\",\"string\"],\"categorical\":true}"
          + "],\"version\":\"1.0\"}";

  static final String USERS_HEADER = "USER_ID,AGE,GENDER";

  private Fixtures() {}

  /** Writes {@code rows} distinct interactions of 50 users over 200 items; deterministic. */
  static Path interactionsCsv(Path dir, String name, int rows, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(INTERACTIONS_HEADER).append('\n');
    for (int i = 0; i < rows; i++) {
      sb.append("u")
          .append(rnd.nextInt(50))
          .append(",i")
          .append(rnd.nextInt(200))
          .append(',')
          .append(1_600_000_000L + i)
          .append(',')
          .append(rnd.nextBoolean() ? "click" : "watch")
          .append(',')
          .append(rnd.nextInt(5) + 1)
          .append(".0\n");
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb, StandardCharsets.UTF_8);
    return p;
  }

  static String schema(Personalize p, String name, String json) {
    return p.createSchema(CreateSchemaRequest.builder().name(name).schema(json).build())
        .schemaArn();
  }

  static String dataset(Personalize p, String group, String type, String schemaArn) {
    return p.createDataset(
            CreateDatasetRequest.builder()
                .name(type.toLowerCase(java.util.Locale.ROOT))
                .datasetGroupArn(group)
                .datasetType(type)
                .schemaArn(schemaArn)
                .build())
        .datasetArn();
  }

  /** Runs an import job to completion and returns its final description. */
  static DatasetImportJob importAndWait(
      OpenPersonalize engine, String jobName, String datasetArn, Path location, ImportMode mode) {
    String arn =
        engine
            .personalize()
            .createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName(jobName)
                    .datasetArn(datasetArn)
                    .dataSource(d -> d.dataLocation(location.toString()))
                    .importMode(mode)
                    .build())
            .datasetImportJobArn();
    engine.awaitCompletion(arn, Duration.ofMinutes(2));
    return engine
        .personalize()
        .describeDatasetImportJob(
            DescribeDatasetImportJobRequest.builder().datasetImportJobArn(arn).build())
        .datasetImportJob();
  }
}
