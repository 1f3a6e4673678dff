package io.workflowresult.simulator;

import java.util.Map;

/**
 * A snapshot of what the simulator has been asked on its API endpoint since start or the last
 * reset.
 *
 * @param requests API requests received
 * @param inFlight requests received and not yet answered
 * @param maxInFlight the most requests in flight at once
 * @param byStatus answers by HTTP status code
 * @param byRunStatus 200 answers by the run's {@code status}
 * @param distinctRuns different run IDs asked about
 */
public record SimulatorStats(
    long requests,
    long inFlight,
    long maxInFlight,
    Map<Integer, Long> byStatus,
    Map<String, Long> byRunStatus,
    long distinctRuns) {

  /** Answers with this HTTP status code. */
  public long withStatus(int httpStatus) {
    return byStatus.getOrDefault(httpStatus, 0L);
  }
}
