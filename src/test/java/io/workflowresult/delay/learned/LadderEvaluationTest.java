package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.delay.learned.LadderEvaluation.Figures;
import io.workflowresult.delay.learned.LadderEvaluation.Mode;
import io.workflowresult.delay.learned.LadderEvaluation.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline evaluation's verdict on {@link Ladder#DEFAULT} for the simulator's mix (issue goals:
 * ≤ 2.3 calls per run with bare IDs, ≤ 1.3 with hints, lateness p50 ≤ 2 s and p95 ≤ 6 s, p50 ≤ 25%
 * of the run's time for the longer workflows). Deterministic: fixed seeds, no clock.
 */
class LadderEvaluationTest {
  private static final List<Run> RUNS = LadderEvaluation.mixes(1000).get(0);
  private static final int WARM_UP = 500;

  private static Figures figures(Mode mode) {
    return LadderEvaluation.evaluate(RUNS, Ladder.DEFAULT, mode, WARM_UP);
  }

  @Test
  void withBareIdsTheDefaultLadderMeetsTheGoals() {
    Figures learned = figures(Mode.LEARNED);

    assertThat(learned.callsPerRun()).as("calls per run").isLessThanOrEqualTo(2.3);
    assertThat(learned.p50Ms()).as("lateness p50").isLessThanOrEqualTo(2000);
    assertThat(learned.p95Ms()).as("lateness p95").isLessThanOrEqualTo(6000);
    assertThat(learned.longP50Share()).as("p50 share, longer workflows").isLessThanOrEqualTo(0.25);
  }

  @Test
  void withHintsTheFirstQueryWaitsAndSavesACall() {
    Figures hinted = figures(Mode.HINTED);

    assertThat(hinted.callsPerRun()).as("calls per run").isLessThanOrEqualTo(1.3);
    assertThat(hinted.p95Ms()).as("lateness p95").isLessThanOrEqualTo(6000);
  }

  @Test
  void theExponentialScheduleAloneCostsMoreCallsAndIsLater() {
    Figures fixed = figures(Mode.FIXED);
    Figures learned = figures(Mode.LEARNED);

    assertThat(fixed.callsPerRun()).isGreaterThan(learned.callsPerRun() + 1);
    assertThat(fixed.p95Ms()).isGreaterThan(learned.p95Ms() * 2);
  }

  @Test
  void aColdStartAsksLikeTheExponentialScheduleUntilItHasLearned() {
    Figures cold = LadderEvaluation.coldStart(RUNS, Ladder.DEFAULT, Mode.LEARNED, 5 * 20);
    Figures fixed = LadderEvaluation.coldStart(RUNS, Ladder.DEFAULT, Mode.FIXED, 5 * 20);

    assertThat(cold.callsPerRun()).isEqualTo(fixed.callsPerRun());
  }
}
