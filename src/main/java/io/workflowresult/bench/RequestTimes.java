package io.workflowresult.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When the simulator received each run's requests, from its request log ({@code GET
 * /stats/requests}: {@code arrivedAtMs answeredAtMs httpStatus runStatus runId} a line), and what
 * follows from that: the time from a run's first query to its result, and how late each re-query
 * came after the due time its delay record named.
 */
final class RequestTimes {
  private final Map<String, long[]> arrivalsByRun;
  private final long requests;

  private RequestTimes(Map<String, long[]> arrivalsByRun, long requests) {
    this.arrivalsByRun = arrivalsByRun;
    this.requests = requests;
  }

  static RequestTimes parse(String log) {
    Map<String, List<Long>> byRun = new HashMap<>();
    long requests = 0;
    for (String line : log.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ", 5);
      if (f.length < 5 || f[4].equals("-")) {
        continue;
      }
      requests++;
      byRun.computeIfAbsent(f[4], k -> new ArrayList<>()).add(Long.parseLong(f[0]));
    }
    Map<String, long[]> arrivals = new HashMap<>();
    byRun.forEach(
        (run, times) ->
            arrivals.put(run, times.stream().mapToLong(Long::longValue).sorted().toArray()));
    return new RequestTimes(arrivals, requests);
  }

  /** Requests that named a run. */
  long requests() {
    return requests;
  }

  /** Epoch ms of the run's first query, or -1 when it was never asked about. */
  long firstQueryAt(String runId) {
    long[] times = arrivalsByRun.get(runId);
    return times == null ? -1 : times[0];
  }

  /**
   * Lateness (ms, negative when early) of the query that answered a delay record: the record with
   * {@code attempt} a was answered by the run's request number a (counting from 0: intake's record
   * has attempt 0 and is answered by the first request). Empty when that request never came.
   */
  java.util.OptionalLong lateness(String runId, int attempt, long dueAtMs) {
    long[] times = arrivalsByRun.get(runId);
    if (times == null || attempt < 0 || attempt >= times.length) {
      return java.util.OptionalLong.empty();
    }
    return java.util.OptionalLong.of(times[attempt] - dueAtMs);
  }
}
