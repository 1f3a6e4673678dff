package io.workflowresult.simulator;

import java.util.Map;
import java.util.Optional;

/**
 * One API request as the simulator saw it.
 *
 * @param arrivedAtMs wall-clock time (epoch ms) the request reached the handler
 * @param answeredAtMs wall-clock time its answer was written
 * @param runId the run it named, or {@code null} (no readable body)
 * @param httpStatus the answer's status
 * @param runStatus the run's {@code status} in a 200 answer, else {@code null}
 * @param headers the answer's {@code Retry-After} and {@code X-RateLimit-*} headers
 */
public record LoggedRequest(
    long arrivedAtMs,
    long answeredAtMs,
    String runId,
    int httpStatus,
    String runStatus,
    Map<String, String> headers) {

  /** {@code Retry-After} in seconds, when the answer carried it as a number. */
  public Optional<Long> retryAfterSeconds() {
    return number("Retry-After");
  }

  /** {@code X-RateLimit-Remaining}, when present. */
  public Optional<Long> rateLimitRemaining() {
    return number("X-RateLimit-Remaining");
  }

  /** {@code X-RateLimit-Reset} (Unix seconds), when present. */
  public Optional<Long> rateLimitResetSeconds() {
    return number("X-RateLimit-Reset");
  }

  private Optional<Long> number(String header) {
    String v = headers.get(header);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
