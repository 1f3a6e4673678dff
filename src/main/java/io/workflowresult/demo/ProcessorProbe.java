package io.workflowresult.demo;

import io.workflowresult.aggregate.CostSum;
import io.workflowresult.aggregate.CostSumJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;

/** Reads a running processor's {@code /metrics} and {@code /costs} for the demo. */
final class ProcessorProbe {
  private final String baseUrl;

  ProcessorProbe(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** The figures of the progress line, from {@code /metrics}. */
  record Gauges(
      double results, double deadLetters, double inFlight, double waiting, double unfetched) {}

  Gauges gauges() throws IOException {
    String text = get("/metrics");
    return new Gauges(
        sum(text, "wrp_results_total"),
        sum(text, "wrp_dead_letters_total"),
        sum(text, "wrp_api_requests_in_flight"),
        sum(text, "wrp_delay_waiting"),
        sum(text, "wrp_delay_unfetched"));
  }

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

  /** Sum of every sample of {@code metric} (all tag sets) in Prometheus text. */
  static double sum(String text, String metric) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
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
    HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
    c.setConnectTimeout(2_000);
    c.setReadTimeout(5_000);
    try {
      int status = c.getResponseCode();
      if (status != 200) {
        throw new IOException(path + " answered " + status);
      }
      try (InputStream in = c.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } finally {
      c.disconnect();
    }
  }
}
