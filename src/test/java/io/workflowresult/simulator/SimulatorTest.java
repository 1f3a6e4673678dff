package io.workflowresult.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowresult.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

  private static String idWithPendingPhase(Simulator sim) {
    return IntStream.range(0, 1000)
        .mapToObj(i -> "phase-" + i)
        .filter(id -> sim.expectedTerminal(id).pendingMillis() > 1000)
        .findFirst()
        .orElseThrow();
  }
}
