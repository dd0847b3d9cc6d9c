package org.openpersonalize.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.openpersonalize.api.Personalize;
import org.openpersonalize.api.model.CreateDatasetGroupRequest;
import org.openpersonalize.api.model.CreateDatasetImportJobRequest;
import org.openpersonalize.api.model.CreateDatasetRequest;
import org.openpersonalize.api.model.CreateSchemaRequest;
import org.openpersonalize.api.model.DescribeDatasetImportJobRequest;
import org.openpersonalize.api.model.ImportMode;
import org.openpersonalize.engine.OpenPersonalize;
import org.openpersonalize.engine.sample.SampleData;

/**
 * A durable engine holding one dataset group with an empty Interactions dataset whose schema is the
 * CSV's five columns, set up through the public API as an application would.
 */
final class BenchEngine implements AutoCloseable {
  final OpenPersonalize engine;
  final String datasetGroupArn;
  final String datasetArn;

  private BenchEngine(OpenPersonalize engine, String datasetGroupArn, String datasetArn) {
    this.engine = engine;
    this.datasetGroupArn = datasetGroupArn;
    this.datasetArn = datasetArn;
  }

  /** Opens a durable engine in {@code dir} and creates the dataset group and dataset. */
  static BenchEngine create(Path dir) {
    OpenPersonalize engine = OpenPersonalize.open(dir);
    try {
      Personalize p = engine.personalize();
      String group =
          p.createDatasetGroup(CreateDatasetGroupRequest.builder().name("bench").build())
              .datasetGroupArn();
      String schema =
          p.createSchema(
                  CreateSchemaRequest.builder()
                      .name("bench-interactions")
                      .schema(SampleData.INTERACTIONS_SCHEMA)
                      .build())
              .schemaArn();
      String dataset =
          p.createDataset(
                  CreateDatasetRequest.builder()
                      .name("bench-interactions")
                      .datasetGroupArn(group)
                      .datasetType("Interactions")
                      .schemaArn(schema)
                      .build())
              .datasetArn();
      return new BenchEngine(engine, group, dataset);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /**
   * Imports a CSV file into the dataset and waits for the job to finish.
   *
   * @throws IllegalStateException if the job did not become {@code ACTIVE}
   */
  void importAndWait(Path csv, String jobName, Duration timeout) {
    String job =
        engine
            .personalize()
            .createDatasetImportJob(
                CreateDatasetImportJobRequest.builder()
                    .jobName(jobName)
                    .datasetArn(datasetArn)
                    .dataSource(d -> d.dataLocation(csv.toString()))
                    .importMode(ImportMode.FULL)
                    .build())
            .datasetImportJobArn();
    String status = engine.awaitCompletion(job, timeout);
    if (!"ACTIVE".equals(status)) {
      String reason =
          engine
              .personalize()
              .describeDatasetImportJob(
                  DescribeDatasetImportJobRequest.builder().datasetImportJobArn(job).build())
              .datasetImportJob()
              .failureReason();
      throw new IllegalStateException("import job " + jobName + " ended " + status + ": " + reason);
    }
  }

  @Override
  public void close() {
    engine.close();
  }
}
