package io.workflowresult.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM mid-stream: the service stops taking runs, finishes what is in flight, commits, and exits
 * 0 within {@code shutdown.timeout}; after a restart nothing is lost. Duplicates are reported, not
 * failed: offsets commit as a contiguous prefix, so a run completed past a still-waiting one is
 * read again after the restart (at least once, by design).
 */
class GracefulShutdownIT {
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** The JVM's own exit after the service stopped (closing clients, flushing logs). */
  private static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

  @Test
  void sigtermExitsZeroInTimeAndARestartLosesNothing() {
    try (PipelineFixture f =
        PipelineFixture.create(
            "sigterm",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(3)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      f.set("shutdown.timeout", SHUTDOWN_TIMEOUT.toSeconds() + "s");
      GroundTruth truth = new GroundTruth();
      List<String> runs = MixedLoadEndToEndIT.ids("run", 200);
      ServiceProcess.Exit exit;

      try (ServiceProcess first = f.startService();
          Verifier verifier = f.verifier(truth)) {
        f.awaitInputTopic(first, Duration.ofSeconds(60));
        runs.forEach(id -> f.submit(id, truth));
        f.flush();
        verifier.awaitResolvedAtLeast(truth.distinct() / 3, Duration.ofSeconds(60));

        // When
        exit = first.terminate(SHUTDOWN_TIMEOUT.plus(EXIT_MARGIN));
        System.out.println(
            "SIGTERM: exit code "
                + exit.code()
                + " after "
                + exit.took().toMillis()
                + " ms with "
                + verifier.verify().resolved()
                + "/"
                + truth.distinct()
                + " resolved");
        assertThat(exit.code()).as("exit code after SIGTERM\n%s", first.tail(30)).isZero();
      }

      try (ServiceProcess second = f.startService();
          Verifier verifier = f.verifier(truth)) {
        verifier.awaitAllResolved(Duration.ofSeconds(60));
        second.assertAlive();
        VerifierReport report = verifier.verify(f.truthSource().refreshed(truth));
        System.out.println(
            "after SIGTERM and restart: "
                + report.extraRecords()
                + " duplicate records\n"
                + report);
        report.assertAllCorrect();
        report.assertNoResultAndDeadLetter();
      }
    }
  }
}
