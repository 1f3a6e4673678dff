package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.testing.Http;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Readiness readiness = new Readiness();
  private OpsServer server;

  /** Answers like the aggregator's routes: knows workflow wf-a only, echoes the query. */
  private final CostLookup costs =
      (path, query) ->
          switch (path) {
            case "/costs" -> new CostLookup.Answer(200, "[{\"workflowId\":\"wf-a\"}]");
            case "/costs/wf-a" -> new CostLookup.Answer(200, "{\"totalCost\":0.30}");
            case "/costs/wf-a/windows" ->
                new CostLookup.Answer(200, "{\"query\":\"" + query + "\"}");
            default -> new CostLookup.Answer(404, "{\"error\":\"unknown workflow\"}");
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
  void readyShowsThePartitionsEachPartOwns() throws Exception {
    readiness.owns("intake", () -> 0);
    readiness.owns("resolver", () -> 3);
    start(Optional.empty());

    Http.Response ready = Http.get(server.port(), "/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body())
        .isEqualTo("{\"status\":\"UP\",\"partitions\":{\"intake\":0,\"resolver\":3}}");
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
  void metricsShowTheServiceMetersInPrometheusText() throws Exception {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_000), ZoneOffset.UTC);
    PipelineMeters meters = new PipelineMeters(registry, clock);
    meters.query("terminal");
    meters.result(Duration.ofSeconds(3));
    meters.deadLetter(DeadLetterReason.NOT_FOUND);
    meters.requestsInFlight(7);
    meters.oldestWaitingAge(Duration.ofSeconds(60));
    meters.rateLimitRemaining(42);
    meters.requestsPerResolvedRun(3.25);
    meters.api().request("terminal", Duration.ofMillis(40));
    meters.api().gateClosed("unauthorized", true);
    start(Optional.empty());

    Http.Response r = Http.get(server.port(), "/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(r.body())
        .contains("wrp_api_responses_total{outcome=\"terminal\"} 1.0")
        .contains("wrp_api_responses_total{outcome=\"not_found\"} 0.0")
        .contains("wrp_dead_letters_total{reason=\"not_found\"} 1.0")
        .contains("wrp_dead_letters_total{reason=\"expired\"} 0.0")
        .contains("wrp_api_requests_in_flight 7.0")
        .contains("wrp_delay_oldest_age_seconds 60.0")
        .contains("wrp_delay_oldest_first_seen_timestamp_seconds 940.0")
        .contains("wrp_api_rate_limit_remaining 42.0")
        .contains("wrp_api_requests_per_resolved_run 3.25")
        .contains("wrp_api_request_duration_seconds_bucket{outcome=\"terminal\",le=\"0.05\"} 1")
        .contains("wrp_api_gate_closed{condition=\"unauthorized\"} 1.0")
        .contains("wrp_api_gate_closed{condition=\"throttled\"} 0.0")
        .contains("wrp_build_info{")
        .contains("wrp_run_resolution_seconds_bucket")
        .contains("wrp_run_resolution_seconds_count 1");
  }

  @Test
  void gaugesWithoutAValueAreAbsentNotNaNOrZero() throws Exception {
    PipelineMeters meters = new PipelineMeters(registry, Clock.systemUTC());
    meters.requestsPerResolvedRun(Double.NaN);
    meters.oldestFirstSeen(0);
    start(Optional.empty());

    String body = Http.get(server.port(), "/metrics").body();
    assertThat(body)
        .doesNotContain("NaN")
        .doesNotContain("wrp_api_rate_limit_remaining")
        .doesNotContain("wrp_api_requests_per_resolved_run")
        .doesNotContain("wrp_delay_oldest_first_seen_timestamp_seconds");

    meters.oldestFirstSeen(5_000);
    meters.oldestFirstSeen(0);
    assertThat(Http.get(server.port(), "/metrics").body())
        .as("gone again when no run waits")
        .doesNotContain("wrp_delay_oldest_first_seen_timestamp_seconds");
  }

  @Test
  void metricsAnswerOpenMetricsWhenTheScraperAcceptsIt() throws Exception {
    new PipelineMeters(registry, Clock.systemUTC()).query("terminal");
    start(Optional.empty());

    Http.Response r =
        Http.get(
            server.port(),
            "/metrics",
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
    assertThat(r.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(r.body()).contains("# TYPE wrp_api_responses counter").endsWith("# EOF\n");
  }

  @Test
  void costsAreForwardedToTheAggregatorAsTheyCame() throws Exception {
    start(Optional.of(costs));
    Http.Response all = Http.get(server.port(), "/costs");
    assertThat(all.status()).isEqualTo(200);
    assertThat(all.contentType()).startsWith("application/json");
    assertThat(all.body()).isEqualTo("[{\"workflowId\":\"wf-a\"}]");
    assertThat(Http.get(server.port(), "/costs/wf-a").body()).isEqualTo("{\"totalCost\":0.30}");
    assertThat(Http.get(server.port(), "/costs/wf-a/windows?from=2026-01-01T00:00:00Z&to=9").body())
        .isEqualTo("{\"query\":\"from=2026-01-01T00:00:00Z&to=9\"}");
    Http.Response unknown = Http.get(server.port(), "/costs/nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("unknown workflow");
  }

  @Test
  void probesAndScrapesAreAnsweredWhileEveryCostsRequestHangs() throws Exception {
    // Given /costs requests that hang (a slow peer), more of them than any pool has threads
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger hanging = new AtomicInteger();
    start(
        Optional.of(
            (path, query) -> {
              hanging.incrementAndGet();
              try {
                release.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return new CostLookup.Answer(200, "[]");
            }));
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 8; i++) {
        clients.submit(() -> Http.get(server.port(), "/costs"));
      }
      await("costs requests hanging")
          .atMost(Duration.ofSeconds(10))
          .until(() -> hanging.get() >= OpsServer.COSTS_THREADS);

      // Then health and metrics still answer
      assertThat(Http.get(server.port(), "/health/live").status()).isEqualTo(200);
      assertThat(Http.get(server.port(), "/health/ready").status()).isEqualTo(200);
      assertThat(Http.get(server.port(), "/metrics").status()).isEqualTo(200);
    } finally {
      release.countDown();
      clients.shutdownNow();
    }
  }

  @Test
  void costsWithoutAggregatorSayWhy() throws Exception {
    start(Optional.empty());
    Http.Response r = Http.get(server.port(), "/costs");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).contains("runs no aggregator");
    assertThat(Http.get(server.port(), "/elsewhere").status()).isEqualTo(404);
  }
}
