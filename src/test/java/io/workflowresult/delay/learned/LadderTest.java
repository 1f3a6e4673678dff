package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LadderTest {

  @Test
  void levelsMustIncreaseStrictlyWithinZeroAndOne() {
    assertThatThrownBy(() -> Ladder.of(0.9, 0.8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ladder.of(0.5, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ladder.of(0.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(Ladder::of).isInstanceOf(IllegalArgumentException.class);
  }
}
