package io.workflowresult.testing.verify;

import java.util.Map;
import java.util.Optional;

/**
 * What the API saw, from the simulator's {@code /stats}: requests in total and per run ID (empty
 * map when the simulator does not count per run), and the highest number of requests in flight at
 * once.
 */
public record RequestStats(long totalRequests, long maxInFlight, Map<String, Long> perRun) {

  public RequestStats {
    perRun = Map.copyOf(perRun);
  }

  /** Requests for one run, when counted per run. */
  public Optional<Long> requestsFor(String runId) {
    return perRun.isEmpty() ? Optional.empty() : Optional.of(perRun.getOrDefault(runId, 0L));
  }
}
