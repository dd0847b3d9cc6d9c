package org.openpersonalize.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TrainingContextTest {

  @Test
  void reportsClampedProgressAndObservesCancellation() {
    List<Double> fractions = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    TrainingContext ctx =
        TrainingContext.builder()
            .seed(7)
            .parallelism(2)
            .progressListener((f, m) -> fractions.add(f))
            .cancellation(stop::get)
            .build();
    ctx.reportProgress(-1, "start");
    ctx.reportProgress(0.5, "half");
    ctx.reportProgress(2, "done");
    assertEquals(List.of(0.0, 0.5, 1.0), fractions);
    assertEquals(7, ctx.seed());
    assertEquals(2, ctx.parallelism());
    ctx.checkCancelled();
    stop.set(true);
    assertTrue(ctx.isCancelled());
    assertThrows(CancellationException.class, ctx::checkCancelled);
  }

  @Test
  void rejectsParallelismBelowOne() {
    assertEquals(
        "parallelism must be >= 1; got: 0",
        assertThrows(IllegalArgumentException.class, () -> TrainingContext.builder().parallelism(0))
            .getMessage());
  }
}
