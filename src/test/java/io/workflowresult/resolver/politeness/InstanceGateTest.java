package io.workflowresult.resolver.politeness;

import static io.workflowresult.resolver.politeness.Answers.ok;
import static io.workflowresult.resolver.politeness.Answers.serverError;
import static io.workflowresult.resolver.politeness.Answers.throttled;
import static io.workflowresult.resolver.politeness.Answers.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.RateLimit;
import io.workflowresult.resolver.politeness.InstanceGate.Condition;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InstanceGateTest {
  private static final long T0 = 1_700_000_000_000L;
  private final InstanceGate gate = new InstanceGate(Duration.ofSeconds(30), Duration.ofMinutes(5));

  @Test
  void openGateAdmitsEverything() {
    assertThat(gate.admit(T0)).isEqualTo(Admission.OPEN);
    assertThat(gate.onOutcome(ok(RateLimit.NONE), false, T0).instanceCondition()).isFalse();
    assertThat(gate.status().open()).isTrue();
  }

  @Test
  void a429ClosesTheGateUntilRetryAfterThenProbesOnce() {
    assertThat(gate.onOutcome(throttled(Duration.ofSeconds(3)), false, T0).instanceCondition())
        .isTrue();

    assertThat(gate.admit(T0 + 2_999)).isEqualTo(Admission.WAIT);
    assertThat(gate.millisUntilProbe(T0 + 1_000)).isEqualTo(2_000);
    assertThat(gate.admit(T0 + 3_000)).isEqualTo(Admission.PROBE);
    assertThat(gate.admit(T0 + 3_001)).as("only one probe at a time").isEqualTo(Admission.WAIT);

    gate.onOutcome(ok(RateLimit.NONE), true, T0 + 3_050);
    assertThat(gate.admit(T0 + 3_051)).isEqualTo(Admission.OPEN);
  }

  @Test
  void aFailedProbeClosesAgain() {
    gate.onOutcome(throttled(Duration.ofSeconds(1)), false, T0);
    assertThat(gate.admit(T0 + 1_000)).isEqualTo(Admission.PROBE);
    gate.onOutcome(throttled(Duration.ofSeconds(2)), true, T0 + 1_010);
    assertThat(gate.admit(T0 + 3_009)).isEqualTo(Admission.WAIT);
    assertThat(gate.admit(T0 + 3_010)).isEqualTo(Admission.PROBE);
  }

  @Test
  void anAnswerThatIsNotTheProbeDoesNotReopen() {
    gate.onOutcome(throttled(Duration.ofSeconds(5)), false, T0);
    gate.onOutcome(ok(RateLimit.NONE), false, T0 + 10);
    assertThat(gate.admit(T0 + 20)).isEqualTo(Admission.WAIT);
  }

  @Test
  void announcedWaitsAreClampedToTheMaximum() {
    gate.onOutcome(throttled(Duration.ofDays(2)), false, T0);
    assertThat(gate.millisUntilProbe(T0)).isEqualTo(Duration.ofMinutes(5).toMillis());
  }

  @Test
  void remainingZeroHoldsTheGateUntilTheReset() {
    RateLimit exhausted =
        new RateLimit(OptionalLong.of(100), OptionalLong.of(0), OptionalLong.of(T0 / 1000 + 3));
    assertThat(gate.onOutcome(ok(exhausted), false, T0).instanceCondition())
        .as("the answer itself is a good one")
        .isFalse();
    assertThat(gate.status().condition()).contains(Condition.QUOTA_EXHAUSTED);
    assertThat(gate.admit(T0 + 2_999)).isEqualTo(Admission.WAIT);
    assertThat(gate.admit(T0 + 3_000)).isEqualTo(Admission.PROBE);
  }

  @Test
  void aRefusedKeyClosesUntilTheAuthRetryInterval() {
    QueryOutcome refused = unauthorized("401");
    assertThat(gate.onOutcome(refused, false, T0).instanceCondition()).isTrue();
    assertThat(gate.status().condition()).contains(Condition.UNAUTHORIZED);
    assertThat(gate.admit(T0 + 29_999)).isEqualTo(Admission.WAIT);
    assertThat(gate.admit(T0 + 30_000)).isEqualTo(Admission.PROBE);
    gate.onOutcome(refused, true, T0 + 30_010);
    assertThat(gate.admit(T0 + 59_999)).isEqualTo(Admission.WAIT);
    assertThat(gate.admit(T0 + 60_010)).isEqualTo(Admission.PROBE);
    gate.onOutcome(ok(RateLimit.NONE), true, T0 + 60_020);
    assertThat(gate.status().open()).isTrue();
  }

  @Test
  void aBurstOfServerErrorsOpensTheBreakerWhichProbesAndCloses() {
    for (int i = 0; i < CircuitBreaker.MIN_FAILURES - 1; i++) {
      assertThat(gate.onOutcome(serverError(), false, T0).instanceCondition())
          .as("failure %d counts for its run", i)
          .isFalse();
    }
    assertThat(gate.onOutcome(serverError(), false, T0).instanceCondition()).isTrue();
    assertThat(gate.status().condition()).contains(Condition.API_FAILING);
    assertThat(gate.onOutcome(serverError(), false, T0 + 5).instanceCondition())
        .as("answers in flight while the breaker is open do not count for their runs")
        .isTrue();

    assertThat(gate.admit(T0 + 500)).isEqualTo(Admission.WAIT);
    long probeAt = T0 + gate.millisUntilProbe(T0);
    assertThat(gate.admit(probeAt)).isEqualTo(Admission.PROBE);
    gate.onOutcome(serverError(), true, probeAt);
    long secondWait = gate.millisUntilProbe(probeAt);
    assertThat(secondWait).as("probe backoff doubles").isGreaterThan(1_000);

    assertThat(gate.admit(probeAt + secondWait)).isEqualTo(Admission.PROBE);
    gate.onOutcome(ok(RateLimit.NONE), true, probeAt + secondWait);
    assertThat(gate.admit(probeAt + secondWait + 1)).isEqualTo(Admission.OPEN);
  }

  @Test
  void scatteredServerErrorsAmongSuccessesDoNotOpenTheBreaker() {
    for (int i = 0; i < 200; i++) {
      QueryOutcome o = i % 3 == 0 ? serverError() : ok(RateLimit.NONE);
      gate.onOutcome(o, false, T0 + i);
    }
    assertThat(gate.status().open()).isTrue();
  }

  @Test
  void anAbandonedProbeAllowsAnother() {
    gate.onOutcome(throttled(Duration.ofSeconds(1)), false, T0);
    assertThat(gate.admit(T0 + 1_000)).isEqualTo(Admission.PROBE);
    gate.probeAbandoned();
    assertThat(gate.admit(T0 + 1_001)).isEqualTo(Admission.PROBE);
  }

  @Test
  void lateFailuresOfRequestsSentBeforeTheBreakerOpenedDoNotLengthenTheWait() {
    for (int i = 0; i < CircuitBreaker.MIN_FAILURES; i++) {
      gate.onOutcome(serverError(), false, T0);
    }
    long wait = gate.millisUntilProbe(T0);
    for (int i = 0; i < 7; i++) {
      assertThat(gate.onOutcome(serverError(), false, T0 + 10).instanceCondition()).isTrue();
    }
    assertThat(gate.millisUntilProbe(T0)).isEqualTo(wait);
  }

  @Test
  void aLate429NeverShortensALongerAnnouncedWait() {
    gate.onOutcome(throttled(Duration.ofSeconds(20)), false, T0);
    gate.onOutcome(throttled(Duration.ofSeconds(1)), false, T0 + 5);
    assertThat(gate.millisUntilProbe(T0)).isEqualTo(20_000);
  }
}
