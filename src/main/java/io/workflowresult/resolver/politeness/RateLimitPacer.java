package io.workflowresult.resolver.politeness;

import io.workflowresult.api.RateLimit;
import java.time.Duration;

/**
 * Spaces requests when the API's own counter runs low. When {@code X-RateLimit-Remaining} falls
 * under 10% of {@code X-RateLimit-Limit}, the remaining requests are spread evenly until {@code
 * X-RateLimit-Reset}: the next request may start {@code (reset - now) / remaining} after the
 * previous one. All instances sharing a key see the same counter, so they slow down together
 * without talking to each other. {@code Remaining: 0} is not handled here: it closes the {@link
 * InstanceGate}.
 *
 * <p>Not thread-safe: the resolver's poll thread is its only user.
 */
public final class RateLimitPacer {
  /** Pacing starts when fewer than this share of the limit remains. */
  public static final double LOW_WATER_SHARE = 0.10;

  private final Duration maxWait;
  private long spacingNanos;
  private long lastStartNanos = Long.MIN_VALUE;
  private long pacingUntilEpochMs = Long.MIN_VALUE;

  /**
   * @param maxWait the longest spacing taken from the headers ({@code api.max-rate-limit-wait}), a
   *     guard against clock skew and absurd reset times
   */
  public RateLimitPacer(Duration maxWait) {
    this.maxWait = maxWait;
  }

  /** Takes the rate-limit headers of an answer received at {@code nowEpochMs}. */
  public void observe(RateLimit rateLimit, long nowEpochMs) {
    if (rateLimit.limit().isEmpty()
        || rateLimit.remaining().isEmpty()
        || rateLimit.resetEpochSeconds().isEmpty()) {
      return;
    }
    long limit = rateLimit.limit().getAsLong();
    long remaining = rateLimit.remaining().getAsLong();
    long resetMs = rateLimit.resetEpochSeconds().getAsLong() * 1000;
    if (limit <= 0 || remaining <= 0 || resetMs <= nowEpochMs) {
      spacingNanos = 0;
      return;
    }
    if (remaining >= limit * LOW_WATER_SHARE) {
      spacingNanos = 0;
      return;
    }
    long untilResetMs = Math.min(resetMs - nowEpochMs, maxWait.toMillis());
    spacingNanos = Duration.ofMillis(untilResetMs).toNanos() / remaining;
    pacingUntilEpochMs = nowEpochMs + untilResetMs;
  }

  /** Nanoseconds from {@code nowNanos} until the next request may start; 0 when now. */
  public long nanosUntilAvailable(long nowNanos, long nowEpochMs) {
    if (spacingNanos == 0 || lastStartNanos == Long.MIN_VALUE) {
      return 0;
    }
    if (nowEpochMs >= pacingUntilEpochMs) {
      spacingNanos = 0;
      return 0;
    }
    return Math.max(0, lastStartNanos + spacingNanos - nowNanos);
  }

  /** Records a request starting at {@code nowNanos}. */
  public void started(long nowNanos) {
    lastStartNanos = nowNanos;
  }

  /** The spacing in force now, zero when none. */
  public Duration spacing() {
    return Duration.ofNanos(spacingNanos);
  }
}
