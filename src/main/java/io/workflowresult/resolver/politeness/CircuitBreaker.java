package io.workflowresult.resolver.politeness;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells a burst of failures across many runs (an API in trouble) from the failure of one run. It
 * looks at the last {@value #WINDOW} answers: when at least {@value #MIN_FAILURES} of them were
 * 5xx, timeouts or I/O errors, and those failures came from at least {@value #MIN_RUNS} different
 * runs, it trips. Tripping is reported once; the window restarts when the breaker is reset after a
 * successful probe.
 *
 * <p>A run that fails on its own, however often, never trips it: its failures are facts about that
 * run and count toward its {@code retry.max-attempts}, so it ends as {@code RETRIES_EXHAUSTED}
 * instead of closing the gate with itself as the only probe.
 *
 * <p>Not thread-safe: the resolver's poll thread is its only user.
 */
public final class CircuitBreaker {
  /** Answers looked at. */
  public static final int WINDOW = 20;

  /** Failures among the last {@link #WINDOW} answers that trip the breaker. */
  public static final int MIN_FAILURES = 10;

  /** Different runs those failures must come from. */
  public static final int MIN_RUNS = 3;

  private final String[] failedRuns = new String[WINDOW];
  private int next;
  private int failureCount;

  /**
   * Records one answer for {@code runId}.
   *
   * @return true when this answer trips the breaker
   */
  public boolean record(boolean failure, String runId) {
    if (failedRuns[next] != null) {
      failureCount--;
    }
    failedRuns[next] = failure ? runId : null;
    if (failure) {
      failureCount++;
    }
    next = (next + 1) % WINDOW;
    return failure && failureCount >= MIN_FAILURES && failingAcrossRuns();
  }

  /**
   * Whether the failures in the window come from at least {@link #MIN_RUNS} different runs: the
   * API, not one run, is failing.
   */
  public boolean failingAcrossRuns() {
    Set<String> runs = new HashSet<>();
    for (String run : failedRuns) {
      if (run != null && runs.add(run) && runs.size() >= MIN_RUNS) {
        return true;
      }
    }
    return false;
  }

  /** Forgets every answer (after the API recovered). */
  public void reset() {
    Arrays.fill(failedRuns, null);
    failureCount = 0;
    next = 0;
  }
}
