package io.workflowresult.resolver;

import io.workflowresult.config.AppConfig;
import java.time.Duration;

/**
 * What the intake and resolver loops need from the configuration.
 *
 * @param revocationTimeout how long a revocation waits for the revoked partitions' requests and
 *     produces; kept well under {@code max.poll.interval.ms}
 * @param commitInterval how often completed offsets are committed
 * @param idlePoll longest poll when nothing is in flight and nothing is due sooner
 * @param busyPoll longest poll while requests or produces are outstanding (their answers are
 *     applied between polls)
 */
public record ResolverSettings(
    String inputTopic,
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

  public static final Duration DEFAULT_REVOCATION_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_IDLE_POLL = Duration.ofMillis(500);
  public static final Duration DEFAULT_BUSY_POLL = Duration.ofMillis(10);

  public static ResolverSettings of(AppConfig config) {
    AppConfig.Topics t = config.topics();
    return new ResolverSettings(
        t.input(),
        t.delay(),
        t.results(),
        t.dlq(),
        config.query().maxInFlight(),
        config.delay().maxBuffered(),
        config.shutdownTimeout(),
        min(config.shutdownTimeout(), DEFAULT_REVOCATION_TIMEOUT),
        DEFAULT_COMMIT_INTERVAL,
        DEFAULT_IDLE_POLL,
        DEFAULT_BUSY_POLL);
  }

  /** {@code max.poll.records} for the delay consumer: a quarter of the buffer, at most 500. */
  public int maxPollRecords() {
    return Math.max(1, Math.min(500, maxBuffered / 4));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
