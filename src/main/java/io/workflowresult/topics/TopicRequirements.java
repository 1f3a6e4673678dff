package io.workflowresult.topics;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigException;
import io.workflowresult.config.ConfigKeys;
import io.workflowresult.topics.TopicSpec.CleanupPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The topic policies of README "Topics", derived from the configuration: results, cost totals, cost
 * windows and run stats compacted; input, delay and dead letters deleted by retention; the delay
 * topic kept at least {@code poll.max-age} + 7 days (a run may wait that long before its last
 * query, and a consumer that stopped for a week must still find it); every topic the service writes
 * accepts the producer's largest request.
 */
public final class TopicRequirements {
  /** How much longer than {@code poll.max-age} the delay topic keeps its records. */
  public static final Duration DELAY_RETENTION_MARGIN = Duration.ofDays(7);

  /**
   * {@code segment.ms} of the run-stats topic: each instance rewrites its records every minute, and
   * a restart reads the topic whole, so its head is made compactable within the hour.
   */
  public static final Duration RUN_STATS_SEGMENT = Duration.ofHours(1);

  /** Kafka's producer default {@code max.request.size}. */
  static final int PRODUCER_DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

  private TopicRequirements() {}

  /**
   * The seven topics' specs, in contract order (input, delay, results, dlq, totals, windows), then
   * run stats.
   *
   * @param producerSettings the service's producer properties (from {@code
   *     KafkaClientSettings.producer}); their {@code max.request.size} sizes {@code
   *     max.message.bytes}
   */
  public static List<TopicSpec> of(AppConfig config, Map<String, ?> producerSettings) {
    AppConfig.Topics names = config.topics();
    requireDistinct(names);
    int maxBytes = maxRequestSize(producerSettings);
    long delayRetention = config.poll().maxAge().plus(DELAY_RETENTION_MARGIN).toMillis();
    return List.of(
        // the service never writes the input topic: no size requirement on an existing one
        events(names.input(), 0, OptionalLong.empty()),
        events(names.delay(), maxBytes, OptionalLong.of(delayRetention)),
        new TopicSpec(names.results(), CleanupPolicy.COMPACT, OptionalLong.empty(), maxBytes, true),
        events(names.dlq(), maxBytes, OptionalLong.empty()),
        table(names.costTotals(), maxBytes),
        table(names.costWindows(), maxBytes),
        new TopicSpec(
            names.runStats(),
            CleanupPolicy.COMPACT,
            OptionalLong.empty(),
            maxBytes,
            false,
            OptionalLong.of(RUN_STATS_SEGMENT.toMillis())));
  }

  /** Two roles on one topic would mix formats and need conflicting policies. */
  private static void requireDistinct(AppConfig.Topics names) {
    Map<String, String> keyByName = new LinkedHashMap<>();
    List<Map.Entry<String, String>> keyed =
        List.of(
            Map.entry(ConfigKeys.TOPICS_INPUT, names.input()),
            Map.entry(ConfigKeys.TOPICS_DELAY, names.delay()),
            Map.entry(ConfigKeys.TOPICS_RESULTS, names.results()),
            Map.entry(ConfigKeys.TOPICS_DLQ, names.dlq()),
            Map.entry(ConfigKeys.TOPICS_COST_TOTALS, names.costTotals()),
            Map.entry(ConfigKeys.TOPICS_COST_WINDOWS, names.costWindows()),
            Map.entry(ConfigKeys.TOPICS_RUN_STATS, names.runStats()));
    for (Map.Entry<String, String> entry : keyed) {
      String earlier = keyByName.putIfAbsent(entry.getValue(), entry.getKey());
      if (earlier != null) {
        throw new ConfigException(
            entry.getKey(),
            entry.getKey()
                + " names the same topic as "
                + earlier
                + " ("
                + entry.getValue()
                + "): each topic needs its own name");
      }
    }
  }

  /** The producer's {@code max.request.size}, or Kafka's default when it sets none. */
  static int maxRequestSize(Map<String, ?> producerSettings) {
    Object value = producerSettings.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    if (value == null) {
      return PRODUCER_DEFAULT_MAX_REQUEST_SIZE;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    return Integer.parseInt(value.toString().trim());
  }

  private static TopicSpec events(String name, int maxBytes, OptionalLong minRetentionMs) {
    return new TopicSpec(name, CleanupPolicy.DELETE, minRetentionMs, maxBytes, false);
  }

  private static TopicSpec table(String name, int maxBytes) {
    return new TopicSpec(name, CleanupPolicy.COMPACT, OptionalLong.empty(), maxBytes, false);
  }
}
