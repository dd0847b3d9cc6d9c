package org.openpersonalize.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import org.openpersonalize.engine.ImportSolutionVersionRequest;
import org.openpersonalize.engine.OpenPersonalize;

/**
 * A model trained by {@link SparkUserPersonalization}, held by the Spark driver: the bytes of its
 * model file in the engine's format, the hyperparameters it was trained with, and its offline
 * metrics. {@link #importInto} makes it a solution version, the result {@code
 * CreateSolutionVersion} would have given.
 */
public final class SparkTrainedModel {
  private final byte[] modelFile;
  private final String[] userIds;
  private final String[] itemIds;
  private final SparkAls.Factors factors;
  private final Map<String, String> hyperParameters;
  private final Map<String, Double> metrics;
  private final long numInteractions;

  SparkTrainedModel(
      byte[] modelFile,
      String[] userIds,
      String[] itemIds,
      SparkAls.Factors factors,
      Map<String, String> hyperParameters,
      Map<String, Double> metrics,
      long numInteractions) {
    this.modelFile = modelFile;
    this.userIds = userIds;
    this.itemIds = itemIds;
    this.factors = factors;
    this.hyperParameters = Collections.unmodifiableMap(hyperParameters);
    this.metrics = Collections.unmodifiableMap(metrics);
    this.numInteractions = numInteractions;
  }

  /**
   * Writes the model file: to a temporary name beside it, then renamed, so a reader never sees half
   * a file.
   *
   * @param file where to write
   * @throws UncheckedIOException if the file cannot be written
   */
  public void writeTo(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.write(tmp, modelFile);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write model file " + file + ": " + e, e);
    }
  }

  /**
   * The request that registers this model (written to {@code file}) as a version of a solution.
   *
   * @param solutionArn an {@code aws-user-personalization} solution of the engine
   * @param file where {@link #writeTo(Path)} wrote the model
   * @return the request, with this model's hyperparameters, metrics and interaction count
   */
  public ImportSolutionVersionRequest importRequest(String solutionArn, Path file) {
    return ImportSolutionVersionRequest.builder()
        .solutionArn(solutionArn)
        .modelFile(file)
        .trainingHyperParameters(hyperParameters)
        .metrics(metrics)
        .numInteractions(numInteractions)
        .build();
  }

  /**
   * Writes the model file and registers it as an {@code ACTIVE} version of the solution, which
   * {@code CreateCampaign} can then deploy.
   *
   * @param engine the engine that serves it
   * @param solutionArn an {@code aws-user-personalization} solution
   * @param file where to write the model file (the engine copies it into its own store)
   * @return the new solution version's ARN
   */
  public String importInto(OpenPersonalize engine, String solutionArn, Path file) {
    writeTo(file);
    return engine.importSolutionVersion(importRequest(solutionArn, file));
  }

  /**
   * The model file's bytes.
   *
   * @return a copy of the bytes
   */
  public byte[] modelFileBytes() {
    return modelFile.clone();
  }

  /**
   * The resolved hyperparameters (the recipe's defaults filled in).
   *
   * @return name to value
   */
  public Map<String, String> hyperParameters() {
    return hyperParameters;
  }

  /**
   * The offline metrics on spec §8's split, as {@code GetSolutionMetrics} reports them; empty when
   * not computed.
   *
   * @return metric name to value
   */
  public Map<String, Double> metrics() {
    return metrics;
  }

  /**
   * How many interactions training used after selection.
   *
   * @return the count
   */
  public long numInteractions() {
    return numInteractions;
  }

  /**
   * User IDs in model index order.
   *
   * @return a copy of the dictionary
   */
  public String[] userIds() {
    return userIds.clone();
  }

  /**
   * Item IDs in model index order.
   *
   * @return a copy of the dictionary
   */
  public String[] itemIds() {
    return itemIds.clone();
  }

  SparkAls.Factors factors() {
    return factors;
  }
}
