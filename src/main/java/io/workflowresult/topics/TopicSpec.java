package io.workflowresult.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What the service requires of one of its topics: the settings it creates it with, and what an
 * existing one must satisfy ({@link TopicCheck}).
 *
 * @param name the topic's name
 * @param cleanupPolicy {@code compact} for tables (latest value per key wins), {@code delete} for
 *     streams of events
 * @param minRetentionMs the shortest acceptable {@code retention.ms}, when records must outlive a
 *     deadline (the delay topic); created with exactly this
 * @param maxMessageBytes the producer's largest request: the topic must accept a batch that big (0
 *     when the service does not write the topic)
 * @param partitionCountFixed the partition count must never change once records are written (the
 *     results table is partitioned by run ID: a new count would split a run's copies)
 * @param segmentMs when present, created with this {@code segment.ms}: a compacted topic written
 *     often and read whole at start must roll segments soon, or its uncompacted head grows for the
 *     broker's default week (not checked on an existing topic: the operator's choice)
 */
public record TopicSpec(
    String name,
    CleanupPolicy cleanupPolicy,
    OptionalLong minRetentionMs,
    int maxMessageBytes,
    boolean partitionCountFixed,
    OptionalLong segmentMs) {

  /** The broker's own default {@code max.message.bytes}: never create a topic below it. */
  static final int BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

  /** {@code cleanup.policy} values the service uses. */
  public enum CleanupPolicy {
    COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT),
    DELETE(TopicConfig.CLEANUP_POLICY_DELETE);

    private final String value;

    CleanupPolicy(String value) {
      this.value = value;
    }

    /** The value as Kafka spells it. */
    public String value() {
      return value;
    }
  }

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Objects.requireNonNull(minRetentionMs, "minRetentionMs");
    Objects.requireNonNull(segmentMs, "segmentMs");
  }

  /** A spec that leaves {@code segment.ms} to the broker. */
  public TopicSpec(
      String name,
      CleanupPolicy cleanupPolicy,
      OptionalLong minRetentionMs,
      int maxMessageBytes,
      boolean partitionCountFixed) {
    this(
        name,
        cleanupPolicy,
        minRetentionMs,
        maxMessageBytes,
        partitionCountFixed,
        OptionalLong.empty());
  }

  /**
   * Topic configs for creating it. {@code max.message.bytes} is at least the broker default, so
   * that tools with default producer settings (redrive, console producers) can write too.
   */
  public Map<String, String> creationConfigs() {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.value());
    minRetentionMs.ifPresent(ms -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(ms)));
    segmentMs.ifPresent(ms -> configs.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(ms)));
    configs.put(
        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
        Integer.toString(Math.max(maxMessageBytes, BROKER_DEFAULT_MAX_MESSAGE_BYTES)));
    return configs;
  }
}
