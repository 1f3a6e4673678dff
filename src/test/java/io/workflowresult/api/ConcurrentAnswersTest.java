package io.workflowresult.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import io.workflowresult.testing.StubApiServer;
import io.workflowresult.testing.TestConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers never cross between concurrent queries: each outcome is for the run it asked about, and
 * no answer names another run — against the test stub and against the simulator, with small server
 * pools and thousands of queries in flight.
 */
class ConcurrentAnswersTest {

  private static final Logger log = LoggerFactory.getLogger(ConcurrentAnswersTest.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int QUERIES = 1000;

  @Test
  void stubHandsEachResponderItsOwnRequest() throws Exception {
    // Both requests are inside the stub before either is answered: an answer chosen from state
    // shared between exchanges (JDK 17's HttpExchange attributes are the context's) would cross.
    CountDownLatch bothArrived = new CountDownLatch(2);
    try (StubApiServer stub = new StubApiServer();
        WorkflowApiClient client = client(stub.baseUrl())) {
      stub.answer(
          exchange -> {
            bothArrived.countDown();
            bothArrived.await(10, TimeUnit.SECONDS);
            StubApiServer.send(exchange, 200, Map.of(), answerFor(exchange));
          });

      CompletableFuture<QueryOutcome> first = client.query("run-a");
      CompletableFuture<QueryOutcome> second = client.query("run-b");

      assertOwnTerminal(first.get(20, TimeUnit.SECONDS), "run-a");
      assertOwnTerminal(second.get(20, TimeUnit.SECONDS), "run-b");
    }
  }

  @Test
  void thousandsOfConcurrentQueriesToTheStubNeverCross() throws Exception {
    try (StubApiServer stub = new StubApiServer(2);
        WorkflowApiClient client = client(stub.baseUrl())) {
      stub.answer(exchange -> StubApiServer.send(exchange, 200, Map.of(), answerFor(exchange)));

      assertNoneCrossed(client, "stub");
    }
  }

  @Test
  void thousandsOfConcurrentQueriesToTheSimulatorNeverCross() throws Exception {
    try (SimulatorServer simulator =
            SimulatorServer.start(
                SimulatorOptions.builder()
                    .port(0)
                    .apiKey(WorkflowApiClientTest.KEY)
                    .runTime(Duration.ZERO)
                    .workerThreads(2)
                    .build());
        WorkflowApiClient client = client(URI.create(simulator.baseUrl()))) {
      assertNoneCrossed(client, "simulator");
    }
  }

  private static void assertNoneCrossed(WorkflowApiClient client, String against) throws Exception {
    List<CompletableFuture<QueryOutcome>> futures = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < QUERIES; i++) {
      futures.add(client.query("load-" + i));
    }
    Map<String, Integer> kinds = new TreeMap<>();
    List<String> crossed = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (int i = 0; i < QUERIES; i++) {
      QueryOutcome outcome = futures.get(i).get(30, TimeUnit.SECONDS);
      kinds.merge(kind(outcome), 1, Integer::sum);
      if (!outcome.runId().equals("load-" + i) || outcome instanceof QueryOutcome.Malformed) {
        crossed.add("load-" + i + ": " + outcome);
      } else if (!(outcome instanceof QueryOutcome.Terminal) && others.size() < 3) {
        others.add(outcome.toString());
      }
    }
    log.info(
        "{} concurrent queries against the {} in {} ms: {}; e.g. {}",
        QUERIES,
        against,
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        kinds,
        others);
    assertThat(crossed).as("answers that crossed, against the %s", against).isEmpty();
    assertThat(kinds.getOrDefault("Terminal", 0))
        .as("terminal answers against the %s (%s)", against, kinds)
        .isGreaterThan(QUERIES / 2);
  }

  private static String kind(QueryOutcome outcome) {
    return outcome instanceof QueryOutcome.Transient t
        ? "Transient " + t.failure()
        : outcome.getClass().getSimpleName();
  }

  private static void assertOwnTerminal(QueryOutcome outcome, String runId) {
    assertThat(outcome).as("outcome of %s", runId).isInstanceOf(QueryOutcome.Terminal.class);
    assertThat(outcome.runId()).isEqualTo(runId);
  }

  private static String answerFor(com.sun.net.httpserver.HttpExchange exchange)
      throws java.io.IOException {
    String runId =
        MAPPER.readTree(StubApiServer.request(exchange).body()).get("workflowRunId").asText();
    return WorkflowApiClientTest.run(runId, "SUCCEED");
  }

  private static WorkflowApiClient client(URI baseUrl) {
    return new WorkflowApiClient(
        TestConfig.api(
            baseUrl,
            WorkflowApiClientTest.KEY,
            Duration.ofSeconds(20),
            1024 * 1024,
            8 * 1024 * 1024),
        Clock.systemUTC());
  }
}
