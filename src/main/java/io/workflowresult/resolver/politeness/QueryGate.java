package io.workflowresult.resolver.politeness;

import java.util.Optional;

/**
 * The resolver's seam for conditions of the whole instance (429, rate-limit headers, a refused key,
 * bursts of failures, the request budget), as opposed to facts about one run. The resolver asks it
 * for a {@link Ticket} before every request and ends the ticket with the request's answer; it is
 * called on the resolver's poll thread only. {@link #OPEN} admits everything and absorbs nothing:
 * every answer is then a fact about its run.
 */
public interface QueryGate {

  QueryGate OPEN = nowMs -> Optional.of(new Ticket(Admission.OPEN, Ticket.Ending.NONE));

  /**
   * Asked when a run is due and a permit is free. A ticket commits the resolver to send that
   * request now (a gate may count it against a budget) and to end the ticket once; a probe's ticket
   * lets nothing else out until it ends. Empty: dispatch nothing until {@link #millisUntilAdmit}.
   */
  Optional<Ticket> tryAcquire(long nowMs);

  /**
   * After an empty {@link #tryAcquire}: how long the poll thread may wait before asking again
   * ({@code Long.MAX_VALUE}: until an answer arrives).
   */
  default long millisUntilAdmit(long nowMs) {
    return 0;
  }

  /** Whether every delay partition should be paused (no new records fetched). */
  default boolean closed() {
    return false;
  }

  /**
   * The instance gate's state (open, or closed for a condition until a probe), for the operator's
   * log and the gate gauge. May be called from any thread.
   */
  default InstanceGate.Status status() {
    return InstanceGate.Status.OPEN_STATUS;
  }

  /**
   * Why the instance cannot make progress without an operator (e.g. the API refuses the key), for
   * {@code /health/ready}; empty when it can. Waits that end by themselves (429, quota) are not
   * reasons. May be called from any thread.
   */
  default Optional<String> notReadyReason() {
    return Optional.empty();
  }
}
