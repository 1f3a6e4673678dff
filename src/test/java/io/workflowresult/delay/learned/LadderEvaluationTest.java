package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.delay.learned.LadderEvaluation.Figures;
import io.workflowresult.delay.learned.LadderEvaluation.Mode;
import io.workflowresult.delay.learned.LadderEvaluation.Run;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline evaluation's verdict on {@link CostLadder#of}'s prices for the simulator's mix (issue
 * goals: ≤ 2.3 calls per run with bare IDs, ≤ 1.3 with hints, lateness p50 ≤ 2 s and p95 ≤ 6 s, p50
 * ≤ 25% of the run's time for the longer workflows). Deterministic: fixed seeds, no clock.
 */
class LadderEvaluationTest {
  private static final List<Run> RUNS = LadderEvaluation.simulatorMix(1000);
  private static final int WARM_UP = 500;
  private static final CostLadder PRICED = CostLadder.of(Duration.ofSeconds(1));

  private static Figures figures(LadderRule rule, Mode mode) {
    return LadderEvaluation.evaluate(RUNS, rule, mode, WARM_UP);
  }

  @Test
  void withBareIdsTheDefaultPricesMeetTheGoals() {
    Figures learned = figures(PRICED, Mode.LEARNED);

    assertThat(learned.callsPerRun()).as("calls per run").isLessThanOrEqualTo(2.3);
    assertThat(learned.p50Ms()).as("lateness p50").isLessThanOrEqualTo(2000);
    assertThat(learned.p95Ms()).as("lateness p95").isLessThanOrEqualTo(6000);
    assertThat(learned.longP50Share()).as("p50 share, longer workflows").isLessThanOrEqualTo(0.25);
  }

  @Test
  void samplesOfQuotaITsSizeStayTwoStandardDeviationsInsideEveryGoal() {
    LadderEvaluation.Spread spread =
        LadderEvaluation.spread(seed -> LadderEvaluation.simulatorCatalog(), PRICED, Mode.LEARNED);

    assertThat(LadderEvaluation.sdMargin(spread.mean(), spread.sd()))
        .as("standard deviations inside the goals, calls as QuotaIT measures them: %s", spread)
        .isGreaterThanOrEqualTo(2.0);
  }

  @Test
  void withHintsTheFirstQueryWaitsAndSavesACall() {
    Figures hinted = figures(PRICED, Mode.HINTED);
    Figures learned = figures(PRICED, Mode.LEARNED);

    assertThat(hinted.callsPerRun()).as("calls per run").isLessThanOrEqualTo(1.3);
    assertThat(hinted.callsPerRun()).isCloseTo(learned.callsPerRun() - 1, within(0.05));
    assertThat(hinted.p95Ms()).as("lateness p95").isLessThanOrEqualTo(6000);
  }

  @Test
  void pricedQueriesCostFewerCallsAndAreLessLateAtP95ThanTheBestQuantileLadder() {
    Figures priced = figures(PRICED, Mode.LEARNED);
    Figures quantiles = figures(Ladder.QUANTILES, Mode.LEARNED);

    assertThat(priced.callsPerRun()).isLessThan(quantiles.callsPerRun() - 0.05);
    assertThat(priced.p95Ms()).isLessThan(quantiles.p95Ms());
  }

  @Test
  void theExponentialScheduleAloneCostsMoreCallsAndIsLater() {
    Figures fixed = figures(PRICED, Mode.FIXED);
    Figures learned = figures(PRICED, Mode.LEARNED);

    assertThat(fixed.callsPerRun()).isGreaterThan(learned.callsPerRun() + 1);
    assertThat(fixed.p95Ms()).isGreaterThan(learned.p95Ms() * 2);
  }

  @Test
  void aColdStartAsksLikeTheExponentialScheduleUntilItHasLearned() {
    Figures cold = LadderEvaluation.coldStart(RUNS, PRICED, Mode.LEARNED, 5 * 20);
    Figures fixed = LadderEvaluation.coldStart(RUNS, PRICED, Mode.FIXED, 5 * 20);

    assertThat(cold.callsPerRun()).isEqualTo(fixed.callsPerRun());
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
