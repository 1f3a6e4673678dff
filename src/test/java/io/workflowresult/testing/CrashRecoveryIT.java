package io.workflowresult.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The service process killed with SIGKILL mid-stream — delayed runs buffered, outputs acknowledged
 * but offsets not yet committed — then restarted: no run is lost. Duplicates are allowed (at least
 * once) and reported; the cost totals still count every run once.
 */
@Disabled("until `run` starts the pipeline (ops wiring of RunCommand.startPipeline)")
class CrashRecoveryIT {
  private static final int RUNS = 300;

  @Test
  void killNineMidStreamLosesNothing() {
    try (PipelineFixture f =
        PipelineFixture.create(
            "kill9",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ofSeconds(1), Duration.ofSeconds(4)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      f.set("query.max-in-flight", "16");
      GroundTruth truth = new GroundTruth();
      List<String> runs = MixedLoadEndToEndIT.ids("run", RUNS);
      List<String> unknown = MixedLoadEndToEndIT.ids("unknown", 10);
      int resolvedAtKill;
      long start = System.nanoTime();

      try (ServiceProcess first = f.startService();
          Verifier verifier = f.verifier(truth)) {
        f.awaitInputTopic(first, Duration.ofSeconds(60));
        // Given: runs that sit in the delay buffer for seconds
        runs.forEach(id -> f.submit(id, truth));
        unknown.forEach(id -> f.submit(id, truth));
        f.flush();

        // When: about half are resolved, SIGKILL
        verifier.awaitResolvedAtLeast(truth.distinct() / 2, Duration.ofSeconds(60));
        first.kill9();
        resolvedAtKill = verifier.verify().resolved();
        System.out.println(
            "kill -9 after "
                + Duration.ofNanos(System.nanoTime() - start).toMillis()
                + " ms with "
                + resolvedAtKill
                + "/"
                + truth.distinct()
                + " resolved");
        assertThat(resolvedAtKill)
            .as("runs resolved when killed (must be mid-stream)")
            .isLessThan(truth.distinct());
      }

      long restart = System.nanoTime();
      try (ServiceProcess second = f.startService();
          Verifier verifier = f.verifier(truth)) {
        // Then: after a restart every run ends, none lost
        verifier.awaitAllResolved(Duration.ofSeconds(60));
        second.assertAlive();
        VerifierReport report = verifier.verify(f.truthSource().refreshed(truth));
        System.out.println(
            "restart resolved the rest in "
                + Duration.ofNanos(System.nanoTime() - restart).toMillis()
                + " ms; duplicates after kill -9: "
                + report.extraRecords()
                + " extra records over "
                + (report.duplicateResults().size() + report.duplicateDeadLetters().size())
                + " runs\n"
                + report);
        report.assertNothingLost();
        report.assertAllCorrect();
        report.assertMaxInFlightAtMost(16);
        // exactly-once aggregation over at-least-once results: every run counted once
        verifier.awaitCostTotalsExact(Duration.ofSeconds(30)).assertCostTotalsExact();
      }
    }
  }
}
