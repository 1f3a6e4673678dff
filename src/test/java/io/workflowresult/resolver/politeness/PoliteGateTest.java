package io.workflowresult.resolver.politeness;

import static io.workflowresult.resolver.politeness.Answers.ok;
import static io.workflowresult.resolver.politeness.Answers.throttled;
import static io.workflowresult.resolver.politeness.Answers.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.RateLimit;
import io.workflowresult.config.AppConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PoliteGateTest {
  private static final long T0_MS = 1_700_000_000_000L;

  private long nanos;

  private PoliteGate gate(Optional<AppConfig.Budget> budget) {
    return new PoliteGate(
        new InstanceGate(Duration.ofSeconds(30), Duration.ofHours(1)),
        budget.map(b -> new RequestBudget(b.count(), b.period())),
        new RateLimitPacer(Duration.ofHours(1)),
        () -> nanos);
  }

  private long nowMs() {
    return T0_MS + Duration.ofNanos(nanos).toMillis();
  }

  /** What {@code tryAcquire} allowed: the ticket's admission, or {@code WAIT} without one. */
  private static Admission admission(Optional<Ticket> ticket) {
    return ticket.map(Ticket::admission).orElse(Admission.WAIT);
  }

  @Test
  void admitsNoMoreThanTheBudgetInAnySecond() {
    // Given a budget of 20/1s and a caller that asks every millisecond for a minute
    PoliteGate gate = gate(Optional.of(new AppConfig.Budget(20, Duration.ofSeconds(1))));
    long[] admittedAt = new long[2_000];
    int admitted = 0;
    for (int ms = 0; ms < 60_000; ms++) {
      nanos = Duration.ofMillis(ms).toNanos();
      Optional<Ticket> ticket = gate.tryAcquire(nowMs());
      if (admission(ticket) == Admission.OPEN) {
        admittedAt[admitted++] = ms;
        ticket.get().answered(ok(RateLimit.NONE), nowMs()); // answered at once
      }
    }
    // Then every window of 20 consecutive admissions spans at least a second
    for (int i = 20; i < admitted; i++) {
      assertThat(admittedAt[i] - admittedAt[i - 20])
          .as("admission %d and admission %d", i - 20, i)
          .isGreaterThanOrEqualTo(1_000);
    }
    assertThat(admitted).isBetween(20 * 59, 20 * 60);
  }

  @Test
  void saysHowLongUntilTheBudgetHasRoom() {
    PoliteGate gate = gate(Optional.of(new AppConfig.Budget(1, Duration.ofSeconds(1))));
    Optional<Ticket> first = gate.tryAcquire(nowMs());
    assertThat(admission(first)).isEqualTo(Admission.OPEN);
    nanos = Duration.ofMillis(100).toNanos();
    assertThat(admission(gate.tryAcquire(nowMs()))).isEqualTo(Admission.WAIT);
    assertThat(gate.millisUntilAdmit(nowMs()))
        .as("the request is still out: until its answer")
        .isEqualTo(Long.MAX_VALUE);
    first.orElseThrow().abandoned();
    nanos = Duration.ofMillis(300).toNanos();
    assertThat(admission(gate.tryAcquire(nowMs()))).isEqualTo(Admission.WAIT);
    assertThat(gate.millisUntilAdmit(nowMs())).as("a period after the answer").isEqualTo(800);
    assertThat(gate.closed()).as("a budget wait does not pause the partitions").isFalse();
  }

  @Test
  void aThrottledAnswerIsAnInstanceConditionThatClosesAndPausesUntilRetryAfter() {
    PoliteGate gate = gate(Optional.empty());
    QueryOutcome throttled = throttled(Duration.ofSeconds(2));
    assertThat(gate.tryAcquire(nowMs()).orElseThrow().answered(throttled, nowMs())).isTrue();
    assertThat(gate.closed()).isTrue();
    assertThat(admission(gate.tryAcquire(nowMs()))).isEqualTo(Admission.WAIT);
    assertThat(gate.millisUntilAdmit(nowMs())).isEqualTo(2_000);

    nanos = Duration.ofSeconds(2).toNanos();
    Optional<Ticket> probe = gate.tryAcquire(nowMs());
    assertThat(admission(probe)).isEqualTo(Admission.PROBE);
    assertThat(gate.millisUntilAdmit(nowMs()))
        .as("while the probe is out, wait for its answer")
        .isEqualTo(Long.MAX_VALUE);
    assertThat(probe.orElseThrow().answered(ok(RateLimit.NONE), nowMs())).isFalse();
    assertThat(gate.closed()).isFalse();
    assertThat(admission(gate.tryAcquire(nowMs()))).isEqualTo(Admission.OPEN);
  }

  @Test
  void aProbeThatTheBudgetHoldsBackIsGivenAgainLater() {
    PoliteGate gate = gate(Optional.of(new AppConfig.Budget(1, Duration.ofSeconds(10))));
    Optional<Ticket> first = gate.tryAcquire(nowMs());
    assertThat(admission(first)).isEqualTo(Admission.OPEN);
    first.orElseThrow().answered(unauthorized("401"), nowMs());
    nanos = Duration.ofSeconds(5).toNanos();
    assertThat(admission(gate.tryAcquire(nowMs())))
        .as("auth retry interval not passed")
        .isEqualTo(Admission.WAIT);
    nanos = Duration.ofSeconds(30).toNanos();
    assertThat(admission(gate.tryAcquire(nowMs()))).isEqualTo(Admission.PROBE);
  }

  @Test
  void spacesRequestsWhenTheApiCounterRunsLow() {
    PoliteGate gate = gate(Optional.empty());
    RateLimit low =
        new RateLimit(
            OptionalLong.of(1_000), OptionalLong.of(10), OptionalLong.of(T0_MS / 1000 + 10));
    // a request sent a spacing earlier is answered now with a low counter
    nanos = -Duration.ofSeconds(1).toNanos();
    Ticket earlier = gate.tryAcquire(nowMs()).orElseThrow();
    nanos = 0;
    earlier.answered(ok(low), nowMs());
    assertThat(gate.pacing()).isEqualTo(Duration.ofSeconds(1));
    assertThat(admission(gate.tryAcquire(nowMs()))).isEqualTo(Admission.OPEN);
    nanos = Duration.ofMillis(999).toNanos();
    assertThat(admission(gate.tryAcquire(nowMs()))).isEqualTo(Admission.WAIT);
    nanos = Duration.ofMillis(1_000).toNanos();
    assertThat(admission(gate.tryAcquire(nowMs()))).isEqualTo(Admission.OPEN);
  }

  @Test
  void isNotReadyOnlyWhileTheKeyIsRefused() {
    PoliteGate gate = gate(Optional.empty());
    assertThat(gate.notReadyReason()).isEmpty();
    gate.tryAcquire(nowMs()).orElseThrow().answered(unauthorized("refused"), nowMs());
    assertThat(gate.notReadyReason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("UNAUTHORIZED"));
    nanos += Duration.ofSeconds(30).toNanos();
    Optional<Ticket> probe = gate.tryAcquire(nowMs());
    assertThat(admission(probe)).isEqualTo(Admission.PROBE);
    probe.orElseThrow().answered(ok(RateLimit.NONE), nowMs());
    assertThat(gate.notReadyReason()).isEmpty();
  }
}
