package io.workflowresult.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.testing.TestConfig;
import java.util.Map;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

  private static AppConfig load(String... keyValues) {
    return TestConfig.defaults()
        .setAll("app.id", "wrp", "kafka.bootstrap.servers", "b:9092")
        .setAll(keyValues)
        .build();
  }

  @Test
  void producerIsIdempotentWithAcksAll() {
    Map<String, Object> p =
        KafkaClientSettings.producer(
            load("kafka.client.rack", "r1", "kafka.producer.compression.type", "zstd"), "p-1");
    assertThat(p)
        .containsEntry("bootstrap.servers", "b:9092")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("max.in.flight.requests.per.connection", 5)
        .containsEntry("linger.ms", 5)
        .containsEntry("client.id", "p-1")
        .containsEntry("client.rack", "r1")
        .containsEntry("compression.type", "zstd")
        .containsEntry("key.serializer", ByteArraySerializer.class)
        .containsEntry("value.serializer", ByteArraySerializer.class);
  }

  @Test
  void producerKeepsAPassedLingerAndSmallerInFlight() {
    Map<String, Object> p =
        KafkaClientSettings.producer(
            load(
                "kafka.producer.linger.ms", "20",
                "kafka.producer.max.in.flight.requests.per.connection", "2"),
            "p");
    assertThat(p)
        .containsEntry("linger.ms", "20")
        .containsEntry("max.in.flight.requests.per.connection", "2");
  }

  @Test
  void intakeTakesInputPartitionsInTurnsUnlessTheFetchSizeIsPassed() {
    assertThat(KafkaClientSettings.intakeOverrides(load()))
        .containsExactly(Map.entry("max.partition.fetch.bytes", 65_536));
    assertThat(
            KafkaClientSettings.intakeOverrides(
                load("kafka.consumer.max.partition.fetch.bytes", "1048576")))
        .isEmpty();
    assertThat(KafkaClientSettings.intakeOverrides(load("kafka.max.partition.fetch.bytes", "4096")))
        .isEmpty();
  }

  @Test
  void consumerCommitsManuallyReadsCommittedFromEarliest() {
    Map<String, Object> c =
        KafkaClientSettings.consumer(load("kafka.consumer.max.poll.records", "7"), "resolver", "c");
    assertThat(c)
        .containsEntry("group.id", "wrp-resolver")
        .containsEntry("enable.auto.commit", false)
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("partition.assignment.strategy", CooperativeStickyAssignor.class.getName())
        .containsEntry("max.poll.records", "7")
        .containsEntry("key.deserializer", ByteArrayDeserializer.class)
        .containsEntry("value.deserializer", ByteArrayDeserializer.class);
  }

  @Test
  void consumerLeavesAssignmentToTheBrokerUnderTheConsumerProtocol() {
    Map<String, Object> c =
        KafkaClientSettings.consumer(load("kafka.consumer.group.protocol", "consumer"), "r", "c");
    assertThat(c).doesNotContainKey("partition.assignment.strategy");
  }

  @Test
  void scopedSettingsDoNotLeakToOtherClients() {
    AppConfig config = load("kafka.producer.compression.type", "zstd");
    assertThat(KafkaClientSettings.consumer(config, "x", "c"))
        .doesNotContainKey("compression.type");
    assertThat(KafkaClientSettings.admin(config)).doesNotContainKey("compression.type");
    assertThat(KafkaClientSettings.streams(config)).doesNotContainKey("compression.type");
  }

  @Test
  void adminGetsBootstrapAndPassthrough() {
    assertThat(KafkaClientSettings.admin(load("kafka.admin.request.timeout.ms", "3000")))
        .containsEntry("bootstrap.servers", "b:9092")
        .containsEntry("request.timeout.ms", "3000");
  }

  @Test
  void streamsRunsExactlyOnceUnderDerivedApplicationId() {
    Map<String, Object> s =
        KafkaClientSettings.streams(
            load("state.dir", "/tmp/st", "kafka.streams.num.stream.threads", "2"));
    assertThat(s)
        .containsEntry("application.id", "wrp-aggregator")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("state.dir", "/tmp/st")
        .containsEntry("bootstrap.servers", "b:9092")
        .containsEntry("num.stream.threads", "2");
  }

  @Test
  void withoutAnIdentityConsumersAreDynamicMembers() {
    assertThat(KafkaClientSettings.consumer(load(), "resolver", "c"))
        .doesNotContainKey("group.instance.id");
    assertThat(KafkaClientSettings.streams(load())).doesNotContainKey("group.instance.id");
  }

  @Test
  void withAnIdentityEveryGroupMemberIsStaticOnTheClassicProtocol() {
    AppConfig config = load().withInstanceId("wrp-1a2b");
    assertThat(KafkaClientSettings.consumer(config, "resolver", "c"))
        .containsEntry("group.instance.id", "wrp-1a2b")
        .containsEntry("group.protocol", "classic");
    assertThat(KafkaClientSettings.streams(config))
        .containsEntry("group.instance.id", "wrp-1a2b")
        .containsEntry("group.protocol", "classic");
    assertThat(KafkaClientSettings.staticMembershipOff(config)).isEmpty();
  }

  @Test
  void theConsumerProtocolPassedThroughTurnsStaticMembershipOffForTheConsumersOnly() {
    AppConfig config = load("kafka.consumer.group.protocol", "consumer").withInstanceId("wrp-1");
    assertThat(KafkaClientSettings.consumer(config, "intake", "c"))
        .containsEntry("group.protocol", "consumer")
        .doesNotContainKey("group.instance.id");
    assertThat(KafkaClientSettings.streams(config)).containsEntry("group.instance.id", "wrp-1");
    assertThat(KafkaClientSettings.staticMembershipOff(config)).contains("intake and resolver");
  }

  @Test
  void theStreamsProtocolPassedThroughTurnsStaticMembershipOffForTheAggregator() {
    AppConfig config = load("kafka.streams.group.protocol", "streams").withInstanceId("wrp-1");
    assertThat(KafkaClientSettings.streams(config))
        .containsEntry("group.protocol", "streams")
        .doesNotContainKey("group.instance.id");
    assertThat(KafkaClientSettings.staticMembershipOff(config)).contains("the aggregator");
  }
}
