package io.workflowresult.delay.learned;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a {@code PENDING}/{@code RUNNING} answer says that the schedule uses.
 *
 * @param workflowId the run's workflow, when the answer named it
 * @param workflowVersion its version, when named
 * @param startTime the API's {@code startTime} ({@code RUNNING} answers; none while queued)
 * @param retryAfter a wait the API announced with the answer, honoured even past {@code
 *     poll.max-delay}
 */
public record NotYetAnswer(
    Optional<String> workflowId,
    Optional<String> workflowVersion,
    OptionalLong startTime,
    Optional<Duration> retryAfter) {

  /** An answer that names nothing (as today's resolver knows it). */
  public static final NotYetAnswer BARE =
      new NotYetAnswer(Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());
}
