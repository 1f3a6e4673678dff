package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.pipeline.IntakeAndResolver;
import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.simulator.SimulatedRun;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a result costs in quota with the default re-query schedule ({@code poll.initial-delay=2s},
 * {@code poll.multiplier=2.0}, {@code poll.max-delay=60s}) and the simulator's default mix (runs
 * finish 0-10 s after their first query): every run is asked no more often than the schedule allows
 * for its run time, the service's own figure ({@code wrp_api_requests_per_resolved_run}) agrees
 * with the API's count, and the time from first query to result is reported.
 */
class QuotaIT {
  private static final int RUNS = 400;
  private static final long INITIAL_DELAY_MS = 2_000;

  /** Delay records go out a few ms after the answer they follow: tolerated per re-query. */
  private static final long DISPATCH_SLACK_MS = 100;

  @Test
  void eachRunCostsNoMoreRequestsThanTheDefaultScheduleAllows() throws Exception {
    Recorded recorded = new Recorded();
    try (PolitenessFixture f =
            new PolitenessFixture(
                "quota",
                SimulatorOptions.builder().apiKey(PolitenessFixture.KEY),
                Map.of(
                    // README's defaults, which the fixture otherwise shortens
                    "poll.initial-delay", "2s",
                    "poll.max-delay", "60s",
                    "poll.multiplier", "2.0",
                    "retry.max-attempts", "10",
                    "query.max-in-flight", "64"));
        IntakeAndResolver service = f.start(recorded);
        Verifier verifier = f.verifier()) {
      // Given the default mix
      List<String> ids = f.ids("quota", RUNS);
      f.submit(ids);

      // When every run is resolved
      await("all runs resolved")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                verifier.verify();
                return verifier.observed().resultsByRun().size() == RUNS;
              });
      assertThat(service.isRunning()).isTrue();

      // Then no run was asked more often than the schedule allows for its run time
      long requests = 0;
      long bound = 0;
      List<String> overAsked = new ArrayList<>();
      for (String id : ids) {
        SimulatedRun run = f.simulator.simulator().expectedTerminal(id);
        long asked = f.simulator.simulator().requestsFor(id);
        long allowed = allowedRequests(run.runTimeMillis());
        requests += asked;
        bound += allowed;
        if (asked > allowed) {
          overAsked.add(
              id + " (run time " + run.runTimeMillis() + " ms): " + asked + " > " + allowed);
        }
      }
      List<Long> toResult = recorded.sinceFirstQueryMs();
      System.out.printf(
          Locale.ROOT,
          "default schedule, default mix, %d runs: %d requests, %.2f per resolved run (the"
              + " schedule allows at most %.2f); the service reports %.2f; first query → result p50"
              + " %.1f s, p99 %.1f s, max %.1f s%n",
          RUNS,
          requests,
          (double) requests / RUNS,
          (double) bound / RUNS,
          recorded.ratio,
          RequestTiming.percentile(toResult, 0.50) / 1000.0,
          RequestTiming.percentile(toResult, 0.99) / 1000.0,
          toResult.get(toResult.size() - 1) / 1000.0);
      assertThat(overAsked).as("runs asked more often than the schedule allows").isEmpty();
      assertThat(recorded.ratio)
          .as("wrp_api_requests_per_resolved_run against the API's own count")
          .isCloseTo((double) requests / RUNS, org.assertj.core.data.Offset.offset(0.005));
      assertThat(toResult).hasSize(RUNS);
      VerifierReport report = verifier.verify(f.truthSource.refreshed(f.truth));
      assertThat(report.lost()).isEmpty();
      assertThat(report.wrongOutcomes()).isEmpty();
      assertThat(verifier.observed().deadLetters()).as("dead letters").isEmpty();
    }
  }

  /**
   * Requests a run of {@code runTimeMillis} needs at most: one for each query made before it ends,
   * plus the one that finds it ended. The first query is at 0 (the run's time counts from it); the
   * k-th re-query comes no sooner than {@code 2 s × (2^k − 1)} after it (jitter only lengthens a
   * delay), less a little dispatch slack.
   */
  static long allowedRequests(long runTimeMillis) {
    long requests = 1;
    long earliest = 0;
    long delay = INITIAL_DELAY_MS;
    for (int k = 0; earliest - k * DISPATCH_SLACK_MS < runTimeMillis; k++) {
      requests++;
      earliest += delay;
      delay *= 2;
    }
    return requests;
  }

  /** The resolver's figures, as the metrics see them. */
  private static final class Recorded implements ResolverMetrics {
    private final List<Long> sinceFirstQuery = new ArrayList<>();
    volatile double ratio = Double.NaN;

    @Override
    public synchronized void resolved(Duration sinceFirstQuery) {
      this.sinceFirstQuery.add(sinceFirstQuery.toMillis());
    }

    @Override
    public void requestsPerResolvedRun(double ratio) {
      this.ratio = ratio;
    }

    synchronized List<Long> sinceFirstQueryMs() {
      List<Long> sorted = new ArrayList<>(sinceFirstQuery);
      sorted.sort(Long::compare);
      return sorted;
    }
  }
}
