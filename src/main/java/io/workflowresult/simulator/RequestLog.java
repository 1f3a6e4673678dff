package io.workflowresult.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every API request in the order they arrived, with when it arrived and was answered, the run it
 * named and the answer's status and rate-limit headers: the evidence for "no request before its
 * allowed time". Keeps at most {@link #CAPACITY} entries (later ones are counted, not kept).
 */
final class RequestLog {
  static final int CAPACITY = 2_000_000;

  private final List<LoggedRequest> entries = new ArrayList<>();
  private long dropped;

  synchronized void add(LoggedRequest request) {
    if (entries.size() < CAPACITY) {
      entries.add(request);
    } else {
      dropped++;
    }
  }

  synchronized List<LoggedRequest> snapshot() {
    return List.copyOf(entries);
  }

  synchronized long dropped() {
    return dropped;
  }

  synchronized void clear() {
    entries.clear();
    dropped = 0;
  }

  /**
   * The log as text, one request a line in order of arrival: {@code arrivedAtMs answeredAtMs
   * httpStatus runStatus runId}, with {@code -} for a missing run status or run ID (the run ID
   * last, as it may hold spaces).
   */
  static byte[] text(List<LoggedRequest> requests) {
    StringBuilder out = new StringBuilder(requests.size() * 48);
    for (LoggedRequest r : requests) {
      out.append(r.arrivedAtMs())
          .append(' ')
          .append(r.answeredAtMs())
          .append(' ')
          .append(r.httpStatus())
          .append(' ')
          .append(r.runStatus() == null ? "-" : r.runStatus())
          .append(' ')
          .append(r.runId() == null ? "-" : r.runId())
          .append('\n');
    }
    return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The headers of an answer worth keeping in the log. */
  static Map<String, String> kept(Map<String, String> headers) {
    Map<String, String> kept = new java.util.TreeMap<>();
    headers.forEach(
        (name, value) -> {
          if (name.equals("Retry-After") || name.startsWith("X-RateLimit-")) {
            kept.put(name, value);
          }
        });
    return kept;
  }
}
