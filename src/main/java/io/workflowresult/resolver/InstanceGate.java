package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import java.util.OptionalLong;

/**
 * Conditions of the whole instance (rate limits, refused key, error bursts, request budget) as
 * opposed to a run: the resolver asks it before every request and shows it every answer. Called on
 * the resolver's poll thread only. The default, {@link #OPEN}, admits everything and absorbs
 * nothing.
 */
public interface InstanceGate {
  InstanceGate OPEN = new InstanceGate() {};

  /**
   * Whether one more request may start now. Returning {@code true} commits the caller to send it (a
   * gate may count it against a budget or let it through as its one probe).
   */
  default boolean admit(long nowMs) {
    return true;
  }

  /** Whether the gate is closed: the resolver then pauses every delay partition. */
  default boolean closed(long nowMs) {
    return false;
  }

  /** How long the poll thread may wait before asking {@link #admit} again (empty: no limit). */
  default OptionalLong recheckInMs(long nowMs) {
    return OptionalLong.empty();
  }

  /**
   * Sees an answer before it is routed. When it is a condition of the instance, returns the time
   * (epoch ms) to ask again: the run then waits in memory until then, with no attempt counted and
   * no output written. Empty: the answer is routed as a fact about the run.
   */
  default OptionalLong absorb(QueryOutcome outcome, long nowMs) {
    return OptionalLong.empty();
  }
}
