package io.workflowresult.delay.learned;

import io.workflowresult.delay.PollSchedule;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;

/**
 * When a run is asked next (README, "Learned polling"). Pure: the time is an argument, the jitter
 * comes from an injected source.
 *
 * <ul>
 *   <li>After a {@code PENDING}/{@code RUNNING} answer, for a workflow with enough history: at the
 *       run's start plus the run time at the first level of the {@link Ladder} not yet passed — the
 *       API's {@code startTime} plus the {@link RunTimeMeasure#EXECUTION} time when the answer had
 *       it, else the hinted start (or first seen) plus the {@link RunTimeMeasure#SEEN_TO_END} time.
 *       A level is passed when its time is not after the previous query. Past the last level, the
 *       exponential schedule from its start ({@code poll.initial-delay}, ×{@code poll.multiplier},
 *       …).
 *   <li>Never sooner than {@code poll.min-gap} after the previous query; a learned wait at most
 *       {@code poll.learned-max-delay} (the level is then asked again later); a learned or hinted
 *       wait lengthened by a jitter of at most 2% and 500 ms; an announced {@code Retry-After}
 *       honoured up to {@code api.max-rate-limit-wait}.
 *   <li>Without history, or with {@code poll.schedule=fixed}: the exponential schedule by {@code
 *       attempt}, exactly as before learned polling.
 *   <li>A hinted input (workflow and start) is first due at its start plus the first {@code
 *       SEEN_TO_END} level still ahead, or now when every level has passed; a start in the future
 *       counts as now, one older than {@code poll.max-age} as that old.
 * </ul>
 */
public final class QueryPlanner {
  private final ScheduleSettings settings;
  private final RunTimeEstimates estimates;
  private final PollSchedule exponential;
  private final DoubleSupplier random;

  /**
   * @param exponential the schedule of {@code poll.initial-delay}, {@code poll.max-delay}, {@code
   *     poll.multiplier}
   * @param random values in {@code [0, 1)} for the learned jitter
   */
  public QueryPlanner(
      ScheduleSettings settings,
      RunTimeEstimates estimates,
      PollSchedule exponential,
      DoubleSupplier random) {
    this.settings = settings;
    this.estimates = estimates;
    this.exponential = exponential;
    this.random = random;
  }

  /** The next query of a run that answered {@code PENDING}/{@code RUNNING} at {@code nowMs}. */
  public NextDue afterNotYet(PollState run, NotYetAnswer answer, long nowMs) {
    Optional<String> workflowId = answer.workflowId().or(run::workflowId);
    OptionalLong startTime = answer.startTime().isPresent() ? answer.startTime() : run.startTime();
    Optional<LadderTimes> times = Optional.empty();
    long base = startTime.isPresent() ? startTime.getAsLong() : seenOrHinted(run);
    if (settings.learned() && workflowId.isPresent()) {
      RunTimeMeasure measure =
          startTime.isPresent() ? RunTimeMeasure.EXECUTION : RunTimeMeasure.SEEN_TO_END;
      times = estimates.ladderTimes(workflowId.get(), answer.workflowVersion(), measure, nowMs);
    }
    if (times.isEmpty()) {
      long due = honourRetryAfter(nowMs + exponential.delayMs(run.attempt()), answer, nowMs);
      return new NextDue(
          due,
          ScheduleKind.combine(run.kind(), ScheduleKind.FIXED),
          run.tail(),
          workflowId,
          startTime,
          run.hintedStart());
    }
    long previous = run.lastQueriedAt().orElse(nowMs);
    long earliest = Math.max(nowMs, previous + settings.minGap().toMillis());
    int tail = run.tail();
    long due;
    OptionalLong level = firstLevelAfter(times.get(), base, previous);
    if (level.isPresent()) {
      due = learnedDue(Math.max(earliest, level.getAsLong()), nowMs);
    } else {
      due = Math.max(earliest, nowMs + exponential.delayMs(tail));
      tail++;
    }
    return new NextDue(
        honourRetryAfter(due, answer, nowMs),
        ScheduleKind.combine(run.kind(), ScheduleKind.LEARNED),
        tail,
        workflowId,
        startTime,
        run.hintedStart());
  }

  /**
   * The first due time of an input taken in at {@code nowMs}: now, unless it hints its workflow and
   * start and that workflow has enough history.
   */
  public NextDue firstDue(RunHints hints, long nowMs) {
    OptionalLong none = OptionalLong.empty();
    if (!settings.learned() || hints.workflowId().isEmpty() || hints.startTime().isEmpty()) {
      return new NextDue(nowMs, ScheduleKind.FIXED, 0, hints.workflowId(), none, none);
    }
    long start =
        Math.max(
            nowMs - settings.maxAge().toMillis(), Math.min(nowMs, hints.startTime().getAsLong()));
    OptionalLong hinted = OptionalLong.of(start);
    Optional<LadderTimes> times =
        estimates.ladderTimes(
            hints.workflowId().get(), Optional.empty(), RunTimeMeasure.SEEN_TO_END, nowMs);
    if (times.isEmpty()) {
      return new NextDue(nowMs, ScheduleKind.FIXED, 0, hints.workflowId(), none, hinted);
    }
    OptionalLong level = firstLevelAfter(times.get(), start, nowMs - 1);
    long due = level.isPresent() ? learnedDue(level.getAsLong(), nowMs) : nowMs;
    return new NextDue(due, ScheduleKind.HINTED, 0, hints.workflowId(), none, hinted);
  }

  private static long seenOrHinted(PollState run) {
    return run.hintedStart().isPresent() ? run.hintedStart().getAsLong() : run.firstSeenAt();
  }

  /** The time of the first level that comes after {@code afterMs}, if any does. */
  private static OptionalLong firstLevelAfter(LadderTimes times, long base, long afterMs) {
    for (int i = 0; i < times.size(); i++) {
      long at = base + times.at(i);
      if (at > afterMs) {
        return OptionalLong.of(at);
      }
    }
    return OptionalLong.empty();
  }

  /** {@code target} capped at {@code poll.learned-max-delay} from now, with the small jitter. */
  private long learnedDue(long target, long nowMs) {
    long wait = Math.min(target - nowMs, settings.learnedMaxDelay().toMillis());
    double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
    long jitter =
        (long)
            Math.floor(
                Math.min(
                        wait * ScheduleSettings.LEARNED_JITTER,
                        ScheduleSettings.LEARNED_JITTER_CAP_MS)
                    * r);
    return nowMs + wait + jitter;
  }

  private long honourRetryAfter(long due, NotYetAnswer answer, long nowMs) {
    if (answer.retryAfter().isEmpty()) {
      return due;
    }
    long announced =
        Math.min(answer.retryAfter().get().toMillis(), settings.maxRetryAfter().toMillis());
    return Math.max(due, nowMs + announced);
  }
}
