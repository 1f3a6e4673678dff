package io.workflowresult.delay.learned;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The times a terminal answer tells about its run, all epoch milliseconds but {@code
 * executionTime}.
 *
 * @param workflowId the run's workflow
 * @param workflowVersion its version, when the answer named one
 * @param startTime when it started running (after any time queued)
 * @param endTime when it ended
 * @param executionTime {@code workflowExecutionTime}: its own run time, queueing excluded
 */
public record RunTiming(
    String workflowId,
    Optional<String> workflowVersion,
    OptionalLong startTime,
    OptionalLong endTime,
    OptionalLong executionTime) {

  /** The key its times are learned under. */
  public WorkflowKey key() {
    return new WorkflowKey(workflowId, workflowVersion.orElse(""));
  }

  /** Its own time: {@code workflowExecutionTime}, else {@code endTime - startTime}; never < 0. */
  public OptionalLong executionMillis() {
    if (executionTime.isPresent() && executionTime.getAsLong() >= 0) {
      return executionTime;
    }
    if (startTime.isPresent() && endTime.isPresent()) {
      long own = endTime.getAsLong() - startTime.getAsLong();
      return own >= 0 ? OptionalLong.of(own) : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /**
   * The time from {@code baseMs} (first seen, or a hinted start) to its end; empty when it ended
   * before: such a run says nothing about how long runs take once seen.
   */
  public OptionalLong millisAfter(long baseMs) {
    if (endTime.isEmpty() || endTime.getAsLong() <= baseMs) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(endTime.getAsLong() - baseMs);
  }
}
