package org.openpersonalize.engine.internal.hpo;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.CategoricalHyperParameterRange;
import org.openpersonalize.api.model.ContinuousHyperParameterRange;
import org.openpersonalize.api.model.HPOConfig;
import org.openpersonalize.api.model.HPOObjective;
import org.openpersonalize.api.model.HPOResourceConfig;
import org.openpersonalize.api.model.HyperParameterRanges;
import org.openpersonalize.api.model.IntegerHyperParameterRange;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.internal.training.OfflineMetrics;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Recipe;

/**
 * A solution's hyperparameter search, checked completely against its recipe (spec §9.4): the space
 * to search, the validation metric and its direction, the number of trials and how many run at
 * once. Built when the solution is created (so a bad {@code hpoConfig} is refused by
 * CreateSolution, naming the field) and again from the stored config when a version trains.
 *
 * @param space the dimensions searched
 * @param metric the offline-metric key optimised on validation users
 * @param maximize whether larger values of {@code metric} are better
 * @param maxTrials {@code maxNumberOfTrainingJobs}
 * @param maxParallel {@code maxParallelTrainingJobs}: trials proposed together and run at once
 */
public record HpoPlan(
    SearchSpace space, String metric, boolean maximize, int maxTrials, int maxParallel) {
  /** Amazon's largest {@code maxNumberOfTrainingJobs}. */
  public static final int MAX_TRAINING_JOBS = 40;

  /** Amazon's largest {@code maxParallelTrainingJobs}. */
  public static final int MAX_PARALLEL_JOBS = 10;

  /**
   * Trials when {@code maxNumberOfTrainingJobs} is not given (Amazon does not document its own).
   */
  public static final int DEFAULT_TRAINING_JOBS = 10;

  /** The metric optimised when {@code hpoObjective.metricName} is not given. */
  public static final String DEFAULT_METRIC = "normalized_discounted_cumulative_gain_at_10";

  /** Amazon's bounds of a range's {@code minValue} and {@code maxValue}. */
  static final double RANGE_LIMIT = 1_000_000;

  /** Amazon's largest number of ranges per list, and of values per categorical range. */
  static final int MAX_LIST = 100;

  private static final String P = "solutionConfig.hpoConfig.";

  /**
   * Checks the HPO part of a CreateSolution request.
   *
   * @param performHPO the request's flag
   * @param config the solution config (never null)
   * @param recipe the solution's recipe
   * @return the plan, or null when the solution does not tune
   * @throws InvalidInputException naming the first field that is wrong
   */
  public static HpoPlan of(boolean performHPO, SolutionConfig config, Recipe recipe) {
    HPOConfig hpo = config.hpoConfig();
    if (!performHPO) {
      if (hpo != null) {
        throw new InvalidInputException(
            "solutionConfig.hpoConfig must be omitted unless performHPO is true; got: an"
                + " hpoConfig with performHPO false");
      }
      return null;
    }
    Map<String, HyperparameterSpec> tunable = new LinkedHashMap<>();
    Map<String, HyperparameterSpec> all = new LinkedHashMap<>();
    for (HyperparameterSpec s : recipe.hyperparameters()) {
      all.put(s.name(), s);
      if (s.tunable()) {
        tunable.put(s.name(), s);
      }
    }
    if (tunable.isEmpty()) {
      throw new InvalidInputException(
          "performHPO must be false: "
              + recipe.recipeArn()
              + " has no tunable hyperparameters; got: true");
    }
    hpo = hpo == null ? HPOConfig.builder().build() : hpo;
    HPOObjective objective =
        hpo.hpoObjective() == null ? HPOObjective.builder().build() : hpo.hpoObjective();
    boolean maximize = direction(objective.type());
    String metric = metric(objective);
    HPOResourceConfig resources =
        hpo.hpoResourceConfig() == null
            ? HPOResourceConfig.builder().build()
            : hpo.hpoResourceConfig();
    int trials =
        count(
            "hpoResourceConfig.maxNumberOfTrainingJobs",
            resources.maxNumberOfTrainingJobs(),
            MAX_TRAINING_JOBS,
            DEFAULT_TRAINING_JOBS);
    int parallel =
        count(
            "hpoResourceConfig.maxParallelTrainingJobs",
            resources.maxParallelTrainingJobs(),
            MAX_PARALLEL_JOBS,
            1);
    if (parallel > trials) {
      throw invalid(
          "hpoResourceConfig.maxParallelTrainingJobs",
          "at most maxNumberOfTrainingJobs (" + trials + ")",
          resources.maxParallelTrainingJobs());
    }
    Set<String> fixed = new HashSet<>(config.algorithmHyperParameters().keySet());
    fixed.addAll(config.featureTransformationParameters().keySet());
    SearchSpace space =
        hpo.algorithmHyperParameterRanges() == null
            ? defaultSpace(tunable, fixed)
            : RangeCheck.space(hpo.algorithmHyperParameterRanges(), all, fixed, recipe);
    if (space.dims() == 0) {
      throw invalid(
          "algorithmHyperParameterRanges",
          "at least one range of a tunable hyperparameter not fixed in"
              + " algorithmHyperParameters ("
              + String.join(", ", tunable.keySet())
              + ")",
          "none");
    }
    return new HpoPlan(space, metric, maximize, trials, parallel);
  }

  /**
   * Every tunable hyperparameter the config does not fix, over the recipe's declared range (used
   * when {@code algorithmHyperParameterRanges} is omitted, as Amazon then uses its default ranges).
   */
  private static SearchSpace defaultSpace(
      Map<String, HyperparameterSpec> tunable, Set<String> fixed) {
    SearchSpace.Builder b = SearchSpace.builder();
    for (HyperparameterSpec s : tunable.values()) {
      if (fixed.contains(s.name())) {
        continue;
      }
      switch (s.type()) {
        case INTEGER -> b.integer(s.name(), (long) s.minValue(), (long) s.maxValue());
        case CONTINUOUS -> b.continuous(s.name(), s.minValue(), s.maxValue());
        default -> b.categorical(s.name(), s.allowedValues());
      }
    }
    return b.build();
  }

  private static boolean direction(String type) {
    if (type == null || type.equals("Maximize")) {
      return true;
    }
    if (type.equals("Minimize")) {
      return false;
    }
    throw invalid("hpoObjective.type", "Maximize or Minimize", type);
  }

  private static String metric(HPOObjective objective) {
    if (objective.metricRegex() != null) {
      throw new InvalidInputException(
          P
              + "hpoObjective.metricRegex is not supported: the engine reads each trial's metrics"
              + " directly rather than from training logs; name the metric in metricName; got: "
              + objective.metricRegex());
    }
    String name = objective.metricName();
    if (name == null) {
      return DEFAULT_METRIC;
    }
    List<String> names = OfflineMetrics.names();
    if (!names.contains(name)) {
      throw invalid("hpoObjective.metricName", "one of " + names, name);
    }
    return name;
  }

  private static int count(String field, String value, int max, int absent) {
    if (value == null) {
      return absent;
    }
    try {
      int v = Integer.parseInt(value.trim());
      if (v >= 1 && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(field, "an integer in [1, " + max + "] (a string, as in Amazon's API)", value);
  }

  static InvalidInputException invalid(String field, String rule, Object got) {
    return new InvalidInputException(
        String.format(Locale.ROOT, "%s%s must be %s; got: %s", P, field, rule, got));
  }

  /** Checks the three range lists against the recipe's specs. */
  static final class RangeCheck {
    private RangeCheck() {}

    static SearchSpace space(
        HyperParameterRanges ranges,
        Map<String, HyperparameterSpec> specs,
        Set<String> fixed,
        Recipe recipe) {
      SearchSpace.Builder b = SearchSpace.builder();
      Set<String> seen = new HashSet<>();
      String base = "algorithmHyperParameterRanges.";
      List<IntegerHyperParameterRange> ints = ranges.integerHyperParameterRanges();
      size(base + "integerHyperParameterRanges", ints.size());
      for (int i = 0; i < ints.size(); i++) {
        IntegerHyperParameterRange r = ints.get(i);
        String f = base + "integerHyperParameterRanges[" + i + "]";
        HyperparameterSpec s =
            spec(f, r.name(), HyperparameterSpec.Type.INTEGER, specs, fixed, seen, recipe);
        double[] mm = bounds(f, r.minValue(), r.maxValue(), s);
        b.integer(s.name(), (long) mm[0], (long) mm[1]);
      }
      List<ContinuousHyperParameterRange> reals = ranges.continuousHyperParameterRanges();
      size(base + "continuousHyperParameterRanges", reals.size());
      for (int i = 0; i < reals.size(); i++) {
        ContinuousHyperParameterRange r = reals.get(i);
        String f = base + "continuousHyperParameterRanges[" + i + "]";
        HyperparameterSpec s =
            spec(f, r.name(), HyperparameterSpec.Type.CONTINUOUS, specs, fixed, seen, recipe);
        double[] mm = bounds(f, r.minValue(), r.maxValue(), s);
        b.continuous(s.name(), mm[0], mm[1]);
      }
      List<CategoricalHyperParameterRange> cats = ranges.categoricalHyperParameterRanges();
      size(base + "categoricalHyperParameterRanges", cats.size());
      for (int i = 0; i < cats.size(); i++) {
        CategoricalHyperParameterRange r = cats.get(i);
        String f = base + "categoricalHyperParameterRanges[" + i + "]";
        HyperparameterSpec s =
            spec(f, r.name(), HyperparameterSpec.Type.CATEGORICAL, specs, fixed, seen, recipe);
        b.categorical(s.name(), values(f, r.values(), s));
      }
      return b.build();
    }

    private static void size(String field, int n) {
      if (n > MAX_LIST) {
        throw invalid(field, "at most " + MAX_LIST + " ranges", n);
      }
    }

    private static HyperparameterSpec spec(
        String f,
        String name,
        HyperparameterSpec.Type type,
        Map<String, HyperparameterSpec> specs,
        Set<String> fixed,
        Set<String> seen,
        Recipe recipe) {
      if (name == null || name.isEmpty() || name.length() > 256) {
        throw invalid(f + ".name", "a hyperparameter name of 1-256 characters", name);
      }
      HyperparameterSpec s = specs.get(name);
      if (s == null) {
        throw invalid(f + ".name", "a hyperparameter of " + recipe.recipeArn(), name);
      }
      if (!s.tunable()) {
        throw invalid(
            f + ".name", "a tunable hyperparameter (" + name + " is not tunable by HPO)", name);
      }
      if (s.type() != type) {
        throw invalid(
            f + ".name",
            "a "
                + type.name().toLowerCase(Locale.ROOT)
                + " hyperparameter ("
                + name
                + " is "
                + s.type().name().toLowerCase(Locale.ROOT)
                + ")",
            name);
      }
      if (!seen.add(name)) {
        throw invalid(f + ".name", "named in one range only", name);
      }
      if (fixed.contains(name)) {
        throw invalid(
            f + ".name",
            "a hyperparameter not also fixed in solutionConfig.algorithmHyperParameters or"
                + " featureTransformationParameters",
            name);
      }
      return s;
    }

    private static double[] bounds(String f, Number min, Number max, HyperparameterSpec s) {
      double lo = number(f + ".minValue", min);
      double hi = number(f + ".maxValue", max);
      if (lo > hi) {
        throw invalid(f + ".minValue", "at most maxValue (" + max + ")", min);
      }
      if (lo < s.minValue()) {
        throw invalid(f + ".minValue", "within " + s.name() + "'s range: " + s.rule(), min);
      }
      if (hi > s.maxValue()) {
        throw invalid(f + ".maxValue", "within " + s.name() + "'s range: " + s.rule(), max);
      }
      return new double[] {lo, hi};
    }

    private static double number(String f, Number v) {
      if (v == null) {
        throw invalid(f, "given", "null");
      }
      double d = v.doubleValue();
      if (!Double.isFinite(d) || d < -RANGE_LIMIT || d > RANGE_LIMIT) {
        throw invalid(f, "a number in [-1000000, 1000000]", v);
      }
      return d;
    }

    private static List<String> values(String f, List<String> values, HyperparameterSpec s) {
      if (values.isEmpty() || values.size() > MAX_LIST) {
        throw invalid(f + ".values", "1-" + MAX_LIST + " values", values.size() + " values");
      }
      List<String> out = new java.util.ArrayList<>();
      for (int k = 0; k < values.size(); k++) {
        String canonical;
        try {
          canonical = s.validate(values.get(k));
        } catch (IllegalArgumentException e) {
          throw invalid(f + ".values[" + k + "]", s.rule(), values.get(k));
        }
        if (out.contains(canonical)) {
          throw invalid(f + ".values[" + k + "]", "distinct", values.get(k));
        }
        out.add(canonical);
      }
      return out;
    }
  }
}
