package io.workflowresult.resolver.politeness;

import io.workflowresult.api.QueryOutcome;
import java.util.Optional;

/**
 * The resolver's seam for conditions of the whole instance (429, rate-limit headers, a refused key,
 * bursts of failures, the request budget), as opposed to facts about one run. The resolver asks it
 * before every request and shows it every answer; it is called on the resolver's poll thread only.
 * {@link #OPEN} admits everything and absorbs nothing: every answer is then a fact about its run.
 */
public interface QueryGate {

  /** What the resolver may do now. */
  enum Admission {
    /** Dispatch as many requests as permits allow. */
    OPEN,
    /** Dispatch exactly this one request, as a probe; report it with {@code wasProbe}. */
    PROBE,
    /** Dispatch nothing until {@link #millisUntilAdmit}. */
    WAIT
  }

  QueryGate OPEN =
      new QueryGate() {
        @Override
        public Admission admit(long nowMs) {
          return Admission.OPEN;
        }

        @Override
        public boolean onOutcome(QueryOutcome outcome, boolean wasProbe, long nowMs) {
          return false;
        }
      };

  /**
   * Asked when a run is due and a permit is free. {@code OPEN} or {@code PROBE} commits the
   * resolver to send that request now (a gate may count it against a budget).
   */
  Admission admit(long nowMs);

  /**
   * After {@link Admission#WAIT}: how long the poll thread may wait before asking again ({@code
   * Long.MAX_VALUE}: until an answer arrives).
   */
  default long millisUntilAdmit(long nowMs) {
    return 0;
  }

  /** Whether every delay partition should be paused (no new records fetched). */
  default boolean closed() {
    return false;
  }

  /**
   * Why the instance cannot make progress without an operator (e.g. the API refuses the key), for
   * {@code /health/ready}; empty when it can. Waits that end by themselves (429, quota) are not
   * reasons. May be called from any thread.
   */
  default Optional<String> notReadyReason() {
    return Optional.empty();
  }

  /**
   * An admitted request (probe or not) is over: answered, failed, or its answer no longer wanted.
   * Called exactly once per admission, before {@link #onOutcome} when that is called at all.
   */
  default void requestEnded() {}

  /** An admitted probe ended without an answer being shown (its partition was revoked, say). */
  default void probeAbandoned() {}

  /**
   * Shows an answer before it is routed.
   *
   * @return {@code true} when it is a condition of the instance: the run then waits in memory for
   *     the gate to admit it again, no attempt counted, nothing written, its offset uncommitted;
   *     {@code false} routes it as a fact about the run
   */
  boolean onOutcome(QueryOutcome outcome, boolean wasProbe, long nowMs);
}
