package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Readiness readiness = new Readiness();
  private OpsServer server;

  record Totals(String workflowId, long runs, BigDecimal totalCost) {}

  record Window(String workflowId, long windowStart, BigDecimal totalCost) {}

  private final CostLookup costs =
      new CostLookup() {
        final Totals a = new Totals("wf-a", 2, new BigDecimal("0.30"));

        @Override
        public List<?> totals() {
          return List.of(a);
        }

        @Override
        public Optional<?> totals(String workflowId) {
          return workflowId.equals("wf-a") ? Optional.of(a) : Optional.empty();
        }

        @Override
        public Optional<List<?>> windows(String workflowId, Instant from, Instant to) {
          if (!workflowId.equals("wf-a")) {
            return Optional.empty();
          }
          return Optional.of(
              List.of(new Window("wf-a", from.toEpochMilli(), new BigDecimal("0.1000"))));
        }
      };

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private OpsServer start(Optional<CostLookup> lookup) throws Exception {
    server = OpsServer.start(0, readiness, registry, lookup);
    return server;
  }

  @Test
  void liveAnswers200WhileRunning() throws Exception {
    start(Optional.empty());
    Http.Response r = Http.get(server.port(), "/health/live");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("\"UP\"");
  }

  @Test
  void readyIs503WithEveryReasonUntilAllConditionsHold() throws Exception {
    Readiness.Flag partitions = readiness.flag("partitions", "no partitions assigned");
    Readiness.Flag apiKey = readiness.flag("apiKey", "API key not checked yet");
    start(Optional.empty());

    Http.Response notReady = Http.get(server.port(), "/health/ready");
    assertThat(notReady.status()).isEqualTo(503);
    assertThat(notReady.contentType()).startsWith("application/json");
    assertThat(notReady.body())
        .contains("\"partitions\":\"no partitions assigned\"")
        .contains("\"apiKey\":\"API key not checked yet\"");

    partitions.up();
    apiKey.down("API key refused (401)");
    assertThat(Http.get(server.port(), "/health/ready").body())
        .doesNotContain("partitions")
        .contains("API key refused (401)");

    apiKey.up();
    Http.Response ready = Http.get(server.port(), "/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("\"UP\"");
  }

  @Test
  void aFailingCheckMakesTheInstanceNotReadyInsteadOfFailingTheRequest() throws Exception {
    readiness.register(
        "streams",
        () -> {
          throw new IllegalStateException("boom");
        });
    start(Optional.empty());
    Http.Response r = Http.get(server.port(), "/health/ready");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body()).contains("boom");
  }

  @Test
  void metricsShowEveryContractNameInPrometheusText() throws Exception {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC);
    PipelineMeters meters = new PipelineMeters(registry, clock);
    meters.query("terminal");
    meters.result(Duration.ofSeconds(3));
    meters.deadLetter("NOT_FOUND");
    meters.requestsInFlight(7);
    meters.oldestFirstSeen(940_000);
    meters.rateLimitRemaining(42);
    start(Optional.empty());

    Http.Response r = Http.get(server.port(), "/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain");
    for (String name : MetricNames.ALL) {
      if (!name.equals(MetricNames.CONSUMER_LAG)) {
        assertThat(r.body()).as(name).contains(MetricNames.prometheusName(name));
      }
    }
    assertThat(r.body())
        .contains("wrp_queries_total{outcome=\"terminal\"} 1.0")
        .contains("wrp_queries_total{outcome=\"not_found\"} 0.0")
        .contains("wrp_dead_letters_total{reason=\"NOT_FOUND\"} 1.0")
        .contains("wrp_dead_letters_total{reason=\"EXPIRED\"} 0.0")
        .contains("wrp_requests_in_flight 7.0")
        .contains("wrp_delay_oldest_age_seconds 60.0")
        .contains("wrp_api_rate_limit_remaining 42.0")
        .contains("wrp_run_resolution_seconds_bucket")
        .contains("wrp_run_resolution_seconds_count 1");
  }

  @Test
  void costsAnswerFromTheAggregator() throws Exception {
    start(Optional.of(costs));
    Http.Response all = Http.get(server.port(), "/costs");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.body()).isEqualTo("[{\"workflowId\":\"wf-a\",\"runs\":2,\"totalCost\":0.30}]");

    Http.Response one = Http.get(server.port(), "/costs/wf-a");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.body()).contains("\"totalCost\":0.30");

    Http.Response windows =
        Http.get(server.port(), "/costs/wf-a/windows?from=2026-01-01T00:00:00Z&to=1767232800000");
    assertThat(windows.status()).isEqualTo(200);
    assertThat(windows.body()).contains("\"windowStart\":1767225600000");
  }

  @Test
  void unknownWorkflowIs404WithJsonReason() throws Exception {
    start(Optional.of(costs));
    Http.Response r = Http.get(server.port(), "/costs/nope");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"error\":\"unknown workflow: nope\"}");
    assertThat(Http.get(server.port(), "/costs/nope/windows").status()).isEqualTo(404);
  }

  @Test
  void badWindowParameterIs400NamingIt() throws Exception {
    start(Optional.of(costs));
    Http.Response r = Http.get(server.port(), "/costs/wf-a/windows?from=yesterday");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("from must be an ISO-8601 instant");
    Http.Response reversed = Http.get(server.port(), "/costs/wf-a/windows?from=2000&to=1000");
    assertThat(reversed.status()).isEqualTo(400);
  }

  @Test
  void costsWithoutAggregatorSayWhy() throws Exception {
    start(Optional.empty());
    Http.Response r = Http.get(server.port(), "/costs");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).contains("runs no aggregator");
    assertThat(Http.get(server.port(), "/elsewhere").status()).isEqualTo(404);
  }

  @Test
  void workflowIdsAreUrlDecoded() throws Exception {
    start(Optional.of(costs));
    assertThat(Http.get(server.port(), "/costs/wf%2Da").status()).isEqualTo(200);
  }
}
