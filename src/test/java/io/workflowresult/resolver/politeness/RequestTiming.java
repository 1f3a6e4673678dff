package io.workflowresult.resolver.politeness;

import io.workflowresult.simulator.LoggedRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a simulator request log against what each answer announced: after a 429 with {@code
 * Retry-After: N} answered at t, no request before t + N s; after {@code X-RateLimit-Remaining: 0}
 * with {@code X-RateLimit-Reset: R}, none before R. Requests that arrive within {@code graceMs} of
 * the announcing answer were already on their way when it was written (up to {@code
 * query.max-in-flight} of them), so they are counted apart, not as violations.
 */
final class RequestTiming {
  /** One announced wait and what arrived during it. */
  record Hold(LoggedRequest announcer, long untilMs, List<LoggedRequest> early, int inGrace) {}

  private RequestTiming() {}

  static List<Hold> holds(List<LoggedRequest> log, long graceMs) {
    List<Hold> holds = new ArrayList<>();
    for (LoggedRequest a : log) {
      long until = allowedAt(a);
      if (until <= a.answeredAtMs()) {
        continue;
      }
      List<LoggedRequest> early = new ArrayList<>();
      int inGrace = 0;
      for (LoggedRequest r : log) {
        if (r == a || r.arrivedAtMs() < a.answeredAtMs() || r.arrivedAtMs() >= until) {
          continue;
        }
        if (r.arrivedAtMs() <= a.answeredAtMs() + graceMs) {
          inGrace++;
        } else {
          early.add(r);
        }
      }
      holds.add(new Hold(a, until, early, inGrace));
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
}
