package io.workflowresult.topics;

import io.workflowresult.topics.TopicSpec.CleanupPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Whether an existing topic satisfies its {@link TopicSpec}: the first problem as one line that
 * names the topic, what it has and what it needs. Partition counts are never judged (an operator
 * may choose them), only recorded.
 */
final class TopicCheck {
  private TopicCheck() {}

  /** The problem with this topic, or empty when it is fit for use. */
  static Optional<String> problem(TopicSpec spec, Config config) {
    return cleanupPolicyProblem(spec, config)
        .or(() -> retentionProblem(spec, config))
        .or(() -> messageSizeProblem(spec, config));
  }

  private static Optional<String> cleanupPolicyProblem(TopicSpec spec, Config config) {
    String actual = value(config, TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
    List<String> policies =
        Arrays.stream(actual.split(",")).map(String::trim).map(String::toLowerCase).toList();
    boolean compacts = policies.contains(CleanupPolicy.COMPACT.value());
    boolean deletes = policies.contains(CleanupPolicy.DELETE.value());
    if (spec.cleanupPolicy() == CleanupPolicy.COMPACT && (!compacts || deletes)) {
      return Optional.of(
          describe(
              spec, "cleanup.policy=" + actual + ", needs compact (latest value per key kept)"));
    }
    if (spec.cleanupPolicy() == CleanupPolicy.DELETE && compacts) {
      return Optional.of(
          describe(
              spec, "cleanup.policy=" + actual + ", needs delete (compaction would drop records)"));
    }
    return Optional.empty();
  }

  private static Optional<String> retentionProblem(TopicSpec spec, Config config) {
    if (spec.minRetentionMs().isEmpty()) {
      return Optional.empty();
    }
    long required = spec.minRetentionMs().getAsLong();
    long actual = Long.parseLong(value(config, TopicConfig.RETENTION_MS_CONFIG, "-1"));
    if (actual >= 0 && actual < required) {
      return Optional.of(
          describe(
              spec,
              "retention.ms="
                  + actual
                  + ", needs at least "
                  + required
                  + " (poll.max-age + 7 days) or -1"));
    }
    return Optional.empty();
  }

  private static Optional<String> messageSizeProblem(TopicSpec spec, Config config) {
    String configured = value(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, null);
    if (configured == null || spec.maxMessageBytes() <= 0) {
      return Optional.empty();
    }
    long actual = Long.parseLong(configured);
    if (actual < spec.maxMessageBytes()) {
      return Optional.of(
          describe(
              spec,
              "max.message.bytes="
                  + actual
                  + ", needs at least the producer's max.request.size "
                  + spec.maxMessageBytes()));
    }
    return Optional.empty();
  }

  private static String describe(TopicSpec spec, String problem) {
    return "topic " + spec.name() + " has " + problem;
  }

  private static String value(Config config, String name, String fallback) {
    ConfigEntry entry = config.get(name);
    return entry == null || entry.value() == null ? fallback : entry.value();
  }
}
