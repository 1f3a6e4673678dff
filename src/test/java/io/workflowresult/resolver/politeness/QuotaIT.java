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
 * What a result costs in quota. The exponential schedule ({@code poll.schedule=fixed}, {@code
 * poll.initial-delay=2s}, {@code poll.multiplier=2.0}, {@code poll.max-delay=60s}) on the
 * simulator's default mix (runs finish 0-10 s after their first query): every run is asked no more
 * often than the schedule allows for its run time, the service's own figure ({@code
 * wrp_api_requests_per_resolved_run}) agrees with the API's count. And the learned schedule, with
 * bare IDs and with hints, against the exponential one on the same runs of the realistic mix
 * (README, "Learned polling"): the goals of calls per run and lateness once warm.
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
                    "query.max-in-flight", "64",
                    "poll.schedule", "fixed"));
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

  /** Runs of each workflow before the learned schedule is measured: it learns from these. */
  private static final int COLD_PER_WORKFLOW = 50;

  /** Runs of each workflow measured once warm. */
  private static final int WARM_PER_WORKFLOW = 480;

  /** While cold, one run starts (and its ID arrives) every 200 ms: each workflow every second. */
  private static final Duration COLD_ARRIVAL_GAP = Duration.ofMillis(200);

  /** Once warm, one every 50 ms: four times the sample in the same time. */
  private static final Duration WARM_ARRIVAL_GAP = Duration.ofMillis(50);

  private static final Duration MIN_GAP = Duration.ofSeconds(1);

  /**
   * Above the fixed schedule's most requests in a second once warm (about 90), so no pipeline is
   * held back and the schedules are compared as they ask; the budget under pressure is {@code
   * BudgetIT}'s.
   */
  private static final int BUDGET_PER_SECOND = 120;

  @Test
  void theLearnedScheduleMeetsItsGoalsOnTheSameRunsAsTheFixedOne() throws Exception {
    int workflows = io.workflowresult.simulator.Workflow.CATALOG.size();
    // fixed run IDs: the simulator derives each run from its ID and its seed, so these are the same
    // runs every time, and the figures move with the service rather than with the sample (each
    // pipeline has topics of its own, so IDs seen by an earlier run of the test do not matter)
    String tag = "quota-run";
    List<ScheduleComparison.Run> cold =
        ScheduleComparison.runs(tag, 0, COLD_PER_WORKFLOW * workflows);
    List<ScheduleComparison.Run> warm =
        ScheduleComparison.runs(tag, cold.size(), WARM_PER_WORKFLOW * workflows);
    List<ScheduleComparison.Run> all = new ArrayList<>(cold);
    all.addAll(warm);
    try (ScheduleComparison c =
        new ScheduleComparison(
            Map.of(
                "poll.initial-delay", "2s",
                "poll.max-delay", "60s",
                "poll.multiplier", "2.0",
                "poll.min-gap", MIN_GAP.toMillis() + "ms",
                "retry.max-attempts", "10",
                "query.max-in-flight", "64",
                "query.budget", BUDGET_PER_SECOND + "/1s"))) {
      // Given runs that start as their IDs arrive, learned from until nearly all are resolved
      c.arrive(cold, COLD_ARRIVAL_GAP);
      c.awaitResolved(cold, cold.size() - 2 * workflows, Duration.ofMinutes(2));

      // When as many again arrive, and more, once warm
      c.arrive(warm, WARM_ARRIVAL_GAP);
      c.awaitResolved(all, all.size(), Duration.ofMinutes(4));

      // Then the learned schedules meet the goals where the fixed one does not
      Map<ScheduleComparison.Schedule, ScheduleComparison.Figures> warmFigures =
          new java.util.EnumMap<>(ScheduleComparison.Schedule.class);
      for (ScheduleComparison.Schedule s : ScheduleComparison.Schedule.values()) {
        warmFigures.put(s, c.figures(s, warm));
        System.out.printf(
            Locale.ROOT,
            "%-7s cold (first %d per workflow): %s%n%-7s warm: %s; smallest gap between two"
                + " queries of a run %d ms; most requests in a second %d%n",
            s,
            COLD_PER_WORKFLOW,
            c.figures(s, cold),
            s,
            warmFigures.get(s),
            c.smallestGapMs(s, all),
            c.mostRequestsWithin(s, Duration.ofSeconds(1)));
      }
      ScheduleComparison.Figures fixed = warmFigures.get(ScheduleComparison.Schedule.FIXED);
      ScheduleComparison.Figures learned = warmFigures.get(ScheduleComparison.Schedule.LEARNED);
      ScheduleComparison.Figures hinted = warmFigures.get(ScheduleComparison.Schedule.HINTED);
      // The goals (issue and README, "Politeness and quota"). A warm sample of 2,400 runs spreads
      // by about 0.01 calls per run and 0.2 s of p95 (LadderEvaluation's samples of this size);
      // the query times are chosen to stay some three of those inside each goal.
      assertThat(learned.calls()).as("calls per run, bare IDs").isLessThanOrEqualTo(2.3);
      assertThat(hinted.calls()).as("calls per run, hinted").isLessThanOrEqualTo(1.3);
      for (ScheduleComparison.Figures f : List.of(learned, hinted)) {
        assertThat(f.p50Ms()).as("lateness p50 of %s", f).isLessThanOrEqualTo(2_000);
        assertThat(f.p95Ms()).as("lateness p95 of %s", f).isLessThanOrEqualTo(6_000);
        assertThat(f.longShareP50()).as("lateness share, long workflows").isLessThanOrEqualTo(0.25);
      }
      assertThat(learned.calls())
          .as("at least a third fewer calls than fixed on the same runs")
          .isLessThanOrEqualTo(fixed.calls() * 2 / 3);
      assertThat(learned.p95Ms())
          .as("p95 at most half of fixed's on the same runs")
          .isLessThanOrEqualTo(fixed.p95Ms() / 2);

      // and every rule still holds
      for (ScheduleComparison.Schedule s : ScheduleComparison.Schedule.values()) {
        PolitenessFixture f = c.fixture(s);
        if (s != ScheduleComparison.Schedule.FIXED) {
          assertThat(c.smallestGapMs(s, all))
              .as("%s: no query sooner than poll.min-gap after the previous", s)
              .isGreaterThanOrEqualTo(MIN_GAP.toMillis() - DISPATCH_SLACK_MS);
        }
        assertThat(c.mostRequestsWithin(s, Duration.ofSeconds(1)))
            .as("%s: query.budget at the API", s)
            .isLessThanOrEqualTo(BUDGET_PER_SECOND);
        assertThat(RequestTiming.early(RequestTiming.holds(f.timedLog())))
            .as("%s: requests before an announced time", s)
            .isEmpty();
        assertThat(f.closedAtNanos()).as("%s: the instance gate never closed", s).isEmpty();
        f.expect(all.stream().map(ScheduleComparison.Run::id).toList());
        VerifierReport report = c.verifier(s).verify(f.truthSource.refreshed(f.truth));
        assertThat(report.lost()).as("%s: lost", s).isEmpty();
        assertThat(report.wrongOutcomes()).as("%s: wrong outcomes", s).isEmpty();
        assertThat(c.verifier(s).observed().deadLetters()).as("%s: dead letters", s).isEmpty();
      }
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
