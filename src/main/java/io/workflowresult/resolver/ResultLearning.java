package io.workflowresult.resolver;

import io.workflowresult.api.RunTimes;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.learned.DelayRecordSchedule;
import io.workflowresult.delay.learned.LearnedPollingMetrics;
import io.workflowresult.delay.learned.RunTimeBook;
import io.workflowresult.delay.learned.RunTiming;
import io.workflowresult.delay.learned.RunTimingReader;
import io.workflowresult.delay.learned.ScheduleKind;
import java.time.Duration;
import java.util.Optional;

/**
 * What a published result teaches the learned schedule: its run's times go into the {@link
 * RunTimeBook} (a {@code SUCCEED} and a {@code FAILED} run alike: a run that fails often fails
 * early), measured from the start its input hinted or else when it was first seen; and it is
 * counted by the schedule it was asked by, with its lateness (published − the run's {@code
 * endTime}). Called on the resolver's poll thread once the result is acknowledged.
 */
public final class ResultLearning {
  /** Learns nothing and reports nothing (tests of the loop alone). */
  public static final ResultLearning NONE = new ResultLearning(null, LearnedPollingMetrics.NOOP);

  private final RunTimeBook book;
  private final LearnedPollingMetrics metrics;

  /**
   * @param book shared with the planner that schedules the resolver's and intake's runs
   */
  public ResultLearning(RunTimeBook book, LearnedPollingMetrics metrics) {
    this.book = book;
    this.metrics = metrics;
  }

  /**
   * The result of {@code sent} (the run as it was last queried) was published at {@code atMs}: its
   * times as the client read them, else read from its run object.
   */
  void published(DelayRecord sent, Route.Publish result, long atMs) {
    learn(
        sent,
        result.times().isPresent()
            ? timing(result.times().get())
            : RunTimingReader.read(result.runObject()),
        atMs);
  }

  /** The result of {@code sent}, this run object, was published at {@code atMs}. */
  void published(DelayRecord sent, byte[] runObject, long atMs) {
    learn(sent, RunTimingReader.read(runObject), atMs);
  }

  /** The times {@link RunTimingReader} reads, from the client's reading of the same fields. */
  static Optional<RunTiming> timing(RunTimes times) {
    Optional<String> workflowId = times.workflowId().filter(id -> !id.isEmpty());
    return workflowId.map(
        id ->
            new RunTiming(
                id,
                times.workflowVersion(),
                times.startTime(),
                times.endTime(),
                times.executionTime()));
  }

  private void learn(DelayRecord sent, Optional<RunTiming> timing, long atMs) {
    ScheduleKind kind = DelayRecordSchedule.kind(sent);
    metrics.resolvedBy(kind);
    if (timing.isEmpty()) {
      return;
    }
    timing
        .get()
        .endTime()
        .ifPresent(end -> metrics.lateness(kind, Duration.ofMillis(Math.max(0, atMs - end))));
    if (book != null) {
      book.learn(timing.get(), DelayRecordSchedule.seenFrom(sent), atMs);
      metrics.workflowsTracked(book.tracked());
    }
  }
}
