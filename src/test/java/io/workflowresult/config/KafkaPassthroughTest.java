package io.workflowresult.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.testing.TestConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaPassthroughTest {

  private static AppConfig load(String... keyValues) {
    return TestConfig.defaults().setAll(keyValues).build();
  }

  @Test
  void passthroughIsSplitByScopeWithPrefixRemoved() {
    AppConfig.Kafka k =
        load(
                "kafka.security.protocol", "SSL",
                "kafka.producer.compression.type", "zstd",
                "kafka.consumer.max.poll.records", "50",
                "kafka.admin.request.timeout.ms", "5000",
                "kafka.streams.num.stream.threads", "2")
            .kafka();
    assertThat(k.common()).containsExactlyEntriesOf(Map.of("security.protocol", "SSL"));
    assertThat(k.producer()).containsExactlyEntriesOf(Map.of("compression.type", "zstd"));
    assertThat(k.consumer()).containsExactlyEntriesOf(Map.of("max.poll.records", "50"));
    assertThat(k.admin()).containsExactlyEntriesOf(Map.of("request.timeout.ms", "5000"));
    assertThat(k.streams()).containsExactlyEntriesOf(Map.of("num.stream.threads", "2"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kafka.acks",
        "kafka.producer.acks",
        "kafka.producer.enable.idempotence",
        "kafka.consumer.enable.auto.commit",
        "kafka.consumer.isolation.level",
        "kafka.streams.processing.guarantee",
        "kafka.group.id",
        "kafka.consumer.group.instance.id",
        "kafka.consumer.auto.offset.reset",
        "kafka.streams.application.id",
        "kafka.streams.producer.acks",
        "kafka.streams.main.consumer.isolation.level",
        "kafka.producer.bootstrap.servers",
        "kafka.streams.state.dir",
        "kafka.consumer.value.deserializer"
      })
  void overridingAGuaranteeIsAnErrorNamingTheKey(String key) {
    assertThatThrownBy(() -> load(key, "x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key + " cannot be overridden: ")
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo(key);
  }

  @Test
  void guaranteeSetThroughTheEnvironmentIsAnErrorToo() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    java.util.Optional.empty(),
                    Map.of("API_KEY", "k", "KAFKA_PRODUCER_ACKS", "1"),
                    Map.of()))
        .hasMessageStartingWith("kafka.producer.acks cannot be overridden");
  }

  @Test
  void passwordTypedSettingsAreSecrets() {
    assertThat(KafkaPassthrough.isSecret("ssl.key.password")).isTrue();
    assertThat(KafkaPassthrough.isSecret("ssl.keystore.password")).isTrue();
    assertThat(KafkaPassthrough.isSecret("ssl.truststore.password")).isTrue();
    assertThat(KafkaPassthrough.isSecret("sasl.jaas.config")).isTrue();
    assertThat(KafkaPassthrough.isSecret("ssl.keystore.key")).isTrue();
    assertThat(KafkaPassthrough.isSecret("producer.sasl.jaas.config")).isTrue();
    assertThat(KafkaPassthrough.isSecret("basic.auth.user.info")).isTrue();
    assertThat(KafkaPassthrough.isSecret("security.protocol")).isFalse();
    assertThat(KafkaPassthrough.isSecret("compression.type")).isFalse();
  }
}
