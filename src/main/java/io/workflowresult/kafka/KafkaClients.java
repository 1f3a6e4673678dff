package io.workflowresult.kafka;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.KafkaClientSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Makes the Kafka clients of the intake and resolver loops, and of what they share. */
public interface KafkaClients {

  /**
   * A consumer of group {@code <app.id>-<groupSuffix>} with the service's guarantees (manual
   * commits, {@code read_committed}, {@code earliest}, cooperative rebalancing), plus {@code
   * overrides}.
   */
  Consumer<byte[], byte[]> consumer(
      String groupSuffix, String clientId, Map<String, Object> overrides);

  /** An idempotent producer with {@code acks=all}. */
  Producer<byte[], byte[]> producer(String clientId);

  /** A consumer in no group, for reading by assignment ({@link KafkaClientSettings#reader}). */
  Consumer<byte[], byte[]> reader(String clientId);

  /** The clients {@link KafkaClientSettings} describes for {@code config}. */
  static KafkaClients of(AppConfig config) {
    return new KafkaClients() {
      @Override
      public Consumer<byte[], byte[]> consumer(
          String groupSuffix, String clientId, Map<String, Object> overrides) {
        Map<String, Object> props =
            new HashMap<>(KafkaClientSettings.consumer(config, groupSuffix, clientId));
        props.putAll(overrides);
        return new MembershipConsumer(props, config.instance().leaveGroupOnShutdown());
      }

      @Override
      public Consumer<byte[], byte[]> reader(String clientId) {
        return new KafkaConsumer<>(
            KafkaClientSettings.reader(config, clientId),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
      }

      @Override
      public Producer<byte[], byte[]> producer(String clientId) {
        return new KafkaProducer<>(
            KafkaClientSettings.producer(config, clientId),
            new ByteArraySerializer(),
            new ByteArraySerializer());
      }
    };
  }
}
