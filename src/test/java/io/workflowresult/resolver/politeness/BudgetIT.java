package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.resolver.ResolverService;
import io.workflowresult.simulator.LoggedRequest;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.Verifier;
import io.workflowresult.testing.VerifierReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code query.budget=20/1s} under more demand than that for a full minute (the one long IT of the
 * build): the simulator never sees more than 20 requests in any one-second window.
 */
class BudgetIT {
  private static final int BUDGET = 20;
  private static final Duration MEASURED = Duration.ofSeconds(60);
  private static final long JITTER_NANOS = 20_000_000L;

  @Test
  void aBudgetOf20PerSecondIsNeverExceededOverAMinute() throws Exception {
    try (PolitenessFixture f =
            new PolitenessFixture(
                "budget",
                SimulatorOptions.builder().apiKey(PolitenessFixture.KEY),
                Map.of("query.budget", BUDGET + "/1s", "query.max-in-flight", "16"));
        ResolverService service = f.start(ResolverMetrics.NOOP);
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
          maxInWindow(log.stream().map(r -> r.arrivedAtMs() * 1_000_000).toList(), 1_000_000_000L);
      int sent = maxInWindow(f.sentAtNanos(), 1_000_000_000L);
      int sentWithinJitter = maxInWindow(f.sentAtNanos(), 1_000_000_000L - JITTER_NANOS);
      System.out.printf(
          "budget %d/1s: %d requests in %d s; at most %d started in any 1 s window (%d in any"
              + " 980 ms); at most %d arrived at the API in any 1 s window%n",
          BUDGET, log.size(), MEASURED.toSeconds(), sent, sentWithinJitter, atApi);
      // The budget governs when requests start; on a loaded machine their arrival at the
      // simulator's handler can bunch (threads starved, then served together), so the contract is
      // checked on start times and the arrival figure is reported beside it. Start times are taken
      // when the API is called, a little after the budget admitted the request: 20 ms of jitter.
      assertThat(sentWithinJitter)
          .as("requests started in any one-second window (less 20 ms of dispatch jitter)")
          .isLessThanOrEqualTo(BUDGET);
      assertThat(log.size())
          .as("the budget was the limit (demand exceeded it)")
          .isGreaterThan((int) (BUDGET * MEASURED.toSeconds() * 0.8));
      VerifierReport report = verifier.verify();
      assertThat(report.wrongOutcomes()).isEmpty();
      assertThat(verifier.observed().deadLetters()).as("dead letters").isEmpty();
    }
  }

  /** The most of the sorted times {@code at} within any window of {@code window} (sliding). */
  static int maxInWindow(List<Long> at, long window) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < at.size(); to++) {
      while (at.get(to) - at.get(from) >= window) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }
}
