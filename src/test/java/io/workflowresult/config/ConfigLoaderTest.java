package io.workflowresult.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path f = dir.resolve("application.properties");
    Files.writeString(f, content);
    return f;
  }

  @Test
  void environmentOverridesFileAndSetOverridesEnvironment() throws IOException {
    Path f = file("api.key=k\nquery.max-in-flight=10\npoll.max-age=2h\napp.id=from-file\n");
    AppConfig c =
        ConfigLoader.load(
            Optional.of(f),
            Map.of("QUERY_MAX_IN_FLIGHT", "20", "APP_ID", "from-env"),
            Map.of("query.max-in-flight", "30"));
    assertThat(c.query().maxInFlight()).isEqualTo(30);
    assertThat(c.appId()).isEqualTo("from-env");
    assertThat(c.poll().maxAge()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void environmentNameIsUpperCasedWithDotsAndDashesAsUnderscores() {
    AppConfig c =
        ConfigLoader.load(
            Optional.empty(),
            Map.of(
                "API_BASE_URL", "http://localhost:28189",
                "API_KEY", "k",
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092"),
            Map.of());
    assertThat(c.api().baseUrl()).hasToString("http://localhost:28189");
    assertThat(c.kafka().bootstrapServers()).isEqualTo("broker:9092");
    assertThat(ConfigKeys.envName("api.max-rate-limit-wait")).isEqualTo("API_MAX_RATE_LIMIT_WAIT");
  }

  @Test
  void strayEnvironmentVariablesAreIgnored() {
    AppConfig c =
        ConfigLoader.load(
            Optional.empty(),
            Map.of(
                "API_KEY", "k",
                "KAFKA_PORT", "tcp://10.0.0.1:9092",
                "KAFKA_SERVICE_HOST", "10.0.0.1",
                "KAFKA_PORT_9092_TCP", "tcp://10.0.0.1:9092",
                "QUERY_WHATEVER", "1",
                "PATH", "/usr/bin"),
            Map.of());
    assertThat(c.kafka().common()).isEmpty();
    assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
  }

  @Test
  void kafkaSettingsAreReadFromTheirEnvironmentForms() {
    AppConfig c =
        ConfigLoader.load(
            Optional.empty(),
            Map.of(
                "API_KEY", "k",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_PRODUCER_COMPRESSION_TYPE", "zstd",
                "KAFKA_CONSUMER_MAX_POLL_RECORDS", "100"),
            Map.of());
    assertThat(c.kafka().common()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(c.kafka().producer()).containsEntry("compression.type", "zstd");
    assertThat(c.kafka().consumer()).containsEntry("max.poll.records", "100");
  }

  @Test
  void unknownKeyInSetIsRejectedWithSuggestion() {
    assertThatThrownBy(
            () -> ConfigLoader.fromMap(Map.of("api.key", "k", "query.max-inflight", "5")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown configuration key query.max-inflight in --set"
                + " (did you mean query.max-in-flight?)");
  }

  @Test
  void unknownKeyInFileIsRejected() throws IOException {
    Path f = file("api.key=k\npoll.maxage=1h\n");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown configuration key poll.maxage in " + f)
        .extracting(e -> ((ConfigException) e).key())
        .isEqualTo("poll.maxage");
  }

  @Test
  void missingConfigFileNamesIt() {
    Path missing = dir.resolve("nope.properties");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("cannot read configuration file " + missing);
  }

  @Test
  void apiKeyIsRequired() {
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("api.key is required (or api.key-file, a file holding the key)");
  }

  @Test
  void kafkaOnlyCommandsNeedNoApiKey() {
    AppConfig c = ConfigLoader.loadWithoutApiKey(Optional.empty(), Map.of(), Map.of());
    assertThat(c.api().key().reveal()).isEmpty();
  }

  @Test
  void apiKeyFileIsReadAndTrimmed() throws IOException {
    Path keyFile = dir.resolve("key");
    Files.writeString(keyFile, "  secret-key \n");
    AppConfig c = ConfigLoader.fromMap(Map.of("api.key-file", keyFile.toString()));
    assertThat(c.api().key().reveal()).isEqualTo("secret-key");
  }

  @Test
  void unreadableApiKeyFileIsOneLineNamingTheKey() {
    Path keyFile = dir.resolve("absent");
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("api.key-file", keyFile.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("api.key-file cannot be read: " + keyFile)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void emptyApiKeyFileIsRejected() throws IOException {
    Path keyFile = dir.resolve("empty");
    Files.writeString(keyFile, " \n");
    assertThatThrownBy(() -> ConfigLoader.fromMap(Map.of("api.key-file", keyFile.toString())))
        .hasMessage("api.key-file " + keyFile + " is empty");
  }

  @Test
  void apiKeyAndKeyFileInOneLayerAreRejected() {
    assertThatThrownBy(
            () -> ConfigLoader.fromMap(Map.of("api.key", "k", "api.key-file", "/some/file")))
        .hasMessage("api.key and api.key-file are both set: set only one");
  }

  @Test
  void apiKeyInAHigherLayerHidesKeyFileOfALowerOne() throws IOException {
    Path f = file("api.key-file=/does/not/exist\n");
    AppConfig c = ConfigLoader.load(Optional.of(f), Map.of(), Map.of("api.key", "from-set"));
    assertThat(c.api().key().reveal()).isEqualTo("from-set");
  }

  @Test
  void blankValuesCountAsUnset() {
    AppConfig c =
        ConfigLoader.load(
            Optional.empty(), Map.of("API_KEY", "k", "QUERY_MAX_IN_FLIGHT", ""), Map.of());
    assertThat(c.query().maxInFlight()).isEqualTo(64);
  }

  @Test
  void advertisedHostCanBeSet() {
    assertThat(
            ConfigLoader.fromMap(Map.of("api.key", "k", "http.advertised-host", "node-1"))
                .http()
                .advertisedHost())
        .isEqualTo("node-1");
  }
}
