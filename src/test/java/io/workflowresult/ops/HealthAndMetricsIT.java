package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.workflowresult.testing.Http;
import io.workflowresult.testing.KafkaTestCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health and metrics endpoints against a real broker. */
class HealthAndMetricsIT {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Readiness readiness = new Readiness();
  private Admin admin;
  private KafkaMonitor monitor;
  private OpsServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (monitor != null) {
      monitor.close();
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }

  private void startWith(String bootstrap, String appId) throws Exception {
    startWith(bootstrap, appId, Duration.ofSeconds(10));
  }

  private void startWith(String bootstrap, String appId, Duration timeout) throws Exception {
    int ms = (int) timeout.toMillis();
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms));
    monitor =
        new KafkaMonitor(admin, appId, new PipelineMeters(registry, Clock.systemUTC()), timeout);
    readiness.register("kafka", monitor);
    monitor.start(Duration.ofMillis(300));
    server = OpsServer.start(0, readiness, registry, Optional.empty());
  }

  @Test
  void readyOnlyWhenKafkaAnswersAndEveryPushedConditionHolds() throws Exception {
    // Given a reachable broker, but partitions not assigned yet
    Readiness.Flag partitions = readiness.flag("partitions", "no partitions assigned");
    startWith(KafkaTestCluster.bootstrapServers(), KafkaTestCluster.unique("health"));

    // Then not ready, and only for the partitions
    await("kafka check passes")
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(Http.get(server.port(), "/health/ready").body())
                    .doesNotContain("kafka")
                    .contains("no partitions assigned"));
    assertThat(Http.get(server.port(), "/health/ready").status()).isEqualTo(503);
    assertThat(Http.get(server.port(), "/metrics").body()).contains("wrp_ready 0.0");

    // When the partitions are assigned
    partitions.up();

    // Then ready
    Http.Response ready = Http.get(server.port(), "/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(Http.get(server.port(), "/metrics").body()).contains("wrp_ready 1.0");
    assertThat(Http.get(server.port(), "/health/live").status()).isEqualTo(200);
  }

  @Test
  void aStandbyInItsGroupWithoutPartitionsIsReadyAndSaysSo() throws Exception {
    // Given two members of one group and a topic of one partition: one of them gets none
    String topic = KafkaTestCluster.unique("standby");
    String group = KafkaTestCluster.unique("standby-group");
    KafkaTestCluster.createTopics(1, List.of(topic));
    try (Operations first = new Operations(Clock.systemUTC());
        Operations second = new Operations(Clock.systemUTC());
        KafkaConsumer<byte[], byte[]> a = member(group);
        KafkaConsumer<byte[], byte[]> b = member(group)) {
      first.watchLoop("resolver", a, new MockProducer<>(), () -> true);
      second.watchLoop("resolver", b, new MockProducer<>(), () -> true);
      assertThat(first.readiness().problems())
          .as("before joining")
          .containsEntry("resolver", "not in its consumer group yet");
      a.subscribe(List.of(topic));
      b.subscribe(List.of(topic));

      // When both have joined (polled from this thread: consumers are single-threaded)
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!(first.readiness().ready() && second.readiness().ready())
          && System.nanoTime() < deadline) {
        a.poll(Duration.ofMillis(100));
        b.poll(Duration.ofMillis(100));
      }

      // Then both are ready, and their partitions add up to the topic's one
      assertThat(first.readiness().problems()).as("first member").isEmpty();
      assertThat(second.readiness().problems()).as("second member").isEmpty();
      assertThat(
              List.of(
                  first.readiness().partitions().get("resolver"),
                  second.readiness().partitions().get("resolver")))
          .containsExactlyInAnyOrder(0, 1);
    }
  }

  private static KafkaConsumer<byte[], byte[]> member(String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            KafkaTestCluster.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            group),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  @Test
  void notReadyWithReasonWhenKafkaCannotBeReached() throws Exception {
    // Given a bootstrap address where no broker listens
    startWith("localhost:1", KafkaTestCluster.unique("health"), Duration.ofSeconds(2));

    // Then not ready, with the reason; live all the same
    await("unreachable Kafka reported")
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Http.Response r = Http.get(server.port(), "/health/ready");
              assertThat(r.status()).isEqualTo(503);
              assertThat(r.body()).contains("\"kafka\":\"cannot reach Kafka");
            });
    assertThat(Http.get(server.port(), "/health/live").status()).isEqualTo(200);
  }

  @Test
  void consumerLagOfTheServiceGroupsIsExposed() throws Exception {
    // Given a topic with 5 records and a group of this app that committed 2 of them
    String bootstrap = KafkaTestCluster.bootstrapServers();
    String appId = KafkaTestCluster.unique("lag");
    String topic = KafkaTestCluster.unique("lag-topic");
    String group = appId + "-resolver";
    startWith(bootstrap, appId);
    try (Admin setup =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      setup.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
              new StringSerializer(),
              new StringSerializer())) {
        for (int i = 0; i < 5; i++) {
          producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get();
        }
      }
      setup
          .alterConsumerGroupOffsets(
              group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2)))
          .all()
          .get();
    }

    // Then /metrics shows a lag of 3 for that group and topic
    String expected = "wrp_kafka_consumer_lag{group=\"" + group + "\",topic=\"" + topic + "\"} 3.0";
    await("lag of " + group)
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> assertThat(Http.get(server.port(), "/metrics").body()).contains(expected));
  }
}
