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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The service process killed with SIGKILL mid-stream — delayed runs buffered, outputs acknowledged
 * but offsets not yet committed — then restarted: no run is lost. Duplicates are allowed (at least
 * once) and reported; the cost totals still count every run once.
 */
class CrashRecoveryIT {
  private static final int RUNS = 300;

  @Test
  void killNineMidStreamLosesNothing() {
    try (PipelineFixture f =
        PipelineFixture.create(
            "kill9",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      f.set("query.max-in-flight", "16");
      // the killed member holds its partitions until its session expires: keep that short
      f.set("kafka.consumer.session.timeout.ms", "6000");
      f.set("kafka.streams.session.timeout.ms", "6000");
      GroundTruth truth = new GroundTruth();
      List<String> firstWave = MixedLoadEndToEndIT.ids("run", RUNS / 2);
      List<String> secondWave = MixedLoadEndToEndIT.ids("run-late", RUNS / 2);
      List<String> unknown = MixedLoadEndToEndIT.ids("unknown", 10);
      long start = System.nanoTime();

      try (ServiceProcess first = f.startService();
          Verifier verifier = f.verifier(truth)) {
        f.awaitInputTopic(first, Duration.ofSeconds(60));
        // Given: a first wave partly resolved, and a second wave just queried: runs of seconds,
        // held in the delay buffer, outputs acknowledged but offsets not all committed
        firstWave.forEach(id -> f.submit(id, truth));
        f.flush();
        verifier.awaitResolvedAtLeast(RUNS / 8, Duration.ofSeconds(60));
        secondWave.forEach(id -> f.submit(id, truth));
        unknown.forEach(id -> f.submit(id, truth));
        f.flush();
        awaitFirstQueries(f, secondWave, RUNS / 10);

        // When: SIGKILL mid-stream
        first.kill9();
        int resolvedAtKill = verifier.verify().resolved();
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
          Verifier verifier = f.costVerifier(truth)) {
        // Then: after a restart every run ends, none lost
        verifier.awaitAllResolved(Duration.ofSeconds(60));
        long restartMillis = Duration.ofNanos(System.nanoTime() - restart).toMillis();
        second.assertAlive();
        VerifierReport report = verifier.verify(f.truthSource().refreshed(truth));
        report.assertNothingLost();
        report.assertAllCorrect();
        report.assertMaxInFlightAtMost(16);
        // exactly-once aggregation over at-least-once results: every run counted once
        report = verifier.awaitCostTotalsExact(Duration.ofSeconds(30));
        report.assertCostTotalsExact();
        System.out.println(
            "restart resolved the rest in "
                + restartMillis
                + " ms; duplicates after kill -9: "
                + report.extraRecords()
                + " extra records over "
                + (report.duplicateResults().size() + report.duplicateDeadLetters().size())
                + " runs\n"
                + report);
      }
    }
  }

  private static void awaitFirstQueries(PipelineFixture f, List<String> ids, int atLeast) {
    Awaitility.await(atLeast + " of the second wave queried")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                ids.stream()
                        .filter(id -> f.simulator().simulator().firstQueryAt(id).isPresent())
                        .count()
                    >= atLeast);
  }
}
