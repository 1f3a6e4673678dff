package io.workflowresult.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsEveryUnit() {
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("2s")).contains(Duration.ofSeconds(2));
    assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
    assertThat(Durations.parse("24h")).contains(Duration.ofHours(24));
    assertThat(Durations.parse("7d")).contains(Duration.ofDays(7));
    assertThat(Durations.parse("PT1.5S")).contains(Duration.ofMillis(1500));
  }

  @Test
  void rejectsOtherText() {
    assertThat(Durations.parse("5")).isEmpty();
    assertThat(Durations.parse("-5s")).isEmpty();
    assertThat(Durations.parse("5 minutes")).isEmpty();
    assertThat(Durations.parse("1.5s")).isEmpty();
    assertThat(Durations.parse("PT-1S")).isEmpty();
  }

  @Test
  void requireReadsWhatParseReadsAndABareZero() {
    assertThat(Durations.require(" 2s ")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Durations.require("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void requireNamesTheTextAndTheFormsItAccepts() {
    assertThatThrownBy(() -> Durations.require("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'soon' is not a duration (use e.g. 500ms, 2s, 5m, 24h, 7d)");
  }

  @Test
  void formatReadsBack() {
    for (String s : new String[] {"500ms", "2s", "5m", "1d", "7d", "90s", "1500ms"}) {
      assertThat(Durations.format(Durations.parse(s).orElseThrow())).isEqualTo(s);
    }
  }
}
