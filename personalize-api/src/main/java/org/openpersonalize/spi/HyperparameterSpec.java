package org.openpersonalize.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One hyperparameter a recipe accepts: its Amazon name, type, default, allowed range or values, and
 * whether hyperparameter optimisation may tune it (spec §9.4). The engine builds {@code
 * DescribeAlgorithm}'s {@code defaultHyperParameters} and {@code defaultHyperParameterRanges} from
 * these, and {@link Hyperparameters} validates a solution's values against them.
 *
 * <p>Values travel as strings, as in Amazon's {@code algorithmHyperParameters} and {@code
 * featureTransformationParameters}; {@link #validate(String)} parses one and returns its canonical
 * spelling.
 *
 * <pre>{@code
 * HyperparameterSpec.integer("hidden_dimension").defaultValue(149).range(32, 256).tunable(true)
 *     .description("Number of latent factors per user and item.").build();
 * }</pre>
 */
public final class HyperparameterSpec {

  /** The value type, as in Amazon's integer, continuous and categorical hyperparameter ranges. */
  public enum Type {
    /** A whole number within {@link #minValue()} and {@link #maxValue()}. */
    INTEGER,
    /** A finite real number within {@link #minValue()} and {@link #maxValue()}. */
    CONTINUOUS,
    /** One of {@link #allowedValues()}. */
    CATEGORICAL
  }

  /** Which map of a solution config the value belongs to. */
  public enum Stage {
    /** {@code solutionConfig.algorithmHyperParameters}. */
    ALGORITHM,
    /** {@code solutionConfig.featureTransformationParameters}. */
    FEATURIZATION
  }

  private final String name;
  private final Type type;
  private final Stage stage;
  private final String defaultValue;
  private final double minValue;
  private final double maxValue;
  private final List<String> allowedValues;
  private final boolean tunable;
  private final String description;

  private HyperparameterSpec(Builder b, String canonicalDefault) {
    this.name = b.name;
    this.type = b.type;
    this.stage = b.stage;
    this.defaultValue = canonicalDefault;
    this.minValue = b.minValue;
    this.maxValue = b.maxValue;
    this.allowedValues = b.allowedValues;
    this.tunable = b.tunable;
    this.description = b.description;
  }

  /**
   * Starts an integer hyperparameter.
   *
   * @param name the hyperparameter's name, e.g. {@code hidden_dimension}
   * @return a builder; the range defaults to all {@code long} values
   */
  public static Builder integer(String name) {
    return new Builder(name, Type.INTEGER);
  }

  /**
   * Starts a continuous hyperparameter.
   *
   * @param name the hyperparameter's name, e.g. {@code popularity_discount_factor}
   * @return a builder; the range defaults to all finite numbers
   */
  public static Builder continuous(String name) {
    return new Builder(name, Type.CONTINUOUS);
  }

  /**
   * Starts a categorical hyperparameter; set its {@link Builder#values values}.
   *
   * @param name the hyperparameter's name
   * @return a builder
   */
  public static Builder categorical(String name) {
    return new Builder(name, Type.CATEGORICAL);
  }

  /**
   * Starts a boolean hyperparameter: categorical with the values {@code true} and {@code false}, as
   * Amazon declares {@code recency_mask}.
   *
   * @param name the hyperparameter's name
   * @return a builder with the values already set
   */
  public static Builder bool(String name) {
    return new Builder(name, Type.CATEGORICAL).values("true", "false");
  }

  /**
   * The hyperparameter's name, unique within a recipe.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The value type.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * Which solution-config map the value is read from.
   *
   * @return the stage
   */
  public Stage stage() {
    return stage;
  }

  /**
   * The default in canonical spelling, e.g. {@code "149"}, {@code "0.99"}, {@code "true"}.
   *
   * @return the default value
   */
  public String defaultValue() {
    return defaultValue;
  }

  /**
   * The smallest allowed value (inclusive) of an INTEGER or CONTINUOUS hyperparameter.
   *
   * @return the minimum; {@code NaN} for CATEGORICAL
   */
  public double minValue() {
    return minValue;
  }

  /**
   * The largest allowed value (inclusive) of an INTEGER or CONTINUOUS hyperparameter.
   *
   * @return the maximum; {@code NaN} for CATEGORICAL
   */
  public double maxValue() {
    return maxValue;
  }

  /**
   * The allowed values of a CATEGORICAL hyperparameter, in declaration order.
   *
   * @return an unmodifiable list; empty for INTEGER and CONTINUOUS
   */
  public List<String> allowedValues() {
    return allowedValues;
  }

  /**
   * Whether hyperparameter optimisation may search this parameter ({@code isTunable} in Amazon's
   * ranges).
   *
   * @return true when it may appear in {@code hpoConfig} ranges
   */
  public boolean tunable() {
    return tunable;
  }

  /**
   * What the parameter does, for catalogue listings and documentation.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Parses and checks a value given as a string.
   *
   * @param value the value as given in a solution config
   * @return the canonical spelling of the value
   * @throws IllegalArgumentException {@code "<name> must be <rule>; got: <value>"} when it is
   *     malformed or out of range
   */
  public String validate(String value) {
    if (value == null) {
      throw invalid("null");
    }
    String v = value.trim();
    switch (type) {
      case INTEGER:
        {
          long parsed;
          try {
            parsed = Long.parseLong(v);
          } catch (NumberFormatException e) {
            throw invalid(value);
          }
          if (parsed < minValue || parsed > maxValue) {
            throw invalid(value);
          }
          return Long.toString(parsed);
        }
      case CONTINUOUS:
        {
          double parsed;
          try {
            parsed = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            throw invalid(value);
          }
          if (!Double.isFinite(parsed) || parsed < minValue || parsed > maxValue) {
            throw invalid(value);
          }
          return Double.toString(parsed);
        }
      default:
        for (String allowed : allowedValues) {
          if (allowed.equalsIgnoreCase(v)) {
            return allowed;
          }
        }
        throw invalid(value);
    }
  }

  /**
   * The rule a value must meet, as used in error messages: {@code "an integer in [32, 256]"}.
   *
   * @return the rule in words
   */
  public String rule() {
    switch (type) {
      case INTEGER:
        return "an integer" + bounds((long) minValue, (long) maxValue);
      case CONTINUOUS:
        return "a number" + bounds(minValue, maxValue);
      default:
        return "one of " + allowedValues;
    }
  }

  private static String bounds(long min, long max) {
    if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
      return "";
    } else if (max == Long.MAX_VALUE) {
      return " >= " + min;
    } else if (min == Long.MIN_VALUE) {
      return " <= " + max;
    }
    return " in [" + min + ", " + max + "]";
  }

  private static String bounds(double min, double max) {
    if (min == -Double.MAX_VALUE && max == Double.MAX_VALUE) {
      return "";
    } else if (max == Double.MAX_VALUE) {
      return " >= " + min;
    } else if (min == -Double.MAX_VALUE) {
      return " <= " + max;
    }
    return " in [" + min + ", " + max + "]";
  }

  private IllegalArgumentException invalid(String value) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s must be %s; got: %s", name, rule(), value));
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof HyperparameterSpec)) {
      return false;
    }
    HyperparameterSpec o = (HyperparameterSpec) other;
    return name.equals(o.name)
        && type == o.type
        && stage == o.stage
        && defaultValue.equals(o.defaultValue)
        && Double.compare(minValue, o.minValue) == 0
        && Double.compare(maxValue, o.maxValue) == 0
        && allowedValues.equals(o.allowedValues)
        && tunable == o.tunable
        && description.equals(o.description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, type, stage, defaultValue, minValue, maxValue, allowedValues, tunable);
  }

  @Override
  public String toString() {
    return "HyperparameterSpec("
        + name
        + ", "
        + type
        + ", "
        + stage
        + ", default="
        + defaultValue
        + ", "
        + rule()
        + (tunable ? ", tunable" : "")
        + ")";
  }

  /**
   * Builds a {@link HyperparameterSpec}; setters check their argument, {@link #build} the whole.
   */
  public static final class Builder {
    private final String name;
    private final Type type;
    private Stage stage = Stage.ALGORITHM;
    private String defaultValue;
    private double minValue;
    private double maxValue;
    private List<String> allowedValues = List.of();
    private boolean tunable;
    private String description = "";

    private Builder(String name, Type type) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException(
            "hyperparameter name must be a non-empty string; got: " + name);
      }
      this.name = name;
      this.type = type;
      if (type == Type.INTEGER) {
        minValue = Long.MIN_VALUE;
        maxValue = Long.MAX_VALUE;
      } else if (type == Type.CONTINUOUS) {
        minValue = -Double.MAX_VALUE;
        maxValue = Double.MAX_VALUE;
      } else {
        minValue = Double.NaN;
        maxValue = Double.NaN;
      }
    }

    /**
     * Sets the stage; the default is {@link Stage#ALGORITHM}.
     *
     * @param stage the solution-config map the value belongs to
     * @return this builder
     */
    public Builder stage(Stage stage) {
      this.stage = Objects.requireNonNull(stage, "stage");
      return this;
    }

    /**
     * Sets the inclusive range of an INTEGER hyperparameter.
     *
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return this builder
     */
    public Builder range(long min, long max) {
      if (type != Type.INTEGER) {
        return range((double) min, (double) max);
      }
      if (min > max) {
        throw new IllegalArgumentException(
            "range of " + name + " must have min <= max; got: [" + min + ", " + max + "]");
      }
      this.minValue = min;
      this.maxValue = max;
      return this;
    }

    /**
     * Sets the inclusive range of a CONTINUOUS hyperparameter; use {@code Double.MAX_VALUE} for an
     * open end.
     *
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @return this builder
     */
    public Builder range(double min, double max) {
      if (type == Type.CATEGORICAL) {
        throw new IllegalArgumentException(
            "range of " + name + " must be set on INTEGER or CONTINUOUS only; got: CATEGORICAL");
      }
      if (type == Type.INTEGER) {
        if (min != Math.rint(min) || max != Math.rint(max)) {
          throw new IllegalArgumentException(
              "range of " + name + " must be whole numbers; got: [" + min + ", " + max + "]");
        }
        return range((long) min, (long) max);
      }
      if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
        throw new IllegalArgumentException(
            "range of " + name + " must have min <= max; got: [" + min + ", " + max + "]");
      }
      this.minValue = min;
      this.maxValue = max;
      return this;
    }

    /**
     * Sets the allowed values of a CATEGORICAL hyperparameter.
     *
     * @param values distinct, non-empty values
     * @return this builder
     */
    public Builder values(String... values) {
      if (type != Type.CATEGORICAL) {
        throw new IllegalArgumentException(
            "values of " + name + " must be set on CATEGORICAL only; got: " + type);
      }
      if (values == null || values.length == 0) {
        throw new IllegalArgumentException("values of " + name + " must be non-empty; got: []");
      }
      List<String> copy = new ArrayList<>(values.length);
      for (String v : values) {
        if (v == null || v.isEmpty() || copy.contains(v)) {
          throw new IllegalArgumentException(
              "values of " + name + " must be distinct non-empty strings; got: " + v);
        }
        copy.add(v);
      }
      this.allowedValues = Collections.unmodifiableList(copy);
      return this;
    }

    /**
     * Sets the default value.
     *
     * @param value the default, checked against type and range in {@link #build}
     * @return this builder
     */
    public Builder defaultValue(String value) {
      this.defaultValue = Objects.requireNonNull(value, "defaultValue");
      return this;
    }

    /**
     * Sets a numeric default value.
     *
     * @param value the default
     * @return this builder
     */
    public Builder defaultValue(long value) {
      return defaultValue(Long.toString(value));
    }

    /**
     * Sets a numeric default value.
     *
     * @param value the default
     * @return this builder
     */
    public Builder defaultValue(double value) {
      return defaultValue(Double.toString(value));
    }

    /**
     * Sets a boolean default value.
     *
     * @param value the default
     * @return this builder
     */
    public Builder defaultValue(boolean value) {
      return defaultValue(Boolean.toString(value));
    }

    /**
     * Sets whether HPO may tune the parameter; the default is false.
     *
     * @param tunable true to allow tuning
     * @return this builder
     */
    public Builder tunable(boolean tunable) {
      this.tunable = tunable;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description what the parameter does
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws IllegalArgumentException when the default is missing or breaks the spec's own rule
     */
    public HyperparameterSpec build() {
      if (type == Type.CATEGORICAL && allowedValues.isEmpty()) {
        throw new IllegalArgumentException("values of " + name + " must be non-empty; got: []");
      }
      if (defaultValue == null) {
        throw new IllegalArgumentException("defaultValue of " + name + " must be set; got: null");
      }
      HyperparameterSpec probe = new HyperparameterSpec(this, defaultValue);
      return new HyperparameterSpec(this, probe.validate(defaultValue));
    }
  }
}
