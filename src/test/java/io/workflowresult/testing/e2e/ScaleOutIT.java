package io.workflowresult.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A second instance joins mid-stream (same {@code app.id}: the same consumer groups), then the
 * first leaves with SIGTERM: partitions move twice, and no run is lost; each instance keeps its own
 * in-flight limit.
 */
class ScaleOutIT {
  private static final int RUNS = 240;
  private static final int MAX_IN_FLIGHT = 6;

  /** {@code shutdown.timeout} of the fixture's instances. */
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** The JVM's own exit after the service stopped (closing clients, flushing logs). */
  private static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

  @Test
  void aSecondInstanceJoiningAndTheFirstLeavingLosesNothing() {
    try (PipelineFixture f =
        PipelineFixture.create(
            "scale",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ofSeconds(1), Duration.ofSeconds(4)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      f.set("query.max-in-flight", Integer.toString(MAX_IN_FLIGHT));
      f.set("shutdown.timeout", SHUTDOWN_TIMEOUT.toSeconds() + "s");
      GroundTruth truth = new GroundTruth();
      try (ServiceProcess first = f.startService();
          Verifier verifier = f.verifier(truth)) {
        f.awaitInputTopic(first, Duration.ofSeconds(60));
        MixedLoadEndToEndIT.ids("run", RUNS / 2).forEach(id -> f.submit(id, truth));
        f.flush();
        verifier.awaitResolvedAtLeast(RUNS / 8, Duration.ofSeconds(60));

        // When: a second instance joins, more runs arrive, and the first leaves
        try (ServiceProcess second = f.startService()) {
          second.awaitOutput("started; waiting for SIGTERM", Duration.ofSeconds(60));
          second.awaitOutput("cost aggregator state RUNNING", Duration.ofSeconds(60));
          assertThatASecondProcessCannotShareTheStateDirOf(f, second);
          MixedLoadEndToEndIT.ids("run-more", RUNS / 2).forEach(id -> f.submit(id, truth));
          f.flush();
          verifier.awaitResolvedAtLeast(RUNS / 2, Duration.ofSeconds(60));
          ServiceProcess.Exit exit = first.terminate(Duration.ofSeconds(20));
          int resolvedWhenFirstLeft = verifier.verify().resolved();
          assertThat(exit.code()).as("exit code of the first instance after SIGTERM").isZero();
          assertThat(exit.took())
              .as("time the first instance took to leave after SIGTERM\n%s", first.tail(30))
              .isLessThanOrEqualTo(SHUTDOWN_TIMEOUT.plus(EXIT_MARGIN));
          assertThat(resolvedWhenFirstLeft)
              .as("runs resolved when the first instance left, of %d", truth.distinct())
              .isBetween(RUNS / 2, truth.distinct());

          // Then: the second one finishes the rest
          verifier.awaitAllResolved(Duration.ofSeconds(60));
          second.assertAlive();
          VerifierReport report = verifier.verify(f.truthSource().refreshed(truth));
          report.assertAllCorrect();
          report.assertNoResultAndDeadLetter();
          report.assertMaxInFlightAtMost(2L * MAX_IN_FLIGHT);
        }
      }
    }
  }

  /** Two instances on one host with one {@code state.dir}: the later one stops at start-up. */
  private static void assertThatASecondProcessCannotShareTheStateDirOf(
      PipelineFixture f, ServiceProcess holder) {
    String stateDir = holder.settings().get("state.dir");
    try (ServiceProcess intruder = f.startService(Map.of("state.dir", stateDir))) {
      int code = intruder.awaitExit(Duration.ofSeconds(60), "with state.dir held by " + holder);
      assertThat(code).as(intruder.tail(20)).isEqualTo(2);
      assertThat(intruder.output())
          .containsPattern("(?m)^error: state.dir \\S+ is in use by another running instance");
    }
    holder.assertAlive();
  }
}
