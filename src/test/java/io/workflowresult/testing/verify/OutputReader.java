package io.workflowresult.testing.verify;

import io.workflowresult.testing.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads output topics from the beginning with {@code isolation.level=read_committed}, without a
 * consumer group, and hands every record to its topic's sink. {@link #catchUp(Duration)} reads up
 * to the end offsets of that moment (the last stable offset, under read_committed), so a record of
 * an open or aborted transaction is never seen. Topics that do not exist yet are picked up once
 * they do.
 */
public final class OutputReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Consumer<OutputRecord>> sinks;
  private final Set<String> assignedTopics = new HashSet<>();

  public OutputReader(String bootstrapServers, Map<String, Consumer<OutputRecord>> sinks) {
    this.sinks = Map.copyOf(sinks);
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                ConsumerConfig.CLIENT_ID_CONFIG, KafkaTestCluster.unique("verifier")),
            new StringDeserializer(),
            new ByteArrayDeserializer());
  }

  /**
   * Reads every committed record up to the current end offsets.
   *
   * @throws IllegalStateException when that takes longer than {@code timeout}
   */
  public synchronized void catchUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    assignNewTopics();
    Set<TopicPartition> assignment = consumer.assignment();
    if (assignment.isEmpty()) {
      return;
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, timeout);
    while (!reached(ends)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "could not read " + sinks.keySet() + " up to " + ends + " within " + timeout);
      }
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        sinks.get(r.topic()).accept(toOutputRecord(r));
      }
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void assignNewTopics() {
    if (assignedTopics.size() == sinks.size()) {
      return;
    }
    Map<String, List<PartitionInfo>> existing = existingTopics();
    List<TopicPartition> added = new ArrayList<>();
    for (String topic : sinks.keySet()) {
      List<PartitionInfo> partitions = existing.getOrDefault(topic, List.of());
      if (!assignedTopics.contains(topic) && !partitions.isEmpty()) {
        partitions.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
        assignedTopics.add(topic);
      }
    }
    if (!added.isEmpty()) {
      Set<TopicPartition> all = new HashSet<>(consumer.assignment());
      all.addAll(added);
      consumer.assign(all);
      consumer.seekToBeginning(added);
    }
  }

  private Map<String, List<PartitionInfo>> existingTopics() {
    try {
      return consumer.listTopics(Duration.ofSeconds(5));
    } catch (TimeoutException e) {
      return Map.of();
    }
  }

  private static OutputRecord toOutputRecord(ConsumerRecord<String, byte[]> r) {
    Map<String, String> headers = new HashMap<>();
    for (Header h : r.headers()) {
      headers.put(
          h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
    }
    return new OutputRecord(
        r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers, r.timestamp());
  }

  @Override
  public synchronized void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
