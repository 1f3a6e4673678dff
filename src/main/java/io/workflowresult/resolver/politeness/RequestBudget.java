package io.workflowresult.resolver.politeness;

import java.time.Duration;

/**
 * {@code query.budget}: at most {@code count} requests in any window of {@code period} <em>as the
 * API sees them</em>, exactly — not on average, and whatever the delay between the moment a request
 * is admitted here and the moment it reaches the API.
 *
 * <p>The API counts arrivals, and an arrival lies somewhere between the request's admission and its
 * answer. So the budget counts, at each admission, every request that is still out or was answered
 * less than one period ago, and admits a new one only while those are fewer than {@code count}.
 * That is enough: take any window of one period at the API and the last request admitted among
 * those arriving in it; every other one arrived inside the window, so it was answered (or was still
 * out) less than a period before that admission, and was counted then. Hence at most {@code count}
 * arrivals in any window, with no margin to guess. A request holds its place for the period plus
 * its own latency, which costs a budget of {@code 20/1s} with 10 ms answers about 1% of its
 * throughput and budgets of minutes or hours nothing measurable.
 *
 * <p>Every admitted request must be reported once by {@link #ended}, whatever its outcome. Not
 * thread-safe: the resolver's poll thread is its only user.
 */
public final class RequestBudget {
  private static final int MAX_COUNT = 10_000_000;

  private final int count;
  private final long periodNanos;
  private int inFlight;

  /** Answer times of the last answered requests, oldest first (a growable ring). */
  private long[] answers = new long[16];

  private int head;
  private int size;
  private long taken;

  /** At most {@code count} requests in any window of {@code period}. */
  public RequestBudget(long count, Duration period) {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("budget count must be between 1 and " + MAX_COUNT);
    }
    this.count = (int) count;
    this.periodNanos = period.toNanos();
  }

  /**
   * Nanoseconds from {@code nowNanos} until a request may start; 0 when it may start now, {@code
   * Long.MAX_VALUE} when every place is held by a request still out (wait for an answer).
   */
  public long nanosUntilAvailable(long nowNanos) {
    forgetOlderThanAPeriod(nowNanos);
    if (inFlight + size < count) {
      return 0;
    }
    if (size == 0) {
      return Long.MAX_VALUE;
    }
    return answers[head] + periodNanos - nowNanos;
  }

  /**
   * Records a request admitted at {@code nowNanos}.
   *
   * @throws IllegalStateException when the budget has no room now: callers ask first
   */
  public void take(long nowNanos) {
    if (nanosUntilAvailable(nowNanos) > 0) {
      throw new IllegalStateException("request budget exhausted");
    }
    inFlight++;
    taken++;
  }

  /**
   * Records that an admitted request is over (answered, failed or abandoned) at {@code nowNanos},
   * which is no earlier than its arrival at the API could have been.
   *
   * @throws IllegalStateException when no request is out
   */
  public void ended(long nowNanos) {
    if (inFlight == 0) {
      throw new IllegalStateException("no request of the budget is out");
    }
    inFlight--;
    forgetOlderThanAPeriod(nowNanos);
    if (size == answers.length) {
      grow();
    }
    answers[(head + size) % answers.length] = nowNanos;
    size++;
  }

  /** Requests admitted so far. */
  public long taken() {
    return taken;
  }

  /** Admitted requests not yet reported by {@link #ended}. */
  public int inFlight() {
    return inFlight;
  }

  /** Drops answers at least one period old: they no longer share a window with a new request. */
  private void forgetOlderThanAPeriod(long nowNanos) {
    while (size > 0 && answers[head] + periodNanos <= nowNanos) {
      head = (head + 1) % answers.length;
      size--;
    }
  }

  private void grow() {
    long[] bigger = new long[Math.min(Math.max(16, answers.length * 2), Math.max(count, 16))];
    for (int i = 0; i < size; i++) {
      bigger[i] = answers[(head + i) % answers.length];
    }
    answers = bigger;
    head = 0;
  }
}
