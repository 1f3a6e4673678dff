package io.workflowresult.resolver.politeness;

import io.workflowresult.config.AppConfig;
import java.time.Duration;

/**
 * {@code query.budget}: at most {@code count} requests in any window of {@code period}, exactly —
 * not on average. It remembers the start time of the last {@code count} requests (a ring of longs);
 * a new request may start only when the oldest of them is at least one period old.
 *
 * <p>Not thread-safe: the resolver's poll thread is its only user.
 */
public final class RequestBudget {
  private static final int MAX_REMEMBERED = 10_000_000;

  private final long periodNanos;
  private final long[] starts;
  private int next;
  private long taken;

  private RequestBudget(long count, Duration period) {
    if (count < 1 || count > MAX_REMEMBERED) {
      throw new IllegalArgumentException("budget count must be between 1 and " + MAX_REMEMBERED);
    }
    this.periodNanos = period.toNanos();
    this.starts = new long[(int) count];
  }

  /** The budget of {@code budget}, or one that never limits. */
  public static RequestBudget of(AppConfig.Budget budget) {
    return new RequestBudget(budget.count(), budget.period());
  }

  /** Nanoseconds from {@code nowNanos} until a request may start; 0 when it may start now. */
  public long nanosUntilAvailable(long nowNanos) {
    if (taken < starts.length) {
      return 0;
    }
    long oldest = starts[next];
    long wait = oldest + periodNanos - nowNanos;
    return Math.max(0, wait);
  }

  /**
   * Records a request starting at {@code nowNanos}.
   *
   * @throws IllegalStateException when the budget has no room now: callers ask first
   */
  public void take(long nowNanos) {
    if (nanosUntilAvailable(nowNanos) > 0) {
      throw new IllegalStateException("request budget exhausted");
    }
    starts[next] = nowNanos;
    next = (next + 1) % starts.length;
    taken++;
  }

  /** Requests recorded so far. */
  public long taken() {
    return taken;
  }
}
