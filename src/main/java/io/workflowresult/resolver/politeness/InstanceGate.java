package io.workflowresult.resolver.politeness;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.QueryOutcome.TransientKind;
import java.time.Duration;
import java.util.Optional;

/**
 * The instance's gate to the API. A 429, {@code X-RateLimit-Remaining: 0}, a burst of 5xx or
 * timeouts across many runs ({@link CircuitBreaker}), or a refused key (401/403) is a condition of
 * the instance, not of a run: the gate closes, no request starts, and when the announced time has
 * passed exactly one request goes out as a probe. The probe's answer reopens the gate or closes it
 * again with a new time. Waits announced by the server are clamped to {@code
 * api.max-rate-limit-wait}.
 *
 * <p>Runs whose answer was an instance condition are retried without counting an attempt: {@link
 * #onOutcome} says which. Failures are an instance condition only while they come from several runs
 * ({@link CircuitBreaker}): a failed probe is recorded like any answer, so that one run that keeps
 * failing as the only probe left counts its failures and ends as {@code RETRIES_EXHAUSTED}, within
 * {@link CircuitBreaker#WINDOW} probes plus {@code retry.max-attempts}, instead of holding the gate
 * closed for good.
 *
 * <p>Not thread-safe: the resolver's poll thread is its only user; {@link #status()} may be read
 * from any thread.
 */
public final class InstanceGate {

  /** Why the gate is closed. */
  public enum Condition {
    THROTTLED,
    QUOTA_EXHAUSTED,
    UNAUTHORIZED,
    API_FAILING
  }

  /**
   * The gate's state, for health, metrics and the operator's log.
   *
   * @param headline what the condition means for the API, e.g. {@code API unreachable}
   * @param detail its cause, e.g. {@code the API refused the key (HTTP 401)}
   * @param closedAtMs when the gate closed (for this condition or an earlier one, without opening
   *     in between); 0 while open
   */
  public record Status(
      boolean open,
      Optional<Condition> condition,
      String headline,
      String detail,
      long closedAtMs,
      long probeAtMs) {
    public static final Status OPEN_STATUS = new Status(true, Optional.empty(), "", "", 0, 0);
  }

  /** The verdict on one answer. */
  public record Verdict(boolean instanceCondition) {}

  static final Duration DEFAULT_THROTTLE_WAIT = Duration.ofSeconds(1);
  static final Duration FIRST_BREAKER_WAIT = Duration.ofSeconds(1);
  static final Duration MAX_BREAKER_WAIT = Duration.ofSeconds(30);

  private final Duration authRetryInterval;
  private final Duration maxRateLimitWait;
  private final CircuitBreaker breaker = new CircuitBreaker();

  private Condition condition;
  private long probeAtMs;
  private boolean probeInFlight;
  private Duration breakerWait = FIRST_BREAKER_WAIT;
  private volatile Status status = Status.OPEN_STATUS;

  public InstanceGate(Duration authRetryInterval, Duration maxRateLimitWait) {
    this.authRetryInterval = authRetryInterval;
    this.maxRateLimitWait = maxRateLimitWait;
  }

  /**
   * Whether a request may start at {@code nowMs}; {@link Admission#PROBE} is given once, until the
   * probe's answer ({@link #onOutcome}) or {@link #probeAbandoned}.
   */
  public Admission admit(long nowMs) {
    if (condition == null) {
      return Admission.OPEN;
    }
    if (probeInFlight || nowMs < probeAtMs) {
      return Admission.WAIT;
    }
    probeInFlight = true;
    return Admission.PROBE;
  }

  /** Milliseconds from {@code nowMs} until a probe may start; 0 when the gate is open. */
  public long millisUntilProbe(long nowMs) {
    if (condition == null || probeInFlight) {
      return condition == null ? 0 : Long.MAX_VALUE;
    }
    return Math.max(0, probeAtMs - nowMs);
  }

  /** The probe ended without an answer (its partition was revoked, say): allow another. */
  public void probeAbandoned() {
    probeInFlight = false;
  }

  /**
   * Takes an answer received at {@code nowMs}.
   *
   * @param wasProbe whether this request was admitted as the probe
   * @return whether the answer is a condition of the instance, so that its run is retried without
   *     counting an attempt or a failure
   */
  public Verdict onOutcome(QueryOutcome outcome, boolean wasProbe, long nowMs) {
    if (wasProbe) {
      probeInFlight = false;
    }
    boolean instance = classify(outcome, wasProbe, nowMs);
    if (!instance && outcome.rateLimit().remaining().orElse(1) == 0) {
      long reset = outcome.rateLimit().resetEpochSeconds().orElse(0) * 1000;
      close(
          Condition.QUOTA_EXHAUSTED,
          "API quota used up",
          "X-RateLimit-Remaining is 0",
          nowMs,
          nowMs + clamp(Duration.ofMillis(Math.max(0, reset - nowMs))));
    } else if (!instance && wasProbe) {
      open();
    }
    publish();
    return new Verdict(instance);
  }

  /** The gate's state now. */
  public Status status() {
    return status;
  }

  private boolean classify(QueryOutcome outcome, boolean wasProbe, long nowMs) {
    return switch (outcome.kind()) {
      case UNAUTHORIZED -> refused((QueryOutcome.Unauthorized) outcome, nowMs);
      case TRANSIENT -> failed((QueryOutcome.Transient) outcome, wasProbe, nowMs);
      case TERMINAL, NOT_YET, NOT_FOUND, MALFORMED, UNEXPECTED_STATUS, TOO_LARGE -> {
        breaker.record(false, outcome.runId());
        yield false;
      }
    };
  }

  private boolean refused(QueryOutcome.Unauthorized u, long nowMs) {
    close(
        Condition.UNAUTHORIZED,
        "API refused the key",
        "the API refused the key (HTTP " + u.httpStatus() + ")",
        nowMs,
        nowMs + authRetryInterval.toMillis());
    return true;
  }

  private boolean failed(QueryOutcome.Transient t, boolean wasProbe, long nowMs) {
    if (t.failure() == TransientKind.THROTTLED) {
      Duration wait = t.retryAfter().orElse(DEFAULT_THROTTLE_WAIT);
      close(
          Condition.THROTTLED,
          "API throttling",
          "the API answered 429",
          nowMs,
          nowMs + clamp(wait));
      return true;
    }
    if (condition == Condition.API_FAILING) {
      if (!wasProbe) {
        return true; // a request sent before the breaker opened: waits without lengthening it
      }
      close(
          Condition.API_FAILING,
          failingHeadline(t),
          "the API keeps failing: " + t.detail(),
          nowMs,
          nowMs + nextBreakerWait());
      // failed probes replace the burst in the window; once they all come from one or two runs
      // (nothing else left to probe with), the failures are those runs' own and count for them
      breaker.record(true, t.runId());
      return breaker.failingAcrossRuns();
    }
    if (breaker.record(true, t.runId())) {
      breakerWait = FIRST_BREAKER_WAIT;
      close(
          Condition.API_FAILING,
          failingHeadline(t),
          CircuitBreaker.MIN_FAILURES
              + " of the last "
              + CircuitBreaker.WINDOW
              + " answers failed: "
              + t.detail(),
          nowMs,
          nowMs + breakerWait.toMillis());
      return true;
    }
    return false;
  }

  /** No answer at all reads as unreachable; answers that are errors as failing. */
  private static String failingHeadline(QueryOutcome.Transient t) {
    return t.failure() == TransientKind.SERVER_ERROR ? "API failing" : "API unreachable";
  }

  private long nextBreakerWait() {
    breakerWait = breakerWait.multipliedBy(2);
    if (breakerWait.compareTo(MAX_BREAKER_WAIT) > 0) {
      breakerWait = MAX_BREAKER_WAIT;
    }
    return breakerWait.toMillis();
  }

  private long clamp(Duration wait) {
    return Math.min(wait.toMillis(), maxRateLimitWait.toMillis());
  }

  private void close(Condition why, String headline, String detail, long nowMs, long probeAt) {
    // an answer to a request sent before the gate closed never shortens the wait announced
    probeAtMs = condition == null ? probeAt : Math.max(probeAtMs, probeAt);
    long closedAt = condition == null ? nowMs : status.closedAtMs();
    condition = why;
    status = new Status(false, Optional.of(why), headline, detail, closedAt, probeAtMs);
  }

  private void open() {
    condition = null;
    breaker.reset();
    breakerWait = FIRST_BREAKER_WAIT;
  }

  private void publish() {
    if (condition == null) {
      status = Status.OPEN_STATUS;
    }
  }
}
