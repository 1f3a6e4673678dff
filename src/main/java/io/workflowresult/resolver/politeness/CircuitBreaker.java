package io.workflowresult.resolver.politeness;

/**
 * Tells a burst of failures across many runs (an API in trouble) from the failure of one run. It
 * looks at the last {@value #WINDOW} answers: when at least {@value #MIN_FAILURES} of them were
 * 5xx, timeouts or I/O errors, it trips. Tripping is reported once; the window restarts when the
 * breaker is reset after a successful probe.
 *
 * <p>Not thread-safe: the resolver's poll thread is its only user.
 */
public final class CircuitBreaker {
  /** Answers looked at. */
  public static final int WINDOW = 20;

  /** Failures among the last {@link #WINDOW} answers that trip the breaker. */
  public static final int MIN_FAILURES = 10;

  private final boolean[] failures = new boolean[WINDOW];
  private int next;
  private int failureCount;

  /**
   * Records one answer.
   *
   * @return true when this answer trips the breaker
   */
  public boolean record(boolean failure) {
    if (failures[next]) {
      failureCount--;
    }
    failures[next] = failure;
    if (failure) {
      failureCount++;
    }
    next = (next + 1) % WINDOW;
    return failure && failureCount >= MIN_FAILURES;
  }

  /** Forgets every answer (after the API recovered). */
  public void reset() {
    java.util.Arrays.fill(failures, false);
    failureCount = 0;
    next = 0;
  }
}
