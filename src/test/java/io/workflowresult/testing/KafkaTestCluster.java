package io.workflowresult.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.server.common.MetadataVersion;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker per test JVM, shared by every integration test: the broker named by {@code
 * KAFKA_BOOTSTRAP_SERVERS} when set; else a Testcontainers broker when Docker runs; else an in-JVM
 * KRaft broker (combined broker and controller). Tests use unique topic names and application ids
 * ({@link #unique(String)}), so they never see each other's records.
 */
public final class KafkaTestCluster {
  /** The broker image when Docker runs: the version of the Kafka clients the service uses. */
  public static final String KAFKA_IMAGE = "apache/kafka:4.4.0";

  private static String bootstrap;
  private static String kind;

  private KafkaTestCluster() {}

  /** Bootstrap servers of the shared broker, starting it on first use. */
  public static synchronized String bootstrapServers() {
    if (bootstrap == null) {
      start();
    }
    return bootstrap;
  }

  /** Which broker is in use: {@code external}, {@code testcontainers} or {@code in-jvm}. */
  public static synchronized String kind() {
    bootstrapServers();
    return kind;
  }

  /** A name no other test uses, for topics, groups and application ids. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates {@code topics} on the shared broker and waits until it has. */
  public static void createTopics(NewTopic... topics) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      admin.createTopics(List.of(topics)).all().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics " + List.of(topics), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates each of {@code names} with {@code partitions} partitions (replication factor 1). */
  public static void createTopics(int partitions, Collection<String> names) {
    createTopics(
        names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toArray(NewTopic[]::new));
  }

  /**
   * Settings for test producers of byte arrays. Not idempotent: on a partition created a moment ago
   * the broker can answer the first idempotent batches OUT_OF_ORDER_SEQUENCE_NUMBER for good; one
   * request in flight keeps the order, and a retried duplicate would only be one more copy, which
   * the service must take anyway.
   */
  public static Map<String, Object> producerSettings() {
    return producerSettings(bootstrapServers());
  }

  /** As {@link #producerSettings()}, for the broker at {@code bootstrap}. */
  public static Map<String, Object> producerSettings(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000",
        ProducerConfig.LINGER_MS_CONFIG, "5");
  }

  /** A producer of byte arrays with {@link #producerSettings()}. */
  public static KafkaProducer<byte[], byte[]> producer() {
    return producer(bootstrapServers());
  }

  /** As {@link #producer()}, for the broker at {@code bootstrap}. */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        producerSettings(bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * A consumer of text records in a group of its own ({@link #unique(String) unique} after {@code
   * group}) that starts at the earliest offset.
   */
  public static KafkaConsumer<String, String> textConsumer(String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, unique(group),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static void start() {
    String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (external != null && !external.isBlank()) {
      bootstrap = external;
      kind = "external";
      return;
    }
    if (dockerAvailable()) {
      KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
      bootstrap = container.getBootstrapServers();
      kind = "testcontainers";
      return;
    }
    // The broker halts the JVM when a log directory fails, which happens when its directories go
    // away while the test JVM exits: a halt turns a green run into "Error occurred in starting
    // fork".
    Exit.setHaltProcedure(
        (code, message) ->
            System.err.println("in-JVM Kafka broker asked to halt (" + code + "): " + message));
    Exit.setExitProcedure(
        (code, message) ->
            System.err.println("in-JVM Kafka broker asked to exit (" + code + "): " + message));
    try {
      KafkaClusterTestKit cluster =
          new KafkaClusterTestKit.Builder(
                  new TestKitNodes.Builder()
                      .setCombined(true)
                      .setNumBrokerNodes(1)
                      .setNumControllerNodes(1)
                      .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                      .build())
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .setConfigProp("auto.create.topics.enable", "false")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      // Not closed at exit: its directories are under target/ (java.io.tmpdir), and closing while
      // the JVM exits races with the test JVM's own shutdown.
      bootstrap = cluster.bootstrapServers();
      kind = "in-jvm";
    } catch (Exception e) {
      throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
