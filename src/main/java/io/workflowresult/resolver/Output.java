package io.workflowresult.resolver;

import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PendingRun;

/**
 * The one output record a routed answer makes, until it is acknowledged.
 *
 * @param run the delay record answered
 * @param owner the assignment of its partition the request belongs to
 * @param sent the run's delay record as it was queried: the time to a result counts from its {@code
 *     firstQueriedAt}
 * @param route where the answer sends the run
 */
record Output(PendingRun run, PartitionState owner, DelayRecord sent, Route route) {

  /** The same run sent elsewhere. */
  Output rerouted(Route other) {
    return new Output(run, owner, sent, other);
  }
}
