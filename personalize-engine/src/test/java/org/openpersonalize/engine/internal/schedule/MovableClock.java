package org.openpersonalize.engine.internal.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move forward by hand, so schedules of days run in milliseconds. */
public final class MovableClock extends Clock {
  private final AtomicLong millis;

  /**
   * A clock standing at {@code start}.
   *
   * @param start the first instant it reports
   */
  public MovableClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /**
   * Moves the clock forward.
   *
   * @param d how far
   */
  public void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
