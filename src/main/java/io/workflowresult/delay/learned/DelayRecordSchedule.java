package io.workflowresult.delay.learned;

import io.workflowresult.delay.DelayRecord;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The learned schedule's view of a {@link DelayRecord}: the {@link PollState} it keeps between two
 * queries, and the records a {@link NextDue} makes. The record's optional fields ({@code
 * workflowId}, {@code startTime}, {@code hintedStart}, {@code lastQueriedAt}, {@code schedule},
 * {@code tail}) are the state; a record of the first version, without them, is a run of which
 * nothing else is known, asked by the exponential schedule so far.
 */
public final class DelayRecordSchedule {
  private DelayRecordSchedule() {}

  /** What the planner needs to know of the run of {@code record}. */
  public static PollState pollState(DelayRecord record) {
    return new PollState(
        record.firstSeenAt(),
        record.attempt(),
        Optional.ofNullable(record.workflowId()),
        optional(record.startTime()),
        optional(record.hintedStart()),
        optional(record.lastQueriedAt()),
        Optional.ofNullable(record.schedule()).flatMap(ScheduleKind::ofWireName),
        record.tailWaits());
  }

  /** The schedule the run has been asked by; {@link ScheduleKind#FIXED} when none is recorded. */
  public static ScheduleKind kind(DelayRecord record) {
    return Optional.ofNullable(record.schedule())
        .flatMap(ScheduleKind::ofWireName)
        .orElse(ScheduleKind.FIXED);
  }

  /**
   * When the run's time to its end is measured from: the start its input hinted, else when it was
   * first seen.
   */
  public static long seenFrom(DelayRecord record) {
    return record.hintedStart() != null ? record.hintedStart() : record.firstSeenAt();
  }

  /**
   * The run of {@code sent} after a {@code PENDING}/{@code RUNNING} answer: one attempt more, due
   * at {@code next}, with what the decision knew of it.
   *
   * @param version the workflow version the answer named, if any (else the one known before)
   */
  public static DelayRecord redelayed(
      DelayRecord sent, NextDue next, Optional<String> version, String status) {
    return with(
        sent.next(sent.attempt() + 1, next.dueAt(), status, sent.failures(), sent.notFound()),
        next,
        version.orElse(sent.workflowVersion()));
  }

  /** The record of a run taken in at {@code nowMs}, first due at {@code first}. */
  public static DelayRecord takenIn(String runId, long nowMs, NextDue first) {
    return with(DelayRecord.fresh(runId, nowMs).next(0, first.dueAt(), null, 0, 0), first, null);
  }

  private static DelayRecord with(DelayRecord record, NextDue next, String version) {
    return record.scheduled(
        next.workflowId().orElse(null),
        version,
        boxed(next.startTime()),
        boxed(next.hintedStart()),
        next.kind().wireName(),
        next.tail());
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }
}
