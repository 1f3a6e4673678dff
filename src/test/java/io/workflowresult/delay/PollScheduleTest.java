package io.workflowresult.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PollScheduleTest {

  private static PollSchedule schedule(double r) {
    return new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(60), 2.0, () -> r);
  }

  @Test
  void growsGeometricallyUpToTheCap() {
    PollSchedule s = schedule(0.0);
    assertThat(s.delayMs(0)).isEqualTo(2_000);
    assertThat(s.delayMs(1)).isEqualTo(4_000);
    assertThat(s.delayMs(4)).isEqualTo(32_000);
    assertThat(s.delayMs(5)).isEqualTo(60_000);
    assertThat(s.delayMs(1_000)).isEqualTo(60_000);
  }

  @Test
  void jitterOnlyLengthensByAtMostTwentyPercent() {
    assertThat(schedule(0.999999).delayMs(0)).isBetween(2_000L, 2_400L);
    assertThat(schedule(0.999999).delayMs(50)).isBetween(60_000L, 72_000L);
    Random random = new Random(42);
    PollSchedule s =
        new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(60), 2.0, random::nextDouble);
    for (int n = 0; n < 40; n++) {
      for (int i = 0; i < 200; i++) {
        long base = s.baseMs(n);
        assertThat(s.delayMs(n)).isBetween(base, base + base / 5);
        assertThat(s.delayMs(n)).isLessThanOrEqualTo(s.maxWithJitterMs());
      }
    }
  }

  @Test
  void toleratesAWildRandomSource() {
    assertThat(schedule(7.0).delayMs(0)).isEqualTo(2_400);
    assertThat(schedule(-1.0).delayMs(0)).isEqualTo(2_000);
  }

  @Test
  void multiplierOfOneIsConstant() {
    PollSchedule s = new PollSchedule(Duration.ofMillis(500), Duration.ofSeconds(60), 1.0, () -> 0);
    assertThat(s.delayMs(0)).isEqualTo(500);
    assertThat(s.delayMs(30)).isEqualTo(500);
  }
}
