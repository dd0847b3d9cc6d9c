package org.openpersonalize.engine.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * A daily task whose "stored state" is the instant of its last run, kept outside the scheduler,
   * as a resource row would be.
   */
  private static final class Daily implements PeriodicTask {
    Instant lastRun;
    final List<Instant> runs = new ArrayList<>();

    Daily(Instant lastRun) {
      this.lastRun = lastRun;
    }

    @Override
    public String name() {
      return "daily";
    }

    @Override
    public List<Due> due(Instant now) {
      if (now.isBefore(lastRun.plus(Duration.ofDays(1)))) {
        return List.of();
      }
      return List.of(
          new Due(
              "solution",
              () -> {
                runs.add(now);
                lastRun = now;
              }));
    }
  }

  @Test
  void dueWorkRunsWhenTheClockReachesItAndNotBefore() {
    MovableClock clock = new MovableClock(T0);
    Daily task = new Daily(T0);
    try (Scheduler s = new Scheduler(clock, Duration.ZERO, "test")) {
      s.register(task);
      assertEquals(0, s.runDue());
      clock.advance(Duration.ofHours(23));
      assertEquals(0, s.runDue());
      clock.advance(Duration.ofHours(1));
      assertEquals(1, s.runDue());
      assertEquals(0, s.runDue(), "the run's stored state makes it no longer due");
      clock.advance(Duration.ofDays(1));
      assertEquals(1, s.runDue());
      assertEquals(List.of(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2))), task.runs);
    }
  }

  @Test
  void aNewSchedulerOnTheSameStateCatchesUpOnWorkThatFellDueWhileClosed() {
    MovableClock clock = new MovableClock(T0);
    Daily task = new Daily(T0);
    try (Scheduler s = new Scheduler(clock, Duration.ZERO, "test")) {
      s.register(task);
      s.runDue();
    }
    clock.advance(Duration.ofDays(5));
    try (Scheduler restarted = new Scheduler(clock, Duration.ZERO, "test")) {
      restarted.register(task);
      assertEquals(1, restarted.runDue(), "one catch-up run, not one per missed day");
      assertEquals(List.of(T0.plus(Duration.ofDays(5))), task.runs);
    }
  }

  @Test
  void aFailingTaskIsRecordedAndTheOthersKeepRunning() {
    MovableClock clock = new MovableClock(T0);
    AtomicInteger good = new AtomicInteger();
    PeriodicTask broken =
        new PeriodicTask() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public List<Due> due(Instant now) {
            return List.of(
                new Due(
                    "a",
                    () -> {
                      throw new IllegalStateException("disk full");
                    }),
                new Due("b", good::incrementAndGet));
          }
        };
    PeriodicTask unreadable =
        new PeriodicTask() {
          @Override
          public String name() {
            return "unreadable";
          }

          @Override
          public List<Due> due(Instant now) {
            throw new IllegalStateException("store closed");
          }
        };
    try (Scheduler s = new Scheduler(clock, Duration.ZERO, "test")) {
      s.register(unreadable);
      s.register(broken);
      assertEquals(2, s.runDue());
      assertEquals(2, s.runDue());
      assertEquals(2, good.get());
      List<ScheduledFailure> failures = s.failures();
      assertEquals(4, failures.size());
      assertEquals("unreadable", failures.get(0).task());
      assertNull(failures.get(0).key());
      assertEquals("broken", failures.get(1).task());
      assertEquals("a", failures.get(1).key());
      assertEquals(T0, failures.get(1).at());
      assertEquals("java.lang.IllegalStateException: disk full", failures.get(1).error());
    }
  }

  @Test
  void keptFailuresAreBounded() {
    PeriodicTask broken =
        new PeriodicTask() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public List<Due> due(Instant now) {
            throw new IllegalStateException("x");
          }
        };
    try (Scheduler s = new Scheduler(new MovableClock(T0), Duration.ZERO, "test")) {
      s.register(broken);
      for (int i = 0; i < Scheduler.KEPT_FAILURES + 5; i++) {
        s.runDue();
      }
      assertEquals(Scheduler.KEPT_FAILURES, s.failures().size());
    }
  }

  @Test
  void aKeyNamedTwiceInOnePassRunsOnce() {
    AtomicInteger runs = new AtomicInteger();
    PeriodicTask twice =
        new PeriodicTask() {
          @Override
          public String name() {
            return "twice";
          }

          @Override
          public List<Due> due(Instant now) {
            return List.of(
                new Due("s", runs::incrementAndGet), new Due("s", runs::incrementAndGet));
          }
        };
    try (Scheduler s = new Scheduler(new MovableClock(T0), Duration.ZERO, "test")) {
      s.register(twice);
      assertEquals(1, s.runDue());
      assertEquals(1, runs.get());
    }
  }

  @Test
  void passesNeverOverlapSoOneKeyNeverRunsTwiceAtOnce() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    PeriodicTask task =
        new PeriodicTask() {
          @Override
          public String name() {
            return "busy";
          }

          @Override
          public List<Due> due(Instant now) {
            return List.of(
                new Due(
                    "solution",
                    () -> {
                      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                      Thread.yield();
                      runs.incrementAndGet();
                      running.decrementAndGet();
                    }));
          }
        };
    // A background thread polling every millisecond races four callers of runDue.
    try (Scheduler s = new Scheduler(new MovableClock(T0), Duration.ofMillis(1), "test")) {
      s.register(task);
      s.start();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  for (int i = 0; i < 200; i++) {
                    s.runDue();
                  }
                });
        th.start();
        callers.add(th);
      }
      go.countDown();
      for (Thread th : callers) {
        th.join(TimeUnit.SECONDS.toMillis(30));
      }
    }
    assertTrue(runs.get() >= 800);
    assertEquals(1, maxRunning.get());
  }

  @Test
  void theBackgroundThreadRunsDueWorkAndStopsOnClose() throws Exception {
    MovableClock clock = new MovableClock(T0);
    CountDownLatch ran = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    PeriodicTask task =
        new PeriodicTask() {
          @Override
          public String name() {
            return "poll";
          }

          @Override
          public List<Due> due(Instant now) {
            return now.isBefore(T0.plus(Duration.ofDays(1)))
                ? List.of()
                : List.of(
                    new Due(
                        "k",
                        () -> {
                          runs.incrementAndGet();
                          ran.countDown();
                        }));
          }
        };
    Scheduler s = new Scheduler(clock, Duration.ofMillis(1), "test-scheduler");
    s.register(task);
    s.start();
    clock.advance(Duration.ofDays(1));
    assertTrue(ran.await(30, TimeUnit.SECONDS));
    s.close();
    int after = runs.get();
    assertEquals(0, s.runDue(), "a closed scheduler runs nothing");
    assertEquals(after, runs.get());
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      assertTrue(!"test-scheduler".equals(t.getName()) || !t.isAlive(), "thread stopped");
    }
  }
}
