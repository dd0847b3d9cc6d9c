package org.openpersonalize.engine.internal.hpo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.openpersonalize.api.model.TrainingType;
import org.openpersonalize.engine.internal.Kinds;
import org.openpersonalize.engine.internal.Status;
import org.openpersonalize.engine.internal.resource.SolutionRecord;
import org.openpersonalize.engine.internal.resource.SolutionVersionRecord;
import org.openpersonalize.engine.internal.store.Resources;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;

/**
 * Whether a FULL training searches its hyperparameters, reuses an earlier search's values, or
 * trains the configuration as given (spec §9.4).
 *
 * <ul>
 *   <li>A version created by hand for a solution with {@code performHPO} searches, as each such
 *       CreateSolutionVersion does on Amazon.
 *   <li>Automatic training: the spec gives Amazon's cadence for the one kind of tuning it schedules
 *       itself, User-Personalization-v2 and Personalized-Ranking-v2 "run HPO automatically every
 *       {@value #EVERY_DAYS} days" under automatic training. The engine applies that cadence to
 *       every search a schedule would repeat: an automatic version of a {@code performHPO}
 *       solution, and every FULL version of a solution whose recipe declares {@link
 *       RecipeCapability#AUTOMATIC_HPO} with {@code performAutoTraining}, search only when the
 *       solution's last search is {@value #EVERY_DAYS} days old (or there is none); in between they
 *       train with the values that search chose. A weekly schedule thus retrains on new data every
 *       week without repeating dozens of trial trainings every week.
 *   <li>AutoML (spec §9.5, "HPO is implied"): a solution with {@code performAutoML} and {@code
 *       performHPO} (its default under AutoML) searches the chosen recipe's tunable hyperparameters
 *       near their defaults ({@link #forAutoMl}), by {@code autoMLConfig.metricName}, with the same
 *       cadence: by hand every time, automatic versions every {@value #EVERY_DAYS} days.
 * </ul>
 *
 * @param plan the search to run, or null
 * @param reused the searched hyperparameters' values to reuse, or null
 * @param tunedAt when the reused values were searched, or null
 */
public record TuningSchedule(HpoPlan plan, Map<String, String> reused, Instant tunedAt) {
  /** Days between automatic searches (spec §9.4). */
  public static final int EVERY_DAYS = 90;

  /** Trials of an automatic search: Amazon documents none; a few, since it runs unasked. */
  static final int AUTOMATIC_TRIALS = 6;

  /**
   * Trials of the search AutoML runs on the recipe it chose (spec §9.5, "HPO is implied"). Amazon
   * documents no number. Each trial trains the recipe {@value HpoSearch#FOLDS} times (once per
   * validation fold), and AutoML has already trained every listed recipe as often; the first trial
   * is the chosen recipe's defaults, whose scores AutoML's comparison already has, so the search
   * costs {@code 3 × 5} trainings on about two thirds of the users each, before the final training.
   */
  public static final int AUTOML_TRIALS = 6;

  private static final TuningSchedule AS_GIVEN = new TuningSchedule(null, null, null);

  /** Whether this training searches. */
  public boolean searches() {
    return plan != null;
  }

  /**
   * Decides for a FULL training of a solution.
   *
   * @param c a connection
   * @param solution the solution
   * @param recipe its recipe
   * @param type how the version was created (MANUAL or AUTOMATIC)
   * @param now the engine's time
   * @return the decision
   * @throws SQLException on a storage error
   */
  public static TuningSchedule decide(
      Connection c, SolutionRecord solution, Recipe recipe, TrainingType type, Instant now)
      throws SQLException {
    HpoPlan plan;
    boolean scheduled;
    if (solution.performAutoML() && solution.performHPO()) {
      plan = forAutoMl(recipe, solution.config().autoMLConfig().metricName());
      scheduled = type == TrainingType.AUTOMATIC;
    } else if (solution.performHPO()) {
      plan = HpoPlan.of(true, solution.config(), recipe);
      scheduled = type == TrainingType.AUTOMATIC;
    } else if (solution.performAutoTraining()
        && recipe.capabilities().contains(RecipeCapability.AUTOMATIC_HPO)) {
      plan = automatic(recipe, solution.hyperparameters().keySet());
      scheduled = true;
    } else {
      return AS_GIVEN;
    }
    if (plan == null) {
      return AS_GIVEN;
    }
    if (scheduled) {
      SolutionVersionRecord last = lastSearched(c, solution.arn());
      if (last != null && now.isBefore(last.result().tunedAt().plus(Duration.ofDays(EVERY_DAYS)))) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> tuned = last.result().tunedHyperParameters();
        for (int j = 0; j < plan.space().dims(); j++) {
          String name = plan.space().name(j);
          if (tuned.containsKey(name)) {
            values.put(name, tuned.get(name));
          }
        }
        return new TuningSchedule(null, values, last.result().tunedAt());
      }
    }
    return new TuningSchedule(plan, null, null);
  }

  /** The newest ACTIVE version of the solution whose hyperparameters a search chose, or null. */
  private static SolutionVersionRecord lastSearched(Connection c, String solutionArn)
      throws SQLException {
    SolutionVersionRecord best = null;
    for (SolutionVersionRecord v : Resources.children(c, Kinds.SOLUTION_VERSION, solutionArn)) {
      if (v.status() == Status.ACTIVE
          && v.result() != null
          && v.result().tunedAt() != null
          && (best == null || v.result().tunedAt().isAfter(best.result().tunedAt()))) {
        best = v;
      }
    }
    return best;
  }

  /**
   * The search a recipe runs on its own: its tunable hyperparameters the solution does not fix,
   * each from half to twice its default within its range (categorical ones over all their values),
   * maximising nDCG@10 in {@value #AUTOMATIC_TRIALS} trials. Null when nothing is left to tune.
   */
  static HpoPlan automatic(Recipe recipe, Set<String> fixed) {
    SearchSpace space = nearDefaults(recipe, fixed);
    return space == null
        ? null
        : new HpoPlan(space, HpoPlan.DEFAULT_METRIC, true, AUTOMATIC_TRIALS, 1);
  }

  /**
   * The search AutoML runs on the recipe it chose: every tunable hyperparameter of the recipe
   * (under AutoML the solution fixes none), each from half to twice its default within its declared
   * range, maximising AutoML's own {@code metricName} in {@value #AUTOML_TRIALS} trials, one at a
   * time. Null when the recipe has nothing to tune (popularity-count, a baseline AutoML may
   * choose): the version then trains it as it is.
   *
   * <p>Why not the declared ranges themselves, as a {@code performHPO} solution without ranges
   * searches: several sequence hyperparameters have ranges far beyond what one training can afford
   * ({@code num_epochs} up to 1000, {@code hidden_dimension} up to 256, where training time grows
   * about quadratically), and the search's first trials are drawn uniformly from the space, so one
   * trial could cost a hundred default trainings. Within half to twice the defaults each dimension
   * at most doubles a trial's cost ({@code hidden_dimension} about quadruples it), and the defaults
   * (chosen on validation splits) stay in the middle of the space.
   *
   * @param recipe the chosen recipe
   * @param metric {@code autoMLConfig.metricName}
   * @return the plan, or null
   */
  public static HpoPlan forAutoMl(Recipe recipe, String metric) {
    SearchSpace space = nearDefaults(recipe, Set.of());
    return space == null ? null : new HpoPlan(space, metric, true, AUTOML_TRIALS, 1);
  }

  /** Each tunable hyperparameter not in {@code fixed}, from half to twice its default. */
  private static SearchSpace nearDefaults(Recipe recipe, Set<String> fixed) {
    SearchSpace.Builder b = SearchSpace.builder();
    int dims = 0;
    for (HyperparameterSpec s : recipe.hyperparameters()) {
      if (!s.tunable() || fixed.contains(s.name())) {
        continue;
      }
      switch (s.type()) {
        case INTEGER -> {
          long d = Long.parseLong(s.defaultValue());
          long lo = Math.max((long) s.minValue(), Math.max(1, d / 2));
          long hi = Math.min((long) s.maxValue(), Math.max(lo, d * 2));
          if (lo < hi) {
            b.integer(s.name(), lo, hi);
            dims++;
          }
        }
        case CONTINUOUS -> {
          double d = Double.parseDouble(s.defaultValue());
          double lo = Math.max(s.minValue(), d / 2);
          double hi = Math.min(s.maxValue(), d * 2);
          if (d > 0 && lo < hi) {
            b.continuous(s.name(), lo, hi);
            dims++;
          }
        }
        default -> {
          if (s.allowedValues().size() > 1) {
            b.categorical(s.name(), s.allowedValues());
            dims++;
          }
        }
      }
    }
    return dims == 0 ? null : b.build();
  }
}
