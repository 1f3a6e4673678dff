package io.workflowresult.demo;

import io.workflowresult.aggregate.CostSum;
import io.workflowresult.aggregate.CostSumJson;
import io.workflowresult.api.BoundedGet;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/** Reads a running processor's {@code /metrics} and {@code /costs} for the demo. */
final class ProcessorProbe {
  /** Largest answer read: {@code /metrics} and {@code /costs} of a demo are far smaller. */
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final String baseUrl;
  private final BoundedGet http =
      new BoundedGet(Duration.ofSeconds(2), Duration.ofSeconds(5), MAX_BODY_BYTES);

  ProcessorProbe(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /**
   * The figures of the progress line and the summary, from {@code /metrics}: the quota spent per
   * resolved run, and the results by the schedule their run was asked by.
   */
  record Gauges(
      double results,
      double deadLetters,
      double inFlight,
      double waiting,
      double unfetched,
      double requestsPerResolvedRun,
      double byFixed,
      double byLearned,
      double byHinted) {}

  Gauges gauges() throws IOException {
    return gauges(get("/metrics"));
  }

  static Gauges gauges(String text) {
    return new Gauges(
        sum(text, "wrp_results_total"),
        sum(text, "wrp_dead_letters_total"),
        sum(text, "wrp_api_requests_in_flight"),
        sum(text, "wrp_delay_waiting"),
        sum(text, "wrp_delay_unfetched"),
        sum(text, "wrp_api_requests_per_resolved_run"),
        sum(text, BY_SCHEDULE + "{schedule=\"fixed\""),
        sum(text, BY_SCHEDULE + "{schedule=\"learned\""),
        sum(text, BY_SCHEDULE + "{schedule=\"hinted\""));
  }

  private static final String BY_SCHEDULE = "wrp_results_by_schedule_total";

  List<CostSum> costs() throws IOException {
    return parseCosts(get("/costs"));
  }

  /** The workflows of a {@code /costs} answer, each {@code totalCost} exactly as written. */
  static List<CostSum> parseCosts(String json) throws IOException {
    try {
      return CostSumJson.parseArray(json);
    } catch (SerializationException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Sum of every sample of {@code metric} (all tag sets) in Prometheus text; {@code metric} may end
   * in the start of a tag set ({@code name{tag="value"}) to sum the samples of that tag only.
   */
  static double sum(String text, String metric) {
    double total = 0;
    boolean tagged = metric.contains("{");
    for (String line : text.split("\n")) {
      if (tagged
          ? line.startsWith(metric + ",") || line.startsWith(metric + "}")
          : line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
        String value = line.substring(line.lastIndexOf(' ') + 1);
        try {
          double v = Double.parseDouble(value);
          if (!Double.isNaN(v)) {
            total += v;
          }
        } catch (NumberFormatException ignored) {
          // a line we do not understand counts as nothing
        }
      }
    }
    return total;
  }

  private String get(String path) throws IOException {
    BoundedGet.Answer answer;
    try {
      answer = http.get(URI.create(baseUrl + path));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(path + ": interrupted", e);
    }
    if (answer.status() != 200) {
      throw new IOException(path + " answered " + answer.status());
    }
    return answer.text();
  }
}
