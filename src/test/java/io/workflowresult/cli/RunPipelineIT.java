package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowresult.config.AppConfig;
import io.workflowresult.pipeline.PipelineAssembly;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import io.workflowresult.testing.KafkaTestCluster;
import io.workflowresult.testing.TestConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code run}'s pipeline, every role in one process, against a real broker and the simulator. */
class RunPipelineIT {
  private SimulatorServer api;
  private AutoCloseable pipeline;
  private int port;
  private AppConfig config;

  @BeforeEach
  void givenASimulatorAndAConfiguration() throws Exception {
    api =
        SimulatorServer.start(
            SimulatorOptions.builder().port(0).apiKey("k").runTime(Duration.ofMillis(300)).build());
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    config =
        TestConfig.onTestBroker(KafkaTestCluster.unique("run"))
            .set("state.dir", Files.createTempDirectory("run-state").toString())
            .set("api.base-url", api.baseUrl())
            .apiKey("k")
            .setAll(
                "topics.partitions", "2",
                "topics.replication-factor", "1",
                "poll.initial-delay", "500ms",
                "poll.not-found-retries", "0",
                "shutdown.timeout", "5s",
                "http.port", Integer.toString(port),
                "http.advertised-host", "127.0.0.1")
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    api.close();
  }

  @Test
  void resolvesRunsAndShowsThemOnTheEndpoints() throws Exception {
    // Given the pipeline with every role
    pipeline = PipelineAssembly.start(config, AppConfig.Role.ALL);
    await("ready")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(get("/health/ready")).startsWith("200"));

    // When 10 runs, an unknown one and bad input arrive
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestCluster.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(config.topics().input(), "run-" + i));
      }
      producer.send(new ProducerRecord<>(config.topics().input(), "unknown-1"));
      producer.send(new ProducerRecord<>(config.topics().input(), "{\"nope\": 1}"));
    }

    // Then the metrics show 10 results and two dead letters, with their reasons
    await("10 results and 2 dead letters on /metrics")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(get("/metrics"))
                    .contains("wrp_results_total 10.0")
                    .contains("wrp_dead_letters_total{reason=\"not_found\"} 1.0")
                    .contains("wrp_dead_letters_total{reason=\"invalid_input\"} 1.0")
                    .contains("wrp_intake_records_total{outcome=\"accepted\"} 11.0")
                    .contains("wrp_api_requests_in_flight 0.0"));
    assertThat(get("/metrics")).contains("wrp_api_responses_total{outcome=\"terminal\"} 10.0");

    // And /costs, read back from the aggregator, counts each run once
    await("10 runs on /costs")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              String costs = get("/costs");
              assertThat(costs).startsWith("200 ");
              long runs = 0;
              for (JsonNode w : new ObjectMapper().readTree(costs.substring(4))) {
                runs += w.path("runs").asLong();
              }
              assertThat(runs).as(costs).isEqualTo(10);
            });
    assertThat(get("/costs/no-such-workflow")).startsWith("404 ");
    assertThat(get("/health/live")).startsWith("200");

    // When it stops, it stops within shutdown.timeout and the endpoints go away
    long start = System.nanoTime();
    pipeline.close();
    pipeline = null;
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    assertThat(get("/health/live")).isEqualTo("unreachable");
  }

  private String get(String path) {
    try {
      HttpURLConnection c =
          (HttpURLConnection)
              URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
      c.setConnectTimeout(2_000);
      c.setReadTimeout(5_000);
      int status = c.getResponseCode();
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        return status + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      return "unreachable";
    }
  }
}
