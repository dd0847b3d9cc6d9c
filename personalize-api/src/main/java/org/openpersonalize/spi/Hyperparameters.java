package org.openpersonalize.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A recipe's hyperparameters resolved for one training run: every spec's value, given or default,
 * checked against its range once, then read with typed lookups.
 *
 * <pre>{@code
 * Hyperparameters hp = Hyperparameters.of(recipe.hyperparameters(), Map.of("hidden_dimension", "64"));
 * int factors = hp.intValue("hidden_dimension");   // 64
 * boolean recency = hp.booleanValue("recency_mask"); // the default, true
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Hyperparameters {
  private final Map<String, HyperparameterSpec> specs;
  private final Map<String, String> values;
  private final Map<String, String> overrides;

  private Hyperparameters(
      Map<String, HyperparameterSpec> specs, Map<String, String> values, Map<String, String> over) {
    this.specs = specs;
    this.values = Collections.unmodifiableMap(values);
    this.overrides = Collections.unmodifiableMap(over);
  }

  /**
   * Every hyperparameter at its default.
   *
   * @param specs the recipe's specs
   * @return the defaults
   */
  public static Hyperparameters defaults(List<HyperparameterSpec> specs) {
    return of(specs, Map.of());
  }

  /**
   * Resolves given values against specs; names not given take their default.
   *
   * @param specs the recipe's specs, with unique names
   * @param given values by name, as strings (Amazon's {@code algorithmHyperParameters} merged with
   *     {@code featureTransformationParameters})
   * @return the resolved hyperparameters
   * @throws IllegalArgumentException when a name is unknown or a value breaks its spec's rule
   */
  public static Hyperparameters of(List<HyperparameterSpec> specs, Map<String, String> given) {
    Objects.requireNonNull(specs, "specs");
    Objects.requireNonNull(given, "given");
    Map<String, HyperparameterSpec> byName = new LinkedHashMap<>();
    for (HyperparameterSpec s : specs) {
      if (byName.put(s.name(), s) != null) {
        throw new IllegalArgumentException(
            "hyperparameter names must be unique; got: " + s.name() + " twice");
      }
    }
    for (String name : given.keySet()) {
      if (!byName.containsKey(name)) {
        throw unknown(byName, name);
      }
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    for (HyperparameterSpec s : byName.values()) {
      String v = given.get(s.name());
      if (v == null) {
        values.put(s.name(), s.defaultValue());
      } else {
        String canonical = s.validate(v);
        values.put(s.name(), canonical);
        overrides.put(s.name(), canonical);
      }
    }
    return new Hyperparameters(Collections.unmodifiableMap(byName), values, overrides);
  }

  /**
   * Reads an INTEGER hyperparameter that fits an {@code int}.
   *
   * @param name the hyperparameter's name
   * @return its value
   * @throws IllegalArgumentException when the name is unknown, not INTEGER, or the value exceeds an
   *     {@code int}
   */
  public int intValue(String name) {
    long v = longValue(name);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " must fit in an int; got: " + v);
    }
    return (int) v;
  }

  /**
   * Reads an INTEGER hyperparameter.
   *
   * @param name the hyperparameter's name
   * @return its value
   * @throws IllegalArgumentException when the name is unknown or not INTEGER
   */
  public long longValue(String name) {
    return Long.parseLong(value(name, HyperparameterSpec.Type.INTEGER));
  }

  /**
   * Reads a CONTINUOUS (or INTEGER) hyperparameter.
   *
   * @param name the hyperparameter's name
   * @return its value
   * @throws IllegalArgumentException when the name is unknown or CATEGORICAL
   */
  public double doubleValue(String name) {
    HyperparameterSpec s = spec(name);
    if (s.type() == HyperparameterSpec.Type.CATEGORICAL) {
      throw wrongType(s, "INTEGER or CONTINUOUS");
    }
    return Double.parseDouble(values.get(name));
  }

  /**
   * Reads a boolean (CATEGORICAL {@code true}/{@code false}) hyperparameter.
   *
   * @param name the hyperparameter's name
   * @return its value
   * @throws IllegalArgumentException when the name is unknown or not a boolean
   */
  public boolean booleanValue(String name) {
    HyperparameterSpec s = spec(name);
    if (!s.allowedValues().equals(List.of("true", "false"))
        && !s.allowedValues().equals(List.of("false", "true"))) {
      throw wrongType(s, "boolean");
    }
    return Boolean.parseBoolean(values.get(name));
  }

  /**
   * Reads any hyperparameter in its canonical string form.
   *
   * @param name the hyperparameter's name
   * @return its value
   * @throws IllegalArgumentException when the name is unknown
   */
  public String stringValue(String name) {
    spec(name);
    return values.get(name);
  }

  /**
   * Every resolved value by name, in spec order, as reported in {@code tunedHPOParams}.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> asMap() {
    return values;
  }

  /**
   * The values that were given rather than defaulted, canonicalised.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> overrides() {
    return overrides;
  }

  /**
   * The specs these values were resolved against, in order.
   *
   * @return an unmodifiable list
   */
  public List<HyperparameterSpec> specs() {
    return List.copyOf(specs.values());
  }

  /**
   * A copy with some values replaced, checked like {@link #of}.
   *
   * @param changes values by name
   * @return the new hyperparameters
   * @throws IllegalArgumentException when a name is unknown or a value breaks its rule
   */
  public Hyperparameters with(Map<String, String> changes) {
    Map<String, String> merged = new LinkedHashMap<>(overrides);
    merged.putAll(changes);
    return of(new ArrayList<>(specs.values()), merged);
  }

  private String value(String name, HyperparameterSpec.Type type) {
    HyperparameterSpec s = spec(name);
    if (s.type() != type) {
      throw wrongType(s, type.name());
    }
    return values.get(name);
  }

  private HyperparameterSpec spec(String name) {
    HyperparameterSpec s = specs.get(name);
    if (s == null) {
      throw unknown(specs, name);
    }
    return s;
  }

  private static IllegalArgumentException unknown(Map<String, HyperparameterSpec> specs, String n) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT, "hyperparameter name must be one of %s; got: %s", specs.keySet(), n));
  }

  private static IllegalArgumentException wrongType(HyperparameterSpec s, String wanted) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "%s must be read as the %s hyperparameter it is; got: a read as %s",
            s.name(),
            s.type(),
            wanted));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hyperparameters
        && values.equals(((Hyperparameters) other).values)
        && specs.equals(((Hyperparameters) other).specs);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "Hyperparameters" + values;
  }
}
