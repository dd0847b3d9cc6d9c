package org.openpersonalize.engine;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Registers a model trained outside the engine (for example by {@code personalize-spark} on a
 * cluster) as an {@code ACTIVE} solution version of an existing solution, in place of {@code
 * CreateSolutionVersion}'s in-process training. Amazon Personalize has no such operation: its
 * closest counterpart is {@code CreateSolutionVersion}, whose result this reproduces — campaigns,
 * filters, promotions, real-time fold-in, {@code DescribeSolutionVersion} and {@code
 * GetSolutionMetrics} treat an imported version exactly as a trained one.
 *
 * <p>The model file must be in the engine's model format (versioned, checksummed) and of the
 * solution's recipe; a damaged or foreign file is refused with an {@code InvalidInputException}.
 * Build with {@link #builder()}.
 */
public final class ImportSolutionVersionRequest {
  private final String solutionArn;
  private final String name;
  private final Path modelFile;
  private final Map<String, String> trainingHyperParameters;
  private final Map<String, Double> metrics;
  private final Long numInteractions;

  private ImportSolutionVersionRequest(Builder b) {
    this.solutionArn = b.solutionArn;
    this.name = b.name;
    this.modelFile = b.modelFile;
    this.trainingHyperParameters =
        Collections.unmodifiableMap(new LinkedHashMap<>(b.trainingHyperParameters));
    this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
    this.numInteractions = b.numInteractions;
  }

  /**
   * Starts a builder.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The solution the version belongs to, as {@code CreateSolutionVersion}'s {@code solutionArn}.
   *
   * @return the solution ARN
   */
  public String solutionArn() {
    return solutionArn;
  }

  /**
   * The version's name, as {@code CreateSolutionVersion}'s {@code name}; null for a generated one.
   *
   * @return the name, or null
   */
  public String name() {
    return name;
  }

  /**
   * The model file to import.
   *
   * @return the path
   */
  public Path modelFile() {
    return modelFile;
  }

  /**
   * The hyperparameters the model was trained with; reported by {@code DescribeSolutionVersion} as
   * {@code tunedHPOParams.algorithmHyperParameters} after the recipe's defaults are filled in.
   *
   * @return the hyperparameters, possibly empty
   */
  public Map<String, String> trainingHyperParameters() {
    return trainingHyperParameters;
  }

  /**
   * The offline metrics computed by the trainer on spec §8's split, returned by {@code
   * GetSolutionMetrics}.
   *
   * @return the metrics, possibly empty
   */
  public Map<String, Double> metrics() {
    return metrics;
  }

  /**
   * How many interactions the model was trained on, or null when not known.
   *
   * @return the count, or null
   */
  public Long numInteractions() {
    return numInteractions;
  }

  /** Builder of {@link ImportSolutionVersionRequest}. */
  public static final class Builder {
    private String solutionArn;
    private String name;
    private Path modelFile;
    private Map<String, String> trainingHyperParameters = new LinkedHashMap<>();
    private Map<String, Double> metrics = new LinkedHashMap<>();
    private Long numInteractions;

    private Builder() {}

    /**
     * Sets the solution.
     *
     * @param solutionArn the solution's ARN
     * @return this builder
     */
    public Builder solutionArn(String solutionArn) {
      this.solutionArn = solutionArn;
      return this;
    }

    /**
     * Sets the version's name.
     *
     * @param name the name, or null for a generated one
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets the model file.
     *
     * @param modelFile the file written by the trainer
     * @return this builder
     */
    public Builder modelFile(Path modelFile) {
      this.modelFile = modelFile;
      return this;
    }

    /**
     * Sets the training hyperparameters.
     *
     * @param hyperParameters name to value, as in {@code SolutionConfig.algorithmHyperParameters}
     * @return this builder
     */
    public Builder trainingHyperParameters(Map<String, String> hyperParameters) {
      this.trainingHyperParameters =
          new LinkedHashMap<>(Objects.requireNonNull(hyperParameters, "hyperParameters"));
      return this;
    }

    /**
     * Sets the offline metrics.
     *
     * @param metrics metric name to value
     * @return this builder
     */
    public Builder metrics(Map<String, Double> metrics) {
      this.metrics = new LinkedHashMap<>(Objects.requireNonNull(metrics, "metrics"));
      return this;
    }

    /**
     * Sets the number of training interactions.
     *
     * @param numInteractions the count, or null
     * @return this builder
     */
    public Builder numInteractions(Long numInteractions) {
      this.numInteractions = numInteractions;
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     */
    public ImportSolutionVersionRequest build() {
      return new ImportSolutionVersionRequest(this);
    }
  }
}
