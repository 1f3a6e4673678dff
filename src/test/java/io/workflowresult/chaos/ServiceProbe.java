package io.workflowresult.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowresult.testing.Http;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a running service's endpoints: which readiness conditions fail, and how many runs {@code
 * /costs} counts. Every method answers "not yet" instead of throwing while the process starts.
 */
final class ServiceProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;

  ServiceProbe(int port) {
    this.port = port;
  }

  /**
   * The failing readiness conditions ({@code resolver}, {@code aggregator}, ...), if it answers.
   */
  Optional<Set<String>> notReady() {
    try {
      Http.Response r = Http.get(port, "/health/ready");
      if (r.status() == 200) {
        return Optional.of(Set.of());
      }
      Set<String> reasons = new HashSet<>();
      JSON.readTree(r.body()).path("reasons").fieldNames().forEachRemaining(reasons::add);
      return Optional.of(reasons);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Runs counted over every workflow in {@code /costs}; empty while it cannot answer. */
  Optional<Long> countedRuns() {
    try {
      Http.Response r = Http.get(port, "/costs");
      if (r.status() != 200) {
        return Optional.empty();
      }
      long runs = 0;
      for (JsonNode total : JSON.readTree(r.body())) {
        runs += total.path("runs").asLong();
      }
      return Optional.of(runs);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
