package org.openpersonalize.recipes;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.HyperparameterSpec.Stage;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.RecipeCapability;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.TrainingContext;
import org.openpersonalize.spi.TrainingData;

/**
 * {@code aws-trending-now} (spec §3.5): the items whose interactions increase fastest between the
 * last two intervals of {@code trend_discovery_frequency}, for everyone; Amazon's CreateSolution
 * with this recipe, and the VIDEO_ON_DEMAND "Trending now" use case.
 *
 * <p>Intervals are measured back from the newest interaction {@code T} of the data (interaction
 * {@code TIMESTAMP}s, not the clock, so that historical data keeps its own present): the latest is
 * {@code (T − L, T]} and the one before {@code (T − 2L, T − L]}, {@code L} the frequency. With
 * {@code c₁} and {@code c₀} an item's interactions in them, its rate of increase is {@code (c₁ −
 * c₀) / (c₀ + m)}, where {@code m} is the mean previous-interval count of the items active in
 * either interval (at least 1). The bare ratio {@code c₁ / c₀} would put an item going from 0 to 1
 * interaction above one going from 40 to 120; {@code m} shrinks small counts towards the
 * catalogue's typical activity, so a brand-new item needs a real burst to lead, and a big item a
 * real relative jump. Items that increased rank by rate; every other item follows by popularity
 * (distinct users), so when nothing happened in the last two intervals the list is the popular
 * items, as Amazon says. Scores are rank-only (spec §6.1).
 *
 * <p>Training is counting, so the recipe declares {@link RecipeCapability#UPDATE_TRAINING} with
 * {@link RecipeCapability#UPDATE_RETRAINS}: an UPDATE version recounts on the current data, which
 * is how new items and new events enter between FULL trainings; {@link #automaticUpdateInterval}
 * tells the engine how often.
 */
public final class TrendingNowRecipe extends AbstractRecipe {
  static final String FREQUENCY = "trend_discovery_frequency";

  /** Spec §3.5: the allowed frequencies, with the current documentation's default of 2 hours. */
  static final String[] FREQUENCIES = {"30 minutes", "1 hour", "2 hours", "3 hours", "1 day"};

  private static final long[] FREQUENCY_SECONDS = {1800, 3600, 7200, 10800, 86400};

  /** Spec §3.5: for frequencies above 2 hours, trends are still refreshed every 2 hours. */
  static final Duration MAX_REFRESH = Duration.ofHours(2);

  private static final List<HyperparameterSpec> SPECS =
      List.of(
          HyperparameterSpec.categorical(FREQUENCY)
              .stage(Stage.FEATURIZATION)
              .values(FREQUENCIES)
              .defaultValue("2 hours")
              .description(
                  "Length of the intervals whose interaction counts are compared to find trends,"
                      + " and how often trends are refreshed (at most every 2 hours).")
              .build());

  /** Creates the recipe; stateless, as {@link java.util.ServiceLoader} requires. */
  public TrendingNowRecipe() {
    super(
        "aws-trending-now",
        RecipeType.POPULAR_ITEMS,
        "Recommends the items whose interactions increase fastest between the last two"
            + " intervals of trend_discovery_frequency; popular items when nothing happened.",
        Set.of(INTERACTIONS),
        Set.of(),
        SPECS);
  }

  @Override
  public Set<RecipeCapability> capabilities() {
    return Set.of(RecipeCapability.UPDATE_TRAINING, RecipeCapability.UPDATE_RETRAINS);
  }

  /**
   * The trend-discovery frequency, capped at two hours (spec §3.5: longer intervals are still
   * refreshed every two hours, so an item's burst shows within two hours whatever the interval).
   */
  @Override
  public Optional<Duration> automaticUpdateInterval(Hyperparameters hyperparameters) {
    Duration d = Duration.ofSeconds(intervalSeconds(hyperparameters));
    return Optional.of(d.compareTo(MAX_REFRESH) > 0 ? MAX_REFRESH : d);
  }

  /** The interval length in seconds of resolved hyperparameters. */
  static long intervalSeconds(Hyperparameters hp) {
    String v = hp.stringValue(FREQUENCY);
    for (int f = 0; f < FREQUENCIES.length; f++) {
      if (FREQUENCIES[f].equals(v)) {
        return FREQUENCY_SECONDS[f];
      }
    }
    throw new IllegalArgumentException(
        FREQUENCY + " must be one of " + List.of(FREQUENCIES) + "; got: " + v);
  }

  @Override
  public Model train(TrainingData data, Hyperparameters hp, TrainingContext ctx) {
    requireOwn(hp);
    Checks.requireTrainable(data);
    ctx.checkCancelled();
    ctx.reportProgress(0, "counting interactions per interval");
    long length = intervalSeconds(hp);
    long end = newestPositive(data);
    long latestFrom = minus(end, length);
    long previousFrom = minus(latestFrom, length);
    int numItems = data.numItems();
    int[] latest = new int[numItems];
    int[] previous = new int[numItems];
    for (int k = 0, n = data.numInteractions(); k < n; k++) {
      if (data.weight(k) <= 0) {
        continue;
      }
      long t = data.timestamp(k);
      if (t > latestFrom) {
        latest[data.itemIdx(k)]++;
      } else if (t > previousFrom) {
        previous[data.itemIdx(k)]++;
      }
    }
    ctx.checkCancelled();
    CsrMatrix users = CsrMatrix.userItems(data, null);
    int[] popularity = new int[numItems];
    for (int e = 0; e < users.nnz(); e++) {
      popularity[users.idx[e]]++;
    }
    ctx.reportProgress(1, "trained");
    return new TrendingModel(name(), data.numUsers(), end, length, latest, previous, popularity);
  }

  /** {@code t − d}, saturating at {@link Long#MIN_VALUE} (any long is a timestamp). */
  private static long minus(long t, long d) {
    return t < Long.MIN_VALUE + d ? Long.MIN_VALUE : t - d;
  }

  /** The newest timestamp among events with positive weight (the data has at least one). */
  private static long newestPositive(TrainingData data) {
    long end = Long.MIN_VALUE;
    for (int k = 0, n = data.numInteractions(); k < n; k++) {
      if (data.weight(k) > 0) {
        end = Math.max(end, data.timestamp(k));
      }
    }
    return end;
  }

  @Override
  public Model readModel(InputStream in) throws IOException {
    return TrendingModel.read(in, name());
  }
}
