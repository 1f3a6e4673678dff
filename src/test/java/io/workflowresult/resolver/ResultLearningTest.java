package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.api.RunTimes;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.learned.Ladder;
import io.workflowresult.delay.learned.LearnedPollingMetrics;
import io.workflowresult.delay.learned.RunTimeBook;
import io.workflowresult.delay.learned.RunTimeMeasure;
import io.workflowresult.delay.learned.ScheduleKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResultLearningTest {
  private static final long NOW = 1_767_225_600_000L;
  private final RunTimeBook book =
      new RunTimeBook(RunTimeBook.Limits.withMinSamples(1), Ladder.QUANTILES);
  private final List<String> reported = new ArrayList<>();
  private final ResultLearning learning =
      new ResultLearning(
          book,
          new LearnedPollingMetrics() {
            @Override
            public void lateness(ScheduleKind schedule, Duration lateness) {
              reported.add("lateness " + schedule.wireName() + " " + lateness.toMillis());
            }

            @Override
            public void resolvedBy(ScheduleKind schedule) {
              reported.add("resolved " + schedule.wireName());
            }

            @Override
            public void workflowsTracked(int count) {
              reported.add("tracked " + count);
            }
          });

  private static byte[] run(String status, long start, long end) {
    return ("{\"workflowId\":\"wf-1\",\"workflowVersion\":\"1\",\"status\":\""
            + status
            + "\",\"output\":{\"startTime\":1},\"startTime\":"
            + start
            + ",\"endTime\":"
            + end
            + ",\"workflowExecutionTime\":"
            + (end - start)
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The first ladder time of wf-1 version 1 by {@code measure}. */
  private long firstLevel(RunTimeMeasure measure) {
    return book.ladderTimes("wf-1", Optional.of("1"), measure, NOW).orElseThrow().at(0);
  }

  @Test
  void aPublishedResultIsLearnedFromAndMeasuredBySchedule() {
    DelayRecord sent =
        DelayRecord.fresh("r-1", NOW - 10_000).scheduled("wf-1", null, null, null, "learned", 0);

    learning.published(sent, run("SUCCEED", NOW - 9_000, NOW - 1_500), NOW);

    assertThat(reported).containsExactly("resolved learned", "lateness learned 1500", "tracked 1");
    assertThat(firstLevel(RunTimeMeasure.EXECUTION))
        .as("the run's own time, 7.5 s")
        .isBetween(7_400L, 7_600L);
    assertThat(firstLevel(RunTimeMeasure.SEEN_TO_END))
        .as("first seen to end, 8.5 s")
        .isBetween(8_400L, 8_600L);
  }

  @Test
  void aFailedRunIsLearnedFromToo() {
    learning.published(DelayRecord.fresh("r-1", NOW - 5_000), run("FAILED", NOW - 4_000, NOW), NOW);

    assertThat(reported).contains("resolved fixed", "lateness fixed 0");
    assertThat(book.tracked()).isEqualTo(1);
  }

  @Test
  void aHintedRunIsMeasuredFromItsHintedStart() {
    DelayRecord sent =
        DelayRecord.fresh("r-1", NOW - 2_000)
            .scheduled("wf-1", null, null, NOW - 6_000, "hinted", 0);

    learning.published(sent, run("SUCCEED", NOW - 5_000, NOW - 1_000), NOW);

    assertThat(
            book.ladderTimes("wf-1", Optional.empty(), RunTimeMeasure.SEEN_TO_END, NOW)
                .orElseThrow()
                .at(0))
        .isBetween(4_900L, 5_100L);
    assertThat(reported).startsWith("resolved hinted");
  }

  @Test
  void theTimesTheClientReadAreLearnedWithoutReadingTheRunObjectAgain() {
    RunTimes read =
        new RunTimes(
            Optional.of("wf-1"),
            Optional.of("1"),
            OptionalLong.of(NOW - 9_000),
            OptionalLong.of(NOW - 1_500),
            OptionalLong.of(7_500));
    byte[] unreadable = "{\"workflowId\":".getBytes(StandardCharsets.UTF_8);

    learning.published(
        DelayRecord.fresh("r-1", NOW - 10_000),
        new Route.Publish("SUCCEED", unreadable, false, Optional.of(read)),
        NOW);

    assertThat(reported).containsExactly("resolved fixed", "lateness fixed 1500", "tracked 1");
    assertThat(firstLevel(RunTimeMeasure.EXECUTION)).isBetween(7_400L, 7_600L);
  }

  @Test
  void timesTheClientReadWithoutAWorkflowTeachNothingLikeARunObjectWithout() {
    RunTimes noWorkflow =
        new RunTimes(
            Optional.of(""),
            Optional.empty(),
            OptionalLong.empty(),
            OptionalLong.of(NOW),
            OptionalLong.empty());

    learning.published(
        DelayRecord.fresh("r-1", NOW),
        new Route.Publish("SUCCEED", new byte[0], false, Optional.of(noWorkflow)),
        NOW);

    assertThat(reported).containsExactly("resolved fixed");
    assertThat(book.tracked()).isZero();
  }

  @Test
  void aResultWithoutAWorkflowTeachesNothingButIsCounted() {
    learning.published(
        DelayRecord.fresh("r-1", NOW),
        "{\"status\":\"SUCCEED\"}".getBytes(StandardCharsets.UTF_8),
        NOW);

    assertThat(reported).containsExactly("resolved fixed");
    assertThat(book.tracked()).isZero();
  }
}
