package io.workflowresult.resolver;

import io.workflowresult.delay.PendingRun;

/**
 * The one output record a routed answer makes, until it is acknowledged.
 *
 * @param run the delay record answered
 * @param owner the assignment of its partition the request belongs to
 * @param route where the answer sends the run
 */
record Output(PendingRun run, PartitionState owner, Route route) {

  /** The same run sent elsewhere. */
  Output rerouted(Route other) {
    return new Output(run, owner, other);
  }
}
