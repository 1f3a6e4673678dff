package io.workflowresult.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service's whole configuration: immutable, typed, validated once at start-up by {@link
 * ConfigLoader}. Keys, defaults and meaning are README "Configuration"'s; {@link ConfigKeys} names
 * every key. {@code toString} never shows a secret.
 */
public record AppConfig(
    Kafka kafka,
    String appId,
    Path stateDir,
    Topics topics,
    Api api,
    Query query,
    Poll poll,
    int retryMaxAttempts,
    Delay delay,
    Duration shutdownTimeout,
    Instance instance,
    Duration aggregateWindow,
    long aggregateRocksDbMemory,
    Http http,
    LogFormat loggingFormat,
    LogLevel loggingLevel) {

  /**
   * Kafka settings: {@code bootstrapServers} plus the passthrough maps of {@code kafka.*} (to every
   * client) and its scoped forms, prefixes removed. Values of secret settings are kept but never
   * printed.
   */
  public record Kafka(
      String bootstrapServers,
      Map<String, String> common,
      Map<String, String> producer,
      Map<String, String> consumer,
      Map<String, String> admin,
      Map<String, String> streams) {

    /** Every field, with the values of secret settings shown as {@code [redacted]}. */
    @Override
    public String toString() {
      return "Kafka[bootstrapServers="
          + bootstrapServers
          + ", common="
          + KafkaPassthrough.redacted(common)
          + ", producer="
          + KafkaPassthrough.redacted(producer)
          + ", consumer="
          + KafkaPassthrough.redacted(consumer)
          + ", admin="
          + KafkaPassthrough.redacted(admin)
          + ", streams="
          + KafkaPassthrough.redacted(streams)
          + "]";
    }
  }

  /**
   * Topic names, and the policy for topics the service creates. {@code runStats} holds what was
   * learned of each workflow's run times, per instance (compacted).
   */
  public record Topics(
      String input,
      String delay,
      String results,
      String dlq,
      String costTotals,
      String costWindows,
      String runStats,
      boolean create,
      int partitions,
      short replicationFactor) {}

  /** The workflow API. */
  public record Api(
      URI baseUrl,
      Secret key,
      Duration timeout,
      long maxPayloadBytes,
      long maxResponseBytes,
      Duration authRetryInterval,
      Duration maxRateLimitWait,
      ApiTransport transport) {}

  /**
   * {@code api.transport}: the service's own HTTP/1.1 client on persistent connections, or {@code
   * java.net.http} (HTTP/2 over https, proxies from the JDK's system properties).
   */
  public enum ApiTransport {
    HTTP1,
    JDK
  }

  /** Request concurrency and budget per instance. */
  public record Query(int maxInFlight, Optional<Budget> budget) {}

  /**
   * Re-query schedule for runs that are not finished yet: the exponential curve ({@code
   * initialDelay}, {@code maxDelay}, {@code multiplier}), and with {@link PollScheduleMode#LEARNED}
   * the learned ladder before it (README, "Learned polling").
   *
   * @param minGap a learned or hinted query never comes sooner after the previous query of a run
   * @param learnedMinSamples samples of a workflow's run time needed before they are used
   * @param learnedMaxDelay the longest learned wait (may pass {@code maxDelay})
   */
  public record Poll(
      Duration initialDelay,
      Duration maxDelay,
      double multiplier,
      Duration maxAge,
      int notFoundRetries,
      PollScheduleMode schedule,
      Duration minGap,
      int learnedMinSamples,
      Duration learnedMaxDelay) {}

  /** {@code poll.schedule}: learned from each workflow's run times, or the exponential alone. */
  public enum PollScheduleMode {
    LEARNED,
    FIXED
  }

  /**
   * Who this instance is to its groups, and what a SIGTERM means to them.
   *
   * @param id the explicit {@code instance.id}; empty until {@code run} has read the identity kept
   *     in {@code state.dir} (see {@link #withInstanceId}). While empty, the clients join their
   *     groups as dynamic members.
   * @param leaveGroupOnShutdown {@code shutdown.leave-group}: whether a clean stop leaves every
   *     group for good (a scale-down) instead of keeping the membership for a restart (a rollout)
   */
  public record Instance(Optional<String> id, boolean leaveGroupOnShutdown) {}

  /** This configuration with {@code id} as the instance identity. */
  public AppConfig withInstanceId(String id) {
    return new AppConfig(
        kafka,
        appId,
        stateDir,
        topics,
        api,
        query,
        poll,
        retryMaxAttempts,
        delay,
        shutdownTimeout,
        new Instance(Optional.of(id), instance.leaveGroupOnShutdown()),
        aggregateWindow,
        aggregateRocksDbMemory,
        http,
        loggingFormat,
        loggingLevel);
  }

  /** Memory and backlog bounds of the delay topic. */
  public record Delay(int maxBuffered, long maxBacklog) {}

  /** The HTTP endpoints (health, metrics, costs). */
  public record Http(int port, String advertisedHost) {}

  /** A request budget: at most {@code count} requests in any {@code period}. */
  public record Budget(long count, Duration period) {}

  /** Log line format. */
  public enum LogFormat {
    TEXT,
    JSON
  }

  /** Level of the service's own log lines. */
  public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** Which parts of the pipeline this process runs ({@code --role}). */
  public enum Role {
    INTAKE,
    RESOLVER,
    AGGREGATOR;

    public static final Set<Role> ALL = Set.of(INTAKE, RESOLVER, AGGREGATOR);
  }
}
