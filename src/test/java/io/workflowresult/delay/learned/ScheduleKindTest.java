package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScheduleKindTest {

  @Test
  void aHintedRunStaysHintedAndALearnedOneLearned() {
    assertThat(ScheduleKind.combine(Optional.of(ScheduleKind.HINTED), ScheduleKind.LEARNED))
        .isEqualTo(ScheduleKind.HINTED);
    assertThat(ScheduleKind.combine(Optional.of(ScheduleKind.LEARNED), ScheduleKind.FIXED))
        .isEqualTo(ScheduleKind.LEARNED);
    assertThat(ScheduleKind.combine(Optional.of(ScheduleKind.FIXED), ScheduleKind.LEARNED))
        .isEqualTo(ScheduleKind.LEARNED);
    assertThat(ScheduleKind.combine(Optional.empty(), ScheduleKind.FIXED))
        .isEqualTo(ScheduleKind.FIXED);
  }

  @Test
  void wireNamesReadBackAndUnknownOnesAreEmpty() {
    for (ScheduleKind kind : ScheduleKind.values()) {
      assertThat(ScheduleKind.ofWireName(kind.wireName())).hasValue(kind);
    }
    assertThat(ScheduleKind.ofWireName("adaptive")).isEmpty();
  }
}
