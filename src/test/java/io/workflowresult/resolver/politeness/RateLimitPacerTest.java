package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.api.RateLimit;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateLimitPacerTest {
  private static final long NOW_MS = 1_700_000_000_000L;

  private static RateLimit headers(long limit, long remaining, long resetInSeconds) {
    return new RateLimit(
        OptionalLong.of(limit),
        OptionalLong.of(remaining),
        OptionalLong.of(NOW_MS / 1000 + resetInSeconds));
  }

  @Test
  void doesNotPaceAboveTenPercentRemaining() {
    RateLimitPacer pacer = new RateLimitPacer(Duration.ofHours(1));
    pacer.observe(headers(1000, 100, 60), NOW_MS);
    pacer.started(0);
    assertThat(pacer.nanosUntilAvailable(1, NOW_MS)).isZero();
    assertThat(pacer.spacing()).isZero();
  }

  @Test
  void spreadsTheRemainderUntilTheResetBelowTenPercent() {
    RateLimitPacer pacer = new RateLimitPacer(Duration.ofHours(1));
    pacer.observe(headers(1000, 60, 60), NOW_MS);
    pacer.started(0);
    assertThat(pacer.spacing()).isEqualTo(Duration.ofSeconds(1));
    assertThat(pacer.nanosUntilAvailable(0, NOW_MS)).isEqualTo(Duration.ofSeconds(1).toNanos());
  }

  @Test
  void clampsASpacingTakenFromAFarReset() {
    RateLimitPacer pacer = new RateLimitPacer(Duration.ofSeconds(10));
    pacer.observe(headers(1000, 10, 86_400), NOW_MS);
    assertThat(pacer.spacing()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void stopsPacingAfterTheReset() {
    RateLimitPacer pacer = new RateLimitPacer(Duration.ofHours(1));
    pacer.observe(headers(1000, 10, 5), NOW_MS);
    pacer.started(0);
    assertThat(pacer.nanosUntilAvailable(0, NOW_MS + 5_000)).isZero();
  }

  @Test
  void ignoresIncompleteHeaders() {
    RateLimitPacer pacer = new RateLimitPacer(Duration.ofHours(1));
    pacer.observe(RateLimit.NONE, NOW_MS);
    pacer.started(0);
    assertThat(pacer.nanosUntilAvailable(0, NOW_MS)).isZero();
  }
}
