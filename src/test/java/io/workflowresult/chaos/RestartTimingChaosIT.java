package io.workflowresult.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.chaos.RestartClock.Recovery;
import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.LoggedRequest;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.e2e.PipelineFixture;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scenario 7 of the chaos suite: one instance on one {@code state.dir}, runs flowing at 5 runs/s,
 * restarted twice after it had been up for a while — SIGTERM then start, later {@code kill -9} then
 * start. Times each recovery (resolver's partitions back, aggregator {@code RUNNING}, first new
 * result, {@code /costs} current again) and counts the queries the restarted instance sent for runs
 * that already had a result.
 *
 * <p>The whole suite ({@code -Dchaos.full=true}) runs with the default session timeout and holds
 * each recovery to the goal of 10 s. The short version in {@code mvn verify} runs on machines
 * shared with other builds, where starting a JVM alone can take seconds: it raises the session
 * timeout to {@link #SHORT_SESSION_TIMEOUT} instead, so that a restart that waits for the old
 * member's session (the stall static membership removes) would take longer than that, and asserts
 * recovery well within it.
 */
class RestartTimingChaosIT {
  private static final Duration RECOVERY_GOAL = Duration.ofSeconds(10);
  private static final Duration SHORT_SESSION_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SHORT_RECOVERY_BOUND = Duration.ofSeconds(60);
  private static final Duration RECOVERY_WAIT = Duration.ofSeconds(90);
  private static final int RUNS_PER_SECOND = 5;

  @Test
  void restartsResumeWithinTenSeconds() {
    Chaos.random("7-restart-timing");
    Duration uptime = Duration.ofSeconds(Chaos.scale(5, 30));
    try (PipelineFixture f =
        PipelineFixture.create(
            "restart",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ofSeconds(1), Duration.ofSeconds(20)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      // the service's own polling schedule, so that re-delays pile up as in production
      f.set("poll.initial-delay", "2s").set("poll.max-delay", "60s");
      if (!Chaos.FULL) {
        String session = Long.toString(SHORT_SESSION_TIMEOUT.toMillis());
        f.set("kafka.consumer.session.timeout.ms", session);
        f.set("kafka.streams.session.timeout.ms", session);
      }
      int port = Ports.free();
      Map<String, String> own =
          Map.of(
              "state.dir",
              Path.of("target", "it-state", f.settings().get("app.id") + "-one").toString(),
              "http.port",
              Integer.toString(port));
      ServiceProbe probe = new ServiceProbe(port);
      GroundTruth truth = new GroundTruth();
      List<LoggedRequest> log;
      Recovery clean;
      Recovery crash;
      Requeries afterClean;
      Requeries afterCrash;
      try (ServiceProcess first = f.startService(own)) {
        f.awaitInputTopic(first, Duration.ofSeconds(90));
        try (RunFeeder feeder = new RunFeeder(f, truth, "run", RUNS_PER_SECOND, Integer.MAX_VALUE);
            ResultsWatch results = new ResultsWatch(f.bootstrap(), f.topic("results"))) {
          awaitUpAndReady(first, probe, results, uptime);

          first.terminate(Duration.ofSeconds(60));
          results.drain(Duration.ofSeconds(1), Duration.ofSeconds(10));
          Set<String> resolvedAtStop = results.runs();
          long cleanRestartAt = System.currentTimeMillis();
          long started = System.nanoTime();
          try (ServiceProcess second = f.startService(own)) {
            clean =
                RestartClock.measure(
                    "SIGTERM, then start", second, started, probe, results, RECOVERY_WAIT);
            awaitUpAndReady(second, probe, results, uptime);
            second.kill9();
          }
          long killedAt = System.currentTimeMillis();
          results.drain(Duration.ofSeconds(1), Duration.ofSeconds(10));
          Set<String> resolvedAtKill = results.runs();
          started = System.nanoTime();
          try (ServiceProcess third = f.startService(own)) {
            crash =
                RestartClock.measure(
                    "kill -9, then start", third, started, probe, results, RECOVERY_WAIT);
            awaitUpAndReady(third, probe, results, uptime);
            feeder.stop();
            try (Verifier verifier = f.costVerifier(truth)) {
              verifier.awaitAllResolved(Duration.ofSeconds(180));
              VerifierReport report = verifier.verify(f.truthSource().refreshed(truth));
              report.assertNothingLost();
              report.assertAllCorrect();
              verifier.awaitCostTotalsExact(Duration.ofSeconds(60)).assertCostTotalsExact();
            }
            third.assertAlive();
          }
          log = f.simulator().simulator().requestLog();
          afterClean = Requeries.count(log, cleanRestartAt, killedAt, resolvedAtStop);
          afterCrash = Requeries.count(log, killedAt, Long.MAX_VALUE, resolvedAtKill);
        }
      }
      timingRow(clean, afterClean);
      timingRow(crash, afterCrash);
      assertRecovered(clean);
      assertRecovered(crash);
      if (Chaos.ASSERT_NO_REQUERY) {
        assertThat(afterClean.queries())
            .as("queries after a clean restart for runs that already had a result (%s)", afterClean)
            .isZero();
      }
    }
  }

  private static void timingRow(Recovery r, Requeries requeries) {
    ChaosReport.timing(
        String.format(
            "| %s | %s | %s | %s | %s | %s |",
            r.how(),
            Recovery.s(r.partitionsBackMs()),
            Recovery.s(r.aggregatorRunningMs()),
            Recovery.s(r.firstResultMs()),
            Recovery.s(r.costsMs()),
            requeries));
  }

  private static void assertRecovered(Recovery r) {
    long bound = (Chaos.FULL ? RECOVERY_GOAL : SHORT_RECOVERY_BOUND).toMillis();
    assertThat(r.partitionsBackMs()).as(r.toString()).isBetween(0L, bound);
    assertThat(r.aggregatorRunningMs()).as(r.toString()).isBetween(0L, bound);
    assertThat(r.firstResultMs()).as(r.toString()).isBetween(0L, bound);
    assertThat(r.costsMs()).as(r.toString()).isBetween(0L, bound);
  }

  /** Waits until the service has been up for {@code uptime}, is ready and has published results. */
  static void awaitUpAndReady(
      ServiceProcess service, ServiceProbe probe, ResultsWatch results, Duration uptime) {
    long until = System.nanoTime() + uptime.toNanos();
    await(service + " up for " + uptime + " and ready")
        .atMost(uptime.plus(Duration.ofSeconds(120)))
        .pollInterval(Duration.ofMillis(250))
        .pollInSameThread()
        .until(
            () -> {
              service.assertAlive();
              results.poll();
              return System.nanoTime() >= until
                  && probe.notReady().map(Set::isEmpty).orElse(false)
                  && results.records() > 0;
            });
  }

  /** Queries that reached the API in {@code [from, to)} for runs in {@code resolved}. */
  record Requeries(long queries, long runs, int resolvedBefore) {
    static Requeries count(List<LoggedRequest> log, long from, long to, Set<String> resolved) {
      List<LoggedRequest> again =
          log.stream()
              .filter(r -> r.arrivedAtMs() >= from && r.arrivedAtMs() < to)
              .filter(r -> r.runId() != null && resolved.contains(r.runId()))
              .toList();
      return new Requeries(
          again.size(),
          again.stream().map(LoggedRequest::runId).distinct().count(),
          resolved.size());
    }

    @Override
    public String toString() {
      return queries
          + " queries for "
          + runs
          + " of the "
          + resolvedBefore
          + " runs resolved before";
    }
  }
}
