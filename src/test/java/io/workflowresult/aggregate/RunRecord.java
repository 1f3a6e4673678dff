package io.workflowresult.aggregate;

/**
 * One result record a test sends: the run object's cost fields and the record timestamp.
 *
 * @param cost {@code totalCost} as JSON number text
 * @param endTime null when the run object has none
 */
record RunRecord(
    String runId,
    String workflowId,
    String status,
    String cost,
    long tokens,
    Long endTime,
    long timestamp) {

  String json() {
    return Runs.run(runId, workflowId, status, cost, tokens, endTime);
  }

  /** The event time of README "Cost aggregates", worked out here apart from the aggregator. */
  long eventTime() {
    boolean believable = endTime != null && endTime > 0 && endTime - timestamp <= 5 * 60_000;
    return believable ? endTime : timestamp;
  }
}
