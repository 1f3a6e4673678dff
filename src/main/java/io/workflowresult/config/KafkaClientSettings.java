package io.workflowresult.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Kafka client properties built from {@link AppConfig}: the passthrough settings ({@code kafka.*}
 * then the scoped form) with the service's own guarantees on top ({@code acks=all}, idempotence,
 * manual commits, {@code read_committed}, {@code earliest}, {@code exactly_once_v2}). The loader
 * already refused passthrough keys that would override a guarantee, so nothing here is silently
 * replaced.
 */
public final class KafkaClientSettings {
  /** Small enough not to add visible latency, large enough to batch a burst of results. */
  static final int LINGER_MS = 5;

  private KafkaClientSettings() {}

  /** An idempotent producer with {@code acks=all}; keys and values are byte arrays. */
  public static Map<String, Object> producer(AppConfig config, String clientId) {
    Map<String, Object> p = base(config, config.kafka().producer());
    p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // idempotence keeps ordering only up to 5 (the loader refuses more)
    p.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  /**
   * A consumer of group {@code <app.id>-<groupSuffix>}: manual commits, {@code read_committed},
   * {@code auto.offset.reset=earliest}, cooperative rebalancing (the cooperative-sticky assignor,
   * unless {@code group.protocol=consumer} is passed through, where the broker assigns).
   */
  public static Map<String, Object> consumer(
      AppConfig config, String groupSuffix, String clientId) {
    Map<String, Object> c = base(config, config.kafka().consumer());
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(config, groupSuffix));
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    boolean brokerAssigns =
        "consumer".equalsIgnoreCase(String.valueOf(c.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)));
    if (!brokerAssigns) {
      c.putIfAbsent(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName());
    }
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return c;
  }

  /**
   * A consumer that reads a topic by assignment, in no group and committing nothing ({@code
   * topics.run-stats}, read whole at start and tailed): {@code read_committed}, {@code earliest},
   * and never creating the topic it asks for (a topic created by the broker's defaults would not be
   * compacted).
   */
  public static Map<String, Object> reader(AppConfig config, String clientId) {
    Map<String, Object> c = base(config, config.kafka().consumer());
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    c.remove(ConsumerConfig.GROUP_ID_CONFIG);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return c;
  }

  /** The consumer group id for {@code suffix}: {@code <app.id>-<suffix>}. */
  public static String groupId(AppConfig config, String suffix) {
    return config.appId() + "-" + suffix;
  }

  /** An admin client. */
  public static Map<String, Object> admin(AppConfig config) {
    Map<String, Object> a = base(config, config.kafka().admin());
    a.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, config.appId() + "-admin");
    return a;
  }

  /**
   * Kafka Streams: {@code application.id} = {@code <app.id>-aggregator}, {@code exactly_once_v2},
   * state in {@code state.dir}.
   */
  public static Map<String, Object> streams(AppConfig config) {
    Map<String, Object> s = base(config, config.kafka().streams());
    s.put(StreamsConfig.APPLICATION_ID_CONFIG, streamsApplicationId(config));
    s.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    s.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    return s;
  }

  /** The aggregator's Streams {@code application.id}. */
  public static String streamsApplicationId(AppConfig config) {
    return config.appId() + "-aggregator";
  }

  private static Map<String, Object> base(AppConfig config, Map<String, String> scoped) {
    Map<String, Object> props = new HashMap<>(config.kafka().common());
    props.putAll(scoped);
    props.put(
        org.apache.kafka.clients.CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        config.kafka().bootstrapServers());
    return props;
  }
}
