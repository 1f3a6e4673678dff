package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.delay.PollSchedule;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QueryPlannerTest {
  private static final long NOW = 1_000_000_000L;
  private static final Duration MAX_AGE = Duration.ofHours(24);
  private final Map<RunTimeMeasure, LadderTimes> known = new EnumMap<>(RunTimeMeasure.class);
  private final RunTimeEstimates estimates =
      (wf, version, measure, now) ->
          wf.equals("wf-1") ? Optional.ofNullable(known.get(measure)) : Optional.empty();
  private double jitter;

  private QueryPlanner planner(boolean learned, Duration learnedMaxDelay) {
    return new QueryPlanner(
        new ScheduleSettings(
            learned, Duration.ofSeconds(1), learnedMaxDelay, MAX_AGE, Duration.ofHours(1)),
        estimates,
        new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(60), 2.0, () -> 0.0),
        () -> jitter);
  }

  private QueryPlanner planner() {
    return planner(true, Duration.ofHours(1));
  }

  private void knows(RunTimeMeasure measure, long... millis) {
    known.put(measure, new LadderTimes(millis, 100));
  }

  private static NotYetAnswer running(long startTime) {
    return new NotYetAnswer(
        Optional.of("wf-1"), Optional.of("1"), OptionalLong.of(startTime), Optional.empty());
  }

  private static final NotYetAnswer PENDING =
      new NotYetAnswer(
          Optional.of("wf-1"), Optional.of("1"), OptionalLong.empty(), Optional.empty());

  /** A run first seen at {@code seen}, asked last at {@code queried}, after {@code attempt}. */
  private static PollState run(long seen, long queried, int attempt) {
    return new PollState(
        seen,
        attempt,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.of(queried),
        Optional.empty(),
        0);
  }

  @Test
  void fixedIsTheExponentialScheduleByAttemptAsBefore() {
    knows(RunTimeMeasure.EXECUTION, 8000, 10_000, 12_000);
    QueryPlanner fixed = planner(false, Duration.ofHours(1));

    NextDue next = fixed.afterNotYet(run(NOW, NOW, 2), running(NOW), NOW);

    assertThat(next.dueAt()).isEqualTo(NOW + 8000);
    assertThat(next.kind()).isEqualTo(ScheduleKind.FIXED);
  }

  @Test
  void withoutHistoryTheExponentialScheduleApplies() {
    NextDue next = planner().afterNotYet(run(NOW, NOW, 0), running(NOW), NOW);

    assertThat(next.dueAt()).isEqualTo(NOW + 2000);
    assertThat(next.kind()).isEqualTo(ScheduleKind.FIXED);
  }

  @Test
  void aRunningRunIsAskedAtItsStartPlusTheFirstLevel() {
    knows(RunTimeMeasure.EXECUTION, 8000, 10_000, 12_000);
    knows(RunTimeMeasure.SEEN_TO_END, 30_000, 40_000, 50_000);

    NextDue next = planner().afterNotYet(run(NOW - 500, NOW, 0), running(NOW - 300), NOW);

    assertThat(next.dueAt()).isEqualTo(NOW - 300 + 8000);
    assertThat(next.kind()).isEqualTo(ScheduleKind.LEARNED);
    assertThat(next.startTime()).hasValue(NOW - 300);
    assertThat(next.workflowId()).hasValue("wf-1");
  }

  @Test
  void aQueuedRunIsAskedAtWhenItWasFirstSeenPlusTheFirstLevelFromThere() {
    knows(RunTimeMeasure.EXECUTION, 8000, 10_000, 12_000);
    knows(RunTimeMeasure.SEEN_TO_END, 30_000, 40_000, 50_000);

    NextDue next = planner().afterNotYet(run(NOW - 500, NOW, 0), PENDING, NOW);

    assertThat(next.dueAt()).isEqualTo(NOW - 500 + 30_000);
  }

  @Test
  void aQueuedRunWithAHintedStartIsAskedFromThatStart() {
    knows(RunTimeMeasure.SEEN_TO_END, 30_000, 40_000, 50_000);
    PollState hinted =
        new PollState(
            NOW,
            0,
            Optional.of("wf-1"),
            OptionalLong.empty(),
            OptionalLong.of(NOW - 25_000),
            OptionalLong.of(NOW),
            Optional.of(ScheduleKind.HINTED),
            0);

    NextDue next = planner().afterNotYet(hinted, NotYetAnswer.BARE, NOW);

    assertThat(next.dueAt()).isEqualTo(NOW + 5000);
    assertThat(next.kind()).isEqualTo(ScheduleKind.HINTED);
    assertThat(next.hintedStart()).hasValue(NOW - 25_000);
  }

  @Test
  void aRunNotDoneAtOneLevelIsAskedAtTheNext() {
    knows(RunTimeMeasure.EXECUTION, 8000, 10_000, 12_000);
    long start = NOW - 8000;

    NextDue next = planner().afterNotYet(run(start, NOW, 1), running(start), NOW);

    assertThat(next.dueAt()).isEqualTo(start + 10_000);
  }

  @Test
  void levelsThatPassedBeforeTheQueryAreSkipped() {
    knows(RunTimeMeasure.EXECUTION, 8000, 10_000, 12_000);
    long longAgo = NOW - 11_000;

    NextDue next = planner().afterNotYet(run(NOW, NOW, 0), running(longAgo), NOW);

    assertThat(next.dueAt()).isEqualTo(longAgo + 12_000);
  }

  @Test
  void neverSoonerThanTheMinimumGapAfterThePreviousQuery() {
    knows(RunTimeMeasure.EXECUTION, 8000, 8300, 12_000);
    long start = NOW - 8000;

    NextDue next = planner().afterNotYet(run(start, NOW, 1), running(start), NOW);

    assertThat(next.dueAt()).isEqualTo(NOW + 1000);
  }

  @Test
  void pastTheLastLevelTheExponentialScheduleStartsAgainFromItsFirstDelay() {
    knows(RunTimeMeasure.EXECUTION, 8000, 10_000, 12_000);
    long start = NOW - 12_000;
    QueryPlanner planner = planner();

    NextDue first = planner.afterNotYet(run(start, NOW, 3), running(start), NOW);
    PollState after = run(start, first.dueAt(), 4).after(first).queriedAt(first.dueAt());
    NextDue second = planner.afterNotYet(after, running(start), first.dueAt());

    assertThat(first.dueAt()).isEqualTo(NOW + 2000);
    assertThat(first.tail()).isEqualTo(1);
    assertThat(second.dueAt()).isEqualTo(first.dueAt() + 4000);
    assertThat(second.kind()).isEqualTo(ScheduleKind.LEARNED);
  }

  @Test
  void aLearnedWaitMayPassThePollMaxDelayUpToItsOwnBound() {
    knows(RunTimeMeasure.EXECUTION, 600_000, 700_000, 800_000);

    NextDue tenMinutes = planner().afterNotYet(run(NOW, NOW, 0), running(NOW), NOW);
    NextDue bounded =
        planner(true, Duration.ofMinutes(5)).afterNotYet(run(NOW, NOW, 0), running(NOW), NOW);

    assertThat(tenMinutes.dueAt()).isEqualTo(NOW + 600_000);
    assertThat(bounded.dueAt()).isEqualTo(NOW + 300_000);
  }

  @Test
  void aLearnedWaitIsLengthenedByAtMostTwoPercentAndHalfASecond() {
    knows(RunTimeMeasure.EXECUTION, 10_000, 100_000, 200_000);
    jitter = 0.999_999;

    NextDue short_ = planner().afterNotYet(run(NOW, NOW, 0), running(NOW), NOW);
    NextDue long_ = planner().afterNotYet(run(NOW, NOW + 10_000, 1), running(NOW), NOW + 10_000);

    assertThat(short_.dueAt() - (NOW + 10_000)).isBetween(199L, 200L);
    assertThat(long_.dueAt() - (NOW + 100_000)).isBetween(499L, 500L);
  }

  @Test
  void anAnnouncedRetryAfterIsHonouredUpToItsBound() {
    knows(RunTimeMeasure.EXECUTION, 8000, 10_000, 12_000);
    NotYetAnswer throttled =
        new NotYetAnswer(
            Optional.of("wf-1"),
            Optional.empty(),
            OptionalLong.of(NOW),
            Optional.of(Duration.ofMinutes(3)));
    NotYetAnswer tooLong =
        new NotYetAnswer(
            Optional.of("wf-1"),
            Optional.empty(),
            OptionalLong.of(NOW),
            Optional.of(Duration.ofDays(1)));

    assertThat(planner().afterNotYet(run(NOW, NOW, 0), throttled, NOW).dueAt())
        .isEqualTo(NOW + 180_000);
    assertThat(
            planner(false, Duration.ofHours(1))
                .afterNotYet(run(NOW, NOW, 0), throttled, NOW)
                .dueAt())
        .isEqualTo(NOW + 180_000);
    assertThat(planner().afterNotYet(run(NOW, NOW, 0), tooLong, NOW).dueAt())
        .isEqualTo(NOW + 3_600_000);
  }

  @Test
  void theWorkflowAndStartOfAnEarlierAnswerAreKept() {
    knows(RunTimeMeasure.EXECUTION, 8000, 10_000, 12_000);
    NextDue first = planner().afterNotYet(run(NOW, NOW, 0), running(NOW - 100), NOW);
    PollState after = run(NOW, NOW + 7900, 0).after(first).queriedAt(NOW + 7900);

    NextDue second = planner().afterNotYet(after, NotYetAnswer.BARE, NOW + 7900);

    assertThat(second.dueAt()).isEqualTo(NOW - 100 + 10_000);
    assertThat(second.startTime()).hasValue(NOW - 100);
  }

  @Test
  void aBareInputIsDueNow() {
    knows(RunTimeMeasure.SEEN_TO_END, 30_000, 40_000, 50_000);

    NextDue first = planner().firstDue(RunHints.NONE, NOW);

    assertThat(first.dueAt()).isEqualTo(NOW);
    assertThat(first.kind()).isEqualTo(ScheduleKind.FIXED);
  }

  private static RunHints hints(long startTime) {
    return new RunHints(Optional.of("wf-1"), OptionalLong.of(startTime));
  }

  @Test
  void aHintedInputIsFirstDueAtItsStartPlusTheFirstLevel() {
    knows(RunTimeMeasure.SEEN_TO_END, 30_000, 40_000, 50_000);

    NextDue first = planner().firstDue(hints(NOW - 5000), NOW);

    assertThat(first.dueAt()).isEqualTo(NOW + 25_000);
    assertThat(first.kind()).isEqualTo(ScheduleKind.HINTED);
    assertThat(first.hintedStart()).hasValue(NOW - 5000);
  }

  @Test
  void aHintedStartInTheFutureCountsAsNow() {
    knows(RunTimeMeasure.SEEN_TO_END, 30_000, 40_000, 50_000);

    NextDue first = planner().firstDue(hints(NOW + 3_600_000), NOW);

    assertThat(first.hintedStart()).hasValue(NOW);
    assertThat(first.dueAt()).isEqualTo(NOW + 30_000);
  }

  @Test
  void aHintedStartOlderThanMaxAgeCountsAsThatOldAndIsDueNowWhenEveryLevelPassed() {
    knows(RunTimeMeasure.SEEN_TO_END, 30_000, 40_000, 50_000);

    NextDue first = planner().firstDue(hints(0), NOW);

    assertThat(first.hintedStart()).hasValue(NOW - MAX_AGE.toMillis());
    assertThat(first.dueAt()).isEqualTo(NOW);
  }

  @Test
  void aHintedInputIsDueNowWithoutHistoryOrWithTheFixedSchedule() {
    assertThat(planner().firstDue(hints(NOW - 5000), NOW).dueAt()).isEqualTo(NOW);
    knows(RunTimeMeasure.SEEN_TO_END, 30_000, 40_000, 50_000);
    assertThat(planner(false, Duration.ofHours(1)).firstDue(hints(NOW - 5000), NOW).dueAt())
        .isEqualTo(NOW);
    assertThat(
            planner()
                .firstDue(new RunHints(Optional.of("wf-1"), OptionalLong.empty()), NOW)
                .dueAt())
        .isEqualTo(NOW);
  }
}
