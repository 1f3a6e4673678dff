package io.workflowresult.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.api.QueryOutcome.TransientKind;
import io.workflowresult.simulator.SimulatedRun;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.SimulatorServer;
import io.workflowresult.testing.TestConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client against the project's API simulator (a real HTTP server), one outcome each. */
class WorkflowApiClientSimulatorTest {

  private static final Logger log = LoggerFactory.getLogger(WorkflowApiClientSimulatorTest.class);
  private static final String KEY = "sim-key";
  private static final long MIB = 1024 * 1024;

  private static SimulatorServer simulator;

  @BeforeAll
  static void startSimulator() {
    simulator =
        SimulatorServer.start(
            SimulatorOptions.builder().port(0).apiKey(KEY).runTime(Duration.ZERO).build());
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  private static WorkflowApiClient client(String key, Duration timeout, long maxPayload) {
    return new WorkflowApiClient(
        TestConfig.api(URI.create(simulator.baseUrl()), key, timeout, maxPayload, 64 * MIB),
        Clock.systemUTC());
  }

  private static QueryOutcome query(String runId) throws Exception {
    try (WorkflowApiClient client = client(KEY, Duration.ofSeconds(10), MIB)) {
      return client.query(runId).get(30, TimeUnit.SECONDS);
    }
  }

  private static String succeedingRun(String prefix) {
    for (int i = 0; ; i++) {
      if (simulator.simulator().expectedTerminal(prefix + i).terminalStatus().equals("SUCCEED")) {
        return prefix + i;
      }
    }
  }

  @Test
  void finishedRunIsTerminalWithTheSimulatorsExactCost() throws Exception {
    SimulatedRun expected = simulator.simulator().expectedTerminal("sim-run-1");

    QueryOutcome.Terminal terminal = (QueryOutcome.Terminal) query("sim-run-1");

    assertThat(terminal.status()).isEqualTo(expected.terminalStatus());
    assertThat(terminal.totalCost()).contains(expected.totalCost());
    assertThat(terminal.truncated()).isFalse();
  }

  @Test
  void unknownRunIsNotFound() throws Exception {
    QueryOutcome.NotFound notFound = (QueryOutcome.NotFound) query("unknown-1");

    assertThat(notFound.detail()).startsWith("WORKFLOW_RUN_NOT_FOUND: ");
  }

  @Test
  void wrongKeyIsUnauthorized() throws Exception {
    try (WorkflowApiClient client = client("wrong", Duration.ofSeconds(10), MIB)) {
      assertThat(client.query("sim-run-1").get(30, TimeUnit.SECONDS))
          .isInstanceOf(QueryOutcome.Unauthorized.class);
    }
  }

  @Test
  void badAnswersAreMalformedOrUnexpected() throws Exception {
    assertThat(query("malformed-1")).isInstanceOf(QueryOutcome.Malformed.class);
    assertThat(query("mismatch-1")).isInstanceOf(QueryOutcome.Malformed.class);
    assertThat(((QueryOutcome.UnexpectedStatus) query("weird-1")).status()).isEqualTo("CANCELLED");
  }

  @Test
  void failingServerIsTransient() throws Exception {
    assertThat(((QueryOutcome.Transient) query("error-1")).failure())
        .isEqualTo(TransientKind.SERVER_ERROR);
  }

  @Test
  void slowAnswerTimesOut() throws Exception {
    try (WorkflowApiClient client = client(KEY, Duration.ofMillis(300), MIB)) {
      QueryOutcome outcome = client.query("slow-5s-1").get(30, TimeUnit.SECONDS);
      assertThat(((QueryOutcome.Transient) outcome).failure()).isEqualTo(TransientKind.TIMEOUT);
    }
  }

  @Test
  void hugeOutputIsDroppedAndTheCostKept() throws Exception {
    String runId = succeedingRun("huge-2mb-");
    SimulatedRun expected = simulator.simulator().expectedTerminal(runId);

    QueryOutcome.Terminal terminal = (QueryOutcome.Terminal) query(runId);

    assertThat(terminal.truncated()).isTrue();
    assertThat(terminal.runObject().length).isLessThan(4096);
    assertThat(terminal.totalCost()).contains(expected.totalCost());
  }

  @Test
  void answerOverTheMaxResponseIsTooLarge() throws Exception {
    // FAILED runs have an empty output: take one that succeeds.
    String runId = succeedingRun("huge-70mb-");

    assertThat(query(runId)).isInstanceOf(QueryOutcome.TooLarge.class);
  }

  @Test
  void manyRunsWithBoundedConcurrencyAllFinish() throws Exception {
    int runs = 500;
    Semaphore permits = new Semaphore(64);
    List<CompletableFuture<QueryOutcome>> outcomes = new ArrayList<>();
    long started = System.nanoTime();
    try (WorkflowApiClient client = client(KEY, Duration.ofSeconds(10), MIB)) {
      for (int i = 0; i < runs; i++) {
        permits.acquire();
        outcomes.add(client.query("load-" + i).whenComplete((o, e) -> permits.release()));
      }
      for (CompletableFuture<QueryOutcome> outcome : outcomes) {
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(QueryOutcome.Terminal.class);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    log.info(
        "{} queries, 64 in flight, in {} ms ({} per second)",
        runs,
        took.toMillis(),
        runs * 1000L / Math.max(1, took.toMillis()));
  }
}
