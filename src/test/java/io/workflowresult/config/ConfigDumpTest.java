package io.workflowresult.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDumpTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.plain.PlainLoginModule required"
          + " username=\"u\" password=\"jaas-pw\";";

  private final AppConfig config =
      ConfigLoader.fromMap(
          Map.of(
              "api.key", "api-secret-123",
              "kafka.sasl.jaas.config", JAAS,
              "kafka.ssl.keystore.password", "ks-pw",
              "kafka.producer.ssl.key.password", "key-pw",
              "kafka.streams.producer.ssl.truststore.password", "ts-pw",
              "kafka.security.protocol", "SASL_SSL"));

  @Test
  void describeListsEveryKeyAndNoSecret() {
    String dump = ConfigDump.describe(config);
    for (String key : ConfigKeys.names()) {
      if (!key.equals(ConfigKeys.API_KEY_FILE)) {
        assertThat(dump).contains(key + " = ");
      }
    }
    assertThat(dump)
        .contains("kafka.security.protocol = SASL_SSL")
        .contains("kafka.sasl.jaas.config = [redacted]")
        .contains("api.key = [redacted]")
        .doesNotContain("api-secret-123", "jaas-pw", "ks-pw", "key-pw", "ts-pw");
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(config.toString())
        .contains("SASL_SSL")
        .doesNotContain("api-secret-123", "jaas-pw", "ks-pw", "key-pw", "ts-pw");
  }

  @Test
  void clientSettingsStillCarryTheSecrets() {
    assertThat(KafkaClientSettings.producer(config, "p"))
        .containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.key.password", "key-pw");
  }

  @Test
  void dumpedDefaultsReadBackToTheSameConfiguration() {
    Map<String, String> dumped = new java.util.HashMap<>(ConfigDump.asProperties(config));
    dumped.put("api.key", "api-secret-123");
    dumped.put("kafka.sasl.jaas.config", JAAS);
    dumped.put("kafka.ssl.keystore.password", "ks-pw");
    dumped.put("kafka.producer.ssl.key.password", "key-pw");
    dumped.put("kafka.streams.producer.ssl.truststore.password", "ts-pw");
    assertThat(ConfigLoader.fromMap(dumped)).isEqualTo(config);
  }
}
