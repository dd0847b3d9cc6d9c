package org.openpersonalize.engine.internal.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.openpersonalize.api.model.CategoricalHyperParameterRange;
import org.openpersonalize.api.model.ContinuousHyperParameterRange;
import org.openpersonalize.api.model.HPOConfig;
import org.openpersonalize.api.model.HyperParameterRanges;
import org.openpersonalize.api.model.IntegerHyperParameterRange;
import org.openpersonalize.api.model.InvalidInputException;
import org.openpersonalize.api.model.SolutionConfig;
import org.openpersonalize.engine.internal.RecipeCatalog;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Recipe;

/**
 * {@link HpoPlan} against a slow, obviously-correct reference of Amazon's range rules: a range is
 * accepted exactly when its bounds are within Amazon's limits, ordered and inside the recipe's own
 * range; a refusal names the field the reference blames; every value an accepted space decodes to
 * lies in the range and passes the recipe's own check.
 */
class HpoPlanProperties {
  static final Recipe UP =
      new RecipeCatalog()
          .require("recipeArn", "arn:aws:personalize:::recipe/aws-user-personalization");
  static final String R = "solutionConfig.hpoConfig.algorithmHyperParameterRanges.";

  static HpoPlan plan(HyperParameterRanges ranges) {
    return plan(HPOConfig.builder().algorithmHyperParameterRanges(ranges).build());
  }

  static HpoPlan plan(HPOConfig hpo) {
    return HpoPlan.of(true, SolutionConfig.builder().hpoConfig(hpo).build(), UP);
  }

  static HyperparameterSpec spec(String name) {
    return UP.hyperparameters().stream().filter(s -> s.name().equals(name)).findFirst().get();
  }

  /** Which bound the reference blames, or null when the range is acceptable. */
  static String blamed(double min, double max, HyperparameterSpec s) {
    if (min < -1_000_000 || min > 1_000_000) {
      return "minValue";
    }
    if (max < -1_000_000 || max > 1_000_000) {
      return "maxValue";
    }
    if (min > max || min < s.minValue()) {
      return "minValue";
    }
    if (max > s.maxValue()) {
      return "maxValue";
    }
    return null;
  }

  @Property(tries = 400)
  void integerRangesFollowTheReference(
      @ForAll @IntRange(min = -1_500_000, max = 1_500_000) int a,
      @ForAll("nearHiddenDimension") int b,
      @ForAll @DoubleRange(min = 0, max = 1) double u) {
    int min = Math.abs(a) % 7 == 0 ? a : Math.min(a, b) % 300; // reach both wild and near bounds
    int max = b;
    HyperParameterRanges ranges =
        HyperParameterRanges.builder()
            .integerHyperParameterRanges(
                IntegerHyperParameterRange.builder()
                    .name("hidden_dimension")
                    .minValue(min)
                    .maxValue(max)
                    .build())
            .build();
    HyperparameterSpec s = spec("hidden_dimension");
    String blame = blamed(min, max, s);
    if (blame == null) {
      SearchSpace space = plan(ranges).space();
      long v = Long.parseLong(space.value(0, u));
      assertTrue(v >= min && v <= max, v + " outside [" + min + ", " + max + "]");
      assertEquals(Long.toString(v), s.validate(Long.toString(v)));
    } else {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(ranges));
      assertTrue(
          e.getMessage().startsWith(R + "integerHyperParameterRanges[0]." + blame + " must be"),
          e.getMessage());
    }
  }

  @Provide
  Arbitrary<Integer> nearHiddenDimension() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 300),
        Arbitraries.integers().between(-2_000_000, 2_000_000));
  }

  @Property(tries = 400)
  void continuousRangesFollowTheReference(
      @ForAll @DoubleRange(min = -2e6, max = 2e6) double a,
      @ForAll @DoubleRange(min = -100, max = 20000) double b,
      @ForAll @DoubleRange(min = 0, max = 1) double u) {
    double min = Math.min(Math.abs(a) > 1e6 ? a : a / 100, b);
    double max = b;
    if (Math.abs(a) < 1e4) {
      double t = min; // sometimes give the bounds in the wrong order
      min = max;
      max = t;
    }
    final double lo = min;
    final double hi = max;
    HyperParameterRanges ranges =
        HyperParameterRanges.builder()
            .continuousHyperParameterRanges(
                ContinuousHyperParameterRange.builder()
                    .name("regularization")
                    .minValue(lo)
                    .maxValue(hi)
                    .build())
            .build();
    HyperparameterSpec s = spec("regularization");
    String blame = blamed(lo, hi, s);
    if (blame == null) {
      SearchSpace space = plan(ranges).space();
      double v = Double.parseDouble(space.value(0, u));
      assertTrue(v >= lo && v <= hi, v + " outside [" + lo + ", " + hi + "]");
      assertNotNull(s.validate(space.value(0, u)));
    } else {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(ranges));
      assertTrue(
          e.getMessage().startsWith(R + "continuousHyperParameterRanges[0]." + blame + " must be"),
          e.getMessage());
    }
  }

  @Property(tries = 300)
  void categoricalValuesFollowTheReference(@ForAll("booleanSpellings") List<String> values) {
    HyperParameterRanges ranges =
        HyperParameterRanges.builder()
            .categoricalHyperParameterRanges(
                CategoricalHyperParameterRange.builder()
                    .name("recency_mask")
                    .values(values)
                    .build())
            .build();
    // Reference: the first value that is not a boolean spelling, or repeats an earlier one.
    List<String> canonical = new ArrayList<>();
    int bad = -1;
    for (int k = 0; k < values.size() && bad < 0; k++) {
      String c = values.get(k).trim().toLowerCase(Locale.ROOT);
      if (!(c.equals("true") || c.equals("false")) || canonical.contains(c)) {
        bad = k;
      } else {
        canonical.add(c);
      }
    }
    if (values.isEmpty()) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(ranges));
      assertTrue(
          e.getMessage().startsWith(R + "categoricalHyperParameterRanges[0].values must be"),
          e.getMessage());
    } else if (bad >= 0) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(ranges));
      assertTrue(
          e.getMessage()
              .startsWith(R + "categoricalHyperParameterRanges[0].values[" + bad + "] must be"),
          e.getMessage());
    } else {
      SearchSpace space = plan(ranges).space();
      assertEquals(canonical.size(), space.numChoices(0));
      for (int c = 0; c < canonical.size(); c++) {
        assertEquals(canonical.get(c), space.value(0, c));
      }
    }
  }

  @Provide
  Arbitrary<List<String>> booleanSpellings() {
    return Arbitraries.of("true", "false", "TRUE", "False", " true ", "yes", "0", "maybe")
        .list()
        .ofMaxSize(4);
  }

  @Property(tries = 300)
  void resourceCountsFollowTheReference(
      @ForAll("counts") String trials, @ForAll("counts") String parallel) {
    HPOConfig hpo =
        HPOConfig.builder()
            .hpoResourceConfig(
                r -> r.maxNumberOfTrainingJobs(trials).maxParallelTrainingJobs(parallel))
            .build();
    Integer t = parse(trials, 40);
    Integer p = parse(parallel, 10);
    String h = "solutionConfig.hpoConfig.hpoResourceConfig.";
    if (t == null) {
      assertRefused(h + "maxNumberOfTrainingJobs", hpo);
    } else if (p == null || p > t) {
      assertRefused(h + "maxParallelTrainingJobs", hpo);
    } else {
      HpoPlan plan = plan(hpo);
      assertEquals(t, plan.maxTrials());
      assertEquals(p, plan.maxParallel());
    }
  }

  private static void assertRefused(String field, HPOConfig hpo) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> plan(hpo));
    assertTrue(e.getMessage().startsWith(field + " must be"), e.getMessage());
  }

  private static Integer parse(String s, int max) {
    try {
      int v = Integer.parseInt(s.trim());
      return v >= 1 && v <= max ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Provide
  Arbitrary<String> counts() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-3, 45).map(String::valueOf),
        Arbitraries.of("", "ten", " 7 ", "1.5", "99999999999"));
  }

  @Property(tries = 50)
  void withoutRangesEveryTunableHyperparameterNotFixedIsSearched(
      @ForAll("tunableSubsets") List<String> fixedNames) {
    Map<String, String> fixed = new java.util.LinkedHashMap<>();
    for (String n : fixedNames) {
      fixed.put(n, spec(n).defaultValue());
    }
    List<String> expected = new ArrayList<>();
    for (HyperparameterSpec s : UP.hyperparameters()) {
      if (s.tunable() && !fixed.containsKey(s.name())) {
        expected.add(s.name());
      }
    }
    SolutionConfig config = SolutionConfig.builder().algorithmHyperParameters(fixed).build();
    if (expected.isEmpty()) {
      assertThrows(InvalidInputException.class, () -> HpoPlan.of(true, config, UP));
      return;
    }
    SearchSpace space = HpoPlan.of(true, config, UP).space();
    List<String> got = new ArrayList<>();
    for (int j = 0; j < space.dims(); j++) {
      got.add(space.name(j));
    }
    assertEquals(expected, got);
  }

  @Provide
  Arbitrary<List<String>> tunableSubsets() {
    List<String> names = new ArrayList<>();
    for (HyperparameterSpec s : UP.hyperparameters()) {
      if (s.tunable()) {
        names.add(s.name());
      }
    }
    return Arbitraries.of(names).list().uniqueElements().ofMaxSize(names.size());
  }
}
