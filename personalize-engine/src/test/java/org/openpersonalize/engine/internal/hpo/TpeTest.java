package org.openpersonalize.engine.internal.hpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TpeTest {
  private static final int SEEDS = 20;
  private static final int BUDGET = 30;

  /** Three numeric dimensions (one on a log scale) and a categorical one. */
  private static SearchSpace space() {
    return SearchSpace.builder()
        .continuous("a", 0, 1)
        .continuous("b", 0, 1)
        .continuous("c", 0.01, 100) // log scale
        .categorical("d", List.of("w", "x", "y", "z"))
        .build();
  }

  /**
   * A smooth bowl with its optimum off-centre (a = 0.8, b = 0.2, c = 3 on the log scale) and one
   * categorical value better than the others: what a hyperparameter search meets, in miniature.
   */
  private static double loss(SearchSpace s, double[] x) {
    double a = Double.parseDouble(s.value(0, x[0]));
    double b = Double.parseDouble(s.value(1, x[1]));
    double c = Math.log10(Double.parseDouble(s.value(2, x[2])));
    String d = s.value(3, x[3]);
    double lc = c - Math.log10(3);
    return (a - 0.8) * (a - 0.8)
        + (b - 0.2) * (b - 0.2)
        + 0.1 * lc * lc
        + (d.equals("y") ? 0 : 0.15);
  }

  private static double bestOf(Tpe tpe, SearchSpace s, boolean random) {
    double best = Double.POSITIVE_INFINITY;
    for (int t = 0; t < BUDGET; t++) {
      double[] x = random ? tpe.randomPoint() : tpe.suggest();
      double l = loss(s, x);
      tpe.observe(x, l);
      best = Math.min(best, l);
    }
    return best;
  }

  @Test
  void beatsRandomSearchWithTheSameBudgetOnAverageOverSeeds() {
    SearchSpace s = space();
    double tpeSum = 0;
    double randomSum = 0;
    int tpeWins = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      double tpe = bestOf(new Tpe(s, seed, Tpe.startupFor(BUDGET)), s, false);
      double random = bestOf(new Tpe(s, seed + 1000, BUDGET), s, true);
      tpeSum += tpe;
      randomSum += random;
      if (tpe < random) {
        tpeWins++;
      }
    }
    double tpeMean = tpeSum / SEEDS;
    double randomMean = randomSum / SEEDS;
    System.out.printf(
        java.util.Locale.ROOT,
        "TPE mean best loss %.5f, random %.5f, TPE better on %d of %d seeds%n",
        tpeMean,
        randomMean,
        tpeWins,
        SEEDS);
    assertTrue(
        tpeMean < 0.5 * randomMean,
        "TPE mean best loss " + tpeMean + " should be under half random search's " + randomMean);
    assertTrue(tpeWins >= 14, "TPE won only " + tpeWins + " of " + SEEDS + " seeds");
  }

  @Test
  void sameSeedAndObservationsGiveTheSameProposals() {
    SearchSpace s = space();
    Tpe a = new Tpe(s, 7, 5);
    Tpe b = new Tpe(s, 7, 5);
    for (int t = 0; t < 15; t++) {
      double[] xa = a.suggest();
      double[] xb = b.suggest();
      assertArrayEquals(xa, xb);
      a.observe(xa, loss(s, xa));
      b.observe(xb, loss(s, xb));
    }
  }

  @Test
  void proposalsStayInTheUnitCubeAndOnValidIndices() {
    SearchSpace s = space();
    Tpe tpe = new Tpe(s, 3, 3);
    SplittableRandom noise = new SplittableRandom(1);
    for (int t = 0; t < 40; t++) {
      double[] x = tpe.suggest();
      for (int j = 0; j < 3; j++) {
        assertTrue(x[j] >= 0 && x[j] <= 1, "coordinate " + x[j]);
      }
      assertTrue(x[3] == Math.rint(x[3]) && x[3] >= 0 && x[3] < 4, "index " + x[3]);
      tpe.observe(x, noise.nextDouble());
    }
  }

  @Test
  void failedTrialsAreNotModelled() {
    Tpe tpe = new Tpe(space(), 1, 2);
    tpe.observe(new double[] {0.5, 0.5, 0.5, 0}, Double.POSITIVE_INFINITY);
    tpe.observe(new double[] {0.5, 0.5, 0.5, 0}, Double.NaN);
    assertEquals(0, tpe.observations());
  }

  @Test
  void erfMatchesKnownValues() {
    assertEquals(0.0, Tpe.erf(0), 1e-7);
    assertEquals(0.8427007929, Tpe.erf(1), 2e-7);
    assertEquals(-0.9953222650, Tpe.erf(-2), 2e-7);
    assertEquals(0.975, Tpe.phi(1.959963985), 2e-7);
  }

  @Test
  void logScaleCoordinatesRoundTrip() {
    SearchSpace s = space();
    assertTrue(s.logScale(2));
    assertEquals(0.5, s.coordinate(2, "1.0"), 1e-12);
    assertEquals(1.0, Double.parseDouble(s.value(2, 0.5)), 1e-12);
    assertTrue(Double.isNaN(s.coordinate(2, "1000")));
    assertEquals(2.0, s.coordinate(3, "Y"));
  }
}
