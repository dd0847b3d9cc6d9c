package org.openpersonalize.engine.internal.hpo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hyperparameters one search varies, each mapped onto a unit coordinate so the optimiser sees
 * only numbers: an INTEGER or CONTINUOUS range becomes {@code [0, 1]} (on a log scale when the
 * range is positive and spans two orders of magnitude or more, as SageMaker's "Auto" scaling does,
 * so that {@code regularization} in {@code [1, 1000]} is searched per decade and not mostly in its
 * top half); a CATEGORICAL one becomes the index of its value.
 *
 * <p>Immutable; built once per search from the checked {@code hpoConfig}.
 */
public final class SearchSpace {
  /** How a dimension's coordinate is read. */
  public enum Kind {
    /** A whole number in {@code [lo, hi]}. */
    INTEGER,
    /** A real number in {@code [lo, hi]}. */
    CONTINUOUS,
    /** One of {@code choices}, by index. */
    CATEGORICAL
  }

  /** Ratio of the bounds from which a positive range is searched on a log scale. */
  static final double LOG_RATIO = 100;

  private final String[] names;
  private final Kind[] kinds;
  private final double[] lo;
  private final double[] hi;
  private final boolean[] log;
  private final String[][] choices;

  private SearchSpace(List<Dim> dims) {
    int d = dims.size();
    names = new String[d];
    kinds = new Kind[d];
    lo = new double[d];
    hi = new double[d];
    log = new boolean[d];
    choices = new String[d][];
    for (int j = 0; j < d; j++) {
      Dim x = dims.get(j);
      names[j] = x.name;
      kinds[j] = x.kind;
      lo[j] = x.lo;
      hi[j] = x.hi;
      log[j] = x.kind != Kind.CATEGORICAL && x.lo > 0 && x.hi / x.lo >= LOG_RATIO;
      choices[j] = x.choices;
    }
  }

  /**
   * Starts a space.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Number of dimensions. */
  public int dims() {
    return names.length;
  }

  /** The hyperparameter of dimension {@code j}. */
  public String name(int j) {
    return names[j];
  }

  /** The kind of dimension {@code j}. */
  public Kind kind(int j) {
    return kinds[j];
  }

  /** Whether dimension {@code j} is numeric and searched on a log scale. */
  public boolean logScale(int j) {
    return log[j];
  }

  /** Number of values of a categorical dimension (0 for numeric ones). */
  public int numChoices(int j) {
    return choices[j] == null ? 0 : choices[j].length;
  }

  /**
   * The value a coordinate stands for, in the spelling a recipe parses.
   *
   * @param j the dimension
   * @param u the coordinate: in {@code [0, 1]} for numeric dimensions, an index for categorical
   * @return the value as a string
   */
  public String value(int j, double u) {
    switch (kinds[j]) {
      case CATEGORICAL:
        return choices[j][(int) u];
      case INTEGER:
        return Long.toString(Math.round(Math.min(hi[j], Math.max(lo[j], numeric(j, u)))));
      default:
        return Double.toString(Math.min(hi[j], Math.max(lo[j], numeric(j, u))));
    }
  }

  /**
   * The coordinate of a value, for a trial given rather than proposed (the defaults).
   *
   * @param j the dimension
   * @param value the value as a recipe spells it
   * @return the coordinate, or NaN when the value lies outside the dimension's range or values
   */
  public double coordinate(int j, String value) {
    if (kinds[j] == Kind.CATEGORICAL) {
      for (int c = 0; c < choices[j].length; c++) {
        if (choices[j][c].equalsIgnoreCase(value)) {
          return c;
        }
      }
      return Double.NaN;
    }
    double v = Double.parseDouble(value);
    if (v < lo[j] || v > hi[j]) {
      return Double.NaN;
    }
    if (hi[j] == lo[j]) {
      return 0.5;
    }
    return log[j]
        ? (Math.log(v) - Math.log(lo[j])) / (Math.log(hi[j]) - Math.log(lo[j]))
        : (v - lo[j]) / (hi[j] - lo[j]);
  }

  private double numeric(int j, double u) {
    return log[j]
        ? Math.exp(Math.log(lo[j]) + u * (Math.log(hi[j]) - Math.log(lo[j])))
        : lo[j] + u * (hi[j] - lo[j]);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("SearchSpace[");
    for (int j = 0; j < names.length; j++) {
      b.append(j == 0 ? "" : ", ").append(names[j]);
      if (kinds[j] == Kind.CATEGORICAL) {
        b.append(" in ").append(String.join("|", choices[j]));
      } else {
        b.append(String.format(Locale.ROOT, " in [%s, %s]%s", lo[j], hi[j], log[j] ? " log" : ""));
      }
    }
    return b.append(']').toString();
  }

  private record Dim(String name, Kind kind, double lo, double hi, String[] choices) {}

  /** Collects dimensions in the order the optimiser sees them. */
  public static final class Builder {
    private final List<Dim> dims = new ArrayList<>();

    private Builder() {}

    /**
     * Adds an integer range.
     *
     * @param name the hyperparameter
     * @param min the smallest value
     * @param max the largest value, at least {@code min}
     * @return this builder
     */
    public Builder integer(String name, long min, long max) {
      dims.add(new Dim(name, Kind.INTEGER, min, max, null));
      return this;
    }

    /**
     * Adds a real range.
     *
     * @param name the hyperparameter
     * @param min the smallest value
     * @param max the largest value, at least {@code min}
     * @return this builder
     */
    public Builder continuous(String name, double min, double max) {
      dims.add(new Dim(name, Kind.CONTINUOUS, min, max, null));
      return this;
    }

    /**
     * Adds a categorical dimension.
     *
     * @param name the hyperparameter
     * @param values its distinct values, at least one
     * @return this builder
     */
    public Builder categorical(String name, List<String> values) {
      dims.add(
          new Dim(name, Kind.CATEGORICAL, 0, values.size() - 1, values.toArray(String[]::new)));
      return this;
    }

    /** The space. */
    public SearchSpace build() {
      return new SearchSpace(dims);
    }
  }
}
