package io.workflowresult.testing;

import java.util.UUID;
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

  private static void start() {
    String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    if (external != null && !external.isBlank()) {
      bootstrap = external;
      kind = "external";
      return;
    }
    if (dockerAvailable()) {
      KafkaContainer container = new KafkaContainer("apache/kafka:4.1.0");
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
