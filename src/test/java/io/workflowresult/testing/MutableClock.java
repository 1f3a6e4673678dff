package io.workflowresult.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/** A clock tests move by hand, as a {@link Clock} or as a nano-time supplier. */
public final class MutableClock extends Clock {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** The same time in nanoseconds, for code that reads a nano-time supplier. */
  public long nanoTime() {
    Instant t = now;
    return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
  }
}
