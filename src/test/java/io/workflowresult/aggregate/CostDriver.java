package io.workflowresult.aggregate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The production topology and Streams properties in a {@link TopologyTestDriver}, with helpers to
 * send run objects and read the latest totals and windows.
 */
final class CostDriver implements AutoCloseable {
  static final Duration WINDOW = Duration.ofHours(1);
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  final Map<AggregateMetrics.SkipReason, AtomicLong> skipped =
      new EnumMap<>(AggregateMetrics.SkipReason.class);
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, byte[]> results;
  private final TestOutputTopic<String, String> totals;
  private final TestOutputTopic<String, String> windows;
  private final Map<String, String> latestTotals = new LinkedHashMap<>();
  private final Map<String, String> latestWindows = new LinkedHashMap<>();

  CostDriver() {
    CostTopology.Settings settings =
        new CostTopology.Settings(
            "results", "totals", "windows", WINDOW, Clock.fixed(NOW, ZoneOffset.UTC));
    Topology topology =
        CostTopology.build(
            settings,
            reason -> skipped.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet());
    driver = new TopologyTestDriver(topology, properties());
    results = driver.createInputTopic("results", new StringSerializer(), new ByteArraySerializer());
    totals = driver.createOutputTopic("totals", new StringDeserializer(), new StringDeserializer());
    windows =
        driver.createOutputTopic("windows", new StringDeserializer(), new StringDeserializer());
  }

  static Properties properties() {
    try {
      Path stateDir = Files.createTempDirectory("cost-driver");
      return AggregatorStreamsConfig.properties(
          Map.of(
              StreamsConfig.APPLICATION_ID_CONFIG, "cost-test",
              StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"),
          stateDir,
          "localhost",
          8080,
          32L << 20);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TopologyTestDriver driver() {
    return driver;
  }

  void send(String runId, String json, long timestamp) {
    sendBytes(runId, json == null ? null : json.getBytes(StandardCharsets.UTF_8), timestamp);
  }

  void sendBytes(String runId, byte[] value, long timestamp) {
    results.pipeInput(runId, value, timestamp);
  }

  long skipped(AggregateMetrics.SkipReason reason) {
    AtomicLong n = skipped.get(reason);
    return n == null ? 0 : n.get();
  }

  /** Latest totals record per workflow ID, as raw JSON text. */
  Map<String, String> totalsText() {
    totals.readKeyValuesToList().forEach(kv -> latestTotals.put(kv.key, kv.value));
    return latestTotals;
  }

  /** Latest windows record per window key, as raw JSON text. */
  Map<String, String> windowsText() {
    windows.readKeyValuesToList().forEach(kv -> latestWindows.put(kv.key, kv.value));
    return latestWindows;
  }

  JsonNode totals(String workflowId) {
    String text = totalsText().get(workflowId);
    if (text == null) {
      throw new AssertionError("no totals record for " + workflowId);
    }
    return parse(text);
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
