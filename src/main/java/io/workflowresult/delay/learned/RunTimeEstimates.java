package io.workflowresult.delay.learned;

import java.util.Optional;

/** What the schedule asks of what was learned; {@link RunTimeBook} is the implementation. */
public interface RunTimeEstimates {

  /**
   * The workflow's run time at each level of the ladder, from the history of {@code version} (when
   * given and known well enough) or else of the workflow's most recently seen version; empty
   * without enough samples.
   */
  Optional<LadderTimes> ladderTimes(
      String workflowId, Optional<String> version, RunTimeMeasure measure, long nowMs);
}
