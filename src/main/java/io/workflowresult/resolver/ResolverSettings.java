package io.workflowresult.resolver;

import java.time.Duration;

/**
 * What the resolver loop needs from the configuration, with the intervals of its own that no key
 * sets (their defaults below).
 *
 * @param revocationTimeout how long a revocation waits for the revoked partitions' requests and
 *     produces; kept well under {@code max.poll.interval.ms}
 * @param commitInterval how often completed offsets are committed
 * @param idlePoll longest poll when nothing is in flight and nothing is due sooner
 * @param busyPoll longest poll while requests or produces are outstanding (their answers are
 *     applied between polls)
 */
public record ResolverSettings(
    String delayTopic,
    String resultsTopic,
    String dlqTopic,
    int maxInFlight,
    int maxBuffered,
    Duration shutdownTimeout,
    Duration revocationTimeout,
    Duration commitInterval,
    Duration idlePoll,
    Duration busyPoll) {

  /** The longest revocation wait; {@code shutdown.timeout} when that is shorter. */
  public static final Duration DEFAULT_REVOCATION_TIMEOUT = Duration.ofSeconds(15);

  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_IDLE_POLL = Duration.ofMillis(500);
  public static final Duration DEFAULT_BUSY_POLL = Duration.ofMillis(10);

  /** {@code max.poll.records} for the delay consumer: a quarter of the buffer, at most 500. */
  public int maxPollRecords() {
    return Math.max(1, Math.min(500, maxBuffered / 4));
  }
}
