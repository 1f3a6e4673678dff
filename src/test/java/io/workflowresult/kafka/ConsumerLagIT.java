package io.workflowresult.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.testing.KafkaTestCluster;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A group's committed lag, read from a real broker. */
class ConsumerLagIT {
  private final String topic = KafkaTestCluster.unique("lag");
  private final String group = KafkaTestCluster.unique("lag-group");
  private Admin admin;
  private ConsumerLag lag;

  @BeforeEach
  void givenFiveRecordsOnPartitionZeroThreeOnOneAndTwoCommittedOnZero() throws Exception {
    KafkaTestCluster.createTopics(new NewTopic(topic, 2, (short) 1));
    try (KafkaProducer<byte[], byte[]> producer = KafkaTestCluster.producer()) {
      for (int i = 0; i < 8; i++) {
        producer.send(new ProducerRecord<>(topic, i < 5 ? 0 : 1, null, new byte[] {1})).get();
      }
    }
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestCluster.bootstrapServers()));
    admin
        .alterConsumerGroupOffsets(
            group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2)))
        .all()
        .get();
    lag = new ConsumerLag(admin, Duration.ofSeconds(10));
  }

  @AfterEach
  void closeAdmin() {
    admin.close(Duration.ofSeconds(5));
  }

  @Test
  void committedLagCoversThePartitionsTheGroupCommitted() throws Exception {
    assertThat(lag.committed(group)).containsExactly(Map.entry(new TopicPartition(topic, 0), 3L));
  }

  @Test
  void lagOnATopicCountsAPartitionNeverCommittedFromTheStart() throws Exception {
    assertThat(lag.onTopic(group, topic)).isEqualTo(3 + 3);
  }
}
