package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Model;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeCapability;
import org.openpersonalize.spi.RecipeType;
import org.openpersonalize.spi.ScoreKind;
import org.openpersonalize.spi.TopK;
import org.openpersonalize.spi.TrainingData;

class TrendingNowRecipeTest extends RecipeConformanceTest {
  private static final long HOUR = 3600;

  @Override
  protected Recipe recipe() {
    return new TrendingNowRecipe();
  }

  @Test
  void catalogueEntryFollowsAmazon() {
    Recipe r = recipe();
    assertEquals("arn:aws:personalize:::recipe/aws-trending-now", r.recipeArn());
    assertEquals(RecipeType.POPULAR_ITEMS, r.recipeType());
    assertEquals(
        Set.of(RecipeCapability.UPDATE_TRAINING, RecipeCapability.UPDATE_RETRAINS),
        r.capabilities());
    Hyperparameters defaults = r.resolveHyperparameters(Map.of());
    assertEquals("2 hours", defaults.stringValue(TrendingNowRecipe.FREQUENCY));
    assertEquals(Optional.of(Duration.ofHours(2)), r.automaticUpdateInterval(defaults));
    assertEquals(
        Optional.of(Duration.ofMinutes(30)),
        r.automaticUpdateInterval(
            r.resolveHyperparameters(Map.of("trend_discovery_frequency", "30 minutes"))));
    // Spec §3.5: longer intervals are still refreshed every two hours.
    assertEquals(
        Optional.of(Duration.ofHours(2)),
        r.automaticUpdateInterval(
            r.resolveHyperparameters(Map.of("trend_discovery_frequency", "1 day"))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> r.resolveHyperparameters(Map.of("trend_discovery_frequency", "4 hours")));
    assertTrue(e.getMessage().contains("trend_discovery_frequency"), e.getMessage());
  }

  /**
   * Item 0 is the steady favourite (30 events in each of the last intervals); item 7 goes from 2 to
   * 20 events in the last interval: item 7 leads, item 0 (no increase) falls to the popular tier.
   */
  @Test
  void anItemWhoseInteractionsJumpedInTheLastIntervalLeads() {
    Events ev = background(40, 10, 11);
    long end = TestData.T0 + 100 * HOUR;
    ev.burst(0, 30, end - 3 * HOUR, end - 2 * HOUR); // previous interval (2 h default)
    ev.burst(0, 30, end - 2 * HOUR + 1, end);
    ev.burst(7, 2, end - 3 * HOUR, end - 2 * HOUR);
    ev.burst(7, 20, end - 2 * HOUR + 1, end);
    Model m = train(ev.build(40, 10));
    assertEquals(ScoreKind.RANK_ONLY, m.scoreKind());
    int[] top = top(m, 10);
    assertEquals(7, top[0], Arrays.toString(top));
    TrendingModel t = (TrendingModel) m;
    assertEquals(20, t.latestCount(7));
    assertEquals(2, t.previousCount(7));
    assertEquals(1, t.trendingItems());
    // Among the rest, item 0 (the most users) comes first: popular items fill the list.
    assertEquals(0, top[1]);
  }

  @Test
  void aSmallCountFromZeroDoesNotOutrankABigRelativeJump() {
    Events ev = background(60, 12, 5);
    long end = TestData.T0 + 100 * HOUR;
    ev.burst(3, 40, end - 4 * HOUR + 1, end - 2 * HOUR);
    ev.burst(3, 120, end - 2 * HOUR + 1, end);
    ev.burst(9, 1, end - 2 * HOUR + 1, end - HOUR); // 0 -> 1
    Model m = train(ev.build(60, 12));
    int[] top = top(m, 2);
    assertEquals(3, top[0]);
    assertEquals(9, top[1]);
  }

  /**
   * A retraining on current data (what an UPDATE version does) picks up an item that did not exist
   * at the FULL training: its burst in the last interval makes it the top trend.
   */
  @Test
  void aBrandNewItemTrendsAfterRecounting() {
    Events ev = background(50, 10, 17);
    long end = TestData.T0 + 100 * HOUR;
    ev.burst(2, 10, end - 4 * HOUR + 1, end - 2 * HOUR);
    ev.burst(2, 12, end - 2 * HOUR + 1, end);
    Model before = train(ev.build(50, 10));
    assertEquals(10, before.numItems());
    assertEquals(2, top(before, 1)[0]);
    ev.burst(10, 15, end + 1, end + HOUR); // item 10 is new, with events after the FULL data
    Model after = train(ev.build(50, 11));
    assertEquals(11, after.numItems());
    assertEquals(10, top(after, 1)[0]);
  }

  /**
   * Intervals count back from the newest event, so the last one always holds that event; "nothing
   * happened" is therefore the case where no item's count increased: every item scores by
   * popularity (distinct users), Amazon's fallback.
   */
  @Test
  void withNoIncreaseTheListIsPopularItems() {
    Events quiet = new Events();
    int[] users = {30, 20, 10, 5, 1, 0};
    for (int item = 0; item < users.length; item++) {
      for (int u = 0; u < users[item]; u++) {
        quiet.add(u, item, TestData.T0 + u);
      }
    }
    // User 0 touches every item once in each of the last two intervals: every item stays level.
    long end = TestData.T0 + 1000 * HOUR;
    for (int item = 0; item < 6; item++) {
      quiet.add(0, item, end - 3 * HOUR);
      quiet.add(0, item, end);
    }
    Model level = train(quiet.build(30, 6));
    assertEquals(0, ((TrendingModel) level).trendingItems());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, top(level, 6));
  }

  @Test
  void intervalsAreMeasuredFromTheNewestEventNotTheClock() {
    Events ev = background(30, 8, 23);
    long end = TestData.T0 + 50 * HOUR;
    ev.burst(5, 9, end - HOUR, end);
    TrainingData a = ev.build(30, 8);
    TrainingData shifted = ev.shifted(-365L * 24 * HOUR).build(30, 8);
    float[] sa = new float[8];
    float[] sb = new float[8];
    train(a).scoreItemsForUser(0, sa);
    train(shifted).scoreItemsForUser(0, sb);
    assertArrayEquals(sa, sb);
    assertEquals(5, top(train(a), 1)[0]);
  }

  @Test
  void aShorterFrequencyLooksAtAShorterWindow() {
    Events ev = background(30, 8, 31);
    long end = TestData.T0 + 50 * HOUR;
    // Item 4 rises over the last two hours as a whole; item 6 only in the last half hour.
    ev.burst(4, 2, end - 4 * HOUR + 1, end - 2 * HOUR);
    ev.burst(4, 12, end - 2 * HOUR + 1, end - HOUR);
    ev.burst(6, 3, end - 20 * 60, end);
    TrainingData data = ev.build(30, 8);
    assertEquals(4, top(train(data), 1)[0]);
    Model halfHour =
        recipe()
            .train(
                data,
                recipe().resolveHyperparameters(Map.of("trend_discovery_frequency", "30 minutes")),
                org.openpersonalize.spi.TrainingContext.builder().build());
    assertEquals(6, top(halfHour, 1)[0]);
  }

  private static int[] top(Model m, int k) {
    float[] s = new float[m.numItems()];
    m.scoreItemsForUser(0, s);
    TopK top = new TopK(k);
    top.offerAll(s, 0, s.length);
    int[] idx = new int[k];
    float[] sc = new float[k];
    int n = top.drainTo(idx, sc);
    return Arrays.copyOf(idx, n);
  }

  /** Old, spread-out events: item {@code i} is chosen by users with a skew towards low indices. */
  private static Events background(int users, int items, long seed) {
    Events ev = new Events();
    SplittableRandom rng = new SplittableRandom(seed);
    for (int u = 0; u < users; u++) {
      for (int e = 0; e < 4; e++) {
        int item = Math.min(items - 1, (int) (items * rng.nextDouble() * rng.nextDouble()));
        ev.add(u, item, TestData.T0 + rng.nextInt(40 * 3600));
      }
    }
    return ev;
  }

  /** A growable list of events. */
  private static final class Events {
    int[] u = new int[64];
    int[] i = new int[64];
    long[] t = new long[64];
    int n;
    int nextUser;

    void add(int user, int item, long time) {
      if (n == u.length) {
        u = Arrays.copyOf(u, 2 * n);
        i = Arrays.copyOf(i, 2 * n);
        t = Arrays.copyOf(t, 2 * n);
      }
      u[n] = user;
      i[n] = item;
      t[n] = time;
      n++;
    }

    /** {@code count} events on {@code item} spread evenly over {@code [from, to]}, by user 0.. */
    void burst(int item, int count, long from, long to) {
      for (int c = 0; c < count; c++) {
        add((nextUser++) % 30, item, from + (to - from) * c / Math.max(1, count - 1));
      }
    }

    Events shifted(long by) {
      Events e = new Events();
      for (int k = 0; k < n; k++) {
        e.add(u[k], i[k], t[k] + by);
      }
      return e;
    }

    TrainingData build(int numUsers, int numItems) {
      float[] w = new float[n];
      Arrays.fill(w, 1f);
      return TrainingData.builder(numUsers, numItems)
          .interactions(Arrays.copyOf(u, n), Arrays.copyOf(i, n), Arrays.copyOf(t, n), w)
          .build();
    }
  }
}
