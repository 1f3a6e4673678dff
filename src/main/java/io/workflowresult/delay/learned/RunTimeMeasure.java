package io.workflowresult.delay.learned;

/** The two run times learned per workflow: each has the moment it is measured from. */
public enum RunTimeMeasure {
  /**
   * The run's own time, {@code workflowExecutionTime} (else {@code endTime - startTime}): measured
   * from the API's {@code startTime}, known once the run has left its queue.
   */
  EXECUTION("execution"),
  /**
   * From when the run was first seen (or the {@code startTime} its input hinted) to its {@code
   * endTime}: time queued included. What a bare ID whose answer has no {@code startTime} yet is
   * scheduled by.
   */
  SEEN_TO_END("seenToEnd");

  private final String wireName;

  RunTimeMeasure(String wireName) {
    this.wireName = wireName;
  }

  /** Its name in {@link RunStatsRecord}. */
  public String wireName() {
    return wireName;
  }
}
