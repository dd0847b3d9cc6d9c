package org.openpersonalize.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.openpersonalize.spi.TrainingContext;

class ParallelTest {

  @Test
  void everyRowRunsExactlyOnceOnTwoThreads() {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      TrainingContext ctx = TrainingContext.builder().parallelism(2).executor(pool).build();
      AtomicIntegerArray hits = new AtomicIntegerArray(1003);
      Parallel.forRange(
          ctx,
          1003,
          10,
          () -> null,
          (none, from, to) -> {
            for (int r = from; r < to; r++) {
              hits.incrementAndGet(r);
            }
          });
      for (int r = 0; r < 1003; r++) {
        assertEquals(1, hits.get(r), "row " + r);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theCallerFinishesAloneWhenHelpersNeverRunOrAreRejected() {
    AtomicInteger rows = new AtomicInteger();
    Parallel.Body<Object> count = (none, from, to) -> rows.addAndGet(to - from);
    TrainingContext idle = TrainingContext.builder().parallelism(4).executor(task -> {}).build();
    Parallel.forRange(idle, 100, 7, () -> null, count);
    assertEquals(100, rows.get());
    TrainingContext rejecting =
        TrainingContext.builder()
            .parallelism(4)
            .executor(
                task -> {
                  throw new RejectedExecutionException("full");
                })
            .build();
    Parallel.forRange(rejecting, 50, 7, () -> null, count);
    assertEquals(150, rows.get());
  }

  @Test
  void theFirstFailureIsRethrownAsIs() {
    IllegalStateException boom = new IllegalStateException("boom");
    TrainingContext ctx = TrainingContext.builder().parallelism(1).build();
    assertSame(
        boom,
        assertThrows(
            IllegalStateException.class,
            () ->
                Parallel.forRange(
                    ctx,
                    10,
                    1,
                    () -> null,
                    (none, from, to) -> {
                      if (from == 3) {
                        throw boom;
                      }
                    })));
  }

  @Test
  void cancellationStopsClaimingBlocks() {
    AtomicInteger blocks = new AtomicInteger();
    TrainingContext ctx =
        TrainingContext.builder().parallelism(1).cancellation(() -> blocks.get() >= 3).build();
    assertThrows(
        CancellationException.class,
        () -> Parallel.forRange(ctx, 100, 1, () -> null, (none, f, t) -> blocks.incrementAndGet()));
    assertEquals(3, blocks.get());
  }
}
