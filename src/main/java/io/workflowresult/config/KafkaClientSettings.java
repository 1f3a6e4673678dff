package io.workflowresult.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p><b>Static membership.</b> Once {@code run} has resolved the instance identity ({@link
 * AppConfig.Instance#id()}), every group member of this instance joins with {@code
 * group.instance.id} derived from it, on the classic group protocol, pinned: a restarted member
 * then takes its partitions back at once, after SIGTERM and after {@code kill -9}, without a
 * rebalance and without waiting for its old session to expire. Under the newer protocols a rejoin
 * with the instance id of a member that did not leave is refused ({@code UNRELEASED_INSTANCE_ID})
 * until that session expires; so where a user passes {@code group.protocol=consumer} (or {@code
 * streams} for Kafka Streams) static membership stays off for those clients instead ({@link
 * #staticMembershipOff}), and their restarts wait for the session timeout as before.
 */
public final class KafkaClientSettings {
  /** Small enough not to add visible latency, large enough to batch a burst of results. */
  static final int LINGER_MS = 5;

  /** The group protocol on which a static member's rejoin after a crash is accepted at once. */
  static final String CLASSIC = "classic";

  /** {@code max.partition.fetch.bytes} of the intake's consumer, unless passed through. */
  static final int INPUT_PARTITION_FETCH_BYTES = 64 * 1024;

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
    staticMember(config, c);
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
   * What the intake's consumer of the input topic sets on top of {@link #consumer}: {@code
   * max.partition.fetch.bytes} at {@value #INPUT_PARTITION_FETCH_BYTES} unless it is passed
   * through. The consumer hands out one partition's fetched records before the next partition's,
   * and intake forwards input at the resolver's pace; with the client's 1 MiB per partition, a
   * backlog would make the runs of one input partition wait behind some 30,000 IDs of another. 64
   * KiB is about 2,000 IDs, so input partitions take turns.
   */
  public static Map<String, Object> intakeOverrides(AppConfig config) {
    String key = ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG;
    return config.kafka().consumer().containsKey(key) || config.kafka().common().containsKey(key)
        ? Map.of()
        : Map.of(key, INPUT_PARTITION_FETCH_BYTES);
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
    // Streams appends "-<thread index>" to the main consumers' group.instance.id
    staticMember(config, s);
    return s;
  }

  /**
   * The clients that cannot be static members because the passthrough chose a newer group protocol:
   * {@code "intake and resolver"}, {@code "the aggregator"}, or both; empty when every group has
   * static membership (or no identity is set yet). For the one start-up line that says so.
   */
  public static Optional<String> staticMembershipOff(AppConfig config) {
    boolean consumers = !isClassic(config.kafka().common(), config.kafka().consumer());
    boolean streams = !isClassic(config.kafka().common(), config.kafka().streams());
    if (config.instance().id().isEmpty() || (!consumers && !streams)) {
      return Optional.empty();
    }
    return Optional.of(
        consumers && streams
            ? "intake, resolver and the aggregator"
            : consumers ? "intake and resolver" : "the aggregator");
  }

  /** Makes the member static on the classic protocol, unless a newer protocol was chosen. */
  private static void staticMember(AppConfig config, Map<String, Object> props) {
    Optional<String> id = config.instance().id();
    Object protocol = props.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
    if (id.isPresent() && (protocol == null || CLASSIC.equalsIgnoreCase(protocol.toString()))) {
      props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id.get());
      props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, CLASSIC);
    }
  }

  private static boolean isClassic(Map<String, String> common, Map<String, String> scoped) {
    String protocol =
        scoped.getOrDefault(
            ConsumerConfig.GROUP_PROTOCOL_CONFIG, common.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG));
    return protocol == null || CLASSIC.equalsIgnoreCase(protocol.trim());
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
