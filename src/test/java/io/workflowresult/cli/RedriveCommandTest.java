package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RedriveCommandTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void aTimeAgoCountsBackFromTheClock() {
    assertThat(RedriveCommand.time("--since", "2h", CLOCK)).isEqualTo(NOW.minusSeconds(7200));
    assertThat(RedriveCommand.time("--since", "90s", CLOCK)).isEqualTo(NOW.minusSeconds(90));
  }

  @Test
  void anInstantIsTakenAsWritten() {
    assertThat(RedriveCommand.time("--until", "2026-01-31T12:00:00Z", CLOCK))
        .isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
  }

  @Test
  void anythingElseNamesTheOptionAndBothForms() {
    assertThatThrownBy(() -> RedriveCommand.time("--since", "yesterday", CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--since must be an ISO-8601 instant (2026-01-31T12:00:00Z) or a time ago (2h), got"
                + " yesterday");
  }
}
