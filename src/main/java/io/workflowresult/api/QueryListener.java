package io.workflowresult.api;

import java.time.Duration;

/**
 * Observes each query's outcome, e.g. to count outcomes by type and time requests. Called once per
 * query, on the thread that completes it; must be quick and must not throw.
 */
@FunctionalInterface
public interface QueryListener {

  QueryListener NONE = (outcome, latency) -> {};

  void onOutcome(QueryOutcome outcome, Duration latency);
}
