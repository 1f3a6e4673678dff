package io.workflowresult.resolver;

import io.workflowresult.api.WorkflowApi;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.KafkaClientSettings;
import io.workflowresult.pipeline.IntakeAndResolver;
import io.workflowresult.pipeline.LoopAssembly;
import io.workflowresult.testing.KafkaTestCluster;
import io.workflowresult.testing.TestConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Unique topics and a configuration on the shared test broker, plus helpers to feed and read. */
final class ResolverFixture implements AutoCloseable {
  final String bootstrap = KafkaTestCluster.bootstrapServers();
  final String appId = KafkaTestCluster.unique("rs");
  final AppConfig config;
  final String input;
  final String delay;
  final String results;
  final String dlq;
  final String runStats;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<String, byte[]> reader;
  private final Admin admin;
  private final Map<String, List<ConsumerRecord<String, byte[]>>> seen = new HashMap<>();

  ResolverFixture(int partitions, Map<String, String> settings) throws Exception {
    config =
        TestConfig.onTestBroker(appId)
            .setAll(
                "poll.initial-delay", "300ms",
                "poll.max-delay", "1s",
                "api.auth-retry-interval", "500ms",
                "shutdown.timeout", "5s")
            .setAll(settings)
            .build();
    input = config.topics().input();
    delay = config.topics().delay();
    results = config.topics().results();
    dlq = config.topics().dlq();
    runStats = config.topics().runStats();
    KafkaTestCluster.createTopics(partitions, List.of(input, delay, results, dlq, runStats));
    producer = KafkaTestCluster.producer();
    admin = Admin.create(KafkaClientSettings.admin(config));
    reader =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new org.apache.kafka.common.serialization.StringDeserializer(),
            new ByteArrayDeserializer());
  }

  /** The resolver's settings with shorter intervals: commits every 200 ms, revocations 5 s. */
  private static ResolverSettings shorter(ResolverSettings s) {
    return new ResolverSettings(
        s.delayTopic(),
        s.resultsTopic(),
        s.dlqTopic(),
        s.maxInFlight(),
        s.maxBuffered(),
        s.shutdownTimeout(),
        Duration.ofSeconds(5),
        Duration.ofMillis(200),
        s.idlePoll(),
        s.busyPoll());
  }

  /** Intake and the resolver as the service builds them, querying {@code api}. */
  IntakeAndResolver start(WorkflowApi api) {
    return LoopAssembly.of(config, api, admin)
        .intervals(ResolverFixture::shorter)
        .start(AppConfig.Role.ALL);
  }

  /**
   * Delay partitions assigned to each member of the resolver group, as the group coordinator sees
   * it (one entry per member).
   */
  List<Integer> delayPartitionsPerResolver() throws Exception {
    String group = appId + "-resolver";
    return admin
        .describeConsumerGroups(List.of(group))
        .describedGroups()
        .get(group)
        .get(10, TimeUnit.SECONDS)
        .members()
        .stream()
        .map(
            m ->
                (int)
                    m.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(delay))
                        .count())
        .toList();
  }

  void submit(String value) {
    submit(value == null ? null : value.getBytes(StandardCharsets.UTF_8), new RecordHeaders());
  }

  void submit(byte[] value, RecordHeaders headers) {
    try {
      producer.send(new ProducerRecord<>(input, null, null, null, value, headers)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every record read so far from {@code topic}, reading what arrived since the last call. */
  synchronized List<ConsumerRecord<String, byte[]>> read(String topic) {
    if (!seen.containsKey(topic)) {
      seen.put(topic, new ArrayList<>());
      List<TopicPartition> tps = new ArrayList<>(reader.assignment());
      for (PartitionInfo pi : reader.partitionsFor(topic)) {
        tps.add(new TopicPartition(topic, pi.partition()));
      }
      reader.assign(tps);
    }
    for (var rec : reader.poll(Duration.ofMillis(200))) {
      seen.get(rec.topic()).add(rec);
    }
    return List.copyOf(seen.get(topic));
  }

  static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  static String header(ConsumerRecord<String, byte[]> rec, String name) {
    var h = rec.headers().lastHeader(name);
    return h == null ? null : text(h.value());
  }

  @Override
  public void close() {
    producer.close();
    reader.close();
    admin.close();
  }
}
