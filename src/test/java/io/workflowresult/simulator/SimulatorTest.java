package io.workflowresult.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowresult.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private Simulator simulator(SimulatorOptions.Builder options) {
    return new Simulator(options.clock(clock).build());
  }

  private static byte[] query(String runId) {
    return ("{\"workflowRunId\": \"" + runId + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode body(SimAnswer answer) throws IOException {
    return JSON.readTree(answer.body());
  }

  @Test
  void sameSeedGivesSameRun() {
    Simulator a = simulator(SimulatorOptions.builder().seed(7));
    Simulator b = simulator(SimulatorOptions.builder().seed(7));
    for (int i = 0; i < 200; i++) {
      assertThat(a.expectedTerminal("run-" + i)).isEqualTo(b.expectedTerminal("run-" + i));
    }
  }

  @Test
  void differentSeedGivesDifferentRuns() {
    Simulator a = simulator(SimulatorOptions.builder().seed(7));
    Simulator b = simulator(SimulatorOptions.builder().seed(8));
    long differing =
        IntStream.range(0, 200)
            .filter(
                i ->
                    !a.expectedTerminal("run-" + i)
                        .totalCost()
                        .equals(b.expectedTerminal("run-" + i).totalCost()))
            .count();
    assertThat(differing).isGreaterThan(190);
  }

  @Test
  void aboutEightyFivePercentSucceed() {
    Simulator sim = simulator(SimulatorOptions.builder());
    long succeeded =
        IntStream.range(0, 2000)
            .mapToObj(i -> sim.expectedTerminal("run-" + i).terminalStatus())
            .filter(SimulatedRun.SUCCEED::equals)
            .count();
    assertThat(succeeded / 2000.0).isBetween(0.82, 0.88);
  }

  @Test
  void everyWorkflowOccurs() {
    Simulator sim = simulator(SimulatorOptions.builder());
    assertThat(
            IntStream.range(0, 500)
                .mapToObj(i -> sim.expectedTerminal("run-" + i).workflow())
                .distinct())
        .containsExactlyInAnyOrderElementsOf(Workflow.CATALOG);
  }

  @Test
  void goesFromPendingToRunningToTerminalOverTime() throws IOException {
    Simulator sim =
        simulator(
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ofSeconds(10), Duration.ofSeconds(20))));
    String id = idWithPendingPhase(sim);
    SimulatedRun run = sim.expectedTerminal(id);
    long first = clock.millis();

    assertThat(body(sim.answer(null, query(id))).get("status").asText()).isEqualTo("PENDING");
    clock.advance(Duration.ofMillis(run.pendingMillis()));
    JsonNode running = body(sim.answer(null, query(id)));
    clock.advance(Duration.ofMillis(run.runTimeMillis() - run.pendingMillis() - 1));
    JsonNode stillRunning = body(sim.answer(null, query(id)));
    clock.advance(Duration.ofMillis(1));
    JsonNode terminal = body(sim.answer(null, query(id)));

    assertThat(running.get("status").asText()).isEqualTo("RUNNING");
    assertThat(running.has("endTime")).isFalse();
    assertThat(running.has("totalCost")).isFalse();
    assertThat(running.get("startTime").asLong()).isEqualTo(first + run.pendingMillis());
    assertThat(stillRunning.get("status").asText()).isEqualTo("RUNNING");
    assertThat(terminal.get("status").asText()).isEqualTo(run.terminalStatus());
    assertThat(terminal.get("endTime").asLong()).isEqualTo(first + run.runTimeMillis());
    assertThat(terminal.get("totalCost").decimalValue()).isEqualTo(run.totalCost());
  }

  @Test
  void pendingAnswerHasNoTimesAndNoCost() throws IOException {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ofSeconds(10)));
    JsonNode pending = body(sim.answer(null, query(idWithPendingPhase(sim))));

    assertThat(pending.get("status").asText()).isEqualTo("PENDING");
    assertThat(pending.has("startTime") || pending.has("endTime")).isFalse();
    assertThat(pending.has("totalCost") || pending.has("totalTokens")).isFalse();
  }

  @Test
  void zeroRunTimeIsTerminalAtFirstQuery() throws IOException {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ZERO));
    for (int i = 0; i < 50; i++) {
      String status = body(sim.answer(null, query("run-" + i))).get("status").asText();
      assertThat(status).isIn("SUCCEED", "FAILED");
    }
  }

  @Test
  void truthDoesNotStartTheClock() {
    Simulator sim = simulator(SimulatorOptions.builder());
    sim.truthJson("run-1");
    sim.expectedTerminal("run-1");
    assertThat(sim.firstQueryAt("run-1")).isEmpty();
  }

  @Test
  void clockStartsAtFirstQueryOnly() {
    Simulator sim = simulator(SimulatorOptions.builder());
    long first = clock.millis();
    sim.answer(null, query("run-1"));
    clock.advance(Duration.ofSeconds(3));
    sim.answer(null, query("run-1"));
    assertThat(sim.firstQueryAt("run-1")).hasValue(first);
  }

  @Test
  void costHasExactlyFourDecimalsInTheBody() {
    Pattern fourDecimals = Pattern.compile("\"totalCost\":\\d+\\.\\d{4}[,}]");
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ZERO));
    for (int i = 0; i < 500; i++) {
      SimAnswer answer = sim.answer(null, query("cost-" + i));
      String text = new String(answer.body(), StandardCharsets.UTF_8);
      assertThat(fourDecimals.matcher(text).find()).as(text).isTrue();
      assertThat(sim.expectedTerminal("cost-" + i).totalCost().scale()).isEqualTo(4);
    }
  }

  @Test
  void keepsTheSeedsFieldOrder() throws IOException {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ZERO));
    String text = new String(sim.answer(null, query("order-1")).body(), StandardCharsets.UTF_8);
    assertThat(text.indexOf("\"output\"")).isLessThan(text.indexOf("\"status\""));
    assertThat(text.indexOf("\"input\"")).isLessThan(text.indexOf("\"totalCost\""));
  }

  @Test
  void unknownRunIsNotFound() throws IOException {
    SimAnswer answer = simulator(SimulatorOptions.builder()).answer(null, query("unknown-1"));
    assertThat(answer.httpStatus()).isEqualTo(404);
    assertThat(body(answer).at("/error/code").asText()).isEqualTo("WORKFLOW_RUN_NOT_FOUND");
    assertThat(body(answer).at("/error/status").asInt()).isEqualTo(404);
  }

  @Test
  void requestWithoutRunIdIsBadRequest() {
    Simulator sim = simulator(SimulatorOptions.builder());
    assertThat(sim.answer(null, "{}".getBytes(StandardCharsets.UTF_8)).httpStatus()).isEqualTo(400);
    assertThat(sim.answer(null, "not json".getBytes(StandardCharsets.UTF_8)).httpStatus())
        .isEqualTo(400);
  }

  @Test
  void wrongOrMissingKeyIsUnauthorized() {
    Simulator sim = simulator(SimulatorOptions.builder().apiKey("k"));
    assertThat(sim.answer("Bearer other", query("run-1")).httpStatus()).isEqualTo(401);
    assertThat(sim.answer(null, query("run-1")).httpStatus()).isEqualTo(401);
    assertThat(sim.answer("Bearer k", query("run-1")).httpStatus()).isEqualTo(200);
  }

  @Test
  void malformedRunLacksStatus() throws IOException {
    SimAnswer answer = simulator(SimulatorOptions.builder()).answer(null, query("malformed-1"));
    assertThat(answer.httpStatus()).isEqualTo(200);
    assertThat(body(answer).has("status")).isFalse();
  }

  @Test
  void weirdRunIsCancelled() throws IOException {
    SimAnswer answer = simulator(SimulatorOptions.builder()).answer(null, query("weird-1"));
    assertThat(body(answer).get("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void mismatchRunNamesAnotherRun() throws IOException {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ZERO));
    assertThat(body(sim.answer(null, query("mismatch-1"))).get("workflowRunId").asText())
        .isNotEqualTo("mismatch-1");
  }

  @Test
  void hugeRunHasTheOutputSizeItsIdNames() throws IOException {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ZERO));
    assertThat(body(sim.answer(null, query("huge-300kb-1"))).at("/output/text").asText())
        .hasSize(300 * 1024);
    assertThat(sim.expectedTerminal("huge-x").outputBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(sim.expectedTerminal("huge-1").outputBytes()).isEqualTo(2 * 1024 * 1024);
  }

  @Test
  void slowRunIsDelayedByTheDurationItsIdNames() {
    Simulator sim = simulator(SimulatorOptions.builder().latency(Duration.ofMillis(5)));
    assertThat(sim.answer(null, query("slow-15s-1")).delayMillis()).isEqualTo(15_005);
    assertThat(sim.answer(null, query("slow-a")).delayMillis()).isEqualTo(30_005);
    assertThat(sim.answer(null, query("plain-1")).delayMillis()).isEqualTo(5);
  }

  @Test
  void pendingRunNeverFinishes() throws IOException {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ZERO));
    sim.answer(null, query("pending-1"));
    clock.advance(Duration.ofDays(3));
    assertThat(body(sim.answer(null, query("pending-1"))).get("status").asText())
        .isEqualTo("PENDING");
  }

  @Test
  void errorRunAlwaysFails() {
    Simulator sim = simulator(SimulatorOptions.builder());
    for (int i = 0; i < 3; i++) {
      assertThat(sim.answer(null, query("error-1")).httpStatus()).isEqualTo(500);
    }
  }

  @Test
  void flakyRunIsUnavailableAsOftenAsItsIdSaysThenAnswers() {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ZERO));
    assertThat(sim.answer(null, query("flaky-3-a")).httpStatus()).isEqualTo(503);
    assertThat(sim.answer(null, query("flaky-3-a")).httpStatus()).isEqualTo(503);
    assertThat(sim.answer(null, query("flaky-3-a")).httpStatus()).isEqualTo(503);
    assertThat(sim.answer(null, query("flaky-3-a")).httpStatus()).isEqualTo(200);
    assertThat(sim.expectedTerminal("flaky-b").refusals()).isEqualTo(2);
  }

  @Test
  void lateRunIsNotFoundAtFirstAndItsClockStartsWhenVisible() {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ZERO));
    assertThat(sim.answer(null, query("late-2-a")).httpStatus()).isEqualTo(404);
    clock.advance(Duration.ofSeconds(1));
    assertThat(sim.answer(null, query("late-2-a")).httpStatus()).isEqualTo(404);
    assertThat(sim.firstQueryAt("late-2-a")).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(sim.answer(null, query("late-2-a")).httpStatus()).isEqualTo(200);
    assertThat(sim.firstQueryAt("late-2-a")).hasValue(clock.millis());
  }

  @Test
  void throttledAnswerCarriesTheConfiguredRetryAfter() {
    Simulator sim =
        simulator(
            SimulatorOptions.builder().throttleRate(1.0).throttleRetryAfter(Duration.ofSeconds(7)));
    SimAnswer answer = sim.answer(null, query("run-1"));
    assertThat(answer.httpStatus()).isEqualTo(429);
    assertThat(answer.headers()).containsEntry("Retry-After", "7");
    assertThat(answer.headers())
        .containsEntry("X-RateLimit-Reset", Long.toString(clock.millis() / 1000 + 7));
  }

  @Test
  void faultsRepeatWithTheSameSeed() {
    Simulator a = simulator(SimulatorOptions.builder().errorRate(0.3).throttleRate(0.2));
    Simulator b = simulator(SimulatorOptions.builder().errorRate(0.3).throttleRate(0.2));
    for (int i = 0; i < 300; i++) {
      String id = "run-" + i % 60;
      assertThat(a.answer(null, query(id)).httpStatus())
          .isEqualTo(b.answer(null, query(id)).httpStatus());
    }
  }

  @Test
  void countsRequestsPerRunUntilReset() {
    Simulator sim = simulator(SimulatorOptions.builder());
    sim.answer(null, query("run-1"));
    sim.answer(null, query("run-1"));
    sim.answer(null, query("run-2"));
    assertThat(sim.requestsFor("run-1")).isEqualTo(2);
    assertThat(sim.requestsByRun()).containsOnly(entry("run-1", 2L), entry("run-2", 1L));
    assertThat(sim.stats().distinctRuns()).isEqualTo(2);

    sim.resetStats();
    sim.answer(null, query("run-2"));

    assertThat(sim.requestsFor("run-1")).isZero();
    assertThat(sim.stats().distinctRuns()).isEqualTo(1);
    assertThat(sim.firstQueryAt("run-1")).isPresent();
  }

  @Test
  void aStartedRunsClockRunsFromItsStartNotItsFirstQuery() throws IOException {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ofSeconds(10)));
    long startedAt = clock.millis();
    sim.start(List.of("started-1"), Optional.empty());
    clock.advance(Duration.ofSeconds(10));

    JsonNode answer = body(sim.answer(null, query("started-1")));

    assertThat(answer.get("status").asText()).isIn("SUCCEED", "FAILED");
    assertThat(answer.get("endTime").asLong()).isEqualTo(startedAt + 10_000);
    assertThat(sim.startedAt("started-1")).hasValue(startedAt);
    assertThat(sim.firstQueryAt("started-1")).hasValue(startedAt + 10_000);
  }

  @Test
  void aRunStartedForAWorkflowBelongsToIt() throws IOException {
    Simulator sim = simulator(SimulatorOptions.builder().runTime(Duration.ZERO));
    Workflow other =
        Workflow.CATALOG.stream()
            .filter(w -> !w.equals(sim.expectedTerminal("assigned-1").workflow()))
            .findFirst()
            .orElseThrow();

    List<Simulator.StartedRun> started = sim.start(List.of("assigned-1"), Optional.of(other.id()));

    assertThat(started).extracting(Simulator.StartedRun::workflowId).containsExactly(other.id());
    assertThat(sim.expectedTerminal("assigned-1").workflow()).isEqualTo(other);
    assertThat(body(sim.answer(null, query("assigned-1"))).get("workflowId").asText())
        .isEqualTo(other.id());
  }

  @Test
  void aRunKeepsItsFirstStartAndWorkflow() {
    Simulator sim = simulator(SimulatorOptions.builder());
    long first = sim.start(List.of("twice-1"), Optional.of("wf-7d1c2a0e")).get(0).startedAt();
    clock.advance(Duration.ofSeconds(5));

    Simulator.StartedRun again = sim.start(List.of("twice-1"), Optional.of("wf-e4f07a63")).get(0);

    assertThat(again.startedAt()).isEqualTo(first);
    assertThat(again.workflowId()).isEqualTo("wf-7d1c2a0e");
  }

  @Test
  void startingARunOfAnUnknownWorkflowIsRefused() {
    Simulator sim = simulator(SimulatorOptions.builder());
    assertThatThrownBy(() -> sim.start(List.of("x-1"), Optional.of("wf-nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wf-nope");
  }

  private static WorkflowRunTimes logNormal(Duration queued) {
    return logNormal(queued, 1.0);
  }

  private static WorkflowRunTimes logNormal(Duration queued, double earliestFailure) {
    return new WorkflowRunTimes(
        new DurationRange(Duration.ofSeconds(3), Duration.ofSeconds(15)),
        0.15,
        0.25,
        DurationRange.of(queued),
        earliestFailure);
  }

  @Test
  void logNormalRunsOfOneWorkflowTakeSimilarTimesAroundItsMedian() {
    WorkflowRunTimes model = logNormal(Duration.ZERO);
    Simulator sim = simulator(SimulatorOptions.builder().workflowRunTimes(model));
    for (int w = 0; w < Workflow.CATALOG.size(); w++) {
      int index = w;
      double[] logs =
          IntStream.range(0, 4000)
              .mapToObj(i -> sim.expectedTerminal("ln-" + i))
              .filter(run -> run.workflow().equals(Workflow.CATALOG.get(index)))
              .filter(run -> run.terminalStatus().equals(SimulatedRun.SUCCEED))
              .mapToDouble(run -> Math.log(run.executionMillis()))
              .toArray();
      double mean = java.util.Arrays.stream(logs).average().orElseThrow();
      double sd =
          Math.sqrt(
              java.util.Arrays.stream(logs).map(x -> (x - mean) * (x - mean)).sum() / logs.length);

      assertThat(Math.exp(mean))
          .as("median of workflow %d", w)
          .isCloseTo(
              model.median(w).toMillis(), org.assertj.core.data.Percentage.withPercentage(4));
      assertThat(sd).as("sigma of workflow %d", w).isCloseTo(model.sigma(w), within(0.02));
    }
    assertThat(model.median(0)).isEqualTo(Duration.ofSeconds(3));
    assertThat(model.median(4)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void failedLogNormalRunsFailEarlierThanSucceedingOnesEndWhenAsked() {
    Simulator sim =
        simulator(SimulatorOptions.builder().workflowRunTimes(logNormal(Duration.ZERO, 0.2)));
    java.util.Map<String, Double> meanByStatus =
        IntStream.range(0, 4000)
            .mapToObj(i -> sim.expectedTerminal("fail-" + i))
            .filter(run -> run.workflow().equals(Workflow.CATALOG.get(2)))
            .collect(
                java.util.stream.Collectors.groupingBy(
                    SimulatedRun::terminalStatus,
                    java.util.stream.Collectors.averagingLong(SimulatedRun::executionMillis)));

    assertThat(meanByStatus.get("FAILED")).isLessThan(meanByStatus.get("SUCCEED") * 0.75);
  }

  @Test
  void logNormalModelKeepsEachRunsWorkflowFateAndCost() {
    Simulator uniform = simulator(SimulatorOptions.builder());
    Simulator logNormal =
        simulator(SimulatorOptions.builder().workflowRunTimes(logNormal(Duration.ZERO)));
    for (int i = 0; i < 200; i++) {
      SimulatedRun a = uniform.expectedTerminal("same-" + i);
      SimulatedRun b = logNormal.expectedTerminal("same-" + i);
      assertThat(b.workflow()).isEqualTo(a.workflow());
      assertThat(b.terminalStatus()).isEqualTo(a.terminalStatus());
      assertThat(b.totalCost()).isEqualTo(a.totalCost());
    }
  }

  @Test
  void aQueuedRunIsPendingWithoutStartTimeAndItsQueueIsNotExecutionTime() throws IOException {
    Simulator sim =
        simulator(SimulatorOptions.builder().workflowRunTimes(logNormal(Duration.ofSeconds(2))));
    long startedAt = clock.millis();
    sim.start(List.of("queued-1"), Optional.empty());
    SimulatedRun run = sim.expectedTerminal("queued-1");

    clock.advance(Duration.ofMillis(1999));
    JsonNode queued = body(sim.answer(null, query("queued-1")));
    clock.advance(Duration.ofMillis(1));
    JsonNode running = body(sim.answer(null, query("queued-1")));
    clock.advance(Duration.ofMillis(run.executionMillis()));
    JsonNode terminal = body(sim.answer(null, query("queued-1")));

    assertThat(queued.get("status").asText()).isEqualTo("PENDING");
    assertThat(queued.has("startTime")).isFalse();
    assertThat(running.get("status").asText()).isEqualTo("RUNNING");
    assertThat(running.get("startTime").asLong()).isEqualTo(startedAt + 2000);
    assertThat(terminal.get("startTime").asLong()).isEqualTo(startedAt + 2000);
    assertThat(terminal.get("endTime").asLong() - terminal.get("startTime").asLong())
        .isEqualTo(terminal.get("workflowExecutionTime").asLong())
        .isEqualTo(run.executionMillis());
  }

  @Test
  void everyTerminalAnswerHasConsistentTimes() throws IOException {
    Simulator sim = simulator(SimulatorOptions.builder());
    sim.start(IntStream.range(0, 100).mapToObj(i -> "times-" + i).toList(), Optional.empty());
    clock.advance(Duration.ofSeconds(11));
    for (int i = 0; i < 100; i++) {
      JsonNode run = body(sim.answer(null, query("times-" + i)));
      assertThat(run.get("endTime").asLong() - run.get("startTime").asLong())
          .as(run.toString())
          .isEqualTo(run.get("workflowExecutionTime").asLong());
    }
  }

  private static String idWithPendingPhase(Simulator sim) {
    return IntStream.range(0, 1000)
        .mapToObj(i -> "phase-" + i)
        .filter(id -> sim.expectedTerminal(id).pendingMillis() > 1000)
        .findFirst()
        .orElseThrow();
  }
}
