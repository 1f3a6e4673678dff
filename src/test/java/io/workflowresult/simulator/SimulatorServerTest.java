package io.workflowresult.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private SimulatorServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private SimulatorServer start(SimulatorOptions.Builder options) {
    server = SimulatorServer.start(options.port(0).build());
    return server;
  }

  private HttpRequest query(String runId, String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/workflow/query/result"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"workflowRunId\": \"" + runId + "\"}"));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return request.build();
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build());
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void answersTheSeedRequestWithTheRunObject() throws Exception {
    start(SimulatorOptions.builder().apiKey("k").runTime(Duration.ZERO));
    HttpResponse<String> response = send(query("xxxxxxxx", "k"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode run = json(response);
    assertThat(run.get("workflowRunId").asText()).isEqualTo("xxxxxxxx");
    assertThat(run.get("status").asText()).isIn("SUCCEED", "FAILED");
    assertThat(run.get("workflowId").asText()).startsWith("wf-");
  }

  @Test
  void refusesAWrongOrMissingKey() throws Exception {
    start(SimulatorOptions.builder().apiKey("k"));
    HttpResponse<String> wrong = send(query("xxxxxxxx", "other"));
    HttpResponse<String> missing = send(query("xxxxxxxx", null));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong).at("/error/status").asInt()).isEqualTo(401);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(server.simulator().firstQueryAt("xxxxxxxx")).isEmpty();
  }

  @Test
  void unknownRunIsNotFoundWithAnErrorBody() throws Exception {
    start(SimulatorOptions.builder());
    HttpResponse<String> response = send(query("unknown-42", null));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("WORKFLOW_RUN_NOT_FOUND");
  }

  @Test
  void errorRateAnswersServerErrors() throws Exception {
    start(SimulatorOptions.builder().errorRate(1.0));
    Set<Integer> codes = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      HttpResponse<String> response = send(query("run-" + i, null));
      codes.add(response.statusCode());
      assertThat(json(response).at("/error/status").asInt()).isEqualTo(response.statusCode());
    }
    assertThat(codes).containsExactlyInAnyOrder(500, 503);
  }

  @Test
  void someErrorsAtAFractionalRate() {
    Simulator sim = new Simulator(SimulatorOptions.builder().errorRate(0.2).build());
    long errors =
        IntStream.range(0, 2000)
            .filter(i -> sim.answer(null, bodyOf("run-" + i)).httpStatus() >= 500)
            .count();
    assertThat(errors).isBetween(340L, 460L);
  }

  @Test
  void throttleRateAnswersTooManyRequestsWithHeaders() throws Exception {
    start(SimulatorOptions.builder().throttleRate(1.0));
    HttpResponse<String> response = send(query("run-1", null));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(response.headers().firstValue("X-RateLimit-Limit")).isPresent();
    assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    long reset = Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow());
    assertThat(reset).isGreaterThan(System.currentTimeMillis() / 1000 - 1);
  }

  @Test
  void rateLimitCountsDownAndRefusesPastTheLimit() throws Exception {
    start(SimulatorOptions.builder().rateLimit(RateLimitSpec.parse("3/1h")));
    List<String> remaining = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response = send(query("run-" + i, null));
      assertThat(response.statusCode()).isEqualTo(200);
      remaining.add(response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }
    HttpResponse<String> refused = send(query("run-9", null));

    assertThat(remaining).containsExactly("2", "1", "0");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
    assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 3600L);
  }

  @Test
  void countsRequestsAndTheMostInFlightWithoutAThreadPerWait() {
    start(
        SimulatorOptions.builder()
            .latency(Duration.ofMillis(300))
            .runTime(Duration.ZERO)
            .workerThreads(2));
    int concurrent = 100;
    List<CompletableFuture<HttpResponse<String>>> answers =
        IntStream.range(0, concurrent)
            .mapToObj(
                i ->
                    client.sendAsync(
                        query("run-" + i % 50, null), HttpResponse.BodyHandlers.ofString()))
            .toList();
    answers.forEach(CompletableFuture::join);

    await("all answers counted")
        .atMost(Duration.ofSeconds(5))
        .until(() -> server.stats().inFlight() == 0);
    SimulatorStats stats = server.stats();
    assertThat(stats.requests()).isEqualTo(concurrent);
    assertThat(stats.withStatus(200)).isEqualTo(concurrent);
    assertThat(stats.distinctRuns()).isEqualTo(50);
    // two workers and a 300 ms latency: only answers that wait without a thread get this high
    assertThat(stats.maxInFlight()).as("max in flight").isGreaterThan(50);
  }

  @Test
  void servesStatsTruthAndReset() throws Exception {
    start(SimulatorOptions.builder().runTime(Duration.ZERO));
    send(query("run-1", null));
    send(query("run-1", null));
    send(query("unknown-1", null));

    JsonNode stats = json(get("/stats"));
    JsonNode runStats = json(get("/stats/runs?id=run-1"));
    JsonNode truth = json(get("/truth?id=run-2"));
    JsonNode reset =
        json(
            send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/stats/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build()));

    assertThat(stats.get("requests").asLong()).isEqualTo(3);
    assertThat(stats.at("/byStatus/200").asLong()).isEqualTo(2);
    assertThat(stats.at("/byStatus/404").asLong()).isEqualTo(1);
    assertThat(stats.get("distinctRuns").asLong()).isEqualTo(2);
    assertThat(runStats.get("requests").asLong()).isEqualTo(2);
    assertThat(runStats.get("firstQueryAt").isNumber()).isTrue();
    SimulatedRun expected = server.simulator().expectedTerminal("run-2");
    assertThat(truth.at("/run/status").asText()).isEqualTo(expected.terminalStatus());
    assertThat(truth.at("/run/totalCost").decimalValue()).isEqualTo(expected.totalCost());
    assertThat(truth.get("firstQueryAt").isNull()).isTrue();
    assertThat(server.simulator().firstQueryAt("run-2")).isEmpty();
    assertThat(reset.get("requests").asLong()).isZero();
  }

  @Test
  void startsRunsOnAnAdminCallAndShowsWhenInTheTruth() throws Exception {
    start(SimulatorOptions.builder());
    HttpResponse<String> started =
        post(
            "/runs/start",
            "{\"workflowRunIds\": [\"s-1\", \"s-2\"], \"workflowId\": \"wf-31b9f4c2\"}");
    HttpResponse<String> refused =
        post("/runs/start", "{\"workflowRunIds\": [\"s-3\"], \"workflowId\": \"wf-none\"}");

    assertThat(started.statusCode()).isEqualTo(200);
    JsonNode runs = json(started).get("started");
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).get("workflowId").asText()).isEqualTo("wf-31b9f4c2");
    long startedAt = runs.get(1).get("startedAt").asLong();
    assertThat(json(get("/truth?id=s-2")).get("startedAt").asLong()).isEqualTo(startedAt);
    assertThat(server.simulator().startedAt("s-1")).hasValue(startedAt);
    assertThat(server.stats().requests()).isZero();
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).at("/error/message").asText()).contains("wf-none");
  }

  private static byte[] bodyOf(String runId) {
    return ("{\"workflowRunId\": \"" + runId + "\"}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void logsEveryRequestAndTakesANewKeyAndErrorRateWhileRunning() throws Exception {
    start(SimulatorOptions.builder().apiKey("old").throttleRate(0.0));

    assertThat(send(query("log-1", "new")).statusCode()).isEqualTo(401);
    server.simulator().acceptKey("new");
    assertThat(send(query("log-1", "new")).statusCode()).isEqualTo(200);
    server.simulator().errorRate(1.0);
    assertThat(send(query("log-2", "new")).statusCode()).isIn(500, 503);
    server.simulator().errorRate(0.0);
    assertThat(send(query("log-2", "new")).statusCode()).isEqualTo(200);

    List<LoggedRequest> log = server.simulator().requestLog();
    assertThat(log)
        .extracting(LoggedRequest::runId)
        .containsExactly("log-1", "log-1", "log-2", "log-2");
    assertThat(log.get(1).httpStatus()).isEqualTo(200);
    assertThat(log)
        .allSatisfy(r -> assertThat(r.answeredAtMs()).isGreaterThanOrEqualTo(r.arrivedAtMs()));
    server.resetStats();
    assertThat(server.simulator().requestLog()).isEmpty();
  }

  @Test
  void aCutAnswerEndsTheConnectionMidBody() throws Exception {
    start(SimulatorOptions.builder().runTime(Duration.ZERO));
    ConnectionFaults faults = new ConnectionFaults(0, Duration.ZERO, 1.0);
    server.simulator().connectionFaults(faults);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(query("run-cut", null)))
        .isInstanceOf(IOException.class);
    assertThat(faults.cut()).isEqualTo(1);
  }

  @Test
  void aSlowedAnswerArrivesOnlyAfterTheHoldBack() throws Exception {
    start(SimulatorOptions.builder().runTime(Duration.ZERO));
    server.simulator().connectionFaults(new ConnectionFaults(1.0, Duration.ofMillis(600), 0));

    long start = System.nanoTime();
    HttpResponse<String> answer = send(query("run-slowed", null));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(600));
  }

  @Test
  void connectionFaultsNeverTouchAnErrorAnswer() throws Exception {
    start(SimulatorOptions.builder().runTime(Duration.ZERO));
    server.simulator().connectionFaults(new ConnectionFaults(0, Duration.ZERO, 1.0));

    assertThat(send(query("unknown-1", null)).statusCode()).isEqualTo(404);
  }
}
