package io.workflowresult.delay.learned;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the schedule needs to know of a run, as its delay record keeps it between two queries.
 *
 * @param firstSeenAt when intake took it in
 * @param attempt answers that moved it on so far (the exponential schedule's index, as today)
 * @param workflowId its workflow, from a hint or an earlier answer
 * @param startTime the API's {@code startTime}, once an answer carried it
 * @param hintedStart the {@code startTime} its input hinted, clamped by intake
 * @param lastQueriedAt when it was last asked
 * @param kind the schedule it has been asked by so far
 * @param tail waits already given on the exponential tail past the ladder's last level
 */
public record PollState(
    long firstSeenAt,
    int attempt,
    Optional<String> workflowId,
    OptionalLong startTime,
    OptionalLong hintedStart,
    OptionalLong lastQueriedAt,
    Optional<ScheduleKind> kind,
    int tail) {

  /** A run just taken in, of which nothing else is known. */
  public static PollState fresh(long firstSeenAt) {
    return new PollState(
        firstSeenAt,
        0,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        0);
  }

  /** The same run, asked at {@code atMs}. */
  public PollState queriedAt(long atMs) {
    return new PollState(
        firstSeenAt,
        attempt,
        workflowId,
        startTime,
        hintedStart,
        OptionalLong.of(atMs),
        kind,
        tail);
  }

  /** The same run after {@code next} was decided, with one more answer that moved it on. */
  public PollState after(NextDue next) {
    return new PollState(
        firstSeenAt,
        attempt + 1,
        next.workflowId(),
        next.startTime(),
        next.hintedStart(),
        lastQueriedAt,
        Optional.of(next.kind()),
        next.tail());
  }
}
