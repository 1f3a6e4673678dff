package io.workflowresult.resolver.politeness;

import io.workflowresult.simulator.LoggedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a simulator request log against what each answer announced: after a 429 with {@code
 * Retry-After: N} answered at t, no request before t + N s; after {@code X-RateLimit-Remaining: 0}
 * with {@code X-RateLimit-Reset: R}, none before R. A request the resolver sent before it learned
 * of the announcing answer was already on its way (up to {@code query.max-in-flight} of them): it
 * is counted apart; one it sent afterwards and that arrived before the announced time is a
 * violation. The order of sending and learning is exact: both are taken on the resolver's poll
 * thread.
 */
final class RequestTiming {
  /** When the resolver sent a request: wall clock (to compare with the API's) and monotonic. */
  record Sent(long wallMs, long nanos) {
    /** For a logged request the resolver has no record of sending. */
    static final Sent UNKNOWN = new Sent(Long.MIN_VALUE, Long.MIN_VALUE);
  }

  /** One logged request with the resolver's times of sending it and learning its answer. */
  record Timed(LoggedRequest request, Sent sent, long knownNanos) {
    long sentNanos() {
      return sent.nanos();
    }
  }

  /** One announced wait and what arrived during it. */
  record Hold(LoggedRequest announcer, long untilMs, List<LoggedRequest> early, int onTheirWay) {}

  private RequestTiming() {}

  static List<Hold> holds(List<Timed> log) {
    List<Hold> holds = new ArrayList<>();
    for (Timed a : log) {
      long until = allowedAt(a.request());
      if (until <= a.request().answeredAtMs()) {
        continue;
      }
      List<LoggedRequest> early = new ArrayList<>();
      int onTheirWay = 0;
      for (Timed r : log) {
        if (r == a || r.request().arrivedAtMs() >= until) {
          continue;
        }
        if (r.sentNanos() > a.knownNanos()) {
          early.add(r.request());
        } else if (r.request().arrivedAtMs() >= a.request().answeredAtMs()) {
          onTheirWay++;
        }
      }
      holds.add(new Hold(a.request(), until, early, onTheirWay));
    }
    return holds;
  }

  /** The earliest time the next request may come after {@code a}; 0 when it announced nothing. */
  static long allowedAt(LoggedRequest a) {
    long until = 0;
    if (a.httpStatus() == 429 && a.retryAfterSeconds().isPresent()) {
      until = a.answeredAtMs() + a.retryAfterSeconds().get() * 1000;
    }
    if (a.rateLimitRemaining().orElse(1L) == 0 && a.rateLimitResetSeconds().isPresent()) {
      until = Math.max(until, a.rateLimitResetSeconds().get() * 1000);
    }
    return until;
  }

  static List<LoggedRequest> early(List<Hold> holds) {
    return holds.stream().flatMap(h -> h.early().stream()).distinct().toList();
  }

  /** The most of the sorted times {@code at} within any half-open window of {@code window}. */
  static int maxInWindow(List<Long> at, long window) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < at.size(); to++) {
      while (at.get(to) - at.get(from) >= window) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  /**
   * The {@code p} quantile (0 < p <= 1) of {@code sorted}: the smallest value with at least that
   * share at or below it.
   */
  static long percentile(List<Long> sorted, double p) {
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
  }
}
