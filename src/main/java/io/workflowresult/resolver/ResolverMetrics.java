package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.deadletter.DeadLetterReason;
import java.time.Duration;

/**
 * What the resolver reports; {@code ops} binds it to Micrometer. Every method has a no-op default,
 * so an implementation overrides only what it records. Called from the resolver's poll thread: keep
 * implementations cheap and non-blocking.
 */
public interface ResolverMetrics {
  ResolverMetrics NOOP = new ResolverMetrics() {};

  /**
   * The API answered a request of the resolver ({@link QuotaSummary} counts these; the Micrometer
   * binding counts answers around the API client instead, so that every request is counted once
   * whoever sends it).
   */
  default void queried(QueryOutcome.Kind outcome) {}

  /** Delayed runs waiting in memory for their due time. */
  default void delayedWaiting(int count) {}

  /** Age (since first seen) of the oldest run waiting in memory; zero when none waits. */
  default void oldestWaitingAge(Duration age) {}

  /** A dead letter was written. */
  default void deadLettered(DeadLetterReason reason) {}

  /** A result was published; {@code sinceFirstQuery} is the time from the run's first query. */
  default void resolved(Duration sinceFirstQuery) {}

  /** Redundant copies completed without a request. */
  default void coalesced(int count) {}

  /** Waiting runs whose due time has passed (they wait for a permit, the budget or the gate). */
  default void overdue(int count) {}

  /** Records whose outputs are acknowledged but whose offsets are not committed yet. */
  default void uncommittedOffsets(long count) {}

  /**
   * Requests (every answer, instance conditions included) per published result since start: what a
   * result costs of the API quota. Reported about once a minute.
   */
  default void requestsPerResolvedRun(double ratio) {}
}
