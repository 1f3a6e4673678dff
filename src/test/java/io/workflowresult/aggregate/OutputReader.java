package io.workflowresult.aggregate;

import io.workflowresult.testing.KafkaTestCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a totals or windows topic {@code read_committed} from the beginning: the latest record per
 * key, and the most runs any committed record of a key ever showed.
 */
final class OutputReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<String, CostSum> latest = new TreeMap<>();
  private final Map<String, Long> maxRuns = new TreeMap<>();
  private long records;

  OutputReader(String topic) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestCluster.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads up to the last stable offset; the latest committed record per key. */
  Map<String, CostSum> refresh() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        CostSum sum = CostSumJson.parse(r.value());
        latest.put(r.key(), sum);
        maxRuns.merge(r.key(), sum.runs(), Math::max);
        records++;
      }
    }
    return new TreeMap<>(latest);
  }

  long recordsRead() {
    return records;
  }

  Map<String, Long> maxRunsSeen() {
    return maxRuns;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
