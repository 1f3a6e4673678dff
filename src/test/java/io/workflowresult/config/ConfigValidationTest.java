package io.workflowresult.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.testing.TestConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One test per validation rule: the message is one line naming the key and what it accepts. */
class ConfigValidationTest {

  private static AppConfig load(String... keyValues) {
    return TestConfig.defaults().setAll(keyValues).build();
  }

  private static void assertRejected(String key, String value, String message) {
    assertThatThrownBy(() -> load(key, value))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void defaultsAreValid() {
    AppConfig c = load();
    assertThat(c.query().maxInFlight()).isEqualTo(64);
    assertThat(c.query().budget()).isEmpty();
    assertThat(c.poll().initialDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.poll().maxDelay()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.poll().multiplier()).isEqualTo(2.0);
    assertThat(c.poll().maxAge()).isEqualTo(Duration.ofHours(24));
    assertThat(c.topics().replicationFactor()).isEqualTo((short) -1);
    assertThat(c.http().advertisedHost()).isNotBlank();
  }

  @Test
  void maxInFlightBelowOne() {
    assertRejected(
        "query.max-in-flight", "0", "query.max-in-flight must be between 1 and 10000, got 0");
  }

  @Test
  void maxInFlightAboveLimit() {
    assertRejected(
        "query.max-in-flight",
        "10001",
        "query.max-in-flight must be between 1 and 10000, got 10001");
  }

  @Test
  void maxInFlightNotANumber() {
    assertRejected(
        "query.max-in-flight",
        "many",
        "query.max-in-flight must be a whole number between 1 and 10000, got many");
  }

  @Test
  void bootstrapServersBlankFallsBackToDefault() {
    assertThat(load("kafka.bootstrap.servers", " ").kafka().bootstrapServers())
        .isEqualTo("localhost:9092");
  }

  @Test
  void appIdWithIllegalCharacters() {
    assertRejected(
        "app.id",
        "my app",
        "app.id must be 1-200 letters, digits, '.', '_' or '-', got \"my app\"");
  }

  @Test
  void topicNameIllegal() {
    assertRejected(
        "topics.results",
        "results/x",
        "topics.results must be a Kafka topic name (1-249 letters, digits, '.', '_', '-'),"
            + " got results/x");
  }

  @Test
  void topicNamesMustDiffer() {
    assertRejected(
        "topics.delay",
        "workflow-runs",
        "topics.delay must differ from topics.input, both are workflow-runs");
  }

  @Test
  void topicsCreateNotBoolean() {
    assertRejected("topics.create", "yes", "topics.create must be true or false, got yes");
  }

  @Test
  void partitionsZero() {
    assertRejected(
        "topics.partitions", "0", "topics.partitions must be between 1 and 10000, got 0");
  }

  @Test
  void replicationFactorZero() {
    assertRejected(
        "topics.replication-factor",
        "0",
        "topics.replication-factor must be -1 (the broker's default) or at least 1, got 0");
  }

  @Test
  void replicationFactorBelowMinusOne() {
    assertRejected(
        "topics.replication-factor",
        "-2",
        "topics.replication-factor must be between -1 and 32767, got -2");
  }

  @Test
  void baseUrlNotHttp() {
    assertRejected(
        "api.base-url",
        "ftp://x",
        "api.base-url must be an http:// or https:// URL with a host, got ftp://x");
  }

  @Test
  void timeoutNotADuration() {
    assertRejected(
        "api.timeout",
        "10 seconds",
        "api.timeout must be a duration like 500ms, 2s, 5m, 24h or 7d, got \"10 seconds\"");
  }

  @Test
  void timeoutZero() {
    assertRejected("api.timeout", "0s", "api.timeout must be between 1ms and 1h, got 0s");
  }

  @Test
  void maxPayloadBytesTooSmall() {
    assertRejected(
        "api.max-payload-bytes",
        "10",
        "api.max-payload-bytes must be between 1024 and 2147483647, got 10");
  }

  @Test
  void maxResponseBytesTooSmall() {
    assertRejected(
        "api.max-response-bytes",
        "100",
        "api.max-response-bytes must be between 1024 and 2147483647, got 100");
  }

  @Test
  void payloadLimitAboveResponseLimit() {
    assertThatThrownBy(
            () -> load("api.max-payload-bytes", "4096", "api.max-response-bytes", "2048"))
        .hasMessage(
            "api.max-payload-bytes must not exceed api.max-response-bytes, got 4096 > 2048");
  }

  @Test
  void authRetryIntervalZero() {
    assertRejected(
        "api.auth-retry-interval",
        "0ms",
        "api.auth-retry-interval must be between 1ms and 1d, got 0ms");
  }

  @Test
  void maxRateLimitWaitTooLong() {
    assertRejected(
        "api.max-rate-limit-wait",
        "8d",
        "api.max-rate-limit-wait must be between 1s and 7d, got 8d");
  }

  @Test
  void budgetMalformed() {
    assertRejected(
        "query.budget",
        "1000 per hour",
        "query.budget must be none or COUNT/PERIOD like 1000/1h or 100/1d, got \"1000 per hour\"");
  }

  @Test
  void budgetZeroCount() {
    assertRejected(
        "query.budget",
        "0/1h",
        "query.budget must be none or COUNT/PERIOD like 1000/1h or 100/1d"
            + " (count >= 1, period >= 1s), got 0/1h");
  }

  @Test
  void budgetParsed() {
    assertThat(load("query.budget", "1000/1h").query().budget())
        .contains(new AppConfig.Budget(1000, Duration.ofHours(1)));
    assertThat(load("query.budget", "100/d").query().budget())
        .contains(new AppConfig.Budget(100, Duration.ofDays(1)));
  }

  @Test
  void initialDelayAboveMaxDelay() {
    assertThatThrownBy(() -> load("poll.initial-delay", "2m", "poll.max-delay", "60s"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("poll.initial-delay must not exceed poll.max-delay, got 2m > 1m");
  }

  @Test
  void multiplierBelowOne() {
    assertRejected(
        "poll.multiplier", "0.5", "poll.multiplier must be between 1.0 and 100.0, got 0.5");
  }

  @Test
  void multiplierNotANumber() {
    assertRejected(
        "poll.multiplier", "NaN", "poll.multiplier must be between 1.0 and 100.0, got NaN");
  }

  @Test
  void maxAgeTooShort() {
    assertRejected("poll.max-age", "500ms", "poll.max-age must be between 1s and 365d, got 500ms");
  }

  @Test
  void notFoundRetriesNegative() {
    assertRejected(
        "poll.not-found-retries",
        "-1",
        "poll.not-found-retries must be between 0 and 1000, got -1");
  }

  @Test
  void learnedPollingDefaults() {
    AppConfig.Poll poll = load().poll();
    assertThat(poll.schedule()).isEqualTo(AppConfig.PollScheduleMode.LEARNED);
    assertThat(poll.minGap()).isEqualTo(Duration.ofSeconds(1));
    assertThat(poll.learnedMinSamples()).isEqualTo(30);
    assertThat(poll.learnedMaxDelay()).isEqualTo(Duration.ofHours(1));
    assertThat(load().topics().runStats()).isEqualTo("workflow-run-stats");
    assertThat(load("poll.schedule", "FIXED").poll().schedule())
        .isEqualTo(AppConfig.PollScheduleMode.FIXED);
  }

  @Test
  void pollScheduleUnknown() {
    assertRejected(
        "poll.schedule", "adaptive", "poll.schedule must be learned or fixed, got adaptive");
  }

  @Test
  void minGapTooLong() {
    assertRejected("poll.min-gap", "2h", "poll.min-gap must be between 0s and 1h, got 2h");
  }

  @Test
  void learnedMinSamplesZero() {
    assertRejected(
        "poll.learned-min-samples",
        "0",
        "poll.learned-min-samples must be between 1 and 100000, got 0");
  }

  @Test
  void learnedMaxDelayTooLong() {
    assertRejected(
        "poll.learned-max-delay", "8d", "poll.learned-max-delay must be between 1s and 7d, got 8d");
  }

  @Test
  void learnedMaxDelayShorterThanMaxDelay() {
    assertRejected(
        "poll.learned-max-delay",
        "30s",
        "poll.learned-max-delay must not be shorter than poll.max-delay, got 30s < 1m");
  }

  @Test
  void runStatsTopicMustDifferFromTheOthers() {
    assertRejected(
        "topics.run-stats",
        "workflow-results",
        "topics.run-stats must differ from topics.results, both are workflow-results");
  }

  @Test
  void retryMaxAttemptsZero() {
    assertRejected(
        "retry.max-attempts", "0", "retry.max-attempts must be between 1 and 1000, got 0");
  }

  @Test
  void maxBufferedZero() {
    assertRejected(
        "delay.max-buffered", "0", "delay.max-buffered must be between 1 and 10000000, got 0");
  }

  @Test
  void maxBacklogZero() {
    assertRejected(
        "delay.max-backlog", "0", "delay.max-backlog must be between 1 and 1000000000000, got 0");
  }

  @Test
  void shutdownTimeoutTooLong() {
    assertRejected("shutdown.timeout", "2h", "shutdown.timeout must be between 0s and 1h, got 2h");
  }

  @Test
  void aggregateWindowZero() {
    assertRejected(
        "aggregate.window", "0s", "aggregate.window must be between 1s and 365d, got 0s");
  }

  @Test
  void rocksDbMemoryNotASize() {
    assertRejected(
        "aggregate.rocksdb.memory",
        "lots",
        "aggregate.rocksdb.memory must be a size like 64m, 512m or 2g, got lots");
  }

  @Test
  void rocksDbMemoryTooSmall() {
    assertRejected(
        "aggregate.rocksdb.memory",
        "1m",
        "aggregate.rocksdb.memory must be between 16m and 64g, got 1m");
  }

  @Test
  void rocksDbMemoryParsed() {
    assertThat(load("aggregate.rocksdb.memory", "1g").aggregateRocksDbMemory()).isEqualTo(1L << 30);
    assertThat(load().aggregateRocksDbMemory()).isEqualTo(128L << 20);
  }

  @Test
  void httpPortOutOfRange() {
    assertRejected("http.port", "70000", "http.port must be between 0 and 65535, got 70000");
  }

  @Test
  void loggingFormatUnknown() {
    assertRejected("logging.format", "xml", "logging.format must be text or json, got xml");
  }

  @Test
  void loggingLevelUnknown() {
    assertRejected(
        "logging.level",
        "verbose",
        "logging.level must be one of trace, debug, info, warn, error, got verbose");
  }

  @Test
  void loggingLevelParsedInAnyCase() {
    assertThat(load("logging.level", "DEBUG").loggingLevel()).isEqualTo(AppConfig.LogLevel.DEBUG);
  }

  @Test
  void producerInFlightAboveFive() {
    assertRejected(
        "kafka.producer.max.in.flight.requests.per.connection",
        "10",
        "kafka.producer.max.in.flight.requests.per.connection must be between 1 and 5"
            + " (idempotent producer), got 10");
  }

  @Test
  void instanceIdWithASpace() {
    assertRejected(
        "instance.id",
        "pod 1",
        "instance.id must be 1-200 letters, digits, '.', '_' or '-', got \"pod 1\"");
  }

  @Test
  void instanceIdIsUnsetByDefaultAndReadWhenGiven() {
    assertThat(load().instance().id()).isEmpty();
    assertThat(load("instance.id", "pod-1").instance().id()).contains("pod-1");
  }

  @Test
  void leaveGroupNotABoolean() {
    assertRejected(
        "shutdown.leave-group", "yes", "shutdown.leave-group must be true or false, got yes");
  }

  @Test
  void aSigtermKeepsTheMembershipByDefault() {
    assertThat(load().instance().leaveGroupOnShutdown()).isFalse();
    assertThat(load("shutdown.leave-group", "true").instance().leaveGroupOnShutdown()).isTrue();
  }
}
