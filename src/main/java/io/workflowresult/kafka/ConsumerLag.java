package io.workflowresult.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's lag, the one place it is worked out. Two views:
 *
 * <ul>
 *   <li>committed lag, read from the cluster with an admin client ({@link #committed}, {@link
 *       #onTopic}): end offset minus the group's committed offset, never below 0. It counts every
 *       record not yet done, whichever instance holds the partition, including records fetched and
 *       held in memory but not committed;
 *   <li>unfetched lag, read from one consumer's own metrics ({@link #unfetched}): records on its
 *       assigned partitions it has not fetched yet.
 * </ul>
 *
 * Every admin call waits at most {@code timeout}.
 */
public final class ConsumerLag {
  private final Admin admin;
  private final Duration timeout;

  public ConsumerLag(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** Lag of {@code group} on every partition it has committed an offset for. */
  public Map<TopicPartition, Long> committed(String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(committedOffsets(group));
    offsets.values().removeIf(Objects::isNull);
    return lag(offsets, offsets.keySet());
  }

  /**
   * Lag of {@code group} on {@code topic}, summed over all its partitions; a partition the group
   * never committed counts from offset 0 (an overestimate when the log start moved on).
   */
  public long onTopic(String group, String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<TopicPartition> partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(millis(), MILLIS)
            .get(topic)
            .partitions()
            .stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    return lag(committedOffsets(group), partitions).values().stream()
        .mapToLong(Long::longValue)
        .sum();
  }

  /** Records on {@code consumer}'s assigned partitions of {@code topic} not fetched yet. */
  public static double unfetched(Consumer<?, ?> consumer, String topic) {
    return ClientMetrics.sum(consumer.metrics(), "records-lag", Map.of("topic", topic));
  }

  private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    return admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get(millis(), MILLIS);
  }

  private Map<TopicPartition, Long> lag(
      Map<TopicPartition, OffsetAndMetadata> committed, Collection<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(millis(), MILLIS);
    Map<TopicPartition, Long> lag = new HashMap<>();
    ends.forEach(
        (tp, end) -> {
          OffsetAndMetadata c = committed.get(tp);
          lag.put(tp, Math.max(0, end.offset() - (c == null ? 0 : c.offset())));
        });
    return lag;
  }

  private long millis() {
    return timeout.toMillis();
  }

  private static final TimeUnit MILLIS = TimeUnit.MILLISECONDS;
}
