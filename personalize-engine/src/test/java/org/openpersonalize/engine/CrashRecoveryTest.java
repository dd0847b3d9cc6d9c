package org.openpersonalize.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points (issue 12), a dozen times in every build: a child JVM streams PutEvents,
 * runs INCREMENTAL imports, trains solution versions and runs batch inference and batch segment
 * jobs at the same time, and is killed with SIGKILL after a random delay. The trials and their
 * checks are {@link KillTrials}, which {@code personalize-bench}'s {@code CrashTrials} runs 100
 * times and more: after each kill {@code integrity_check} is ok, nothing acknowledged is lost,
 * every import is whole or absent, no version or batch job is left unfinished (an interrupted batch
 * job is {@code CREATE FAILED} with {@link KillTrials#ABANDONED_REASON}), every output file is
 * whole, and no temporary or orphan file is left.
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  @Test
  void aDozenKillsDuringEveryKindOfWorkLoseNothingAcknowledged() throws Exception {
    KillTrials trials =
        new KillTrials(dir, KillTrials.UP, Map.of("hidden_dimension", "32", "num_iterations", "2"));
    SplittableRandom rnd = new SplittableRandom(2026);
    for (int round = 0; round < 12; round++) {
      trials.trial(round, rnd.nextInt(1000));
    }
    System.out.println("CrashRecoveryTest: " + trials.summary());
    assertEquals(
        java.util.List.of(), trials.tally().losses, "what the kills lost: " + trials.summary());
    assertEquals(12, trials.tally().integrityOk);
    // Each kind of work was acknowledged in its own trials before the kill (rounds 1-4 mod 5), so
    // the kills fell while every kind was running.
    int[] acknowledged = trials.acknowledged();
    String[] kinds = {"events", "imports", "versions", "batch inference jobs", "segment jobs"};
    for (int k = 0; k < kinds.length; k++) {
      assertTrue(acknowledged[k] > 0, "no " + kinds[k] + " acknowledged: " + trials.summary());
    }
  }
}
