package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.delay.DelayRecord;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DelayRecordScheduleTest {
  private static final long NOW = 1_767_225_600_000L;

  @Test
  void aRecordOfTheFirstVersionIsARunOfWhichNothingElseIsKnown() {
    DelayRecord old = DelayRecord.fresh("r-1", NOW).next(2, NOW + 4_000, "RUNNING", 0, 0);

    assertThat(DelayRecordSchedule.pollState(old))
        .isEqualTo(
            new PollState(
                NOW,
                2,
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                OptionalLong.empty(),
                Optional.empty(),
                0));
    assertThat(DelayRecordSchedule.kind(old)).isEqualTo(ScheduleKind.FIXED);
  }

  @Test
  void aHintedRunTakenInKeepsItsHintsAndIsDueWhenPlanned() {
    NextDue first =
        new NextDue(
            NOW + 9_000,
            ScheduleKind.HINTED,
            0,
            Optional.of("wf-1"),
            OptionalLong.empty(),
            OptionalLong.of(NOW - 1_000));

    DelayRecord taken = DelayRecordSchedule.takenIn("r-1", NOW, first);

    assertThat(taken.attempt()).isZero();
    assertThat(taken.firstSeenAt()).isEqualTo(NOW);
    assertThat(taken.dueAt()).isEqualTo(NOW + 9_000);
    assertThat(taken.heldMillis()).isZero();
    assertThat(taken.schedule()).isEqualTo("hinted");
    assertThat(DelayRecordSchedule.seenFrom(taken)).isEqualTo(NOW - 1_000);
    assertThat(DelayRecordSchedule.pollState(taken.queriedAt(NOW + 9_000)))
        .isEqualTo(
            new PollState(
                NOW,
                0,
                Optional.of("wf-1"),
                OptionalLong.empty(),
                OptionalLong.of(NOW - 1_000),
                OptionalLong.of(NOW + 9_000),
                Optional.of(ScheduleKind.HINTED),
                0));
  }

  @Test
  void aRedelayedRunCarriesTheDecisionAndTheAnswersVersion() {
    DelayRecord sent = DelayRecord.fresh("r-1", NOW).queriedAt(NOW);
    NextDue next =
        new NextDue(
            NOW + 8_000,
            ScheduleKind.LEARNED,
            2,
            Optional.of("wf-1"),
            OptionalLong.of(NOW - 500),
            OptionalLong.empty());

    DelayRecord redelayed =
        DelayRecordSchedule.redelayed(sent, next, Optional.of("1.0.1"), "RUNNING");

    assertThat(redelayed.attempt()).isEqualTo(1);
    assertThat(redelayed.dueAt()).isEqualTo(NOW + 8_000);
    assertThat(redelayed.lastStatus()).isEqualTo("RUNNING");
    assertThat(redelayed.workflowVersion()).isEqualTo("1.0.1");
    assertThat(redelayed.tailWaits()).isEqualTo(2);
    assertThat(DelayRecordSchedule.pollState(redelayed).startTime()).hasValue(NOW - 500);
    assertThat(DelayRecordSchedule.kind(redelayed)).isEqualTo(ScheduleKind.LEARNED);
  }
}
