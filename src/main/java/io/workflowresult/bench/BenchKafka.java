package io.workflowresult.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The harness's own Kafka clients: topics, a bulk loader, and readers that own no group. */
final class BenchKafka {
  private final String bootstrap;

  BenchKafka(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  void createTopic(String name, int partitions) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause(), e);
      }
    }
  }

  /** Produces {@code count} records, keyed and valued by {@code record(i)} = {key, value}. */
  void produce(String topic, int count, IntFunction<String[]> record) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < count; i++) {
        String[] kv = record.apply(i);
        producer.send(
            new ProducerRecord<>(
                topic,
                kv[0] == null ? null : kv[0].getBytes(StandardCharsets.UTF_8),
                kv[1].getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  KafkaConsumer<byte[], byte[]> reader() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** Assigns every partition of {@code topic} from the start, waiting up to {@code wait} for it. */
  static void assignFromStart(KafkaConsumer<?, ?> consumer, String topic, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (partitions != null && !partitions.isEmpty()) {
        List<TopicPartition> all =
            partitions.stream().map(pi -> new TopicPartition(topic, pi.partition())).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " did not appear within " + wait);
      }
      Thread.sleep(200); // a topic the service creates at start: polled, with a deadline
    }
  }

  /** True when {@code consumer} has read every assigned partition to its current end. */
  static boolean atEnd(KafkaConsumer<?, ?> consumer) {
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
    return assigned.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
  }
}
