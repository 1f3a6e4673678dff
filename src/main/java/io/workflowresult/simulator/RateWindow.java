package io.workflowresult.simulator;

/**
 * A fixed-window request counter aligned to multiples of the period since the epoch, announcing
 * itself the way the provider does ({@code X-RateLimit-Limit/Remaining/Reset}, Reset in Unix
 * seconds). Every request counts, refused ones too.
 */
final class RateWindow {
  private final RateLimitSpec spec;
  private long windowStart = Long.MIN_VALUE;
  private long used;

  RateWindow(RateLimitSpec spec) {
    this.spec = spec;
  }

  /** What one request taken at {@code now} sees. */
  record Take(long limit, long remaining, long resetEpochSeconds, boolean exceeded) {
    long retryAfterSeconds(long now) {
      return Math.max(1, resetEpochSeconds - Math.floorDiv(now, 1000));
    }
  }

  synchronized Take take(long now) {
    long period = spec.period().toMillis();
    long start = now - Math.floorMod(now, period);
    if (start != windowStart) {
      windowStart = start;
      used = 0;
    }
    used++;
    long resetSeconds = Math.floorDiv(start + period + 999, 1000);
    return new Take(
        spec.limit(), Math.max(0, spec.limit() - used), resetSeconds, used > spec.limit());
  }
}
