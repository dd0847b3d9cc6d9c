package org.openpersonalize.recipes;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.openpersonalize.spi.TrainingContext;

/**
 * Runs a loop over {@code [0, n)} in fixed blocks on the calling thread plus up to {@code
 * parallelism - 1} helpers from the context's executor.
 *
 * <p>Blocks are claimed from a shared counter, so skewed rows (a user with 10 000 events beside
 * users with 3) balance themselves. Results cannot depend on which thread ran a block as long as
 * each block writes only its own rows; that is how every caller here keeps training deterministic.
 * The caller claims blocks too and then waits only for blocks that were actually claimed, so a busy
 * or saturated executor slows a run down but can never deadlock it.
 */
public final class Parallel {
  private Parallel() {}

  /**
   * The body of a loop over a block of rows, with state private to the running thread (scratch
   * buffers), created once per thread and call of {@link #forRange}.
   *
   * @param <S> the per-thread state
   */
  @FunctionalInterface
  public interface Body<S> {
    /**
     * Processes rows {@code [from, to)}.
     *
     * @param state this thread's state
     * @param from first row, inclusive
     * @param to last row, exclusive
     */
    void run(S state, int from, int to);
  }

  /**
   * Runs {@code body} over {@code [0, n)} in blocks of {@code blockSize} rows.
   *
   * @param ctx threads and cancellation
   * @param n the number of rows
   * @param blockSize rows per claimed block, at least 1
   * @param state creates one thread's state
   * @param body the loop body; must only write state owned by its rows or its thread
   * @throws java.util.concurrent.CancellationException when the context is cancelled meanwhile
   */
  public static <S> void forRange(
      TrainingContext ctx, int n, int blockSize, Supplier<S> state, Body<S> body) {
    if (n <= 0) {
      return;
    }
    Job<S> job = new Job<>(ctx, n, blockSize, state, body);
    int helpers = Math.min(ctx.parallelism() - 1, job.blocks - 1);
    for (int h = 0; h < helpers; h++) {
      try {
        ctx.executor().execute(job::work);
      } catch (RejectedExecutionException e) {
        break; // the calling thread does the rest
      }
    }
    job.work();
    try {
      job.done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for training helpers", e);
    }
    Throwable failure = job.failure.get();
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    } else if (failure instanceof Error) {
      throw (Error) failure;
    } else if (failure != null) {
      throw new IllegalStateException(failure);
    }
    ctx.checkCancelled();
  }

  private static final class Job<S> {
    final TrainingContext ctx;
    final int n;
    final int blockSize;
    final int blocks;
    final Supplier<S> state;
    final Body<S> body;
    final AtomicInteger next = new AtomicInteger();
    final CountDownLatch done;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    Job(TrainingContext ctx, int n, int blockSize, Supplier<S> state, Body<S> body) {
      this.ctx = ctx;
      this.n = n;
      this.blockSize = blockSize;
      this.blocks = (int) (((long) n + blockSize - 1) / blockSize);
      this.state = state;
      this.body = body;
      this.done = new CountDownLatch(blocks);
    }

    void work() {
      S s = null;
      int b;
      while ((b = next.getAndIncrement()) < blocks) {
        try {
          // After a failure or cancellation the remaining blocks are only counted down.
          if (failure.get() == null && !ctx.isCancelled()) {
            if (s == null) {
              s = state.get();
            }
            int from = b * blockSize;
            body.run(s, from, (int) Math.min(n, (long) from + blockSize));
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          done.countDown();
        }
      }
    }
  }
}
