package io.workflowresult.delay;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The re-query schedule: the n-th wait is {@code initialDelay × multiplier^n}, capped at {@code
 * maxDelay}, then lengthened by a random jitter of up to {@value #MAX_JITTER} of itself — never
 * shortened, so a run is never asked before its computed time, and never further than {@code
 * maxDelay × 1.2} away. The same curve spaces retries after failures and 404s.
 */
public final class PollSchedule {
  /** Largest jitter, as a fraction of the delay. */
  public static final double MAX_JITTER = 0.2;

  private final long initialMs;
  private final long maxMs;
  private final double multiplier;
  private final DoubleSupplier random;

  /**
   * @param random values in {@code [0, 1)}; injected so that tests can pin the jitter
   */
  public PollSchedule(
      Duration initialDelay, Duration maxDelay, double multiplier, DoubleSupplier random) {
    if (initialDelay.isNegative() || maxDelay.isNegative() || multiplier < 1.0) {
      throw new IllegalArgumentException("delays must be ≥ 0 and the multiplier ≥ 1");
    }
    this.initialMs = initialDelay.toMillis();
    this.maxMs = Math.max(maxDelay.toMillis(), initialMs);
    this.multiplier = multiplier;
    this.random = random;
  }

  public PollSchedule(Duration initialDelay, Duration maxDelay, double multiplier) {
    this(initialDelay, maxDelay, multiplier, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The wait before the next query after the {@code n}-th (0-based) wait-causing answer. */
  public long delayMs(int n) {
    long base = baseMs(n);
    double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
    return base + (long) Math.floor(base * MAX_JITTER * r);
  }

  /** The delay before jitter. */
  public long baseMs(int n) {
    double raw = initialMs * Math.pow(multiplier, Math.max(0, n));
    return raw >= maxMs ? maxMs : (long) raw;
  }

  /** The longest delay this schedule ever gives. */
  public long maxWithJitterMs() {
    return maxMs + (long) Math.floor(maxMs * MAX_JITTER);
  }
}
