package io.workflowresult.delay.learned;

import java.time.Duration;

/**
 * The settings of the re-query schedule beyond the exponential curve's own.
 *
 * @param learned {@code poll.schedule=learned}; {@code false} is today's exponential schedule alone
 * @param minGap {@code poll.min-gap}: a learned or hinted query never comes sooner after the
 *     previous query of the run
 * @param learnedMaxDelay {@code poll.learned-max-delay}: the longest learned wait (it may pass
 *     {@code poll.max-delay})
 * @param maxAge {@code poll.max-age}: a hinted start older than this is taken as this old
 * @param maxRetryAfter {@code api.max-rate-limit-wait}: the longest announced wait honoured
 */
public record ScheduleSettings(
    boolean learned,
    Duration minGap,
    Duration learnedMaxDelay,
    Duration maxAge,
    Duration maxRetryAfter) {

  /** Largest jitter of a learned or hinted wait, as a fraction of it. */
  public static final double LEARNED_JITTER = 0.02;

  /** Largest jitter of a learned or hinted wait, in milliseconds. */
  public static final long LEARNED_JITTER_CAP_MS = 500;
}
