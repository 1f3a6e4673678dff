package io.workflowresult.delay.learned;

import org.HdrHistogram.AbstractHistogram;

/**
 * How a workflow's run times become the times its runs are asked at: from what was learned of them,
 * the waits after a run's start at which it is asked, in increasing order (the planner asks at the
 * first one not yet passed, then the next, and past the last goes over to the exponential
 * schedule). {@link CostLadder} is the service's; a {@link Ladder} of fixed quantiles is the
 * simpler one it was measured against.
 */
public interface LadderRule {

  /**
   * The waits after a run's start, in milliseconds, non-decreasing, at least one; {@code runTimes}
   * holds at least one sample.
   */
  long[] times(AbstractHistogram runTimes);
}
