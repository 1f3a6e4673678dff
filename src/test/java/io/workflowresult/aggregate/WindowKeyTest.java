package io.workflowresult.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowKeyTest {
  @Test
  void windowsAreAlignedToTheEpochAlsoBeforeIt() {
    assertThat(WindowKey.of("wf", 7_250_000, 3_600_000).format()).isEqualTo("wf@7200000/3600000");
    assertThat(WindowKey.of("wf", -1, 1000).windowStart()).isEqualTo(-1000);
  }

  @Test
  void parseSplitsAtTheLastAtSign() {
    assertThat(WindowKey.parse("team@corp@3600000/3600000"))
        .contains(new WindowKey("team@corp", 3_600_000, 3_600_000));
  }

  @Test
  void parseRefusesWhatIsNotAWindowKey() {
    assertThat(WindowKey.parse("wf")).isEmpty();
    assertThat(WindowKey.parse("@1/2")).isEmpty();
    assertThat(WindowKey.parse("wf@x/2")).isEmpty();
    assertThat(WindowKey.parse("wf@1/0")).isEmpty();
  }
}
