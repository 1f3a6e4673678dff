package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.pipeline.IntakeAndResolver;
import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.simulator.LoggedRequest;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code query.budget=20/1s} under more demand than that for a full minute (the one long IT of the
 * build): the simulator never sees more than 20 requests arrive in any one-second window, and the
 * budget is used.
 */
// runs beside the other test classes in mvn verify (src/test/resources/junit-platform.properties):
// it waits a minute at 20 requests a second; load can only delay requests, never add to a window
@Execution(ExecutionMode.CONCURRENT)
class BudgetIT {
  private static final int BUDGET = 20;
  private static final Duration MEASURED = Duration.ofSeconds(60);

  @Test
  void aBudgetOf20PerSecondIsNeverExceededOverAMinute() throws Exception {
    try (PolitenessFixture f =
            new PolitenessFixture(
                "budget",
                SimulatorOptions.builder().apiKey(PolitenessFixture.KEY),
                Map.of("query.budget", BUDGET + "/1s", "query.max-in-flight", "16"));
        IntakeAndResolver service = f.start(ResolverMetrics.NOOP);
        Verifier verifier = f.verifier()) {
      // Given: the default mix (run time 0-10 s), more runs than 20 requests/s can serve in a
      // minute
      f.submit(f.ids("budget", 250));
      long start = System.currentTimeMillis();
      await("a minute of demand")
          .atMost(MEASURED.plusSeconds(5))
          .pollDelay(MEASURED)
          .until(service::isRunning);

      List<LoggedRequest> log =
          f.log().stream().filter(r -> r.arrivedAtMs() <= start + MEASURED.toMillis()).toList();
      int atApi =
          RequestTiming.maxInWindow(
              log.stream().map(r -> r.arrivedAtMs() * 1_000_000).toList(), 1_000_000_000L);
      int sent = RequestTiming.maxInWindow(f.sentAtNanos(), 1_000_000_000L);
      System.out.printf(
          "budget %d/1s: %d requests in %d s; at most %d arrived at the API in any 1 s window (at"
              + " most %d started)%n",
          BUDGET, log.size(), MEASURED.toSeconds(), atApi, sent);
      List<Long> delays = f.dispatchDelaysMs();
      System.out.printf(
          "from the resolver's call to the simulator's handler: p50 %d ms, p99 %d ms, max %d ms%n",
          RequestTiming.percentile(delays, 0.50),
          RequestTiming.percentile(delays, 0.99),
          delays.get(delays.size() - 1));
      // The budget counts a request from its admission until a period after its answer, so
      // arrivals at the API fit it exactly, whatever the delay between admission and arrival.
      assertThat(atApi)
          .as("requests arriving at the API in any one-second window")
          .isEqualTo(BUDGET);
      assertThat(log.size())
          .as("the budget was the limit (demand exceeded it)")
          .isGreaterThan((int) (BUDGET * MEASURED.toSeconds() * 0.75));
      VerifierReport report = verifier.verify();
      assertThat(report.wrongOutcomes()).isEmpty();
      assertThat(verifier.observed().deadLetters()).as("dead letters").isEmpty();
    }
  }
}
