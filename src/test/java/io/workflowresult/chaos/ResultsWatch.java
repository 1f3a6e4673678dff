package io.workflowresult.chaos;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The results topic as a reader with {@code read_committed} sees it, from the beginning and without
 * a consumer group: the distinct runs with a result, the records in all, and when the latest record
 * arrived. {@link #poll()} reads what is there now and returns quickly, so a measurement can poll
 * it in a tight loop.
 */
final class ResultsWatch implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Set<String> runs = new HashSet<>();
  private long records;
  private long lastArrivalNanos;

  ResultsWatch(String bootstrap, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads what is readable now; returns the number of records read. */
  synchronized int poll() {
    int n = 0;
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
      runs.add(r.key());
      n++;
    }
    if (n > 0) {
      records += n;
      lastArrivalNanos = System.nanoTime();
    }
    return n;
  }

  /** Polls until nothing more arrives for {@code quiet}, at most {@code max}. */
  synchronized void drain(Duration quiet, Duration max) {
    long end = System.nanoTime() + max.toNanos();
    long quietSince = System.nanoTime();
    while (System.nanoTime() < end && System.nanoTime() - quietSince < quiet.toNanos()) {
      if (poll() > 0) {
        quietSince = System.nanoTime();
      }
    }
  }

  synchronized Set<String> runs() {
    return Set.copyOf(runs);
  }

  synchronized int distinctRuns() {
    return runs.size();
  }

  synchronized long records() {
    return records;
  }

  synchronized long lastArrivalNanos() {
    return lastArrivalNanos;
  }

  @Override
  public synchronized void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
