package io.workflowresult.testing.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulator's ground truth and statistics, read from its admin endpoints ({@code GET
 * /truth?id=}, {@code GET /stats}, {@code GET /stats/runs}) — so it works the same for an
 * in-process simulator and a child process.
 *
 * <p>What each simulated outcome must become in the service's outputs: {@code SUCCEED}/{@code
 * FAILED} a result equal to the simulator's run object; {@code NOT_FOUND}, {@code
 * MALFORMED_RESPONSE} dead letters with that reason; {@code CANCELLED} (an unknown status) {@code
 * UNEXPECTED_STATUS}; a run that never finishes {@code EXPIRED}; a run that always fails {@code
 * RETRIES_EXHAUSTED}.
 */
public final class SimulatorTruth {
  private static final Map<String, String> DEAD_LETTER_REASON =
      Map.of(
          "NOT_FOUND", "NOT_FOUND",
          "MALFORMED_RESPONSE", "MALFORMED_RESPONSE",
          "CANCELLED", "UNEXPECTED_STATUS",
          "NEVER_TERMINAL", "EXPIRED",
          "ALWAYS_ERROR", "RETRIES_EXHAUSTED");

  private final String baseUrl;

  public SimulatorTruth(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * The expected outcome of {@code runId}. A result's run object carries {@code startTime} and
   * {@code endTime} only once the run was first queried: ask again after the run resolved.
   */
  public ExpectedOutcome expected(String runId) {
    JsonNode truth = get("/truth?id=" + URLEncoder.encode(runId, StandardCharsets.UTF_8));
    String outcome = truth.path("outcome").asText();
    if (outcome.equals("SUCCEED") || outcome.equals("FAILED")) {
      return new ExpectedOutcome.Result(runId, truth.get("run"));
    }
    String reason = DEAD_LETTER_REASON.get(outcome);
    if (reason == null) {
      throw new IllegalStateException("unknown simulated outcome " + outcome + " for " + runId);
    }
    return new ExpectedOutcome.DeadLetter(runId, reason);
  }

  /** The same ground truth with every run object read again (now with its times). */
  public GroundTruth refreshed(GroundTruth truth) {
    return truth.map(e -> e instanceof ExpectedOutcome.Result ? expected(e.id()) : e);
  }

  /** Requests in total, the most in flight, and requests per run. */
  public RequestStats stats() {
    JsonNode stats = get("/stats");
    Map<String, Long> perRun = new HashMap<>();
    get("/stats/runs")
        .path("runs")
        .properties()
        .forEach(e -> perRun.put(e.getKey(), e.getValue().asLong()));
    return new RequestStats(
        stats.path("requests").asLong(), stats.path("maxInFlight").asLong(), perRun);
  }

  private JsonNode get(String pathAndQuery) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(baseUrl + pathAndQuery).toURL().openConnection();
      c.setConnectTimeout(5_000);
      c.setReadTimeout(10_000);
      try (InputStream in = c.getInputStream()) {
        return ExactJson.MAPPER.readTree(in);
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "simulator " + baseUrl + pathAndQuery + ": " + e.getMessage(), e);
    }
  }
}
