package org.openpersonalize.engine.internal.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseGuardTest {
  private static final int USERS = 800;

  /** Per-user losses: a shared per-user difficulty, a trial's shift, and per-trial noise. */
  private static double[][] trials(double shift, double noise, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] out = new double[2][USERS];
    for (int u = 0; u < USERS; u++) {
      double difficulty = -rnd.nextDouble() * 0.2; // -nDCG of a user, shared by both trials
      out[0][u] = difficulty + noise * rnd.nextGaussian();
      out[1][u] = difficulty - shift + noise * rnd.nextGaussian();
    }
    return out;
  }

  @Test
  void keepsTheIncumbentWhenTheBestTrialWinsByNoiseAlone() {
    // No true difference: whichever trial happens to score better must not replace the incumbent.
    int replaced = 0;
    for (long seed = 0; seed < 50; seed++) {
      double[][] losses = trials(0.0, 0.05, seed);
      if (NoiseGuard.choose(1, 0, losses) == 1) {
        replaced++;
      }
    }
    // One-sided 2 SE: about 2 % of the seeds by chance.
    assertEquals(true, replaced <= 4, "replaced on " + replaced + " of 50 seeds without a cause");
  }

  @Test
  void takesTheBestTrialWhenItIsBetterBeyondNoise() {
    // A shift of 0.02 with noise 0.05 over 800 users is about 8 standard errors.
    for (long seed = 0; seed < 20; seed++) {
      assertEquals(1, NoiseGuard.choose(1, 0, trials(0.02, 0.05, seed)));
    }
  }

  @Test
  void withoutAnIncumbentOrPerUserLossesTheBestMeanWins() {
    double[][] losses = trials(0.0, 0.05, 1);
    assertEquals(1, NoiseGuard.choose(1, -1, losses));
    assertEquals(1, NoiseGuard.choose(1, 0, new double[][] {null, losses[1]}));
    assertEquals(0, NoiseGuard.choose(0, 0, losses));
  }
}
