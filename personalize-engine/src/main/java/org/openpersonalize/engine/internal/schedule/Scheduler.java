package org.openpersonalize.engine.internal.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's one place for recurring work (spec §1.10 automatic training, §9.6 automatic
 * updates): other parts of the engine {@link #register} a {@link PeriodicTask}, and the scheduler
 * runs a <em>pass</em> over all tasks — asking each what is due by the engine clock and running it.
 *
 * <p>Why passes and not timers: the due times live in the store (a solution's last automatic
 * training, a campaign's last update), so a pass after a restart sees work that fell due while the
 * engine was closed and runs it; nothing is lost with the process. And because time is the engine's
 * {@link Clock}, a test moves a mutable clock forward and calls {@link #runDue()}: a week of
 * schedule runs in milliseconds, with no sleeping and no race against a timer thread.
 *
 * <p>Passes come from two places: a daemon thread every {@code interval} (none when the interval is
 * zero; the first pass runs as soon as the engine has started), and {@link #runDue()} on the
 * caller's thread. Passes never overlap — one runs at a time — so two pieces of work with the same
 * key never run together. A task or a piece of work that throws is recorded ({@link #failures()})
 * and logged, and the pass carries on with the next; the scheduler keeps running.
 */
public final class Scheduler implements AutoCloseable {
  /** How many failures {@link #failures()} keeps, newest last. */
  static final int KEPT_FAILURES = 100;

  private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());

  private final Clock clock;
  private final Duration interval;
  private final String threadName;
  private final List<PeriodicTask> tasks = new CopyOnWriteArrayList<>();
  private final ReentrantLock pass = new ReentrantLock();
  private final ArrayDeque<ScheduledFailure> failures = new ArrayDeque<>();
  private ScheduledExecutorService thread;
  private volatile boolean closed;

  /** Opens once the background thread has finished its first pass (the catch-up at start). */
  private final CountDownLatch firstBackgroundPass = new CountDownLatch(1);

  /**
   * Creates a scheduler; no pass runs before {@link #start()} or {@link #runDue()}.
   *
   * @param clock the engine clock, which decides what is due
   * @param interval how often the background thread runs a pass; zero for no background thread
   *     (passes only through {@link #runDue()})
   * @param threadName the background thread's name
   */
  public Scheduler(Clock clock, Duration interval, String threadName) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative; got: " + interval);
    }
    this.clock = clock;
    this.interval = interval;
    this.threadName = threadName;
  }

  /**
   * Adds a task; from the next pass on it is asked what is due. Register while the engine is wired,
   * before {@link #start()}, so the first pass already sees every task.
   *
   * @param task the task
   */
  public void register(PeriodicTask task) {
    if (task == null) {
      throw new IllegalArgumentException("task is required");
    }
    tasks.add(task);
  }

  /** Starts the background thread (when the interval is not zero); its first pass runs now. */
  public synchronized void start() {
    if (closed || thread != null || interval.isZero()) {
      return;
    }
    thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    thread.scheduleWithFixedDelay(
        this::backgroundPass, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Runs one pass now on the calling thread: everything due by the engine clock is started before
   * this returns (a background training it starts may still be running). Waits for a pass already
   * running on the background thread to finish first.
   *
   * @return how many pieces of work ran, failed ones included; 0 once closed
   */
  public int runDue() {
    pass.lock();
    try {
      if (closed) {
        return 0;
      }
      Instant now = Instant.ofEpochMilli(clock.millis());
      int ran = 0;
      for (PeriodicTask task : tasks) {
        ran += runTask(task, now);
      }
      return ran;
    } finally {
      pass.unlock();
    }
  }

  private int runTask(PeriodicTask task, Instant now) {
    List<PeriodicTask.Due> due;
    try {
      due = task.due(now);
    } catch (RuntimeException e) {
      record(task, null, now, e);
      return 0;
    }
    Set<String> seen = new HashSet<>();
    int ran = 0;
    for (PeriodicTask.Due d : due) {
      // One task naming a key twice in one pass would run the same work twice on stale state.
      if (closed || !seen.add(d.key())) {
        continue;
      }
      ran++;
      try {
        d.work().run();
      } catch (RuntimeException | LinkageError | AssertionError e) {
        record(task, d.key(), now, e);
      }
    }
    return ran;
  }

  private void backgroundPass() {
    try {
      runDue();
    } catch (RuntimeException e) {
      // runDue records per task; this guards the thread itself, which a throw would end.
      LOG.log(System.Logger.Level.WARNING, "scheduler pass failed", e);
    } finally {
      firstBackgroundPass.countDown();
    }
  }

  /**
   * Waits until the background thread has finished its first pass, the one that catches up at
   * start, so that a caller (a test) can observe the catch-up by an event rather than by polling.
   *
   * @param timeout how long to wait at most; only a broken scheduler reaches it
   * @return true once the first pass has finished; false on timeout
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitFirstBackgroundPass(Duration timeout) throws InterruptedException {
    return firstBackgroundPass.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void record(PeriodicTask task, String key, Instant now, Throwable e) {
    ScheduledFailure f = new ScheduledFailure(task.name(), key, now, String.valueOf(e));
    synchronized (failures) {
      if (failures.size() == KEPT_FAILURES) {
        failures.removeFirst();
      }
      failures.addLast(f);
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "scheduled task " + task.name() + (key == null ? "" : " for " + key) + " failed",
        e);
  }

  /**
   * The latest failures of tasks and their work, oldest first (at most {@value #KEPT_FAILURES}).
   *
   * @return a copy
   */
  public List<ScheduledFailure> failures() {
    synchronized (failures) {
      return new ArrayList<>(failures);
    }
  }

  /**
   * Stops the background thread, waiting for a running pass to end; later passes do nothing. Work a
   * pass started in the background (a training) is the business of whoever runs it.
   */
  @Override
  public void close() {
    ScheduledExecutorService t;
    synchronized (this) {
      closed = true;
      t = thread;
      thread = null;
    }
    if (t != null) {
      t.shutdown();
      try {
        if (!t.awaitTermination(60, TimeUnit.SECONDS)) {
          t.shutdownNow();
        }
      } catch (InterruptedException e) {
        t.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    // A pass running on a caller's thread: wait for it, so nothing runs on a closing store.
    pass.lock();
    pass.unlock();
  }
}
