package io.workflowresult.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from its beginning to the end offsets it had when the read started, with a consumer
 * of its own that is assigned every partition (no group, nothing committed). Bounded: a read that
 * makes no progress for {@code readTimeout} fails.
 */
public final class TopicScan {
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> consumerSettings;
  private final Duration readTimeout;

  /**
   * @param consumerSettings consumer properties (the group is not used: partitions are assigned)
   * @param readTimeout how long reading a topic to its end may go without progress
   */
  public TopicScan(Map<String, Object> consumerSettings, Duration readTimeout) {
    this.consumerSettings = consumerSettings;
    this.readTimeout = readTimeout;
  }

  /**
   * Hands {@code each} every record of {@code topic} below the end offsets it had when the scan
   * started, in offset order within each partition.
   *
   * @throws IllegalStateException when the topic does not exist, or the scan makes no progress for
   *     the read timeout
   */
  public void each(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each)
      throws InterruptedException {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, readTimeout).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = new LinkedHashMap<>(consumer.endOffsets(partitions));
      long lastProgress = System.nanoTime();
      while (!ends.isEmpty()) {
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        ends.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        if (ends.isEmpty()) {
          break;
        }
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          Long end = ends.get(new TopicPartition(r.topic(), r.partition()));
          if (end != null && r.offset() < end) {
            each.accept(r);
            n++;
          }
        }
        if (n > 0) {
          lastProgress = System.nanoTime();
        } else if (System.nanoTime() - lastProgress > readTimeout.toNanos()) {
          throw new IllegalStateException(
              "reading " + topic + " made no progress for " + readTimeout.toSeconds() + "s");
        }
      }
    }
  }
}
