package io.workflowresult.ops;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether a consumer is a member of its group, read from its coordinator metrics (the same under
 * the classic and the consumer group protocol): it has completed a rebalance ({@code
 * last-rebalance-seconds-ago} is -1 until then) and heartbeats ({@code last-heartbeat-seconds-ago}
 * recent; heartbeats come every few seconds whatever the session timeout).
 */
final class GroupMembership {
  /** Longer than any heartbeat interval; a member silent for this long has left or is leaving. */
  static final Duration HEARTBEAT_SILENCE = Duration.ofSeconds(30);

  private GroupMembership() {}

  /** Empty while {@code metrics} show a member; else why not. */
  static Optional<String> problem(Map<MetricName, ? extends Metric> metrics) {
    double rebalanced = coordinator(metrics, "last-rebalance-seconds-ago");
    double heartbeat = coordinator(metrics, "last-heartbeat-seconds-ago");
    if (!(rebalanced >= 0)) {
      return Optional.of("not in its consumer group yet");
    }
    if (!(heartbeat >= 0) || heartbeat > HEARTBEAT_SILENCE.toSeconds()) {
      return Optional.of("no heartbeat to its consumer group for " + (long) heartbeat + "s");
    }
    return Optional.empty();
  }

  /**
   * Partitions of the topics the aggregator reads (not its repartition topics) in its active tasks.
   */
  static int sourcePartitions(KafkaStreams streams) {
    return (int)
        streams.metadataForLocalThreads().stream()
            .flatMap(thread -> thread.activeTasks().stream())
            .flatMap(task -> task.topicPartitions().stream())
            .filter(tp -> !tp.topic().endsWith("-repartition"))
            .count();
  }

  private static double coordinator(Map<MetricName, ? extends Metric> metrics, String name) {
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      if (e.getKey().name().equals(name)
          && e.getKey().group().equals("consumer-coordinator-metrics")
          && e.getValue().metricValue() instanceof Number n) {
        return n.doubleValue();
      }
    }
    return Double.NaN;
  }
}
