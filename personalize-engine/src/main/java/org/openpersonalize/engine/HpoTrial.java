package org.openpersonalize.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training of a hyperparameter search ({@code performHPO}): the values it tried and what they
 * scored on the validation users. Amazon Personalize runs its trials as hidden training jobs and
 * reports only the winner ({@code tunedHPOParams}); the engine shows every trial, through {@link
 * OpenPersonalize#listHpoTrials(String)} and {@link TrainingProgressListener#onHpoTrial}.
 *
 * <p>Immutable.
 */
public final class HpoTrial {
  /** The trial trained and was scored. */
  public static final String COMPLETED = "COMPLETED";

  /** The trial's training failed; {@link #failureReason()} says why. */
  public static final String FAILED = "FAILED";

  private final int trialNumber;
  private final Map<String, String> algorithmHyperParameters;
  private final Map<String, Double> validationMetrics;
  private final String objectiveMetricName;
  private final Double objectiveValue;
  private final String status;
  private final String failureReason;
  private final double trainingSeconds;

  private HpoTrial(Builder b) {
    this.trialNumber = b.trialNumber;
    this.algorithmHyperParameters =
        Collections.unmodifiableMap(new LinkedHashMap<>(b.algorithmHyperParameters));
    this.validationMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.validationMetrics));
    this.objectiveMetricName = Objects.requireNonNull(b.objectiveMetricName, "objectiveMetricName");
    this.objectiveValue = b.objectiveValue;
    this.status = Objects.requireNonNull(b.status, "status");
    this.failureReason = b.failureReason;
    this.trainingSeconds = b.trainingSeconds;
  }

  /**
   * Starts a trial.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The trial's number, from 1, in the order the search proposed it. */
  public int trialNumber() {
    return trialNumber;
  }

  /** The searched hyperparameters' values in this trial (the others are fixed or default). */
  public Map<String, String> algorithmHyperParameters() {
    return algorithmHyperParameters;
  }

  /** Every offline metric on the validation users (spec §8 keys); empty if the trial failed. */
  public Map<String, Double> validationMetrics() {
    return validationMetrics;
  }

  /** The metric the search optimises ({@code hpoObjective.metricName}). */
  public String objectiveMetricName() {
    return objectiveMetricName;
  }

  /** The objective metric's validation value, or null if the trial failed. */
  public Double objectiveValue() {
    return objectiveValue;
  }

  /** {@link #COMPLETED} or {@link #FAILED}. */
  public String status() {
    return status;
  }

  /** Why the trial failed, or null. */
  public String failureReason() {
    return failureReason;
  }

  /** Wall time of the trial's training and scoring, in seconds. */
  public double trainingSeconds() {
    return trainingSeconds;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof HpoTrial)) {
      return false;
    }
    HpoTrial t = (HpoTrial) o;
    return trialNumber == t.trialNumber
        && algorithmHyperParameters.equals(t.algorithmHyperParameters)
        && validationMetrics.equals(t.validationMetrics)
        && objectiveMetricName.equals(t.objectiveMetricName)
        && Objects.equals(objectiveValue, t.objectiveValue)
        && status.equals(t.status)
        && Objects.equals(failureReason, t.failureReason)
        && Double.compare(trainingSeconds, t.trainingSeconds) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(trialNumber, algorithmHyperParameters, objectiveValue, status);
  }

  @Override
  public String toString() {
    return "HpoTrial(trialNumber="
        + trialNumber
        + ", algorithmHyperParameters="
        + algorithmHyperParameters
        + ", "
        + objectiveMetricName
        + "="
        + objectiveValue
        + ", status="
        + status
        + (failureReason == null ? "" : ", failureReason=" + failureReason)
        + ")";
  }

  /** Builds an {@link HpoTrial}. */
  public static final class Builder {
    private int trialNumber;
    private Map<String, String> algorithmHyperParameters = Map.of();
    private Map<String, Double> validationMetrics = Map.of();
    private String objectiveMetricName;
    private Double objectiveValue;
    private String status;
    private String failureReason;
    private double trainingSeconds;

    private Builder() {}

    /** Sets {@link HpoTrial#trialNumber()}. */
    public Builder trialNumber(int trialNumber) {
      this.trialNumber = trialNumber;
      return this;
    }

    /** Sets {@link HpoTrial#algorithmHyperParameters()} (copied). */
    public Builder algorithmHyperParameters(Map<String, String> values) {
      this.algorithmHyperParameters = Objects.requireNonNull(values, "algorithmHyperParameters");
      return this;
    }

    /** Sets {@link HpoTrial#validationMetrics()} (copied). */
    public Builder validationMetrics(Map<String, Double> metrics) {
      this.validationMetrics = Objects.requireNonNull(metrics, "validationMetrics");
      return this;
    }

    /** Sets {@link HpoTrial#objectiveMetricName()}. */
    public Builder objectiveMetricName(String name) {
      this.objectiveMetricName = name;
      return this;
    }

    /** Sets {@link HpoTrial#objectiveValue()}. */
    public Builder objectiveValue(Double value) {
      this.objectiveValue = value;
      return this;
    }

    /** Sets {@link HpoTrial#status()}. */
    public Builder status(String status) {
      this.status = status;
      return this;
    }

    /** Sets {@link HpoTrial#failureReason()}. */
    public Builder failureReason(String reason) {
      this.failureReason = reason;
      return this;
    }

    /** Sets {@link HpoTrial#trainingSeconds()}. */
    public Builder trainingSeconds(double seconds) {
      this.trainingSeconds = seconds;
      return this;
    }

    /** The trial. */
    public HpoTrial build() {
      return new HpoTrial(this);
    }
  }
}
